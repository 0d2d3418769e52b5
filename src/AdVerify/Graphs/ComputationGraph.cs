using System.Globalization;
using AdVerify.Expressions;

namespace AdVerify.Graphs;

/// <summary>What a node of a computation graph is.</summary>
public enum GraphNodeKind
{
    /// <summary>An input variable.</summary>
    Input,

    /// <summary>An intermediate or output operation v1 … vn.</summary>
    Operation,
}

/// <summary>
/// One node of a computation graph: an input variable, or an operation <c>vk</c> computed from
/// earlier nodes. Numbers and the constants π and e are written inline in the formula rather
/// than drawn as nodes.
/// </summary>
/// <param name="Index">Position in <see cref="ComputationGraph.Nodes"/> (inputs first, then operations in evaluation order).</param>
/// <param name="Id">The name shown: the variable name, or <c>v1</c>, <c>v2</c>, … (another letter when a variable is named like that; see <see cref="ComputationGraph.NodePrefix"/>).</param>
/// <param name="Kind">Input or operation.</param>
/// <param name="Operation">A short operation label such as <c>×</c>, <c>+</c>, <c>log</c>, <c>^</c>; empty for inputs.</param>
/// <param name="Operands">Indices of the nodes this one is computed from, in operand order.</param>
/// <param name="Formula">The step as text, for example <c>v2 = log(v1)</c>; the variable name for inputs.</param>
/// <param name="Expression">The expression node this graph node stands for.</param>
public sealed record GraphNode(int Index, string Id, GraphNodeKind Kind, string Operation, IReadOnlyList<int> Operands, string Formula, Expr Expression);

/// <summary>
/// The computation graph of an expression (the seed's first figure): its inputs, the
/// intermediate operations v1 … vn in the order an engine evaluates them (each shared
/// subexpression once), and the output node. It is pure structure; values, tangents and
/// adjoints come from the engines' traces.
/// </summary>
public sealed class ComputationGraph
{
    private readonly Dictionary<Expr, int> _indexOf;

    private ComputationGraph(IReadOnlyList<GraphNode> nodes, Dictionary<Expr, int> indexOf, int output)
    {
        Nodes = nodes;
        _indexOf = indexOf;
        Output = output;
    }

    /// <summary>Every node: inputs first (in the given order), then operations in evaluation order.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>The input nodes.</summary>
    public IEnumerable<GraphNode> Inputs => Nodes.Where(n => n.Kind == GraphNodeKind.Input);

    /// <summary>The operation nodes v1 … vn in evaluation order.</summary>
    public IEnumerable<GraphNode> Operations => Nodes.Where(n => n.Kind == GraphNodeKind.Operation);

    /// <summary>Index of the output node (for an expression that is a bare variable, that input).</summary>
    public int Output { get; }

    /// <summary>The graph node standing for an expression node, if the expression has one.</summary>
    /// <param name="node">A node of the expression.</param>
    /// <param name="index">Its graph index.</param>
    /// <returns>True when the expression node is drawn (numbers and constants are not).</returns>
    public bool TryGetIndex(Expr node, out int index) => _indexOf.TryGetValue(node, out index);

    /// <summary>Builds the graph of an expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="inputs">The inputs in display order; variables of the expression not listed are appended, sorted.</param>
    /// <returns>The graph.</returns>
    public static ComputationGraph Build(Expr expr, IEnumerable<string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var order = (inputs ?? []).ToList();
        foreach (var v in expr.Variables)
        {
            if (!order.Contains(v, StringComparer.Ordinal))
            {
                order.Add(v);
            }
        }

        var nodes = new List<GraphNode>();
        var indexOf = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        foreach (var name in order)
        {
            var symbol = Expr.Symbol(name);
            indexOf[symbol] = nodes.Count;
            nodes.Add(new GraphNode(nodes.Count, name, GraphNodeKind.Input, "", [], name, symbol));
        }

        var prefix = NodePrefix(order);
        var k = 0;
        foreach (var node in Traversal.PostOrder(expr))
        {
            if (node is NumberExpr or ConstantExpr or SymbolExpr)
            {
                continue;
            }

            var id = prefix + (++k).ToString(CultureInfo.InvariantCulture);
            var operands = node.Operands.Where(indexOf.ContainsKey).Select(o => indexOf[o]).Distinct().ToArray();
            var formula = id + " = " + StepFormatter.Format(node, e => indexOf.TryGetValue(e, out var i) ? nodes[i].Id : null);
            indexOf[node] = nodes.Count;
            nodes.Add(new GraphNode(nodes.Count, id, GraphNodeKind.Operation, StepFormatter.OperationLabel(node), operands, formula, node));
        }

        var output = indexOf.TryGetValue(expr, out var o) ? o : -1;
        return new ComputationGraph(nodes, indexOf, output);
    }

    /// <summary>
    /// The prefix of the operation names: <c>v</c> (v1, v2, … as in the seed's figures) unless an
    /// input is already named like that (a variable <c>v1</c>), then the first of w, u, s, r, q, p,
    /// v_, v__, … that no input collides with, so a name in a step always means one node.
    /// </summary>
    /// <param name="inputs">The input names.</param>
    /// <returns>The prefix.</returns>
    public static string NodePrefix(IEnumerable<string> inputs)
    {
        var names = inputs.ToHashSet(StringComparer.Ordinal);
        bool Collides(string prefix) => names.Any(n => n.Length > prefix.Length && n.StartsWith(prefix, StringComparison.Ordinal) && n[prefix.Length..].All(char.IsAsciiDigit));
        foreach (var prefix in new[] { "v", "w", "u", "s", "r", "q", "p" })
        {
            if (!Collides(prefix))
            {
                return prefix;
            }
        }

        var candidate = "v_";
        while (Collides(candidate))
        {
            candidate += "_";
        }

        return candidate;
    }
}
