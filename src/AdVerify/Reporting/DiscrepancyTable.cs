using System.Globalization;
using System.Text;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>
/// The failure message of one case, localized to the points that failed: for each such point its
/// verdict, then one row per discrepancy (variable, the two sources compared, their values, the
/// relative error, the tolerance exceeded and the odd one out), then the gradient by source.
/// Used by test-framework assertions, where a bare <c>False</c> says nothing. User text is made
/// <see cref="ReportText.Visible"/>, so it cannot break the table or drive the terminal.
/// </summary>
public static class DiscrepancyTable
{
    /// <summary>Writes the details of every point of a case that does not satisfy <paramref name="passes"/>.</summary>
    /// <param name="result">The case result.</param>
    /// <param name="passes">Which point results count as passing; by default those with a consistent verdict.</param>
    /// <returns>The text (empty when every point passes).</returns>
    public static string Write(CaseResult result, Func<PointResult, bool>? passes = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        passes ??= r => r.Verdict == Verdict.Consistent;
        var sb = new StringBuilder();
        foreach (var r in result.Results.Where(r => !passes(r)))
        {
            sb.Append(Write(r));
        }

        return sb.ToString();
    }

    /// <summary>Writes the details of one point: verdict, message, discrepancy rows and the gradient by source.</summary>
    /// <param name="result">The point result.</param>
    /// <returns>The text, ending with a line break.</returns>
    public static string Write(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append("At ").Append(V(Reports.PointText(result.Point))).Append(": ").Append(result.Verdict.Name());
        if (!double.IsNaN(result.Value))
        {
            sb.Append(" (f = ").Append(Reports.Short(result.Value)).Append(')');
        }

        sb.AppendLine();
        if (result.Discrepancies.Count > 0)
        {
            var rows = new List<string[]> { new[] { "variable", "sources", "values", "relative error", "tolerance", "odd one out" } };
            foreach (var d in result.Discrepancies)
            {
                rows.Add([
                    V(d.Variable),
                    V(string.Join(" vs ", d.Sources)),
                    string.Join(" vs ", d.Values.Select(Reports.Num)),
                    G3(d.RelativeError),
                    G3(d.Tolerance),
                    d.OddOneOut is null ? "(no majority)" : V(d.OddOneOut),
                ]);
            }

            AppendTable(sb, rows);
        }

        // The table already shows the discrepancies; only a message the verifier stated adds to it.
        if (result.StatedMessage is { Length: > 0 } message)
        {
            sb.Append("  ").AppendLine(V(message));
        }

        if (result.Gradient.Count > 0)
        {
            var variables = result.Gradient.Values.SelectMany(g => g.Keys).Distinct(StringComparer.Ordinal).ToList();
            var rows = new List<string[]> { new[] { "gradient" }.Concat(variables.Select(v => "∂/∂" + V(v))).ToArray() };
            foreach (var (source, values) in result.Gradient)
            {
                rows.Add(new[] { V(source) }.Concat(variables.Select(v => values.TryGetValue(v, out var x) ? Reports.Num(x) : "")).ToArray());
            }

            if (result.FiniteDifferenceError.Count > 0)
            {
                rows.Add(new[] { "±fd error" }.Concat(variables.Select(v => result.FiniteDifferenceError.TryGetValue(v, out var x) ? G3(x) : "")).ToArray());
            }

            // In float32: the single-precision engines (and claim) and how far rounding alone may move them.
            foreach (var (source, values) in result.Float32?.Gradient ?? new Dictionary<string, IReadOnlyDictionary<string, double>>())
            {
                rows.Add(new[] { V(source) }.Concat(variables.Select(v => values.TryGetValue(v, out var x) ? Reports.Num(x) : "")).ToArray());
            }

            if (result.Float32 is { } f)
            {
                rows.Add(new[] { "±float32 bound" }.Concat(variables.Select(v => f.GradientBound.TryGetValue(v, out var x) ? G3(x) : "")).ToArray());
            }

            AppendTable(sb, rows);
        }

        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        for (var k = 0; k < rows.Count; k++)
        {
            sb.Append("  ").AppendLine(string.Join(" | ", rows[k].Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            if (k == 0)
            {
                sb.Append("  ").AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
            }
        }
    }

    private static string V(string s) => ReportText.Visible(s);

    private static string G3(double v) => double.IsNaN(v) ? "—" : v.ToString("G3", CultureInfo.InvariantCulture);
}
