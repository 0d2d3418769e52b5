using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Optimization;
using AdVerify.Reverse;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;
using NUnit.Framework;

namespace AdVerify.Tests.Optimization;

/// <summary>The adapter from a definition to MathNet's objective-function interface: lazy, counted, exact.</summary>
public class ObjectiveTests
{
    private static readonly double[] At = [-1.2, 1.0, 0.5];

    [Variables("a", "b")]
    private readonly struct Named : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => (x[0] * x[0]) + T.Exp(x[1]);
    }

    [Test]
    public void AValueAloneRunsThePlainFunctionOnce()
    {
        var objective = Objective.Of(new Rosenbrock(), 3);
        objective.EvaluateAt(DenseVector.OfArray(At));
        Assert.That(objective.Value, Is.EqualTo(new Rosenbrock().Invoke<double>(At)));
        Assert.That(objective.Value, Is.EqualTo(new Rosenbrock().Invoke<double>(At)));
        Assert.That((objective.Evaluations.Values, objective.Evaluations.Gradients, objective.Evaluations.Hessians), Is.EqualTo((1, 0, 0)));
    }

    [Test]
    public void TheGradientIsCompiledWithItsValue()
    {
        var objective = Objective.Of(new Rosenbrock(), 3);
        objective.EvaluateAt(DenseVector.OfArray(At));
        var (value, gradient) = ReverseMode.Gradient(new Rosenbrock(), At);
        Assert.That(objective.Gradient.ToArray(), Is.EqualTo(gradient).Within(1e-13 * 300));
        Assert.That(objective.Gradient.ToArray(), Is.EqualTo(Rosenbrock.Gradient(At)).Within(1e-12));
        Assert.That(objective.Value, Is.EqualTo(value), "the compiled value is the plain function's, bit for bit");
        Assert.That((objective.Evaluations.Values, objective.Evaluations.Gradients), Is.EqualTo((0, 1)), "the value came with the gradient");
        Assert.That(objective.GradientSource, Does.StartWith("compiled IL"));
    }

    /// <summary>A value-dependent branch: it cannot be traced once for every point.</summary>
    private readonly struct Huber : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var sum = T.Zero;
            foreach (var xi in x)
            {
                sum += T.Abs(xi) < T.One ? xi * xi / (T.One + T.One) : T.Abs(xi) - (T.One / (T.One + T.One));
            }

            return sum;
        }
    }

    [Test]
    public void CodeThatBranchesOnAValueRunsOnTheTapeAndSaysWhy()
    {
        var objective = Objective.Of(new Huber(), 2);
        objective.EvaluateAt(DenseVector.OfArray([0.5, -3.0]));
        Assert.That(objective.Gradient.ToArray(), Is.EqualTo(new[] { 0.5, -1.0 }));
        Assert.That(objective.GradientSource, Does.StartWith("reverse mode on the tape: the function cannot be traced once for all points").And.Contain("comparison <"));
        var result = objective.VerifyThenMinimize(new BfgsMinimizer(1e-10, 1e-10, 1e-10), [0.5, -3.0]);
        Assert.That(result.MinimizingPoint.AbsoluteMaximum(), Is.LessThan(1e-6));
    }

    [Test]
    public void TheHessianIsForwardOverReverseAndComputedOncePerPoint()
    {
        var objective = Objective.Of(new Rosenbrock(), 3);
        objective.EvaluateAt(DenseVector.OfArray(At));
        Assert.That(objective.IsHessianSupported, Is.True);
        Assert.That(objective.Hessian.ToArray(), Is.EqualTo(ReverseMode.Hessian(new Rosenbrock(), At)));
        Assert.That(objective.Hessian[0, 0], Is.EqualTo(2 - (400 * (At[1] - (3 * At[0] * At[0])))).Within(1e-12));
        Assert.That(objective.Hessian[0, 1], Is.EqualTo(-400 * At[0]).Within(1e-12));
        Assert.That(objective.Evaluations.Hessians, Is.EqualTo(1));
    }

    [Test]
    public void CopiesShareTheCountsAndForkKeepsWhatIsComputed()
    {
        var objective = Objective.Of(new Rosenbrock(), 3);
        objective.EvaluateAt(DenseVector.OfArray(At));
        var gradient = objective.Gradient;

        var fork = (DefinitionObjective)objective.Fork();
        Assert.That(fork.Gradient, Is.EqualTo(gradient));
        Assert.That(fork.Gradient, Is.Not.SameAs(gradient));
        Assert.That(fork.Value, Is.EqualTo(objective.Value));

        var fresh = (DefinitionObjective)objective.CreateNew();
        fresh.EvaluateAt(DenseVector.Create(3, 1.0));
        Assert.That(fresh.Gradient.AbsoluteMaximum(), Is.Zero);
        Assert.That(fresh.Evaluations, Is.SameAs(objective.Evaluations));
        Assert.That(objective.Evaluations.Gradients, Is.EqualTo(2), "one gradient at each point, none for the fork");

        objective.Evaluations.Reset();
        Assert.That(objective.Evaluations.ToString(), Is.EqualTo("0 value(s), 0 gradient(s), 0 Hessian(s)"));
    }

    [Test]
    public void ThePointIsCopiedSoLaterChangesToTheVectorDoNotMatter()
    {
        var objective = Objective.Of(new Rosenbrock(), 3);
        var point = DenseVector.OfArray(At);
        objective.EvaluateAt(point);
        point[0] = 7;
        Assert.That(objective.Gradient.ToArray(), Is.EqualTo(Rosenbrock.Gradient(At)).Within(1e-12));
    }

    [Test]
    public void BadUseGetsMessagesNamingTheFunction()
    {
        var objective = Objective.Of(new Named(), 2);
        var early = Assert.Throws<InvalidOperationException>(() => _ = objective.Gradient);
        Assert.That(early!.Message, Is.EqualTo("the objective ObjectiveTests.Named has not been evaluated yet: call EvaluateAt(point) first"));

        var wrong = Assert.Throws<ArgumentException>(() => objective.EvaluateAt(new DenseVector(3)));
        Assert.That(wrong!.Message, Does.StartWith("the point has 3 coordinate(s) but ObjectiveTests.Named has 2 variable(s) (a, b)"));

        var start = Assert.Throws<ArgumentException>(() => objective.Verify([1.0]));
        Assert.That(start!.Message, Does.StartWith("the starting point has 1 coordinate(s) but ObjectiveTests.Named has 2 variable(s) (a, b)"));

        var none = Assert.Throws<ArgumentOutOfRangeException>(() => Objective.Of(new Rosenbrock(), 0));
        Assert.That(none!.Message, Does.StartWith("an objective needs at least one coordinate"));

        var badGradient = Objective.Of(new Named(), 2, _ => [1.0]);
        badGradient.EvaluateAt(new DenseVector(2));
        var length = Assert.Throws<InvalidOperationException>(() => _ = badGradient.Gradient);
        Assert.That(length!.Message, Is.EqualTo("the gradient function of ObjectiveTests.Named returned 1 entries but the function has 2 variable(s) (a, b)"));
    }

    [Test]
    public void AnOpaqueFunctionNeedsAGradientAndHasNoHessian()
    {
        Func<double[], double> bowl = p => ((p[0] - 3) * (p[0] - 3)) + (2 * (p[1] + 1) * (p[1] + 1));
        var definition = Definition.Opaque(bowl, "u", "v");
        var refused = Assert.Throws<ArgumentException>(() => Objective.Of(definition));
        Assert.That(refused!.Message, Does.Contain("is opaque (only its values are known)").And.Contain("Objective.Of(definition, gradient)"));

        var objective = Objective.Of(definition, p => [2 * (p[0] - 3), 4 * (p[1] + 1)]);
        Assert.That(objective.IsHessianSupported, Is.False);
        var result = objective.VerifyThenMinimize(new BfgsMinimizer(1e-10, 1e-10, 1e-10), [0.0, 0.0]);
        Assert.That(result.MinimizingPoint.ToArray(), Is.EqualTo(new[] { 3.0, -1.0 }).Within(1e-8));
        var hessian = Assert.Throws<NotSupportedException>(() => _ = objective.Hessian);
        Assert.That(hessian!.Message, Does.Contain("has no Hessian"));
    }

    [Test]
    public void AParsedExpressionIsMinimisedToo()
    {
        var objective = Objective.Of(Definition.Parse("(1 - x)^2 + 100*(y - x^2)^2"));
        var result = objective.VerifyThenMinimize(new BfgsMinimizer(1e-10, 1e-10, 1e-10), [-1.2, 1.0]);
        Assert.That(result.MinimizingPoint.ToArray(), Is.EqualTo(new[] { 1.0, 1.0 }).Within(1e-8));
        Assert.That(objective.Dimension, Is.EqualTo(2));
    }
}
