using AdVerify.Definitions;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>Issue 11: the verifier judges what the user wrote, scales finite differences with the point, and says what it compared.</summary>
public class AsWrittenVerificationTests
{
    private static Dictionary<string, double> At(params (string Name, double Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    // f = (x2 - 1)²/2 - y·x2 has ∂f/∂x2 = (x2 - 1) - y. Near its minimum the gradient is ~1e-9 while
    // its terms are ~1: regrouped as x2 - y - 1 the claim would change in the ninth digit.
    private const string F = "(x2 - 1)^2/2 - y*x2";

    private static readonly (string, double)[] NearMinimum = [("x2", 1.0000000123), ("y", 1.23e-8 - 3.3e-10)];

    [TestCase("(x2 - 1.0) - y")]
    [TestCase("x2 - 1 - y")]
    [TestCase("-(y - (x2 - 1))")]
    [TestCase("(x2 - (1 + y))")]
    public void ACorrectClaimWrittenAnyWayIsConsistentNearTheMinimum(string claim)
    {
        var r = Verifier.Check(F, At(NearMinimum), claimed: new Dictionary<string, string> { ["x2"] = claim, ["y"] = "-x2" });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
    }

    [TestCase("(x2 - 1.0) - y + 1.1e-8")]
    [TestCase("((x2 - 1.0) - y)*(1 + 1e-2)")]
    public void AFaultOfTheGradientsOwnSizeIsCaughtNearTheMinimum(string claim)
    {
        var r = Verifier.Check(F, At(NearMinimum), claimed: new Dictionary<string, string> { ["x2"] = claim });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy), r.Message);
        Assert.That(r.Discrepancies.Single().OddOneOut, Is.EqualTo(Sources.Claimed));
    }

    [Test]
    public void TheValueIsTheValueAsWritten()
    {
        var r = Verifier.Check("a + (b - c)", At(("a", 1), ("b", 1e16), ("c", 1e16)));
        Assert.That(r.Value, Is.EqualTo(1.0));
    }

    [TestCase(1e-4, 2e-4)]
    [TestCase(-3e-5, 1e-5)]
    [TestCase(2e-7, 0.0)]
    public void HessianFiniteDifferencesScaleWithThePoint(double x, double y)
    {
        // Smooth at these points, but curving on the scale of the coordinates themselves.
        var r = Verifier.Check("sqrt(x^2 + y^2 + 1e-12)", At(("x", x), ("y", y)), hessian: true);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        var ad = r.Hessian![Sources.Ad]["x,x"];
        Assert.That(r.Hessian[Sources.FiniteDifference]["x,x"], Is.EqualTo(ad).Within(1e-6 * Math.Abs(ad)));
    }

    [Test]
    public void AMessageStatesTheComparedQuantityAndItsBound()
    {
        var r = Verifier.Check("x^2", At(("x", 3)), claimed: new Dictionary<string, string> { ["x"] = "6.0000001" });
        var m = r.Discrepancies.Single().Message;
        Assert.That(m, Does.Contain("they differ by 1E-07").And.Contain("more than the"));
        Assert.That(m, Does.Not.Contain("(absolute)"));
        Assert.That(r.Discrepancies.Single().Difference, Is.EqualTo(1e-7).Within(1e-12));
    }

    [Test]
    public void ExpectationsCanBeGivenPerPoint()
    {
        var catalogue = Catalogue.Parse("""
            {"cases": [{"name": "dropped factor", "expression": "x^3", "claimed": {"x": "3*x"},
                        "points": [{"x": 0}, {"x": 2}], "expect": ["consistent", "discrepancy"]}]}
            """);
        var result = Verifier.VerifyCase(catalogue.Cases[0]);
        Assert.That(result.Results.Select(r => r.Verdict), Is.EqualTo(new[] { Verdict.Consistent, Verdict.Discrepancy }));
        Assert.That(result.Passed, Is.True);
        Assert.That(() => Catalogue.Parse("""{"cases": [{"expression": "x", "points": [{"x": 1}], "expect": ["consistent", "consistent"]}]}"""),
            Throws.TypeOf<CatalogueException>().With.Message.Contains("one verdict per point"));
    }

    [Test]
    public void UndefinedIsOnlyForPointsWhereTheDerivativeDoesNotExist()
    {
        Assert.That(Verifier.Check("log(x)", At(("x", -1))).Verdict, Is.EqualTo(Verdict.Undefined));
        Assert.That(Verifier.Check("x^y", At(("x", -2), ("y", 2))).Verdict, Is.EqualTo(Verdict.Undefined), "a negative base with a variable exponent has no derivative");
        var sqrt4 = Verifier.Check("sqrt(x^4)", At(("x", 0)));
        Assert.That(sqrt4.Verdict, Is.Not.EqualTo(Verdict.Undefined), "the derivative exists: an engine's NaN is not an excuse");
    }
}
