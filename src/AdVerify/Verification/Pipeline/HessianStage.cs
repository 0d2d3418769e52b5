using AdVerify.Expressions;
using AdVerify.Numeric;
using AdVerify.Reverse;
using AdVerify.Symbolic;
using AdVerify.Taylor;

namespace AdVerify.Verification.Pipeline;

/// <summary>
/// Second derivatives, entry by entry: automatic differentiation (forward over reverse on the
/// definition), Taylor mode (its own rule card, second-order polynomials along coordinate
/// directions and their sums), the symbolic Hessian of the traced expression, and finite
/// differences (steps chosen per coordinate scale, the error estimate deciding).
/// </summary>
internal static class HessianStage
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>The deepest expression whose symbolic Hessian is built (its size grows with the square of the depth).</summary>
    private const int MaxSymbolicDepth = 200;

    public static Dictionary<string, IReadOnlyDictionary<string, double>> Run(PointContext ctx, List<Discrepancy> discrepancies,
        Dictionary<string, string> absent, List<string> notes, out string? undefined)
    {
        undefined = null;
        var p = ctx.Problem;
        var n = p.Wrt.Count;
        var names = p.WrtNames;
        var claim = p.HessianClaim?.EvaluateAt(ctx);
        notes.AddRange(claim?.Notes ?? []);
        var ad = AdHessian(ctx, absent);
        var taylor = TaylorHessian(ctx, absent);
        var symbolic = SymbolicHessian(ctx, absent, out var depth);
        var fd = FiniteDifference.Hessian(ctx.F, ctx.XWrt, ctx.FiniteDifferences);

        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                scale = Math.Max(scale, ad is null ? 0 : Math.Abs(ad[i, j]));
            }
        }

        var maps = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        void Put(string source, string key, double v) =>
            (maps.TryGetValue(source, out var m) ? m : maps[source] = new(StringComparer.Ordinal))[key] = v;

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var key = names[i] + "," + names[j];
                var reference = ad?[i, j] ?? fd[i, j].Value;
                var exactTol = 16 * Eps * (depth + 1) * (Math.Abs(reference) + scale);
                var voters = new List<SourceValue>();
                if (ad is not null)
                {
                    Put(Sources.Ad, key, ad[i, j]);
                    voters.Add(new(Sources.Ad, ad[i, j], exactTol));
                }

                if (taylor is not null)
                {
                    // Polarization subtracts second derivatives of the size of the diagonal: charge that scale.
                    Put(Sources.Taylor, key, taylor[i, j]);
                    voters.Add(new(Sources.Taylor, taylor[i, j], exactTol + (16 * Eps * (Math.Abs(taylor[i, i]) + Math.Abs(taylor[j, j])))));
                }

                if (symbolic is not null)
                {
                    var s = Evaluation.TryEvaluate(symbolic[i, j], ctx.Point, out var v, out _) ? v : double.NaN;
                    Put(Sources.Symbolic, key, s);
                    voters.Add(new(Sources.Symbolic, s, exactTol + (8 * SourceStage.ValueBound(symbolic[i, j], ctx))));
                }

                Put(Sources.FiniteDifference, key, fd[i, j].Value);
                if (fd[i, j].IsValid)
                {
                    voters.Add(new(Sources.FiniteDifference, fd[i, j].Value, FiniteDifferenceTolerance(ctx, fd[i, j]) + exactTol));
                }

                if (claim?.At(i, j) is { } claimedEntry)
                {
                    Put(Sources.Claimed, key, claimedEntry.Value);
                }

                if (j < i)
                {
                    continue;
                }

                var exact = voters.Where(v => v.Source != Sources.FiniteDifference).ToList();
                if (!voters.Any(v => double.IsFinite(v.Value)) || (exact.Count > 0 && !exact.Any(v => double.IsFinite(v.Value))))
                {
                    undefined ??= $"the second derivative {Vote.Entry(key)} is not a finite number" +
                                  (ad is null ? "" : $" (AD gives {PointContext.Format(ad[i, j])})") +
                                  (fd[i, j].IsValid ? "; only finite differences give a number, which alone cannot settle it" : "");
                    continue;
                }

                // The claim is compared with the consensus, never part of it; a claim given in both
                // orientations (C# code returns the whole matrix) has each orientation checked.
                discrepancies.AddRange(Vote.Compare(key, voters, Claimed(ctx, claim, i, j, exactTol, fd[i, j], p.HessianClaim)));
                if (i != j && claim is not null && claim.Claimed[i, j] && claim.Claimed[j, i])
                {
                    var mirrored = Claimed(ctx, claim, j, i, exactTol, fd[i, j], p.HessianClaim);
                    discrepancies.AddRange(Vote.Compare(names[j] + "," + names[i], voters, mirrored).Where(d => d.Sources[0] == Sources.Claimed));
                }
            }
        }

        return maps.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Twice the estimate's error plus the value's rounding bound over h²: the estimate's own rounding
    /// term sees only |f|, and where f is a small difference of large intermediate values (log(1 + eᶻ)
    /// at z = −34 is a staircase of ulps of 1) that rounding is the real noise.
    /// </summary>
    private static double FiniteDifferenceTolerance(PointContext ctx, DerivativeEstimate fd) =>
        2 * (fd.ErrorEstimate + (fd.Step > 0 ? ctx.ValueNoise / (fd.Step * fd.Step) : 0));

    /// <summary>
    /// The claimed entry as a value to compare: a written formula is charged for its own rounding; C#
    /// code, whose rounding is unknown, is allowed the finite-difference tolerance (as a claimed gradient is).
    /// </summary>
    private static SourceValue? Claimed(PointContext ctx, HessianClaimValues? claim, int i, int j, double exactTol, DerivativeEstimate fd, ClaimedHessian? kind)
    {
        if (claim is null || !claim.Claimed[i, j] && !claim.Claimed[j, i])
        {
            return null;
        }

        var (value, bound) = claim.Claimed[i, j] ? (claim.Values[i, j], claim.Bounds[i, j]) : (claim.Values[j, i], claim.Bounds[j, i]);
        var tolerance = kind is DelegateHessianClaim
            ? exactTol + (fd.IsValid ? FiniteDifferenceTolerance(ctx, fd) : 0)
            : exactTol + (2 * bound);
        return new SourceValue(Sources.Claimed, value, tolerance);
    }

    private static double[,]? AdHessian(PointContext ctx, Dictionary<string, string> absent)
    {
        var p = ctx.Problem;
        if (p.Definition.Function is not { } f)
        {
            absent[Sources.Ad] = "the function is opaque (only its values are known)";
            return null;
        }

        try
        {
            var n = p.Wrt.Count;
            var h = new double[n, n];
            var e = new double[ctx.X.Length];
            for (var j = 0; j < n; j++)
            {
                Array.Clear(e);
                e[p.Wrt[j]] = 1;
                var column = ReverseMode.HessianVectorProduct(f, ctx.X, e);
                for (var i = 0; i < n; i++)
                {
                    h[i, j] = column[p.Wrt[i]];
                }
            }

            return h;
        }
        catch (Exception ex) when (ex is NotSupportedException or ArithmeticException or InvalidOperationException)
        {
            absent[Sources.Ad] = $"forward over reverse threw {ex.GetType().Name}: {ex.Message}";
            return null;
        }
    }

    // Taylor mode: D²f along eᵢ gives Hᵢᵢ; along eᵢ + eⱼ it gives Hᵢᵢ + 2Hᵢⱼ + Hⱼⱼ.
    private static double[,]? TaylorHessian(PointContext ctx, Dictionary<string, string> absent)
    {
        var p = ctx.Problem;
        if (p.Definition.Function is not { } f)
        {
            absent[Sources.Taylor] = "the function is opaque (only its values are known)";
            return null;
        }

        double Second(int a, int b)
        {
            var x = new TaylorNumber[ctx.X.Length];
            for (var k = 0; k < x.Length; k++)
            {
                x[k] = TaylorNumber.Variable(ctx.X[k], k == a || k == b ? 1 : 0, 2);
            }

            return 2 * f.Invoke<TaylorNumber>(x)[2];
        }

        try
        {
            var n = p.Wrt.Count;
            var h = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                h[i, i] = Second(p.Wrt[i], p.Wrt[i]);
            }

            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    h[i, j] = h[j, i] = (Second(p.Wrt[i], p.Wrt[j]) - h[i, i] - h[j, j]) / 2;
                }
            }

            return h;
        }
        catch (Exception ex) when (ex is NotSupportedException or ArithmeticException or InvalidOperationException)
        {
            absent[Sources.Taylor] = $"Taylor mode threw {ex.GetType().Name}: {ex.Message}";
            return null;
        }
    }

    private static Expr[,]? SymbolicHessian(PointContext ctx, Dictionary<string, string> absent, out int depth)
    {
        depth = 0;
        var trace = ctx.Problem.Definition.SymbolicTrace(out var why) ?? ctx.Trace;
        if (trace is null)
        {
            absent[Sources.Symbolic] = why ?? ctx.TraceProblem ?? "no expression";
            return null;
        }

        Expr expr;
        try
        {
            expr = trace.ToExpr();
        }
        catch (ArgumentException e)
        {
            absent[Sources.Symbolic] = e.Message;
            return null;
        }

        depth = Traversal.Depth(expr);
        if (depth > MaxSymbolicDepth)
        {
            // The symbolic second derivative of a deep composition grows with the square of its depth
            // (found by fuzzing: sin(sin(…)) 1,000 deep took minutes).
            absent[Sources.Symbolic] = $"the expression is {depth} levels deep, more than the {MaxSymbolicDepth} for which a symbolic Hessian is built";
            return null;
        }

        return Calculus.Hessian(expr, ctx.Problem.WrtNames.ToArray());
    }
}
