using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using NUnit.Framework;

namespace AdVerify.Tests.Definitions;

/// <summary>Tracing vector functions: one computation per output over shared steps.</summary>
public class VectorTraceTests
{
    /// <summary>(x·y, sin(x·y) + x): the product is a step both outputs use.</summary>
    private readonly struct Pair : IVectorFunction
    {
        public T[] Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T>
        {
            var p = v[0] * v[1];
            return [p, T.Sin(p) + v[0]];
        }
    }

    /// <summary>(|x|, y) written with a branch.</summary>
    private readonly struct Branchy : IVectorFunction
    {
        public T[] Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> => [v[0] > T.Zero ? v[0] : -v[0], v[1]];
    }

    [Test]
    public void OutputsShareTheirStepsAndRunInOnePass()
    {
        var outputs = Trace.SymbolicVector(new Pair(), ["x", "y"]);
        Assert.That(outputs, Has.Length.EqualTo(2));
        Assert.That(outputs[0].ToExpr(), Is.SameAs(Infix.Parse("x*y")));
        Assert.That(outputs[1].ToExpr(), Is.SameAs(Infix.Parse("sin(x*y) + x")));
        Assert.That(outputs[1].Count, Is.EqualTo(outputs[0].Count), "both outputs see every step of the trace");
        Assert.That(Computation.Evaluate<double>(outputs, [2.0, 3.0]), Is.EqualTo(new[] { 6.0, Math.Sin(6.0) + 2.0 }));
        var jacobian = ReverseMode.Jacobian(v => Computation.Evaluate(outputs, v), [2.0, 3.0]);
        Assert.That(jacobian, Is.EqualTo(ForwardMode.Jacobian(new Pair(), [2.0, 3.0])));
    }

    [Test]
    public void SeparateComputationsRunOneAfterTheOther()
    {
        var a = Computation.Parse("x + y");
        var b = Computation.Parse("x*y");
        Assert.That(Computation.Evaluate<double>([a, b], [2.0, 3.0]), Is.EqualTo(new[] { 5.0, 6.0 }));
        Assert.That(Computation.Evaluate<double>([], [2.0]), Is.Empty);
        Assert.That(() => Computation.Evaluate<double>([a], [2.0]), Throws.ArgumentException.With.Message.Contains("2 input(s)"));
    }

    [Test]
    public void ABranchNeedsAPoint()
    {
        var e = Assert.Throws<ConcretizationException>(() => Trace.SymbolicVector(new Branchy(), ["x", "y"]));
        Assert.That(e!.Operation, Does.Contain("comparison"));
        var atNegative = Trace.VectorAt(new Branchy(), ["x", "y"], [-2.0, 3.0]);
        Assert.That(atNegative[0].ToExpr(), Is.SameAs(Infix.Parse("-x")));
        Assert.That(() => Trace.VectorAt(new Branchy(), ["x", "y"], [1.0]), Throws.ArgumentException.With.Message.Contains("1 coordinate(s)"));
    }
}
