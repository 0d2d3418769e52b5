using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Samples.NUnit;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// A quant's workload: an arithmetic-average Asian call priced by Monte Carlo (52 weekly steps,
/// 2,000 paths, seeded), with delta, vega and rho by adjoint (one reverse sweep per path, or one
/// tape for the whole price), by forward mode (one dual pass per Greek) and by bump and revalue
/// (central differences, seven pricings). The Ratio column is the cost relative to pricing alone
/// on doubles; bump and revalue / adjoint is the speed-up over finite differences.
/// </summary>
[MemoryDiagnoser]
public class MonteCarloBenchmarks
{
    private const double Spot = 100, Vol = 0.25, Rate = 0.03;
    private static readonly MonteCarlo.Setup Setup = new(Strike: 100, Maturity: 1, Steps: 52, Paths: 2_000, Seed: 42);
    private readonly MonteCarlo.Payoff<double> _plain = MonteCarlo.AsianPayoff;
    private readonly MonteCarlo.Payoff<Var<double>> _reverse = MonteCarlo.AsianPayoff;
    private readonly MonteCarlo.Payoff<Dual<double>> _forward = MonteCarlo.AsianPayoff;
    private readonly double[] _x = [Spot, Vol, Rate];

    /// <summary>The price on doubles.</summary>
    /// <returns>The price.</returns>
    [Benchmark(Baseline = true)]
    public double Price() => MonteCarlo.Price(_plain, Spot, Vol, Rate, Setup);

    /// <summary>Price, delta, vega and rho by one reverse sweep per path (warm tape, no allocation per path).</summary>
    /// <returns>Delta.</returns>
    [Benchmark]
    public double AdjointPerPath() => MonteCarlo.AdjointGreeks(_reverse, Spot, Vol, Rate, Setup).Delta;

    /// <summary>Price and Greeks by one recording of the whole price and one reverse sweep.</summary>
    /// <returns>Delta.</returns>
    [Benchmark]
    public double AdjointOneTape() => ReverseMode.Gradient(v => MonteCarlo.Price(_reverse, v[0], v[1], v[2], Setup), _x).Gradient[0];

    /// <summary>Price and Greeks by forward mode: three dual-number pricings.</summary>
    /// <returns>Delta.</returns>
    [Benchmark]
    public double ForwardThreePasses() => ForwardMode.Gradient(v => MonteCarlo.Price(_forward, v[0], v[1], v[2], Setup), _x).Gradient[0];

    /// <summary>Price and Greeks by bump and revalue (central differences: seven pricings).</summary>
    /// <returns>Delta.</returns>
    [Benchmark]
    public double BumpAndRevalue() => MonteCarlo.BumpGreeks(_plain, Spot, Vol, Rate, Setup).Delta;
}
