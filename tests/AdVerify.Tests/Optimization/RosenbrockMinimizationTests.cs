using System.Globalization;
using AdVerify.Optimization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using NUnit.Framework;

namespace AdVerify.Tests.Optimization;

/// <summary>
/// Rosenbrock (written once) minimised by MathNet's BFGS, conjugate gradient and Newton with the
/// adapter's exact derivatives, against MathNet's own forward-difference gradient on the same
/// problem. Each test prints its counts as a row of the README table.
/// </summary>
public class RosenbrockMinimizationTests
{
    private const int FiniteDifferenceConjugateGradientCap = 20_000;

    [TestCase(2)]
    [TestCase(10)]
    public void BfgsReachesTheMinimumWithOneTapeRunPerPoint(int n)
    {
        var (ad, adResult) = Run(Objective.Of(new Rosenbrock(), n), new BfgsMinimizer(1e-10, 1e-10, 1e-10, 10_000), n, "compiled (reverse mode as IL)");
        var (fd, fdResult) = Run(Objective.FiniteDifferences(new Rosenbrock(), n), new BfgsMinimizer(1e-10, 1e-10, 1e-10, 10_000), n, "MathNet forward differences");

        Assert.That(Distance(adResult), Is.LessThan(1e-6), "BFGS with the compiled gradient reaches (1, …, 1)");

        // MathNet reads the gradient first at every point, so the adapter never runs the function
        // for a value alone; the finite-difference objective runs it n + 1 times per gradient.
        Assert.That(ad.Evaluations.Values, Is.Zero);
        Assert.That(ad.Evaluations.Gradients, Is.Positive);
        Assert.That(fd.Evaluations.Values, Is.EqualTo((n + 1) * fd.Evaluations.Gradients));
        Assert.That(fd.Evaluations.Values, Is.GreaterThan((n + 1) * ad.Evaluations.Gradients / 2),
            "finite differences cost at least (n + 1)/2 times the function runs (BFGS visits a similar number of points either way)");

        // Forward differences limit how close BFGS gets; exact gradients do not.
        Assert.That(Distance(adResult), Is.LessThan(Distance(fdResult) / 100));
    }

    [TestCase(2)]
    [TestCase(10)]
    public void ConjugateGradientReachesTheMinimumWhereForwardDifferencesStall(int n)
    {
        // Conjugate gradient on Rosenbrock is sensitive to the last bit of the gradient: the iteration count
        // moves by an order of magnitude with rounding changes (4,862 / 81,511 at n = 2 / 10 today), so the cap
        // is generous; the point is that it converges at all, where forward differences stall.
        var (ad, adResult) = Run(Objective.Of(new Rosenbrock(), n), new ConjugateGradientMinimizer(1e-8, 500_000), n, "compiled (reverse mode as IL)");
        Assert.That(Distance(adResult), Is.LessThan(1e-6));
        Assert.That(ad.Evaluations.Values, Is.Zero);

        var fd = Objective.FiniteDifferences(new Rosenbrock(), n);
        var stalled = Assert.Throws<MaximumIterationsException>(() =>
            new ConjugateGradientMinimizer(1e-8, FiniteDifferenceConjugateGradientCap).FindMinimum(fd, Start(n)));
        TestContext.Out.WriteLine(Row(n, "conjugate gradient", "MathNet forward differences",
            $"> {FiniteDifferenceConjugateGradientCap:N0} (stopped)", fd.Evaluations, "not reached"));
        Assert.That(stalled!.Message, Does.Contain(FiniteDifferenceConjugateGradientCap.ToString(CultureInfo.InvariantCulture)));
        Assert.That(fd.Evaluations.Values, Is.EqualTo((n + 1) * fd.Evaluations.Gradients));
    }

    [TestCase(2)]
    [TestCase(10)]
    public void NewtonUsesOneHessianPerIteration(int n)
    {
        var (ad, result) = Run(Objective.Of(new Rosenbrock(), n), new NewtonMinimizer(1e-10, 1000), n, "compiled (forward over reverse IL)");
        Assert.That(Distance(result), Is.LessThan(1e-10));
        Assert.That(ad.Evaluations.Hessians, Is.EqualTo(result.Iterations), "the Hessian is computed once per point although Newton reads it twice");

        // MathNet's finite-difference objective has no Hessian: Newton cannot run on it.
        Assert.Throws<IncompatibleObjectiveException>(() => new NewtonMinimizer(1e-10, 1000).FindMinimum(Objective.FiniteDifferences(new Rosenbrock(), n), Start(n)));
    }

    private static Vector<double> Start(int n) => Vector<double>.Build.DenseOfArray(Rosenbrock.Start(n));

    private static double Distance(MinimizationResult result) => (result.MinimizingPoint - 1).AbsoluteMaximum();

    private static (T Objective, MinimizationResult Result) Run<T>(T objective, IUnconstrainedMinimizer minimizer, int n, string gradient)
        where T : ICountedObjective
    {
        var result = minimizer.FindMinimum(objective, Start(n));
        var name = minimizer switch
        {
            BfgsMinimizer => "BFGS",
            ConjugateGradientMinimizer => "conjugate gradient",
            _ => "Newton",
        };
        TestContext.Out.WriteLine(Row(n, name, gradient, result.Iterations.ToString("N0", CultureInfo.InvariantCulture), objective.Evaluations,
            Distance(result).ToString("G2", CultureInfo.InvariantCulture)));
        return (objective, result);
    }

    private static string Row(int n, string minimizer, string gradient, string iterations, EvaluationCounts counts, string distance) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {n} | {minimizer} | {gradient} | {iterations} | {counts.Values:N0} | {counts.Gradients:N0} | {counts.Hessians:N0} | {distance} |");
}
