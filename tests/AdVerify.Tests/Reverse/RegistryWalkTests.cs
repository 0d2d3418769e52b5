using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using NUnit.Framework;

namespace AdVerify.Tests.Reverse;

/// <summary>Walks the function registry: both engines must know every built-in and agree with a numeric oracle.</summary>
public class RegistryWalkTests
{
    private static IEnumerable<TestCaseData> Samples() =>
        Functions.BuiltIn.SelectMany(f => f.SamplePoints.Select(p =>
            new TestCaseData(f, p).SetName($"{f.Name}({string.Join(", ", p)})")));

    [Test]
    public void EveryBuiltInHasForwardAndReverseRules()
    {
        var missing = Functions.BuiltIn.Where(f => !ForwardRules.Supports(f)).Select(f => "forward:" + f.Name)
            .Concat(Functions.BuiltIn.Where(f => !ReverseRules.Supports(f)).Select(f => "reverse:" + f.Name)).ToArray();
        Assert.That(missing, Is.Empty);
    }

    [TestCaseSource(nameof(Samples))]
    public void DerivativesAgreeWithFiniteDifferencesAndEachOther(FunctionInfo f, double[] point)
    {
        for (var k = 0; k < f.Arity; k++)
        {
            var oracle = CentralDifference(x => f.Evaluate(x), point, k);
            var forward = ForwardPartial(f, point, k);
            var reverse = ReversePartial(f, point, k);
            Assert.That(forward, Is.EqualTo(oracle).Within(1e-7 * Math.Max(1, Math.Abs(oracle))), $"forward ∂{k}");
            Assert.That(reverse, Is.EqualTo(oracle).Within(1e-7 * Math.Max(1, Math.Abs(oracle))), $"reverse ∂{k}");
            Assert.That(reverse, Is.EqualTo(forward).Within(1e-13 * Math.Max(1e-300, Math.Abs(forward))), $"forward vs reverse ∂{k}");
            Assert.That(MultiTangentPartial(f, point, k), Is.EqualTo(forward).Within(1e-15 * Math.Abs(forward)), $"multi-tangent ∂{k}");
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void SecondDerivativesAgreeAcrossForwardOverForwardAndForwardOverReverse(FunctionInfo f, double[] point)
    {
        var ff = ForwardMode.Hessian(v => Apply(f, ForwardRules.Unary<Dual<Dual<double>>>, ForwardRules.Binary<Dual<Dual<double>>>, v), point);
        var fr = ReverseMode.Hessian(v => Apply(f, ReverseRules.Unary<Var<Dual<double>>>, ReverseRules.Binary<Var<Dual<double>>>, v), point);
        for (var i = 0; i < point.Length; i++)
        {
            for (var j = 0; j < point.Length; j++)
            {
                Assert.That(fr[i, j], Is.EqualTo(ff[i, j]).Within(1e-11 * Math.Max(1, Math.Abs(ff[i, j]))), $"H[{i},{j}]");
            }
        }
    }

    private static TNumber Apply<TNumber>(FunctionInfo f, Func<FunctionInfo, Func<TNumber, TNumber>> unary,
        Func<FunctionInfo, Func<TNumber, TNumber, TNumber>> binary, TNumber[] v) =>
        f.Arity == 1 ? unary(f)(v[0]) : binary(f)(v[0], v[1]);

    private static double ForwardPartial(FunctionInfo f, double[] point, int k)
    {
        var args = point.Select((p, i) => new Dual<double>(p, i == k ? 1 : 0)).ToArray();
        var y = Apply(f, ForwardRules.Unary<Dual<double>>, ForwardRules.Binary<Dual<double>>, args);
        Assert.That(y.Value, Is.EqualTo(f.Evaluate(point)).Within(1e-14 * Math.Max(1, Math.Abs(y.Value))), "forward value");
        return y.Tangent;
    }

    private static double MultiTangentPartial(FunctionInfo f, double[] point, int k)
    {
        using var session = TangentArena.Begin(point.Length);
        var args = point.Select((p, i) => DualVector.Variable(p, i)).ToArray();
        return Apply(f, ForwardRules.Unary<DualVector>, ForwardRules.Binary<DualVector>, args).TangentAt(k);
    }

    private static double ReversePartial(FunctionInfo f, double[] point, int k)
    {
        var (value, gradient) = ReverseMode.Gradient(v => Apply(f, ReverseRules.Unary<Var<double>>, ReverseRules.Binary<Var<double>>, v), point);
        Assert.That(value, Is.EqualTo(f.Evaluate(point)).Within(1e-14 * Math.Max(1, Math.Abs(value))), "reverse value");
        return gradient[k];
    }

    /// <summary>Richardson-extrapolated central differences (error O(h⁶)).</summary>
    private static double CentralDifference(Func<double[], double> f, double[] point, int k)
    {
        double D(double h)
        {
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[k] += h;
            minus[k] -= h;
            return (f(plus) - f(minus)) / (2 * h);
        }

        var h0 = 1e-2 * Math.Max(1, Math.Abs(point[k]));
        var (d1, d2, d4) = (D(h0), D(h0 / 2), D(h0 / 4));
        var r1 = ((4 * d2) - d1) / 3;
        var r2 = ((4 * d4) - d2) / 3;
        return ((16 * r2) - r1) / 15;
    }
}
