using System.Numerics;
using AdVerify.Expressions;

namespace AdVerify.Numeric;

/// <summary>
/// Complex extensions of the registry's analytic functions, written so that the imaginary
/// part stays accurate when it is tiny (z = x + ih with h = 1e-20, as the complex step needs):
/// no formula here subtracts nearly equal quantities to form an imaginary part. Each function
/// is the analytic continuation of the real function used by the registry (the real cube
/// root, not the principal one, for negative arguments).
/// </summary>
public static class ComplexMath
{
    private static readonly double Ln10 = Math.Log(10);
    private static readonly double Ln2 = Math.Log(2);
    private static readonly double TwoOverSqrtPi = 2 / Math.Sqrt(Math.PI);
    private static readonly double OneOverSqrtPi = 1 / Math.Sqrt(Math.PI);

    /// <summary>The exponential eᶻ.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>eᶻ.</returns>
    public static Complex Exp(Complex z)
    {
        var m = Math.Exp(z.Real);
        return z.Imaginary == 0 ? new Complex(m, 0) : new Complex(m * Math.Cos(z.Imaginary), m * Math.Sin(z.Imaginary));
    }

    /// <summary>The principal natural logarithm.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>log z with imaginary part in (−π, π].</returns>
    public static Complex Log(Complex z) => new(Math.Log(Complex.Abs(z)), Math.Atan2(z.Imaginary, z.Real));

    /// <summary>The principal base-10 logarithm.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>log₁₀ z.</returns>
    public static Complex Log10(Complex z) => z.Imaginary == 0 && z.Real > 0 ? Math.Log10(z.Real) : Log(z) / Ln10;

    /// <summary>The principal base-2 logarithm.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>log₂ z.</returns>
    public static Complex Log2(Complex z) => z.Imaginary == 0 && z.Real > 0 ? Math.Log2(z.Real) : Log(z) / Ln2;

    /// <summary>The principal square root.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>√z with non-negative real part.</returns>
    public static Complex Sqrt(Complex z)
    {
        if (z.Imaginary == 0)
        {
            return z.Real >= 0 ? new Complex(Math.Sqrt(z.Real), 0) : new Complex(0, Math.Sqrt(-z.Real));
        }

        var t = Math.Sqrt((Complex.Abs(z) + Math.Abs(z.Real)) / 2);
        return z.Real >= 0
            ? new Complex(t, z.Imaginary / (2 * t))
            : new Complex(Math.Abs(z.Imaginary) / (2 * t), Math.CopySign(t, z.Imaginary));
    }

    /// <summary>The cube root continuing the real cube root: principal for Re z ≥ 0, −∛(−z) for Re z &lt; 0.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>∛z, real for real z.</returns>
    public static Complex Cbrt(Complex z)
    {
        if (z.Real < 0)
        {
            return -Cbrt(-z);
        }

        return z.Imaginary == 0
            ? new Complex(Math.Cbrt(z.Real), 0)
            : Complex.FromPolarCoordinates(Math.Cbrt(Complex.Abs(z)), Math.Atan2(z.Imaginary, z.Real) / 3);
    }

    /// <summary>Sine.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>sin z.</returns>
    public static Complex Sin(Complex z) =>
        new(Math.Sin(z.Real) * Math.Cosh(z.Imaginary), Math.Cos(z.Real) * Math.Sinh(z.Imaginary));

    /// <summary>Cosine.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>cos z.</returns>
    public static Complex Cos(Complex z) =>
        new(Math.Cos(z.Real) * Math.Cosh(z.Imaginary), -Math.Sin(z.Real) * Math.Sinh(z.Imaginary));

    /// <summary>Tangent, as sin z / cos z.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>tan z.</returns>
    public static Complex Tan(Complex z) => Sin(z) / Cos(z);

    /// <summary>Secant 1 / cos z.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>sec z.</returns>
    public static Complex Sec(Complex z) => 1 / Cos(z);

    /// <summary>Cosecant 1 / sin z.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>csc z.</returns>
    public static Complex Csc(Complex z) => 1 / Sin(z);

    /// <summary>Cotangent cos z / sin z.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>cot z.</returns>
    public static Complex Cot(Complex z) => Cos(z) / Sin(z);

    /// <summary>Hyperbolic sine.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>sinh z.</returns>
    public static Complex Sinh(Complex z) =>
        new(Math.Sinh(z.Real) * Math.Cos(z.Imaginary), Math.Cosh(z.Real) * Math.Sin(z.Imaginary));

    /// <summary>Hyperbolic cosine.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>cosh z.</returns>
    public static Complex Cosh(Complex z) =>
        new(Math.Cosh(z.Real) * Math.Cos(z.Imaginary), Math.Sinh(z.Real) * Math.Sin(z.Imaginary));

    /// <summary>Hyperbolic tangent, (sinh 2a + i sin 2b) / (cosh 2a + cos 2b) for z = a + ib.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>tanh z.</returns>
    public static Complex Tanh(Complex z)
    {
        var a2 = 2 * z.Real;
        var b2 = 2 * z.Imaginary;
        var d = Math.Cosh(a2) + Math.Cos(b2);
        var real = Math.Abs(z.Real) > 20 ? Math.Sign(z.Real) : Math.Sinh(a2) / d;
        return new Complex(real, Math.Sin(b2) / d);
    }

    /// <summary>Principal inverse sine (computed from |z + 1| and |z − 1| without cancellation).</summary>
    /// <param name="z">The argument.</param>
    /// <returns>asin z.</returns>
    public static Complex Asin(Complex z)
    {
        var (real, imag) = ArcSine(z.Real, z.Imaginary);
        return new Complex(real, imag);
    }

    /// <summary>Principal inverse cosine.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>acos z.</returns>
    public static Complex Acos(Complex z)
    {
        var (a, b) = (z.Real, z.Imaginary);
        var (_, imag) = ArcSine(a, b);
        var (alphaMinusA, alphaPlusA, _) = ArcSineParts(a, b);
        return new Complex(Math.Atan2(Math.Sqrt(alphaMinusA * alphaPlusA), a), -imag);
    }

    /// <summary>Principal inverse tangent.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>atan z.</returns>
    public static Complex Atan(Complex z)
    {
        var (real, imag) = ArcTangent(z.Real, z.Imaginary);
        return new Complex(real, imag);
    }

    /// <summary>Inverse hyperbolic sine, −i·asin(iz).</summary>
    /// <param name="z">The argument.</param>
    /// <returns>asinh z.</returns>
    public static Complex Asinh(Complex z)
    {
        var (real, imag) = ArcSine(-z.Imaginary, z.Real);
        return new Complex(imag, -real);
    }

    /// <summary>Inverse hyperbolic cosine, log(z + √(z + 1)·√(z − 1)).</summary>
    /// <param name="z">The argument.</param>
    /// <returns>acosh z.</returns>
    public static Complex Acosh(Complex z) => Log(z + (Sqrt(z + 1) * Sqrt(z - 1)));

    /// <summary>Inverse hyperbolic tangent, −i·atan(iz).</summary>
    /// <param name="z">The argument.</param>
    /// <returns>atanh z.</returns>
    public static Complex Atanh(Complex z)
    {
        var (real, imag) = ArcTangent(-z.Imaginary, z.Real);
        return new Complex(imag, -real);
    }

    /// <summary>
    /// The error function: the series erf z = (2/√π)·e^(−z²)·Σ 2ⁿ z^(2n+1) / (1·3·…·(2n+1)) for
    /// |z| &lt; 2, the continued fraction of erfc beyond; odd symmetry maps Re z &lt; 0 to Re z &gt; 0.
    /// </summary>
    /// <param name="z">The argument.</param>
    /// <returns>erf z.</returns>
    public static Complex Erf(Complex z)
    {
        if (z.Real < 0)
        {
            return -Erf(-z);
        }

        if (Complex.Abs(z) < 2)
        {
            var z2 = z * z;
            var term = z;
            var sum = z;
            for (var n = 1; n < 500; n++)
            {
                term *= 2 * z2 / ((2 * n) + 1);
                sum += term;
                if (Complex.Abs(term) <= 1e-17 * Complex.Abs(sum))
                {
                    break;
                }
            }

            return TwoOverSqrtPi * Exp(-z2) * sum;
        }

        return 1 - Erfc(z);
    }

    /// <summary>The complementary error function for Re z &gt; 0 and |z| ≥ 2 by its continued fraction (modified Lentz).</summary>
    /// <param name="z">The argument.</param>
    /// <returns>erfc z.</returns>
    internal static Complex Erfc(Complex z)
    {
        // erfc z = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))).
        const double tiny = 1e-300;
        var f = z;
        var c = z;
        var d = Complex.Zero;
        for (var n = 1; n < 10_000; n++)
        {
            var an = n / 2.0;
            d = z + (an * d);
            if (d == Complex.Zero)
            {
                d = tiny;
            }

            c = z + (an / c);
            if (c == Complex.Zero)
            {
                c = tiny;
            }

            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Complex.Abs(delta - 1) < 1e-17)
            {
                break;
            }
        }

        return OneOverSqrtPi * Exp(-(z * z)) / f;
    }

    /// <summary>An integer power by repeated squaring (valid for every base, including negative reals).</summary>
    /// <param name="z">The base.</param>
    /// <param name="n">The exponent.</param>
    /// <returns>zⁿ.</returns>
    public static Complex PowInteger(Complex z, long n)
    {
        if (n < 0)
        {
            return 1 / PowInteger(z, -n);
        }

        var result = Complex.One;
        var b = z;
        while (n > 0)
        {
            if ((n & 1) == 1)
            {
                result *= b;
            }

            n >>= 1;
            if (n > 0)
            {
                b *= b;
            }
        }

        return result;
    }

    /// <summary>
    /// The power z^(p/q) continuing the real power: principal for Re z &gt; 0; for Re z &lt; 0 and
    /// odd q the real branch (−1)ᵖ·(−z)^(p/q); NaN for Re z &lt; 0 and even q (no real value).
    /// </summary>
    /// <param name="z">The base.</param>
    /// <param name="p">The numerator of the exponent.</param>
    /// <param name="q">The denominator of the exponent (positive, in lowest terms with p).</param>
    /// <returns>z^(p/q).</returns>
    public static Complex PowRational(Complex z, double p, double q)
    {
        if (q == 1 && Math.Abs(p) <= long.MaxValue / 2)
        {
            return PowInteger(z, (long)p);
        }

        if (z.Real < 0)
        {
            if (q % 2 == 0)
            {
                return new Complex(double.NaN, double.NaN);
            }

            var r = PowPrincipal(-z, p / q);
            return p % 2 == 0 ? r : -r;
        }

        return PowPrincipal(z, p / q);
    }

    /// <summary>The principal power z^w = exp(w·log z) (z ≠ 0).</summary>
    /// <param name="z">The base.</param>
    /// <param name="w">The exponent.</param>
    /// <returns>z^w.</returns>
    public static Complex Pow(Complex z, Complex w)
    {
        if (w.Imaginary == 0 && z.Real > 0)
        {
            return PowPrincipal(z, w.Real);
        }

        return Exp(w * Log(z));
    }

    /// <summary>The two-argument arctangent continued analytically from the real atan2(y, x).</summary>
    /// <param name="y">The ordinate.</param>
    /// <param name="x">The abscissa.</param>
    /// <returns>atan2(y, x).</returns>
    public static Complex Atan2(Complex y, Complex x)
    {
        if (x.Real == 0 && y.Real == 0)
        {
            return new Complex(double.NaN, double.NaN);
        }

        if (Math.Abs(y.Real) > Math.Abs(x.Real))
        {
            return (Math.Sign(y.Real) * Math.PI / 2) - Atan(x / y);
        }

        var a = Atan(y / x);
        return x.Real > 0 ? a : a + (y.Real >= 0 ? Math.PI : -Math.PI);
    }

    /// <summary>The Euclidean length √(x² + y²) continued analytically (scaled to avoid overflow).</summary>
    /// <param name="x">The first leg.</param>
    /// <param name="y">The second leg.</param>
    /// <returns>hypot(x, y).</returns>
    public static Complex Hypot(Complex x, Complex y)
    {
        var m = Math.Max(Math.Abs(x.Real), Math.Abs(y.Real));
        if (m == 0 || !double.IsFinite(m))
        {
            return m == 0 && x.Imaginary == 0 && y.Imaginary == 0 ? Complex.Zero : new Complex(double.NaN, double.NaN);
        }

        var xs = x / m;
        var ys = y / m;
        return m * Sqrt((xs * xs) + (ys * ys));
    }

    private static Complex PowPrincipal(Complex z, double e) =>
        z.Imaginary == 0
            ? new Complex(Math.Pow(z.Real, e), 0)
            : Complex.FromPolarCoordinates(Math.Pow(Complex.Abs(z), e), e * Math.Atan2(z.Imaginary, z.Real));

    /// <summary>asin(a + ib) split into real and imaginary parts.</summary>
    private static (double Real, double Imag) ArcSine(double a, double b)
    {
        var (alphaMinusA, alphaPlusA, alphaMinusOne) = ArcSineParts(a, b);
        var alpha = alphaMinusOne + 1;
        var real = Math.Atan2(a, Math.Sqrt(alphaMinusA * alphaPlusA));
        var imag = Math.CopySign(LogOnePlus(alphaMinusOne + Math.Sqrt(alphaMinusOne * (alpha + 1))), b);
        return (real, imag);
    }

    /// <summary>
    /// With r = |z + 1|, s = |z − 1| and α = (r + s)/2: the quantities α − a, α + a and α − 1,
    /// each formed from the excesses r − |1 + a| = b²/(r + |1 + a|) and s − |1 − a| = b²/(s + |1 − a|)
    /// so that none of them suffers cancellation when b is tiny.
    /// </summary>
    private static (double AlphaMinusA, double AlphaPlusA, double AlphaMinusOne) ArcSineParts(double a, double b)
    {
        var p = Math.Abs(1 + a);
        var m = Math.Abs(1 - a);
        var r = Functions.Hypotenuse(p, b);
        var s = Functions.Hypotenuse(m, b);
        var b2 = b * b;
        var dr = b2 == 0 ? 0 : b2 / (r + p);
        var ds = b2 == 0 ? 0 : b2 / (s + m);
        var excess = (dr + ds) / 2;
        var big = Math.Max(1, Math.Abs(a));
        return (excess + (big - a), excess + (big + a), excess + (big - 1));
    }

    /// <summary>atan(a + ib) split into real and imaginary parts.</summary>
    private static (double Real, double Imag) ArcTangent(double a, double b)
    {
        var denominator = Math.Abs(a) >= Math.Abs(b) ? ((1 - a) * (1 + a)) - (b * b) : ((1 - b) * (1 + b)) - (a * a);
        var real = 0.5 * Math.Atan2(2 * a, denominator);
        // ¼·log(((1 + b)² + a²) / ((1 − b)² + a²)): as log1p of 4b/(…) for small b, and as a difference
        // of logarithms near b = ±1, where 1 + 4b/(…) would cancel (atanh of a number near ±1).
        var imag = Math.Abs(b) < 0.5
            ? 0.25 * LogOnePlus(4 * b / ((a * a) + ((1 - b) * (1 - b))))
            : 0.25 * (Math.Log(((1 + b) * (1 + b)) + (a * a)) - Math.Log(((1 - b) * (1 - b)) + (a * a)));
        return (real, imag);
    }

    /// <summary>log(1 + x), accurate for tiny x.</summary>
    private static double LogOnePlus(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
