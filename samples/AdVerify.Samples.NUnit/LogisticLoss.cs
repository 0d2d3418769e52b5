using System.Numerics;
using AdVerify.Definitions;

namespace AdVerify.Samples.NUnit;

/// <summary>Logistic loss of one labelled example as a function of the weight and bias, written once over .NET generic math.</summary>
[Variables("w", "b")]
public readonly struct LogisticLoss : IScalarFunction
{
    public const double X = 1.5;
    public const double Label = -1;

    /// <summary>log(1 + exp(−y·(w·x + b))) for the example (x, y) = (<see cref="X"/>, <see cref="Label"/>).</summary>
    public T Invoke<T>(ReadOnlySpan<T> p)
        where T : IFloatingPointIeee754<T> =>
        T.Log(T.One + T.Exp(-(T.CreateChecked(Label) * ((p[0] * T.CreateChecked(X)) + p[1]))));

    /// <summary>The gradient by hand: −y·σ(−y·(w·x + b))·(x, 1).</summary>
    public static double[] Gradient(double[] p)
    {
        var s = 1 / (1 + Math.Exp(Label * ((p[0] * X) + p[1])));
        return [-Label * X * s, -Label * s];
    }

    /// <summary>The same with a sign slip in the bias term.</summary>
    public static double[] GradientWithSignSlip(double[] p)
    {
        var g = Gradient(p);
        return [g[0], -g[1]];
    }
}
