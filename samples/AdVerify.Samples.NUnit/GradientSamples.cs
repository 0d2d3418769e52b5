using AdVerify.Expressions;
using AdVerify.NUnit;
using FsCheck;
using NUnit.Framework;
using Is = AdVerify.NUnit.Syntax.Is;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace AdVerify.Samples.NUnit;

public class GradientSamples
{
    // ---- expressions --------------------------------------------------------------------------

    [Test]
    public void ClaimedGradientOfAnExpression() =>
        Assert.That(Gradient.Of("log(x*y) + sin(z)").Claimed("x=1/x; y=1/y; z=cos(z)"),
            Is.VerifiedAt(("x", 2), ("y", 3), ("z", 1)));

    [Test]
    public void EnginesAgreeOnAnExpressionInItsDomain() =>
        Assert.That(Gradient.Of("sqrt(x) * atan2(y, x)"), Verifies.InDomain(count: 8, seed: 1));

    // ---- C# code ------------------------------------------------------------------------------

    [Test]
    public void BlackScholesDeltaAndVega() =>
        Assert.That(Gradient.Of(new BlackScholes()).Claimed(BlackScholes.Greeks),
            Is.VerifiedAtPoints(
                new Dictionary<string, double> { ["spot"] = 100, ["vol"] = 0.2 },
                new Dictionary<string, double> { ["spot"] = 80, ["vol"] = 0.35 }));

    [Test]
    public void LogisticLossGradientAgainstEveryEngine() =>
        Assert.That(Gradient.Of(new LogisticLoss()).Claimed(LogisticLoss.Gradient), Is.VerifiedInDomain(count: 10, seed: 42));

    // ---- properties ---------------------------------------------------------------------------

    [Property(Arbitrary = [typeof(AdVerifyArbitraries)], MaxTest = 50, Replay = "(1,1)")]
    public Property RandomExpressionsVerify(Expr e) => e.VerifiesEverywhere();

    // ---- failing on purpose: dotnet test samples/AdVerify.Samples.NUnit --filter TestCategory=Demo ----

    [Test, Explicit("fails on purpose to show the message"), Category("Demo")]
    public void Demo_BlackScholesDeltaWrittenAsNd2() =>
        Assert.That(Gradient.Of(new BlackScholes()).Claimed(BlackScholes.GreeksWithWrongDelta),
            Is.VerifiedAt(("spot", 100), ("vol", 0.2)));

    [Test, Explicit("fails on purpose to show the message"), Category("Demo")]
    public void Demo_LogisticLossWithASignSlip() =>
        Assert.That(Gradient.Of(new LogisticLoss()).Claimed(LogisticLoss.GradientWithSignSlip), Is.VerifiedAt(("w", 0.3), ("b", -0.2)));

    [Test, Explicit("fails on purpose to show the message"), Category("Demo")]
    public void Demo_ExpressionWithAWrongPartial() =>
        Assert.That(Gradient.Of("log(x*y) + sin(z)").Claimed("x=1/x; y=1/y; z=-cos(z)"),
            Is.VerifiedAt(("x", 2), ("y", 3), ("z", 1)));
}
