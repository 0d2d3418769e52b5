using System.Numerics;
using AdVerify.Forward;
using AdVerify.Reverse;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// An expression-heavy function written with scalar generic-math operations: a tanh network with
/// 8 inputs and 16 hidden units, loss = Σ_j v_j · tanh(Σ_i w_ji · x_i + b_j), differentiated with
/// respect to all 160 parameters (128 weights, 16 biases, 16 output weights). The Ratio column is
/// the cost relative to plain evaluation on doubles.
/// </summary>
[MemoryDiagnoser]
public class TanhNetworkBenchmarks
{
    private const int Inputs = 8;
    private const int Hidden = 16;
    private const int Parameters = (Hidden * Inputs) + Hidden + Hidden;

    private static readonly double[] X = Enumerable.Range(0, Inputs).Select(i => Math.Cos(1.7 * i)).ToArray();

    private readonly double[] _parameters = Enumerable.Range(0, Parameters).Select(k => 0.3 * Math.Sin(0.37 * k)).ToArray();
    private readonly double[] _gradient = new double[Parameters];
    private readonly Func<Var<double>[], Var<double>> _reverse = Loss;
    private readonly Func<DualVector[], DualVector> _forward = Loss;

    /// <summary>The network loss; parameters are laid out as W (row per hidden unit), then b, then v.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="p">The 160 parameters.</param>
    /// <returns>Σ_j v_j · tanh(Σ_i w_ji · x_i + b_j).</returns>
    public static T Loss<T>(T[] p)
        where T : INumberBase<T>, IHyperbolicFunctions<T>
    {
        var loss = T.Zero;
        for (var j = 0; j < Hidden; j++)
        {
            var a = p[(Hidden * Inputs) + j];
            for (var i = 0; i < Inputs; i++)
            {
                a += p[(j * Inputs) + i] * T.CreateTruncating(X[i]);
            }

            loss += p[(Hidden * Inputs) + Hidden + j] * T.Tanh(a);
        }

        return loss;
    }

    /// <summary>The loss on doubles.</summary>
    /// <returns>The loss.</returns>
    [Benchmark(Baseline = true)]
    public double Plain() => Loss(_parameters);

    /// <summary>The loss and its gradient by one recording and one backward sweep (allocation-free span overload).</summary>
    /// <returns>The loss.</returns>
    [Benchmark]
    public double ReverseGradient() => ReverseMode.Gradient(_reverse, _parameters, _gradient);

    /// <summary>The loss and its gradient in one forward pass carrying 160 tangents per number.</summary>
    /// <returns>The loss.</returns>
    [Benchmark]
    public double ForwardGradientOnePass() => ForwardMode.GradientOnePass(_forward, _parameters).Value;
}
