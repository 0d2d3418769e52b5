using MathNet.Numerics;

namespace AdVerify.Samples.NUnit;

/// <summary>A European call under Black–Scholes, with the Greeks written by hand.</summary>
public static class BlackScholes
{
    public const double Strike = 100;
    public const double Rate = 0.03;
    public const double Maturity = 0.75;

    private static double N(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));

    private static double Phi(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);

    private static (double D1, double D2) D(double spot, double vol)
    {
        var d1 = (Math.Log(spot / Strike) + ((Rate + (0.5 * vol * vol)) * Maturity)) / (vol * Math.Sqrt(Maturity));
        return (d1, d1 - (vol * Math.Sqrt(Maturity)));
    }

    /// <summary>The call price as a function of (spot, volatility).</summary>
    public static double Price(double[] p)
    {
        var (spot, vol) = (p[0], p[1]);
        var (d1, d2) = D(spot, vol);
        return (spot * N(d1)) - (Strike * Math.Exp(-Rate * Maturity) * N(d2));
    }

    /// <summary>Delta and vega, correct: N(d1) and S·φ(d1)·√T.</summary>
    public static double[] Greeks(double[] p)
    {
        var (spot, vol) = (p[0], p[1]);
        var (d1, _) = D(spot, vol);
        return [N(d1), spot * Phi(d1) * Math.Sqrt(Maturity)];
    }

    /// <summary>A classic slip: delta written as N(d2) instead of N(d1).</summary>
    public static double[] GreeksWithWrongDelta(double[] p)
    {
        var (spot, vol) = (p[0], p[1]);
        var (d1, d2) = D(spot, vol);
        return [N(d2), spot * Phi(d1) * Math.Sqrt(Maturity)];
    }
}
