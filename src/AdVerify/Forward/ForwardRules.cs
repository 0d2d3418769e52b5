using System.Numerics;
using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Forward;

/// <summary>
/// The forward-mode reference card: for every function family, its value and its derivative
/// (slope) at a point, one line each, generic over the scalar type. <see cref="Dual{T}"/> and
/// <see cref="DualVector"/> push tangents through these rules; the reverse engine keeps its own,
/// independently written card so that the two modes check each other.
/// Kink conventions: abs'(0) = 0, sign' = 0, and min/max at a tie give each argument weight ½.
/// </summary>
/// <typeparam name="T">The scalar: double or an AdVerify number type (for nesting).</typeparam>
public static class ForwardRules<T>
    where T : INumber<T>, ITrigonometricFunctions<T>, IHyperbolicFunctions<T>, IExponentialFunctions<T>,
        ILogarithmicFunctions<T>, IPowerFunctions<T>, IRootFunctions<T>
{
    private static T C(double c) => Real.Lift<T>(c);

    // A registry function's value at the scalar T (an AD number nests through its own engine).
    private static T F(FunctionInfo f, T x) => Primitives.Call(f, x);

    private static T F(FunctionInfo f, T x, T y) => Primitives.Call(f, x, y);

    private static T SignOf(T x) { var p = Real.Primal(x); return C(double.IsNaN(p) ? double.NaN : Math.Sign(p)); }

    // ---- unary: (value, d value / dx) ------------------------------------------------------
    /// <summary>√x and 1/(2√x).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Sqrt(T x) { var v = T.Sqrt(x); return (v, T.One / (v + v)); }
    /// <summary>∛x and 1/(3∛x²).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Cbrt(T x) { var v = T.Cbrt(x); return (v, T.One / (C(3) * v * v)); }
    /// <summary>eˣ and eˣ.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Exp(T x) { var v = T.Exp(x); return (v, v); }
    /// <summary>ln x and 1/x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Log(T x) => (T.Log(x), T.One / x);
    /// <summary>log₁₀ x and 1/(x ln 10).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Log10(T x) => (T.Log10(x), T.One / (x * C(Math.Log(10))));
    /// <summary>log₂ x and 1/(x ln 2).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Log2(T x) => (T.Log2(x), T.One / (x * C(Math.Log(2))));
    /// <summary>sin x and cos x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Sin(T x) => (T.Sin(x), T.Cos(x));
    /// <summary>cos x and −sin x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Cos(T x) => (T.Cos(x), -T.Sin(x));
    /// <summary>tan x and 1 + tan² x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Tan(T x) { var v = T.Tan(x); return (v, T.One + (v * v)); }
    /// <summary>sec x and sin x / cos² x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Sec(T x) { var c = T.Cos(x); return (T.One / c, T.Sin(x) / (c * c)); }
    /// <summary>csc x and −cos x / sin² x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Csc(T x) { var s = T.Sin(x); return (T.One / s, -T.Cos(x) / (s * s)); }
    /// <summary>cot x and −1 / sin² x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Cot(T x) { var s = T.Sin(x); return (T.Cos(x) / s, -T.One / (s * s)); }
    /// <summary>asin x and 1/√(1 − x²).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Asin(T x) => (T.Asin(x), T.One / T.Sqrt(T.One - (x * x)));
    /// <summary>acos x and −1/√(1 − x²).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Acos(T x) => (T.Acos(x), -T.One / T.Sqrt(T.One - (x * x)));
    /// <summary>atan x and 1/(1 + x²).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Atan(T x) => (T.Atan(x), T.One / (T.One + (x * x)));
    /// <summary>sinh x and cosh x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Sinh(T x) => (T.Sinh(x), T.Cosh(x));
    /// <summary>cosh x and sinh x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Cosh(T x) => (T.Cosh(x), T.Sinh(x));
    /// <summary>tanh x and 1 − tanh² x.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Tanh(T x) { var v = T.Tanh(x); return (v, T.One - (v * v)); }
    /// <summary>asinh x and 1/√(x² + 1).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Asinh(T x) => (T.Asinh(x), T.One / T.Sqrt((x * x) + T.One));
    /// <summary>acosh x and 1/√(x² − 1).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Acosh(T x) => (T.Acosh(x), T.One / T.Sqrt((x * x) - T.One));
    /// <summary>atanh x and 1/(1 − x²).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Atanh(T x) => (T.Atanh(x), T.One / (T.One - (x * x)));
    /// <summary>|x| and sign x (so abs'(0) = 0).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Abs(T x) => (T.Abs(x), SignOf(x));
    /// <summary>sign x and 0.</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Sign(T x) => (SignOf(x), T.Zero);
    /// <summary>erf x and (2/√π) e^(−x²).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Erf(T x) => (Real.Erf(x), C(2 / Math.Sqrt(Math.PI)) * T.Exp(-(x * x)));
    /// <summary>Γ(x) and Γ(x)ψ(x).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Gamma(T x) { var g = F(Functions.Gamma, x); return (g, g * F(Functions.Digamma, x)); }
    /// <summary>log|Γ(x)| and ψ(x).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) LogGamma(T x) => (F(Functions.LogGamma, x), F(Functions.Digamma, x));
    /// <summary>ψ(x) and ψ⁽¹⁾(x).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Digamma(T x) => (F(Functions.Digamma, x), F(Functions.Polygamma, T.One, x));
    /// <summary>ψ⁽ⁿ⁾(x) and ψ⁽ⁿ⁺¹⁾(x) (slope in x; the order n is not differentiable).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Value and slope in x.</returns>
    public static (T Value, T Slope) Polygamma(T n, T x) => (F(Functions.Polygamma, n, x), F(Functions.Polygamma, n + T.One, x));
    /// <summary>erfc x and −(2/√π) e^(−x²).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Erfc(T x) => (F(Functions.Erfc, x), C(-2 / Math.Sqrt(Math.PI)) * T.Exp(-(x * x)));
    /// <summary>erfinv x = v and (√π/2) e^(v²).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) ErfInv(T x) { var v = F(Functions.ErfInv, x); return (v, C(Math.Sqrt(Math.PI) / 2) * T.Exp(v * v)); }
    /// <summary>Jₙ(x) and (Jₙ₋₁(x) − Jₙ₊₁(x))/2.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Value and slope in x.</returns>
    public static (T Value, T Slope) BesselJ(T n, T x) => (F(Functions.BesselJ, n, x), (F(Functions.BesselJ, n - T.One, x) - F(Functions.BesselJ, n + T.One, x)) * C(0.5));
    /// <summary>Yₙ(x) and (Yₙ₋₁(x) − Yₙ₊₁(x))/2.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Value and slope in x.</returns>
    public static (T Value, T Slope) BesselY(T n, T x) => (F(Functions.BesselY, n, x), (F(Functions.BesselY, n - T.One, x) - F(Functions.BesselY, n + T.One, x)) * C(0.5));
    /// <summary>Iₙ(x) and (Iₙ₋₁(x) + Iₙ₊₁(x))/2.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Value and slope in x.</returns>
    public static (T Value, T Slope) BesselI(T n, T x) => (F(Functions.BesselI, n, x), (F(Functions.BesselI, n - T.One, x) + F(Functions.BesselI, n + T.One, x)) * C(0.5));
    /// <summary>Kₙ(x) and −(Kₙ₋₁(x) + Kₙ₊₁(x))/2.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Value and slope in x.</returns>
    public static (T Value, T Slope) BesselK(T n, T x) => (F(Functions.BesselK, n, x), (F(Functions.BesselK, n - T.One, x) + F(Functions.BesselK, n + T.One, x)) * C(-0.5));
    /// <summary>Ai(x) and Ai′(x).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) AiryAi(T x) => (F(Functions.AiryAi, x), F(Functions.AiryAiPrime, x));
    /// <summary>Bi(x) and Bi′(x).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) AiryBi(T x) => (F(Functions.AiryBi, x), F(Functions.AiryBiPrime, x));
    /// <summary>Ai′(x) and x·Ai(x) (the Airy equation).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) AiryAiPrime(T x) => (F(Functions.AiryAiPrime, x), x * F(Functions.AiryAi, x));
    /// <summary>Bi′(x) and x·Bi(x) (the Airy equation).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) AiryBiPrime(T x) => (F(Functions.AiryBiPrime, x), x * F(Functions.AiryBi, x));
    /// <summary>σ(x) = s and s(1 − s).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Sigmoid(T x) { var s = F(Functions.Sigmoid, x); return (s, s * (T.One - s)); }
    /// <summary>softplus x and σ(x).</summary><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Softplus(T x) => (F(Functions.Softplus, x), F(Functions.Sigmoid, x));
    /// <summary>xᶜ for a constant c, and c·xᶜ⁻¹.</summary><param name="x">Base.</param><param name="c">Constant exponent.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) PowConstant(T x, double c) => (T.Pow(x, C(c)), C(c) * T.Pow(x, C(c - 1)));

    /// <summary>
    /// A user primitive f and the derivative registered with it (the user's rule, shared by
    /// every engine by design; see <see cref="PrimitiveRule"/>). At a nested scalar the slope is
    /// the registered derivative expression, so delegate-only rules refuse second order.
    /// </summary>
    /// <param name="f">The primitive.</param><param name="x">Argument.</param><returns>Value and slope.</returns>
    public static (T Value, T Slope) Custom(FunctionInfo f, T x) => (Primitives.Call(f, x), Primitives.Partial(f, 0, x, x));

    // ---- binary: (value, ∂/∂x, ∂/∂y) -----------------------------------------------------------
    /// <summary>log_b x = ln x / ln b with ∂b = −log_b x / (b ln b) and ∂x = 1/(x ln b).</summary><param name="b">Base.</param><param name="x">Argument.</param><returns>Value and partials (base first).</returns>
    public static (T Value, T Dx, T Dy) LogBase(T b, T x) { var lb = T.Log(b); var v = T.Log(x) / lb; return (v, -v / (b * lb), T.One / (x * lb)); }
    /// <summary>B(a, b) = v with ∂a = v(ψ(a) − ψ(a + b)) and ∂b = v(ψ(b) − ψ(a + b)).</summary><param name="a">First.</param><param name="b">Second.</param><returns>Value and partials.</returns>
    public static (T Value, T Dx, T Dy) Beta(T a, T b) { var v = F(Functions.Beta, a, b); var s = F(Functions.Digamma, a + b); return (v, v * (F(Functions.Digamma, a) - s), v * (F(Functions.Digamma, b) - s)); }
    /// <summary>xʸ with ∂x = y·xʸ⁻¹ and ∂y = xʸ ln x (taken as 0 where x ≤ 0).</summary><param name="x">Base.</param><param name="y">Exponent.</param><returns>Value and partials.</returns>
    public static (T Value, T Dx, T Dy) Pow(T x, T y) { var v = T.Pow(x, y); return (v, y * T.Pow(x, y - T.One), x > T.Zero ? v * T.Log(x) : T.Zero); }
    /// <summary>A two-argument user primitive f(x, y) with its registered partials ∂x and ∂y.</summary><param name="f">The primitive.</param><param name="x">First argument.</param><param name="y">Second argument.</param><returns>Value and partials.</returns>
    public static (T Value, T Dx, T Dy) Custom(FunctionInfo f, T x, T y) => (Primitives.Call(f, x, y), Primitives.Partial(f, 0, x, y), Primitives.Partial(f, 1, x, y));
    /// <summary>atan2(y, x) with ∂y = x/(x² + y²) and ∂x = −y/(x² + y²).</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>Value and partials (first argument first).</returns>
    public static (T Value, T Dx, T Dy) Atan2(T y, T x) { var r = (x * x) + (y * y); return (Real.Atan2(y, x), x / r, -y / r); }
    /// <summary>hypot(x, y) = h with ∂x = x/h and ∂y = y/h.</summary><param name="x">First leg.</param><param name="y">Second leg.</param><returns>Value and partials.</returns>
    public static (T Value, T Dx, T Dy) Hypot(T x, T y) { var h = T.Hypot(x, y); return (h, x / h, y / h); }
    /// <summary>min(x, y): the smaller argument gets weight 1; at a tie each gets ½.</summary><param name="x">First.</param><param name="y">Second.</param><returns>Value and partials.</returns>
    public static (T Value, T Dx, T Dy) Min(T x, T y) => x < y ? (x, T.One, T.Zero) : y < x ? (y, T.Zero, T.One) : ((x + y) * C(0.5), C(0.5), C(0.5));
    /// <summary>max(x, y): the larger argument gets weight 1; at a tie each gets ½.</summary><param name="x">First.</param><param name="y">Second.</param><returns>Value and partials.</returns>
    public static (T Value, T Dx, T Dy) Max(T x, T y) => x > y ? (x, T.One, T.Zero) : y > x ? (y, T.Zero, T.One) : ((x + y) * C(0.5), C(0.5), C(0.5));

    // ---- variadic: (value, one partial per argument) ---------------------------------------------
    /// <summary>
    /// logsumexp(x) with ∂ᵢ = e^(−logsumexp(x − xᵢ)), the softmax weight from differences only (exact
    /// for ties at any size) and stable: no exponential overflows, so a nested number such as
    /// Dual&lt;Dual&lt;T&gt;&gt; never meets ∞ in a tangent.
    /// </summary><param name="x">Arguments.</param><returns>Value and partials.</returns>
    public static (T Value, T[] Partials) LogSumExp(T[] x) =>
        (Primitives.Call(Functions.LogSumExp, x), x.Select(xi => T.Exp(-Primitives.Call(Functions.LogSumExp, x.Select(xj => xj - xi).ToArray()))).ToArray());
}
