using System.Numerics;
using AdVerify;
using AdVerify.Definitions;
using MathNet.Numerics;

namespace AdVerify.Samples.NUnit;

/// <summary>
/// A European call under Black–Scholes as a function of (spot, volatility), written once over
/// .NET generic math: every engine (forward, reverse, symbolic, complex step) runs this one
/// definition. The Greeks below are written by hand, as a quant would.
/// </summary>
[Variables("spot", "vol")]
public readonly struct BlackScholes : IScalarFunction
{
    public const double Strike = 100;
    public const double Rate = 0.03;
    public const double Maturity = 0.75;

    /// <inheritdoc />
    public T Invoke<T>(ReadOnlySpan<T> p)
        where T : IFloatingPointIeee754<T>
    {
        T spot = p[0], vol = p[1];
        T k = T.CreateChecked(Strike), r = T.CreateChecked(Rate), t = T.CreateChecked(Maturity);
        var d1 = (T.Log(spot / k) + ((r + (T.CreateChecked(0.5) * vol * vol)) * t)) / (vol * T.Sqrt(t));
        var d2 = d1 - (vol * T.Sqrt(t));
        return (spot * N(d1)) - (k * T.Exp(-r * t) * N(d2));
    }

    /// <summary>The standard normal distribution function, through <see cref="AdMath.Erf{T}"/> (works on every scalar).</summary>
    private static T N<T>(T x)
        where T : IFloatingPointIeee754<T> => T.CreateChecked(0.5) * (T.One + AdMath.Erf(x / T.Sqrt(T.CreateChecked(2.0))));

    private static double Phi(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);

    private static (double D1, double D2) D(double spot, double vol)
    {
        var d1 = (Math.Log(spot / Strike) + ((Rate + (0.5 * vol * vol)) * Maturity)) / (vol * Math.Sqrt(Maturity));
        return (d1, d1 - (vol * Math.Sqrt(Maturity)));
    }

    private static double Nd(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));

    /// <summary>Delta and vega, correct: N(d1) and S·φ(d1)·√T.</summary>
    public static double[] Greeks(double[] p)
    {
        var (spot, vol) = (p[0], p[1]);
        var (d1, _) = D(spot, vol);
        return [Nd(d1), spot * Phi(d1) * Math.Sqrt(Maturity)];
    }

    /// <summary>A classic slip: delta written as N(d2) instead of N(d1).</summary>
    public static double[] GreeksWithWrongDelta(double[] p)
    {
        var (spot, vol) = (p[0], p[1]);
        var (d1, d2) = D(spot, vol);
        return [Nd(d2), spot * Phi(d1) * Math.Sqrt(Maturity)];
    }
}
