using System.Numerics;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Sparsity;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// The full Hessian of the n = 100 generic Rosenbrock function: forward over reverse (one
/// Hessian-vector product per column), forward over forward (one nested-dual pass per entry
/// of the upper triangle), and sparse (one Hessian-vector product per colour of a star
/// colouring of the detected tridiagonal pattern: 3), with the pattern and colouring prepared
/// once or detected on every call. The Ratio column is the cost relative to one plain evaluation.
/// </summary>
[MemoryDiagnoser]
public class HessianBenchmarks
{
    private const int N = 100;

    private readonly double[] _x = Enumerable.Range(0, N).Select(i => 0.5 + (0.4 * Math.Sin(i))).ToArray();
    private readonly Func<Var<Dual<double>>[], Var<Dual<double>>> _forwardOverReverse = GradientRatioBenchmarks.Rosenbrock;
    private readonly Func<Dual<Dual<double>>[], Dual<Dual<double>>> _forwardOverForward = GradientRatioBenchmarks.Rosenbrock;
    private readonly Func<SparsityTracer[], SparsityTracer> _tracer = GradientRatioBenchmarks.Rosenbrock;
    private SparsityPattern? _pattern;
    private Coloring? _coloring;

    [GlobalSetup]
    public void Setup()
    {
        _pattern = SparsityPattern.Hessian(_tracer, _x);
        _coloring = Coloring.Star(_pattern);
    }

    /// <summary>f(x) on doubles.</summary>
    /// <returns>f(x).</returns>
    [Benchmark(Baseline = true)]
    public double Plain() => GradientRatioBenchmarks.Rosenbrock(_x);

    /// <summary>∇²f(x) by forward over reverse (<see cref="ReverseMode.Hessian"/>).</summary>
    /// <returns>One Hessian entry.</returns>
    [Benchmark]
    public double ReverseHessian() => ReverseMode.Hessian(_forwardOverReverse, _x)[1, 0];

    /// <summary>∇²f(x) from 3 Hessian-vector products (pattern and star colouring prepared once).</summary>
    /// <returns>One Hessian entry.</returns>
    [Benchmark]
    public double SparseHessian() => ReverseMode.SparseHessian(_forwardOverReverse, _x, _pattern!, _coloring!)[1, 0];

    /// <summary>∇²f(x) with the pattern detected and star-coloured on every call.</summary>
    /// <returns>One Hessian entry.</returns>
    [Benchmark]
    public double SparseHessianWithDetection() => ReverseMode.SparseHessian(_forwardOverReverse, _tracer, _x)[1, 0];

    /// <summary>∇²f(x) by forward over forward (<see cref="ForwardMode.Hessian"/>).</summary>
    /// <returns>One Hessian entry.</returns>
    [Benchmark]
    public double ForwardHessian() => ForwardMode.Hessian(_forwardOverForward, _x)[1, 0];
}
