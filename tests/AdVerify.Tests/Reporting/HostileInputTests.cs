using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AdVerify.Reporting;
using AdVerify.Verification;
using Markdig;
using NUnit.Framework;

namespace AdVerify.Tests.Reporting;

/// <summary>
/// A hostile catalogue (names with HTML, pipes, backticks, newlines, ANSI escapes, NUL, bidi
/// overrides; expressions and claims that fail to parse, so the messages quote them) rendered in
/// all five formats: each must show the text, never run it or let it break the document.
/// </summary>
public partial class HostileInputTests
{
    // JSON escapes keep the fixture readable: \u001b is ESC, \u0000 NUL, \u202e RIGHT-TO-LEFT OVERRIDE.
    internal const string Catalogue = """
        {"cases": [
          {"name": "<script>alert(1)</script>", "expression": "x^2", "points": [{"x": 1.5}]},
          {"name": "pipes | in | name `and` backticks ``` **bold** [link](javascript:alert(1))",
           "expression": "x | y", "points": [{"x": 1}], "expect": "error"},
          {"name": "line one\nline two\r\n# not a heading", "expression": "sin(x)\n  + cos(x)", "points": [{"x": 0.5}]},
          {"name": "\u001b[31mred\u001b[0m", "expression": "x + \u001b[31m", "points": [{"x": 1}], "expect": "error"},
          {"name": "nul\u0000byte & <b>bold</b>", "expression": "exp(x)", "points": [{"x": 0.25}],
           "claimed": {"x": "exp(x) <img src=x onerror=alert(1)>"}, "expect": "error"},
          {"name": "- leading dash", "expression": "x/(1 + abs(x))", "points": [{"x": 0.75}],
           "claimed": {"x": "1/(1 + abs(x))"}, "expect": "discrepancy"},
          {"name": "1. ordered > quote \u202eevil\u0085", "expression": "log(x)", "points": [{"x": 2}]}
        ]}
        """;

    private static readonly Lazy<VerificationReport> Report = new(() =>
    {
        var verified = Verifier.Verify(AdVerify.Verification.Catalogue.Parse(Catalogue, "hostile"));
        return VerificationReport.Of(verified.Cases.Append(Forged()).ToArray());
    });

    private static string[] Names => Report.Value.Cases.Select(c => c.Name).ToArray();

    // A report that a catalogue cannot produce but an edited JSON report can: hostile variable and source names.
    private static CaseResult Forged() => new()
    {
        Name = "forged | report",
        Expression = "`x`",
        Wrt = ["a<b>", "c|d"],
        Results =
        [
            new PointResult
            {
                Point = new Dictionary<string, double> { ["a<b>"] = 1, ["c|d\u001b[2J"] = 2 },
                Verdict = Verdict.Discrepancy,
                Value = 3,
                Gradient = new Dictionary<string, IReadOnlyDictionary<string, double>>
                {
                    ["<i>forward</i>"] = new Dictionary<string, double> { ["a<b>"] = 1 },
                    ["reverse"] = new Dictionary<string, double> { ["a<b>"] = 2, ["c|d\u001b[2J"] = 0 },
                },
                Discrepancies =
                [
                    new Discrepancy("a<b>", ["<i>forward</i>", "reverse\n"], [1, 2], 0.5, 1e-12, "<i>forward</i>", "message with | pipe and <script>x</script>")
                    {
                        StepScan = [new StepSample(1e-3, 1.5), new StepSample(1e-4, 1.6)],
                    },
                ],
                Message = "\u0000\u001b]0;title\u0007",
            },
        ],
    };

    [Test]
    public void TheFixtureReallyContainsWhatItClaims()
    {
        Assert.That(Names, Has.Some.Contains("<script>").And.Some.Contains("\u001b").And.Some.Contains("\0").And.Some.Contains("\n"));
        var verdicts = Report.Value.Cases.Select(c => c.Results[0].Verdict).ToArray();
        Assert.That(verdicts.Take(7), Is.EqualTo(new[]
        {
            Verdict.Consistent, Verdict.Error, Verdict.Consistent, Verdict.Error, Verdict.Error, Verdict.Discrepancy, Verdict.Consistent,
        }));

        // Messages can quote what the user wrote; the forged one carries NUL, ESC and BEL.
        Assert.That(Report.Value.Cases[^1].Results[0].Message, Does.Contain("\u001b").And.Contain("\0"));
    }

    [Test]
    public void TextHasNoControlCharactersAndOneLinePerRow()
    {
        var text = TextReport.Write(Report.Value);
        AssertVisible(text.Replace(Environment.NewLine, "\n", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        var lines = text.Split(Environment.NewLine);
        var rows = Report.Value.Summary.Points;
        Assert.That(lines[rows + 2], Is.Empty, "the table is the header, the rule and one line per point, then a blank line");
        var verdictColumn = lines[0].IndexOf("verdict", StringComparison.Ordinal);
        for (var k = 0; k < rows; k++)
        {
            Assert.That(Regex.IsMatch(lines[k + 2][verdictColumn..], "^(consistent|discrepancy|error|undefined|nondifferentiable) "), lines[k + 2]);
        }

        Assert.That(text, Does.Contain(@"\u001b[31mred\u001b[0m").And.Contain(@"nul\0byte").And.Contain(@"line one\nline two\r\n# not a headi…"));
    }

    [Test]
    public void DiscrepancyTableHasNoControlCharacters()
    {
        foreach (var c in Report.Value.Cases)
        {
            var text = DiscrepancyTable.Write(c);
            AssertVisible(text.Replace(Environment.NewLine, "", StringComparison.Ordinal));
        }
    }

    [Test]
    public void HtmlShowsTheScriptAndNeverRunsIt()
    {
        foreach (var html in new[] { HtmlReport.Write(Report.Value), HtmlReport.WriteFragment(Report.Value) })
        {
            Assert.That(html, Does.Not.Contain("<script").IgnoreCase.And.Not.Contain("<img").IgnoreCase.And.Not.Contain("<i>").And.Not.Contain("<b>bold"));
            Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
            AssertVisible(html.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
            var cells = Regex.Matches(html, "<h2 ").Count;
            Assert.That(cells, Is.EqualTo(Report.Value.Cases.Count));
        }
    }

    [Test]
    public void MarkdownRendersAsTextInARendererThatAllowsHtml()
    {
        var md = MarkdownReport.Write(Report.Value);
        AssertVisible(md.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));

        // Markdig with pipe tables and raw HTML allowed: what GitHub-like renderers do.
        var html = Markdown.ToHtml(md, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        Assert.That(html, Does.Not.Contain("<script").IgnoreCase.And.Not.Contain("<img").IgnoreCase.And.Not.Contain("<b>bold").And.Not.Contain("<i>"));
        Assert.That(html, Does.Not.Contain("href=\"javascript").IgnoreCase);
        Assert.That(Regex.Matches(html, "<h1").Count, Is.EqualTo(1), "no user text may start a heading");
        Assert.That(Regex.Matches(html, "<h2").Count, Is.EqualTo(Report.Value.Cases.Count));
        Assert.That(Regex.Matches(html, "<strong>").Count, Is.EqualTo(4), "only the report's own bold: each discrepancy's variable and odd one out");
        Assert.That(Regex.Matches(html, "<table").Count, Is.EqualTo(1 + Report.Value.Cases.Count));
        Assert.That(Regex.Matches(html, "<ul>").Count, Is.EqualTo(2), "only the report's own lists of discrepancies");

        // Every point row keeps its five cells however many pipes the names hold.
        foreach (Match row in Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline))
        {
            var cells = Regex.Matches(row.Groups[1].Value, "<t[dh][ >]").Count;
            Assert.That(cells, Is.EqualTo(5).Or.EqualTo(8), row.Value);
        }

        // The text survives: the heading of the first case shows the script as text.
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(html, Does.Contain("pipes | in | name `and` backticks ``` **bold** [link](javascript:alert(1))"));
    }

    [Test]
    public void JUnitIsWellFormedXmlWithTheNamesMadeVisible()
    {
        var xml = JUnitReport.Write(Report.Value);
        var doc = XDocument.Parse(xml);
        var suites = doc.Root!.Elements("testsuite").ToArray();
        Assert.That(suites.Select(s => s.Attribute("name")!.Value), Is.EqualTo(Names.Select(ReportText.Visible)));
        Assert.That(doc.Descendants("failure").Count(), Is.EqualTo(1), "only the forged discrepancy fails its case");
    }

    [Test]
    public void JsonKeepsEveryCharacterAndReadsBackTheSame()
    {
        var json = ReportJson.Write(Report.Value);
        using var doc = JsonDocument.Parse(json);
        Assert.That(doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()), Is.EqualTo(Names));
        Assert.That(json, Does.Not.Contain("\u001b").And.Not.Contain("\0"), "control characters are \\u escapes in JSON");
        var back = ReportJson.Read(json, "hostile.json");
        Assert.That(back.Cases.Select(c => c.Name), Is.EqualTo(Names));
        Assert.That(back.Cases[^1].Results[0].Point.Keys, Is.EquivalentTo(new[] { "a<b>", "c|d\u001b[2J" }));
        Assert.That(ReportJson.Write(back), Is.EqualTo(json));
    }

    [TestCase("plain", "plain")]
    [TestCase("a\nb", @"a\nb")]
    [TestCase("\u001b[31m", @"\u001b[31m")]
    [TestCase("\u009b31m", @"\u009b31m")]
    [TestCase("x\u202ey", @"x\u202ey")]
    [TestCase("\0", @"\0")]
    [TestCase("😀 ok", "😀 ok")]
    public void VisibleEscapesEveryInvisibleCharacter(string input, string expected) =>
        Assert.That(ReportText.Visible(input), Is.EqualTo(expected));

    [Test]
    public void VisibleEscapesUnpairedSurrogates()
    {
        Assert.That(ReportText.Visible("a" + '\ud800' + "b"), Is.EqualTo(@"a\ud800b"));
        Assert.That(ReportText.Visible("a" + '\udc00'), Is.EqualTo(@"a\udc00"));
    }

    [TestCase("<b>&", "&lt;b&gt;&amp;")]
    [TestCase("a|b", @"a\|b")]
    [TestCase("`x`", @"\`x\`")]
    [TestCase("# h", @"\# h")]
    [TestCase("- item", @"\- item")]
    [TestCase("> quote", "&gt; quote")]
    [TestCase("12. item", @"12\. item")]
    [TestCase("a_b*c", @"a\_b\*c")]
    [TestCase("x - 1", "x - 1")]
    public void MarkdownEscapesStructure(string input, string expected) =>
        Assert.That(ReportText.Markdown(input), Is.EqualTo(expected));

    [TestCase("x^2", "`x^2`")]
    [TestCase("a`b", "``a`b``")]
    [TestCase("`a``", "``` `a`` ```")]
    public void MarkdownCodeSpansCannotBeClosedFromInside(string input, string expected) =>
        Assert.That(ReportText.MarkdownCode(input), Is.EqualTo(expected));

    private static void AssertVisible(string text)
    {
        var bad = text.Select((c, i) => (c, i)).FirstOrDefault(p => char.IsControl(p.c) || p.c is '\u202e' or '\u2028' or '\u2029');
        Assert.That(bad.c, Is.EqualTo('\0'), $"invisible character U+{(int)bad.c:X4} at {bad.i}: …{text[Math.Max(0, bad.i - 40)..Math.Min(text.Length, bad.i + 10)]}…");
        Assert.That(text.Contains('\0', StringComparison.Ordinal), Is.False, "NUL");
    }
}
