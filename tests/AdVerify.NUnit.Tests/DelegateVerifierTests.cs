using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.NUnit.Tests;

public class DelegateVerifierTests
{
    private static readonly DifferentiableFunction Logistic = DifferentiableFunction.Generic(
        v => Functions.Logistic(v[0], v[1], Functions.X, Functions.Y),
        v => Functions.Logistic(v[0], v[1], Functions.X, Functions.Y),
        v => Functions.Logistic(v[0], v[1], Functions.X, Functions.Y),
        "w", "b");

    [Test]
    public void EnginesAndFiniteDifferencesAgreeWithoutAClaim()
    {
        var r = DelegateVerifier.VerifyAt(Logistic, null, [0.3, -0.2]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Gradient.Keys, Is.EquivalentTo(new[] { Sources.Forward, Sources.Reverse, Sources.FiniteDifference }));
        Assert.That(r.Gradient[Sources.Forward]["w"], Is.EqualTo(Functions.LogisticGradient(0.3, -0.2, Functions.X, Functions.Y)[0]).Within(1e-14));
        Assert.That(r.FiniteDifferenceError["b"], Is.GreaterThan(0).And.LessThan(1e-8));
    }

    [Test]
    public void GeneratedPointsAreRepeatableAndInTheDomain()
    {
        var f = DifferentiableFunction.Opaque(v => Math.Log(v[0]) + Math.Sqrt(v[1]), "x", "y");
        var a = DelegateVerifier.VerifyGenerated("f", f, v => [1 / v[0], 0.5 / Math.Sqrt(v[1])], count: 5, seed: 4);
        var b = DelegateVerifier.VerifyGenerated("f", f, v => [1 / v[0], 0.5 / Math.Sqrt(v[1])], count: 5, seed: 4);
        Assert.That(a.Results.Select(r => r.Point["x"]), Is.EqualTo(b.Results.Select(r => r.Point["x"])));
        Assert.That(a.Results, Has.Count.EqualTo(5));
        Assert.That(a.Results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Consistent));
        Assert.That(a.Results.Select(r => r.Point["x"]), Is.All.GreaterThan(0));
    }

    [Test]
    public void UndefinedKinkAndUserErrorsGetTheirVerdicts()
    {
        var log = DifferentiableFunction.Opaque(v => Math.Log(v[0]), "x");
        Assert.That(DelegateVerifier.VerifyAt(log, null, [-1]).Verdict, Is.EqualTo(Verdict.Undefined));

        var abs = DifferentiableFunction.Generic(v => Math.Abs(v[0]), v => Dual<double>.Abs(v[0]), v => Var<double>.Abs(v[0]), "x");
        var kink = DelegateVerifier.VerifyAt(abs, v => [1], [0]);
        Assert.That(kink.Verdict, Is.EqualTo(Verdict.Nondifferentiable), kink.Message);
        Assert.That(kink.Message, Does.Contain("kink"));

        var throws = DifferentiableFunction.Opaque(_ => throw new InvalidOperationException("boom"), "x");
        Assert.That(DelegateVerifier.VerifyAt(throws, null, [1]).Message, Does.Contain("InvalidOperationException: boom"));

        var wrongLength = DelegateVerifier.VerifyAt(log, v => [1, 2], [2]);
        Assert.That(wrongLength.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(wrongLength.Message, Does.Contain("the claimed gradient has 2 entries"));

        var mismatched = DifferentiableFunction.Generic(v => v[0] * v[0], v => v[0] * v[0] * v[0], v => v[0] * v[0], "x");
        Assert.That(DelegateVerifier.VerifyAt(mismatched, null, [2]).Message, Does.Contain("not the same function"));

        Assert.That(() => DifferentiableFunction.Opaque(v => v[0], "x", "x"), Throws.ArgumentException);
    }

    [Test]
    public void WrongForwardRuleIsCaughtByReverseAndFiniteDifferences()
    {
        // a "forward" function that is the same primal but a different derivative: x*x vs x*2 at x = 2 (both 4)
        var f = DifferentiableFunction.Generic(v => v[0] * v[0], v => v[0] * 2, v => v[0] * v[0], "x");
        var r = DelegateVerifier.VerifyAt(f, null, [2]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy));
        Assert.That(r.Discrepancies.Single().OddOneOut, Is.EqualTo(Sources.Forward));
    }
}
