using System.Text.Json;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.Commands;

public class TaylorAndCodegenCommandTests
{
    [Test]
    public void TaylorPrintsTheSeriesInAscendingPowers()
    {
        var r = CliRunner.Run("taylor", "sin(x)", "--at", "x=0", "--order", "5");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        Assert.That(r.Out.Trim(), Is.EqualTo("x - 1/6*x^3 + 1/120*x^5 + O(x^6)"));
    }

    [Test]
    public void TaylorJsonAndLaTeX()
    {
        var latex = CliRunner.Run("taylor", "exp(x)", "--at", "x=0", "--order", "2", "--latex");
        Assert.That(latex.Out.Trim(), Is.EqualTo(@"1 + x + \frac{1}{2} x^{2} + \mathcal{O}\left(x^{3}\right)"));
        var r = CliRunner.Run("taylor", "log(x)", "--at", "x=1", "--order", "3", "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("variable").GetString(), Is.EqualTo("x"));
        Assert.That(root.GetProperty("at").GetDouble(), Is.EqualTo(1));
        Assert.That(root.GetProperty("coefficients").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "0", "1", "-1/2", "1/3" }));
    }

    [TestCase(new[] { "taylor", "sin(x)" }, "--at is required")]
    [TestCase(new[] { "taylor", "x*y", "--at", "x=0,y=1" }, "one variable")]
    [TestCase(new[] { "taylor", "sin(x)", "--at", "x=0", "--order", "-1" }, "--order -1")]
    [TestCase(new[] { "codegen", "gamma(x)" }, "'gamma'")]
    [TestCase(new[] { "taylor", "besselj(n, x)", "--at", "n=1" }, "integer order n")]
    [TestCase(new[] { "codegen", "x^2", "--lang", "cobol" }, "--lang cobol")]
    public void BadInputIsOneClearLine(string[] args, string message)
    {
        var r = CliRunner.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Out);
        Assert.That(r.Err, Does.Contain(message));
        Assert.That(r.Err, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void CodegenPrintsCSharpAndFSharp()
    {
        var cs = CliRunner.Run("codegen", "log(x*y) + sin(z)", "--lang", "csharp");
        Assert.That(cs.ExitCode, Is.EqualTo(0), cs.Err);
        Assert.That(cs.Out, Does.Contain("public static (double Value, double[] Gradient) ValueAndGradient(double x, double y, double z)"));
        var fs = CliRunner.Run("codegen", "sigmoid(w*x + b)", "--lang", "fsharp", "--wrt", "w", "--name", "Logistic");
        Assert.That(fs.ExitCode, Is.EqualTo(0), fs.Err);
        Assert.That(fs.Out, Does.Contain("module Logistic").And.Contain("let valueAndGradient (b: float) (w: float) (x: float)"));
        Assert.That(fs.Out, Does.Contain("gradient is with respect to: w"));
    }
}
