namespace AdVerify.Numeric;

/// <summary>
/// Finite-difference derivatives with error estimates: central stencils of several orders
/// (and one-sided stencils near domain edges), each run over a halving step sequence with
/// Richardson extrapolation; the entry with the smallest estimated error (truncation from
/// successive extrapolants plus propagated rounding) is returned. This oracle owns no
/// derivative rules: it only calls the function.
/// </summary>
public static class FiniteDifference
{
    private const double Ratio = 2;

    /// <summary>The derivative f′(x) of a scalar function.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="options">Settings; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    /// <returns>The estimate with its error estimate.</returns>
    public static DerivativeEstimate Derivative(Func<double, double> f, double x, FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Partial(p => f(p[0]), [x], 0, options);
    }

    /// <summary>The second derivative f″(x) of a scalar function.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="options">Settings; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    /// <returns>The estimate with its error estimate.</returns>
    public static DerivativeEstimate SecondDerivative(Func<double, double> f, double x, FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return SecondPartial(p => f(p[0]), [x], 0, 0, options);
    }

    /// <summary>The partial derivative ∂f/∂xᵢ at a point.</summary>
    /// <param name="f">The function of a coordinate vector (it must not keep or modify the array it is given).</param>
    /// <param name="x">The point.</param>
    /// <param name="variable">The index i of the coordinate.</param>
    /// <param name="options">Settings; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    /// <returns>The estimate with its error estimate.</returns>
    public static DerivativeEstimate Partial(Func<double[], double> f, IReadOnlyList<double> x, int variable, FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(variable);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(variable, x.Count);
        options ??= FiniteDifferenceOptions.Default;
        var sampler = new StencilSampler(f, x.ToArray(), options.Domain);
        return Estimate(sampler, options, [variable], 1);
    }

    /// <summary>The gradient: every partial derivative, each with its own error estimate.</summary>
    /// <param name="f">The function of a coordinate vector.</param>
    /// <param name="x">The point.</param>
    /// <param name="options">Settings; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    /// <returns>One estimate per coordinate.</returns>
    public static DerivativeEstimate[] Gradient(Func<double[], double> f, IReadOnlyList<double> x, FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Enumerable.Range(0, x.Count).Select(i => Partial(f, x, i, options)).ToArray();
    }

    /// <summary>A second partial derivative ∂²f/∂xᵢ∂xⱼ (diagonal when i = j, mixed otherwise).</summary>
    /// <param name="f">The function of a coordinate vector.</param>
    /// <param name="x">The point.</param>
    /// <param name="i">The first coordinate index.</param>
    /// <param name="j">The second coordinate index.</param>
    /// <param name="options">Settings; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    /// <returns>The estimate with its error estimate.</returns>
    public static DerivativeEstimate SecondPartial(Func<double[], double> f, IReadOnlyList<double> x, int i, int j, FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(Math.Min(i, j));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Math.Max(i, j), x.Count);
        options ??= FiniteDifferenceOptions.Default;
        var sampler = new StencilSampler(f, x.ToArray(), options.Domain);
        return i == j ? Estimate(sampler, options, [i], 2) : Estimate(sampler, options, [Math.Min(i, j), Math.Max(i, j)], 1);
    }

    /// <summary>The Hessian matrix of second partial derivatives (symmetric; each mixed entry computed once).</summary>
    /// <param name="f">The function of a coordinate vector.</param>
    /// <param name="x">The point.</param>
    /// <param name="options">Settings; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    /// <returns>The n × n matrix of estimates.</returns>
    public static DerivativeEstimate[,] Hessian(Func<double[], double> f, IReadOnlyList<double> x, FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n = x.Count;
        var h = new DerivativeEstimate[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                h[i, j] = h[j, i] = SecondPartial(f, x, i, j, options);
            }
        }

        return h;
    }

    private sealed record Plan(int[] Axes, Stencil[] Stencils, double[] Units, int[] Exponents, double Noise)
    {
        /// <summary>True for plans started from the coordinates' own magnitude (smaller than 1) instead of max(|x|, 1).</summary>
        public bool Local { get; init; }

        public int Reach => Stencils.Max(s => s.Reach);

        public string Name => Stencils.Length == 1 ? Stencils[0].Name : $"{Stencils[0].Name} x {Stencils[1].Name}";
    }

    private readonly record struct Row(bool Valid, double Value, double Rounding, double Spread = 0);

    /// <summary>Runs every applicable stencil plan and keeps the estimate with the smallest error.</summary>
    internal static DerivativeEstimate Estimate(StencilSampler sampler, FiniteDifferenceOptions options, int[] axes, int orderPerAxis)
    {
        var x = sampler.Point;
        var what = axes.Length == 2 ? $"d2f/dx{axes[0]}dx{axes[1]}" : orderPerAxis == 2 ? $"d2f/dx{axes[0]}^2" : $"df/dx{axes[0]}";
        if (options.Domain is not null && !options.Domain(x))
        {
            return DerivativeEstimate.Failed(what, 0, "the point lies outside the domain");
        }

        if (!double.IsFinite(sampler.Center))
        {
            return DerivativeEstimate.Failed(what, sampler.Evaluations, $"the function value at the point is {sampler.Center}");
        }

        var plans = Plans(sampler, options, axes, orderPerAxis);
        RichardsonTableau.Entry? best = null;
        Plan? bestPlan = null;
        double bestStep = 0;
        RichardsonTableau.Entry? bestLocal = null;
        Plan? bestLocalPlan = null;
        double bestLocalStep = 0;
        var discarded = 0;
        foreach (var plan in plans)
        {
            var t0 = StartStep(plan);
            var values = new List<double>();
            var rounding = new List<double>();
            var first = 0;
            for (var k = 0; k <= options.Rows; k++)
            {
                var t = Math.ScaleB(t0, -k);
                var tooSmall = plan.Axes.Select((a, i) => t * plan.Units[i] < 4 * Ulp(x[a])).Any(b => b);
                var row = k == options.Rows || tooSmall ? new Row(false, 0, 0) : EvaluateRow(sampler, plan, t, options);
                if (row.Valid)
                {
                    values.Add(row.Value);
                    rounding.Add(row.Rounding);
                    continue;
                }

                if (k < options.Rows && !tooSmall)
                {
                    discarded++;
                }

                var candidate = RichardsonTableau.Best(values, rounding, plan.Exponents, Ratio, options.MaxExtrapolations, first);
                if (candidate is { } c && (best is null || c.Error < best.Value.Error))
                {
                    best = c;
                    bestPlan = plan;
                    bestStep = Math.ScaleB(t0, -c.Row) * plan.Units[0];
                }

                if (candidate is { } l && plan.Local && (bestLocal is null || l.Error < bestLocal.Value.Error))
                {
                    bestLocal = l;
                    bestLocalPlan = plan;
                    bestLocalStep = Math.ScaleB(t0, -l.Row) * plan.Units[0];
                }

                values.Clear();
                rounding.Clear();
                first = k + 1;
                if (tooSmall)
                {
                    break;
                }
            }
        }

        if (best is { } g && bestLocal is { } loc && !ReferenceEquals(bestPlan, bestLocalPlan)
            && Math.Abs(g.Value - loc.Value) > g.Error + loc.Error)
        {
            // The steps on the coordinate's own scale disagree with the larger ones: the function bends on
            // that scale (its Taylor series at x converges only within it), so the larger steps never saw
            // the local behaviour. Trust the local estimate.
            best = loc;
            bestPlan = bestLocalPlan;
            bestStep = bestLocalStep;
        }

        var note = sampler.Rejected + sampler.NonFinite > 0
            ? $"{sampler.Rejected} point(s) outside the domain skipped, {sampler.NonFinite} non-finite value(s) discarded"
            : null;
        if (best is not { } b || bestPlan is null)
        {
            return DerivativeEstimate.Failed(what, sampler.Evaluations, note ?? "no stencil row could be evaluated");
        }

        var method = $"{bestPlan.Name}, Richardson {b.Column} column(s)";
        var spread = EvaluateRow(sampler, bestPlan, Math.ScaleB(StartStep(bestPlan), -b.Row), options).Spread;
        if (b.Truncation > 0.05 * spread && b.Truncation > 4 * b.Rounding)
        {
            // The best entry removed less than 95% of the variation of f across its own stencil: the
            // steps never resolved f (it varies on a scale below the smallest step). No bound is known.
            return new DerivativeEstimate(b.Value, double.PositiveInfinity, bestStep, method, sampler.Evaluations)
            {
                Note = $"no convergence: the error estimate {b.Error:G3} is comparable to the variation of f across the stencil" + (note is null ? "" : "; " + note),
            };
        }

        return new DerivativeEstimate(b.Value, options.Safety * b.Error, bestStep, method, sampler.Evaluations) { Note = note };
    }

    /// <summary>The first step multiplier: the stencil then spans about half the unit length on each side.</summary>
    private static double StartStep(Plan plan) => Math.ScaleB(1.0, (int)Math.Floor(Math.Log2(0.5 / plan.Reach)));

    /// <summary>
    /// The stencil plans to try. Each axis starts from the scale max(|x|, 1) and, for a coordinate
    /// with 0 &lt; |x| &lt; 1, also from its own magnitude |x| (a function can vary on the scale of the
    /// coordinate, as √(x² + y² + 10⁻¹²) does at x = 10⁻⁴); the error estimates decide between them.
    /// </summary>
    private static List<Plan> Plans(StencilSampler sampler, FiniteDifferenceOptions options, int[] axes, int orderPerAxis)
    {
        var x = sampler.Point;
        var plans = new List<Plan>();
        var local = options.Scale is null && axes.Any(a => Math.Abs(x[a]) is > 0 and < 1);
        foreach (var useLocal in local ? new[] { false, true } : [false])
        {
            var scale = new double[axes.Length];
            for (var i = 0; i < axes.Length; i++)
            {
                var a = axes[i];
                var s = options.Scale is { } given ? Math.Abs(given[a])
                    : useLocal && Math.Abs(x[a]) is > 0 and < 1 ? Math.Abs(x[a])
                    : Math.Max(Math.Abs(x[a]), 1);
                scale[i] = PowerOfTwoAtMost(s > 0 && double.IsFinite(s) ? s : 1);
            }

            plans.AddRange(PlansAtScale(sampler, options, axes, orderPerAxis, scale).Select(p => p with { Local = useLocal }));
        }

        return plans;
    }

    private static List<Plan> PlansAtScale(StencilSampler sampler, FiniteDifferenceOptions options, int[] axes, int orderPerAxis, double[] scale)
    {
        var up = new double[axes.Length];
        var down = new double[axes.Length];
        for (var i = 0; i < axes.Length; i++)
        {
            up[i] = EdgeDistance(sampler, axes[i], scale[i], +1);
            down[i] = EdgeDistance(sampler, axes[i], scale[i], -1);
        }

        var edge = up.Concat(down).Any(double.IsFinite);
        var noise = 0.0;
        for (var i = 0; i < axes.Length; i++)
        {
            var local = Math.Min(scale[i], Math.Min(up[i], down[i]));
            noise = Math.Max(noise, NoiseLevel(sampler, axes[i], local * options.NoiseProbe));
        }

        var sides = options.Stencils switch
        {
            StencilChoice.CentralOnly => [StencilSide.Central],
            StencilChoice.ForwardOnly => [StencilSide.Forward],
            StencilChoice.BackwardOnly => [StencilSide.Backward],
            _ when edge => new[] { StencilSide.Central, StencilSide.Forward, StencilSide.Backward },
            _ => [StencilSide.Central],
        };

        var plans = new List<Plan>();
        foreach (var side in sides)
        {
            var units = new double[axes.Length];
            for (var i = 0; i < axes.Length; i++)
            {
                // A one-sided stencil needs room on its own side; an edge on the other side still sets the
                // length scale (the Taylor series at x converges only up to it) unless x sits on that edge.
                var room = side switch
                {
                    StencilSide.Forward => Math.Min(up[i], down[i] > 0 ? down[i] : double.PositiveInfinity),
                    StencilSide.Backward => Math.Min(down[i], up[i] > 0 ? up[i] : double.PositiveInfinity),
                    _ => Math.Min(up[i], down[i]),
                };
                units[i] = Math.Min(scale[i], room);
                if (units[i] <= 0)
                {
                    units[i] = double.NaN;
                }
            }

            if (units.Any(double.IsNaN))
            {
                continue;
            }

            var sizes = side == StencilSide.Central ? options.CentralPoints : options.OneSidedOrders;
            foreach (var size in sizes)
            {
                var stencils = axes.Select(_ => side == StencilSide.Central
                    ? Stencil.Central(orderPerAxis, orderPerAxis == 2 ? size + 1 : size)
                    : Stencil.OneSided(side, orderPerAxis, size + orderPerAxis)).ToArray();
                plans.Add(new Plan(axes, stencils, units, Exponents(stencils), noise));
            }
        }

        return plans;
    }

    private static int[] Exponents(Stencil[] stencils)
    {
        if (stencils.Length == 1)
        {
            return stencils[0].ErrorExponents;
        }

        var a = stencils[0].ErrorExponents;
        var b = stencils[1].ErrorExponents;
        return a.Concat(b).Concat(a.SelectMany(p => b.Select(q => p + q))).Distinct().Order().Take(8).ToArray();
    }

    /// <summary>
    /// An empirical estimate of the rounding noise of f near the point (absolute, per value):
    /// the 6th to 8th differences of f on nine points spaced δ apart are dominated by noise when
    /// δ is tiny, and a difference of order k of independent noise σ has spread σ·√C(2k, k).
    /// This catches functions evaluated with cancellation (noise far above ε·|f|). Returns 0 when
    /// the points cannot be evaluated.
    /// </summary>
    private static double NoiseLevel(StencilSampler sampler, int axis, double delta)
    {
        if (!(delta > 16 * Ulp(sampler.Point[axis])))
        {
            return 0;
        }

        var d = new double[9];
        for (var j = 0; j < 9; j++)
        {
            d[j] = sampler.Along(axis, (j - 4) * delta);
            if (!double.IsFinite(d[j]))
            {
                return 0;
            }
        }

        var level = 0.0;
        for (var k = 1; k <= 8; k++)
        {
            for (var j = 0; j + k < 9; j++)
            {
                d[j] = d[j + 1] - d[j];
            }

            if (k >= 6)
            {
                double sumSquares = 0;
                for (var j = 0; j + k < 9; j++)
                {
                    sumSquares += d[j] * d[j];
                }

                var binomial = k switch { 6 => 924.0, 7 => 3432.0, _ => 12870.0 };
                level = Math.Max(level, Math.Sqrt(sumSquares / (9 - k) / binomial));
            }
        }

        return level;
    }

    /// <summary>The largest power of two t ≤ <paramref name="scale"/> with x ± t admissible; +∞ when t = scale is.</summary>
    private static double EdgeDistance(StencilSampler sampler, int axis, double scale, int sign)
    {
        var x = sampler.Point[axis];
        var floor = 4 * Ulp(x);
        for (var t = scale; t >= floor && t > 0; t /= 2)
        {
            if (sampler.Admissible(axis, sign * t))
            {
                return t == scale ? double.PositiveInfinity : t;
            }
        }

        return 0;
    }

    /// <summary>The spacing of doubles at |x| (at least the smallest subnormal).</summary>
    internal static double Ulp(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);

    private static double PowerOfTwoAtMost(double v) => Math.ScaleB(1.0, (int)Math.Floor(Math.Log2(v)));

    private static Row EvaluateRow(StencilSampler sampler, Plan plan, double t, FiniteDifferenceOptions options)
    {
        var x = sampler.Point;
        var a = plan.Axes[0];
        var sa = plan.Stencils[0];
        var ha = t * plan.Units[0];
        double sum = 0, absSum = 0, weightSum = 0, shift = 0, fmin = double.PositiveInfinity, fmax = double.NegativeInfinity;
        double denominator;
        if (plan.Axes.Length == 1)
        {
            denominator = Math.Pow(ha, sa.DerivativeOrder);
            for (var p = 0; p < sa.Offsets.Length; p++)
            {
                var va = x[a] + (sa.Offsets[p] * ha);
                var fv = sampler.At(a, va, a, va);
                if (!Accumulate(sa.Weights[p], fv, Misplacement(x[a], va, sa.Offsets[p] * ha)))
                {
                    return default;
                }
            }
        }
        else
        {
            var b = plan.Axes[1];
            var sb = plan.Stencils[1];
            var hb = t * plan.Units[1];
            denominator = ha * hb;
            for (var p = 0; p < sa.Offsets.Length; p++)
            {
                var va = x[a] + (sa.Offsets[p] * ha);
                for (var q = 0; q < sb.Offsets.Length; q++)
                {
                    var vb = x[b] + (sb.Offsets[q] * hb);
                    var fv = sampler.At(a, va, b, vb);
                    var moved = Misplacement(x[a], va, sa.Offsets[p] * ha) + Misplacement(x[b], vb, sb.Offsets[q] * hb);
                    if (!Accumulate(sa.Weights[p] * sb.Weights[q], fv, moved))
                    {
                        return default;
                    }
                }
            }
        }

        var rounding = (options.RoundingUlps * Epsilon * absSum) + (2 * plan.Noise * weightSum);
        if (shift > 0)
        {
            // Some stencil points could not be placed exactly: bound the effect by a slope estimate.
            rounding += shift * (fmax - fmin) / Math.Min(ha, t * plan.Units[^1]);
        }

        return new Row(true, sum / denominator, rounding / denominator, (fmax - fmin) / denominator);

        bool Accumulate(double weight, double fv, double misplaced)
        {
            if (!double.IsFinite(fv))
            {
                return false;
            }

            sum += weight * fv;
            absSum += Math.Abs(weight * fv);
            weightSum += Math.Abs(weight);
            shift += Math.Abs(weight) * misplaced;
            fmin = Math.Min(fmin, fv);
            fmax = Math.Max(fmax, fv);
            return true;
        }
    }

    /// <summary>Machine epsilon 2⁻⁵², the spacing of doubles at 1.</summary>
    internal const double Epsilon = 2.220446049250313e-16;

    private static double Misplacement(double x, double moved, double intended) => Math.Abs((moved - x) - intended);
}
