using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Symbolic;
using AdVerify.Taylor;

namespace AdVerify.Verification.Pipeline;

/// <summary>Claimed derivatives of order three and up, one written formula per key (evaluated as written).</summary>
/// <param name="formulas">The formulas by key; the keys' variable positions index the differentiated variables.</param>
internal sealed class WrittenHigherClaims(IReadOnlyDictionary<DerivativeKey, Computation> formulas)
{
    public IReadOnlyDictionary<DerivativeKey, Computation> Formulas { get; } = formulas;
}

/// <summary>
/// Claimed higher derivatives: partials such as <c>"x,x,y"</c> (∂³f/∂x∂x∂y) or k-th derivatives along a
/// direction such as <c>"[x=1,y=-1]^3"</c>. Each is compared with three sources, each with its own rule card:
/// Taylor mode (Dᵏf along the key's polarization directions, any order), nested forward mode
/// (<c>Dual&lt;Dual&lt;Dual&lt;double&gt;&gt;&gt;</c> seeded along the same directions, orders 3 and 4) and the
/// symbolic engine (the traced expression differentiated k times). Finite differences take no part: a
/// third or higher difference of rounded values cannot resolve the derivative to a useful bound. The claim
/// is charged for its own rounding (<see cref="ErrorModel"/>); a wrong one is named by its key.
/// </summary>
internal static class HigherDerivativeStage
{
    private const double Eps = 2.220446049250313e-16;
    private const int MaxForwardOrder = 4;
    private const int MaxSymbolicDepth = 200;

    /// <summary>Adds the comparison of the claimed higher derivatives to the result at <paramref name="x"/>.</summary>
    public static PointResult Compare(Problem p, double[] x, PointResult r)
    {
        if (p.HigherClaim is not { } claim || r.Verdict is Verdict.Error or Verdict.Undefined or Verdict.Nondifferentiable
            || PointContext.Prepare(p, x, out var ctx) is not null)
        {
            return r;
        }

        var absent = new Dictionary<string, string>(r.Absent, StringComparer.Ordinal);
        var maps = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var found = new List<Discrepancy>();
        var notes = new List<string>();
        var symbolic = SymbolicExpr(ctx, absent, out var depth);
        foreach (var (key, formula) in claim.Formulas)
        {
            var entry = Canonical(key, p.WrtNames);
            var voters = new List<SourceValue>();
            void Add(string source, double value, double bound)
            {
                (maps.TryGetValue(source, out var m) ? m : maps[source] = new(StringComparer.Ordinal))[entry] = value;
                voters.Add(new(source, value, bound));
            }

            var directions = key.Polarization(p.Wrt.Count).Select(t => (Full(p, t.Direction, x.Length), t.Weight)).ToArray();
            if (Combine(directions, d => Taylor(p.Definition.Function!, x, d, key.Order), absent, Sources.Taylor, "Taylor mode") is { } taylor)
            {
                Add(Sources.Taylor, taylor.Value, 16 * Eps * (depth + 1) * taylor.Scale);
            }

            if (key.Order > MaxForwardOrder)
            {
                absent[Sources.Forward] = $"nested forward mode is built for orders 3 and {MaxForwardOrder}; {entry} is of order {key.Order}";
            }
            else if (Combine(directions, d => Nested(p.Definition.Function!, x, d, key.Order), absent, Sources.Forward, "nested forward mode") is { } forward)
            {
                Add(Sources.Forward, forward.Value, 16 * Eps * (depth + 1) * forward.Scale);
            }

            if (symbolic is not null)
            {
                var e = Differentiate(symbolic, key, p.WrtNames);
                var s = e.TryEvaluate(ctx.Point, out var v, out _) ? v : double.NaN;
                Add(Sources.Symbolic, s, (16 * Eps * (depth + 1) * Math.Abs(s)) + (8 * SourceStage.ValueBound(e, ctx)));
            }

            var reference = voters.Select(v => v.Value).FirstOrDefault(double.IsFinite);
            SourceValue? claimed = null;
            if (formula.TryEvaluate(x, out var c, out var issue))
            {
                claimed = new SourceValue(Sources.Claimed, c, (16 * Eps * (depth + 1) * Math.Abs(reference)) + (2 * new ErrorModel(formula, x).ValueBound()));
                (maps.TryGetValue(Sources.Claimed, out var m) ? m : maps[Sources.Claimed] = new(StringComparer.Ordinal))[entry] = c;
            }
            else
            {
                notes.Add($"the claimed {key.Label(p.WrtNames)} is undefined at the point: {issue!.Message}");
            }

            found.AddRange(Vote.Compare(entry, voters, claimed));
        }

        var higher = maps.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value, StringComparer.Ordinal);
        var note = string.Join("; ", notes.Prepend("claimed derivatives of order 3 and up: finite differences take no part (they cannot resolve them)"));
        return found.Count == 0
            ? r with { HigherDerivatives = higher, Absent = absent, Message = r.StatedMessage is null ? note : r.StatedMessage + "; " + note }
            : r with
            {
                Verdict = Verdict.Discrepancy,
                HigherDerivatives = higher,
                Absent = absent,
                Discrepancies = [.. r.Discrepancies, .. found],
                Message = r.Verdict == Verdict.Discrepancy ? r.Message + "; " + found[0].Message : found[0].Message + "; " + note,
            };
    }

    /// <summary>The key as the report names it: <c>"x,x,y"</c> for partials, the direction and order as written otherwise.</summary>
    private static string Canonical(DerivativeKey key, IReadOnlyList<string> names) =>
        key.Variables is { } v ? string.Join(",", v.Select(i => names[i])) : key.Text.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>A direction over the differentiated variables, spread over all of the definition's inputs.</summary>
    private static double[] Full(Problem p, double[] direction, int length)
    {
        var full = new double[length];
        for (var i = 0; i < direction.Length; i++)
        {
            full[p.Wrt[i]] = direction[i];
        }

        return full;
    }

    /// <summary>Σ weight·Dᵏf(direction) over the polarization; null (with the reason in <paramref name="absent"/>) when the engine throws.</summary>
    private static (double Value, double Scale)? Combine((double[] Direction, double Weight)[] directions, Func<double[], double> derivative,
        Dictionary<string, string> absent, string source, string what)
    {
        try
        {
            double sum = 0, scale = 0;
            foreach (var (d, w) in directions)
            {
                var v = w * derivative(d);
                sum += v;
                scale += Math.Abs(v);
            }

            return (sum, scale);
        }
        catch (Exception e) when (e is NotSupportedException or ArithmeticException or InvalidOperationException)
        {
            absent[source] = $"{what} threw {e.GetType().Name}: {e.Message}";
            return null;
        }
    }

    /// <summary>Dᵏf along u by Taylor mode: k! times the k-th coefficient.</summary>
    private static double Taylor(IScalarFunction f, double[] x, double[] u, int k)
    {
        var inputs = x.Select((v, i) => TaylorNumber.Variable(v, u[i], k)).ToArray();
        var factorial = Enumerable.Range(1, k).Aggregate(1.0, (a, b) => a * b);
        return factorial * f.Invoke<TaylorNumber>(inputs)[k];
    }

    /// <summary>
    /// Dᵏf along u by nested dual numbers: x + (t₁ + … + t_k)·u, one nesting level per tᵢ, so the innermost
    /// tangent of the result is ∂ᵏ/∂t₁…∂t_k.
    /// </summary>
    private static double Nested(IScalarFunction f, double[] x, double[] u, int k)
    {
        var one = new Dual<double>[x.Length];
        var two = new Dual<Dual<double>>[x.Length];
        var three = new Dual<Dual<Dual<double>>>[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            // Each level's tangent is u as a number of the level below, whose own tangents are 0.
            one[i] = new Dual<double>(x[i], u[i]);
            two[i] = new Dual<Dual<double>>(one[i], new Dual<double>(u[i], 0));
            three[i] = new Dual<Dual<Dual<double>>>(two[i], new Dual<Dual<double>>(new Dual<double>(u[i], 0), default));
        }

        if (k == 3)
        {
            return f.Invoke<Dual<Dual<Dual<double>>>>(three).Tangent.Tangent.Tangent;
        }

        var four = three.Select((t, i) => new Dual<Dual<Dual<Dual<double>>>>(t, new Dual<Dual<Dual<double>>>(new Dual<Dual<double>>(new Dual<double>(u[i], 0), default), default))).ToArray();
        return f.Invoke<Dual<Dual<Dual<Dual<double>>>>>(four).Tangent.Tangent.Tangent.Tangent;
    }

    /// <summary>The traced expression for the symbolic engine, or null with the reason.</summary>
    private static Expr? SymbolicExpr(PointContext ctx, Dictionary<string, string> absent, out int depth)
    {
        depth = 0;
        var trace = ctx.Problem.Definition.SymbolicTrace(out var why) ?? ctx.Trace;
        if (trace is null)
        {
            absent[Sources.Symbolic] = why ?? ctx.TraceProblem ?? "no expression";
            return null;
        }

        try
        {
            var e = trace.ToExpr();
            depth = Traversal.Depth(e);
            if (depth <= MaxSymbolicDepth)
            {
                return e;
            }

            absent[Sources.Symbolic] = $"the expression is {depth} levels deep, more than the {MaxSymbolicDepth} for which higher symbolic derivatives are built";
            return null;
        }
        catch (ArgumentException e)
        {
            absent[Sources.Symbolic] = e.Message;
            return null;
        }
    }

    /// <summary>The partial derivatives in the key's order, or k directional derivatives Σ uᵢ ∂/∂xᵢ.</summary>
    private static Expr Differentiate(Expr e, DerivativeKey key, IReadOnlyList<string> names)
    {
        if (key.Variables is { } v)
        {
            return v.Aggregate(e, (g, i) => g.Differentiate(names[i]));
        }

        var u = key.Direction!;
        for (var k = 0; k < key.Order; k++)
        {
            var g = e;
            e = Expr.Add(Enumerable.Range(0, u.Length).Where(i => u[i] != 0).Select(i => Expr.Number(u[i]) * g.Differentiate(names[i])));
        }

        return e;
    }
}
