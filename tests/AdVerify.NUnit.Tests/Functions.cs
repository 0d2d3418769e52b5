using System.Numerics;

namespace AdVerify.NUnit.Tests;

/// <summary>Test functions written once over .NET generic math.</summary>
internal static class Functions
{
    /// <summary>Logistic loss of one example (x, y) with weight w and bias b: log(1 + exp(−y(wx + b))).</summary>
    public static T Logistic<T>(T w, T b, double x, double y)
        where T : INumberBase<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T> =>
        T.Log(T.One + T.Exp(-(T.CreateChecked(y) * ((w * T.CreateChecked(x)) + b))));

    public static double[] LogisticGradient(double w, double b, double x, double y)
    {
        var s = 1 / (1 + Math.Exp(y * ((w * x) + b)));
        return [-y * x * s, -y * s];
    }

    public const double X = 1.5;
    public const double Y = -1;

    /// <summary>The logistic loss at (<see cref="X"/>, <see cref="Y"/>) as one definition of (w, b).</summary>
    [AdVerify.Definitions.Variables("w", "b")]
    public readonly struct LogisticLoss : AdVerify.Definitions.IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T> => Logistic(p[0], p[1], X, Y);
    }
}
