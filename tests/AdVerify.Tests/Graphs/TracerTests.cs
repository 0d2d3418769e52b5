using AdVerify.Expressions;
using AdVerify.Graphs;
using NUnit.Framework;

namespace AdVerify.Tests.Graphs;

/// <summary>The seed's pictures: the graph, the forward tangent steps and the reverse adjoints.</summary>
public class TracerTests
{
    private static readonly Dictionary<string, double> Seed = new() { ["x"] = 2, ["y"] = 3, ["z"] = 1 };
    private static readonly Expr F = Infix.Parse("log(x*y) + sin(z)");

    [Test]
    public void TheGraphHasTheSeedsFourSteps()
    {
        var g = ComputationGraph.Build(F, ["x", "y", "z"]);
        Assert.That(g.Inputs.Select(n => n.Id), Is.EqualTo(new[] { "x", "y", "z" }));
        Assert.That(g.Operations.Select(n => n.Formula), Is.EqualTo(new[] { "v1 = x·y", "v2 = log(v1)", "v3 = sin(z)", "v4 = v2 + v3" }));
        Assert.That(g.Nodes[g.Output].Id, Is.EqualTo("v4"));
    }

    [Test]
    public void ForwardTraceCarriesEveryTangent()
    {
        var t = Tracer.Forward(F, Seed, ["x", "y", "z"]);
        var v1 = t.Graph.Operations.First();
        Assert.That(t.Values[v1.Index], Is.EqualTo(6));
        Assert.That(t.Tangents[v1.Index], Is.EqualTo(new[] { 3.0, 2.0, 0.0 }), "∂v1/∂x = y, ∂v1/∂y = x");
        var f = t.Graph.Output;
        Assert.That(t.Tangents[f][0], Is.EqualTo(0.5).Within(1e-15));
        Assert.That(t.Tangents[f][1], Is.EqualTo(1.0 / 3).Within(1e-15));
        Assert.That(t.Tangents[f][2], Is.EqualTo(Math.Cos(1)).Within(1e-15));
    }

    [Test]
    public void ReverseTraceCarriesLocalPartialsAndAdjoints()
    {
        var t = Tracer.Reverse(F, Seed, ["x", "y", "z"]);
        var id = t.Graph.Nodes.ToDictionary(n => n.Id, n => n.Index);
        Assert.That(t.Adjoints[id["v4"]], Is.EqualTo(1));
        Assert.That(t.Adjoints[id["v1"]], Is.EqualTo(1.0 / 6).Within(1e-15));
        Assert.That(t.Adjoints[id["x"]], Is.EqualTo(0.5).Within(1e-15));
        Assert.That(t.Adjoints[id["z"]], Is.EqualTo(Math.Cos(1)).Within(1e-15));
        var logEdge = t.Edges.Single(e => e.From == id["v2"]);
        Assert.That(logEdge.To, Is.EqualTo(id["v1"]));
        Assert.That(logEdge.LocalPartial, Is.EqualTo(1.0 / 6).Within(1e-15));
        Assert.That(t.Edges.First().From, Is.EqualTo(id["v4"]), "the backward sweep starts at the output");
    }

    [Test]
    public void RenderingsShowTheSteps()
    {
        var forward = Tracer.Forward(F, Seed, ["x", "y", "z"]);
        var reverse = Tracer.Reverse(F, Seed, ["x", "y", "z"]);
        var text = GraphRenderer.Render(forward, GraphFormat.Text);
        Assert.That(text, Does.Contain("v2 = log(v1)").And.Contain("0.333333"));
        var mermaid = GraphRenderer.Render(reverse, GraphFormat.Mermaid);
        Assert.That(mermaid, Does.Contain("flowchart RL").And.Contain("adjoint = 0.5"));
        var dot = GraphRenderer.Render(reverse, GraphFormat.Dot);
        Assert.That(dot, Does.StartWith("digraph").And.Contain("style=dashed"));
        Assert.That(GraphRenderer.Render(forward.Graph, GraphFormat.Dot), Does.Contain("->"));
    }

    [Test]
    public void SharedSubexpressionsAppearOnce()
    {
        var e = Infix.Parse("sin(x*y) + cos(x*y)");
        var g = ComputationGraph.Build(e);
        Assert.That(g.Operations.Count(n => n.Operation == "×"), Is.EqualTo(1));
        var t = Tracer.Reverse(e, new Dictionary<string, double> { ["x"] = 0.5, ["y"] = 2 }, ["x", "y"]);
        var x = t.Graph.Nodes.Single(n => n.Id == "x").Index;
        Assert.That(t.Adjoints[x], Is.EqualTo(2 * (Math.Cos(1) - Math.Sin(1))).Within(1e-14));
    }
}
