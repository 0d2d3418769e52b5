using System.Numerics;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using NUnit.Framework;

namespace AdVerify.Tests;

/// <summary>AdMath: every registry function on every scalar, and the one constant idiom.</summary>
public class AdMathTests
{
    // One generic definition that uses functions the BCL lacks and an outside constant.
    private static T F<T>(T x, T y)
        where T : IFloatingPointIeee754<T> =>
        (T.CreateChecked(1.5) * AdMath.Erf(x)) + AdMath.Sec(y) + AdMath.Sign(x) * AdMath.Max(x, y) + AdMath.Cot(y);

    private static double Expected(double x, double y) =>
        (1.5 * MathNet.Numerics.SpecialFunctions.Erf(x)) + (1 / Math.Cos(y)) + (Math.Sign(x) * Math.Max(x, y)) + (1 / Math.Tan(y));

    [Test]
    public void RunsOnDoubleFloatAndEveryAdNumber()
    {
        const double x = 0.4, y = 1.1;
        var expected = Expected(x, y);
        Assert.That(F(x, y), Is.EqualTo(expected).Within(1e-15));
        Assert.That((double)F(0.4f, 1.1f), Is.EqualTo(expected).Within(1e-6));
        Assert.That(F(new Dual<double>(x, 1), new Dual<double>(y, 0)).Value, Is.EqualTo(expected).Within(1e-15));
        Assert.That(ReverseMode.Gradient(v => F(v[0], v[1]), [x, y]).Value, Is.EqualTo(expected).Within(1e-15));
        var nested = F(new Dual<Dual<double>>(new Dual<double>(x, 1), new Dual<double>(1, 0)), Dual<Dual<double>>.Lift(y));
        Assert.That(nested.Value.Value, Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void EveryEngineDifferentiatesTheSameDefinition()
    {
        const double x = 0.4, y = 1.1;
        var erfSlope = 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x);
        var dx = (1.5 * erfSlope) + 0; // sign' = 0, max picks y (y > x)
        var dy = (Math.Sin(y) / (Math.Cos(y) * Math.Cos(y))) + 1 - (1 / (Math.Sin(y) * Math.Sin(y)));
        var forward = ForwardMode.Gradient(v => F(v[0], v[1]), [x, y]).Gradient;
        var reverse = ReverseMode.Gradient(v => F(v[0], v[1]), [x, y]).Gradient;
        Assert.That(forward, Is.EqualTo(new[] { dx, dy }).Within(1e-14));
        Assert.That(reverse, Is.EqualTo(new[] { dx, dy }).Within(1e-14));
    }

    [Test]
    public void ConstantsLiftTheSameWayOnEveryScalar()
    {
        // Inside generic code the idiom is T.CreateChecked(c); Lift<T> below is exactly that.
        Assert.That(Lift<double>(1.5), Is.EqualTo(1.5));
        Assert.That(Lift<Dual<double>>(1.5).Tangent, Is.Zero);
        Assert.That(Lift<Var<double>>(1.5).IsConstant, Is.True);
        Assert.That(Lift<Var<Dual<double>>>(2).Value.Value, Is.EqualTo(2.0));
        Assert.That(Lift<Dual<Dual<double>>>(0.1).Value.Value, Is.EqualTo(0.1));
        Assert.That(Lift<float>(0.1), Is.EqualTo(0.1f));
    }

    private static T Lift<T>(double c)
        where T : IFloatingPointIeee754<T> => T.CreateChecked(c);

    [Test]
    public void MaxAtATieGivesEachArgumentHalf()
    {
        var d = AdMath.Max(new Dual<double>(2, 1), new Dual<double>(2, 0));
        Assert.That(d.Tangent, Is.EqualTo(0.5));
        Assert.That(AdMath.Max(2.0, 3.0), Is.EqualTo(3.0));
    }

    [Test]
    public void UserPrimitivesAreCallableOnEveryScalar()
    {
        var f = Functions.Define("admath_square_plus_one", v => (v * v) + 1, "2*x");
        Assert.That(AdMath.Call(f, 3.0), Is.EqualTo(10.0));
        Assert.That(AdMath.Call(f, 3f), Is.EqualTo(10f));
        Assert.That(AdMath.Call(f, new Dual<double>(3, 1)).Tangent, Is.EqualTo(6.0));
        Assert.That(ReverseMode.Gradient(v => AdMath.Call(f, v[0]), [3.0]).Gradient[0], Is.EqualTo(6.0));
    }

    [Test]
    public void SignKeepsNaN() => Assert.That(AdMath.Sign(double.NaN), Is.NaN);
}
