using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Optimization;
using AdVerify.Verification;
using MathNet.Numerics.Optimization;
using NUnit.Framework;

namespace AdVerify.Tests.Optimization;

/// <summary>Verify first, then minimise: a wrong gradient never reaches the optimiser.</summary>
public class VerifyFirstTests
{
    private readonly struct LogBarrier : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => (x[0] * x[0]) - T.Log(x[0]);
    }

    [Test]
    public void TheCompiledGradientIsVerifiedAsAClaimAtTheStartAndAtGeneratedPoints()
    {
        var objective = Objective.Of(new Rosenbrock(), 4);
        var result = objective.Verify(Rosenbrock.Start(4), generatedPoints: 3, seed: 7);
        Assert.That(result.Results, Has.Count.EqualTo(4));
        Assert.That(result.Results[0].Point.Values, Is.EqualTo(Rosenbrock.Start(4)));
        Assert.That(result.Results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Consistent), string.Join("; ", result.Results.Select(r => r.Message)));
        Assert.That(result.Results[0].Gradient.Keys, Does.Contain(Sources.Reverse).And.Contain(Sources.Symbolic).And.Contain(Sources.Claimed), "the compiled gradient is checked by every engine");
        Assert.That(objective.Evaluations.Gradients, Is.Zero, "verification is not counted as the optimiser's work");
    }

    [Test]
    public void ARightHandWrittenGradientIsVerifiedThenUsed()
    {
        var objective = Objective.Of(new Rosenbrock(), 2, x => Rosenbrock.Gradient(x));
        var result = objective.VerifyThenMinimize(new BfgsMinimizer(1e-10, 1e-10, 1e-10), Rosenbrock.Start(2));
        Assert.That((result.MinimizingPoint - 1).AbsoluteMaximum(), Is.LessThan(1e-6));
        Assert.That(objective.Evaluations.Gradients, Is.Positive);
        Assert.That(objective.GradientSource, Does.StartWith("your gradient function"));
        Assert.That(objective.Verify(Rosenbrock.Start(2)).Results[0].Gradient.Keys, Does.Contain(Sources.Claimed));
    }

    [Test]
    public void AWrongHandWrittenGradientStopsTheRunWithTheVerifiersMessage()
    {
        // A slip in ∂/∂x1: 20·(x1 − x0²) instead of 200·(x1 − x0²).
        var objective = Objective.Of(new Rosenbrock(), 2, x => Rosenbrock.Gradient(x, slip: 0.1));
        var e = Assert.Throws<ObjectiveVerificationException>(() =>
            objective.VerifyThenMinimize(new BfgsMinimizer(1e-10, 1e-10, 1e-10), Rosenbrock.Start(2)));
        TestContext.Out.WriteLine(e!.Message);

        Assert.That(e.Message, Does.StartWith("The derivatives of Rosenbrock (gradient by your gradient function) are not verified"));
        Assert.That(e.Message, Does.Contain("are not verified at 4 of 4 point(s) (4 discrepancy; the starting point among them)").And.Contain("so the optimiser was not run"));
        Assert.That(e.Message, Does.Contain("At x0=-1.2, x1=1: discrepancy"));
        Assert.That(e.Message.Split("discrepancy (f =").Length - 1, Is.EqualTo(2), "the details of two points are shown");
        Assert.That(e.Message, Does.EndWith("(2 more failing point(s) are in the exception's Result)"));
        Assert.That(e.Message, Does.Match(@"x1\s+\|\s+claimed vs \w+ .*\|\s+claimed"), "the table names x1 and the claim as the odd one out");
        Assert.That(e.Result!.Results[0].Discrepancies.Select(d => d.Variable), Is.EquivalentTo(new[] { "x1" }));
        Assert.That((objective.Evaluations.Values, objective.Evaluations.Gradients), Is.EqualTo((0, 0)), "the minimiser never ran");
    }

    [Test]
    public void AStartOutsideTheDomainStopsTheRun()
    {
        var objective = Objective.Of(new LogBarrier(), 1);
        var e = Assert.Throws<ObjectiveVerificationException>(() => objective.VerifyThenMinimize(new BfgsMinimizer(1e-10, 1e-10, 1e-10), [-1.0], generatedPoints: 0));
        Assert.That(e!.Result!.Results.Single().Verdict, Is.EqualTo(Verdict.Undefined));
        Assert.That(e.Message, Does.Contain("1 undefined").And.Contain("At x0=-1: undefined"));

        var fine = objective.VerifyThenMinimize(new BfgsMinimizer(1e-10, 1e-10, 1e-10), [2.0], generatedPoints: 0);
        Assert.That(fine.MinimizingPoint[0], Is.EqualTo(Math.Sqrt(0.5)).Within(1e-8));
    }

    [Test]
    public void NewtonHasItsSecondDerivativesVerifiedToo()
    {
        var objective = Objective.Of(new Rosenbrock(), 2);
        var checkedFirst = objective.VerifyOrThrow(Rosenbrock.Start(2), generatedPoints: 1, hessian: true);
        Assert.That(checkedFirst.Results.Select(r => r.Hessian), Is.All.Not.Null);
        var result = objective.VerifyThenMinimize(new NewtonMinimizer(1e-10, 100), Rosenbrock.Start(2), generatedPoints: 1);
        Assert.That((result.MinimizingPoint - 1).AbsoluteMaximum(), Is.LessThan(1e-10));
    }
}
