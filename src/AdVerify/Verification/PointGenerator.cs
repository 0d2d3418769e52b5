using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Verification;

/// <summary>
/// Generates points inside an expression's domain with a fixed seed, so runs are repeatable:
/// candidates are drawn from a mix of scales (symmetric around 0, positive, wide
/// log-uniform) and kept when the expression and all its parts are finite there.
/// </summary>
public static class PointGenerator
{
    /// <summary>The number of candidates tried per wanted point before giving up.</summary>
    public const int AttemptsPerPoint = 200;

    /// <summary>Generates points for an expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="wrt">Extra variables to give values to (for example wrt variables the expression does not use).</param>
    /// <param name="count">How many points.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Up to <paramref name="count"/> points (fewer when the domain is hard to hit).</returns>
    public static IReadOnlyList<IReadOnlyDictionary<string, double>> Generate(Expr expr, IReadOnlyList<string> wrt, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var names = expr.Variables.Union(wrt ?? [], StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        var points = new List<IReadOnlyDictionary<string, double>>();
        for (var attempt = 0; attempt < count * AttemptsPerPoint && points.Count < count; attempt++)
        {
            var style = attempt % 3;
            var point = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                point[name] = Draw(random, style);
            }

            if (Evaluation.TryEvaluate(expr, point, out var v, out _) && double.IsFinite(v))
            {
                points.Add(point);
            }
        }

        return points;
    }

    /// <summary>
    /// Generates points for an opaque function of a coordinate vector, drawn from the same mix of
    /// scales as for expressions and kept where the function returns a finite value (and does not throw).
    /// </summary>
    /// <param name="f">The function (it must not keep or modify the array it is given).</param>
    /// <param name="dimension">The number of coordinates.</param>
    /// <param name="count">How many points.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Up to <paramref name="count"/> points (fewer when the domain is hard to hit).</returns>
    public static IReadOnlyList<double[]> Generate(Func<double[], double> f, int dimension, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        var random = new Random(seed);
        var points = new List<double[]>();
        for (var attempt = 0; attempt < count * AttemptsPerPoint && points.Count < count; attempt++)
        {
            var style = attempt % 3;
            var point = new double[dimension];
            for (var i = 0; i < dimension; i++)
            {
                point[i] = Draw(random, style);
            }

            double v;
            try
            {
                v = f((double[])point.Clone());
            }
            catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException)
            {
                continue;
            }

            if (double.IsFinite(v))
            {
                points.Add(point);
            }
        }

        return points;
    }

    private static double Draw(Random random, int style)
    {
        // Rounded to 1/1024 so reports show short numbers; never exactly 0 (a common kink).
        var x = style switch
        {
            0 => (random.NextDouble() * 6) - 3,
            1 => 0.05 + (random.NextDouble() * 2.95),
            _ => (random.Next(2) == 0 ? -1 : 1) * Math.Exp((random.NextDouble() * 6) - 3),
        };
        var rounded = Math.Round(x * 1024) / 1024;
        return rounded == 0 ? 1.0 / 1024 : rounded;
    }
}
