using System.Numerics;
using AdVerify.Reverse;

namespace AdVerify.Samples.NUnit;

/// <summary>
/// A Monte Carlo pricer as a quant would write it: an arithmetic-average Asian call (and a
/// European call) on a stock following geometric Brownian motion, simulated over paths and
/// time steps with a seeded random number generator. The payoff of one path is written once
/// over .NET generic math, so the same code prices on doubles, gives adjoint Greeks (delta,
/// vega, rho) in one reverse sweep per path, and runs under the verifier.
/// </summary>
public static class MonteCarlo
{
    /// <summary>The contract and the simulation grid.</summary>
    /// <param name="Strike">The strike.</param>
    /// <param name="Maturity">The maturity in years.</param>
    /// <param name="Steps">The number of monitoring dates (time steps).</param>
    /// <param name="Paths">The number of simulated paths.</param>
    /// <param name="Seed">The seed of the random numbers (path p uses its own stream, so every pricing sees the same paths).</param>
    public sealed record Setup(double Strike, double Maturity, int Steps, int Paths, ulong Seed);

    /// <summary>The discounted payoff of one path of the Asian call: e^(−rT)·max(average(S) − K, 0).</summary>
    /// <typeparam name="T">double, or an AD number.</typeparam>
    /// <param name="spot">S₀.</param>
    /// <param name="vol">σ.</param>
    /// <param name="rate">r.</param>
    /// <param name="setup">The contract and grid.</param>
    /// <param name="normals">One standard normal per time step.</param>
    /// <returns>The discounted payoff.</returns>
    public static T AsianPayoff<T>(T spot, T vol, T rate, Setup setup, ReadOnlySpan<double> normals)
        where T : INumberBase<T>, IExponentialFunctions<T>, IComparisonOperators<T, T, bool>
    {
        var dt = setup.Maturity / setup.Steps;
        var drift = (rate - (T.CreateTruncating(0.5) * vol * vol)) * T.CreateTruncating(dt);
        var diffusion = vol * T.CreateTruncating(Math.Sqrt(dt));
        var s = spot;
        var sum = T.Zero;
        for (var k = 0; k < setup.Steps; k++)
        {
            s *= T.Exp(drift + (diffusion * T.CreateTruncating(normals[k])));
            sum += s;
        }

        var excess = (sum / T.CreateTruncating((double)setup.Steps)) - T.CreateTruncating(setup.Strike);
        return excess > T.Zero ? T.Exp(-rate * T.CreateTruncating(setup.Maturity)) * excess : T.Zero;
    }

    /// <summary>The discounted payoff of one path of the European call: e^(−rT)·max(S_T − K, 0).</summary>
    /// <typeparam name="T">double, or an AD number.</typeparam>
    /// <param name="spot">S₀.</param>
    /// <param name="vol">σ.</param>
    /// <param name="rate">r.</param>
    /// <param name="setup">The contract and grid.</param>
    /// <param name="normals">One standard normal per time step.</param>
    /// <returns>The discounted payoff.</returns>
    public static T EuropeanPayoff<T>(T spot, T vol, T rate, Setup setup, ReadOnlySpan<double> normals)
        where T : INumberBase<T>, IExponentialFunctions<T>, IComparisonOperators<T, T, bool>
    {
        var dt = setup.Maturity / setup.Steps;
        var drift = (rate - (T.CreateTruncating(0.5) * vol * vol)) * T.CreateTruncating(dt);
        var diffusion = vol * T.CreateTruncating(Math.Sqrt(dt));
        var s = spot;
        for (var k = 0; k < setup.Steps; k++)
        {
            s *= T.Exp(drift + (diffusion * T.CreateTruncating(normals[k])));
        }

        var excess = s - T.CreateTruncating(setup.Strike);
        return excess > T.Zero ? T.Exp(-rate * T.CreateTruncating(setup.Maturity)) * excess : T.Zero;
    }

    /// <summary>A path payoff: spot, vol, rate, setup and the path's normals give the discounted payoff.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    public delegate T Payoff<T>(T spot, T vol, T rate, Setup setup, ReadOnlySpan<double> normals);

    /// <summary>The price: the average discounted payoff over the paths (generic, so it also runs on AD numbers as one big tape).</summary>
    /// <typeparam name="T">double, or an AD number.</typeparam>
    /// <param name="payoff">The path payoff (for example <see cref="AsianPayoff{T}"/>).</param>
    /// <param name="spot">S₀.</param>
    /// <param name="vol">σ.</param>
    /// <param name="rate">r.</param>
    /// <param name="setup">The contract and grid.</param>
    /// <returns>The Monte Carlo price.</returns>
    public static T Price<T>(Payoff<T> payoff, T spot, T vol, T rate, Setup setup)
        where T : INumberBase<T>
    {
        var normals = new double[setup.Steps];
        var total = T.Zero;
        for (var p = 0; p < setup.Paths; p++)
        {
            Normals(setup.Seed, p, normals);
            total += payoff(spot, vol, rate, setup, normals);
        }

        return total / T.CreateTruncating((double)setup.Paths);
    }

    /// <summary>
    /// The price and its adjoint Greeks (∂/∂spot, ∂/∂vol, ∂/∂rate): for every path, one recording
    /// of the payoff on <see cref="Var{T}"/> numbers and one backward sweep on a warm tape,
    /// averaged over the paths. No allocation per path.
    /// </summary>
    /// <param name="payoff">The path payoff on reverse numbers.</param>
    /// <param name="spot">S₀.</param>
    /// <param name="vol">σ.</param>
    /// <param name="rate">r.</param>
    /// <param name="setup">The contract and grid.</param>
    /// <returns>The price, delta, vega and rho.</returns>
    public static (double Price, double Delta, double Vega, double Rho) AdjointGreeks(
        Payoff<Var<double>> payoff, double spot, double vol, double rate, Setup setup)
    {
        var path = new PathAdjoint(payoff, setup);
        double[] x = [spot, vol, rate];
        var gradient = new double[3];
        double price = 0, delta = 0, vega = 0, rho = 0;
        for (var p = 0; p < setup.Paths; p++)
        {
            Normals(setup.Seed, p, path.Normals);
            price += ReverseMode.Gradient(path.Function, x, gradient);
            delta += gradient[0];
            vega += gradient[1];
            rho += gradient[2];
        }

        var n = setup.Paths;
        return (price / n, delta / n, vega / n, rho / n);
    }

    /// <summary>
    /// The Greeks by bump and revalue: central differences with the same random numbers
    /// (relative bumps of 10⁻⁴ in spot and 10⁻⁴ absolute in vol and rate), seven pricings in all.
    /// </summary>
    /// <param name="payoff">The path payoff on doubles.</param>
    /// <param name="spot">S₀.</param>
    /// <param name="vol">σ.</param>
    /// <param name="rate">r.</param>
    /// <param name="setup">The contract and grid.</param>
    /// <returns>The price, delta, vega and rho.</returns>
    public static (double Price, double Delta, double Vega, double Rho) BumpGreeks(
        Payoff<double> payoff, double spot, double vol, double rate, Setup setup)
    {
        double P(double s, double v, double r) => Price(payoff, s, v, r, setup);
        var (hs, hv, hr) = (1e-4 * spot, 1e-4, 1e-4);
        return (P(spot, vol, rate),
            (P(spot + hs, vol, rate) - P(spot - hs, vol, rate)) / (2 * hs),
            (P(spot, vol + hv, rate) - P(spot, vol - hv, rate)) / (2 * hv),
            (P(spot, vol, rate + hr) - P(spot, vol, rate - hr)) / (2 * hr));
    }

    /// <summary>
    /// The European Greeks from the pathwise closed form, on the same paths: with
    /// S_T = S₀·exp((r − σ²/2)T + σ√T·Z), a path in the money contributes
    /// e^(−rT)·S_T/S₀ to delta, e^(−rT)·S_T·(√T·Z − σT) to vega and e^(−rT)·K·T to rho.
    /// </summary>
    /// <param name="spot">S₀.</param>
    /// <param name="vol">σ.</param>
    /// <param name="rate">r.</param>
    /// <param name="setup">The contract and grid.</param>
    /// <returns>Delta, vega and rho.</returns>
    public static (double Delta, double Vega, double Rho) EuropeanPathwiseGreeks(double spot, double vol, double rate, Setup setup)
    {
        var normals = new double[setup.Steps];
        var t = setup.Maturity;
        var discount = Math.Exp(-rate * t);
        double delta = 0, vega = 0, rho = 0;
        for (var p = 0; p < setup.Paths; p++)
        {
            Normals(setup.Seed, p, normals);
            var z = normals.Sum() / Math.Sqrt(setup.Steps);
            var sT = spot * Math.Exp(((rate - (0.5 * vol * vol)) * t) + (vol * Math.Sqrt(t) * z));
            if (sT > setup.Strike)
            {
                delta += discount * sT / spot;
                vega += discount * sT * ((Math.Sqrt(t) * z) - (vol * t));
                rho += discount * setup.Strike * t;
            }
        }

        return (delta / setup.Paths, vega / setup.Paths, rho / setup.Paths);
    }

    /// <summary>
    /// Fills one path's standard normals: xoshiro256** seeded by SplitMix64 from (seed, path),
    /// then Box–Muller. Path p's numbers depend only on the seed and p.
    /// </summary>
    /// <param name="seed">The simulation seed.</param>
    /// <param name="path">The path index.</param>
    /// <param name="normals">Receives the normals.</param>
    public static void Normals(ulong seed, int path, Span<double> normals)
    {
        var state = seed ^ (0x9E3779B97F4A7C15UL * (ulong)(path + 1));
        ulong s0 = SplitMix(ref state), s1 = SplitMix(ref state), s2 = SplitMix(ref state), s3 = SplitMix(ref state);
        for (var k = 0; k < normals.Length; k += 2)
        {
            var u1 = Uniform(ref s0, ref s1, ref s2, ref s3);
            var u2 = Uniform(ref s0, ref s1, ref s2, ref s3);
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            var (sin, cos) = Math.SinCos(2 * Math.PI * u2);
            normals[k] = radius * cos;
            if (k + 1 < normals.Length)
            {
                normals[k + 1] = radius * sin;
            }
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // A uniform in (0, 1]: never 0, so the logarithm of Box–Muller stays finite.
    private static double Uniform(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return ((result >> 11) + 1) * (1.0 / (1UL << 53));
    }

    /// <summary>One path's payoff as a function of (spot, vol, rate) on reverse numbers, reusing one normals buffer.</summary>
    private sealed class PathAdjoint
    {
        private readonly Payoff<Var<double>> _payoff;
        private readonly Setup _setup;

        public PathAdjoint(Payoff<Var<double>> payoff, Setup setup)
        {
            _payoff = payoff;
            _setup = setup;
            Normals = new double[setup.Steps];
            Function = v => _payoff(v[0], v[1], v[2], _setup, Normals);
        }

        public double[] Normals { get; }

        public Func<Var<double>[], Var<double>> Function { get; }
    }
}
