using AdVerify.Reporting;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>
/// Claimed derivatives of order 3 and up (<c>"claimedDerivatives"</c>): partials by variables in order and
/// k-th derivatives along a direction, each compared with Taylor mode, nested forward mode and the symbolic
/// engine; a wrong one is named by its key.
/// </summary>
public class ClaimedHigherDerivativeTests
{
    private const string F = "x^2*y^3 + sin(x*y)";

    private static readonly Dictionary<string, double> At = new() { ["x"] = 0.7, ["y"] = -0.4 };

    // ∂³/∂x²∂y, ∂³/∂y³, ∂⁴/∂x⁴, ∂³/∂x³ (as a direction) and ∂⁵/∂x⁵ of x²y³ + sin(xy), worked by hand.
    private static readonly Dictionary<string, string> Correct = new()
    {
        ["x,x,y"] = "6*y^2 - 2*y*sin(x*y) - x*y^2*cos(x*y)",
        ["y,y,y"] = "6*x^2 - x^3*cos(x*y)",
        ["x,x,x,x"] = "y^4*sin(x*y)",
        ["[x=1]^3"] = "-y^3*cos(x*y)",
        ["x,x,x,x,x"] = "y^5*cos(x*y)",
    };

    [Test]
    public void CorrectHigherDerivativesAreConsistentWithEverySource()
    {
        var r = Verifier.Check(F, At, claimedDerivatives: Correct);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.ToString());
        var higher = r.HigherDerivatives!;
        Assert.That(higher.Keys, Is.EquivalentTo(new[] { Sources.Taylor, Sources.Forward, Sources.Symbolic, Sources.Claimed }));
        Assert.That(higher[Sources.Claimed].Keys, Is.EquivalentTo(new[] { "x,x,y", "y,y,y", "x,x,x,x", "[x=1]^3", "x,x,x,x,x" }));
        foreach (var source in new[] { Sources.Taylor, Sources.Symbolic })
        {
            Assert.That(higher[source]["x,x,y"], Is.EqualTo(higher[Sources.Claimed]["x,x,y"]).Within(1e-13), source);
            Assert.That(higher[source]["x,x,x,x,x"], Is.EqualTo(higher[Sources.Claimed]["x,x,x,x,x"]).Within(1e-13), source);
        }

        Assert.That(higher[Sources.Forward]["x,x,x,x"], Is.EqualTo(higher[Sources.Claimed]["x,x,x,x"]).Within(1e-13));
        Assert.That(higher[Sources.Forward].ContainsKey("x,x,x,x,x"), Is.False, "nested forward mode is built for orders 3 and 4");
        Assert.That(r.Absent[Sources.Forward], Does.Contain("orders 3 and 4"));
        Assert.That(r.Message, Does.Contain("finite differences take no part"));
    }

    [Test]
    public void AWrongPartialIsNamedByItsKey()
    {
        var claims = new Dictionary<string, string>(Correct) { ["x,x,y"] = "6*y^2 - 2*y*sin(x*y) + x*y^2*cos(x*y)" };
        var r = Verifier.Check(F, At, claimedDerivatives: claims);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy), r.ToString());
        var d = r.Discrepancies.Single();
        Assert.That(d.Variable, Is.EqualTo("x,x,y"));
        Assert.That(d.OddOneOut, Is.EqualTo(Sources.Claimed));
        Assert.That(d.Message, Does.StartWith("∂³f/∂x∂x∂y: claimed gives").And.Contain("claimed is the odd one out (3 other sources agree"));
    }

    [Test]
    public void ADirectionalDerivativeIsCheckedAndAWrongOneNamed()
    {
        // f(x + t, y − t) = exp(x − 2y + 3t): D³f along (1, −1) is 27·exp(x − 2y).
        var point = new Dictionary<string, double> { ["x"] = 0.25, ["y"] = 0.5 };
        var good = Verifier.Check("exp(x - 2*y)", point, claimedDerivatives: new Dictionary<string, string> { ["[x=1,y=-1]^3"] = "27*exp(x - 2*y)" });
        Assert.That(good.Verdict, Is.EqualTo(Verdict.Consistent), good.ToString());

        var bad = Verifier.Check("exp(x - 2*y)", point, claimedDerivatives: new Dictionary<string, string> { ["[x=1,y=-1]^3"] = "9*exp(x - 2*y)" });
        Assert.That(bad.Verdict, Is.EqualTo(Verdict.Discrepancy), bad.ToString());
        Assert.That(bad.Discrepancies.Single().Message, Does.StartWith("D³f along [x=1,y=-1]: claimed gives"));
    }

    [Test]
    public void ACatalogueCaseClaimsHigherDerivativesAndTheJsonReportCarriesThemBack()
    {
        var report = Verifier.Verify(Catalogue.Parse("""
            {"cases": [{"name": "third", "expression": "x^2*y^3 + sin(x*y)", "points": [{"x": 0.7, "y": -0.4}],
                        "claimedDerivatives": {"y,y,y": "6*x^2 - x^3*cos(x*y)"}, "expect": "consistent"},
                       {"name": "third wrong", "expression": "x^2*y^3 + sin(x*y)", "points": [{"x": 0.7, "y": -0.4}],
                        "claimedDerivatives": {"y,y,y": "6*x^2 + x^3*cos(x*y)"}, "expect": "discrepancy"}]}
            """), new VerifierOptions { Parallel = false });
        Assert.That(report.Passed, Is.True, report.ToString());
        var json = ReportJson.Write(report);
        var back = ReportJson.Read(json, "higher.json");
        Assert.That(ReportJson.Write(back), Is.EqualTo(json));
        Assert.That(back.Cases[0].Results[0].HigherDerivatives![Sources.Taylor]["y,y,y"], Is.EqualTo(report.Cases[0].Results[0].HigherDerivatives![Sources.Taylor]["y,y,y"]));
        Assert.That(back.Cases[1].Results[0].Discrepancies.Single().Variable, Is.EqualTo("y,y,y"));
    }

    [TestCase("{\"cases\": [{\"name\": \"h\", \"expression\": \"x*y\", \"claimedDerivatives\": {\"x,y\": \"1\"}}]}",
        "catalogue: case 1 ('h'): \"claimedDerivatives\" key \"x,y\" is a derivative of order 2: put it in \"claimedHessian\" (\"claimedDerivatives\" takes order 3 and up, or a direction such as \"[x=1]^2\")")]
    [TestCase("{\"cases\": [{\"name\": \"h\", \"expression\": \"x*y\", \"claimedDerivatives\": {\"x,x,q\": \"0\"}}]}",
        "catalogue: case 1 ('h'): \"claimedDerivatives\" key \"x,x,q\": q is not among the variables differentiated by (x, y)")]
    public void ABadKeyIsACatalogueErrorNamingCaseAndKey(string json, string message)
    {
        var e = Assert.Throws<CatalogueException>(() => Catalogue.Parse(json));
        Assert.That(e!.Message, Is.EqualTo(message));
    }
}
