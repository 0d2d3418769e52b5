using System.Globalization;
using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Numeric;
using AdVerify.Reverse;
using AdVerify.Symbolic;

namespace AdVerify.Verification.Pipeline;

/// <summary>Computes each source's directional derivative (and second directional derivative) along given directions.</summary>
internal sealed class Projector
{
    private const double Eps = 2.220446049250313e-16;

    private readonly PointContext _ctx;
    private readonly double[]? _reverse;
    private readonly double[]? _claim;
    private readonly double[]? _claimBounds;
    private readonly Expr? _expr;
    private readonly HessianClaimValues? _hessianClaim;
    private readonly Dictionary<string, string> _absent = new(StringComparer.Ordinal);

    public Projector(PointContext ctx)
    {
        _ctx = ctx;
        var p = ctx.Problem;
        if (p.Definition.Function is { } f)
        {
            try
            {
                var g = ReverseMode.Gradient(f, ctx.X).Gradient;
                _reverse = p.Wrt.Select(i => g[i]).ToArray();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _absent[Sources.Reverse] = $"reverse mode threw {e.GetType().Name}: {e.Message}";
            }
        }
        else
        {
            _absent[Sources.Forward] = _absent[Sources.Reverse] = _absent[Sources.Symbolic] = _absent[Sources.ComplexStep] =
                "the function is opaque (only its values are known)";
        }

        if (p.Claim is { } claim)
        {
            var values = claim.Evaluate(ctx.X, p.Wrt, p.Definition.Variables);
            _claim = values.Values;
            _claimBounds = values.Bounds;
        }

        _hessianClaim = p.HessianClaim?.EvaluateAt(ctx);
        if (!p.Definition.IsOpaque)
        {
            var trace = p.Definition.SymbolicTrace(out var why) ?? ctx.Trace;
            try
            {
                _expr = trace?.ToExpr();
            }
            catch (ArgumentException e)
            {
                why = e.Message;
            }

            if (_expr is null)
            {
                _absent[Sources.Symbolic] = why ?? ctx.TraceProblem ?? "no expression";
            }
        }

        if (!p.Definition.IsOpaque && ctx.Trace is not null && NotAnalytic(p.Wrt) is { } bad)
        {
            _absent[Sources.ComplexStep] = bad;
        }
        else if (!p.Definition.IsOpaque && ctx.Trace is null)
        {
            _absent[Sources.ComplexStep] = "the code could not be traced, so whether it is analytic is unknown";
        }
    }

    public Dictionary<string, string> Absent => _absent;

    public (double[]? U, double[]? V) LastHessianDirections { get; set; }

    /// <summary>The claimed Hessian when it leaves some entries out (checked entry by entry), else null.</summary>
    public HessianClaimValues? PartialHessianClaim => _hessianClaim is { IsComplete: false } c ? c : null;

    /// <summary>uᵀHv of the claimed Hessian (charged for the rounding of its entries), or null without a complete claim.</summary>
    public SourceValue? ClaimedSecond(double[] u, double[] v)
    {
        if (_hessianClaim is not { } claim)
        {
            return null;
        }

        var complete = claim.IsComplete;
        double value = 0, bound = 0;
        for (var i = 0; i < u.Length; i++)
        {
            for (var j = 0; j < v.Length; j++)
            {
                if (u[i] == 0 || v[j] == 0)
                {
                    continue;
                }

                if (claim.At(i, j) is not { } entry)
                {
                    if (!complete)
                    {
                        return null;
                    }

                    continue;
                }

                value += u[i] * v[j] * entry.Value;
                bound += Math.Abs(u[i] * v[j]) * entry.Bound;
            }
        }

        return new SourceValue(Sources.Claimed, value, SecondTolerance(u, v) + (2 * bound));
    }

    /// <summary>A random direction: each coordinate ±max(|xᵢ|, 1), so every coordinate moves on its own scale.</summary>
    public double[] RandomDirection(Random random) =>
        _ctx.XWrt.Select(xi => (random.Next(2) == 0 ? -1 : 1) * Math.Max(Math.Abs(xi), 1)).ToArray();

    public Dictionary<string, IReadOnlyDictionary<string, double>> FullGradients()
    {
        var map = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        if (_reverse is not null)
        {
            map[Sources.Reverse] = PointContext.ByName(_ctx.Problem.WrtNames, _reverse);
        }

        if (_claim is not null)
        {
            map[Sources.Claimed] = PointContext.ByName(_ctx.Problem.WrtNames, _claim);
        }

        return map;
    }

    public List<SourceValue?> All(double[] u) =>
        [One(Sources.Forward, u), One(Sources.Reverse, u), One(Sources.Symbolic, u), One(Sources.ComplexStep, u), One(Sources.FiniteDifference, u), One(Sources.Claimed, u)];

    /// <summary>One source's uᵀ∇f with its uncertainty, or null when the source takes no part.</summary>
    public SourceValue? One(string source, double[] u)
    {
        if (_absent.ContainsKey(source))
        {
            return null;
        }

        var exact = ExactTolerance(u);
        try
        {
            switch (source)
            {
                case Sources.Forward:
                    return new(source, Forward(u), exact);
                case Sources.Reverse when _reverse is not null:
                    return new(source, Dot(_reverse, u), exact);
                case Sources.Symbolic when _expr is not null:
                    {
                        var (value, bound) = Evaluate(Symbolic(second: false).First, u, null);
                        return new(source, value, Math.Max(exact, 2 * bound));
                    }

                case Sources.ComplexStep:
                    {
                        var cs = Complex(u);
                        return double.IsFinite(cs) ? new(source, cs, exact + (2 * Eps * Math.Abs(cs))) : null;
                    }

                case Sources.FiniteDifference:
                    {
                        var fd = FiniteDifference.Derivative(t => _ctx.F(Along(u, t)), 0, _ctx.FiniteDifferences);
                        if (!fd.IsValid)
                        {
                            return null;
                        }

                        var noise = fd.Step > 0 ? _ctx.ValueNoise / fd.Step : 0;
                        return new(source, fd.Value, (2 * (fd.ErrorEstimate + noise)) + exact);
                    }

                case Sources.Claimed when _claim is not null:
                    {
                        var c = 0.0;
                        var bound = 0.0;
                        for (var k = 0; k < u.Length; k++)
                        {
                            if (u[k] != 0 && _ctx.Problem.Claim!.Claims(_ctx.Problem.Wrt[k]))
                            {
                                c += u[k] * _claim[k];
                                bound += Math.Abs(u[k]) * _claimBounds![k];
                            }
                        }

                        return new(source, c, exact + (2 * bound));
                    }

                default:
                    return null;
            }
        }
        catch (Exception e) when (e is NotSupportedException or ArithmeticException or InvalidOperationException or ArgumentException)
        {
            _absent[source] = $"{source} threw {e.GetType().Name}: {e.Message}";
            return null;
        }
    }

    /// <summary>uᵀHv by every source that can give it.</summary>
    public List<SourceValue> Second(double[] u, double[] v)
    {
        var result = new List<SourceValue>();
        var exact = SecondTolerance(u, v);
        if (_ctx.Problem.Definition.Function is { } f && !_absent.ContainsKey(Sources.Ad))
        {
            try
            {
                var hv = ReverseMode.HessianVectorProduct(f, _ctx.X, Full(v));
                var ad = Dot(_ctx.Problem.Wrt.Select(i => hv[i]).ToArray(), u);
                result.Add(new(Sources.Ad, ad, exact + (64 * Eps * Math.Abs(ad))));
            }
            catch (Exception e) when (e is NotSupportedException or ArithmeticException or InvalidOperationException)
            {
                _absent[Sources.Ad] = $"forward over reverse threw {e.GetType().Name}: {e.Message}";
            }
        }

        if (_expr is not null)
        {
            var (s, bound) = Evaluate(Symbolic(second: true).Second!, u, v);
            result.Add(new(Sources.Symbolic, s, exact + (8 * bound)));
        }

        var fd = FiniteDifference.SecondPartial(p => _ctx.F(Plane(u, v, p[0], p[1])), [0.0, 0.0], 0, 1, _ctx.FiniteDifferences);
        if (fd.IsValid)
        {
            result.Add(new(Sources.FiniteDifference, fd.Value, (2 * fd.ErrorEstimate) + exact));
        }

        return result;
    }

    private double SecondTolerance(double[] u, double[] v) =>
        64 * Eps * Math.Sqrt(Math.Abs(Dot(u, u)) * Math.Abs(Dot(v, v))) * (1 + Math.Abs(_ctx.Value));

    private double ExactTolerance(double[] u)
    {
        var t = 0.0;
        for (var k = 0; k < u.Length; k++)
        {
            if (u[k] != 0)
            {
                t += Math.Abs(u[k]) * SourceStage.ExactTolerance(_ctx, k, _reverse?[k] ?? 0);
            }
        }

        return t;
    }

    private double Forward(double[] u)
    {
        var inputs = new Dual<double>[_ctx.X.Length];
        var full = Full(u);
        for (var j = 0; j < inputs.Length; j++)
        {
            inputs[j] = new Dual<double>(_ctx.X[j], full[j]);
        }

        return _ctx.Problem.Definition.Function!.Invoke<Dual<double>>(inputs).Tangent;
    }

    private double Complex(double[] u)
    {
        var full = Full(u);
        var h = ComplexStep.Step;
        var inputs = new ComplexScalar[_ctx.X.Length];
        for (var j = 0; j < inputs.Length; j++)
        {
            inputs[j] = new ComplexScalar(new Complex(_ctx.X[j], h * full[j]));
        }

        return _ctx.Problem.Definition.Function!.Invoke<ComplexScalar>(inputs).Value.Imaginary / h;
    }

    private double[] Full(double[] u)
    {
        var full = new double[_ctx.X.Length];
        for (var k = 0; k < u.Length; k++)
        {
            full[_ctx.Problem.Wrt[k]] = u[k];
        }

        return full;
    }

    /// <summary>
    /// The symbolic directional derivatives with the directions as symbols (one per coordinate), built
    /// once per case: Σ uᵢ·∂f/∂xᵢ, and when asked Σ vⱼ·∂/∂xⱼ of that. Each random direction is then one
    /// evaluation, not a new symbolic derivative.
    /// </summary>
    private (Computation First, Computation? Second) Symbolic(bool second)
    {
        var p = _ctx.Problem;
        lock (p)
        {
            if (p.SymbolicProjections is not { } built || (second && built.Second is null))
            {
                var first = p.SymbolicProjections?.First ?? Computation.FromExpr(Calculus.DirectionalDerivative(_expr!, DirectionSymbols("u")));
                var secondDerivative = second ? Computation.FromExpr(Calculus.DirectionalDerivative(first.ToExpr(), DirectionSymbols("v"))) : null;
                built = (first, secondDerivative);
                p.SymbolicProjections = built;
            }

            return built;
        }
    }

    /// <summary>A symbolic projection's value and rounding bound for given directions (one pass over its steps).</summary>
    private (double Value, double Bound) Evaluate(Computation c, double[] u, double[]? v)
    {
        var at = WithDirections(u, v);
        var inputs = c.Inputs.Select(n => at.TryGetValue(n, out var x) ? x : 0).ToArray();
        var model = new ErrorModel(c, inputs);
        var value = model.Values[c.Output];
        return (double.IsFinite(value) ? value : double.NaN, model.ValueBound());
    }

    private Dictionary<string, Expr> DirectionSymbols(string prefix) =>
        _ctx.Problem.WrtNames.Select((w, k) => (w, k)).ToDictionary(t => t.w, t => Expr.Symbol(DirectionName(prefix, t.k)), StringComparer.Ordinal);

    /// <summary>The name of a direction component; a leading underscore and the prefix keep it apart from user variables.</summary>
    private static string DirectionName(string prefix, int k) => $"_{prefix}{k.ToString(CultureInfo.InvariantCulture)}_";

    private Dictionary<string, double> WithDirections(double[] u, double[]? v)
    {
        var at = new Dictionary<string, double>(_ctx.Point, StringComparer.Ordinal);
        for (var k = 0; k < u.Length; k++)
        {
            at[DirectionName("u", k)] = u[k];
            if (v is not null)
            {
                at[DirectionName("v", k)] = v[k];
            }
        }

        return at;
    }

    private double[] Along(double[] u, double t)
    {
        var w = (double[])_ctx.XWrt.Clone();
        for (var k = 0; k < w.Length; k++)
        {
            w[k] += t * u[k];
        }

        return w;
    }

    private double[] Plane(double[] u, double[] v, double s, double t)
    {
        var w = (double[])_ctx.XWrt.Clone();
        for (var k = 0; k < w.Length; k++)
        {
            w[k] += (s * u[k]) + (t * v[k]);
        }

        return w;
    }

    private static double Dot(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var s = 0.0;
        for (var k = 0; k < a.Count; k++)
        {
            s += a[k] * b[k];
        }

        return s;
    }

    /// <summary>Why complex step cannot run along a direction: a call without a complex extension that a differentiated input feeds (one backward pass).</summary>
    private string? NotAnalytic(IReadOnlyList<int> wrt)
    {
        var trace = _ctx.Trace!;
        var ops = trace.Operations;
        var feedsBad = new FunctionInfo?[ops.Count];
        for (var i = ops.Count - 1; i >= 0; i--)
        {
            var op = ops[i];
            var bad = feedsBad[i] ?? (op.Code == OpCode.Call && !(op.Function!.IsBuiltIn && op.Function.IsAnalytic && ComplexEvaluator.HasComplexForm(op.Function)) ? op.Function : null);
            if (bad is null)
            {
                continue;
            }

            feedsBad[i] = bad;
            if (op.OperandCount >= 1)
            {
                feedsBad[op.A] ??= bad;
            }

            if (op.OperandCount == 2)
            {
                feedsBad[op.B] ??= bad;
            }
        }

        var inputs = wrt.ToHashSet();
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i].Code == OpCode.Input && inputs.Contains(ops[i].A) && feedsBad[i] is { } f)
            {
                return $"{f.Name} has no complex extension (not analytic, or a user primitive), so the complex step does not apply";
            }
        }

        return null;
    }
}
