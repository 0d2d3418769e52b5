using System.Globalization;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Numeric;

namespace AdVerify.Verification.Pipeline;

/// <summary>
/// The arbitration stage: decides what a disagreement means before it becomes a discrepancy.
/// Finite differences alone against the exact engines: complex step (which uses no rule and no
/// subtraction) or the step-free Taylor remainder test settles it, unless the engines all used a
/// user primitive's registered rule, which is then the suspect. A claim checked only against
/// finite differences: the Taylor test on the claim breaks the tie.
/// </summary>
internal static class Arbitration
{
    /// <summary>Keeps, rewrites or excuses the discrepancies found for one entry (adding notes for what it excuses).</summary>
    public static IEnumerable<Discrepancy> Judge(PointContext ctx, int k, List<Discrepancy> found, Column forward, Column reverse,
        Column complex, Column? claim, DerivativeEstimate fd, List<string> notes)
    {
        var name = ctx.Problem.WrtNames[k];
        var engines = Gradient(forward) ?? Gradient(reverse);
        if (found.Count == 1 && found[0].OddOneOut == Sources.FiniteDifference && engines is not null)
        {
            var taylor = TaylorRemainder.Test(ctx.F, ctx.XWrt, engines, epsilon: ctx.ValueEpsilon);
            var primitives = PrimitivesOn(ctx, ctx.Problem.Wrt[k]);
            if (primitives.Count > 0)
            {
                // The exact engines all used the user's rule for these primitives, so their agreement is
                // no evidence: finite differences are the independent check.
                return [PrimitiveRuleSuspect(found[0], primitives, fd, taylor) with { StepScan = ScanSteps(ctx, k) }];
            }

            if (complex.Absent[k] is null)
            {
                notes.Add($"finite differences for {name} could not resolve the function here (estimate {PointContext.Format(fd.Value)} ± {PointContext.Format(fd.ErrorEstimate)}); complex step, which uses no derivative rule, agrees with forward, reverse and symbolic");
                return [];
            }

            if (taylor.Verdict == TaylorVerdict.Consistent)
            {
                notes.Add($"finite differences for {name} were off beyond their error estimate; the Taylor remainder test confirms the AD gradient ({taylor.Message})");
                return [];
            }

            if (taylor.Verdict == TaylorVerdict.Inconclusive)
            {
                notes.Add($"finite differences for {name} could not resolve the function here (estimate {PointContext.Format(fd.Value)} ± {PointContext.Format(fd.ErrorEstimate)}) and the Taylor test was inconclusive; the exact engines agree");
                return [];
            }
        }

        // Float code's values are too coarse for the Taylor test to see a small error (its remainders reach rounding
        // level while h² still hides h·error), so there it never breaks the tie: finite differences decide alone.
        if (found.Count == 1 && found[0].Sources[0] == Sources.Claimed && engines is null && claim is not null && !ctx.Problem.Definition.IsSinglePrecision)
        {
            // Finite differences are the only reference: the Taylor remainder test on the claim breaks the tie.
            var claimed = claim.Values.Select((v, i) => claim.Absent[i] is null ? v : 0.0).ToArray();
            var taylor = TaylorRemainder.Test(ctx.F, ctx.XWrt, claimed, epsilon: ctx.ValueEpsilon);
            if (taylor.Verdict == TaylorVerdict.Consistent)
            {
                notes.Add($"the claim for {name} differs from finite differences beyond their error estimate, but the Taylor remainder test confirms the claimed gradient ({taylor.Message})");
                return [];
            }

            notes.Add($"Taylor remainder test of the claimed gradient: {taylor.Message}");
        }

        return found.Select(d => d with { StepScan = ScanSteps(ctx, k) });
    }

    private static double[]? Gradient(Column c) => c.IsAbsent || c.Values.Any(v => !double.IsFinite(v)) ? null : c.Values;

    /// <summary>The user primitives (functions not built in) on the path from the variable to the output.</summary>
    internal static IReadOnlyList<FunctionInfo> PrimitivesOn(PointContext ctx, int input)
    {
        if (ctx.Trace is not { } trace)
        {
            return [];
        }

        var depends = ctx.DependsOn(input);
        var found = new List<FunctionInfo>();
        for (var i = 0; i < trace.Count; i++)
        {
            var op = trace.Operations[i];
            if (depends[i] && op.Code == OpCode.Call && !op.Function!.IsBuiltIn && !found.Contains(op.Function))
            {
                found.Add(op.Function);
            }
        }

        return found;
    }

    private static Discrepancy PrimitiveRuleSuspect(Discrepancy d, IReadOnlyList<FunctionInfo> primitives, DerivativeEstimate fd, TaylorTestResult taylor)
    {
        var names = string.Join(", ", primitives.Select(p => p.Name));
        var rule = primitives.Count == 1 ? $"the derivative rule registered for {names}" : $"the derivative rules registered for {names}";
        var taylorText = taylor.Verdict switch
        {
            TaylorVerdict.Inconsistent => "the Taylor remainder test confirms the AD gradient does not fit the function",
            TaylorVerdict.Consistent => "the Taylor remainder test did not see the error along its direction",
            _ => "the Taylor remainder test was inconclusive",
        };
        var message =
            $"{rule} disagrees with finite differences: ∂f/∂{d.Variable}: forward, reverse and symbolic (which all use that rule) give " +
            $"{PointContext.Format(d.Values[1])}, finite differences give {PointContext.Format(fd.Value)} (error estimate {fd.ErrorEstimate.ToString("G3", CultureInfo.InvariantCulture)}); " +
            $"{taylorText} ({taylor.Message})";
        return d with
        {
            Sources = [Sources.PrimitiveRule, Sources.FiniteDifference],
            Values = [d.Values[1], d.Values[0]],
            OddOneOut = Sources.PrimitiveRule,
            Message = message,
        };
    }

    /// <summary>Central differences for steps 10^-1 … 10^-13 relative to the coordinate's scale (for the report's plot).</summary>
    internal static IReadOnlyList<StepSample> ScanSteps(PointContext ctx, int k)
    {
        var x = ctx.XWrt;
        var samples = new List<StepSample>();
        var scale = Math.Max(Math.Abs(x[k]), 1);
        for (var e = 1; e <= 13; e++)
        {
            var h = scale * Math.Pow(10, -e);
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[k] += h;
            down[k] -= h;
            var d = (ctx.F(up) - ctx.F(down)) / (up[k] - down[k]);
            if (double.IsFinite(d))
            {
                samples.Add(new StepSample(h, d));
            }
        }

        return samples;
    }
}
