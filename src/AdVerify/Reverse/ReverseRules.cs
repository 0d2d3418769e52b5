using System.Numerics;
using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Reverse;

/// <summary>
/// The reverse-mode reference card: for every function family, the result r and the local
/// partial derivative(s) the tape stores, one line each. Written independently of the forward
/// card (often in terms of the result rather than the argument) so that agreement between the
/// two modes is evidence rather than tautology.
/// Kink conventions: abs'(0) = 0, sign' = 0, and min/max at a tie give each argument weight ½.
/// </summary>
/// <typeparam name="T">The scalar of values and partials: double, or a dual number for forward-over-reverse.</typeparam>
public static class ReverseRules<T>
    where T : INumber<T>, ITrigonometricFunctions<T>, IHyperbolicFunctions<T>, IExponentialFunctions<T>,
        ILogarithmicFunctions<T>, IPowerFunctions<T>, IRootFunctions<T>
{
    private static T K(double c) => Real.Lift<T>(c);

    // A registry function's value at the scalar T (a nested number goes through its own engine).
    private static T V(FunctionInfo f, T x) => Primitives.Call(f, x);

    private static T V(FunctionInfo f, T x, T y) => Primitives.Call(f, x, y);

    // d/dx of a Bessel-type function by the three-term recurrence in the form C_{n−1} − (n/x)·Cₙ (the forward card
    // uses the symmetric form); at x = 0, where n/x is undefined, the symmetric form (C_{n−1} + s·C_{n+1})/2.
    private static T Recurrence(FunctionInfo f, T n, T x, T r, T previousSign, T nextSign) =>
        x == T.Zero ? ((previousSign * V(f, n - T.One, x)) + (nextSign * V(f, n + T.One, x))) * K(0.5)
            : (previousSign * V(f, n - T.One, x)) - (n / x * r);

    /// <summary>r = √x, ∂ = ½ / r.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Sqrt(T x) { var r = T.Sqrt(x); return (r, K(0.5) / r); }
    /// <summary>r = ∛x, ∂ = r / (3x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Cbrt(T x) { var r = T.Cbrt(x); return (r, r / (K(3) * x)); }
    /// <summary>r = eˣ, ∂ = r.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Exp(T x) { var r = T.Exp(x); return (r, r); }
    /// <summary>r = ln x, ∂ = 1/x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Log(T x) => (T.Log(x), T.One / x);
    /// <summary>r = log₁₀ x, ∂ = log₁₀(e) / x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Log10(T x) => (T.Log10(x), K(1 / Math.Log(10)) / x);
    /// <summary>r = log₂ x, ∂ = log₂(e) / x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Log2(T x) => (T.Log2(x), K(1 / Math.Log(2)) / x);
    /// <summary>r = sin x, ∂ = cos x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Sin(T x) => (T.Sin(x), T.Cos(x));
    /// <summary>r = cos x, ∂ = −sin x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Cos(T x) => (T.Cos(x), -T.Sin(x));
    /// <summary>r = tan x, ∂ = 1 / cos² x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Tan(T x) { var c = T.Cos(x); return (T.Tan(x), T.One / (c * c)); }
    /// <summary>r = sec x, ∂ = r · tan x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Sec(T x) { var r = T.One / T.Cos(x); return (r, r * T.Tan(x)); }
    /// <summary>r = csc x, ∂ = −r / tan x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Csc(T x) { var r = T.One / T.Sin(x); return (r, -r / T.Tan(x)); }
    /// <summary>r = cot x, ∂ = −(1 + r²).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Cot(T x) { var r = T.One / T.Tan(x); return (r, -(T.One + (r * r))); }
    /// <summary>r = asin x, ∂ = 1/√((1 − x)(1 + x)).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Asin(T x) => (T.Asin(x), T.One / T.Sqrt((T.One - x) * (T.One + x)));
    /// <summary>r = acos x, ∂ = −1/√((1 − x)(1 + x)).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Acos(T x) => (T.Acos(x), -T.One / T.Sqrt((T.One - x) * (T.One + x)));
    /// <summary>r = atan x, ∂ = 1 / (1 + x²).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Atan(T x) => (T.Atan(x), T.One / (T.One + (x * x)));
    /// <summary>r = sinh x, ∂ = cosh x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Sinh(T x) => (T.Sinh(x), T.Cosh(x));
    /// <summary>r = cosh x, ∂ = sinh x.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Cosh(T x) => (T.Cosh(x), T.Sinh(x));
    /// <summary>r = tanh x, ∂ = sech² x with sech x = 2e^(−|x|)/(1 + e^(−2|x|)), which never overflows (also under nesting).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Tanh(T x) { var e = T.Exp(-T.Abs(x)); var s = K(2) * e / (T.One + (e * e)); return (T.Tanh(x), s * s); }
    /// <summary>r = asinh x, ∂ = 1 / hypot(x, 1).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Asinh(T x) => (T.Asinh(x), T.One / T.Hypot(x, T.One));
    /// <summary>r = acosh x, ∂ = 1/√((x − 1)(x + 1)).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Acosh(T x) => (T.Acosh(x), T.One / T.Sqrt((x - T.One) * (x + T.One)));
    /// <summary>r = atanh x, ∂ = 1/((1 − x)(1 + x)).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Atanh(T x) => (T.Atanh(x), T.One / ((T.One - x) * (T.One + x)));
    /// <summary>r = |x|, ∂ = −1, 0 or 1 (0 at the kink).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Abs(T x) => (T.Abs(x), x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero);
    /// <summary>r = sign x, ∂ = 0.</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Sign(T x) => (x > T.Zero ? T.One : x < T.Zero ? -T.One : x == T.Zero ? T.Zero : x, T.Zero);
    /// <summary>r = erf x, ∂ = (2/√π) e^(−x²).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Erf(T x) => (Real.Erf(x), K(2 / Math.Sqrt(Math.PI)) * T.Exp(-(x * x)));
    /// <summary>r = Γ(x), ∂ = r·ψ(x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Gamma(T x) { var r = V(Functions.Gamma, x); return (r, r * V(Functions.Digamma, x)); }
    /// <summary>r = log|Γ(x)|, ∂ = ψ(x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) LogGamma(T x) => (V(Functions.LogGamma, x), V(Functions.Digamma, x));
    /// <summary>r = ψ(x), ∂ = ψ⁽¹⁾(x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Digamma(T x) => (V(Functions.Digamma, x), V(Functions.Polygamma, K(1), x));
    /// <summary>r = ψ⁽ⁿ⁾(x), ∂x = ψ⁽ⁿ⁺¹⁾(x) (n is an order, never differentiated).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Result and partial in x.</returns>
    public static (T R, T D) Polygamma(T n, T x) => (V(Functions.Polygamma, n, x), V(Functions.Polygamma, n + K(1), x));
    /// <summary>r = erfc x, ∂ = −(2/√π) e^(−x²).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Erfc(T x) => (V(Functions.Erfc, x), -(K(2 / Math.Sqrt(Math.PI)) * T.Exp(-(x * x))));
    /// <summary>r = erfinv x, ∂ = 1 / erf′(r) = (√π/2) e^(r²).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) ErfInv(T x) { var r = V(Functions.ErfInv, x); return (r, T.One / (K(2 / Math.Sqrt(Math.PI)) * T.Exp(-(r * r)))); }
    /// <summary>r = Jₙ(x), ∂x = Jₙ₋₁(x) − (n/x) r.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Result and partial in x.</returns>
    public static (T R, T D) BesselJ(T n, T x) { var r = V(Functions.BesselJ, n, x); return (r, Recurrence(Functions.BesselJ, n, x, r, T.One, -T.One)); }
    /// <summary>r = Yₙ(x), ∂x = Yₙ₋₁(x) − (n/x) r.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Result and partial in x.</returns>
    public static (T R, T D) BesselY(T n, T x) { var r = V(Functions.BesselY, n, x); return (r, Recurrence(Functions.BesselY, n, x, r, T.One, -T.One)); }
    /// <summary>r = Iₙ(x), ∂x = Iₙ₋₁(x) − (n/x) r.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Result and partial in x.</returns>
    public static (T R, T D) BesselI(T n, T x) { var r = V(Functions.BesselI, n, x); return (r, Recurrence(Functions.BesselI, n, x, r, T.One, T.One)); }
    /// <summary>r = Kₙ(x), ∂x = −Kₙ₋₁(x) − (n/x) r.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Result and partial in x.</returns>
    public static (T R, T D) BesselK(T n, T x) { var r = V(Functions.BesselK, n, x); return (r, Recurrence(Functions.BesselK, n, x, r, -T.One, -T.One)); }
    /// <summary>r = Ai(x), ∂ = Ai′(x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) AiryAi(T x) => (V(Functions.AiryAi, x), V(Functions.AiryAiPrime, x));
    /// <summary>r = Bi(x), ∂ = Bi′(x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) AiryBi(T x) => (V(Functions.AiryBi, x), V(Functions.AiryBiPrime, x));
    /// <summary>r = Ai′(x), ∂ = x·Ai(x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) AiryAiPrime(T x) => (V(Functions.AiryAiPrime, x), x * V(Functions.AiryAi, x));
    /// <summary>r = Bi′(x), ∂ = x·Bi(x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) AiryBiPrime(T x) => (V(Functions.AiryBiPrime, x), x * V(Functions.AiryBi, x));
    /// <summary>r = σ(x), ∂ = σ(x)·σ(−x) (no cancellation in 1 − r for large x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Sigmoid(T x) { var r = V(Functions.Sigmoid, x); return (r, r * V(Functions.Sigmoid, -x)); }
    /// <summary>r = softplus x, ∂ = σ(x).</summary><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Softplus(T x) => (V(Functions.Softplus, x), V(Functions.Sigmoid, x));
    /// <summary>r = xᶜ for a constant c, ∂ = c·xᶜ⁻¹.</summary><param name="x">Base.</param><param name="c">Exponent.</param><returns>Result and partial.</returns>
    public static (T R, T D) PowConstant(T x, double c) => (T.Pow(x, K(c)), K(c) * T.Pow(x, K(c - 1)));

    /// <summary>r = f(x) for a user primitive, ∂ = the derivative registered with it (the one rule every engine shares).</summary><param name="f">The primitive.</param><param name="x">Argument.</param><returns>Result and partial.</returns>
    public static (T R, T D) Custom(FunctionInfo f, T x) => (Primitives.Call(f, x), Primitives.Partial(f, 0, x, x));
    /// <summary>r = f(x, y) for a user primitive, ∂x and ∂y as registered with it.</summary><param name="f">The primitive.</param><param name="x">First argument.</param><param name="y">Second argument.</param><returns>Result and partials.</returns>
    public static (T R, T D0, T D1) Custom(FunctionInfo f, T x, T y) => (Primitives.Call(f, x, y), Primitives.Partial(f, 0, x, y), Primitives.Partial(f, 1, x, y));

    /// <summary>r = ln x / ln b, ∂b = −r/(b ln b), ∂x = (1/ln b)/x.</summary><param name="b">Base.</param><param name="x">Argument.</param><returns>Result and partials (base first).</returns>
    public static (T R, T D0, T D1) LogBase(T b, T x) { var inv = T.One / T.Log(b); var r = T.Log(x) * inv; return (r, -(r * inv) / b, inv / x); }
    /// <summary>r = B(a, b), ∂a = r(ψ(a) − ψ(a + b)), ∂b = r(ψ(b) − ψ(a + b)).</summary><param name="a">First.</param><param name="b">Second.</param><returns>Result and partials.</returns>
    public static (T R, T D0, T D1) Beta(T a, T b) { var r = V(Functions.Beta, a, b); var s = V(Functions.Digamma, a + b); return (r, (V(Functions.Digamma, a) - s) * r, (V(Functions.Digamma, b) - s) * r); }
    /// <summary>r = logsumexp(x), ∂ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m) with m the largest argument (softmax).</summary><param name="x">Arguments.</param><returns>Result and partials.</returns>
    public static (T R, T[] D) LogSumExp(T[] x) { var m = x.MaxBy(Real.Primal)!; var e = x.Select(xi => T.Exp(xi - m)).ToArray(); var s = e.Aggregate(T.Zero, (a, b) => a + b); return (Primitives.Call(Functions.LogSumExp, x), e.Select(ei => ei / s).ToArray()); }
    /// <summary>r = xʸ, ∂x = y·xʸ⁻¹, ∂y = r ln x (0 where x ≤ 0).</summary><param name="x">Base.</param><param name="y">Exponent.</param><returns>Result and partials.</returns>
    public static (T R, T D0, T D1) Pow(T x, T y) { var r = T.Pow(x, y); return (r, y * T.Pow(x, y - T.One), x > T.Zero ? r * T.Log(x) : T.Zero); }
    /// <summary>r = atan2(y, x), ∂y = x/(x² + y²), ∂x = −y/(x² + y²).</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>Result and partials (ordinate first).</returns>
    public static (T R, T D0, T D1) Atan2(T y, T x) { var s = T.One / ((x * x) + (y * y)); return (Real.Atan2(y, x), x * s, -(y * s)); }
    /// <summary>r = hypot(x, y), ∂x = x/r, ∂y = y/r.</summary><param name="x">First leg.</param><param name="y">Second leg.</param><returns>Result and partials.</returns>
    public static (T R, T D0, T D1) Hypot(T x, T y) { var r = T.Hypot(x, y); return (r, x / r, y / r); }
    /// <summary>r = min(x, y); weight 1 to the smaller, ½ each at a tie.</summary><param name="x">First.</param><param name="y">Second.</param><returns>Result and partials.</returns>
    public static (T R, T D0, T D1) Min(T x, T y) => x == y ? ((x + y) * K(0.5), K(0.5), K(0.5)) : x < y ? (x, T.One, T.Zero) : y < x ? (y, T.Zero, T.One) : (x + y, T.Zero, T.Zero);
    /// <summary>r = max(x, y); weight 1 to the larger, ½ each at a tie.</summary><param name="x">First.</param><param name="y">Second.</param><returns>Result and partials.</returns>
    public static (T R, T D0, T D1) Max(T x, T y) => x == y ? ((x + y) * K(0.5), K(0.5), K(0.5)) : x > y ? (x, T.One, T.Zero) : y > x ? (y, T.Zero, T.One) : (x + y, T.Zero, T.Zero);
}
