namespace AdVerify.Graphs;

/// <summary>
/// A forward-mode trace (the seed's forward figures): for every node of the graph, in
/// evaluation order, its value and its tangent with respect to each input, as computed by
/// the forward-mode engine.
/// </summary>
/// <param name="Graph">The graph the trace belongs to.</param>
/// <param name="Wrt">The inputs the tangents are taken with respect to.</param>
/// <param name="Values">The value of each node, by node index.</param>
/// <param name="Tangents">Tangents[node][k] = ∂node/∂Wrt[k].</param>
public sealed record ForwardTrace(ComputationGraph Graph, IReadOnlyList<string> Wrt, IReadOnlyList<double> Values, IReadOnlyList<IReadOnlyList<double>> Tangents);

/// <summary>
/// One edge of the reverse-mode gradient graph: the local partial derivative of a node with
/// respect to one of its operands, through which the backward sweep passes adjoints.
/// </summary>
/// <param name="From">The node (consumer) whose adjoint flows backwards.</param>
/// <param name="To">The operand (producer) receiving adjoint · partial.</param>
/// <param name="LocalPartial">∂From/∂To at the point.</param>
public sealed record GradientEdge(int From, int To, double LocalPartial);

/// <summary>
/// A reverse-mode trace (the seed's gradient graph): node values from the forward sweep, the
/// local partials recorded on the tape, and every node's adjoint ∂output/∂node after the
/// backward sweep, as computed by the reverse-mode engine.
/// </summary>
/// <param name="Graph">The graph the trace belongs to.</param>
/// <param name="Values">The value of each node, by node index.</param>
/// <param name="Edges">The gradient graph's edges, in the order the backward sweep visits them.</param>
/// <param name="Adjoints">The adjoint of each node, by node index.</param>
public sealed record ReverseTrace(ComputationGraph Graph, IReadOnlyList<double> Values, IReadOnlyList<GradientEdge> Edges, IReadOnlyList<double> Adjoints);
