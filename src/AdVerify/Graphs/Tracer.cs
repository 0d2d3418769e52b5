using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Scalars;

namespace AdVerify.Graphs;

/// <summary>
/// Runs the engines over an expression and records what they computed at every node, for the
/// seed's pictures: the forward engine's value and tangents per node, and the reverse engine's
/// values, local partials and adjoints. It computes nothing itself: every number comes from
/// the engines (the local partial of an edge is the reverse engine's gradient of that node's
/// own operation with respect to the operand).
/// </summary>
public static class Tracer
{
    /// <summary>Traces forward mode: every node's value and its tangent with respect to each wrt variable.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable.</param>
    /// <param name="wrt">The variables the tangents are taken with respect to.</param>
    /// <returns>The trace.</returns>
    public static ForwardTrace Forward(Expr expr, IReadOnlyDictionary<string, double> point, IReadOnlyList<string> wrt)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var graph = ComputationGraph.Build(expr, wrt);
        var values = new double[graph.Nodes.Count];
        var tangents = new double[graph.Nodes.Count][];
        var index = ExprInterpreter.Indices(point, wrt);
        using (TangentArena.Begin(wrt.Count))
        {
            var seeds = index.ToDictionary(kv => kv.Key, kv => DualVector.Variable(point[kv.Key], kv.Value), StringComparer.Ordinal);
            DualVector Record(Expr node, DualVector number)
            {
                if (graph.TryGetIndex(node, out var i))
                {
                    values[i] = number.Value;
                    tangents[i] = number.Tangent.ToArray();
                }

                return number;
            }

            foreach (var input in graph.Inputs)
            {
                Record(input.Expression, seeds.TryGetValue(input.Id, out var s) ? s : DualVector.Lift(ExprInterpreter.PointValue(point, input.Id)));
            }

            ExprInterpreter.Evaluate<DualVector>(expr, name => seeds.TryGetValue(name, out var v) ? v : ExprInterpreter.PointValue(point, name),
                ForwardRules.Unary<DualVector>, ForwardRules.Binary<DualVector>, Record);
        }

        for (var i = 0; i < tangents.Length; i++)
        {
            tangents[i] ??= new double[wrt.Count];
        }

        return new ForwardTrace(graph, wrt.ToArray(), values, tangents);
    }

    /// <summary>
    /// Traces reverse mode: every node's value from the forward sweep, the local partial of every
    /// edge, and every node's adjoint after one backward sweep from the output. All inputs are
    /// tape variables, so parameters get adjoints too.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable.</param>
    /// <param name="wrt">Inputs listed first in the graph (the rest follow, sorted).</param>
    /// <returns>The trace.</returns>
    public static ReverseTrace Reverse(Expr expr, IReadOnlyDictionary<string, double> point, IReadOnlyList<string> wrt)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var graph = ComputationGraph.Build(expr, wrt);
        var count = graph.Nodes.Count;
        var values = new double[count];
        var adjoints = new double[count];
        var vars = new Var<double>[count];
        var tape = new Tape<double>();
        using (tape.Activate())
        {
            var inputs = graph.Inputs.ToDictionary(n => n.Id, n => tape.Variable(ExprInterpreter.PointValue(point, n.Id)), StringComparer.Ordinal);
            foreach (var input in graph.Inputs)
            {
                vars[input.Index] = inputs[input.Id];
            }

            var y = ExprInterpreter.Evaluate<Var<double>>(expr, name => inputs[name], ReverseRules.Unary<Var<double>>, ReverseRules.Binary<Var<double>>,
                (node, number) =>
                {
                    if (!graph.TryGetIndex(node, out var i))
                    {
                        return number;
                    }

                    // A node of its own on the tape, so that its adjoint can be read after the sweep.
                    vars[i] = tape.Record(number);
                    return vars[i];
                });
            tape.Backward(y);
            for (var i = 0; i < count; i++)
            {
                values[i] = vars[i].Value;
                adjoints[i] = tape.Adjoint(vars[i]);
            }
        }

        // Walk the gradient graph from the output backwards, as the sweep does.
        var edges = new List<GradientEdge>();
        foreach (var node in graph.Operations.Reverse())
        {
            var partials = LocalPartials(node.Expression, values, graph);
            foreach (var (operand, partial) in partials)
            {
                edges.Add(new GradientEdge(node.Index, operand, partial));
            }
        }

        return new ReverseTrace(graph, values, edges, adjoints);
    }

    /// <summary>The reverse engine's partials of one node's own operation with respect to each drawn operand.</summary>
    private static List<(int Operand, double Partial)> LocalPartials(Expr node, double[] values, ComputationGraph graph)
    {
        // Replace each drawn operand by a fresh symbol, keep numbers and constants, and let the
        // reverse engine differentiate that one operation at the operands' values.
        var names = new Dictionary<Expr, string>(ReferenceEqualityComparer.Instance);
        var local = new Dictionary<string, double>(StringComparer.Ordinal);
        var operands = new List<Expr>();
        foreach (var o in node.Operands)
        {
            if (!graph.TryGetIndex(o, out var i))
            {
                operands.Add(o);
                continue;
            }

            if (!names.TryGetValue(o, out var name))
            {
                name = "_operand" + names.Count;
                names[o] = name;
                local[name] = values[i];
            }

            operands.Add(Expr.Symbol(name));
        }

        var op = node switch
        {
            SumExpr => Expr.Add(operands.ToArray()),
            ProductExpr => Expr.Multiply(operands.ToArray()),
            PowerExpr => Expr.Pow(operands[0], operands[1]),
            CallExpr c => Expr.Call(c.Function, operands.ToArray()),
            _ => throw new NotSupportedException($"No operation for {node.Kind}."),
        };
        var wrt = names.Values.ToArray();
        var (_, gradient) = ExprReverse.Gradient(op, local, wrt);
        return names.Select((kv, k) => (graph.TryGetIndex(kv.Key, out var idx) ? idx : -1, gradient[k])).ToList();
    }
}
