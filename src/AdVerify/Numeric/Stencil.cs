using System.Collections.Concurrent;
using AdVerify.Expressions;

namespace AdVerify.Numeric;

/// <summary>Which side of the point a stencil samples.</summary>
public enum StencilSide
{
    /// <summary>Symmetric offsets −k … k around the point.</summary>
    Central,

    /// <summary>Offsets 0 … n − 1: the stencil never goes below the point.</summary>
    Forward,

    /// <summary>Offsets −(n − 1) … 0: the stencil never goes above the point.</summary>
    Backward,
}

/// <summary>
/// A one-dimensional finite-difference stencil on integer offsets: Σ cᵢ f(x + sᵢ h) / hᵐ
/// approximates the m-th derivative. The weights are derived here exactly, in rational
/// arithmetic, from the moment conditions Σ cᵢ sᵢᵏ = m!·[k = m] for k &lt; n; the powers of h in
/// the truncation error follow from the first moments that do not vanish.
/// </summary>
internal sealed class Stencil
{
    private static readonly ConcurrentDictionary<(StencilSide, int, int), Stencil> Cache = new();

    private Stencil(StencilSide side, int derivativeOrder, int[] offsets, double[] weights, int[] errorExponents)
    {
        Side = side;
        DerivativeOrder = derivativeOrder;
        Offsets = offsets;
        Weights = weights;
        ErrorExponents = errorExponents;
    }

    /// <summary>Which side the stencil samples.</summary>
    public StencilSide Side { get; }

    /// <summary>The order m of the derivative approximated.</summary>
    public int DerivativeOrder { get; }

    /// <summary>The integer offsets sᵢ.</summary>
    public int[] Offsets { get; }

    /// <summary>The weights cᵢ (exact rationals rounded to double).</summary>
    public double[] Weights { get; }

    /// <summary>The powers of h in the truncation error, ascending (the first is the accuracy order).</summary>
    public int[] ErrorExponents { get; }

    /// <summary>The accuracy order p: the error is O(hᵖ).</summary>
    public int AccuracyOrder => ErrorExponents[0];

    /// <summary>The largest |offset|.</summary>
    public int Reach => Offsets.Max(Math.Abs);

    /// <summary>A short name such as <c>central-4</c> or <c>forward-3</c> (side and number of points).</summary>
    public string Name => $"{Side.ToString().ToLowerInvariant()}-{Offsets.Length}";

    /// <summary>The central stencil of the given number of nonzero-weight points (first derivative: 2, 4, 6, 8; second: 3, 5, 7, 9).</summary>
    /// <param name="derivativeOrder">1 or 2.</param>
    /// <param name="points">The number of points.</param>
    /// <returns>The stencil.</returns>
    public static Stencil Central(int derivativeOrder, int points) =>
        Cache.GetOrAdd((StencilSide.Central, derivativeOrder, points), key => Build(key.Item1, key.Item2, CentralOffsets(key.Item3)));

    /// <summary>A one-sided stencil with the given number of points (offsets 0 … n − 1, or their negatives).</summary>
    /// <param name="side">Forward or backward.</param>
    /// <param name="derivativeOrder">The derivative order.</param>
    /// <param name="points">The number of points (at least derivative order + 1).</param>
    /// <returns>The stencil.</returns>
    public static Stencil OneSided(StencilSide side, int derivativeOrder, int points) =>
        Cache.GetOrAdd((side, derivativeOrder, points), key =>
        {
            var sign = key.Item1 == StencilSide.Forward ? 1 : -1;
            return Build(key.Item1, key.Item2, Enumerable.Range(0, key.Item3).Select(i => sign * i).ToArray());
        });

    private static int[] CentralOffsets(int points)
    {
        var half = points / 2;
        var offsets = new List<int>();
        for (var i = -half; i <= half; i++)
        {
            if (i != 0 || points % 2 == 1)
            {
                offsets.Add(i);
            }
        }

        return offsets.ToArray();
    }

    private static Stencil Build(StencilSide side, int m, int[] offsets)
    {
        var n = offsets.Length;
        if (m < 1 || n <= m)
        {
            throw new ArgumentException($"A stencil for derivative order {m} needs more than {m} points.");
        }

        // Moment system: Σ_j c_j s_j^k = m!·[k = m], k = 0 … n−1, solved exactly.
        var a = new Rational[n, n + 1];
        for (var k = 0; k < n; k++)
        {
            for (var j = 0; j < n; j++)
            {
                a[k, j] = new Rational(offsets[j]).Pow(k);
            }

            a[k, n] = k == m ? Factorial(m) : Rational.Zero;
        }

        var c = SolveExactly(a, n);

        // Error terms: h^(k−m) for every k ≥ n whose moment does not vanish.
        var exponents = new List<int>();
        for (var k = n; exponents.Count < 8 && k < n + 24; k++)
        {
            var moment = Rational.Zero;
            for (var j = 0; j < n; j++)
            {
                moment += c[j] * new Rational(offsets[j]).Pow(k);
            }

            if (!moment.IsZero)
            {
                exponents.Add(k - m);
            }
        }

        var keep = Enumerable.Range(0, n).Where(j => !c[j].IsZero).ToArray();
        return new Stencil(side, m, keep.Select(j => offsets[j]).ToArray(), keep.Select(j => c[j].ToDouble()).ToArray(), exponents.ToArray());
    }

    private static Rational Factorial(int m)
    {
        var f = Rational.One;
        for (var i = 2; i <= m; i++)
        {
            f *= i;
        }

        return f;
    }

    private static Rational[] SolveExactly(Rational[,] a, int n)
    {
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            while (a[pivot, col].IsZero)
            {
                pivot++;
            }

            if (pivot != col)
            {
                for (var j = 0; j <= n; j++)
                {
                    (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
                }
            }

            for (var row = 0; row < n; row++)
            {
                if (row == col || a[row, col].IsZero)
                {
                    continue;
                }

                var factor = a[row, col] / a[col, col];
                for (var j = col; j <= n; j++)
                {
                    a[row, j] -= factor * a[col, j];
                }
            }
        }

        var x = new Rational[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = a[i, n] / a[i, i];
        }

        return x;
    }
}
