using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>Results print as one readable line (verdict, point, value, worst discrepancy), never as type names.</summary>
public class ResultsTests
{
    private const string Planted = """
        {"cases": [
          {"name": "planted", "expression": "x/(1 + abs(x))", "points": [{"x": 0.75}], "claimed": {"x": "1/(1 + abs(x))"}},
          {"name": "seed", "expression": "log(x*y) + sin(z)", "points": [{"x": 2, "y": 3, "z": 1}]}
        ]}
        """;

    private static readonly Lazy<VerificationReport> Report = new(() => Verifier.Verify(Catalogue.Parse(Planted)));

    [Test]
    public void ADiscrepancyAlwaysHasAMessageNamingTheWorstDisagreement()
    {
        var r = Report.Value.Cases[0].Results[0];
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy));
        Assert.That(r.Message, Is.Not.Null.And.Contain("∂f/∂x").And.Contain("claimed"));
        Assert.That(r.Worst, Is.Not.Null);

        var bare = new PointResult
        {
            Point = new Dictionary<string, double> { ["x"] = 1 },
            Verdict = Verdict.Discrepancy,
            Discrepancies =
            [
                new Discrepancy("x", ["claimed", "forward"], [1, 2], 0.5, 1e-12, "claimed", "x: small"),
                new Discrepancy("y", ["claimed", "forward"], [1, 9], 0.89, 1e-12, "claimed", "y: large"),
            ],
        };
        Assert.That(bare.Message, Is.EqualTo("y: large (the worst of 2 discrepancies)"));
        Assert.That((bare with { Discrepancies = [] }).Message, Is.Not.Null.And.Not.Empty);
        Assert.That((bare with { Verdict = Verdict.Consistent, Discrepancies = [] }).Message, Is.Null);
    }

    [Test]
    public void PointResultsPrintVerdictPointValueAndWorstDiscrepancy()
    {
        var text = Report.Value.Cases[0].Results[0].ToString();
        Assert.That(text, Does.StartWith("discrepancy at x=0.75 (f = 0.428571): ∂f/∂x: claimed gives 0.5714285714285714"));
        Assert.That(text, Does.Not.Contain("System.").And.Not.Contain("{"));
        Assert.That(Report.Value.Cases[1].Results[0].ToString(), Does.StartWith("consistent at x=2, y=3, z=1 (f = 2.63323)"));
    }

    [Test]
    public void CaseResultsAndReportsPrintASummary()
    {
        Assert.That(Report.Value.Cases[1].ToString(), Is.EqualTo("case 'seed' (log(x*y) + sin(z)): passed; 1 point: 1 consistent"));
        Assert.That(Report.Value.Cases[0].ToString(), Does.StartWith("case 'planted' (x/(1 + abs(x))): FAILED; 1 point: 1 discrepancy; first failing point: discrepancy at x=0.75"));
        Assert.That(Report.Value.ToString(), Is.EqualTo(
            "2 cases, 2 points: 1 consistent, 1 discrepancy, 0 nondifferentiable, 0 undefined, 0 error; 1 case(s) FAILED: 'planted'"));
    }
}
