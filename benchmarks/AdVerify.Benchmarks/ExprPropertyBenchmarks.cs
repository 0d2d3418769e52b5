using AdVerify.Expressions;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// Reading <see cref="Expr.Variables"/> and <see cref="Expr.DagSize"/> of a sum of 10,000 distinct
/// terms Σ sin(k·x_k), against the plain C# function on <c>double</c> (the baseline: evaluating
/// the same sum once). The properties look cheap, so callers read them often; they must not walk
/// the whole DAG each time.
/// </summary>
[MemoryDiagnoser]
public class ExprPropertyBenchmarks
{
    private const int Terms = 10_000;
    private readonly double[] _x = Enumerable.Range(0, Terms).Select(k => 0.001 * k).ToArray();
    private Expr _sum = Expr.Zero;

    /// <summary>Builds the expression.</summary>
    [GlobalSetup]
    public void Setup() =>
        _sum = Expr.Add(Enumerable.Range(1, Terms).Select(k => Expr.Call(Functions.Sin, Expr.Number(k) * Expr.Symbol($"x{k}"))));

    /// <summary>The plain double function: Σ sin(k·x_k).</summary>
    /// <returns>The sum.</returns>
    [Benchmark(Baseline = true)]
    public double PlainDouble()
    {
        var s = 0.0;
        for (var k = 0; k < _x.Length; k++)
        {
            s += Math.Sin((k + 1) * _x[k]);
        }

        return s;
    }

    /// <summary>Reads the sorted variable names.</summary>
    /// <returns>How many there are.</returns>
    [Benchmark]
    public int Variables() => _sum.Variables.Count;

    /// <summary>Reads the number of distinct nodes.</summary>
    /// <returns>The DAG size.</returns>
    [Benchmark]
    public int DagSize() => _sum.DagSize;
}
