using System.Globalization;
using System.Xml.Linq;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>
/// JUnit XML: one test suite per case, one test case per point; a point that fails its case's
/// expectation is a failure. User text passes through <see cref="ReportText.Xml"/>, so the file
/// is well-formed XML 1.0 whatever the catalogue contains.
/// </summary>
public static class JUnitReport
{
    /// <summary>Renders a report as JUnit XML.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The XML text.</returns>
    public static string Write(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var suites = new XElement("testsuites",
            new XAttribute("name", "adverify"),
            new XAttribute("tests", report.Summary.Points),
            new XAttribute("failures", report.Cases.Sum(Failures)));
        foreach (var c in report.Cases)
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", X(c.Name)),
                new XAttribute("tests", c.Results.Count),
                new XAttribute("failures", Failures(c)));
            for (var i = 0; i < c.Results.Count; i++)
            {
                var r = c.Results[i];
                var test = new XElement("testcase",
                    new XAttribute("classname", "adverify." + X(c.Name)),
                    new XAttribute("name", X($"{c.Expression} at {Reports.PointText(r.Point)}")));
                if (!c.PointPassed(i))
                {
                    var expected = c.ExpectPerPoint is { } each && i < each.Count ? each[i].Name()
                        : c.Expect is { } e ? e.Name() : "consistent, nondifferentiable or undefined";
                    test.Add(new XElement("failure",
                        new XAttribute("message", $"verdict {r.Verdict.Name()}, expected {expected}"),
                        X(Reports.Detail(r))));
                }
                else
                {
                    var detail = Reports.Detail(r);
                    test.Add(new XElement("system-out", X($"{r.Verdict.Name()}; value {r.Value.ToString("R", CultureInfo.InvariantCulture)}{(detail.Length > 0 ? "; " + detail : "")}")));
                }

                suite.Add(test);
            }

            suites.Add(suite);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).Declaration + Environment.NewLine + suites;
    }

    private static string X(string s) => ReportText.Xml(s);

    private static int Failures(CaseResult c) => Enumerable.Range(0, c.Results.Count).Count(i => !c.PointPassed(i));
}
