using System.Text.Json.Nodes;
using AdVerify.Reporting;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Reporting;

/// <summary>Every report format says whether a float32 run is "float32 rounding" or a bug, and JSON carries it back strictly.</summary>
public class Float32ReportTests
{
    private static readonly Lazy<VerificationReport> Report = new(() => Verifier.Verify(Catalogue.Parse("""
        {"cases": [{"name": "rounding", "expression": "x*exp(-y)", "points": [{"x": 1.25, "y": 0.5}], "precision": "float32",
                    "claimed": {"x": "exp(-y)", "y": "-x*exp(-y)"}, "expect": "consistent"},
                   {"name": "bug", "expression": "x*exp(-y)", "points": [{"x": 1.25, "y": 0.5}], "precision": "float32",
                    "claimed": {"y": "-x*exp(-y)*1.001"}, "expect": "discrepancy"}]}
        """), new VerifierOptions { Parallel = false }));

    [Test]
    public void JsonWritesTheFloat32ComparisonAndReadsItBackIdentically()
    {
        var json = ReportJson.Write(Report.Value);
        var back = ReportJson.Read(json, "f32.json");
        Assert.That(ReportJson.Write(back), Is.EqualTo(json));
        foreach (var (written, read) in Report.Value.Cases.Zip(back.Cases).Select(p => (p.First.Results[0].Float32!, p.Second.Results[0].Float32!)))
        {
            Assert.That(read.Value, Is.EqualTo(written.Value));
            Assert.That(read.ValueBound, Is.EqualTo(written.ValueBound));
            Assert.That(read.WithinRounding, Is.EqualTo(written.WithinRounding));
            Assert.That(read.GradientBound, Is.EqualTo(written.GradientBound));
            Assert.That(read.Gradient.Keys, Is.EqualTo(written.Gradient.Keys));
            Assert.That(read.Gradient[Sources.Forward32], Is.EqualTo(written.Gradient[Sources.Forward32]));
            Assert.That(read.Message, Is.EqualTo(written.Message));
        }

        Assert.That(back.Cases.Select(c => c.Results[0].Float32!.WithinRounding), Is.EqualTo(new[] { true, false }));
    }

    private static IEnumerable<TestCaseData> Edits()
    {
        TestCaseData Case(string name, Action<JsonNode> edit, params string[] fragments) => new TestCaseData(edit, fragments).SetName(name);
        static JsonNode F32(JsonNode r, int c) => r["cases"]![c]!["results"]![0]!["float32"]!;

        yield return Case("Float32UnknownField", r => F32(r, 0)["ulps"] = 3, "f32.json: case 1 ('rounding'), point 1, field \"float32\"", "unknown field \"ulps\"");
        yield return Case("Float32MissingBound", r => F32(r, 0).AsObject().Remove("valueBound"), "field \"float32\"", "required field \"valueBound\" is missing");
        yield return Case("Float32WithinOfTheWrongType", r => F32(r, 0)["withinRounding"] = "yes", "field \"float32\"", "\"withinRounding\" must be true or false");
        yield return Case("Float32GradientOfTheWrongType", r => F32(r, 0)["gradient"]!["forward32"]!["x"] = "1", "field \"float32\", field \"gradient\".forward32.x", "must be a number");
        yield return Case("ConsistentBeyondFloat32Rounding", r => F32(r, 0)["withinRounding"] = false, "case 1 ('rounding'), point 1", "\"withinRounding\": false", "edited");
    }

    [TestCaseSource(nameof(Edits))]
    public void AnEditedFloat32FieldIsAnErrorNamingWhereAndWhat(Action<JsonNode> edit, string[] fragments)
    {
        var node = JsonNode.Parse(ReportJson.Write(Report.Value))!;
        edit(node);
        var e = Assert.Throws<FormatException>(() => ReportJson.Read(node.ToJsonString(), "f32.json"))!;
        foreach (var fragment in fragments)
        {
            Assert.That(e.Message, Does.Contain(fragment));
        }
    }

    [Test]
    public void TextMarkdownAndHtmlSayRoundingOrBugAndShowTheFloat32Numbers()
    {
        foreach (var format in new[] { ReportFormat.Text, ReportFormat.Markdown, ReportFormat.Html })
        {
            var text = Reports.Render(Report.Value, format);
            Assert.That(text, Does.Contain("within float32 rounding of double"), format.ToString());
            Assert.That(text, Does.Contain("∂f/∂y in float32: claimed32 gives").And.Contain("beyond float32 rounding, so a bug"), format.ToString());
        }

        // Where gradients are tabulated by source (HTML, and the per-point table of NUnit failures), float32 has its rows.
        foreach (var text in new[] { Reports.Render(Report.Value, ReportFormat.Html), DiscrepancyTable.Write(Report.Value.Cases[1].Results[0]) })
        {
            Assert.That(text, Does.Contain(Sources.Forward32).And.Contain(Sources.Reverse32).And.Contain(Sources.Claimed32).And.Contain("±float32 bound"));
        }
    }
}
