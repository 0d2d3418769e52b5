using System.Numerics;
using MathNet.Numerics.Distributions;

namespace AdVerify.Samples.Library;

/// <summary>Option pricing written once over .NET generic math, with the Greeks written by hand.</summary>
public static class Pricing
{
    /// <summary>
    /// The Black–Scholes price of a European call: spot <paramref name="S"/>, strike
    /// <paramref name="K"/>, volatility <paramref name="sigma"/>, rate <paramref name="r"/> and
    /// maturity <paramref name="t"/> in years. The normal distribution function goes through
    /// <see cref="AdMath.Erf{T}"/>, which runs on every scalar.
    /// </summary>
    /// <typeparam name="T">The scalar.</typeparam>
    /// <param name="S">The spot price.</param>
    /// <param name="K">The strike.</param>
    /// <param name="sigma">The volatility.</param>
    /// <param name="r">The risk-free rate.</param>
    /// <param name="t">The time to maturity in years.</param>
    /// <returns>The price.</returns>
    [Verify(Points = "S=100,K=100,sigma=0.2,r=0.03,t=0.75; S=80,K=100,sigma=0.35,r=0.01,t=2; S=120,K=90,sigma=0.15,r=0.05,t=0.25",
        Claimed = nameof(CallGreeks))]
    public static T Call<T>(T S, T K, T sigma, T r, T t)
        where T : IFloatingPointIeee754<T>
    {
        var d1 = (T.Log(S / K) + ((r + (sigma * sigma / T.CreateChecked(2))) * t)) / (sigma * T.Sqrt(t));
        var d2 = d1 - (sigma * T.Sqrt(t));
        return (S * N(d1)) - (K * T.Exp(-r * t) * N(d2));
    }

    /// <summary>The Greeks by hand, as a quant would write them: ∂C/∂S (delta), ∂C/∂K, ∂C/∂σ (vega), ∂C/∂r (rho) and ∂C/∂t.</summary>
    /// <param name="S">The spot price.</param>
    /// <param name="K">The strike.</param>
    /// <param name="sigma">The volatility.</param>
    /// <param name="r">The risk-free rate.</param>
    /// <param name="t">The time to maturity in years.</param>
    /// <returns>The five partial derivatives, in the order of <see cref="Call{T}"/>'s parameters.</returns>
    public static double[] CallGreeks(double S, double K, double sigma, double r, double t)
    {
        var d1 = (Math.Log(S / K) + ((r + (sigma * sigma / 2)) * t)) / (sigma * Math.Sqrt(t));
        var d2 = d1 - (sigma * Math.Sqrt(t));
        var discount = Math.Exp(-r * t);
        var density = Normal.PDF(0, 1, d1);
        return
        [
            Normal.CDF(0, 1, d1),
            -discount * Normal.CDF(0, 1, d2),
            S * density * Math.Sqrt(t),
            K * t * discount * Normal.CDF(0, 1, d2),
            (S * density * sigma / (2 * Math.Sqrt(t))) + (r * K * discount * Normal.CDF(0, 1, d2)),
        ];
    }

    private static T N<T>(T x)
        where T : IFloatingPointIeee754<T> => (T.One + AdMath.Erf(x / T.Sqrt(T.CreateChecked(2)))) / T.CreateChecked(2);
}
