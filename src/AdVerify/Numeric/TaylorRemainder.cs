namespace AdVerify.Numeric;

/// <summary>The verdict of a Taylor remainder test.</summary>
public enum TaylorVerdict
{
    /// <summary>The remainder shrinks like h² (or faster, or stays at rounding level): the gradient is consistent with f.</summary>
    Consistent,

    /// <summary>The remainder shrinks like h: the gradient is wrong along the tested direction.</summary>
    Inconsistent,

    /// <summary>No clear order could be measured.</summary>
    Inconclusive,
}

/// <summary>The outcome of <see cref="TaylorRemainder.Test"/>.</summary>
/// <param name="Verdict">Consistent (order ≈ 2), inconsistent (order ≈ 1) or inconclusive.</param>
/// <param name="Order">The estimated convergence order of the remainder (NaN when not measurable).</param>
/// <param name="Steps">The steps h used.</param>
/// <param name="Remainders">r(h) = |f(x + hv) − f(x) − h⟨g, v⟩| for each step (NaN where f was not finite).</param>
/// <param name="Direction">The direction v.</param>
/// <param name="Message">A human-readable summary.</param>
public sealed record TaylorTestResult(TaylorVerdict Verdict, double Order, IReadOnlyList<double> Steps, IReadOnlyList<double> Remainders, IReadOnlyList<double> Direction, string Message);

/// <summary>
/// The Taylor remainder test, a step-free tie-breaker between a claimed gradient and the
/// function: for a correct gradient g, r(h) = |f(x + hv) − f(x) − h⟨g, v⟩| shrinks like h²;
/// for a wrong one, like h. The order is read off the smallest steps whose remainders are
/// still well above rounding level.
/// </summary>
public static class TaylorRemainder
{
    private const int StepCount = 24;

    /// <summary>Runs the test.</summary>
    /// <param name="f">The function of a coordinate vector.</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">The claimed gradient at x.</param>
    /// <param name="direction">The direction v; a fixed pseudo-random direction (scaled to the coordinates) when null.</param>
    /// <param name="epsilon">The machine epsilon of the precision f computes in (2⁻²³ for float code): remainders below a multiple of it are rounding.</param>
    /// <returns>The estimated order and verdict.</returns>
    public static TaylorTestResult Test(Func<double[], double> f, IReadOnlyList<double> x, IReadOnlyList<double> gradient, IReadOnlyList<double>? direction = null,
        double epsilon = FiniteDifference.Epsilon)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradient);
        var n = x.Count;
        if (gradient.Count != n || (direction is not null && direction.Count != n))
        {
            throw new ArgumentException("The point, gradient and direction must have the same length.");
        }

        var v = direction?.ToArray() ?? DefaultDirection(x);
        var f0 = f(x.ToArray());
        var slope = 0.0;
        for (var i = 0; i < n; i++)
        {
            slope += gradient[i] * v[i];
        }

        var reach = Enumerable.Range(0, n).Max(i => Math.Abs(v[i]) / Math.Max(Math.Abs(x[i]), 1));
        var h0 = reach > 0 ? Math.ScaleB(1.0, (int)Math.Floor(Math.Log2(0.1 / reach))) : 1;
        var steps = new double[StepCount];
        var remainders = new double[StepCount];
        var valid = new bool[StepCount];
        for (var k = 0; k < StepCount; k++)
        {
            var h = Math.ScaleB(h0, -k);
            var p = new double[n];
            for (var i = 0; i < n; i++)
            {
                p[i] = x[i] + (h * v[i]);
            }

            var fh = f(p);
            steps[k] = h;
            remainders[k] = Math.Abs(fh - f0 - (h * slope));
            var noise = 8 * epsilon * (Math.Abs(f0) + Math.Abs(fh) + Math.Abs(h * slope) + Math.Abs(slope) * Enumerable.Range(0, n).Sum(i => Math.Abs(x[i] * v[i])));
            valid[k] = double.IsFinite(fh) && remainders[k] > 32 * noise;
        }

        var orders = new List<(double H, double Order)>();
        for (var k = 0; k + 1 < StepCount; k++)
        {
            if (valid[k] && valid[k + 1])
            {
                orders.Add((steps[k + 1], Math.Log2(remainders[k] / remainders[k + 1])));
            }
        }

        if (!double.IsFinite(f0))
        {
            return new TaylorTestResult(TaylorVerdict.Inconclusive, double.NaN, steps, remainders, v, $"f is not finite at the point ({f0})");
        }

        if (orders.Count == 0)
        {
            return valid.Any(b => b)
                ? new TaylorTestResult(TaylorVerdict.Inconclusive, double.NaN, steps, remainders, v, "too few remainders above rounding level to measure an order")
                : new TaylorTestResult(TaylorVerdict.Consistent, double.NaN, steps, remainders, v,
                    "the remainder stays at rounding level for every step: the gradient is consistent along the direction (f looks linear there)");
        }

        var tail = orders.TakeLast(3).Select(o => o.Order).Order().ToArray();
        var order = tail[tail.Length / 2];
        var smallest = Array.FindLastIndex(valid, b => b);
        var mismatch = remainders[smallest] / steps[smallest];
        var text = $"remainder order {PointClassification.Format(Math.Round(order, 2))} over steps down to {PointClassification.Format(orders[^1].H)}";
        return order switch
        {
            >= 1.6 => new TaylorTestResult(TaylorVerdict.Consistent, order, steps, remainders, v, $"{text}: consistent with a correct gradient"),
            <= 1.3 => new TaylorTestResult(TaylorVerdict.Inconsistent, order, steps, remainders, v,
                $"{text}: the gradient is wrong along the direction (directional derivative off by about {PointClassification.Format(mismatch)})"),
            _ => new TaylorTestResult(TaylorVerdict.Inconclusive, order, steps, remainders, v, $"{text}: neither first nor second order"),
        };
    }

    private static double[] DefaultDirection(IReadOnlyList<double> x)
    {
        var random = new Random(20_261_101);
        return x.Select(xi => (0.5 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1) * Math.Max(Math.Abs(xi), 1)).ToArray();
    }
}
