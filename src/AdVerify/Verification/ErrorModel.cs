using AdVerify.Expressions;
using AdVerify.Graphs;

namespace AdVerify.Verification;

/// <summary>
/// First-order rounding-error bounds computed from a reverse-mode trace (values, local
/// partials and adjoints), so tolerances come from the computation at hand rather than from
/// fixed constants. For a value: each node's rounding δᵢ·vᵢ reaches the output multiplied by
/// the node's adjoint, so |error| ≲ ε·Σ|adjᵢ·vᵢ|. For a gradient entry: every path from the
/// output to the input contributes the product of its local partials; each partial carries
/// a relative error of a few ε plus the relative error of the values it was computed from,
/// and the bound sums |path product|·(sum of those relative errors) over all paths.
/// </summary>
public static class ErrorModel
{
    private const double Eps = 2.220446049250313e-16; // 2^-52, the spacing of doubles at 1

    /// <summary>An absolute bound on the rounding error of the trace's output value.</summary>
    /// <param name="trace">A reverse trace of the expression.</param>
    /// <returns>ε·Σ|adjoint·value| over the operation nodes.</returns>
    public static double ValueBound(ReverseTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var sum = 0.0;
        foreach (var n in trace.Graph.Operations)
        {
            sum += Math.Abs(trace.Adjoints[n.Index] * trace.Values[n.Index]) * Math.Max(1, n.Operands.Count - 1);
        }

        return Eps * sum;
    }

    /// <summary>Absolute bounds on the rounding error of each input's gradient entry.</summary>
    /// <param name="trace">A reverse trace of the expression.</param>
    /// <returns>One bound per graph node; read the inputs' entries.</returns>
    public static double[] GradientBounds(ReverseTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var nodes = trace.Graph.Nodes;
        var count = nodes.Count;
        var edgesFrom = new List<GradientEdge>[count];
        for (var i = 0; i < count; i++)
        {
            edgesFrom[i] = [];
        }

        foreach (var e in trace.Edges)
        {
            edgesFrom[e.From].Add(e);
        }

        // Forward: absolute error of each value (inputs are exact).
        var valueError = new double[count];
        foreach (var n in nodes)
        {
            if (n.Kind == GraphNodeKind.Input)
            {
                continue;
            }

            var err = Eps * Math.Abs(trace.Values[n.Index]) * Math.Max(1, n.Operands.Count - 1);
            foreach (var e in edgesFrom[n.Index])
            {
                err += Math.Abs(e.LocalPartial) * valueError[e.To];
            }

            valueError[n.Index] = err;
        }

        double Relative(int node)
        {
            var v = Math.Abs(trace.Values[node]);
            var r = valueError[node] / Math.Max(v, double.Epsilon);
            return double.IsFinite(r) ? Math.Min(r, 1) : 1;
        }

        // Backward: A = Σ|path product|, B = Σ|path product|·(Σ relative errors of the partials on the path).
        var a = new double[count];
        var b = new double[count];
        if (trace.Graph.Output < 0)
        {
            return b;
        }

        a[trace.Graph.Output] = 1;
        for (var i = count - 1; i >= 0; i--)
        {
            if (a[i] == 0 && b[i] == 0)
            {
                continue;
            }

            foreach (var e in edgesFrom[i])
            {
                var p = Math.Abs(e.LocalPartial);
                var edgeError = (4 * Eps) + PartialError(nodes[i], e.To, trace, Relative);
                a[e.To] += a[i] * p;
                b[e.To] += (b[i] * p) + (a[i] * p * edgeError);
            }
        }

        var accumulation = Eps * Math.Log2(count + 1);
        var bounds = new double[count];
        for (var i = 0; i < count; i++)
        {
            bounds[i] = b[i] + (accumulation * a[i]);
        }

        return bounds;
    }

    /// <summary>
    /// The relative error of the local partial ∂node/∂operand caused by the errors in the values it
    /// is computed from: none for sums (the partials are exact), the other factors' errors for
    /// products, |n − 1| times the base's error for u^n, and for a call f(u) the base's error
    /// times the condition |u·f″(u)/f′(u)| of f′, estimated from the registry's values of f.
    /// </summary>
    private static double PartialError(GraphNode node, int operand, ReverseTrace trace, Func<int, double> relative)
    {
        var graph = trace.Graph;
        double Rel(Expr e) => graph.TryGetIndex(e, out var k) ? relative(k) : 0;
        switch (node.Expression)
        {
            case SumExpr:
                return 0;
            case ProductExpr p:
                {
                    var total = 0.0;
                    var skipped = false;
                    foreach (var f in p.Operands)
                    {
                        if (!skipped && graph.TryGetIndex(f, out var k) && k == operand)
                        {
                            skipped = true;
                            continue;
                        }

                        total += Rel(f) + Eps;
                    }

                    return Math.Min(total, 1);
                }

            case PowerExpr { Exponent: NumberExpr n } pw:
                return Math.Min(Math.Abs(n.Value.ToDouble() - 1) * Rel(pw.Base), 1);
            case PowerExpr pw:
                {
                    var u = Math.Abs(trace.Values[graph.TryGetIndex(pw.Base, out var bi) ? bi : 0]);
                    var v = Math.Abs(graph.TryGetIndex(pw.Exponent, out var ei) ? trace.Values[ei] : 0);
                    var r = ((v + 1) * Rel(pw.Base)) + ((1 + (v * Math.Abs(Math.Log(u)))) * Rel(pw.Exponent));
                    return double.IsFinite(r) ? Math.Min(r, 1) : 1;
                }

            case CallExpr c when c.Function.Arity == 1:
                {
                    var u = graph.TryGetIndex(c.Operands[0], out var k) ? trace.Values[k] : double.NaN;
                    return Math.Min(DerivativeCondition(c.Function, u) * Rel(c.Operands[0]), 1);
                }

            case CallExpr c:
                return Math.Min(4 * (Rel(c.Operands[0]) + Rel(c.Operands[1])), 1);
            default:
                return 0;
        }
    }

    /// <summary>|u·f″(u)/f′(u)| from central differences of the function's values (10 when they cannot be formed).</summary>
    private static double DerivativeCondition(FunctionInfo f, double u)
    {
        if (!double.IsFinite(u))
        {
            return 10;
        }

        var h = 1e-4 * Math.Max(Math.Abs(u), 1e-8);
        double fm = f.Evaluate(u - h), f0 = f.Evaluate(u), fp = f.Evaluate(u + h);
        var d1 = (fp - fm) / (2 * h);
        var d2 = (fp - (2 * f0) + fm) / (h * h);
        var kappa = Math.Abs(u * d2 / d1);
        return double.IsFinite(kappa) ? kappa + 1 : 10;
    }
}
