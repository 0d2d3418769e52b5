using System.Text.Json;
using System.Xml.Linq;
using AdVerify.Reporting;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Reporting;

public class ReportTests
{
    private static readonly Lazy<VerificationReport> Report = new(() => Verifier.Verify(Catalogue.Parse(File.ReadAllText(SamplesPath()))));

    /// <summary>The public sample catalogue, vendored from the shared material into Data/ so a plain clone runs these tests.</summary>
    private static string SamplesPath() => Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", "samples.json");

    [Test]
    public void SharedSamplesMeetTheirExpectations()
    {
        Assert.That(Report.Value.Passed, Is.True, TextReport.Write(Report.Value));
        Assert.That(Report.Value.Summary.Discrepancy, Is.EqualTo(1));
        Assert.That(Report.Value.Summary.Nondifferentiable, Is.EqualTo(1));
        Assert.That(Report.Value.Summary.Undefined, Is.EqualTo(1));
    }

    [Test]
    public void JsonFollowsTheContractAndReadsBack()
    {
        var json = ReportJson.Write(Report.Value);
        using var doc = JsonDocument.Parse(json);
        var summary = doc.RootElement.GetProperty("summary");
        foreach (var key in new[] { "cases", "points", "consistent", "discrepancy", "nondifferentiable", "undefined", "error" })
        {
            Assert.That(summary.TryGetProperty(key, out _), Is.True, key);
        }

        var first = doc.RootElement.GetProperty("cases")[0].GetProperty("results")[0];
        Assert.That(first.GetProperty("verdict").GetString(), Is.EqualTo("consistent"));
        foreach (var source in new[] { "forward", "reverse", "symbolic", "finiteDifference", "claimed" })
        {
            Assert.That(first.GetProperty("gradient").TryGetProperty(source, out _), Is.True, source);
        }

        Assert.That(first.GetProperty("hessian").TryGetProperty("ad", out _), Is.True);
        var discrepancy = doc.RootElement.GetProperty("cases").EnumerateArray()
            .SelectMany(c => c.GetProperty("results").EnumerateArray())
            .SelectMany(r => r.GetProperty("discrepancies").EnumerateArray()).First();
        foreach (var key in new[] { "variable", "sources", "values", "relativeError", "tolerance", "message" })
        {
            Assert.That(discrepancy.TryGetProperty(key, out _), Is.True, key);
        }

        var back = ReportJson.Read(json);
        Assert.That(back.Summary, Is.EqualTo(Report.Value.Summary));
        Assert.That(ReportJson.Write(back), Is.EqualTo(json));
    }

    [Test]
    public void EveryFormatRendersAndIsWrittenAtomically()
    {
        var dir = Path.Combine(Path.GetTempPath(), "adverify-report-" + Guid.NewGuid().ToString("N"));
        var written = Reports.WriteAll(Report.Value, dir);
        Assert.That(written.Select(Path.GetFileName), Is.EquivalentTo(new[] { "verification.txt", "verification.json", "verification.md", "verification.html", "verification.junit.xml" }));
        Assert.That(Directory.GetFiles(dir).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)), Is.Empty);
        var html = File.ReadAllText(Path.Combine(dir, "verification.html"));
        Assert.That(html, Does.Contain("<svg").And.Contain("discrepancy"));
        var junit = XDocument.Parse(File.ReadAllText(Path.Combine(dir, "verification.junit.xml")));
        Assert.That(junit.Root!.Attribute("tests")!.Value, Is.EqualTo(Report.Value.Summary.Points.ToString()));
        Assert.That(File.ReadAllText(Path.Combine(dir, "verification.md")), Does.Contain("| cases | points |"));
        Directory.Delete(dir, true);
    }

    [Test]
    public void ShardsMergeIntoTheWholeRun()
    {
        var catalogue = Catalogue.Default;
        var whole = Verifier.Verify(catalogue);
        var parts = Enumerable.Range(0, 3).Select(i => Verifier.Verify(catalogue, new VerifierOptions { Shard = (i, 3) })).ToArray();
        var merged = VerificationReport.Of(parts.SelectMany(p => ReportJson.Read(ReportJson.Write(p)).Cases).ToArray());
        Assert.That(merged.Summary, Is.EqualTo(whole.Summary));
    }

    [Test]
    public void ParallelAndSequentialRunsAreIdentical()
    {
        var parallel = ReportJson.Write(Verifier.Verify(Catalogue.Default, new VerifierOptions { Parallel = true }));
        var sequential = ReportJson.Write(Verifier.Verify(Catalogue.Default, new VerifierOptions { Parallel = false }));
        Assert.That(parallel, Is.EqualTo(sequential));
    }

    [Test]
    public void DefaultCataloguePasses()
    {
        var report = Verifier.Verify(Catalogue.Default);
        Assert.That(report.Passed, Is.True, TextReport.Write(report));
    }

    [TestCase("{", "line 1")]
    [TestCase("{\"cases\": 3}", "\"cases\" array")]
    [TestCase("{\"cases\": [{\"name\": \"a\"}]}", "\"expression\"")]
    [TestCase("{\"cases\": [{\"expression\": \"x\", \"points\": [{\"x\": \"two\"}]}]}", "finite number")]
    [TestCase("{\"cases\": [{\"expression\": \"x\", \"expect\": \"fine\"}]}", "\"expect\"")]
    [TestCase("{\"cases\": [{\"expression\": \"x\", \"colour\": 1}]}", "unknown field")]
    public void BadCataloguesAreExplained(string json, string fragment) =>
        Assert.That(() => Catalogue.Parse(json), Throws.TypeOf<CatalogueException>().With.Message.Contain(fragment));
}
