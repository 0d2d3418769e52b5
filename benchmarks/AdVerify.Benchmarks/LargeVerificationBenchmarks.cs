using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Verification;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// Verifying the gradient and Hessian of an n-variable function with a hand-written gradient: the
/// projection mode (random directional derivatives by every source, localising only a disagreement)
/// against the per-entry mode. Each run verifies a fresh definition, so the one-time symbolic work
/// (trace, canonical form, symbolic projections) is included.
/// </summary>
[MemoryDiagnoser]
public class LargeVerificationBenchmarks
{
    private double[] _x = [];

    /// <summary>The number of variables.</summary>
    [Params(100, 1000)]
    public int N { get; set; }

    /// <summary>A point away from the minimum.</summary>
    [GlobalSetup]
    public void Setup() => _x = Enumerable.Range(0, N).Select(i => 0.5 + (0.3 * Math.Sin(i))).ToArray();

    /// <summary>Gradient and Hessian by projections (the automatic mode above 24 variables).</summary>
    /// <returns>The verdict.</returns>
    [Benchmark(Baseline = true)]
    public Verdict Projections() =>
        Verifier.Check(Definition.Of(new Rosenbrock(), N), _x, Rosenbrock.Gradient, hessian: true, mode: VerificationMode.Projections).Verdict;

    /// <summary>The gradient alone, per entry (n finite-difference estimates; no Hessian: n² entries would take minutes at n = 1,000).</summary>
    /// <returns>The verdict.</returns>
    [Benchmark]
    public Verdict GradientPerEntry() =>
        Verifier.Check(Definition.Of(new Rosenbrock(), N), _x, Rosenbrock.Gradient, mode: VerificationMode.PerEntry).Verdict;
}
