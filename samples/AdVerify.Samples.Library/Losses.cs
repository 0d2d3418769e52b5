using System.Numerics;
using AdVerify.Definitions;

namespace AdVerify.Samples.Library;

/// <summary>Losses written once over .NET generic math, as a user's library would have them.</summary>
public static class Losses
{
    /// <summary>
    /// The logistic loss log(1 + exp(1.5·w + b)) of one example (feature 1.5, label −1) as a
    /// function of the weight and the bias.
    /// </summary>
    /// <typeparam name="T">The scalar.</typeparam>
    /// <param name="w">The weight.</param>
    /// <param name="b">The bias.</param>
    /// <returns>The loss.</returns>
    [Verify(Points = "w=0.3,b=-0.2; w=-1.2,b=0.8; w=2,b=1", Claimed = nameof(LogisticGradient))]
    public static T Logistic<T>(T w, T b)
        where T : INumberBase<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T> =>
        T.Log(T.One + T.Exp((w * T.CreateChecked(1.5)) + b));

    /// <summary>The gradient of <see cref="Logistic{T}"/> by hand: the sigmoid times the feature, and the sigmoid.</summary>
    /// <param name="w">The weight.</param>
    /// <param name="b">The bias.</param>
    /// <returns>∂/∂w and ∂/∂b.</returns>
    public static double[] LogisticGradient(double w, double b)
    {
        var s = 1 / (1 + Math.Exp(-((1.5 * w) + b)));
        return [1.5 * s, s];
    }

    /// <summary>
    /// The Huber loss of a residual (δ = 1): r²/2 for |r| ≤ 1, |r| − 1/2 beyond. The branch
    /// depends on the value, so the symbolic engine traces it at each point instead of once
    /// (the report says so); every other source runs it as it is.
    /// </summary>
    /// <typeparam name="T">The scalar.</typeparam>
    /// <param name="r">The residual.</param>
    /// <returns>The loss.</returns>
    [Verify(Points = "r=0.3; r=-2.5; r=4", Claimed = nameof(HuberGradient))]
    public static T Huber<T>(T r)
        where T : INumber<T> =>
        T.Abs(r) <= T.One ? r * r / T.CreateChecked(2) : T.Abs(r) - T.CreateChecked(0.5);

    /// <summary>The derivative of <see cref="Huber{T}"/> by hand: r inside, its sign outside.</summary>
    /// <param name="r">The residual.</param>
    /// <returns>d/dr.</returns>
    public static double[] HuberGradient(double r) => [Math.Abs(r) <= 1 ? r : Math.Sign(r)];
}

/// <summary>
/// The Rosenbrock function as a one-definition type (the other shape [Verify] marks), with its
/// second derivatives verified too.
/// </summary>
[Verify(Points = "x=-1.2,y=1; x=0.5,y=0.25", Hessian = true)]
[Variables("x", "y")]
public readonly struct Rosenbrock : IScalarFunction
{
    /// <inheritdoc />
    public T Invoke<T>(ReadOnlySpan<T> p)
        where T : IFloatingPointIeee754<T>
    {
        var a = T.One - p[0];
        var b = p[1] - (p[0] * p[0]);
        return (a * a) + (T.CreateChecked(100) * b * b);
    }
}
