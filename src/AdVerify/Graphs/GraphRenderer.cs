using System.Globalization;
using System.Text;

namespace AdVerify.Graphs;

/// <summary>The output formats of graph rendering.</summary>
public enum GraphFormat
{
    /// <summary>Plain-text tables.</summary>
    Text,

    /// <summary>Graphviz DOT.</summary>
    Dot,

    /// <summary>Mermaid flowchart (renders in notebooks and Markdown without installing anything).</summary>
    Mermaid,
}

/// <summary>
/// Renders computation graphs and engine traces as text tables, Graphviz DOT or Mermaid.
/// It only formats what the traces contain; it computes nothing.
/// </summary>
public static class GraphRenderer
{
    /// <summary>Renders the bare computation graph.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="format">The format.</param>
    /// <returns>The rendering.</returns>
    public static string Render(ComputationGraph graph, GraphFormat format) => format switch
    {
        GraphFormat.Text => GraphText(graph, null),
        GraphFormat.Dot => Dot(graph, n => Label(n, null), Edges(graph), forward: true, title: "computation graph"),
        _ => Mermaid(graph, n => Label(n, null), Edges(graph), forward: true, title: "computation graph"),
    };

    /// <summary>Renders a forward-mode trace: each step with its value and tangents.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="format">The format.</param>
    /// <returns>The rendering.</returns>
    public static string Render(ForwardTrace trace, GraphFormat format)
    {
        string NodeLabel(GraphNode n) => Label(n, trace.Values[n.Index]) + "\n" + string.Join("\n",
            trace.Wrt.Select((w, k) => $"∂/∂{w} = {Num(trace.Tangents[n.Index][k])}"));
        return format switch
        {
            GraphFormat.Text => ForwardText(trace),
            GraphFormat.Dot => Dot(trace.Graph, NodeLabel, Edges(trace.Graph), forward: true, title: "forward mode: values and tangents"),
            _ => Mermaid(trace.Graph, NodeLabel, Edges(trace.Graph), forward: true, title: "forward mode: values and tangents"),
        };
    }

    /// <summary>Renders a reverse-mode trace: the gradient graph with local partials and adjoints.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="format">The format.</param>
    /// <returns>The rendering.</returns>
    public static string Render(ReverseTrace trace, GraphFormat format)
    {
        string NodeLabel(GraphNode n) => Label(n, trace.Values[n.Index]) + "\n" + $"adjoint = {Num(trace.Adjoints[n.Index])}";
        var edges = trace.Edges.Select(e => (e.From, e.To, Num(e.LocalPartial))).ToList();
        return format switch
        {
            GraphFormat.Text => ReverseText(trace),
            GraphFormat.Dot => Dot(trace.Graph, NodeLabel, edges, forward: false, title: "reverse mode: gradient graph"),
            _ => Mermaid(trace.Graph, NodeLabel, edges, forward: false, title: "reverse mode: gradient graph"),
        };
    }

    private static List<(int From, int To, string Label)> Edges(ComputationGraph g) =>
        g.Operations.SelectMany(n => n.Operands.Select(o => (o, n.Index, ""))).ToList();

    private static string Label(GraphNode n, double? value) =>
        (n.Kind == GraphNodeKind.Input ? n.Id : n.Formula) + (value is { } v ? " = " + Num(v) : "");

    private static string Num(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string GraphText(ComputationGraph g, IReadOnlyList<double>? values)
    {
        var sb = new StringBuilder();
        sb.AppendLine("computation graph");
        sb.AppendLine("inputs: " + string.Join(", ", g.Inputs.Select(i => i.Id)));
        foreach (var n in g.Operations)
        {
            sb.AppendLine("  " + n.Formula + (values is null ? "" : "   = " + Num(values[n.Index])));
        }

        sb.AppendLine("output: " + (g.Output >= 0 ? g.Nodes[g.Output].Id : "(constant)"));
        return sb.ToString();
    }

    private static string ForwardText(ForwardTrace t)
    {
        var sb = new StringBuilder();
        sb.AppendLine("forward mode: each step computes its value and its tangents with respect to " + string.Join(", ", t.Wrt));
        var rows = new List<string[]>();
        var header = new List<string> { "step", "node", "value" };
        header.AddRange(t.Wrt.Select(w => "∂/∂" + w));
        rows.Add(header.ToArray());
        var step = 0;
        foreach (var n in t.Graph.Nodes)
        {
            var row = new List<string>
            {
                n.Kind == GraphNodeKind.Input ? "input" : (++step).ToString(CultureInfo.InvariantCulture),
                n.Formula,
                Num(t.Values[n.Index]),
            };
            row.AddRange(t.Wrt.Select((_, k) => Num(t.Tangents[n.Index][k])));
            rows.Add(row.ToArray());
        }

        AppendTable(sb, rows);
        return sb.ToString();
    }

    private static string ReverseText(ReverseTrace t)
    {
        var sb = new StringBuilder();
        sb.AppendLine("reverse mode, forward sweep: values and local partials recorded on the tape");
        var rows = new List<string[]> { new[] { "step", "node", "value", "local partials" } };
        var step = 0;
        foreach (var n in t.Graph.Operations)
        {
            var partials = t.Edges.Where(e => e.From == n.Index)
                .Select(e => $"∂{n.Id}/∂{t.Graph.Nodes[e.To].Id} = {Num(e.LocalPartial)}");
            rows.Add([(++step).ToString(CultureInfo.InvariantCulture), n.Formula, Num(t.Values[n.Index]), string.Join(", ", partials)]);
        }

        AppendTable(sb, rows);
        sb.AppendLine();
        sb.AppendLine("reverse mode, backward sweep: adjoints from the output back to the inputs");
        rows = [["node", "adjoint ∂f/∂node"]];
        foreach (var n in t.Graph.Nodes.Reverse())
        {
            rows.Add([n.Id, Num(t.Adjoints[n.Index])]);
        }

        AppendTable(sb, rows);
        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            sb.AppendLine(string.Join("  ", rows[r].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (r == 0)
            {
                sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
    }

    private static string Dot(ComputationGraph g, Func<GraphNode, string> label, List<(int From, int To, string Label)> edges, bool forward, string title)
    {
        static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
        var sb = new StringBuilder();
        sb.AppendLine("digraph adverify {");
        sb.AppendLine($"  label={Q(title)};");
        sb.AppendLine(forward ? "  rankdir=LR;" : "  rankdir=RL;");
        foreach (var n in g.Nodes)
        {
            var shape = n.Kind == GraphNodeKind.Input ? "ellipse" : n.Index == g.Output ? "doubleoctagon" : "box";
            sb.AppendLine($"  n{n.Index} [label={Q(label(n))}, shape={shape}];");
        }

        foreach (var (from, to, text) in edges)
        {
            sb.AppendLine(forward
                ? $"  n{from} -> n{to}{(text.Length > 0 ? $" [label={Q(text)}]" : "")};"
                : $"  n{from} -> n{to} [label={Q(text)}, style=dashed];");
        }

        sb.AppendLine("}");
        return sb.ToString();
    }

    private static string Mermaid(ComputationGraph g, Func<GraphNode, string> label, List<(int From, int To, string Label)> edges, bool forward, string title)
    {
        static string Q(string s) => "\"" + s.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("\n", "<br/>", StringComparison.Ordinal) + "\"";
        var sb = new StringBuilder();
        sb.AppendLine("---");
        sb.AppendLine("title: " + title);
        sb.AppendLine("---");
        sb.AppendLine(forward ? "flowchart LR" : "flowchart RL");
        foreach (var n in g.Nodes)
        {
            var text = Q(label(n));
            sb.AppendLine(n.Kind == GraphNodeKind.Input ? $"  n{n.Index}(({text}))" : n.Index == g.Output ? $"  n{n.Index}[[{text}]]" : $"  n{n.Index}[{text}]");
        }

        foreach (var (from, to, text) in edges)
        {
            sb.AppendLine(forward
                ? $"  n{from} --> n{to}"
                : $"  n{from} -. {Q(text)} .-> n{to}");
        }

        return sb.ToString();
    }
}
