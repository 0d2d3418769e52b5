using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Numeric;
using AdVerify.Reverse;

namespace AdVerify.Verification.Pipeline;

/// <summary>
/// Before any comparison: is the derivative defined at all here? A power with a negative base and
/// a variable exponent has a value but no derivative (undefined); a non-smooth piece sitting on
/// its kink (abs of 0, min of equal arguments, a fractional power of 0, …) is handed to the
/// numeric smoothness classifier, which decides between a true kink (nondifferentiable) and a
/// smooth composite such as |x|³ (which goes on to be compared).
/// </summary>
internal static class SmoothnessStage
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>Returns a finished result for an undefined derivative or a kink, else null and the suspects found.</summary>
    public static PointResult? Check(PointContext ctx, out IReadOnlyList<string> suspects)
    {
        suspects = [];
        if (ctx.Trace is not { } trace)
        {
            return null;
        }

        var values = ctx.StepValues;
        var live = trace.Live();
        var variable = DependsOnWrt(ctx);
        var found = new List<string>();
        for (var i = 0; i < trace.Count; i++)
        {
            if (!live[i])
            {
                continue;
            }

            var op = trace.Operations[i];
            if (op.Code == OpCode.Power && values[op.A] < 0 && variable[op.B])
            {
                return ctx.Result(Verdict.Undefined,
                    $"{trace.StepText(i, 80)} has the negative base {PointContext.Format(values[op.A])} and the non-constant exponent " +
                    $"{PointContext.Format(values[op.B])}: it is real only where the exponent is an integer, so it has no derivative here");
            }

            if (Reason(trace, i, values) is { } reason && !found.Contains(reason))
            {
                found.Add(reason);
            }
        }

        // A branch of the user's code that switches exactly here (if (x > 0) … at x = 0) is a possible kink too.
        foreach (var c in trace.Comparisons)
        {
            double a = values[c.Left], b = values[c.Right];
            if ((variable[c.Left] || variable[c.Right]) && Math.Abs(a - b) <= 4 * double.Epsilon + (4 * Eps * Math.Max(Math.Abs(a), Math.Abs(b))))
            {
                var reason = $"the code compares {trace.StepText(c.Left, 40)} {c.Operator} {trace.StepText(c.Right, 40)} with both sides equal ({PointContext.Format(a)}): its branch switches here";
                if (!found.Contains(reason))
                {
                    found.Add(reason);
                }
            }
        }

        suspects = found;
        if (found.Count == 0)
        {
            return null;
        }

        var reasons = new List<string>();
        for (var k = 0; k < ctx.Problem.Wrt.Count; k++)
        {
            var c = SmoothnessClassifier.Classify(ctx.F, ctx.XWrt, k, null, ctx.Problem.WrtNames[k]);
            if (c.Kind != SmoothnessKind.Differentiable)
            {
                reasons.Add(c.Message);
            }
        }

        if (reasons.Count == 0)
        {
            return null;
        }

        var ad = ReverseGradient(ctx);
        var adText = ad is null ? "" : "; AD returned " + string.Join(", ", ctx.Problem.WrtNames.Select((w, k) => $"∂/∂{w} = {PointContext.Format(ad[k])}"));
        return ctx.Result(Verdict.Nondifferentiable, $"{string.Join("; ", reasons)} ({string.Join("; ", found)}){adText}");
    }

    private static bool[] DependsOnWrt(PointContext ctx)
    {
        var trace = ctx.Trace!;
        var wrt = ctx.Problem.Wrt.ToHashSet();
        var depends = new bool[trace.Count];
        for (var i = 0; i < trace.Count; i++)
        {
            var op = trace.Operations[i];
            depends[i] = op.Code == OpCode.Input ? wrt.Contains(op.A)
                : (op.OperandCount >= 1 && depends[op.A]) || (op.OperandCount == 2 && depends[op.B]);
        }

        return depends;
    }

    private static double[]? ReverseGradient(PointContext ctx)
    {
        if (ctx.Problem.Definition.Function is not { } f)
        {
            return null;
        }

        try
        {
            var g = ReverseMode.Gradient(f, ctx.X).Gradient;
            return ctx.Problem.Wrt.Select(i => g[i]).ToArray();
        }
        catch (Exception e) when (e is ArithmeticException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Why a step sits on a kink of its function, or null.</summary>
    private static string? Reason(Computation c, int i, IReadOnlyList<double> values)
    {
        var op = c.Operations[i];
        switch (op.Code)
        {
            case OpCode.Call:
                {
                    // Where a function has kinks is knowledge of its registry entry (FunctionInfo.Kinks).
                    var args = op.Operands.Select(k => values[k]).ToArray();
                    var kink = op.Function!.Kinks.FirstOrDefault(k => k.IsAt(args));
                    return kink is null ? null : $"{c.StepText(i, 80)} {kink.Describe(args)}";
                }

            case OpCode.Power when values[op.A] == 0:
                {
                    var e = c.Operations[op.B];
                    return e.Code == OpCode.Constant && double.IsInteger(e.Value) && e.Value > 0 ? null : $"{c.StepText(i, 80)} has base 0";
                }

            case OpCode.Divide when values[op.B] == 0:
                return $"{c.StepText(i, 80)} divides by 0";
            default:
                return null;
        }
    }
}
