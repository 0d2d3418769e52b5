using System.Text.Json.Nodes;
using AdVerify.Reporting;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Reporting;

/// <summary>Reading a report back is strict: every edit a writer could not have made is an error naming file, case, point and field.</summary>
public class ReportReadBackTests
{
    private const string Cases = """
        {"cases": [
          {"name": "seed", "expression": "log(x*y) + sin(z)", "points": [{"x": 2, "y": 3, "z": 1}, {"x": 1, "y": 1, "z": 0}],
           "claimed": {"x": "1/x", "y": "1/y", "z": "cos(z)"}, "hessian": true, "expect": "consistent"},
          {"name": "planted", "expression": "x/(1 + abs(x))", "points": [{"x": 0.75}], "claimed": {"x": "1/(1 + abs(x))"}, "expect": "discrepancy"},
          {"name": "kink", "expression": "abs(x)", "points": [{"x": 0}]},
          {"name": "outside", "expression": "log(x)", "points": [{"x": -1}]}
        ]}
        """;

    private static readonly Lazy<VerificationReport> Whole = new(() => Verifier.Verify(Catalogue.Parse(Cases)));

    private static string Json => ReportJson.Write(Whole.Value);

    private static string Edit(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(Json)!;
        edit(node);
        return node.ToJsonString();
    }

    private static JsonNode Point(JsonNode root, int @case, int point) => root["cases"]![@case]!["results"]![point]!;

    [Test]
    public void AnUntouchedReportReadsBackIdentically()
    {
        var back = ReportJson.Read(Json, "run.json");
        Assert.That(ReportJson.Write(back), Is.EqualTo(Json));
        Assert.That(back.Cases.Select(c => c.Results[0].Verdict), Is.EqualTo(new[] { Verdict.Consistent, Verdict.Discrepancy, Verdict.Nondifferentiable, Verdict.Undefined }));
    }

    private static IEnumerable<TestCaseData> Edits()
    {
        TestCaseData Case(string name, Action<JsonNode> edit, params string[] fragments) => new TestCaseData(edit, fragments).SetName(name);

        // An unknown expectation used to become "no expectation", turning a failed case into a passed one.
        yield return Case("UnknownExpect", r => r["cases"]![1]!["expect"] = "discrepency", "run.json: case 2 ('planted')", "\"expect\"", "discrepency");
        yield return Case("ExpectInAnotherCase", r => r["cases"]![1]!["expect"] = "Discrepancy", "case 2 ('planted')", "\"expect\"");
        yield return Case("UnknownVerdict", r => Point(r, 0, 1)["verdict"] = "fine", "case 1 ('seed'), point 2", "\"verdict\"", "\"fine\"");
        yield return Case("UnknownCaseField", r => r["cases"]![0]!["colour"] = 1, "case 1 ('seed')", "unknown field \"colour\"");
        yield return Case("UnknownPointField", r => Point(r, 0, 0)["verdikt"] = "consistent", "case 1 ('seed'), point 1", "unknown field \"verdikt\"");
        yield return Case("UnknownRootField", r => r["extra"] = true, "run.json", "unknown field \"extra\"");
        yield return Case("MissingVerdict", r => Point(r, 2, 0).AsObject().Remove("verdict"), "case 3 ('kink'), point 1", "required field \"verdict\" is missing");
        yield return Case("MissingName", r => r["cases"]![2]!.AsObject().Remove("name"), "case 3", "required field \"name\" is missing");
        yield return Case("MissingSummary", r => r.AsObject().Remove("summary"), "run.json", "\"summary\"");
        yield return Case("ValueOfTheWrongType", r => Point(r, 0, 0)["value"] = "1.79", "case 1 ('seed'), point 1, field \"value\"", "must be a number");
        yield return Case("GradientOfTheWrongType", r => Point(r, 0, 0)["gradient"]!["reverse"]!["x"] = true, "field \"gradient\".reverse.x", "must be a number");
        yield return Case("PointCoordinateNull", r => Point(r, 0, 0)["point"]!["x"] = null, "field \"point\".x", "finite");
        yield return Case("PassedOfTheWrongType", r => r["cases"]![0]!["passed"] = "yes", "case 1 ('seed')", "\"passed\" must be true or false");

        // A consistent verdict vouches for finite numbers: one that carries null is refused, not turned into "undefined".
        yield return Case("ConsistentWithANullValue", r => Point(r, 0, 0)["value"] = null, "case 1 ('seed'), point 1", "consistent", "value is not a finite number");
        yield return Case("ConsistentWithANullDerivative", r => Point(r, 0, 1)["gradient"]!["reverse"]!["y"] = null, "case 1 ('seed'), point 2", "consistent", "with respect to y by reverse");
        yield return Case("ConsistentWithANullSecondDerivative", r => Point(r, 0, 0)["hessian"]!["ad"]!["x,x"] = null, "case 1 ('seed'), point 1", "second derivative x,x by ad");

        // Verdicts are never re-judged: flags and summaries that contradict them are edits.
        yield return Case("VerdictEditedSoTheCaseWouldPass", r => Point(r, 1, 0)["verdict"] = "consistent", "case 2 ('planted')");
        yield return Case("PassedFlagEdited", r => r["cases"]![2]!["passed"] = false, "case 3 ('kink')", "\"passed\" is false", "edited");
        yield return Case("SummaryEdited", r => r["summary"]!["discrepancy"] = 0, "run.json", "\"summary\" says", "edited");
        yield return Case("ShardMalformed", r => r["shard"] = "3/2", "run.json", "\"shard\"");
        yield return Case("DiscrepancyValuesMissing", r => Point(r, 1, 0)["discrepancies"]![0]!.AsObject().Remove("values"), "case 2 ('planted'), point 1, discrepancy 1", "\"values\"");
        yield return Case("NumberTooLarge", r => Point(r, 0, 0)["value"] = JsonNode.Parse("1e999"), "field \"value\"", "not a finite double");
    }

    [TestCaseSource(nameof(Edits))]
    public void AnEditedReportIsAnErrorNamingWhereAndWhat(Action<JsonNode> edit, string[] fragments)
    {
        var json = Edit(edit);
        var e = Assert.Throws<FormatException>(() => ReportJson.Read(json, "run.json"))!;
        foreach (var fragment in fragments)
        {
            Assert.That(e.Message, Does.Contain(fragment));
        }
    }

    [Test]
    public void PerPointExpectationsAbsentSourcesAndModeRoundTrip()
    {
        var report = Verifier.Verify(Catalogue.Parse("""
            {"cases": [{"name": "kink and slope", "expression": "abs(x)", "points": [{"x": 0}, {"x": 2}], "expect": ["nondifferentiable", "consistent"]}]}
            """));
        Assert.That(report.Passed, Is.True, report.ToString());
        var json = ReportJson.Write(report);
        var back = ReportJson.Read(json, "run.json");
        Assert.That(back.Cases[0].ExpectPerPoint, Is.EqualTo(new[] { Verdict.Nondifferentiable, Verdict.Consistent }));
        Assert.That(back.Cases[0].Passed, Is.True);
        Assert.That(back.Cases[0].Results.Select(r => r.Absent), Is.EqualTo(report.Cases[0].Results.Select(r => r.Absent)));
        Assert.That(back.Cases[0].Results.Select(r => r.Mode), Is.EqualTo(report.Cases[0].Results.Select(r => r.Mode)));
        Assert.That(ReportJson.Write(back), Is.EqualTo(json));
        Assert.That(report.Cases[0].Results.SelectMany(r => r.Absent.Keys), Is.Not.Empty, "abs is not analytic: the complex step says why it is absent");

        var node = JsonNode.Parse(json)!;
        node["cases"]![0]!["expect"]!.AsArray().RemoveAt(0);
        var wrongCount = node.ToJsonString();
        Assert.That(() => ReportJson.Read(wrongCount, "run.json"), Throws.TypeOf<FormatException>().With.Message.Contain("lists 1 verdicts for 2 points"));
    }

    [Test]
    public void NotJsonIsNamedAsSuch()
    {
        var e = Assert.Throws<FormatException>(() => ReportJson.Read("{\"cases\": [", "run.json"))!;
        Assert.That(e.Message, Does.StartWith("run.json line 1").And.Contain("not valid JSON"));
        Assert.That(Assert.Throws<FormatException>(() => ReportJson.Read("[]", "run.json"))!.Message, Does.Contain("JSON object"));
    }

    [Test]
    public void ShardsMergeBackIntoExactlyTheWholeRun()
    {
        var catalogue = Catalogue.Parse(Cases);
        var shards = Enumerable.Range(0, 3)
            .Select(i => ($"part{i}.json", ReportJson.Read(ReportJson.Write(Verifier.Verify(catalogue, new VerifierOptions { Shard = (i, 3) })))))
            .Reverse().ToArray();
        Assert.That(shards.Select(s => s.Item2.Shard), Is.EqualTo(new (int, int)?[] { (2, 3), (1, 3), (0, 3) }));
        var merged = ReportMerge.Merge(shards);
        Assert.That(ReportJson.Write(merged), Is.EqualTo(Json), "catalogue order restored, summary recounted, no shard left on the merged report");
    }

    [Test]
    public void TheSameReportTwiceIsRefused()
    {
        var report = ReportJson.Read(Json);
        var e = Assert.Throws<FormatException>(() => ReportMerge.Merge([("a.json", report), ("copy.json", report)]))!;
        Assert.That(e.Message, Does.Contain("case 'seed'").And.Contain("a.json").And.Contain("copy.json").And.Contain("twice"));
        Assert.That(Assert.Throws<FormatException>(() => ReportMerge.Merge([("a.json", report), ("a.json", report)]))!.Message, Does.Contain("a.json is given twice"));
    }

    [Test]
    public void TheSameShardTwiceIsRefusedAndAMissingShardIsWarned()
    {
        var catalogue = Catalogue.Parse(Cases);
        var zero = Verifier.Verify(catalogue, new VerifierOptions { Shard = (0, 2) });
        var e = Assert.Throws<FormatException>(() => ReportMerge.Merge([("a.json", zero), ("b.json", zero with { Cases = [] })]))!;
        Assert.That(e.Message, Does.Contain("a.json and b.json are both shard 0/2"));

        var warnings = new List<string>();
        var merged = ReportMerge.Merge([("a.json", zero)], warnings.Add);
        Assert.That(merged.Cases, Has.Count.EqualTo(2));
        Assert.That(warnings, Has.Count.EqualTo(1).And.Some.Contains("shard 1/2 is missing"));

        var other = Verifier.Verify(catalogue, new VerifierOptions { Shard = (1, 3) });
        Assert.That(Assert.Throws<FormatException>(() => ReportMerge.Merge([("a.json", zero), ("c.json", other)]))!.Message, Does.Contain("different splits"));
    }
}
