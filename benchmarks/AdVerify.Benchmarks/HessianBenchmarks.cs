using System.Numerics;
using AdVerify.Forward;
using AdVerify.Reverse;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// The full Hessian of the n = 100 generic Rosenbrock function: forward over reverse (one
/// Hessian-vector product per column) and forward over forward (one nested-dual pass per entry
/// of the upper triangle). The Ratio column is the cost relative to one plain evaluation.
/// </summary>
[MemoryDiagnoser]
public class HessianBenchmarks
{
    private const int N = 100;

    private readonly double[] _x = Enumerable.Range(0, N).Select(i => 0.5 + (0.4 * Math.Sin(i))).ToArray();
    private readonly Func<Var<Dual<double>>[], Var<Dual<double>>> _forwardOverReverse = GradientRatioBenchmarks.Rosenbrock;
    private readonly Func<Dual<Dual<double>>[], Dual<Dual<double>>> _forwardOverForward = GradientRatioBenchmarks.Rosenbrock;

    /// <summary>f(x) on doubles.</summary>
    /// <returns>f(x).</returns>
    [Benchmark(Baseline = true)]
    public double Plain() => GradientRatioBenchmarks.Rosenbrock(_x);

    /// <summary>∇²f(x) by forward over reverse (<see cref="ReverseMode.Hessian"/>).</summary>
    /// <returns>One Hessian entry.</returns>
    [Benchmark]
    public double ReverseHessian() => ReverseMode.Hessian(_forwardOverReverse, _x)[1, 0];

    /// <summary>∇²f(x) by forward over forward (<see cref="ForwardMode.Hessian"/>).</summary>
    /// <returns>One Hessian entry.</returns>
    [Benchmark]
    public double ForwardHessian() => ForwardMode.Hessian(_forwardOverForward, _x)[1, 0];
}
