using System.Numerics;
using AdVerify.Forward;
using AdVerify.Reverse;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// The cheap-gradient measurements: the same generic Rosenbrock function evaluated on plain
/// doubles (the baseline), differentiated by reverse mode (gradient), forward mode (a
/// Jacobian-vector product, i.e. one directional derivative) and forward over reverse
/// (a Hessian-vector product). The Ratio column is the cost relative to plain evaluation.
/// </summary>
[MemoryDiagnoser]
public class GradientRatioBenchmarks
{
    private double[] _x = [];
    private double[] _v = [];
    private double[] _gradient = [];
    private double[] _hv = [];
    private Dual<double>[] _duals = [];
    private readonly Func<Var<double>[], Var<double>> _reverse = Rosenbrock;
    private readonly Func<Var<Dual<double>>[], Var<Dual<double>>> _forwardOverReverse = Rosenbrock;

    /// <summary>The dimension n.</summary>
    [Params(10, 1_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = Enumerable.Range(0, N).Select(i => 0.5 + (0.4 * Math.Sin(i))).ToArray();
        _v = Enumerable.Range(0, N).Select(i => Math.Cos(i)).ToArray();
        _gradient = new double[N];
        _hv = new double[N];
        _duals = new Dual<double>[N];
    }

    public static T Rosenbrock<T>(T[] x)
        where T : INumberBase<T>
    {
        var hundred = T.CreateTruncating(100.0);
        var sum = T.Zero;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var a = x[i + 1] - (x[i] * x[i]);
            var b = T.One - x[i];
            sum += (hundred * a * a) + (b * b);
        }

        return sum;
    }

    /// <summary>f(x) on doubles.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => Rosenbrock(_x);

    /// <summary>f(x) and ∇f(x) by one recording and one backward sweep (warm tape, allocation-free overload).</summary>
    [Benchmark]
    public double ReverseGradient() => ReverseMode.Gradient(_reverse, _x, _gradient);

    /// <summary>f(x) and ∇f(x)·v in one forward pass with Dual&lt;double&gt;.</summary>
    [Benchmark]
    public double ForwardJvp()
    {
        for (var i = 0; i < _duals.Length; i++)
        {
            _duals[i] = new Dual<double>(_x[i], _v[i]);
        }

        return Rosenbrock(_duals).Tangent;
    }

    /// <summary>∇²f(x)·v by forward over reverse.</summary>
    [Benchmark]
    public double HessianVectorProduct() => ReverseMode.HessianVectorProduct(_forwardOverReverse, _x, _v)[0];

    /// <summary>∇²f(x)·v by forward over reverse into a reused buffer (allocation-free overload).</summary>
    [Benchmark]
    public double HessianVectorProductInto() => ReverseMode.HessianVectorProduct(_forwardOverReverse, _x, _v, _hv);
}
