using System.Numerics;
using AdVerify.Compilation;
using AdVerify.Definitions;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Compilation;

/// <summary>The README's compiled-gradient example (its Rosenbrock is the shared test definition, the same loop), with the outputs it shows.</summary>
public class ReadmeExampleTests
{
    private readonly struct Relu : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] > T.Zero ? x[0] * x[1] : x[1];
    }

    [Test]
    public void TheExampleRunsAsShown()
    {
        CompiledFunction f = Compiler.Compile(new Rosenbrock(), 1_000);   // trace once, compile to IL
        var x = new double[1_000];
        var gradient = new double[1_000];
        double value = f.ValueAndGradient(x, gradient);                   // 0 B per call
        var hv = new double[1_000];
        f.HessianVectorProduct(x, gradient, hv);                          // ∇²f(x)·v
        Assert.That(f.Reason, Does.StartWith("compiled to IL: 8,995 traced steps").And.Contain("1 loop(s) covering 99.9% of the 7,992 computing steps"));

        var g = Compiler.Compile(new Relu(), 2);
        Assert.That(g.IsCompiled, Is.False);
        Assert.That(g.Reason, Is.EqualTo("on the tape: the function cannot be traced once for all points (the comparison > depends on the value of an input)"));

        Assert.That(value, Is.EqualTo(999));
        Assert.That(gradient[0], Is.EqualTo(-2));
        Assert.That(hv[0], Is.EqualTo(2 * -2));
    }
}
