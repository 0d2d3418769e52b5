using AdVerify.Expressions;
using AdVerify.NUnit;
using AdVerify.Verification;
using NUnit.Framework;
using NUnit.Framework.Constraints;
using NUnit.Framework.Internal;
using Is = AdVerify.NUnit.Syntax.Is;
using static AdVerify.NUnit.Tests.Messages;

namespace AdVerify.NUnit.Tests;

public class ConstraintTests
{
    private static GradientConstraintResult Apply(GradientConstraint constraint, object actual) =>
        (GradientConstraintResult)constraint.ApplyTo(actual);

    [Test]
    public void CorrectClaimOnAnExpressionPasses() =>
        Assert.That(Gradient.Of("log(x*y) + sin(z)").Claimed("x=1/x; y=1/y; z=cos(z)"), Is.VerifiedAt(("x", 2), ("y", 3), ("z", 1)));

    [Test]
    public void NUnitsOwnIsStillWorksThroughTheAlias() => Assert.That(1 + 1, Is.EqualTo(2));

    [Test]
    public void WrongClaimFailsWithTheDiscrepancyTable()
    {
        var result = Apply(Verifies.At(("x", 2), ("y", 3), ("z", 1)),
            Gradient.Of("log(x*y) + sin(z)").Claimed("x=1/x; y=1/y; z=-cos(z)"));
        Assert.That(result.IsSuccess, Is.False);
        var message = Message(result);
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.Contain("The gradient of log(x*y) + sin(z) claimed as x=1/x; y=1/y; z=-cos(z) is not verified at 1 of 1 point(s) (1 discrepancy)"));
            Assert.That(message, Does.Contain("At x=2, y=3, z=1: discrepancy"));
            Assert.That(message, Does.Contain("variable | sources"));
            Assert.That(message, Does.Contain("relative error"));
            Assert.That(message, Does.Contain("tolerance"));
            Assert.That(message, Does.Contain("odd one out"));
            // the row: z, claimed vs forward, −cos 1 vs cos 1, relative error 2, claimed is the odd one out
            Assert.That(message, Does.Match(@"z\s+\| claimed vs forward\s+\| -0\.5403023058681\d* vs 0\.5403023058681\d*\s+\| 2\s+\| [0-9.eE+-]+\s+\| claimed"));
            Assert.That(message, Does.Not.Contain("x        | claimed"));
            Assert.That(message, Does.Contain("gradient"));
            Assert.That(message, Does.Contain("symbolic"));
            Assert.That(message, Does.Not.Contain("False"));
        });
    }

    [Test]
    public void FailureMessageReachesNUnitsAssertionException()
    {
        // Assert.That failing inside a test would fail this test too, so run it in an isolated context.
        using (new TestExecutionContext.IsolatedContext())
        {
            var e = Assert.Throws<AssertionException>(() =>
                Assert.That(Gradient.Of("x^3").Claimed("x=3*x"), Verifies.At(("x", 2))));
            Assert.That(e!.Message, Does.Contain("claimed vs forward").And.Contain("| 12").And.Contain("odd one out"));
        }
    }

    [Test]
    public void ExpressionGivenAsTextOrExprIsCheckedEngineAgainstEngine()
    {
        Assert.That("exp(x)*cos(y)", Verifies.At(("x", 0.5), ("y", 2)));
        Assert.That(Expr.Symbol("x") * Expr.Symbol("y"), Verifies.At(2.0, 3.0));
        Assert.That(Gradient.Of("sin(x)*exp(y) + sqrt(x^2 + y^2)"), Is.GradientCorrect);
        Assert.That(Gradient.Of("atan2(y, x)").WithHessian(), Is.VerifiedInDomain(count: 3, seed: 7));
    }

    [Test]
    public void PositionalPointsFollowTheSortedVariables()
    {
        var result = Apply(Verifies.At(1.0, 4.0), Gradient.Of("log(y) + x").Claimed("x=1; y=1/y"));
        Assert.That(result.IsSuccess, Is.True, result.Details);
        Assert.That(result.Result.Results[0].Point, Is.EqualTo(new Dictionary<string, double> { ["x"] = 1, ["y"] = 4 }));
    }

    [Test]
    public void KinkFailsByDefaultAndPassesWhenThatVerdictIsExpected()
    {
        var result = Apply(Verifies.At(("x", 0)), Gradient.Of("abs(x)"));
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(Message(result), Does.Contain("At x=0: nondifferentiable").And.Contain("kink"));
        Assert.That(Gradient.Of("abs(x)"), Verifies.At(("x", 0)).WithVerdict(Verdict.Nondifferentiable));
    }

    [Test]
    public void UndefinedPointAndBadClaimsAreReported()
    {
        var undefined = Apply(Verifies.At(("x", -1)), Gradient.Of("log(x)"));
        Assert.That(Message(undefined), Does.Contain("At x=-1: undefined"));

        var unknown = Apply(Verifies.At(("x", 1)), Gradient.Of("x^2").Claimed("y=2*x"));
        Assert.That(Message(unknown), Does.Contain("error").And.Contain("a derivative is claimed for 'y'"));

        Assert.That(() => Gradient.Of("x").Claimed("x: 1"), Throws.ArgumentException.With.Message.Contains("variable=derivative"));
        Assert.That(() => Verifies.At(("x", 1)).ApplyTo(42), Throws.ArgumentException.With.Message.Contains("GradientSubject"));
    }

    [Test]
    public void SeveralPointsReportOnlyTheFailingOnes()
    {
        // d/dx x*|x| is 2|x|; the claim 2x is right only for x >= 0
        var result = Apply(
            Verifies.AtPoints(new Dictionary<string, double> { ["x"] = 1.5 }, new Dictionary<string, double> { ["x"] = -2 }),
            Gradient.Of("x*abs(x)").Claimed("x=2*x"));
        var message = Message(result);
        Assert.That(message, Does.Contain("at 1 of 2 point(s) (1 consistent, 1 discrepancy)"));
        Assert.That(message, Does.Contain("At x=-2: discrepancy").And.Not.Contain("At x=1.5"));
    }

    [Test]
    public void GenericDelegateWithCorrectClaimPasses()
    {
        var subject = Gradient.Of(new Functions.LogisticLoss())
            .Claimed(v => Functions.LogisticGradient(v[0], v[1], Functions.X, Functions.Y));
        Assert.That(subject, Is.VerifiedAt(("w", 0.3), ("b", -0.2)));
        Assert.That(subject, Is.VerifiedInDomain(count: 5));

        var result = Apply(Verifies.At(0.3, -0.2), subject);
        Assert.That(result.Result.Results[0].Gradient.Keys, Is.EquivalentTo(new[] { "forward", "reverse", "symbolic", "complexStep", "finiteDifference", "claimed" }));
    }

    [Test]
    public void GenericDelegateWithWrongClaimNamesTheClaimAsOddOneOut()
    {
        var subject = Gradient.Of(new Functions.LogisticLoss())
            .Claimed(v => { var g = Functions.LogisticGradient(v[0], v[1], Functions.X, Functions.Y); return [g[0], -g[1]]; });
        var result = Apply(Verifies.At(("w", 0.3), ("b", -0.2)), subject);
        var message = Message(result);
        var d = result.Result.Results[0].Discrepancies.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.False);
            Assert.That(d.Variable, Is.EqualTo("b"));
            Assert.That(d.OddOneOut, Is.EqualTo("claimed"));
            Assert.That(message, Does.Contain("gradient of Functions.LogisticLoss (w, b) against the claimed gradient"));
            Assert.That(message, Does.Match(@"b\s+\| claimed vs forward\s+\|"));
            Assert.That(message, Does.Contain("reverse"));
        });
    }

    [Test]
    public void OpaqueDelegateIsCheckedAgainstFiniteDifferences()
    {
        var good = Gradient.Of(v => Math.Sin(v[0]) * v[1], "x", "y").Claimed(v => [Math.Cos(v[0]) * v[1], Math.Sin(v[0])]);
        Assert.That(good, Verifies.At(("x", 0.7), ("y", 2)));
        Assert.That(good, Verifies.InDomain(6, seed: 3));

        var bad = Gradient.Of(v => Math.Sin(v[0]) * v[1], "x", "y").Claimed(v => [Math.Cos(v[0]), Math.Sin(v[0])]);
        var result = Apply(Verifies.At(("x", 0.7), ("y", 2)), bad);
        var message = Message(result);
        Assert.That(message, Does.Match(@"x\s+\| claimed vs finiteDifference\s+\|"));
        Assert.That(message, Does.Contain("Taylor remainder test of the claimed gradient"));
        Assert.That(result.Result.Results[0].Discrepancies.Single().OddOneOut, Is.EqualTo("claimed"));
    }

    [Test]
    public void DelegatePointsMustNameEveryVariable()
    {
        var result = Apply(Verifies.At(("x", 1)), Gradient.Of(v => v[0] * v[1], "x", "y"));
        Assert.That(Message(result), Does.Contain("the point gives no value for y"));
        var extra = Apply(Verifies.At(1.0, 2.0, 3.0), Gradient.Of(v => v[0] * v[1], "x", "y"));
        Assert.That(Message(extra), Does.Contain("the point has 3 coordinate(s) but the function has 2 variable(s) (x, y)"));
    }
}
