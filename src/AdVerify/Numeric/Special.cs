using MathNet.Numerics;

namespace AdVerify.Numeric;

/// <summary>
/// Double-precision values of the special and machine-learning functions of the registry.
/// MathNet.Numerics is used where it is accurate to 1e-13 relative (checked against mpmath
/// in <c>SpecialValueTests</c>): erfc, erfinv, digamma, Bessel J/Y/I/K and Airy. It is not
/// for Γ (<c>Gamma(171.5)</c> overflows although Γ(171.5) ≈ 9.5e307) and log Γ (NaN where
/// Γ &lt; 0, 3.5e-13 relative at 0.999), so those are computed here: Γ by recurrence to
/// [1, 2) or Stirling's series with the power split so nothing overflows early, log Γ by its
/// Taylor series about 2 and Stirling's series, both with reflection for x &lt; 0.
/// Stable evaluation is part of the contract: <c>Softplus(1000)</c>, <c>LogSumExp(1000, 1000)</c>
/// and <c>Sigmoid(-800)</c> are finite and correctly rounded.
/// </summary>
public static class Special
{
    // lgamma(2 + z) = Σₖ c[k−1] zᵏ with c₁ = 1 − γ and cₖ = (−1)ᵏ (ζ(k) − 1)/k, from mpmath (30 digits).
    internal static readonly double[] LogGammaSeries =
    [
        0.42278433509846713, 0.3224670334241132, -0.0673523010531981, 0.020580808427784546, -0.007385551028673986,
        0.0028905103307415234, -0.001192753911703261, 0.0005096695247430425, -0.00022315475845357939, 9.945751278180853e-05,
        -4.492623673813314e-05, 2.050721277567069e-05, -9.439488275268397e-06, 4.374866789907488e-06, -2.039215753801366e-06,
        9.55141213040742e-07, -4.492469198764566e-07, 2.1207184805554665e-07, -1.0043224823968099e-07, 4.7698101693639804e-08,
        -2.2711094608943164e-08, 1.0838659214896955e-08, -5.183475041970047e-09, 2.4836745438024785e-09, -1.1921401405860912e-09,
        5.731367241678862e-10, -2.7595228851242334e-10, 1.330476437424449e-10, -6.4229645638381e-11, 3.1044247747322276e-11,
    ];

    // Bernoulli numbers B₂, B₄, …, B₂₀.
    internal static readonly double[] Bernoulli =
        [1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510, 43867.0 / 798, -174611.0 / 330];

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>The largest order accepted by <see cref="Polygamma"/>.</summary>
    public const int MaxPolygammaOrder = 100;

    /// <summary>The gamma function Γ(x); NaN at the poles 0, −1, −2, ….</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Γ(x).</returns>
    public static double Gamma(double x)
    {
        if (double.IsNaN(x) || (x <= 0 && double.IsInteger(x)) || double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        if (x < 0.5)
        {
            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
            return Math.PI / (double.SinPi(x) * Gamma(1 - x));
        }

        if (x > 171.7)
        {
            return double.PositiveInfinity;
        }

        if (x >= 12)
        {
            // Stirling: Γ(x) = √(2π) x^(x − ½) e^(−x) e^S(x), the power split in two halves so that it
            // overflows only with the result; x − ½ and its half are exact, so pow sees exact inputs.
            var half = Math.Pow(x, (x - 0.5) / 2);
            return half * (half * Math.Exp(-x)) * Math.Sqrt(2 * Math.PI) * Math.Exp(StirlingTail(x));
        }

        // Recurrence to y in [1.5, 2.5), where log Γ(y) is small and its series accurate.
        var product = 1.0;
        var y = x;
        while (y >= 2.5)
        {
            y -= 1;
            product *= y;
        }

        while (y < 1.5)
        {
            product /= y;
            y += 1;
        }

        return product * Math.Exp(LogGammaNear2(y - 2));
    }

    /// <summary>The logarithm of the absolute value of the gamma function, log |Γ(x)|; +∞ at the poles.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log |Γ(x)|.</returns>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsInfinity(x) || (x <= 0 && double.IsInteger(x)))
        {
            return double.PositiveInfinity;
        }

        if (x < 0.5)
        {
            // Reflection: log|Γ(x)| = log(π / |sin πx|) − log Γ(1 − x).
            return Math.Log(Math.PI / Math.Abs(double.SinPi(x))) - LogGamma(1 - x);
        }

        if (x < 1.5)
        {
            // log Γ(x) = log Γ(x + 1) − log x; x − 1 is exact here, so log1p keeps the digits near x = 1.
            return LogGammaNear2(x - 1) - Special.Log1p(x - 1);
        }

        if (x <= 2.5)
        {
            return LogGammaNear2(x - 2);
        }

        if (x < 12)
        {
            var product = 1.0;
            var y = x;
            while (y > 2.5)
            {
                y -= 1;
                product *= y;
            }

            return LogGammaNear2(y - 2) + Math.Log(product);
        }

        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + StirlingTail(x);
    }

    /// <summary>The digamma function ψ(x) = Γ′(x)/Γ(x); NaN at the poles.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ψ(x).</returns>
    public static double Digamma(double x) =>
        double.IsNaN(x) || (x <= 0 && double.IsInteger(x)) ? double.NaN : SpecialFunctions.DiGamma(x);

    /// <summary>
    /// The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of the digamma function (n = 0 is
    /// digamma itself), for integer 0 ≤ n ≤ <see cref="MaxPolygammaOrder"/>; NaN at the poles and
    /// for other orders. For n ≥ 1: the recurrence shifts x to at least 20, where the asymptotic
    /// series with ten Bernoulli terms is accurate; every term has the same sign, so nothing cancels.
    /// </summary>
    /// <param name="n">The order.</param>
    /// <param name="x">The argument.</param>
    /// <returns>ψ⁽ⁿ⁾(x).</returns>
    public static double Polygamma(double n, double x)
    {
        if (!double.IsInteger(n) || n < 0 || n > MaxPolygammaOrder || double.IsNaN(x) || (x <= 0 && double.IsInteger(x)))
        {
            return double.NaN;
        }

        if (n == 0)
        {
            return Digamma(x);
        }

        var k = (int)n;
        var sign = k % 2 == 1 ? 1.0 : -1.0;
        var factorial = SpecialFunctions.Factorial(k);
        var sum = 0.0;
        while (x < 20 + k)
        {
            sum += Math.Pow(x, -(k + 1));
            x += 1;
        }

        // ψ⁽ⁿ⁾(x) ~ (−1)ⁿ⁺¹ [(n−1)!/xⁿ + n!/(2xⁿ⁺¹) + Σⱼ B₂ⱼ (2j+n−1)!/((2j)! x²ʲ⁺ⁿ)].
        var inv = 1 / x;
        var tail = (SpecialFunctions.Factorial(k - 1) * Math.Pow(inv, k)) + (factorial * 0.5 * Math.Pow(inv, k + 1));
        var coefficient = SpecialFunctions.Factorial(k - 1); // (2j + n − 1)!/(2j)! built up term by term
        var power = Math.Pow(inv, k);
        for (var j = 1; j <= Bernoulli.Length; j++)
        {
            coefficient *= (2.0 * j + k - 2) * (2.0 * j + k - 1) / ((2.0 * j - 1) * (2.0 * j));
            power *= inv * inv;
            tail += Bernoulli[j - 1] * coefficient * power;
        }

        return sign * ((factorial * sum) + tail);
    }

    /// <summary>The beta function B(a, b) = Γ(a)Γ(b)/Γ(a + b), through log Γ where the gammas would overflow.</summary>
    /// <param name="a">The first argument.</param>
    /// <param name="b">The second argument.</param>
    /// <returns>B(a, b).</returns>
    public static double Beta(double a, double b)
    {
        var c = a + b;
        if (Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c))) < 80)
        {
            return Gamma(a) * Gamma(b) / Gamma(c);
        }

        return GammaSign(a) * GammaSign(b) * GammaSign(c) * Math.Exp(LogGamma(a) + LogGamma(b) - LogGamma(c));
    }

    // The sign of Γ(x): positive for x > 0, (−1)^⌊x⌋ below 0.
    private static double GammaSign(double x) => x > 0 || Math.Floor(x) % 2 == 0 ? 1 : -1;

    /// <summary>The complementary error function 1 − erf x, accurate where it is tiny (MathNet).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erfc x.</returns>
    public static double Erfc(double x) => SpecialFunctions.Erfc(x);

    /// <summary>The inverse error function on (−1, 1); ±∞ at ±1 and NaN outside (MathNet).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erfinv x.</returns>
    public static double ErfInv(double x) => x is < -1 or > 1 || double.IsNaN(x) ? double.NaN : SpecialFunctions.ErfInv(x);

    /// <summary>The Bessel function of the first kind Jₙ(x) of integer order n (MathNet, Amos' algorithm); NaN for a non-integer order.</summary>
    /// <param name="n">The order (an integer).</param>
    /// <param name="x">The argument.</param>
    /// <returns>Jₙ(x).</returns>
    public static double BesselJ(double n, double x) => IntegerOrder(n, x, SpecialFunctions.BesselJ, true, true);

    /// <summary>The Bessel function of the second kind Yₙ(x) of integer order n, for x &gt; 0.</summary>
    /// <param name="n">The order (an integer).</param>
    /// <param name="x">The argument.</param>
    /// <returns>Yₙ(x).</returns>
    public static double BesselY(double n, double x) => x > 0 ? IntegerOrder(n, x, SpecialFunctions.BesselY, true, false) : double.NaN;

    /// <summary>The modified Bessel function of the first kind Iₙ(x) of integer order n.</summary>
    /// <param name="n">The order (an integer).</param>
    /// <param name="x">The argument.</param>
    /// <returns>Iₙ(x).</returns>
    public static double BesselI(double n, double x) => IntegerOrder(n, x, SpecialFunctions.BesselI, false, true);

    /// <summary>The modified Bessel function of the second kind Kₙ(x) of integer order n, for x &gt; 0.</summary>
    /// <param name="n">The order (an integer).</param>
    /// <param name="x">The argument.</param>
    /// <returns>Kₙ(x).</returns>
    public static double BesselK(double n, double x) => x > 0 ? IntegerOrder(n, x, SpecialFunctions.BesselK, false, false) : double.NaN;

    // Negative integer orders by symmetry (J₋ₙ = (−1)ⁿJₙ, Y likewise, I₋ₙ = Iₙ, K₋ₙ = Kₙ), negative x of J and I by parity.
    private static double IntegerOrder(double n, double x, Func<double, double, double> f, bool oddInOrder, bool parityInX)
    {
        if (!double.IsInteger(n) || double.IsNaN(x) || Math.Abs(n) > 1000)
        {
            return double.NaN;
        }

        var m = Math.Abs(n);
        var orderSign = n < 0 && oddInOrder && m % 2 == 1 ? -1 : 1;
        var argumentSign = x < 0 && parityInX && m % 2 == 1 ? -1 : 1;
        return orderSign * argumentSign * f(m, Math.Abs(x));
    }

    /// <summary>The Airy function Ai(x) (MathNet).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Ai(x).</returns>
    public static double AiryAi(double x) => SpecialFunctions.AiryAi(x);

    /// <summary>The Airy function Bi(x) (MathNet).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Bi(x).</returns>
    public static double AiryBi(double x) => SpecialFunctions.AiryBi(x);

    /// <summary>The derivative Ai′(x) of the Airy function (MathNet).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Ai′(x).</returns>
    public static double AiryAiPrime(double x) => SpecialFunctions.AiryAiPrime(x);

    /// <summary>The derivative Bi′(x) of the Airy function (MathNet).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Bi′(x).</returns>
    public static double AiryBiPrime(double x) => SpecialFunctions.AiryBiPrime(x);

    /// <summary>The logistic sigmoid 1/(1 + e^(−x)), computed without overflow: e^x/(1 + e^x) for x &lt; 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x), in [0, 1].</returns>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }

        var e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <summary>The softplus log(1 + eˣ), computed as max(x, 0) + log1p(e^(−|x|)) so it neither overflows nor loses tiny values.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>softplus x.</returns>
    public static double Softplus(double x) =>
        double.IsNaN(x) ? double.NaN : Math.Max(x, 0) + Special.Log1p(Math.Exp(-Math.Abs(x)));

    /// <summary>log Σ e^(xᵢ), computed as m + log Σ e^(xᵢ − m) with m the largest argument, so it neither overflows nor underflows.</summary>
    /// <param name="x">The arguments (at least one).</param>
    /// <returns>logsumexp(x₁, …, xₙ).</returns>
    public static double LogSumExp(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0)
        {
            throw new ArgumentException("logsumexp needs at least one argument.", nameof(x));
        }

        var m = double.NegativeInfinity;
        foreach (var v in x)
        {
            if (double.IsNaN(v))
            {
                return double.NaN;
            }

            m = Math.Max(m, v);
        }

        if (double.IsInfinity(m))
        {
            return m;
        }

        var sum = 0.0;
        foreach (var v in x)
        {
            sum += Math.Exp(v - m);
        }

        // The largest term contributes exactly 1, so log1p of the rest keeps its digits.
        return m + Special.Log1p(sum - 1);
    }

    /// <summary>The softmax weights e^(xᵢ)/Σⱼ e^(xⱼ) (the partial derivatives of logsumexp), computed without overflow.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>One weight per argument; they add up to 1.</returns>
    public static double[] Softmax(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var lse = LogSumExp(x);
        return x.Select(v => Math.Exp(v - lse)).ToArray();
    }

    /// <summary>
    /// log(1 + x) accurate for tiny x (.NET's <c>double.LogP1</c> computes log(x + 1) and returns 0
    /// for x = 4e-18): with u = 1 + x rounded, log(u)·x/(u − 1) cancels the rounding of u.
    /// </summary>
    /// <param name="x">The argument (x &gt; −1).</param>
    /// <returns>log(1 + x).</returns>
    public static double Log1p(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : double.IsInfinity(u) ? Math.Log(x) : Math.Log(u) * x / (u - 1);
    }

    /// <summary>The logarithm of x to the base b, ln x / ln b.</summary>
    /// <param name="b">The base (positive, not 1).</param>
    /// <param name="x">The argument (positive).</param>
    /// <returns>log_b x.</returns>
    public static double LogBase(double b, double x) => Math.Log(x) / Math.Log(b);

    // log Γ(2 + z) for |z| ≤ 1/2 by its Taylor series (about 28 terms reach 1e-17).
    private static double LogGammaNear2(double z)
    {
        var sum = 0.0;
        var power = z;
        foreach (var c in LogGammaSeries)
        {
            var term = c * power;
            sum += term;
            if (Math.Abs(term) < 1e-18 * Math.Abs(sum))
            {
                break;
            }

            power *= z;
        }

        return sum;
    }

    // Σⱼ B₂ⱼ / (2j(2j − 1) x^(2j − 1)), the tail of Stirling's series for log Γ (x ≥ 12: eight terms reach 1e-17).
    private static double StirlingTail(double x)
    {
        var inv = 1 / x;
        var inv2 = inv * inv;
        var power = inv;
        var sum = 0.0;
        for (var j = 1; j <= 8; j++)
        {
            sum += Bernoulli[j - 1] / (2.0 * j * ((2.0 * j) - 1)) * power;
            power *= inv2;
        }

        return sum;
    }
}
