using System.Numerics;
using MathNet.Numerics;

namespace AdVerify.Numeric;

/// <summary>
/// Analytic continuations of the special and machine-learning functions for the complex-step
/// oracle. Each is the function itself evaluated in complex arithmetic by a formula free of
/// cancellation in the imaginary part near the real axis (series, recurrences, asymptotic
/// expansions, exponentially convergent trapezoidal rules for Bessel J, I and K); none uses a
/// derivative rule, so the complex step stays an independent witness. On the real axis each
/// agrees with <see cref="Special"/>: log Γ is normalised to log |Γ(x)| there. There is none yet
/// for Bessel Y and the Airy functions: MathNet's complex Amos routines return wrong imaginary
/// parts at the complex step's h = 1e-20 (besselj(1, 2.2 + 1e-20i) gave −0.395 for J₁′(2.2) ≈ −0.142),
/// so those functions are checked by finite differences and the AD engines instead.
/// </summary>
public static class ComplexSpecial
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>log Γ(z), on the branch that is real (log |Γ(x)|) on the real axis.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>The continued log |Γ|.</returns>
    public static Complex LogGamma(Complex z)
    {
        if (z.Real < 0.5)
        {
            // log|Γ(z)| = log(π / (±sin πz)) − log Γ(1 − z), the sign making the sine positive on the axis.
            var s = SinPi(z);
            return Complex.Log(Math.PI / (Math.Sign(double.SinPi(z.Real)) * s)) - LogGamma(1 - z);
        }

        if (z.Real >= 12)
        {
            var inv = 1 / z;
            var inv2 = inv * inv;
            var power = inv;
            var tail = Complex.Zero;
            for (var j = 1; j <= 8; j++)
            {
                tail += Special.Bernoulli[j - 1] / (2.0 * j * ((2.0 * j) - 1)) * power;
                power *= inv2;
            }

            return ((z - 0.5) * Complex.Log(z)) - z + HalfLogTwoPi + tail;
        }

        // Shift to 1.5 ≤ Re w ≤ 2.5 with the product of the skipped factors, then the series about 2.
        var product = Complex.One;
        var w = z;
        while (w.Real > 2.5)
        {
            w -= 1;
            product *= w;
        }

        while (w.Real < 1.5)
        {
            product /= w;
            w += 1;
        }

        return Near2(w - 2) + Complex.Log(product);
    }

    /// <summary>Γ(z).</summary>
    /// <param name="z">The argument.</param>
    /// <returns>Γ(z).</returns>
    public static Complex Gamma(Complex z) => GammaSign(z.Real) * Complex.Exp(LogGamma(z));

    /// <summary>B(a, b) = Γ(a)Γ(b)/Γ(a + b).</summary>
    /// <param name="a">The first argument.</param>
    /// <param name="b">The second argument.</param>
    /// <returns>B(a, b).</returns>
    public static Complex Beta(Complex a, Complex b) =>
        GammaSign(a.Real) * GammaSign(b.Real) * GammaSign((a + b).Real) * Complex.Exp(LogGamma(a) + LogGamma(b) - LogGamma(a + b));

    /// <summary>ψ(z) by reflection (Re z &lt; ½), the recurrence to Re z ≥ 10 and the asymptotic series.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>ψ(z).</returns>
    public static Complex Digamma(Complex z)
    {
        if (z.Real < 0.5)
        {
            // ψ(z) = ψ(1 − z) − π cot(πz).
            return Digamma(1 - z) - (Math.PI * CosPi(z) / SinPi(z));
        }

        var shift = Complex.Zero;
        while (z.Real < 10)
        {
            shift += 1 / z;
            z += 1;
        }

        var inv2 = 1 / (z * z);
        var power = inv2;
        var series = Complex.Log(z) - (0.5 / z);
        for (var j = 1; j <= Special.Bernoulli.Length; j++)
        {
            series -= Special.Bernoulli[j - 1] / (2.0 * j) * power;
            power *= inv2;
        }

        return series - shift;
    }

    /// <summary>ψ⁽ⁿ⁾(z) for integer n ≥ 0 (n = 0 is digamma).</summary>
    /// <param name="n">The order (an integer between 0 and <see cref="Special.MaxPolygammaOrder"/>).</param>
    /// <param name="z">The argument.</param>
    /// <returns>ψ⁽ⁿ⁾(z).</returns>
    public static Complex Polygamma(Complex n, Complex z)
    {
        var order = n.Real;
        if (n.Imaginary != 0 || !double.IsInteger(order) || order < 0 || order > Special.MaxPolygammaOrder)
        {
            return new Complex(double.NaN, double.NaN);
        }

        if (order == 0)
        {
            return Digamma(z);
        }

        var k = (int)order;
        var sign = k % 2 == 1 ? 1.0 : -1.0;
        var factorial = SpecialFunctions.Factorial(k);
        var sum = Complex.Zero;
        while (z.Real < 20 + k)
        {
            sum += 1 / ComplexMath.PowInteger(z, k + 1);
            z += 1;
        }

        var inv = 1 / z;
        var tail = (SpecialFunctions.Factorial(k - 1) * ComplexMath.PowInteger(inv, k)) + (factorial * 0.5 * ComplexMath.PowInteger(inv, k + 1));
        var coefficient = SpecialFunctions.Factorial(k - 1);
        var power = ComplexMath.PowInteger(inv, k);
        for (var j = 1; j <= Special.Bernoulli.Length; j++)
        {
            coefficient *= (2.0 * j + k - 2) * (2.0 * j + k - 1) / ((2.0 * j - 1) * (2.0 * j));
            power *= inv * inv;
            tail += Special.Bernoulli[j - 1] * coefficient * power;
        }

        return sign * ((factorial * sum) + tail);
    }

    /// <summary>erfc z = 1 − erf z, by the continued fraction where erf is close to 1.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>erfc z.</returns>
    public static Complex Erfc(Complex z)
    {
        if (z.Real < 0)
        {
            return 2 - Erfc(-z);
        }

        return Complex.Abs(z) < 2 ? 1 - ComplexMath.Erf(z) : ComplexMath.Erfc(z);
    }

    /// <summary>erfinv z near the real interval (−1, 1): Newton's method on erf w = z from the real inverse.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>erfinv z.</returns>
    public static Complex ErfInv(Complex z)
    {
        Complex w = Special.ErfInv(z.Real);
        for (var i = 0; i < 3; i++)
        {
            w -= (ComplexMath.Erf(w) - z) / (2 / Math.Sqrt(Math.PI) * Complex.Exp(-(w * w)));
        }

        return w;
    }

    /// <summary>
    /// Jₙ(z) of integer order: the power series for small |z|, else the trapezoidal rule on the
    /// periodic integral (1/2π)∫₀^2π cos(nτ − z sin τ) dτ, which converges exponentially.
    /// (MathNet's complex Amos routines return wrong imaginary parts at the complex step's
    /// h = 1e-20, so they are not used here.)
    /// </summary>
    /// <param name="n">The order (an integer).</param>
    /// <param name="z">The argument.</param>
    /// <returns>Jₙ(z).</returns>
    public static Complex BesselJ(Complex n, Complex z)
    {
        if (!IntegerOrder(n, out var m, out var sign))
        {
            return new Complex(double.NaN, double.NaN);
        }

        sign = sign < 0 && m % 2 == 1 ? -1 : 1;
        if (Complex.Abs(z) < Math.Max(2, m))
        {
            return sign * Series(m, z, -1);
        }

        var count = (2 * (int)Math.Ceiling(Complex.Abs(z) + m)) + 64;
        var sum = Complex.Zero;
        for (var j = 0; j < count; j++)
        {
            var tau = 2 * Math.PI * j / count;
            sum += Complex.Cos((m * tau) - (z * Math.Sin(tau)));
        }

        return sign * sum / count;
    }

    /// <summary>
    /// Iₙ(z) of integer order: the power series for small |z|, else the trapezoidal rule on
    /// (1/2π)∫₀^2π e^(z cos τ) cos(nτ) dτ.
    /// </summary>
    /// <param name="n">The order (an integer).</param>
    /// <param name="z">The argument.</param>
    /// <returns>Iₙ(z).</returns>
    public static Complex BesselI(Complex n, Complex z)
    {
        if (!IntegerOrder(n, out var m, out _))
        {
            return new Complex(double.NaN, double.NaN);
        }

        if (Complex.Abs(z) < Math.Max(2, m))
        {
            return Series(m, z, 1);
        }

        var count = (2 * (int)Math.Ceiling(Complex.Abs(z) + m)) + 64;
        var sum = Complex.Zero;
        for (var j = 0; j < count; j++)
        {
            var tau = 2 * Math.PI * j / count;
            sum += Complex.Exp(z * Math.Cos(tau)) * Math.Cos(m * tau);
        }

        return sum / count;
    }

    /// <summary>
    /// Kₙ(z) of integer order for Re z &gt; 0: the trapezoidal rule on ∫₀^∞ e^(−z cosh t) cosh(nt) dt,
    /// whose integrand is even and decays double-exponentially, so the rule converges exponentially.
    /// </summary>
    /// <param name="n">The order (an integer).</param>
    /// <param name="z">The argument.</param>
    /// <returns>Kₙ(z).</returns>
    public static Complex BesselK(Complex n, Complex z)
    {
        if (!IntegerOrder(n, out var m, out _) || z.Real <= 0)
        {
            return new Complex(double.NaN, double.NaN);
        }

        const double h = 0.125;
        var sum = 0.5 * Complex.Exp(-z);
        for (var j = 1; j < 100_000; j++)
        {
            var t = j * h;
            var exponent = (z.Real * Math.Cosh(t)) - (m * t);
            if (exponent > 745)
            {
                break;
            }

            sum += Complex.Exp(-z * Math.Cosh(t)) * Math.Cosh(m * t);
        }

        return sum * h;
    }

    // Σₖ s^k (z/2)^(2k+m) / (k! (m+k)!), s = −1 for J and +1 for I.
    private static Complex Series(int m, Complex z, int s)
    {
        var half = z / 2;
        var term = ComplexMath.PowInteger(half, m) / SpecialFunctions.Factorial(m);
        var sum = term;
        var q = half * half * s;
        for (var k = 1; k < 500; k++)
        {
            term *= q / (k * (double)(m + k));
            sum += term;
            if (Complex.Abs(term) <= 1e-18 * Complex.Abs(sum))
            {
                break;
            }
        }

        return sum;
    }

    private static bool IntegerOrder(Complex n, out int m, out int sign)
    {
        var ok = n.Imaginary == 0 && double.IsInteger(n.Real) && Math.Abs(n.Real) <= 1000;
        m = ok ? (int)Math.Abs(n.Real) : 0;
        sign = n.Real < 0 ? -1 : 1;
        return ok;
    }

    /// <summary>σ(z) = 1/(1 + e^(−z)), in the form that does not overflow for either sign of Re z.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>σ(z).</returns>
    public static Complex Sigmoid(Complex z)
    {
        if (z.Real >= 0)
        {
            return 1 / (1 + ComplexMath.Exp(-z));
        }

        var e = ComplexMath.Exp(z);
        return e / (1 + e);
    }

    /// <summary>softplus z = max(Re z, 0)-shifted log(1 + eᶻ): z + log(1 + e^(−z)) for Re z ≥ 0, log(1 + eᶻ) below.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>softplus z.</returns>
    public static Complex Softplus(Complex z) =>
        z.Real >= 0 ? z + Log1p(ComplexMath.Exp(-z)) : Log1p(ComplexMath.Exp(z));

    /// <summary>log Σ e^(zᵢ) = m + log Σ e^(zᵢ − m), m the largest real part.</summary>
    /// <param name="z">The arguments.</param>
    /// <returns>logsumexp(z₁, …, zₙ).</returns>
    public static Complex LogSumExp(Complex[] z)
    {
        ArgumentNullException.ThrowIfNull(z);
        var m = z.Max(v => v.Real);
        var sum = Complex.Zero;
        foreach (var v in z)
        {
            sum += ComplexMath.Exp(v - m);
        }

        return m + Log1p(sum - 1);
    }

    /// <summary>log_b z = log z / log b.</summary>
    /// <param name="b">The base.</param>
    /// <param name="z">The argument.</param>
    /// <returns>log_b z.</returns>
    public static Complex LogBase(Complex b, Complex z) => ComplexMath.Log(z) / ComplexMath.Log(b);

    // log(1 + w) keeping the digits of a small w: the real part by log1p of |1 + w|² − 1, the angle exactly.
    private static Complex Log1p(Complex w)
    {
        var re = Special.Log1p((w.Real * (2 + w.Real)) + (w.Imaginary * w.Imaginary)) / 2;
        return new Complex(re, Math.Atan2(w.Imaginary, 1 + w.Real));
    }

    private static Complex Near2(Complex w)
    {
        // The same Taylor series about 2 as the real log Γ (coefficients from Special).
        var sum = Complex.Zero;
        var power = w;
        foreach (var c in Special.LogGammaSeries)
        {
            sum += c * power;
            power *= w;
        }

        return sum;
    }

    private static Complex SinPi(Complex z) =>
        new(double.SinPi(z.Real) * Math.Cosh(Math.PI * z.Imaginary), double.CosPi(z.Real) * Math.Sinh(Math.PI * z.Imaginary));

    private static Complex CosPi(Complex z) =>
        new(double.CosPi(z.Real) * Math.Cosh(Math.PI * z.Imaginary), -double.SinPi(z.Real) * Math.Sinh(Math.PI * z.Imaginary));

    private static double GammaSign(double x) => x > 0 || Math.Floor(x) % 2 == 0 ? 1 : -1;
}
