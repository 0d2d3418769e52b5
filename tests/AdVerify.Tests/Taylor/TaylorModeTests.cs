using System.Numerics;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Symbolic;
using AdVerify.Taylor;
using NUnit.Framework;

namespace AdVerify.Tests.Taylor;

/// <summary>
/// Taylor mode has its own card; it is checked against the symbolic engine (the expression
/// f(p + t·u) differentiated k times in t) and against nested forward mode (three levels of
/// dual numbers, all seeded with the direction), for every registered function.
/// </summary>
public class TaylorModeTests
{
    private const int Order = 4;

    private static IEnumerable<TestCaseData> Samples() =>
        Functions.BuiltIn.SelectMany(f => f.SamplePoints.Select(p => new TestCaseData(f, p).SetName(RegistrySamples.CallText(f, p))));

    [Test]
    public void EveryBuiltInHasATaylorRule() =>
        Assert.That(Functions.BuiltIn.Where(f => !TaylorRules.Supports(f)).Select(f => f.ToString()), Is.Empty);

    [TestCaseSource(nameof(Samples))]
    public void AgreesWithTheSymbolicEngineToOrderFour(FunctionInfo f, double[] p)
    {
        var u = Direction(f, p);
        var taylor = TaylorMode.Derivatives(v => RegistrySamples.Apply(f, v), p, u, Order);
        var t = Expr.Symbol("t");
        var g = Expr.Call(f, p.Select((pi, i) => Expr.Number(pi) + (Expr.Number(u[i]) * t)).ToArray());
        var at = new Dictionary<string, double> { ["t"] = 0 };
        for (var j = 0; j <= Order; j++)
        {
            var symbolic = g.Evaluate(at);
            Assert.That(taylor[j], Is.EqualTo(symbolic).Within(1e-10 * Math.Max(1, Math.Abs(symbolic))), $"order {j}");
            g = g.Differentiate("t");
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void AgreesWithNestedForwardModeToOrderThree(FunctionInfo f, double[] p)
    {
        var u = Direction(f, p);
        var taylor = TaylorMode.Derivatives(v => RegistrySamples.Apply(f, v), p, u, 3);
        var seeded = p.Select((pi, i) => new Dual<Dual<Dual<double>>>(
            new Dual<Dual<double>>(new Dual<double>(pi, u[i]), new Dual<double>(u[i], 0)),
            new Dual<Dual<double>>(new Dual<double>(u[i], 0), new Dual<double>(0, 0)))).ToArray();
        var r = RegistrySamples.Apply(f, seeded);
        var nested = new[] { r.Value.Value.Value, r.Tangent.Value.Value, r.Tangent.Tangent.Value, r.Tangent.Tangent.Tangent };
        for (var j = 0; j <= 3; j++)
        {
            Assert.That(taylor[j], Is.EqualTo(nested[j]).Within(1e-11 * Math.Max(1, Math.Abs(nested[j]))), $"order {j}");
        }
    }

    [Test]
    public void KnownSeries()
    {
        // 1/(1 − x) at 0: the j-th derivative is j!; eˣ: every derivative is eˣ; sin along 2: 2ʲ sin⁽ʲ⁾.
        Assert.That(TaylorMode.Derivatives(v => 1 / (1 - v[0]), [0.0], [1.0], 6), Is.EqualTo(new[] { 1.0, 1, 2, 6, 24, 120, 720 }).Within(1e-12));
        Assert.That(TaylorMode.Derivatives(v => TaylorNumber.Exp(v[0]), [0.5], [1.0], 5), Is.All.EqualTo(Math.Exp(0.5)).Within(1e-14));
        Assert.That(TaylorMode.Coefficients(v => TaylorNumber.Sin(v[0]), [0.0], [2.0], 3), Is.EqualTo(new[] { 0, 2, 0, -8.0 / 6 }).Within(1e-15));
    }

    private static T Generic<T>(T x, T y)
        where T : IFloatingPointIeee754<T> => (AdMath.Gamma(x) * T.Sin(y)) + AdMath.LogSumExp(x, y, x * y);

    [Test]
    public void RunsGenericCodeAndMatchesTheSymbolicEngine()
    {
        var taylor = TaylorMode.Derivatives(v => Generic(v[0], v[1]), [1.5, 0.7], [0.6, -0.8], 5);
        var t = Expr.Symbol("t");
        var x = Expr.Number(1.5) + (Expr.Number(0.6) * t);
        var y = Expr.Number(0.7) - (Expr.Number(0.8) * t);
        var g = (Expr.Call(Functions.Gamma, x) * Expr.Call(Functions.Sin, y)) + Expr.Call(Functions.LogSumExp, x, y, x * y);
        var at = new Dictionary<string, double> { ["t"] = 0 };
        for (var j = 0; j <= 5; j++, g = g.Differentiate("t"))
        {
            Assert.That(taylor[j], Is.EqualTo(g.Evaluate(at)).Within(1e-10 * Math.Max(1, Math.Abs(taylor[j]))), $"order {j}");
        }

        Assert.That(Generic(1.5, 0.7), Is.EqualTo(taylor[0]).Within(1e-14), "the same generic code on double");
    }

    private readonly struct GenericDefinition : AdVerify.Definitions.IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> => Generic(v[0], v[1]);
    }

    [Test]
    public void TakesTheOneDefinition() =>
        Assert.That(TaylorMode.Derivatives(new GenericDefinition(), [1.5, 0.7], [0.6, -0.8], 4),
            Is.EqualTo(TaylorMode.Derivatives(v => Generic(v[0], v[1]), [1.5, 0.7], [0.6, -0.8], 4)));

        [Test]
    public void ExpressionsAlongADirection()
    {
        var e = Infix.Parse("x^3*y + besselj(1, x)");
        var d = TaylorMode.Derivatives(e, new Dictionary<string, double> { ["x"] = 2, ["y"] = 3 }, new Dictionary<string, double> { ["x"] = 1 }, 3);
        var dx3 = e.Differentiate("x").Differentiate("x").Differentiate("x").Evaluate(new Dictionary<string, double> { ["x"] = 2, ["y"] = 3 });
        Assert.That(d[3], Is.EqualTo(dx3).Within(1e-12));
    }

    [Test]
    public void IntegerOrdersAndBadInputAreRefusedClearly()
    {
        var ex = Assert.Throws<NotSupportedException>(() => TaylorMode.Derivatives(v => TaylorNumber.BesselJ(v[0], v[1]), [1.0, 2.0], [1.0, 0.0], 2));
        Assert.That(ex!.Message, Does.Contain("besselj").And.Contain("integer order n"));
        Assert.Throws<ArgumentException>(() => TaylorMode.Derivatives(v => v[0], [1.0, 2.0], [1.0], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaylorMode.Derivatives(v => v[0], [1.0], [1.0], -1));
    }

    // A direction that moves every differentiable argument (integer orders stay put).
    private static double[] Direction(FunctionInfo f, double[] p) =>
        p.Select((_, i) => f.IntegerArguments.Contains(i) ? 0 : i == 0 ? 1.0 : 0.5 - (0.25 * i)).ToArray();
}
