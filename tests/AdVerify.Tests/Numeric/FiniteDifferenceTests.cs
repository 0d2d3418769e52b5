using AdVerify.Expressions;
using AdVerify.Numeric;
using NUnit.Framework;

namespace AdVerify.Tests.Numeric;

public class FiniteDifferenceTests
{
    private static IEnumerable<(FunctionInfo F, double[] Point, int Variable)> RegistryWalk() => RegistrySamples.Partials();

    private static double RelativeError(double estimate, double exact) =>
        Math.Abs(estimate - exact) / Math.Max(Math.Abs(exact), 1e-300);

    [Test]
    public void RegistryWalkIsAccurateAndEstimatesBoundTheError()
    {
        var relative = new List<double>();
        var ratios = new List<double>();
        var failures = new List<string>();
        var evaluations = new List<int>();
        foreach (var (f, p, i) in RegistryWalk())
        {
            var exact = ClosedForms.Gradient(f, p)[i];
            var est = FiniteDifference.Partial(a => f.Evaluate(a), p, i, new FiniteDifferenceOptions { Domain = a => f.InDomain(a) });
            var err = Math.Abs(est.Value - exact);
            relative.Add(exact == 0 ? err : RelativeError(est.Value, exact));
            ratios.Add(err / est.ErrorEstimate);
            evaluations.Add(est.Evaluations);
            if (!(err <= est.ErrorEstimate))
            {
                failures.Add($"{f.Name}({string.Join(", ", p)}) d/dx{i}: {est} exact {exact:R} error {err:G3}");
            }
        }

        relative.Sort();
        ratios.Sort();
        var median = relative[relative.Count / 2];
        TestContext.Progress.WriteLine($"FD registry walk: {relative.Count} entries, median rel error {median:G3}, max {relative[^1]:G3}, " +
            $"max error/estimate {ratios[^1]:G3}, median error/estimate {ratios[ratios.Count / 2]:G3}, mean evaluations {evaluations.Average():F0}");
        Assert.That(failures, Is.Empty);
        Assert.That(median, Is.LessThanOrEqualTo(1e-11));
    }
}
