using System.Text.Json;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.Commands;

public class GradAndGraphCommandTests
{
    [TestCase("forward")]
    [TestCase("reverse")]
    public void SeedGradientInBothModes(string mode)
    {
        var r = CliRunner.Run("grad", "log(x*y) + sin(z)", "--at", "x=2,y=3,z=1", "--mode", mode, "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var g = doc.RootElement.GetProperty("gradient");
        Assert.That(doc.RootElement.GetProperty("value").GetDouble(), Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15));
        Assert.That(g.GetProperty("x").GetDouble(), Is.EqualTo(0.5).Within(1e-15));
        Assert.That(g.GetProperty("y").GetDouble(), Is.EqualTo(1.0 / 3).Within(1e-15));
        Assert.That(g.GetProperty("z").GetDouble(), Is.EqualTo(Math.Cos(1)).Within(1e-15));
    }

    [Test]
    public void HessianKeysAreRowCommaColumn()
    {
        var r = CliRunner.Run("grad", "x^2*y", "--at", "x=3,y=2", "--wrt", "x,y,q", "--allow-unused", "--hessian", "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.That(doc.RootElement.GetProperty("gradient").GetProperty("q").GetDouble(), Is.EqualTo(0));
        var h = doc.RootElement.GetProperty("hessian");
        Assert.That(h.GetProperty("x,x").GetDouble(), Is.EqualTo(4));
        Assert.That(h.GetProperty("x,y").GetDouble(), Is.EqualTo(6));
        Assert.That(h.GetProperty("y,x").GetDouble(), Is.EqualTo(6));
        Assert.That(h.GetProperty("q,q").GetDouble(), Is.EqualTo(0));
    }

    [Test]
    public void DefaultWrtIsEveryVariableSorted()
    {
        var r = CliRunner.Run("grad", "z + y*x", "--at", "x=1,y=2,z=3");
        var lines = r.Out.Trim().Split('\n').Select(l => l.Trim()).ToArray();
        Assert.That(lines[1], Does.StartWith("∂f/∂x"));
        Assert.That(lines[2], Does.StartWith("∂f/∂y"));
        Assert.That(lines[3], Does.StartWith("∂f/∂z"));
    }

    [Test]
    public void PointOutsideTheDomainNamesTheFunction()
    {
        var r = CliRunner.Run("grad", "log(x) + asin(y)", "--at", "x=1,y=3");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("asin got 3"));
    }

    [Test]
    public void BadModeIsAUsageError() =>
        Assert.That(CliRunner.Run("grad", "x", "--at", "x=1", "--mode", "sideways").Err, Does.Contain("--mode must be forward or reverse"));

    [Test]
    public void TextGraphShowsTheFourStepsOfEachMode()
    {
        var forward = CliRunner.Run("graph", "log(x*y) + sin(z)", "--at", "x=2,y=3,z=1");
        Assert.That(forward.ExitCode, Is.EqualTo(0), forward.Err);
        foreach (var step in new[] { "v1 = x·y", "v2 = log(v1)", "v3 = sin(z)", "v4 = v2 + v3" })
        {
            Assert.That(forward.Out, Does.Contain(step));
        }

        var reverse = CliRunner.Run("graph", "log(x*y) + sin(z)", "--at", "x=2,y=3,z=1", "--mode", "reverse");
        Assert.That(reverse.Out, Does.Contain("backward sweep").And.Contain("∂v2/∂v1 = 0.166667"));
    }

    [Test]
    public void NodeNamesNeverCollideWithVariables()
    {
        // Issue 12: with variables v1 and v2 the table showed "v1 = -t - 1" and later used v1 for the input.
        var r = CliRunner.Run("graph", "v1*v2 - t - 1", "--at", "v1=2,v2=3,t=1");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        Assert.That(r.Out, Does.Not.Match(@"(?m)(^|\s)v[0-9]+ = "), "no step is named like an input");
        Assert.That(r.Out, Does.Contain("w1 = ").And.Contain("input  v1"));
        var reverse = CliRunner.Run("graph", "v1*v2 - t - 1", "--at", "v1=2,v2=3,t=1", "--mode", "reverse");
        Assert.That(reverse.Out, Does.Not.Match(@"(?m)(^|\s)v[0-9]+ = "));
    }

    [TestCase("dot", "digraph")]
    [TestCase("mermaid", "flowchart")]
    public void GraphFormats(string format, string start) =>
        Assert.That(CliRunner.Run("graph", "sin(x)^2", "--at", "x=1", "--format", format).Out, Does.Contain(start));
}
