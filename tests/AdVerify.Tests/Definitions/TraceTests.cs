using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Definitions;

/// <summary>Tracing generic C# into computations and expressions.</summary>
public class TraceTests
{
    private readonly struct Seed : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> => T.Log(v[0] * v[1]) + T.Sin(v[2]);
    }

    private readonly struct Relu : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] > T.Zero ? x[0] * x[0] : T.CreateChecked(0.1) * x[0];
    }

    private readonly struct BlackScholes : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T>
        {
            T s = v[0], k = v[1], sigma = v[2], r = v[3], t = v[4];
            var half = T.CreateChecked(0.5);
            var d1 = (T.Log(s / k) + ((r + (half * sigma * sigma)) * t)) / (sigma * T.Sqrt(t));
            var d2 = d1 - (sigma * T.Sqrt(t));
            return (s * Phi(d1)) - (k * T.Exp(-r * t) * Phi(d2));
        }

        private static T Phi<T>(T x)
            where T : IFloatingPointIeee754<T> => T.CreateChecked(0.5) * (T.One + AdMath.Erf(x / T.Sqrt(T.CreateChecked(2))));
    }

    [Test]
    public void TheSeedTracesToItsExpression()
    {
        var c = Trace.Symbolic(new Seed(), ["x", "y", "z"]);
        Assert.That(c.ToExpr(), Is.SameAs(Infix.Parse("log(x*y) + sin(z)")));
        Assert.That(Infix.Format(c.ToExpr().Differentiate("x")), Is.EqualTo("1/x"));
    }

    [Test]
    public void ConstantsFromCodeAreTheirShortestDecimal()
    {
        var c = Trace.Symbolic(new BlackScholes(), ["S", "K", "sigma", "r", "T"]);
        var e = c.ToExpr();
        Assert.That(Infix.Format(e), Does.Contain("1/2").Or.Contain("/2"));
        Assert.That(Infix.Format(e), Does.Not.Contain("36028797018963968"));
        var p = new Dictionary<string, double> { ["S"] = 100, ["K"] = 95, ["sigma"] = 0.2, ["r"] = 0.03, ["T"] = 0.5 };
        Assert.That(e.Evaluate(p), Is.EqualTo(new BlackScholes().Invoke<double>([100, 95, 0.2, 0.03, 0.5])).Within(1e-12));
    }

    [Test]
    public void LoopsUnroll()
    {
        var c = Trace.Symbolic(new Rosenbrock(), ["a", "b", "c"]);
        Assert.That(c.ToExpr(), Is.SameAs(Infix.Parse("(1 - a)^2 + 100*(b - a^2)^2 + (1 - b)^2 + 100*(c - b^2)^2")));
    }

    [Test]
    public void ALongAccumulationCanonicalisesInOnePass()
    {
        const int n = 100_000;
        var names = Enumerable.Range(0, n).Select(i => $"x{i}").ToArray();
        var c = Trace.Symbolic(new Rosenbrock(), names);
        var e = c.ToExpr();
        Assert.That(e.Kind, Is.EqualTo(ExprKind.Sum));
        Assert.That(e.Variables, Has.Count.EqualTo(n));
    }

    [Test]
    public void ABranchOnAValueIsAConcretizationError()
    {
        var e = Assert.Throws<ConcretizationException>(() => Trace.Symbolic(new Relu(), ["x"]))!;
        Assert.That(e.Message, Does.Contain("comparison >").And.Contain("Trace it at a point"));
    }

    [Test]
    public void TracingAtAPointTakesThatBranch()
    {
        Assert.That(Trace.At(new Relu(), ["x"], [2.0]).ToExpr(), Is.SameAs(Infix.Parse("x^2")));
        Assert.That(Trace.At(new Relu(), ["x"], [-2.0]).ToExpr(), Is.SameAs(Infix.Parse("x/10")));
    }

    [Test]
    public void BadNamesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Trace.Symbolic(new Seed(), ["x", "x", "z"]));
        Assert.Throws<ArgumentException>(() => Trace.Symbolic(new Seed(), ["x", "pi", "z"]));
    }
}
