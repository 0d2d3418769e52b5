using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Scalars;
using AdVerify.Symbolic;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Custom;

/// <summary>Runs the example of docs/custom-primitives.md (the only test that registers the name "softplus").</summary>
public class CustomPrimitiveDocsTests
{
    [Test]
    public void DocumentedExampleRuns()
    {
        var softplus = Functions.Define("softplus", x => Math.Log(1 + Math.Exp(x)), "1/(1 + exp(-x))");

        var expr = Infix.Parse("softplus(x*y) + x");
        var point = new Dictionary<string, double> { ["x"] = 0.7, ["y"] = -1.3 };
        var s = 1 / (1 + Math.Exp(0.7 * 1.3));
        double[] expected = [(-1.3 * s) + 1, 0.7 * s];
        Assert.That(ExprForward.Gradient(expr, point, ["x", "y"]).Gradient, Is.EqualTo(expected).Within(1e-14));
        Assert.That(ExprReverse.Gradient(expr, point, ["x", "y"]).Gradient, Is.EqualTo(expected).Within(1e-14));
        var symbolic = Calculus.Gradient(expr, "x", "y");
        Assert.That(symbolic, Is.EqualTo(new[] { Infix.Parse("y/(1 + exp(-x*y)) + 1"), Infix.Parse("x/(1 + exp(-x*y))") }));
        Assert.That(LaTeX.Format(expr), Is.EqualTo(@"x + \operatorname{softplus}\left(x y\right)"));

        Assert.That(ReverseMode.Gradient(v => AdMath.Call(softplus, v[0] * v[1]) + v[0], [0.7, -1.3]).Gradient,
            Is.EqualTo(expected).Within(1e-14));
        Assert.That(Verifier.CheckPrimitive(softplus).Results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Consistent));
    }
}
