using AdVerify.Definitions;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Samples.NUnit;

/// <summary>Adjoint Greeks of the Monte Carlo pricer, checked against the pathwise closed form, bump and revalue, and the verifier.</summary>
public class MonteCarloGreeks
{
    private static readonly MonteCarlo.Setup Asian = new(Strike: 100, Maturity: 1, Steps: 52, Paths: 2_000, Seed: 42);
    private const double Spot = 100, Vol = 0.25, Rate = 0.03;

    [Test]
    public void EuropeanAdjointGreeksEqualThePathwiseClosedForm()
    {
        var setup = Asian with { Steps = 12 };
        var adjoint = MonteCarlo.AdjointGreeks(MonteCarlo.EuropeanPayoff, Spot, Vol, Rate, setup);
        var closed = MonteCarlo.EuropeanPathwiseGreeks(Spot, Vol, Rate, setup);
        Assert.That(adjoint.Delta, Is.EqualTo(closed.Delta).Within(1e-12).Percent);
        Assert.That(adjoint.Vega, Is.EqualTo(closed.Vega).Within(1e-10).Percent);
        Assert.That(adjoint.Rho, Is.EqualTo(closed.Rho).Within(1e-12).Percent);
        Assert.That(adjoint.Price, Is.EqualTo(MonteCarlo.Price<double>(MonteCarlo.EuropeanPayoff, Spot, Vol, Rate, setup)).Within(1e-12).Percent);
    }

    [Test]
    public void AsianAdjointGreeksAgreeWithBumpAndRevalue()
    {
        var adjoint = MonteCarlo.AdjointGreeks(MonteCarlo.AsianPayoff, Spot, Vol, Rate, Asian);
        var bumped = MonteCarlo.BumpGreeks(MonteCarlo.AsianPayoff, Spot, Vol, Rate, Asian);
        // Bump and revalue differences every path whose average crosses the strike within the
        // bump, so it agrees with the adjoint only to about 10⁻⁴ (relative); the adjoint has no such error.
        Assert.That(adjoint.Price, Is.EqualTo(bumped.Price).Within(1e-12).Percent);
        Assert.That(adjoint.Delta, Is.EqualTo(bumped.Delta).Within(0.05).Percent);
        Assert.That(adjoint.Vega, Is.EqualTo(bumped.Vega).Within(0.05).Percent);
        Assert.That(adjoint.Rho, Is.EqualTo(bumped.Rho).Within(0.05).Percent);
        Assert.That(adjoint.Delta, Is.InRange(0.4, 0.7), "an at-the-money Asian call");
    }

    [Test]
    public void TheVerifierFindsTheAdjointGreeksConsistent()
    {
        var setup = Asian with { Paths = 200, Steps = 12 };
        var function = Definition.Of(new AsianPrice(setup), "spot", "vol", "rate");
        double[] Claimed(double[] v)
        {
            var (_, delta, vega, rho) = MonteCarlo.AdjointGreeks(MonteCarlo.AsianPayoff, v[0], v[1], v[2], setup);
            return [delta, vega, rho];
        }

        foreach (var point in new[] { new[] { Spot, Vol, Rate }, [90, 0.4, 0.01] })
        {
            var result = Verifier.Check(function, point, Claimed);
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Consistent), result.Message);
        }
    }

    [Test]
    public void AWrongGreekIsCaught()
    {
        var setup = Asian with { Paths = 200, Steps = 12 };
        var function = Definition.Of(new AsianPrice(setup), "spot", "vol", "rate");
        double[] VegaPerPercent(double[] v)
        {
            var (_, delta, vega, rho) = MonteCarlo.AdjointGreeks(MonteCarlo.AsianPayoff, v[0], v[1], v[2], setup);
            return [delta, vega / 100, rho]; // vega quoted per vol point: not the derivative
        }

        var result = Verifier.Check(function, [Spot, Vol, Rate], VegaPerPercent);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Discrepancy));
        Assert.That(result.Discrepancies.Select(d => (d.Variable, d.OddOneOut)), Is.EquivalentTo(new[] { ("vol", "claimed") }));
    }

    [Test]
    public void AdjointGreeksAllocateNothingPerPath()
    {
        var small = Asian with { Paths = 100 };
        var large = Asian with { Paths = 1_000 };
        MonteCarlo.AdjointGreeks(MonteCarlo.AsianPayoff, Spot, Vol, Rate, small); // warm the tape
        long Allocated(MonteCarlo.Setup s)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            MonteCarlo.AdjointGreeks(MonteCarlo.AsianPayoff, Spot, Vol, Rate, s);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.That(Allocated(large), Is.EqualTo(Allocated(small)));
    }

    /// <summary>The Asian price as one definition of (spot, vol, rate): every engine runs the same pricer.</summary>
    private sealed class AsianPrice(MonteCarlo.Setup setup) : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : System.Numerics.IFloatingPointIeee754<T> => MonteCarlo.Price<T>(MonteCarlo.AsianPayoff, v[0], v[1], v[2], setup);
    }
}
