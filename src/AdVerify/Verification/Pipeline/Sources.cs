using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Numeric;
using AdVerify.Reverse;
using AdVerify.Symbolic;

namespace AdVerify.Verification.Pipeline;

/// <summary>
/// One derivative source's answer for every differentiated variable: the values and, per entry,
/// either the absolute uncertainty it is allowed or the reason it took no part.
/// </summary>
internal sealed class Column(string name, int count)
{
    public string Name { get; } = name;

    public double[] Values { get; } = Enumerable.Repeat(double.NaN, count).ToArray();

    public double[] Uncertainty { get; } = new double[count];

    public string?[] Absent { get; } = new string?[count];

    /// <summary>Marks every entry absent for one reason.</summary>
    public Column Without(string reason)
    {
        Array.Fill(Absent, reason);
        return this;
    }

    /// <summary>True when no entry has a value.</summary>
    public bool IsAbsent => Array.TrueForAll(Absent, a => a is not null);
}

/// <summary>
/// The sources stage: runs forward mode, reverse mode, the symbolic derivative, complex step,
/// finite differences and the claim on the point, each on what the definition is (the user's
/// code on each scalar, or the written computation), and charges each with its own error bound.
/// </summary>
internal static class SourceStage
{
    private const double Eps = 2.220446049250313e-16;
    private const double ExactSafety = 2;
    private const double FiniteDifferenceSafety = 2;

    /// <summary>Forward mode: one dual-number pass per differentiated variable.</summary>
    public static Column Forward(PointContext ctx)
    {
        var p = ctx.Problem;
        var col = new Column(Verification.Sources.Forward, p.Wrt.Count);
        if (p.Definition.Function is not { } f)
        {
            return col.Without("the function is opaque (only its values are known)");
        }

        try
        {
            var inputs = new Dual<double>[ctx.X.Length];
            for (var k = 0; k < p.Wrt.Count; k++)
            {
                for (var j = 0; j < inputs.Length; j++)
                {
                    inputs[j] = new Dual<double>(ctx.X[j], j == p.Wrt[k] ? 1 : 0);
                }

                col.Values[k] = f.Invoke<Dual<double>>(inputs).Tangent;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException and not ClaimShapeException)
        {
            return col.Without($"forward mode threw {e.GetType().Name}: {e.Message}");
        }

        return Exact(ctx, col);
    }

    /// <summary>Reverse mode: one recording and one backward sweep.</summary>
    public static Column Reverse(PointContext ctx)
    {
        var p = ctx.Problem;
        var col = new Column(Verification.Sources.Reverse, p.Wrt.Count);
        if (p.Definition.Function is not { } f)
        {
            return col.Without("the function is opaque (only its values are known)");
        }

        try
        {
            var g = ReverseMode.Gradient(f, ctx.X).Gradient;
            for (var k = 0; k < p.Wrt.Count; k++)
            {
                col.Values[k] = g[p.Wrt[k]];
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return col.Without($"reverse mode threw {e.GetType().Name}: {e.Message}");
        }

        return Exact(ctx, col);
    }

    private static Column Exact(PointContext ctx, Column col)
    {
        for (var k = 0; k < col.Values.Length; k++)
        {
            col.Uncertainty[k] = ExactTolerance(ctx, k, col.Values[k]);
        }

        return col;
    }

    /// <summary>The tolerance of an exact engine's entry: the rounding bound of the written computation's derivative.</summary>
    public static double ExactTolerance(PointContext ctx, int k, double derivative) =>
        ctx.Trace is not null ? ExactSafety * ctx.ExactBound[k] : ctx.FallbackExactBound(k, derivative);

    /// <summary>The symbolic derivative of the traced (or written) expression, evaluated.</summary>
    public static Column Symbolic(PointContext ctx, IReadOnlyList<string> suspects, List<string> notes)
    {
        var p = ctx.Problem;
        var col = new Column(Verification.Sources.Symbolic, p.Wrt.Count);
        var derivatives = p.Definition.IsOpaque ? null : SymbolicDerivatives(ctx, out var why, notes);
        if (derivatives is null)
        {
            return col.Without(p.Definition.IsOpaque ? "the function is opaque (only its values are known)" : "no symbolic derivative: " + Why(ctx));
        }

        for (var k = 0; k < p.Wrt.Count; k++)
        {
            var d = derivatives[k];
            if (!Evaluation.TryEvaluate(d, ctx.Point, out var v, out var issue))
            {
                if (issue is not null && RoundedOutOfDomain(issue, ctx) is { } rounding)
                {
                    col.Absent[k] = $"the symbolic derivative with respect to {p.WrtNames[k]} could not be evaluated: {rounding}";
                    notes.Add(col.Absent[k]!);
                    continue;
                }

                if (suspects.Count > 0)
                {
                    // The classifier found the function differentiable, but a piece sits on the edge of its
                    // domain (asin at 1 inside a locally constant composite): the symbolic chain rule meets
                    // ∞·0 there. Say so instead of blaming the symbolic engine.
                    col.Absent[k] = $"the symbolic derivative with respect to {p.WrtNames[k]} is undefined here because the chain rule meets a domain edge ({string.Join("; ", suspects)}); the function itself is differentiable";
                    notes.Add(col.Absent[k]!);
                    continue;
                }

                v = double.NaN;
            }

            col.Values[k] = v;
            col.Uncertainty[k] = Math.Max(ExactTolerance(ctx, k, v), ExactSafety * ValueBound(d, ctx));
        }

        return col;

        string Why(PointContext c)
        {
            p.Definition.SymbolicTrace(out var reason);
            return reason ?? c.TraceProblem ?? "the expression could not be formed";
        }
    }

    private static Expr[]? SymbolicDerivatives(PointContext ctx, out string? why, List<string> notes)
    {
        var p = ctx.Problem;
        var trace = p.Definition.SymbolicTrace(out why);
        var atPoint = trace is null;
        trace ??= ctx.Trace;
        if (trace is null)
        {
            return null;
        }

        Expr expr;
        try
        {
            expr = trace.ToExpr();
        }
        catch (ArgumentException e)
        {
            why = e.Message;
            return null;
        }

        if (atPoint)
        {
            notes.Add($"symbolic: traced at the point ({why}), so the symbolic derivative holds on this branch");
        }

        if (atPoint)
        {
            return p.WrtNames.Select(w => expr.Differentiate(w)).ToArray();
        }

        // Valid everywhere: differentiate once per case.
        lock (p.SymbolicDerivatives)
        {
            return p.WrtNames.Select(w => p.SymbolicDerivatives.TryGetValue(w, out var d) ? d : p.SymbolicDerivatives[w] = expr.Differentiate(w)).ToArray();
        }
    }

    /// <summary>A rounding bound for evaluating an expression at the point.</summary>
    public static double ValueBound(Expr e, PointContext ctx) => ValueBound(e, ctx.Point);

    /// <summary>A rounding bound for evaluating an expression at a named point (every variable of the expression given).</summary>
    public static double ValueBound(Expr e, IReadOnlyDictionary<string, double> point)
    {
        var c = Computation.FromExpr(e);
        var x = c.Inputs.Select(n => point.TryGetValue(n, out var v) ? v : 0).ToArray();
        var bound = new ErrorModel(c, x).ValueBound();
        return double.IsFinite(bound) ? bound : double.PositiveInfinity;
    }

    /// <summary>
    /// When an evaluation left a domain only because an argument rounded across its edge (1 − u²
    /// computed as −2.2e-16 where u is 1 up to rounding), says so: the argument's distance from
    /// the edge is within the rounding bound of the computation that produced it. An exact
    /// argument (log of a literal 0, whose rounding bound is 0) is never excused.
    /// </summary>
    private static string? RoundedOutOfDomain(DomainIssue issue, PointContext ctx)
    {
        if (issue.Kind is not (IssueKind.Domain or IssueKind.DivisionByZero) || issue.Node.Operands.Count == 0 || issue.Arguments.Count == 0)
        {
            return null;
        }

        // How far the arguments lie beyond the domain's edge is knowledge of the registry entry.
        var function = issue.Node is CallExpr call ? call.Function : issue.Function == "sqrt" ? Functions.Sqrt : Functions.Pow;
        var (operand, distance) = issue.Function == "/" ? (0, Math.Abs(issue.Arguments[0]))
            : function.DomainEdgeDistance?.Invoke(issue.Arguments.ToArray()) ?? (0, double.NaN);
        if (!(distance >= 0) || operand >= issue.Node.Operands.Count)
        {
            return null;
        }

        var bound = ValueBound(issue.Node.Operands[operand], ctx);
        return bound > 0 && distance <= 2 * bound
            ? $"{issue.Message}, which is within the rounding error ({PointContext.Format(bound)}) of the edge of its domain"
            : null;
    }

    /// <summary>Complex step: the definition run on complex numbers, where every function it uses is analytic.</summary>
    public static Column ComplexStep(PointContext ctx)
    {
        var p = ctx.Problem;
        var col = new Column(Verification.Sources.ComplexStep, p.Wrt.Count);
        if (p.Definition.Function is not { } f)
        {
            return col.Without("the function is opaque (only its values are known)");
        }

        if (ctx.Trace is null)
        {
            return col.Without("the code could not be traced, so whether it is analytic is unknown");
        }

        for (var k = 0; k < p.Wrt.Count; k++)
        {
            if (NotAnalytic(ctx, p.Wrt[k]) is { } reason)
            {
                col.Absent[k] = reason;
                continue;
            }

            var x = ctx.X[p.Wrt[k]];
            var scale = x == 0 ? 1 : Math.Min(Math.Abs(x), 1);
            var h1 = Numeric.ComplexStep.Step * scale;
            if (h1 < Numeric.ComplexStep.MinimumStep)
            {
                col.Absent[k] = $"{p.WrtNames[k]} = {PointContext.Format(x)} is too close to 0 for a complex step (the step would underflow)";
                continue;
            }

            // A second, far smaller step guards against truncation near an inner singularity.
            var d1 = Imaginary(f, ctx.X, p.Wrt[k], h1);
            var h2 = h1 * Numeric.ComplexStep.Step;
            var d2 = h2 >= Numeric.ComplexStep.MinimumStep ? Imaginary(f, ctx.X, p.Wrt[k], h2) : d1;
            if (!double.IsFinite(d1) || !double.IsFinite(d2))
            {
                col.Absent[k] = "the complex evaluation gave no finite number here";
            }
            else if (Math.Abs(d1 - d2) > 1e-12 * Math.Max(Math.Abs(d1), Math.Abs(d2)))
            {
                col.Absent[k] = $"the complex-step derivative for {p.WrtNames[k]} depends on the step ({PointContext.Format(d1)} with h = {h1:G3}, {PointContext.Format(d2)} with h = {h2:G3}): the point is too close to a singularity";
            }
            else
            {
                col.Values[k] = d2;
                col.Uncertainty[k] = ExactTolerance(ctx, k, d2) + (ExactSafety * Eps * Math.Abs(d2));
            }
        }

        return col;
    }

    private static double Imaginary(IScalarFunction f, double[] x, int i, double h)
    {
        var inputs = new ComplexScalar[x.Length];
        for (var j = 0; j < x.Length; j++)
        {
            inputs[j] = new ComplexScalar(new Complex(x[j], j == i ? h : 0));
        }

        try
        {
            return f.Invoke<ComplexScalar>(inputs).Value.Imaginary / h;
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return double.NaN;
        }
    }

    /// <summary>Why complex step does not apply to the derivative by an input: a function on the path without a complex extension.</summary>
    private static string? NotAnalytic(PointContext ctx, int input)
    {
        var trace = ctx.Trace!;
        var depends = ctx.DependsOn(input);
        for (var i = 0; i < trace.Count; i++)
        {
            var op = trace.Operations[i];
            if (!depends[i] || op.Code != OpCode.Call)
            {
                continue;
            }

            var f = op.Function!;
            if (!f.IsBuiltIn)
            {
                return $"{f.Name} is a user-defined primitive: it is not known to be analytic and has no complex extension, so the complex step does not apply";
            }

            if (!f.IsAnalytic)
            {
                return $"{f.Name} is not analytic (it has a kink or jump), so the complex step does not apply";
            }

            if (!ComplexEvaluator.HasComplexForm(f))
            {
                return $"{f.Name} has no complex implementation";
            }
        }

        return null;
    }

    /// <summary>Finite differences with Richardson extrapolation, each entry with its error estimate.</summary>
    public static (Column Column, DerivativeEstimate[] Estimates) FiniteDifferences(PointContext ctx, IReadOnlyList<Column> exact)
    {
        var p = ctx.Problem;
        var col = new Column(Verification.Sources.FiniteDifference, p.Wrt.Count);
        var fd = FiniteDifference.Gradient(ctx.F, ctx.XWrt, ctx.FiniteDifferences);
        for (var k = 0; k < p.Wrt.Count; k++)
        {
            col.Values[k] = fd[k].Value;
            if (!fd[k].IsValid)
            {
                col.Absent[k] = $"finite differences gave no estimate for {p.WrtNames[k]}{(fd[k].Note is null ? "" : ": " + fd[k].Note)}";
                continue;
            }

            // The estimate's own rounding term sees only |f|; when f is a small difference of large
            // intermediate values, their rounding (the value bound) is the real noise.
            var noise = fd[k].Step > 0 ? ctx.ValueNoise / fd[k].Step : 0;
            var reference = exact.Select(c => c.Values[k]).FirstOrDefault(double.IsFinite, fd[k].Value);
            col.Uncertainty[k] = (FiniteDifferenceSafety * (fd[k].ErrorEstimate + noise)) + ExactTolerance(ctx, k, reference);
        }

        return (col, fd);
    }

    /// <summary>The claimed gradient, charged for its own rounding (or, for C# code, allowed the finite-difference tolerance).</summary>
    public static Column? Claimed(PointContext ctx, Column fd, IReadOnlyList<Column> exact, List<string> notes)
    {
        var p = ctx.Problem;
        if (p.Claim is not { } claim)
        {
            return null;
        }

        var col = new Column(Verification.Sources.Claimed, p.Wrt.Count);
        var values = claim.Evaluate(ctx.X, p.Wrt, p.Definition.Variables);
        notes.AddRange(values.Notes);
        for (var k = 0; k < p.Wrt.Count; k++)
        {
            if (!claim.Claims(p.Wrt[k]))
            {
                col.Absent[k] = $"nothing is claimed for {p.WrtNames[k]}";
                continue;
            }

            col.Values[k] = values.Values[k];
            var reference = exact.Select(c => c.Values[k]).FirstOrDefault(double.IsFinite, values.Values[k]);
            var tol = ExactTolerance(ctx, k, reference);
            col.Uncertainty[k] = claim is DelegateClaim
                ? (fd.Absent[k] is null ? fd.Uncertainty[k] : tol)
                : tol + (ExactSafety * values.Bounds[k]);
        }

        return col;
    }
}
