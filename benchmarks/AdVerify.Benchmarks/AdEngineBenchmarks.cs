using System.Numerics;
using AdVerify.Forward;
using AdVerify.Reverse;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>Costs of the AD engines against hand-written derivative code.</summary>
[MemoryDiagnoser]
public class AdEngineBenchmarks
{
    private readonly double[] _points = Enumerable.Range(0, 1000).Select(i => -2 + (i * 0.004)).ToArray();
    private readonly double[] _x1000 = Enumerable.Range(0, 1000).Select(i => Math.Sin(i)).ToArray();
    private readonly double[] _x100 = Enumerable.Range(0, 100).Select(i => Math.Sin(i)).ToArray();
    private readonly double[] _gradient1000 = new double[1000];
    private readonly Func<Var<double>[], Var<double>> _rosenbrockVar = Rosenbrock;
    private readonly Func<DualVector[], DualVector> _rosenbrockVector = Rosenbrock;

    private static T Scalar<T>(T x)
        where T : INumberBase<T>, ITrigonometricFunctions<T>, IExponentialFunctions<T> =>
        (T.Sin(x) * x) + (T.Exp(x) / (T.One + (x * x)));

    private static T Rosenbrock<T>(T[] x)
        where T : INumberBase<T> => GradientRatioBenchmarks.Rosenbrock(x);

    /// <summary>Value and derivative of the scalar function coded by hand, 1000 points.</summary>
    [Benchmark(Baseline = true)]
    public double HandWrittenPair()
    {
        var total = 0.0;
        foreach (var x in _points)
        {
            var (s, c, e) = (Math.Sin(x), Math.Cos(x), Math.Exp(x));
            var q = 1 + (x * x);
            var b = e / q;
            total += (s * x) + b + (c * x) + s + ((e - (b * 2 * x)) / q);
        }

        return total;
    }

    /// <summary>The same with Dual&lt;double&gt; through generic user code, 1000 points.</summary>
    [Benchmark]
    public double DualDouble()
    {
        var total = 0.0;
        foreach (var x in _points)
        {
            var y = Scalar(Dual<double>.Variable(x));
            total += y.Value + y.Tangent;
        }

        return total;
    }

    /// <summary>Reverse-mode gradient of the 1000-dimensional Rosenbrock function (warm tape).</summary>
    [Benchmark]
    public double ReverseRosenbrock1000() => ReverseMode.Gradient(_rosenbrockVar, _x1000, _gradient1000);

    /// <summary>Multi-tangent forward gradient of the 100-dimensional Rosenbrock function.</summary>
    [Benchmark]
    public double ForwardOnePassRosenbrock100() => ForwardMode.GradientOnePass(_rosenbrockVector, _x100).Value;

    /// <summary>Reverse-mode gradient of the 100-dimensional Rosenbrock function.</summary>
    [Benchmark]
    public double ReverseRosenbrock100() => ReverseMode.Gradient(_rosenbrockVar, _x100).Value;
}
