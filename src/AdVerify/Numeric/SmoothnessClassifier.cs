namespace AdVerify.Numeric;

/// <summary>
/// Classifies a function at a point along one variable or direction: differentiable, kink
/// (finite one-sided derivatives that differ), infinite slope, jump, domain edge or undefined.
/// Each side is first probed with steps h = s/16, s/64, …: the change f(x ± h) − f(x) shrinks
/// like h^β with β ≈ 0 for a jump, 0 &lt; β &lt; 1 for an infinite slope (½ for sqrt, ⅓ for cbrt)
/// and β ≥ 1 for a finite slope; finite sides are then compared by one-sided estimates with
/// error bounds, so functions such as |x|³ or x·|x| at 0 are reported differentiable.
/// </summary>
public static class SmoothnessClassifier
{
    private const int ProbeSteps = 12;

    private enum Side
    {
        Finite,
        Infinite,
        Jump,
        Undefined,
    }

    /// <summary>Classifies a scalar function at a point.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="options">Finite-difference settings (domain predicate, scale).</param>
    /// <param name="name">The variable name used in the message.</param>
    /// <returns>The classification.</returns>
    public static PointClassification Classify(Func<double, double> f, double x, FiniteDifferenceOptions? options = null, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(f);
        return Classify(p => f(p[0]), [x], 0, options, name);
    }

    /// <summary>Classifies a function of several variables at a point, along one coordinate.</summary>
    /// <param name="f">The function of a coordinate vector.</param>
    /// <param name="x">The point.</param>
    /// <param name="variable">The coordinate index.</param>
    /// <param name="options">Finite-difference settings (domain predicate, scale).</param>
    /// <param name="name">The variable name used in the message (x{i} when null).</param>
    /// <returns>The classification.</returns>
    public static PointClassification Classify(Func<double[], double> f, IReadOnlyList<double> x, int variable, FiniteDifferenceOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(variable);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(variable, x.Count);
        options ??= FiniteDifferenceOptions.Default;
        name ??= $"x{variable}";
        var point = x.ToArray();
        var sampler = new StencilSampler(f, point, options.Domain);
        var label = $"{name} = {PointClassification.Format(point[variable])}";
        var f0 = options.Domain is { } domain && !domain(point) ? double.NaN : sampler.Center;
        if (!double.IsFinite(f0))
        {
            return new PointClassification(SmoothnessKind.Undefined, f0, double.NaN, double.NaN, null, null,
                $"undefined at {label}: the function value is {(double.IsNaN(f0) ? "NaN (outside the domain)" : PointClassification.Format(f0))}");
        }

        var scale = options.Scale is { } s ? Math.Abs(s[variable]) : Math.Max(Math.Abs(point[variable]), 1);
        var (leftKind, leftLimit, leftBeta) = Probe(sampler, variable, scale, -1, f0);
        var (rightKind, rightLimit, rightBeta) = Probe(sampler, variable, scale, +1, f0);
        var value = PointClassification.Format(f0);

        if (leftKind == Side.Jump || rightKind == Side.Jump)
        {
            return new PointClassification(SmoothnessKind.Jump, f0, double.NaN, double.NaN, null, null,
                $"jump at {label}: left limit {Limit(leftKind, leftLimit)}, value {value}, right limit {Limit(rightKind, rightLimit)}");
        }

        if (leftKind == Side.Infinite || rightKind == Side.Infinite)
        {
            var left = leftKind == Side.Infinite ? Math.Sign(f0 - leftLimit) * double.PositiveInfinity : double.NaN;
            var right = rightKind == Side.Infinite ? Math.Sign(rightLimit - f0) * double.PositiveInfinity : double.NaN;
            var sides = string.Join(", ", new[]
            {
                leftKind == Side.Infinite ? $"left slope {Slope(left)} (difference quotients grow like h^-{PointClassification.Format(Math.Round(1 - leftBeta, 2))})" : null,
                rightKind == Side.Infinite ? $"right slope {Slope(right)} (difference quotients grow like h^-{PointClassification.Format(Math.Round(1 - rightBeta, 2))})" : null,
                leftKind == Side.Undefined ? "undefined to the left" : null,
                rightKind == Side.Undefined ? "undefined to the right" : null,
            }.Where(t => t is not null));
            return new PointClassification(SmoothnessKind.InfiniteSlope, f0, left, right, null, null, $"infinite slope at {label}: {sides}");
        }

        if (leftKind == Side.Undefined && rightKind == Side.Undefined)
        {
            return new PointClassification(SmoothnessKind.Undefined, f0, double.NaN, double.NaN, null, null,
                $"undefined on both sides of {label}: the function is only defined at the point itself");
        }

        var leftEstimate = leftKind == Side.Finite ? OneSided.Left(f, point, variable, options) : null;
        var rightEstimate = rightKind == Side.Finite ? OneSided.Right(f, point, variable, options) : null;
        if (leftEstimate is null || rightEstimate is null)
        {
            var known = leftEstimate ?? rightEstimate!;
            var side = leftEstimate is null ? "right" : "left";
            var other = leftEstimate is null ? "left" : "right";
            return new PointClassification(SmoothnessKind.DomainEdge, f0, leftEstimate?.Value ?? double.NaN, rightEstimate?.Value ?? double.NaN,
                leftEstimate, rightEstimate, $"domain edge at {label}: undefined to the {other}, {side} slope {PointClassification.Format(known.Value)}");
        }

        var (l, r) = (leftEstimate.Value, rightEstimate.Value);
        var tolerance = leftEstimate.ErrorEstimate + rightEstimate.ErrorEstimate
            + (16 * FiniteDifference.Epsilon * Math.Max(Math.Abs(l), Math.Abs(r)));
        if (!leftEstimate.IsValid || !rightEstimate.IsValid || Math.Abs(l - r) > tolerance)
        {
            return new PointClassification(SmoothnessKind.Kink, f0, l, r, leftEstimate, rightEstimate,
                $"kink at {label}: left slope {PointClassification.Format(l)}, right slope {PointClassification.Format(r)}");
        }

        return new PointClassification(SmoothnessKind.Differentiable, f0, l, r, leftEstimate, rightEstimate,
            $"differentiable at {label}: slope {PointClassification.Format((l + r) / 2)} (left {PointClassification.Format(l)}, right {PointClassification.Format(r)})");
    }

    private static string Limit(Side kind, double limit) =>
        kind == Side.Undefined ? "undefined" : PointClassification.Format(limit);

    private static string Slope(double s) => double.IsPositiveInfinity(s) ? "+inf" : double.IsNegativeInfinity(s) ? "-inf" : "infinite";

    /// <summary>Probes one side: how fast f(x ± h) − f(x) shrinks with h.</summary>
    private static (Side Kind, double Limit, double Beta) Probe(StencilSampler sampler, int axis, double scale, int sign, double f0)
    {
        var deltas = new List<double>();
        var last = double.NaN;
        for (var k = 0; k < ProbeSteps; k++)
        {
            var h = Math.ScaleB(scale / 16, -2 * k);
            if (h < 4 * FiniteDifference.Ulp(sampler.Point[axis]))
            {
                break;
            }

            var v = sampler.Along(axis, sign * h);
            if (!double.IsFinite(v))
            {
                if (deltas.Count > 0)
                {
                    deltas.Clear(); // the domain is not an interval around the point at this scale: restart closer in
                }

                continue;
            }

            last = v;
            deltas.Add(Math.Abs(v - f0) > 64 * FiniteDifference.Epsilon * Math.Max(Math.Abs(f0), Math.Abs(v)) ? Math.Abs(v - f0) : 0);
        }

        if (deltas.Count == 0)
        {
            return (Side.Undefined, double.NaN, double.NaN);
        }

        // Exponents of successive changes (ratio 4 in h), from the smallest steps that are above rounding.
        var betas = new List<double>();
        for (var k = deltas.Count - 2; k >= 0 && betas.Count < 4; k--)
        {
            if (deltas[k] > 0 && deltas[k + 1] > 0)
            {
                betas.Add(Math.Log(deltas[k] / deltas[k + 1], 4));
            }
        }

        if (betas.Count == 0)
        {
            return (Side.Finite, last, 1);
        }

        betas.Sort();
        var beta = betas[betas.Count / 2];
        return beta switch
        {
            < 0.25 => (Side.Jump, last, beta),
            < 0.9 => (Side.Infinite, last, beta),
            _ => (Side.Finite, last, beta),
        };
    }
}
