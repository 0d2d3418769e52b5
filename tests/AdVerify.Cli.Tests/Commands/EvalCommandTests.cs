using System.Text.Json;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.Commands;

public class EvalCommandTests
{
    [Test]
    public void PrintsTheValue()
    {
        var r = CliRunner.Run("eval", "log(x*y) + sin(z)", "--at", "x=2,y=3,z=1");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        Assert.That(double.Parse(r.Out.Trim(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15));
    }

    [Test]
    public void PrintsJson()
    {
        var r = CliRunner.Run("eval", "x^2", "--at=x=3", "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.That(doc.RootElement.GetProperty("value").GetDouble(), Is.EqualTo(9));
    }

    [Test]
    public void ExtraVariablesInThePointAreIgnored() =>
        Assert.That(CliRunner.Run("eval", "x + 1", "--at", "x=1,unused=5").Out.Trim(), Is.EqualTo("2"));

    [Test]
    public void ConstantExpressionNeedsNoPoint() =>
        Assert.That(CliRunner.Run("eval", "2^3^2").Out.Trim(), Is.EqualTo("512"));

    [TestCase("x + y", "x=1", "no value for the variable y")]
    [TestCase("x", "x=abc", "'abc', is not a number")]
    [TestCase("x", "x=1,x=2", "x is given twice")]
    [TestCase("x", "x", "not a name=number pair")]
    [TestCase("log(x)", "x=-2", "log got -2")]
    public void BadPointsAreExplained(string expr, string at, string fragment)
    {
        var r = CliRunner.Run("eval", expr, "--at", at);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain(fragment));
        Assert.That(r.Err, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void ParseErrorShowsACaret()
    {
        var r = CliRunner.Run("eval", "x + * y", "--at", "x=1,y=2");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        var lines = r.Err.Split('\n');
        var caretLine = lines.Single(l => l.TrimEnd().EndsWith('^'));
        var inputLine = lines[Array.IndexOf(lines, caretLine) - 1];
        Assert.That(inputLine[caretLine.IndexOf('^')], Is.EqualTo('*'));
    }

    [Test]
    public void UnknownOptionAndVerbAreUsageErrors()
    {
        Assert.That(CliRunner.Run("eval", "x", "--bogus").ExitCode, Is.EqualTo(2));
        Assert.That(CliRunner.Run("frobnicate").Err, Does.Contain("unknown command 'frobnicate'"));
        Assert.That(CliRunner.Run().ExitCode, Is.EqualTo(2));
        Assert.That(CliRunner.Run("--help").ExitCode, Is.EqualTo(0));
        Assert.That(CliRunner.Run("eval", "--help").Out, Does.Contain("usage: adverify eval"));
    }

    [Test]
    public void HugeNestingIsRefusedCleanly()
    {
        var deep = new string('(', 100_000) + "x" + new string(')', 100_000);
        var r = CliRunner.Run("eval", deep, "--at", "x=1");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("1000"));
    }
}

/// <summary>Issue 12: messages say what the user wrote and what is wrong, not the internals.</summary>
public class MessageWordingTests
{
    [TestCase("1/x", "x=0", "adverify: the expression is undefined at the point: division by zero in 1/x: the divisor x is 0")]
    [TestCase("1/(x - 2)", "x=2", "adverify: the expression is undefined at the point: division by zero in 1/(x - 2): the divisor x - 2 is 0")]
    [TestCase("x^0.5", "x=-4", "adverify: the expression is undefined at the point: x^0.5 is not a real number: the base x is -4 (negative) and the exponent 0.5 is not an integer")]
    [TestCase("sqrt(x - 1)", "x=-3", "adverify: the expression is undefined at the point: sqrt got -4 in sqrt(x - 1), outside its domain x >= 0")]
    [TestCase("a + (b - c)", "a=1,b=1e16,c=1e16", null)]
    public void DomainProblemsNameTheFormula(string expr, string at, string? message)
    {
        var r = CliRunner.Run("eval", expr, "--at", at);
        if (message is null)
        {
            Assert.That(r.Out.Trim(), Is.EqualTo("1"), "evaluated as written: a + (b - c), not (a + b) - c");
            return;
        }

        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err.TrimEnd(), Is.EqualTo(message));
    }

    [TestCase("{\"cases\": [{\"name\": \"a\"}]}", "is JSON but not a verification report")]
    [TestCase("{\"summary\": {}}", "is JSON but not a verification report")]
    [TestCase("[1, 2", "is not valid JSON")]
    public void AFileThatIsNotAReportIsNamedWithoutInternals(string content, string fragment)
    {
        var path = Path.Combine(Path.GetTempPath(), $"adverify-notreport-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        try
        {
            var r = CliRunner.Run("merge", path);
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Err, Does.StartWith($"adverify: report file '{path}' {fragment}"));
            Assert.That(r.Err, Does.Not.Contain("given key").And.Not.Contain("dictionary"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
