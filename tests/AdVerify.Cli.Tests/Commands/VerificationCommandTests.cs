using System.Text.Json;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.Commands;

public class VerificationCommandTests
{
    [Test]
    public void CheckConsistentExitsZero()
    {
        var r = CliRunner.Run("check", "log(x*y) + sin(z)", "--at", "x=2,y=3,z=1", "--claimed", "x=1/x; y=1/y; z=cos(z)", "--hessian", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.That(doc.RootElement.GetProperty("verdict").GetString(), Is.EqualTo("consistent"));
        Assert.That(doc.RootElement.GetProperty("gradient").GetProperty("claimed").GetProperty("y").GetDouble(), Is.EqualTo(1.0 / 3).Within(1e-15));
    }

    [Test]
    public void CheckDiscrepancyExitsOneWithTheTable()
    {
        var r = CliRunner.Run("check", "x/(1 + abs(x))", "--at", "x=0.75", "--claimed", "x=1/(1 + abs(x))");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Out, Does.Contain("discrepancy").And.Contain("claimed is the odd one out"));
    }

    [Test]
    public void CheckFloat32SaysRoundingOrBug()
    {
        var rounding = CliRunner.Run("check", "x*exp(-y)", "--at", "x=1.25,y=0.5", "--claimed", "x=exp(-y); y=-x*exp(-y)", "--float32", "--format", "json");
        Assert.That(rounding.ExitCode, Is.EqualTo(0), rounding.Err);
        using var doc = JsonDocument.Parse(rounding.Out);
        var f32 = doc.RootElement.GetProperty("float32");
        Assert.That(f32.GetProperty("withinRounding").GetBoolean(), Is.True);
        Assert.That(f32.GetProperty("gradient").GetProperty("claimed32").GetProperty("y").GetDouble(), Is.EqualTo(-1.25 * Math.Exp(-0.5)).Within(1e-6));

        var bug = CliRunner.Run("check", "x*exp(-y)", "--at", "x=1.25,y=0.5", "--claimed", "x=exp(-y); y=-x*exp(-y)*1.001", "--float32");
        Assert.That(bug.ExitCode, Is.EqualTo(1));
        Assert.That(bug.Out, Does.Contain("∂f/∂y in float32: claimed32 gives").And.Contain("beyond float32 rounding, so a bug"));
    }

    [Test]
    public void CheckWithABadClaimShowsACaret()
    {
        var r = CliRunner.Run("check", "x^2", "--at", "x=1", "--claimed", "x=2*");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("^"));
    }

    [Test]
    public void CheckWithAClaimForAnUnknownVariableIsBadInput()
    {
        var r = CliRunner.Run("check", "x^2", "--at", "x=1", "--claimed", "w=2*x");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("'w'"));
    }

    [Test]
    public void VerifyRunsTheDefaultCatalogueAndWritesEveryFormat()
    {
        var dir = Path.Combine(Path.GetTempPath(), "adverify-cli-" + Guid.NewGuid().ToString("N"));
        var r = CliRunner.Run("verify", "--out", dir, "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.That(doc.RootElement.GetProperty("summary").GetProperty("cases").GetInt32(), Is.GreaterThan(40));
        Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            "verification.txt", "verification.json", "verification.md", "verification.html", "verification.junit.xml",
        }));
        Directory.Delete(dir, true);
    }

    [Test]
    public void ShardsMerge()
    {
        var dir = Path.Combine(Path.GetTempPath(), "adverify-shards-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        for (var i = 0; i < 2; i++)
        {
            var part = CliRunner.Run("verify", "--shard", $"{i}/2", "--format", "json");
            Assert.That(part.ExitCode, Is.EqualTo(0), part.Err);
            File.WriteAllText(Path.Combine(dir, $"part{i}.json"), part.Out);
        }

        var merged = CliRunner.Run("merge", Path.Combine(dir, "part0.json"), Path.Combine(dir, "part1.json"), "--format", "json");
        var whole = CliRunner.Run("verify", "--format", "json");
        using var a = JsonDocument.Parse(merged.Out);
        using var b = JsonDocument.Parse(whole.Out);
        Assert.That(a.RootElement.GetProperty("summary").ToString(), Is.EqualTo(b.RootElement.GetProperty("summary").ToString()));
        Directory.Delete(dir, true);
    }

    [Test]
    public void FailingCatalogueExitsOne()
    {
        var file = Path.Combine(Path.GetTempPath(), $"adverify-cat-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"cases": [{"name": "wrong", "expression": "x^2", "points": [{"x": 1}], "claimed": {"x": "3*x"}}]}""");
        var r = CliRunner.Run("verify", file);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Out, Does.Contain("FAILED"));
        File.Delete(file);
    }

    [TestCase("{oops", "not valid JSON")]
    [TestCase("{\"cases\": [{\"name\": \"n\"}]}", "\"expression\"")]
    public void BadCatalogueIsBadInput(string json, string fragment)
    {
        var file = Path.Combine(Path.GetTempPath(), $"adverify-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        var r = CliRunner.Run("verify", file);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain(fragment));
        File.Delete(file);
    }

    [Test]
    public void MissingFilesAndBadShardsAreBadInput()
    {
        Assert.That(CliRunner.Run("verify", "/nonexistent/cat.json").ExitCode, Is.EqualTo(2));
        Assert.That(CliRunner.Run("verify", "--shard", "3/2").Err, Does.Contain("--shard"));
        Assert.That(CliRunner.Run("merge", "/nonexistent.json").ExitCode, Is.EqualTo(2));
    }
}
