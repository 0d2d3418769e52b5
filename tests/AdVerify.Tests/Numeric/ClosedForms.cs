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
