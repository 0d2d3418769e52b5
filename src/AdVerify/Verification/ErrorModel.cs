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

        // Backward: A = Σ|path product|, B = Σ|path product|·(Σ relative errors on the path).
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

            var operandError = 0.0;
            foreach (var e in edgesFrom[i])
            {
                operandError = Math.Max(operandError, Relative(e.To));
            }

            var edgeError = (4 * Eps) + (2 * operandError);
            foreach (var e in edgesFrom[i])
            {
                var p = Math.Abs(e.LocalPartial);
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
}
