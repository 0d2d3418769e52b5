using AdVerify.Expressions;
using AdVerify.Graphs;
using NUnit.Framework;

namespace AdVerify.Tests.Graphs;

/// <summary>Names in a computation graph: every name means one node.</summary>
public class ComputationGraphTests
{
    [TestCase(new[] { "x", "y" }, "v")]
    [TestCase(new[] { "v", "v1x", "vv2", "V1" }, "v")]
    [TestCase(new[] { "v1", "t" }, "w")]
    [TestCase(new[] { "v1", "w20", "u3", "s4", "r5", "q6", "p7" }, "v_")]
    [TestCase(new[] { "v1", "w1", "u1", "s1", "r1", "q1", "p1", "v_1", "v__12" }, "v___")]
    public void OperationNamesAvoidTheInputs(string[] inputs, string prefix) =>
        Assert.That(ComputationGraph.NodePrefix(inputs), Is.EqualTo(prefix));

    [Test]
    public void VariablesNamedLikeStepsKeepTheirNames()
    {
        var g = ComputationGraph.Build(Infix.Parse("v1*v2 + sin(v1)"));
        var ids = g.Nodes.Select(n => n.Id).ToArray();
        Assert.That(ids, Is.Unique);
        Assert.That(g.Inputs.Select(n => n.Id), Is.EqualTo(new[] { "v1", "v2" }));
        Assert.That(g.Operations.Select(n => n.Id), Is.All.Match("^w[0-9]+$"));
        Assert.That(g.Operations.Select(n => n.Formula), Does.Contain("w1 = v1·v2").Or.Contain("w1 = sin(v1)"));
    }
}
