using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Scalars;
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
        foreach (var k in RegistrySamples.Differentiable(f, point))
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
        var free = RegistrySamples.Differentiable(f, point).ToArray();
        var at = free.Select(i => point[i]).ToArray();
        var ff = ForwardMode.Hessian(v => Apply(f, point, free, v), at);
        var fr = ReverseMode.Hessian(v => Apply(f, point, free, v), at);
        for (var i = 0; i < at.Length; i++)
        {
            for (var j = 0; j < at.Length; j++)
            {
                Assert.That(fr[i, j], Is.EqualTo(ff[i, j]).Within(1e-11 * Math.Max(1, Math.Abs(ff[i, j]))), $"H[{i},{j}]");
            }
        }
    }

    [TestCaseSource(nameof(OrderSamples))]
    public void ADerivativeByAnIntegerOrderIsRefusedByEveryEngineNamingIt(FunctionInfo f, double[] point)
    {
        var forward = Assert.Throws<NotSupportedException>(() => ForwardPartial(f, point, 0));
        var multi = Assert.Throws<NotSupportedException>(() => MultiTangentPartial(f, point, 0));
        var reverse = Assert.Throws<NotSupportedException>(() => ReverseMode.Gradient(v => RegistrySamples.Apply(f, v), point));
        foreach (var e in new[] { forward, multi, reverse })
        {
            Assert.That(e!.Message, Does.Contain(f.Name).And.Contain("integer order n"));
        }
    }

    private static IEnumerable<TestCaseData> OrderSamples() =>
        Functions.BuiltIn.Where(f => f.IntegerArguments.Count > 0).Select(f => new TestCaseData(f, f.SamplePoints[1]).SetName(f.Name));

    // The free (differentiable) arguments come from v; integer orders stay the sample's constants.
    private static TNumber Apply<TNumber>(FunctionInfo f, double[] point, int[] free, TNumber[] v)
        where TNumber : IAdScalar<TNumber>
    {
        var args = point.Select(TNumber.Lift).ToArray();
        for (var i = 0; i < free.Length; i++)
        {
            args[free[i]] = v[i];
        }

        return RegistrySamples.Apply(f, args);
    }

    private static double ForwardPartial(FunctionInfo f, double[] point, int k)
    {
        var args = point.Select((p, i) => new Dual<double>(p, i == k ? 1 : 0)).ToArray();
        var y = RegistrySamples.Apply(f, args);
        Assert.That(y.Value, Is.EqualTo(f.Evaluate(point)).Within(1e-14 * Math.Max(1, Math.Abs(y.Value))), "forward value");
        return y.Tangent;
    }

    private static double MultiTangentPartial(FunctionInfo f, double[] point, int k)
    {
        using var session = TangentArena.Begin(point.Length);
        var args = point.Select((p, i) => f.IntegerArguments.Contains(i) && i != k ? (DualVector)p : DualVector.Variable(p, i)).ToArray();
        return RegistrySamples.Apply(f, args).TangentAt(k);
    }

    private static double ReversePartial(FunctionInfo f, double[] point, int k)
    {
        var free = RegistrySamples.Differentiable(f, point).ToArray();
        var (value, gradient) = ReverseMode.Gradient(v => Apply(f, point, free, v), free.Select(i => point[i]).ToArray());
        Assert.That(value, Is.EqualTo(f.Evaluate(point)).Within(1e-14 * Math.Max(1, Math.Abs(value))), "reverse value");
        return gradient[Array.IndexOf(free, k)];
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
