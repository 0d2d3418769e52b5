using AdVerify.Expressions;

namespace AdVerify.Tests.Numeric;

/// <summary>Hand-written derivatives of the registry's functions, used as the truth in the numeric-oracle tests.</summary>
internal static class ClosedForms
{
    private static readonly double SqrtPi = Math.Sqrt(Math.PI);

    /// <summary>The gradient of a registered function at a point.</summary>
    public static double[] Gradient(FunctionInfo f, double[] p)
    {
        var x = p[0];
        var y = p.Length > 1 ? p[1] : double.NaN;
        if (Special(f, p) is { } special)
        {
            return special;
        }

        return f.Name switch
        {
            "sqrt" => [0.5 / Math.Sqrt(x)],
            "cbrt" => [1 / (3 * Math.Cbrt(x) * Math.Cbrt(x))],
            "exp" => [Math.Exp(x)],
            "log" => [1 / x],
            "log10" => [1 / (x * Math.Log(10))],
            "log2" => [1 / (x * Math.Log(2))],
            "sin" => [Math.Cos(x)],
            "cos" => [-Math.Sin(x)],
            "tan" => [1 / (Math.Cos(x) * Math.Cos(x))],
            "sec" => [Math.Sin(x) / (Math.Cos(x) * Math.Cos(x))],
            "csc" => [-Math.Cos(x) / (Math.Sin(x) * Math.Sin(x))],
            "cot" => [-1 / (Math.Sin(x) * Math.Sin(x))],
            "asin" => [1 / Math.Sqrt(1 - (x * x))],
            "acos" => [-1 / Math.Sqrt(1 - (x * x))],
            "atan" => [1 / (1 + (x * x))],
            "sinh" => [Math.Cosh(x)],
            "cosh" => [Math.Sinh(x)],
            "tanh" => [1 / (Math.Cosh(x) * Math.Cosh(x))],
            "asinh" => [1 / Math.Sqrt((x * x) + 1)],
            "acosh" => [1 / Math.Sqrt((x * x) - 1)],
            "atanh" => [1 / (1 - (x * x))],
            "abs" => [Math.Sign(x)],
            "sign" => [0],
            "erf" => [2 / SqrtPi * Math.Exp(-x * x)],
            "pow" => [y * Math.Pow(x, y - 1), Math.Pow(x, y) * Math.Log(x)],
            "atan2" => [y / ((x * x) + (y * y)), -x / ((x * x) + (y * y))],
            "hypot" => [x / Functions.Hypotenuse(x, y), y / Functions.Hypotenuse(x, y)],
            "min" => x < y ? [1, 0] : [0, 1],
            "max" => x > y ? [1, 0] : [0, 1],
            _ => throw new ArgumentException($"no closed form for {f.Name}"),
        };
    }

    // The functions added with issue 14, by reference (log(b, x) shares its name with log), written
    // from textbook identities with the values of AdVerify.Numeric.Special (entry [0] of an order is unused).
    private static double[]? Special(FunctionInfo f, double[] p)
    {
        var x = p[0];
        var y = p.Length > 1 ? p[1] : double.NaN;
        return f == Functions.LogBase ? [-Math.Log(y) / (x * Math.Log(x) * Math.Log(x)), 1 / (y * Math.Log(x))]
            : f == Functions.Gamma ? [AdVerify.Numeric.Special.Gamma(x) * AdVerify.Numeric.Special.Digamma(x)]
            : f == Functions.LogGamma ? [AdVerify.Numeric.Special.Digamma(x)]
            : f == Functions.Digamma ? [Trigamma(x)]
            : f == Functions.Polygamma ? [double.NaN, AdVerify.Numeric.Special.Polygamma(x + 1, y)]
            : f == Functions.Beta ? [BetaPartial(x, y), BetaPartial(y, x)]
            : f == Functions.Erfc ? [-2 / SqrtPi * Math.Exp(-x * x)]
            : f == Functions.ErfInv ? [SqrtPi / 2 * Math.Exp(Math.Pow(AdVerify.Numeric.Special.ErfInv(x), 2))]
            : f == Functions.BesselJ ? [double.NaN, (AdVerify.Numeric.Special.BesselJ(x - 1, y) - AdVerify.Numeric.Special.BesselJ(x + 1, y)) / 2]
            : f == Functions.BesselY ? [double.NaN, (AdVerify.Numeric.Special.BesselY(x - 1, y) - AdVerify.Numeric.Special.BesselY(x + 1, y)) / 2]
            : f == Functions.BesselI ? [double.NaN, (AdVerify.Numeric.Special.BesselI(x - 1, y) + AdVerify.Numeric.Special.BesselI(x + 1, y)) / 2]
            : f == Functions.BesselK ? [double.NaN, -(AdVerify.Numeric.Special.BesselK(x - 1, y) + AdVerify.Numeric.Special.BesselK(x + 1, y)) / 2]
            : f == Functions.AiryAi ? [MathNet.Numerics.SpecialFunctions.AiryAiPrime(x)]
            : f == Functions.AiryBi ? [MathNet.Numerics.SpecialFunctions.AiryBiPrime(x)]
            : f == Functions.AiryAiPrime ? [x * MathNet.Numerics.SpecialFunctions.AiryAi(x)]
            : f == Functions.AiryBiPrime ? [x * MathNet.Numerics.SpecialFunctions.AiryBi(x)]
            : f == Functions.Sigmoid ? [Math.Exp(-x) / Math.Pow(1 + Math.Exp(-x), 2)]
            : f == Functions.Softplus ? [1 / (1 + Math.Exp(-x))]
            : f == Functions.LogSumExp ? p.Select(v => Math.Exp(v) / p.Sum(Math.Exp)).ToArray()
            : null;
    }

    // ψ′(x) = Σₖ 1/(x + k)²: the recurrence to x ≥ 40, then 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷).
    private static double Trigamma(double x)
    {
        var sum = 0.0;
        for (; x < 40; x++)
        {
            sum += 1 / (x * x);
        }

        return sum + (1 / x) + (1 / (2 * x * x)) + (1 / (6 * x * x * x)) - (1 / (30 * Math.Pow(x, 5))) + (1 / (42 * Math.Pow(x, 7)));
    }

    private static double BetaPartial(double a, double b) =>
        AdVerify.Numeric.Special.Beta(a, b) * (AdVerify.Numeric.Special.Digamma(a) - AdVerify.Numeric.Special.Digamma(a + b));

    /// <summary>The second derivative of some unary registry functions.</summary>
    public static double? Second(string name, double x) => name switch
    {
        "exp" => Math.Exp(x),
        "log" => -1 / (x * x),
        "sin" => -Math.Sin(x),
        "cos" => -Math.Cos(x),
        "sqrt" => -0.25 / (x * Math.Sqrt(x)),
        "atan" => -2 * x / ((1 + (x * x)) * (1 + (x * x))),
        "tanh" => -2 * Math.Tanh(x) / (Math.Cosh(x) * Math.Cosh(x)),
        "sinh" => Math.Sinh(x),
        "erf" => -4 * x / SqrtPi * Math.Exp(-x * x),
        _ => null,
    };
}
