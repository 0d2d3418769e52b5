using System.Globalization;
using System.Numerics;
using System.Text;
using AdVerify.Definitions;
using AdVerify.Optimization;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Optimization;
using LinearAlgebra = MathNet.Numerics.LinearAlgebra;

namespace AdVerify.Benchmarks;

/// <summary>
/// One BFGS run (MathNet.Numerics) on Rosenbrock, n = 100, from (−1.2, 1, −1.2, 1, …): with the
/// adapter's gradient (<see cref="Objective.Of{TFunction}(TFunction, int)"/>: compiled IL, built once
/// outside the timed runs; <c>--compile-times</c> reports build times) and with
/// MathNet's own forward-difference gradient on the same definition. The baseline is one plain
/// evaluation of the same function on doubles; one gradient of each kind is timed too.
/// <c>-- --optimize-counts</c> prints the evaluation counts of these runs (and of conjugate
/// gradient, Newton and L-BFGS at n = 2, 10, 100).
/// </summary>
[MemoryDiagnoser]
public class OptimizationBenchmarks
{
    private const int N = 100;

    private readonly double[] _start = Start(N);
    private readonly LinearAlgebra.Vector<double> _startVector = LinearAlgebra.Vector<double>.Build.DenseOfArray(Start(N));
    private readonly DefinitionObjective _gradientObjective = Objective.Of(new Rosenbrock(), N);
    private readonly DefinitionObjective _runObjective = Objective.Of(new Rosenbrock(), N);
    private readonly ICountedObjective _differenceObjective = Objective.FiniteDifferences(new Rosenbrock(), N);

    /// <summary>f(x) on doubles.</summary>
    /// <returns>f(x).</returns>
    [Benchmark(Baseline = true)]
    public double Plain() => new Rosenbrock().Invoke<double>(_start);

    /// <summary>One value and gradient through the adapter (compiled reverse mode).</summary>
    /// <returns>One gradient entry.</returns>
    [Benchmark]
    public double AdGradient()
    {
        _gradientObjective.EvaluateAt(_startVector);
        return _gradientObjective.Gradient[0];
    }

    /// <summary>One value and gradient through MathNet's forward differences (n + 1 evaluations).</summary>
    /// <returns>One gradient entry.</returns>
    [Benchmark]
    public double FiniteDifferenceGradient()
    {
        _differenceObjective.EvaluateAt(_startVector);
        return _differenceObjective.Gradient[0];
    }

    /// <summary>A whole BFGS run with the adapter's gradient (the objective built once, outside the timing).</summary>
    /// <returns>The minimum value.</returns>
    [Benchmark]
    public double BfgsAd() => Bfgs().FindMinimum(_runObjective, _startVector).FunctionInfoAtMinimum.Value;

    /// <summary>A whole BFGS run with MathNet's forward-difference gradient.</summary>
    /// <returns>The minimum value.</returns>
    [Benchmark]
    public double BfgsFiniteDifferences() => Bfgs().FindMinimum(Objective.FiniteDifferences(new Rosenbrock(), N), _startVector).FunctionInfoAtMinimum.Value;

    /// <summary>
    /// The counts table: iterations, function and gradient evaluations and the distance to (1, …, 1),
    /// per minimiser and gradient (no times: those come from the benchmarks above).
    /// </summary>
    /// <returns>A Markdown table.</returns>
    public static string CountsTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| n | minimiser | gradient | iterations | function evaluations | gradients | Hessians | distance to (1, …, 1) |");
        sb.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|");
        foreach (var n in new[] { 2, 10, 100 })
        {
            var start = LinearAlgebra.Vector<double>.Build.DenseOfArray(Start(n));
            var runs = new (string Name, Func<IUnconstrainedMinimizer> Make, bool Differences)[]
            {
                ("BFGS", Bfgs, false), ("BFGS", Bfgs, true),
                ("conjugate gradient", () => new ConjugateGradientMinimizer(1e-8, 50_000), false),
                ("conjugate gradient", () => new ConjugateGradientMinimizer(1e-8, 50_000), true),
                ("Newton", () => new NewtonMinimizer(1e-10, 1000), false),
                ("L-BFGS (memory 5)", () => new LimitedMemoryBfgsMinimizer(1e-10, 1e-10, 1e-10, 5, 10_000), false),
                ("L-BFGS (memory 5)", () => new LimitedMemoryBfgsMinimizer(1e-10, 1e-10, 1e-10, 5, 10_000), true),
            };
            foreach (var (name, make, differences) in runs)
            {
                ICountedObjective objective = differences ? Objective.FiniteDifferences(new Rosenbrock(), n) : Objective.Of(new Rosenbrock(), n);
                string iterations, distance;
                try
                {
                    var result = make().FindMinimum(objective, start);
                    iterations = result.Iterations.ToString("N0", CultureInfo.InvariantCulture);
                    distance = (result.MinimizingPoint - 1).AbsoluteMaximum().ToString("G2", CultureInfo.InvariantCulture);
                }
                catch (OptimizationException e)
                {
                    iterations = "stopped: " + e.Message.TrimEnd('.');
                    distance = "not reached";
                }

                var counts = objective.Evaluations;
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {n} | {name} | {(differences ? "MathNet forward differences" : "compiled AD")} | {iterations} | {counts.Values:N0} | {counts.Gradients:N0} | {counts.Hessians:N0} | {distance} |"));
            }
        }

        return sb.ToString();
    }

    private static BfgsMinimizer Bfgs() => new(1e-10, 1e-10, 1e-10, 10_000);

    private static double[] Start(int n) => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
}
