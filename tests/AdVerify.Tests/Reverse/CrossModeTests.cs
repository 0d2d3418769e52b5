using System.Numerics;
using AdVerify.Forward;
using AdVerify.Reverse;
using FsCheck;
using NUnit.Framework;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace AdVerify.Tests.Reverse;

public class CrossModeTests
{
    private static T Mixed<T>(T[] v)
        where T : INumberBase<T>, IComparisonOperators<T, T, bool>, ITrigonometricFunctions<T>, IHyperbolicFunctions<T>,
            IExponentialFunctions<T>, IRootFunctions<T>, IPowerFunctions<T>
    {
        var (x, y) = (v[0], v[1]);
        var r = T.Hypot(x, T.One) + (y * y);
        var acc = T.Tanh(x * y) / r;
        for (var k = 0; k < 3; k++)
        {
            acc = (acc * T.Cos(x)) + (T.Exp(-(y * y)) * T.Sqrt(r));
        }

        return x > y ? acc + T.Pow(r, x) : acc - T.Atan(x - y);
    }

    [Property(MaxTest = 200)]
    public bool ForwardAndReverseGradientsAgree(NormalFloat a, NormalFloat b)
    {
        double[] p = [Math.Clamp(a.Get, -3, 3), Math.Clamp(b.Get, -3, 3)];
        var (fv, fg) = ForwardMode.Gradient(Mixed, p);
        var (rv, rg) = ReverseMode.Gradient(Mixed, p);
        var (vv, vg) = ForwardMode.GradientOnePass(Mixed, p);
        static bool Close(double u, double w) => Math.Abs(u - w) <= 1e-12 * Math.Max(1, Math.Abs(u));
        return Close(fv, rv) && Close(fv, vv) && Close(fg[0], rg[0]) && Close(fg[1], rg[1]) && Close(fg[0], vg[0]) && Close(fg[1], vg[1]);
    }

    [Property(MaxTest = 50)]
    public bool ForwardOverForwardAndForwardOverReverseHessiansAgree(NormalFloat a, NormalFloat b)
    {
        double[] p = [Math.Clamp(a.Get, -3, 3), Math.Clamp(b.Get, -3, 3)];
        var ff = ForwardMode.Hessian(Mixed, p);
        var fr = ReverseMode.Hessian(Mixed, p);
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                if (Math.Abs(ff[i, j] - fr[i, j]) > 1e-10 * Math.Max(1, Math.Abs(ff[i, j])))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Test]
    public void NaNPropagatesWithoutThrowing()
    {
        Assert.That(double.IsNaN(ForwardMode.Derivative<double>(Dual<double>.Abs, double.NaN)), Is.True);
        Assert.That(double.IsNaN(ForwardMode.ValueAndDerivative<double>(Dual<double>.Sign, double.NaN).Value), Is.True);
        var (value, gradient) = ReverseMode.Gradient(v => Var<double>.Abs(v[0]) + Var<double>.Sign(v[0]), [double.NaN]);
        Assert.That(double.IsNaN(value), Is.True);
        Assert.That(gradient[0], Is.Zero.Or.NaN);
    }
}
