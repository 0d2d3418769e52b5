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
    public void TextOutputPrintsValueOnSecondLine()
    {
        var r = CliRunner.Run("diff", "sin(x)", "--wrt", "x", "--at", "x=0");
        var lines = r.Out.Trim().Split('\n');
        Assert.That(lines[0].Trim(), Is.EqualTo("cos(x)"));
        Assert.That(double.Parse(lines[1], CultureInfo.InvariantCulture), Is.EqualTo(1));
    }

    [Test]
    public void VariableNotInExpressionGivesZero() =>
        Assert.That(CliRunner.Run("diff", "x^2", "--wrt", "q").Out.Trim(), Is.EqualTo("0"));

    [Test]
    public void MissingWrtIsAUsageError()
    {
        var r = CliRunner.Run("diff", "x^2");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("--wrt is required"));
    }
}
