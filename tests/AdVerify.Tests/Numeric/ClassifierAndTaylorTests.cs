using AdVerify.Numeric;
using NUnit.Framework;

namespace AdVerify.Tests.Numeric;

public class ClassifierAndTaylorTests
{
    [Test]
    public void AbsAtZeroIsAKink()
    {
        var c = SmoothnessClassifier.Classify(Math.Abs, 0);
        Assert.That(c.Kind, Is.EqualTo(SmoothnessKind.Kink));
        Assert.That(c.Left, Is.EqualTo(-1).Within(1e-12));
        Assert.That(c.Right, Is.EqualTo(1).Within(1e-12));
        Assert.That(c.Message, Is.EqualTo("kink at x = 0: left slope -1, right slope 1"));
    }

    [Test]
    public void MaxOnTheDiagonalIsAKink()
    {
        var c = SmoothnessClassifier.Classify(p => Math.Max(p[0], p[1]), [1.5, 1.5], 0, name: "x");
        Assert.That(c.Kind, Is.EqualTo(SmoothnessKind.Kink));
        Assert.That(c.Left, Is.EqualTo(0).Within(1e-12));
        Assert.That(c.Right, Is.EqualTo(1).Within(1e-12));
        Assert.That(c.Message, Is.EqualTo("kink at x = 1.5: left slope 0, right slope 1"));
    }

    [Test]
    public void RootsAtZeroHaveInfiniteSlope()
    {
        var sqrt = SmoothnessClassifier.Classify(Math.Sqrt, 0);
        Assert.That(sqrt.Kind, Is.EqualTo(SmoothnessKind.InfiniteSlope));
        Assert.That(sqrt.Right, Is.EqualTo(double.PositiveInfinity));
        Assert.That(sqrt.Message, Does.Contain("h^-0.5").And.Contain("undefined to the left"));

        var withDomain = SmoothnessClassifier.Classify(Math.Sqrt, 0, new FiniteDifferenceOptions { Domain = p => p[0] >= 0 });
        Assert.That(withDomain.Kind, Is.EqualTo(SmoothnessKind.InfiniteSlope));

        var cbrt = SmoothnessClassifier.Classify(Math.Cbrt, 0);
        Assert.That(cbrt.Kind, Is.EqualTo(SmoothnessKind.InfiniteSlope));
        Assert.That(cbrt.Left, Is.EqualTo(double.PositiveInfinity));
        Assert.That(cbrt.Right, Is.EqualTo(double.PositiveInfinity));
        Assert.That(cbrt.Message, Does.Contain("h^-0.67"));

        Assert.That(SmoothnessClassifier.Classify(Math.Acos, 1).Kind, Is.EqualTo(SmoothnessKind.InfiniteSlope));
    }

    [Test]
    public void SignAtZeroIsAJump()
    {
        var c = SmoothnessClassifier.Classify(t => Math.Sign(t), 0);
        Assert.That(c.Kind, Is.EqualTo(SmoothnessKind.Jump));
        Assert.That(c.Message, Is.EqualTo("jump at x = 0: left limit -1, value 0, right limit 1"));
    }

    [Test]
    public void SmoothFunctionsBuiltFromKinksAreDifferentiable()
    {
        var cube = SmoothnessClassifier.Classify(t => Math.Pow(Math.Abs(t), 3), 0);
        Assert.That(cube.Kind, Is.EqualTo(SmoothnessKind.Differentiable), cube.Message);
        var signed = SmoothnessClassifier.Classify(t => t * Math.Abs(t), 0);
        Assert.That(signed.Kind, Is.EqualTo(SmoothnessKind.Differentiable), signed.Message);
        Assert.That(signed.Left, Is.EqualTo(0).Within(1e-12));
        Assert.That(SmoothnessClassifier.Classify(Math.Sin, 1).Kind, Is.EqualTo(SmoothnessKind.Differentiable));
        Assert.That(SmoothnessClassifier.Classify(Math.Abs, 1e-3).Kind, Is.EqualTo(SmoothnessKind.Differentiable));
    }

    [Test]
    public void RegistrySmoothFunctionsAreDifferentiableAtTheirSamplePoints()
    {
        foreach (var f in AdVerify.Expressions.Functions.BuiltIn)
        {
            foreach (var p in f.SamplePoints)
            {
                foreach (var i in RegistrySamples.Differentiable(f, p))
                {
                    var c = SmoothnessClassifier.Classify(a => f.Evaluate(a), p, i, new FiniteDifferenceOptions { Domain = a => f.InDomain(a) });
                    Assert.That(c.Kind, Is.EqualTo(SmoothnessKind.Differentiable), $"{f.Name}({string.Join(", ", p)}): {c.Message}");
                }
            }
        }
    }

    [Test]
    public void UndefinedPointsAndDomainEdges()
    {
        Assert.That(SmoothnessClassifier.Classify(Math.Log, 0).Kind, Is.EqualTo(SmoothnessKind.Undefined));
        var edge = SmoothnessClassifier.Classify(t => Math.Pow(t, 1.5), 0, new FiniteDifferenceOptions { Domain = p => p[0] >= 0 });
        Assert.That(edge.Kind, Is.EqualTo(SmoothnessKind.DomainEdge), edge.Message);
        // x^1.5 has a fractional-power expansion at 0, outside Richardson's model: the value is
        // right to a few digits, but the estimate is not guaranteed to bound its error there.
        Assert.That(edge.Right, Is.EqualTo(0).Within(1e-2));
        Assert.That(edge.Message, Does.StartWith("domain edge at x = 0: undefined to the left, right slope"));
    }

    [Test]
    public void OneSidedDerivativesOfAbs()
    {
        Assert.That(OneSided.Left(Math.Abs, 0).Value, Is.EqualTo(-1).Within(1e-13));
        Assert.That(OneSided.Right(Math.Abs, 0).Value, Is.EqualTo(1).Within(1e-13));
        var right = OneSided.Right(t => Math.Exp(t) * Math.Abs(t), 0);
        Assert.That(right.Covers(1), Is.True, right.ToString());
    }

    private static double Seed(double[] p) => Math.Log(p[0] * p[1]) + Math.Sin(p[2]);

    [Test]
    public void TaylorTestSeparatesOrderTwoFromOrderOne()
    {
        double[] x = [2, 3, 1];
        double[] correct = [0.5, 1.0 / 3, Math.Cos(1)];
        var good = TaylorRemainder.Test(Seed, x, correct);
        Assert.That(good.Verdict, Is.EqualTo(TaylorVerdict.Consistent), good.Message);
        Assert.That(good.Order, Is.EqualTo(2).Within(0.1));

        double[] wrong = [0.5, 1.0 / 3 + 1e-3, Math.Cos(1)];
        var bad = TaylorRemainder.Test(Seed, x, wrong);
        Assert.That(bad.Verdict, Is.EqualTo(TaylorVerdict.Inconsistent), bad.Message);
        Assert.That(bad.Order, Is.EqualTo(1).Within(0.1));

        double[] slightlyWrong = [0.5 * (1 + 1e-5), 1.0 / 3, Math.Cos(1)];
        var slight = TaylorRemainder.Test(Seed, x, slightlyWrong);
        Assert.That(slight.Verdict, Is.EqualTo(TaylorVerdict.Inconsistent), slight.Message);
        TestContext.Progress.WriteLine($"Taylor: correct {good.Message}; +1e-3 {bad.Message}; rel 1e-5 {slight.Message}");
    }

    [Test]
    public void TaylorTestOfALinearFunctionIsConsistentAtRoundingLevel()
    {
        var r = TaylorRemainder.Test(p => (3 * p[0]) - p[1], [1.0, 2.0], [3.0, -1.0]);
        Assert.That(r.Verdict, Is.EqualTo(TaylorVerdict.Consistent), r.Message);
    }
}
