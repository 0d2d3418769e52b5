namespace AdVerify.Numeric;

/// <summary>
/// Richardson extrapolation over a step sequence h, h/r, h/r², … of a difference quotient
/// whose error expands in known powers of h. Each entry carries a truncation estimate (the
/// change from the previous extrapolant) and a propagated rounding estimate.
/// </summary>
internal static class RichardsonTableau
{
    /// <summary>One entry of the tableau.</summary>
    public readonly record struct Entry(double Value, double Truncation, double Rounding, int Row, int Column)
    {
        public double Error => Truncation + Rounding;
    }

    /// <summary>
    /// Extrapolates a run of consecutive valid rows and returns the entry with the smallest error estimate.
    /// </summary>
    /// <param name="values">Raw difference quotients D(h_k), consecutive steps.</param>
    /// <param name="rounding">Rounding-error estimates of the raw quotients.</param>
    /// <param name="exponents">Powers of h in the error expansion, ascending.</param>
    /// <param name="ratio">The step ratio r &gt; 1.</param>
    /// <param name="maxColumns">The maximum number of extrapolation columns.</param>
    /// <param name="firstRow">Index of the first row in the overall sequence (reported in the entry).</param>
    /// <returns>The best entry, or null when the run has fewer than two rows.</returns>
    public static Entry? Best(IReadOnlyList<double> values, IReadOnlyList<double> rounding, IReadOnlyList<int> exponents, double ratio, int maxColumns, int firstRow)
    {
        var n = values.Count;
        if (n < 2)
        {
            return null;
        }

        var columns = Math.Min(maxColumns, exponents.Count);
        var t = new double[n, columns + 1];
        var noise = new double[n, columns + 1];
        for (var k = 0; k < n; k++)
        {
            t[k, 0] = values[k];
            noise[k, 0] = rounding[k];
            for (var j = 1; j <= Math.Min(k, columns); j++)
            {
                var factor = Math.Pow(ratio, exponents[j - 1]);
                t[k, j] = t[k, j - 1] + ((t[k, j - 1] - t[k - 1, j - 1]) / (factor - 1));
                noise[k, j] = ((factor * noise[k, j - 1]) + noise[k - 1, j - 1]) / (factor - 1);
            }
        }

        // The truncation estimate of an entry is the largest change to its neighbours: the
        // extrapolant it was built from, the entry of the previous step, and (stability) the entry
        // of the next step in the same column. Two rows agreeing by coincidence are not enough.
        Entry? best = null;
        for (var k = 1; k < n; k++)
        {
            for (var j = 0; j <= Math.Min(k, columns); j++)
            {
                var change = Math.Abs(t[k, j] - t[k - 1, Math.Max(j - 1, 0)]);
                if (j > 0)
                {
                    change = Math.Max(change, Math.Abs(t[k, j] - t[k, j - 1]));
                }

                if (k + 1 < n)
                {
                    change = Math.Max(change, Math.Abs(t[k + 1, j] - t[k, j]));
                }

                var roundingNext = k + 1 < n ? noise[k + 1, j] : 0;
                Consider(new Entry(t[k, j], change, Math.Max(noise[k, j], roundingNext) + (j == 0 ? noise[k - 1, 0] : 0), firstRow + k, j));
            }
        }

        return best;

        void Consider(Entry e)
        {
            if (double.IsFinite(e.Value) && double.IsFinite(e.Error) && (best is null || e.Error < best.Value.Error))
            {
                best = e;
            }
        }
    }
}
