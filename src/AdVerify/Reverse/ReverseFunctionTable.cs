using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Reverse;

/// <summary>
/// The reverse engine's table from registry functions to its number types' methods (which
/// record the partials of <see cref="ReverseRules{T}"/>). Expressions are evaluated through this table, and the
/// coverage test walks <see cref="Functions.BuiltIn"/> against <see cref="Supports"/>.
/// </summary>
public static class ReverseRules
{
    private static readonly FunctionBinder Binder = new("reverse", new(ReferenceEqualityComparer.Instance)
    {
        [Functions.Sqrt] = "Sqrt", [Functions.Cbrt] = "Cbrt", [Functions.Exp] = "Exp", [Functions.Log] = "Log",
        [Functions.Log10] = "Log10", [Functions.Log2] = "Log2", [Functions.Sin] = "Sin", [Functions.Cos] = "Cos",
        [Functions.Tan] = "Tan", [Functions.Sec] = "Sec", [Functions.Csc] = "Csc", [Functions.Cot] = "Cot",
        [Functions.Asin] = "Asin", [Functions.Acos] = "Acos", [Functions.Atan] = "Atan", [Functions.Sinh] = "Sinh",
        [Functions.Cosh] = "Cosh", [Functions.Tanh] = "Tanh", [Functions.Asinh] = "Asinh", [Functions.Acosh] = "Acosh",
        [Functions.Atanh] = "Atanh", [Functions.Abs] = "Abs", [Functions.Sign] = "Sign", [Functions.Erf] = "Erf",
        [Functions.Pow] = "Pow", [Functions.Atan2] = "Atan2", [Functions.Hypot] = "Hypot", [Functions.Min] = "Min",
        [Functions.Max] = "Max", [Functions.LogBase] = "LogBase", [Functions.Gamma] = "Gamma", [Functions.LogGamma] = "LogGamma",
        [Functions.Digamma] = "Digamma", [Functions.Polygamma] = "Polygamma", [Functions.Beta] = "Beta", [Functions.Erfc] = "Erfc",
        [Functions.ErfInv] = "ErfInv", [Functions.BesselJ] = "BesselJ", [Functions.BesselY] = "BesselY", [Functions.BesselI] = "BesselI",
        [Functions.BesselK] = "BesselK", [Functions.AiryAi] = "AiryAi", [Functions.AiryBi] = "AiryBi", [Functions.AiryAiPrime] = "AiryAiPrime",
        [Functions.AiryBiPrime] = "AiryBiPrime", [Functions.Sigmoid] = "Sigmoid", [Functions.Softplus] = "Softplus",
        [Functions.LogSumExp] = "LogSumExp",
    });

    /// <summary>Tells whether the reverse engine has a derivative rule for a function.</summary>
    /// <param name="function">The registry function.</param>
    /// <returns>True when supported.</returns>
    public static bool Supports(FunctionInfo function) => Binder.Supports(function);

    /// <summary>The reverse engine's implementation of a one-argument function on a reverse number type.</summary>
    /// <typeparam name="TNumber">A reverse number type such as <c>Var&lt;double&gt;</c>.</typeparam>
    /// <param name="function">The registry function.</param>
    /// <returns>The function on reverse numbers.</returns>
    /// <exception cref="NotSupportedException">The engine has no rule for the function.</exception>
    public static Func<TNumber, TNumber> Unary<TNumber>(FunctionInfo function)
        where TNumber : IAdScalar<TNumber> => Binder.Unary<TNumber>(function);

    /// <summary>The reverse engine's implementation of a two-argument function on a reverse number type.</summary>
    /// <typeparam name="TNumber">A reverse number type such as <c>Var&lt;double&gt;</c>.</typeparam>
    /// <param name="function">The registry function.</param>
    /// <returns>The function on reverse numbers.</returns>
    /// <exception cref="NotSupportedException">The engine has no rule for the function.</exception>
    public static Func<TNumber, TNumber, TNumber> Binary<TNumber>(FunctionInfo function)
        where TNumber : IAdScalar<TNumber> => Binder.Binary<TNumber>(function);

    /// <summary>The reverse engine's implementation of a variadic function (such as <c>logsumexp</c>) on an argument array.</summary>
    /// <typeparam name="TNumber">A reverse number type.</typeparam>
    /// <param name="function">The registry function.</param>
    /// <returns>The function on an array of numbers.</returns>
    /// <exception cref="NotSupportedException">The engine has no rule for the function.</exception>
    public static Func<TNumber[], TNumber> Nary<TNumber>(FunctionInfo function)
        where TNumber : IAdScalar<TNumber> => Binder.Nary<TNumber>(function);
}
