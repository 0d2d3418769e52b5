using System.Text.Json;
using AdVerify.Cli;
using AdVerify.Expressions;
using NUnit.Framework;

namespace AdVerify.Cli.Tests;

/// <summary>Documented limits through the command line, and regression tests for what fuzzing found.</summary>
public class HardeningTests
{
    private static void AssertBadInput(CliRunner.Result r, string contains)
    {
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Out);
        var first = r.Err.Split('\n')[0];
        Assert.That(first, Does.StartWith("adverify: ").And.Contain(contains));
        Assert.That(first.Length, Is.LessThanOrEqualTo(400));
        Assert.That(r.Err, Does.Not.Contain("   at ").And.Not.Contain("Exception").And.Not.Contain("internal error"));
    }

    private static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"adverify-hardening-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, content);
        return path;
    }

    [Test]
    public void NestingDepthLimit()
    {
        var ok = CliRunner.Run("eval", new string('(', Infix.MaxDepth) + "x" + new string(')', Infix.MaxDepth), "--at", "x=2");
        Assert.That(ok.ExitCode, Is.EqualTo(0), ok.Err);
        var n = Infix.MaxDepth + 1;
        AssertBadInput(CliRunner.Run("eval", new string('(', n) + "x" + new string(')', n), "--at", "x=2"), "Infix.MaxDepth = 1000");
        var deep = TempFile(string.Concat(Enumerable.Repeat("sin(", 100_000)) + "x" + new string(')', 100_000));
        try
        {
            AssertBadInput(CliRunner.Run("grad", "@" + deep, "--at", "x=2"), "nested too deeply");
        }
        finally
        {
            File.Delete(deep);
        }
    }

    [Test]
    public void LengthLimit()
    {
        var path = TempFile(new string('x', Infix.MaxLength + 1));
        try
        {
            AssertBadInput(CliRunner.Run("eval", "@" + path, "--at", "x=1"), "Infix.MaxLength = 10000000");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void NumberLimits()
    {
        AssertBadInput(CliRunner.Run("eval", "1e10001"), "Infix.MaxExponent = 10000");
        AssertBadInput(CliRunner.Run("eval", new string('7', Infix.MaxNumberDigits + 1)), "Infix.MaxNumberDigits = 10000");

        // Exact powers are folded only up to a size; beyond it they stay symbolic and overflow in double.
        // Values are computed as written, in double precision, as C# would: 2^4096 overflows.
        AssertBadInput(CliRunner.Run("eval", "2^4096 / 2^4095"), "2^4096 overflowed to +infinity");
        Assert.That(CliRunner.Run("diff", "2^4096 / 2^4095 * x", "--wrt", "x").Out.Trim(), Does.StartWith("2"), "the symbolic engine keeps exact rationals");
        AssertBadInput(CliRunner.Run("eval", "2^100000"), "overflowed");
    }

    [Test]
    public void OverflowingLiteralIsUndefinedNotInfinity()
    {
        // Found by fuzzing: printed "Infinity" with exit code 0.
        AssertBadInput(CliRunner.Run("eval", "1e400"), "the number 100000000000… (401 characters) is beyond the range of double precision");
        AssertBadInput(CliRunner.Run("diff", "1e400*x^2", "--wrt", "x", "--at", "x=1"), "beyond the range of double precision");
        AssertBadInput(CliRunner.Run("grad", "1e400*x", "--at", "x=1", "--json"), "beyond the range of double precision");
        Assert.That(CliRunner.Run("eval", "1e-400").Out.Trim(), Is.EqualTo("0"));
    }

    [Test]
    public void NonFiniteGradientIsUndefinedNotPrinted()
    {
        // Found by fuzzing: "grad sqrt(x) --at x=0" printed ∂f/∂x = Infinity with exit code 0.
        AssertBadInput(CliRunner.Run("grad", "sqrt(x)", "--at", "x=0"), "the derivative with respect to x is undefined at the point: reverse mode gives Infinity");
        // As written, x*sqrt(x) at 0 meets 0·∞ in forward mode (the derivative of x^1.5 exists, but not of this program's steps).
        AssertBadInput(CliRunner.Run("grad", "x*sqrt(x)", "--at", "x=0", "--hessian", "--mode", "forward"), "the derivative with respect to x is undefined at the point: forward mode gives NaN");
        AssertBadInput(CliRunner.Run("grad", "x^1.5", "--at", "x=0", "--hessian", "--mode", "forward"), "the second derivative with respect to x and x");
    }

    [Test]
    public void NumericalEdgesThroughCheck()
    {
        var overflow = CliRunner.Run("check", "exp(x)", "--at", "x=1000", "--format", "json");
        Assert.That(overflow.ExitCode, Is.EqualTo(0), overflow.Err);
        using (var doc = JsonDocument.Parse(overflow.Out))
        {
            Assert.That(doc.RootElement.GetProperty("verdict").GetString(), Is.EqualTo("undefined"));
            Assert.That(doc.RootElement.GetProperty("message").GetString(), Does.Contain("exp got 1000"));
        }

        foreach (var at in new[] { "x=-0", "x=5e-324", "x=-1000" })
        {
            var r = CliRunner.Run("check", "x*exp(x)", "--at", at, "--hessian", "--format", "json");
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
            using var doc = JsonDocument.Parse(r.Out);
            Assert.That(doc.RootElement.GetProperty("verdict").GetString(), Is.EqualTo("consistent"), at);
            Assert.That(doc.RootElement.GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.Number));
        }

        Assert.That(CliRunner.Run("eval", "x", "--at", "x=-0").Out.Trim(), Is.EqualTo("-0"));
        AssertBadInput(CliRunner.Run("eval", "x", "--at", "x=NaN"), "is not a finite number");
        AssertBadInput(CliRunner.Run("eval", "x", "--at", "x=Infinity"), "is not a finite number");
        AssertBadInput(CliRunner.Run("eval", "x", "--at", "x=1e400"), "is not a finite number");

        // Spelled as names, nan and Infinity are ordinary variables.
        Assert.That(CliRunner.Run("eval", "nan + Infinity", "--at", "nan=1,Infinity=2").Out.Trim(), Is.EqualTo("3"));
    }

    [Test]
    public void ExpressionsStartingWithDashesAreNotOptions()
    {
        // Found by fuzzing: "---x" was an "unknown option" whose message echoed the whole argument.
        var r = CliRunner.Run("eval", "---x", "--at", "x=2");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        Assert.That(r.Out.Trim(), Is.EqualTo("-2"));
        Assert.That(CliRunner.Run("eval", "--(x)", "--at", "x=2").Out.Trim(), Is.EqualTo("2"));
        AssertBadInput(CliRunner.Run("eval", "--x", "--at", "x=2"), "goes after the separator: adverify eval -- --x");
        Assert.That(CliRunner.Run("eval", "--at", "x=2", "--", "--x").Out.Trim(), Is.EqualTo("2"));

        // Found by fuzzing the System.CommandLine parser: with option bundling, -hypot(…) was read as -h (help).
        Assert.That(CliRunner.Run("eval", "-hypot(3, 4)").Out.Trim(), Is.EqualTo("-5"));
    }

    [Test]
    public void MessagesStayOneShortLine()
    {
        // Found by fuzzing: messages echoed 10^5-character input, and a newline inside an option value split the line.
        var huge = new string('q', 100_000);
        AssertBadInput(CliRunner.Run("eval", "x", "--at", huge), "characters left out");
        var newline = CliRunner.Run("eval", "x", "--at", "x=1\ny=2");
        AssertBadInput(newline, "--at");
        Assert.That(newline.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));

        var many = TempFile(string.Join("+", Enumerable.Range(0, 50_000).Select(k => "x" + k)));
        try
        {
            AssertBadInput(CliRunner.Run("eval", "@" + many, "--at", "x0=1"), "and 49989 more");
        }
        finally
        {
            File.Delete(many);
        }
    }

    [Test]
    public void InterruptedVerifyReportsWhatFinishedAndFails()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"adverify-interrupt-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["verify", "--out", dir, "--format", "json", "--sequential"], stdout, stderr, cancel.Token);
        try
        {
            // Found by review: an interrupted run reported nothing as failed and exited 0.
            Assert.That(code, Is.EqualTo(CliApp.Failed), stderr.ToString());
            Assert.That(stderr.ToString(), Does.Match("adverify: interrupted; 0 of [0-9]+ cases were finished and are reported"));
            using var doc = JsonDocument.Parse(stdout.ToString());
            Assert.That(doc.RootElement.GetProperty("summary").GetProperty("cases").GetInt32(), Is.EqualTo(0));
            Assert.That(Directory.GetFiles(dir, "*.tmp"), Is.Empty);
            Assert.That(Directory.GetFiles(dir), Has.Length.EqualTo(5));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>Regression tests for what the 100,000-case fuzz run found.</summary>
public class LongFuzzRegressionTests
{
    [Test]
    public void DeepCompositionHessianFinishesQuickly()
    {
        // Found by the long run: check --hessian on sin(sin(…(x))) 999 deep did not finish within 10 s.
        var expr = string.Concat(Enumerable.Repeat("sin(", 999)) + "x" + new string(')', 999);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = CliRunner.Run("check", expr, "--at", "x=2", "--hessian", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        using var doc = JsonDocument.Parse(r.Out);
        Assert.That(doc.RootElement.GetProperty("verdict").GetString(), Is.EqualTo("consistent"));
    }

    [Test]
    public void MergeDoesNotVouchForAForgedNonFiniteValue()
    {
        // Found by the long run: a report edited to say "value": "NaN" with verdict consistent was merged as consistent.
        var path = Path.Combine(Path.GetTempPath(), $"adverify-forged-{Guid.NewGuid():N}.json");
        var report = Reporting.ReportJson.Write(Verification.VerificationReport.Of(
            [Verification.Verifier.VerifyCase(new Verification.VerificationCase { Name = "c", Expression = "x^2", Points = [new Dictionary<string, double> { ["x"] = 2 }] })]));
        File.WriteAllText(path, report.Replace("\"value\": 4", "\"value\": \"NaN\"", StringComparison.Ordinal));
        try
        {
            // A report is data (issue 15): the forged point is refused, naming file, case, point and field, never re-judged.
            var r = CliRunner.Run("merge", path, "--format", "json");
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Out, Is.Empty);
            Assert.That(r.Err, Does.Contain(path).And.Contain("case 1 ('c'), point 1").And.Contain("field \"value\"").And.Contain("must be a number"));

            // Written as the writer writes a non-finite number (null), it is refused as well.
            File.WriteAllText(path, report.Replace("\"value\": 4", "\"value\": null", StringComparison.Ordinal));
            r = CliRunner.Run("merge", path, "--format", "json");
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Err, Does.Contain("the verdict is \"consistent\" but the value is not a finite number"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AnOptionIsNotTakenAsTheValueOfTheOptionBeforeIt()
    {
        // Found by the long run: "merge a.json --out --format=json" wrote to a folder named "--format=json".
        var r = CliRunner.Run("verify", "--out", "--format=json");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.StartWith("adverify: option --out needs a value"));
        Assert.That(Directory.Exists("--format=json"), Is.False);
    }
}
