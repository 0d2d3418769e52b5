using System.Numerics;

namespace AdVerify.Samples.NUnit;

/// <summary>Logistic loss of one labelled example, written once over .NET generic math.</summary>
public static class LogisticLoss
{
    public const double X = 1.5;
    public const double Label = -1;

    /// <summary>log(1 + exp(−y·(w·x + b))) for the example (x, y) = (<see cref="X"/>, <see cref="Label"/>).</summary>
    public static T Loss<T>(T w, T b)
        where T : INumberBase<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T> =>
        T.Log(T.One + T.Exp(-(T.CreateChecked(Label) * ((w * T.CreateChecked(X)) + b))));

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
