using System.Globalization;
using System.Text.Json;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.Commands;

public class DiffCommandTests
{
    [TestCase("x", "1/x")]
    [TestCase("y", "1/y")]
    [TestCase("z", "cos(z)")]
    public void SeedDerivatives(string wrt, string expected)
    {
        var r = CliRunner.Run("diff", "log(x*y) + sin(z)", "--wrt", wrt);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        Assert.That(r.Out.Trim(), Is.EqualTo(expected));
    }

    [Test]
    public void JsonHasTheContractFields()
    {
        var r = CliRunner.Run("diff", "x^3", "--wrt", "x", "--at", "x=2", "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("expression").GetString(), Is.EqualTo("x^3"));
        Assert.That(root.GetProperty("wrt").GetString(), Is.EqualTo("x"));
        Assert.That(root.GetProperty("derivative").GetString(), Is.EqualTo("3*x^2"));
        Assert.That(root.GetProperty("latex").GetString(), Does.Contain("x^{2}"));
        Assert.That(root.GetProperty("value").GetDouble(), Is.EqualTo(12));
    }

    [Test]
    public void WithoutAtThereIsNoValue()
    {
        var r = CliRunner.Run("diff", "x^3", "--wrt", "x", "--json");
        using var doc = JsonDocument.Parse(r.Out);
        Assert.That(doc.RootElement.TryGetProperty("value", out _), Is.False);
    }

    [Test]
    public void TextOutputLabelsTheValueWithThePoint()
    {
        // Issue 12: a bare number after the derivative did not say what it was.
        var r = CliRunner.Run("diff", "sin(x)*y", "--wrt", "x", "--at", "x=0,y=2");
        var lines = r.Out.Trim().Split('\n');
        Assert.That(lines[0].Trim(), Is.EqualTo("y*cos(x)"));
        Assert.That(lines[1].Trim(), Is.EqualTo("∂f/∂x at x=0, y=2 = 2"));
        Assert.That(double.Parse(lines[1][(lines[1].LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture), Is.EqualTo(2));
    }

    [Test]
    public void VariableNotInExpressionIsAnErrorUnlessAllowed()
    {
        // Issue 12: a typo in --wrt printed 0 with exit code 0, which looked like an answer.
        var typo = CliRunner.Run("diff", "x^2", "--wrt", "X");
        Assert.That(typo.ExitCode, Is.EqualTo(2));
        Assert.That(typo.Out, Is.Empty);
        Assert.That(typo.Err.Trim(), Is.EqualTo(
            "adverify: --wrt X: the expression does not use X (did you mean x?); it uses x. Its derivative would be 0; add --allow-unused if that is what you mean"));
        var deliberate = CliRunner.Run("diff", "x^2", "--wrt", "q", "--allow-unused");
        Assert.That(deliberate.ExitCode, Is.EqualTo(0), deliberate.Err);
        Assert.That(deliberate.Out.Trim(), Is.EqualTo("0"));
    }

    [Test]
    public void MissingWrtIsAUsageError()
    {
        var r = CliRunner.Run("diff", "x^2");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("--wrt is required"));
    }
}
