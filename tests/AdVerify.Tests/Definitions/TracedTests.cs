using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Definitions;

/// <summary>The members of the tracing scalar that concrete and F# code call directly.</summary>
public class TracedTests
{
    /// <summary>Each mixed operator, with the double on the left and on the right.</summary>
    private readonly struct Mixed : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> =>
            typeof(T) == typeof(Traced) ? (T)(object)Traced((Traced)(object)v[0]!) : throw new NotSupportedException("traced only");

        private static Traced Traced(Traced x) =>
            (2.0 * x) + (x * 3.0) + (x + 1.5) + (0.5 + x) - (x - 0.25) - (4.0 - x) + (x / 8.0) + (1.0 / x);
    }

    private readonly struct Constants : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> => (T.Pi * v[0]) + T.E + (T.Tau * v[1]);
    }

    private readonly struct Special : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> =>
            typeof(T) == typeof(Traced) ? (T)(object)Build((Traced)(object)v[0]!) : throw new NotSupportedException("traced only");

        private static Traced Build(Traced x) =>
            Traced.Erf(x) + Traced.Sign(x) + Traced.Sec(x) + Traced.Csc(x) + Traced.Cot(x);
    }

    [Test]
    public void MixedOperatorsRecordTheConstantWhereItWasWritten()
    {
        var c = Trace.Symbolic(new Mixed(), ["x"]);
        Assert.That(c.ToString(), Is.EqualTo("2*x + x*3 + (x + 1.5) + (0.5 + x) - (x - 0.25) - (4 - x) + x/8 + 1/x"));
        const double x = 1.75;
        var expected = (2.0 * x) + (x * 3.0) + (x + 1.5) + (0.5 + x) - (x - 0.25) - (4.0 - x) + (x / 8.0) + (1.0 / x);
        Assert.That(c.Evaluate<double>([x]), Is.EqualTo(expected));
        Assert.That(Calculus.Differentiate(c.ToExpr(), "x"), Is.SameAs(Infix.Parse("2 + 3 + 1 + 1 - 1 + 1 + 1/8 - 1/x^2")));
    }

    [Test]
    public void PiAndEAreExactInTheTrace()
    {
        var c = Trace.Symbolic(new Constants(), ["x", "y"]);
        Assert.That(c.ToExpr(), Is.SameAs(Infix.Parse("pi*x + e + 2*pi*y")));
        Assert.That(c.Evaluate<double>([1.0, 1.0]), Is.EqualTo(Math.PI + Math.E + Math.Tau));
    }

    [Test]
    public void RegistryFunctionsHaveStaticMembers()
    {
        var c = Trace.Symbolic(new Special(), ["x"]);
        Assert.That(c.ToExpr(), Is.SameAs(Infix.Parse("erf(x) + sign(x) + sec(x) + csc(x) + cot(x)")));
    }

    private readonly struct Sorted : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> => v[0].CompareTo(v[1]) < 0 ? v[0] : v[1];
    }

    [Test]
    public void CompareToNeedsAPointAndSaysSo()
    {
        var e = Assert.Throws<ConcretizationException>(() => Trace.Symbolic(new Sorted(), ["x", "y"]));
        Assert.That(e!.Operation, Does.Contain("CompareTo"));
        Assert.That(Trace.At(new Sorted(), ["x", "y"], [2.0, 1.0]).ToExpr(), Is.SameAs(Infix.Parse("y")));
    }
}
