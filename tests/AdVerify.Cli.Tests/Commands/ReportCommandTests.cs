using System.Text.Json.Nodes;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.Commands;

/// <summary>What <c>verify</c> prints and what <c>merge</c> accepts.</summary>
public class ReportCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder()
    {
        _dir = Path.Combine(Path.GetTempPath(), "adverify-merge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, true);

    private string Catalogue(string json)
    {
        var path = Path.Combine(_dir, "catalogue.json");
        File.WriteAllText(path, json);
        return path;
    }

    private string Shard(string catalogue, int i, int n, string name)
    {
        var r = CliRunner.Run("verify", catalogue, "--shard", $"{i}/{n}", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, r.Out);
        return path;
    }

    private const string Three = """
        {"cases": [
          {"name": "registry: sign", "expression": "x*sign(x)", "points": [{"x": 0.5}, {"x": -2}]},
          {"name": "long", "expression": "exp(-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))))", "points": [{"x": 0.5, "y": 0.25}]},
          {"name": "seed", "expression": "log(x*y) + sin(z)", "points": [{"x": 2, "y": 3, "z": 1}]}
        ]}
        """;

    [Test]
    public void VerifyTableShowsTheExpressionBesideTheCaseName()
    {
        var r = CliRunner.Run("verify", Catalogue(Three));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        var lines = r.Out.Split(Environment.NewLine);
        Assert.That(lines[0], Does.StartWith("case").And.Contain("expression").And.Contain("point"));
        var sign = lines.Where(l => l.StartsWith("registry: sign", StringComparison.Ordinal)).ToArray();
        Assert.That(sign, Has.Length.EqualTo(2).And.All.Contain("x*sign(x)"), "every point row shows the expression");

        // A long expression is clipped with an ellipsis to keep rows short; the JSON report keeps it whole.
        var longRow = lines.Single(l => l.StartsWith("long ", StringComparison.Ordinal));
        Assert.That(longRow, Does.Contain("exp(-20*exp(-0.2*sqrt(0.5*(x^2 …"));
        var table = lines.TakeWhile(l => l.Length > 0).ToArray();
        Assert.That(table.Max(l => l.Length), Is.LessThan(150), "table rows stay short (the details below them may be long)");
    }

    [Test]
    public void MergingTheSameFileTwiceIsRefused()
    {
        var a = Shard(Catalogue(Three), 0, 1, "a.json");
        var r = CliRunner.Run("merge", a, a);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("is given twice"));
        Assert.That(r.Out, Is.Empty);
    }

    [Test]
    public void MergingACopyOfAShardIsRefused()
    {
        var catalogue = Catalogue(Three);
        var a = Shard(catalogue, 0, 2, "a.json");
        var copy = Path.Combine(_dir, "copy.json");
        File.Copy(a, copy);
        var r = CliRunner.Run("merge", a, copy);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("are both shard 0/2"));
    }

    [Test]
    public void MergingAWholeRunWithOneOfItsShardsIsRefused()
    {
        var catalogue = Catalogue(Three);
        var whole = Shard(catalogue, 0, 1, "whole.json");
        File.WriteAllText(whole, CliRunner.Run("verify", catalogue, "--format", "json").Out);
        var part = Shard(catalogue, 1, 2, "part.json");
        var r = CliRunner.Run("merge", whole, part);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("case 'long'").And.Contain("count it twice"));
    }

    [Test]
    public void MergingEveryShardGivesTheWholeReportAndAMissingShardIsWarned()
    {
        var catalogue = Catalogue(Three);
        var parts = Enumerable.Range(0, 3).Select(i => Shard(catalogue, i, 3, $"p{i}.json")).ToArray();
        var merged = CliRunner.Run("merge", parts[2], parts[0], parts[1], "--format", "json");
        Assert.That(merged.ExitCode, Is.EqualTo(0), merged.Err);
        Assert.That(merged.Out, Is.EqualTo(CliRunner.Run("verify", catalogue, "--format", "json").Out));

        var partial = CliRunner.Run("merge", parts[0], parts[2]);
        Assert.That(partial.ExitCode, Is.EqualTo(0), partial.Err);
        Assert.That(partial.Err, Does.Contain("warning: shard 1/3 is missing"));
    }

    [Test]
    public void AnEditedReportIsBadInputNamingFileCaseAndField()
    {
        var a = Shard(Catalogue(Three), 0, 1, "a.json");
        var node = JsonNode.Parse(File.ReadAllText(a))!;
        node["cases"]![2]!["expect"] = "consistant";
        File.WriteAllText(a, node.ToJsonString());
        var r = CliRunner.Run("merge", a);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("a.json': case 3 ('seed')").And.Contain("\"expect\"").And.Contain("consistant"));
    }
}
