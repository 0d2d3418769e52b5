using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>One test per verdict, with the localisation each verdict promises.</summary>
public class VerdictTests
{
    private static Dictionary<string, double> P(params (string Name, double Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    [Test]
    public void SeedIsConsistentAndEverySourceIsReported()
    {
        var r = Verifier.Check("log(x*y) + sin(z)", P(("x", 2), ("y", 3), ("z", 1)),
            claimed: new Dictionary<string, string> { ["x"] = "1/x", ["y"] = "1/y", ["z"] = "cos(z)" }, hessian: true);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Value, Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15));
        foreach (var source in new[] { Sources.Forward, Sources.Reverse, Sources.Symbolic, Sources.ComplexStep, Sources.FiniteDifference, Sources.Claimed })
        {
            Assert.That(r.Gradient[source]["x"], Is.EqualTo(0.5).Within(1e-12), source);
            Assert.That(r.Gradient[source]["z"], Is.EqualTo(Math.Cos(1)).Within(1e-12), source);
        }

        Assert.That(r.Hessian![Sources.Ad]["x,x"], Is.EqualTo(-0.25).Within(1e-14));
        Assert.That(r.Hessian![Sources.Symbolic]["z,z"], Is.EqualTo(-Math.Sin(1)).Within(1e-14));
        Assert.That(r.Hessian![Sources.FiniteDifference]["x,y"], Is.EqualTo(0).Within(1e-9));
    }

    [Test]
    public void WrongClaimIsADiscrepancyNamingTheVariableAndTheOddOneOut()
    {
        var r = Verifier.Check("x/(1 + abs(x))", P(("x", 0.75)), claimed: new Dictionary<string, string> { ["x"] = "1/(1 + abs(x))" });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy));
        var d = r.Discrepancies.Single();
        Assert.That(d.Variable, Is.EqualTo("x"));
        Assert.That(d.Sources[0], Is.EqualTo(Sources.Claimed));
        Assert.That(d.OddOneOut, Is.EqualTo(Sources.Claimed));
        Assert.That(d.Values[0], Is.EqualTo(1 / 1.75).Within(1e-15));
        Assert.That(d.Values[1], Is.EqualTo(1 / (1.75 * 1.75)).Within(1e-15));
        Assert.That(d.RelativeError, Is.GreaterThan(0.4));
        Assert.That(d.Tolerance, Is.LessThan(1e-10));
        Assert.That(d.Message, Does.Contain("claimed is the odd one out"));
        Assert.That(d.StepScan, Is.Not.Empty);
    }

    [TestCase("max(x, 0)", 0.0, "kink")]
    [TestCase("abs(x - 1)", 1.0, "kink")]
    [TestCase("sqrt(x)", 0.0, "infinite slope")]
    [TestCase("sign(x)", 0.0, "jump")]
    [TestCase("cbrt(x)", 0.0, "infinite slope")]
    public void KinksAreNondifferentiableWithAReason(string expression, double x, string reason)
    {
        var r = Verifier.Check(expression, P(("x", x)));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Nondifferentiable), r.Message);
        Assert.That(r.Message, Does.Contain(reason));
        Assert.That(r.Message, Does.Contain("AD returned"));
    }

    [Test]
    public void MaxWithATieIsNondifferentiableInBothVariables()
    {
        var r = Verifier.Check("max(x, y)", P(("x", 0.5), ("y", 0.5)));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Nondifferentiable));
        Assert.That(r.Message, Does.Contain("x = 0.5").And.Contain("y = 0.5"));
    }

    [TestCase("abs(x)^3", 0.0)]
    [TestCase("x*abs(x)", 0.0)]
    [TestCase("max(x, 0)^2", 0.0)]
    [TestCase("abs(x)", 0.5)]
    public void SmoothFunctionsBuiltFromKinksAreConsistent(string expression, double x)
    {
        var r = Verifier.Check(expression, P(("x", x)));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
    }

    [TestCase("log(x) + y", -2.0, "log got -2")]
    [TestCase("asin(2*x)", 1.0, "asin got 2")]
    [TestCase("1/(x - 2)", 2.0, "division by zero")]
    [TestCase("exp(x)", 1000.0, "overflow")]
    public void OutsideTheDomainIsUndefinedNamingTheFunction(string expression, double x, string fragment)
    {
        var r = Verifier.Check(expression, P(("x", x), ("y", 1)));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Undefined));
        Assert.That(r.Message, Does.Contain(fragment));
    }

    [Test]
    public void BadInputIsAnError()
    {
        Assert.That(Verifier.Check("log(x", P(("x", 1))).Verdict, Is.EqualTo(Verdict.Error));
        var claim = Verifier.Check("x^2", P(("x", 1)), claimed: new Dictionary<string, string> { ["q"] = "2*x" });
        Assert.That(claim.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(claim.Message, Does.Contain("'q'"));
        var missing = Verifier.Check("x + y", P(("x", 1)));
        Assert.That(missing.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(missing.Message, Does.Contain("y"));
    }

    [Test]
    public void ParametersAreHeldFixedAndUnusedWrtVariablesHaveZeroDerivative()
    {
        var r = Verifier.Check("a*x^2", P(("a", 3), ("x", 2), ("q", 5)), wrt: ["x", "q"]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Gradient[Sources.Reverse]["x"], Is.EqualTo(12));
        Assert.That(r.Gradient[Sources.Reverse]["q"], Is.EqualTo(0));
        Assert.That(r.Gradient[Sources.Reverse].ContainsKey("a"), Is.False);
    }

    [Test]
    public void AnUnusedWrtVariableNeedsNoValue()
    {
        var r = Verifier.Check("x^2", P(("x", 3)), wrt: ["x", "unused"]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Gradient[Sources.Forward]["unused"], Is.EqualTo(0));
    }

    [Test]
    public void PointsAreGeneratedInTheDomainWithAFixedSeed()
    {
        var c = new VerificationCase { Name = "gen", Expression = "log(x) + sqrt(y)", GeneratedPoints = 5, Seed = 3 };
        var first = Verifier.VerifyCase(c);
        var second = Verifier.VerifyCase(c);
        Assert.That(first.Results, Has.Count.EqualTo(5));
        Assert.That(first.Results.All(r => r.Verdict == Verdict.Consistent), Is.True);
        Assert.That(first.Results.Select(r => r.Point["x"]), Is.EqualTo(second.Results.Select(r => r.Point["x"])));
        Assert.That(first.Results.All(r => r.Point["x"] > 0 && r.Point["y"] > 0), Is.True);
    }
}
