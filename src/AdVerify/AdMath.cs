using System.Numerics;
using System.Reflection;
using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify;

/// <summary>
/// The one entry point for every function of the registry (<see cref="Functions"/>) from generic
/// code: <c>AdMath.Erf(x)</c> runs on <see cref="double"/>, <see cref="float"/> and every AdVerify
/// number (forward duals, reverse variables, nested types, the symbolic tracer and the complex-step
/// scalar), so a function written once over <see cref="IFloatingPointIeee754{TSelf}"/> can use
/// erf, sec, sign or a user primitive and still run everywhere. On an AD number each call is
/// differentiated by that engine's own rule card. Functions the BCL already has (<c>T.Sin</c>,
/// <c>T.Exp</c>, <c>T.Atan2</c>, …) may be called either way. Constants from outside lift with the
/// BCL idiom <c>T.CreateChecked(1.5)</c>, which also works on every scalar.
/// </summary>
public static class AdMath
{
    /// <summary>Square root.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>√x.</returns>
    public static T Sqrt<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x);
    /// <summary>Real cube root.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>∛x.</returns>
    public static T Cbrt<T>(T x) where T : IFloatingPointIeee754<T> => T.Cbrt(x);
    /// <summary>Exponential.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>eˣ.</returns>
    public static T Exp<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x);
    /// <summary>Natural logarithm.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>ln x.</returns>
    public static T Log<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x);
    /// <summary>Base-10 logarithm.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>log₁₀ x.</returns>
    public static T Log10<T>(T x) where T : IFloatingPointIeee754<T> => T.Log10(x);
    /// <summary>Base-2 logarithm.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>log₂ x.</returns>
    public static T Log2<T>(T x) where T : IFloatingPointIeee754<T> => T.Log2(x);
    /// <summary>Sine.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument (radians).</param><returns>sin x.</returns>
    public static T Sin<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
    /// <summary>Cosine.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument (radians).</param><returns>cos x.</returns>
    public static T Cos<T>(T x) where T : IFloatingPointIeee754<T> => T.Cos(x);
    /// <summary>Tangent.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument (radians).</param><returns>tan x.</returns>
    public static T Tan<T>(T x) where T : IFloatingPointIeee754<T> => T.Tan(x);
    /// <summary>Secant 1/cos x.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument (radians).</param><returns>sec x.</returns>
    public static T Sec<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Sec, x);
    /// <summary>Cosecant 1/sin x.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument (radians).</param><returns>csc x.</returns>
    public static T Csc<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Csc, x);
    /// <summary>Cotangent cos x / sin x.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument (radians).</param><returns>cot x.</returns>
    public static T Cot<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Cot, x);
    /// <summary>Inverse sine.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>asin x.</returns>
    public static T Asin<T>(T x) where T : IFloatingPointIeee754<T> => T.Asin(x);
    /// <summary>Inverse cosine.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>acos x.</returns>
    public static T Acos<T>(T x) where T : IFloatingPointIeee754<T> => T.Acos(x);
    /// <summary>Inverse tangent.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>atan x.</returns>
    public static T Atan<T>(T x) where T : IFloatingPointIeee754<T> => T.Atan(x);
    /// <summary>Hyperbolic sine.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>sinh x.</returns>
    public static T Sinh<T>(T x) where T : IFloatingPointIeee754<T> => T.Sinh(x);
    /// <summary>Hyperbolic cosine.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>cosh x.</returns>
    public static T Cosh<T>(T x) where T : IFloatingPointIeee754<T> => T.Cosh(x);
    /// <summary>Hyperbolic tangent.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>tanh x.</returns>
    public static T Tanh<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x);
    /// <summary>Inverse hyperbolic sine.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>asinh x.</returns>
    public static T Asinh<T>(T x) where T : IFloatingPointIeee754<T> => T.Asinh(x);
    /// <summary>Inverse hyperbolic cosine.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>acosh x.</returns>
    public static T Acosh<T>(T x) where T : IFloatingPointIeee754<T> => T.Acosh(x);
    /// <summary>Inverse hyperbolic tangent.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>atanh x.</returns>
    public static T Atanh<T>(T x) where T : IFloatingPointIeee754<T> => T.Atanh(x);
    /// <summary>Absolute value (every engine takes abs′(0) = 0).</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>|x|.</returns>
    public static T Abs<T>(T x) where T : IFloatingPointIeee754<T> => T.Abs(x);
    /// <summary>The sign as a number: −1, 0 or 1 (NaN stays NaN); its derivative is 0.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>sign x.</returns>
    public static T Sign<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Sign, x);
    /// <summary>The error function.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>erf x.</returns>
    public static T Erf<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Erf, x);
    /// <summary>Power xʸ.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Base.</param><param name="y">Exponent.</param><returns>xʸ.</returns>
    public static T Pow<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Pow(x, y);
    /// <summary>Power with a constant exponent xᶜ (no derivative with respect to the exponent is formed).</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Base.</param><param name="c">Constant exponent.</param><returns>xᶜ.</returns>
    public static T Pow<T>(T x, double c)
        where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? (T)(object)Math.Pow((double)(object)x, c)
        : Dispatch<T>.IsAd ? Dispatch<T>.PowConstant!(x, c)
        : T.Pow(x, T.CreateChecked(c));
    /// <summary>Two-argument arctangent: the angle of the point (x, y).</summary><typeparam name="T">Any scalar.</typeparam><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>atan2(y, x).</returns>
    public static T Atan2<T>(T y, T x) where T : IFloatingPointIeee754<T> => T.Atan2(y, x);
    /// <summary>Euclidean length √(x² + y²) without overflow.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">First leg.</param><param name="y">Second leg.</param><returns>hypot(x, y).</returns>
    public static T Hypot<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Hypot(x, y);
    /// <summary>Minimum (at a tie every engine gives each argument weight ½).</summary><typeparam name="T">Any scalar.</typeparam><param name="x">First.</param><param name="y">Second.</param><returns>min(x, y).</returns>
    public static T Min<T>(T x, T y) where T : IFloatingPointIeee754<T> => Call(Functions.Min, x, y);
    /// <summary>Maximum (at a tie every engine gives each argument weight ½).</summary><typeparam name="T">Any scalar.</typeparam><param name="x">First.</param><param name="y">Second.</param><returns>max(x, y).</returns>
    public static T Max<T>(T x, T y) where T : IFloatingPointIeee754<T> => Call(Functions.Max, x, y);

    /// <summary>The gamma function.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>Γ(x).</returns>
    public static T Gamma<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Gamma, x);
    /// <summary>log |Γ(x)|, the log-gamma function.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>lgamma x.</returns>
    public static T LGamma<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.LogGamma, x);
    /// <summary>The digamma function ψ = Γ′/Γ.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>ψ(x).</returns>
    public static T Digamma<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Digamma, x);
    /// <summary>The complementary error function 1 − erf x.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>erfc x.</returns>
    public static T Erfc<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Erfc, x);
    /// <summary>The inverse error function.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>erfinv x.</returns>
    public static T ErfInv<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.ErfInv, x);
    /// <summary>The Airy function Ai.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>Ai(x).</returns>
    public static T AiryAi<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.AiryAi, x);
    /// <summary>The Airy function Bi.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>Bi(x).</returns>
    public static T AiryBi<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.AiryBi, x);
    /// <summary>The derivative Ai′ of the Airy function.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>Ai′(x).</returns>
    public static T AiryAiPrime<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.AiryAiPrime, x);
    /// <summary>The derivative Bi′ of the Airy function.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>Bi′(x).</returns>
    public static T AiryBiPrime<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.AiryBiPrime, x);
    /// <summary>The logistic sigmoid 1/(1 + e^(−x)), stable for large |x|.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>σ(x).</returns>
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Sigmoid, x);
    /// <summary>The softplus log(1 + eˣ), stable for large |x|.</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Argument.</param><returns>softplus x.</returns>
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> => Call(Functions.Softplus, x);
    /// <summary>The polygamma function of integer order n (no derivative in n).</summary><typeparam name="T">Any scalar.</typeparam><param name="n">Order (an integer).</param><param name="x">Argument.</param><returns>ψ⁽ⁿ⁾(x).</returns>
    public static T Polygamma<T>(T n, T x) where T : IFloatingPointIeee754<T> => Call(Functions.Polygamma, n, x);
    /// <summary>The Bessel function J of integer order n (no derivative in n).</summary><typeparam name="T">Any scalar.</typeparam><param name="n">Order (an integer).</param><param name="x">Argument.</param><returns>Jₙ(x).</returns>
    public static T BesselJ<T>(T n, T x) where T : IFloatingPointIeee754<T> => Call(Functions.BesselJ, n, x);
    /// <summary>The Bessel function Y of integer order n (no derivative in n).</summary><typeparam name="T">Any scalar.</typeparam><param name="n">Order (an integer).</param><param name="x">Argument.</param><returns>Yₙ(x).</returns>
    public static T BesselY<T>(T n, T x) where T : IFloatingPointIeee754<T> => Call(Functions.BesselY, n, x);
    /// <summary>The modified Bessel function I of integer order n (no derivative in n).</summary><typeparam name="T">Any scalar.</typeparam><param name="n">Order (an integer).</param><param name="x">Argument.</param><returns>Iₙ(x).</returns>
    public static T BesselI<T>(T n, T x) where T : IFloatingPointIeee754<T> => Call(Functions.BesselI, n, x);
    /// <summary>The modified Bessel function K of integer order n (no derivative in n).</summary><typeparam name="T">Any scalar.</typeparam><param name="n">Order (an integer).</param><param name="x">Argument.</param><returns>Kₙ(x).</returns>
    public static T BesselK<T>(T n, T x) where T : IFloatingPointIeee754<T> => Call(Functions.BesselK, n, x);
    /// <summary>The logarithm to the base b, ln x / ln b.</summary><typeparam name="T">Any scalar.</typeparam><param name="b">Base.</param><param name="x">Argument.</param><returns>log_b x.</returns>
    public static T Log<T>(T b, T x) where T : IFloatingPointIeee754<T> => Call(Functions.LogBase, b, x);
    /// <summary>The beta function Γ(a)Γ(b)/Γ(a + b).</summary><typeparam name="T">Any scalar.</typeparam><param name="a">First.</param><param name="b">Second.</param><returns>B(a, b).</returns>
    public static T Beta<T>(T a, T b) where T : IFloatingPointIeee754<T> => Call(Functions.Beta, a, b);
    /// <summary>log Σ e^(xᵢ), computed stably (logsumexp(1000, 1000) = 1000 + ln 2).</summary><typeparam name="T">Any scalar.</typeparam><param name="x">Arguments (at least one).</param><returns>logsumexp(x).</returns>
    public static T LogSumExp<T>(params T[] x) where T : IFloatingPointIeee754<T> => Call(Functions.LogSumExp, x);

    /// <summary>
    /// Calls any one-argument function of the registry — a built-in or a user primitive made with
    /// <c>Functions.Define</c> — on any scalar: the registered value on plain floating-point types,
    /// the engine's own rule (or the primitive's registered rule) on AD numbers.
    /// </summary>
    /// <typeparam name="T">Any scalar.</typeparam>
    /// <param name="function">The function.</param>
    /// <param name="x">The argument.</param>
    /// <returns>f(x).</returns>
    public static T Call<T>(FunctionInfo function, T x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        if (typeof(T) == typeof(double))
        {
            return (T)(object)function.Evaluate((double)(object)x);
        }

        return Dispatch<T>.IsAd
            ? Dispatch<T>.Apply1!(function, x)
            : T.CreateChecked(function.Evaluate(double.CreateChecked(x)));
    }

    /// <summary>Calls any two-argument function of the registry on any scalar (see <see cref="Call{T}(FunctionInfo, T)"/>).</summary>
    /// <typeparam name="T">Any scalar.</typeparam>
    /// <param name="function">The function.</param>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>f(x, y).</returns>
    public static T Call<T>(FunctionInfo function, T x, T y)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        if (typeof(T) == typeof(double))
        {
            return (T)(object)function.Evaluate((double)(object)x, (double)(object)y);
        }

        return Dispatch<T>.IsAd
            ? Dispatch<T>.Apply2!(function, x, y)
            : T.CreateChecked(function.Evaluate(double.CreateChecked(x), double.CreateChecked(y)));
    }

    /// <summary>Calls any registry function on an argument array: a variadic one such as <c>logsumexp</c>, or another by its arity (see <see cref="Call{T}(FunctionInfo, T)"/>).</summary>
    /// <typeparam name="T">Any scalar.</typeparam>
    /// <param name="function">The function.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>f(args).</returns>
    public static T Call<T>(FunctionInfo function, T[] args)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        if (typeof(T) == typeof(double))
        {
            return (T)(object)function.Evaluate(((double[])(object)args).AsSpan());
        }

        return Dispatch<T>.IsAd
            ? Dispatch<T>.ApplyN!(function, args)
            : T.CreateChecked(function.Evaluate(Array.ConvertAll(args, double.CreateChecked).AsSpan()));
    }

    private static T ApplyNOf<T>(FunctionInfo f, T[] args)
        where T : IAdScalar<T> => T.Apply(f, args);

    private static T Apply1Of<T>(FunctionInfo f, T x)
        where T : IAdScalar<T> => T.Apply(f, x);

    private static T Apply2Of<T>(FunctionInfo f, T x, T y)
        where T : IAdScalar<T> => T.Apply(f, x, y);

    private static T PowConstantOf<T>(T x, double c)
        where T : IAdScalar<T> => T.Pow(x, c);

    /// <summary>Per scalar type: whether it is an AdVerify number, and its <c>Apply</c> bound once.</summary>
    private static class Dispatch<T>
    {
        public static readonly bool IsAd = Array.Exists(typeof(T).GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAdScalar<>));
        public static readonly Func<FunctionInfo, T, T>? Apply1 = IsAd ? Bind<Func<FunctionInfo, T, T>>(nameof(Apply1Of)) : null;
        public static readonly Func<FunctionInfo, T, T, T>? Apply2 = IsAd ? Bind<Func<FunctionInfo, T, T, T>>(nameof(Apply2Of)) : null;
        public static readonly Func<FunctionInfo, T[], T>? ApplyN = IsAd ? Bind<Func<FunctionInfo, T[], T>>(nameof(ApplyNOf)) : null;
        public static readonly Func<T, double, T>? PowConstant = IsAd ? Bind<Func<T, double, T>>(nameof(PowConstantOf)) : null;

        private static TDelegate Bind<TDelegate>(string method)
            where TDelegate : Delegate =>
            typeof(AdMath).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(typeof(T)).CreateDelegate<TDelegate>();
    }
}
