using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests;

/// <summary>
/// The three exact engines — forward, reverse, symbolic — own their rules independently; on
/// every registered function, composed with an inner map so the chain rule is exercised, they
/// must agree to within rounding at every sample point.
/// </summary>
public class CrossEngineTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var f in Functions.BuiltIn)
        {
            foreach (var sample in f.SamplePoints)
            {
                yield return new TestCaseData(f, sample).SetName($"{f.Name}({string.Join(", ", sample)})");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void ForwardReverseAndSymbolicAgree(FunctionInfo f, double[] sample)
    {
        // f(x·y/2, w)·x at y = 2: the point is the sample, while every rule gets a chain-rule
        // factor and the product rule carries it to a second and third variable.
        // An integer order (besselj's n) stays a number; further arguments are variables w1, w2, ….
        var x = Expr.Symbol("x");
        var y = Expr.Symbol("y");
        var u = x * y / 2;
        var point = new Dictionary<string, double> { ["y"] = 2 };
        var first = RegistrySamples.Differentiable(f, sample).First();
        var args = sample.Select((v, i) =>
        {
            if (f.IntegerArguments.Contains(i))
            {
                return Expr.Number(v);
            }

            var name = i == first ? "x" : "w" + i;
            point[name] = v;
            return i == first ? u : Expr.Symbol(name);
        }).ToArray();
        var expr = Expr.Call(f, args) * x;
        var wrt = point.Keys.Order(StringComparer.Ordinal).ToArray();
        var fwd = ExprForward.Gradient(expr, point, wrt).Gradient;
        var rev = ExprReverse.Gradient(expr, point, wrt).Gradient;
        for (var i = 0; i < wrt.Length; i++)
        {
            var sym = Evaluation.Evaluate(Calculus.Differentiate(expr, wrt[i]), point);
            var scale = Math.Max(1, Math.Abs(sym));
            Assert.That(fwd[i], Is.EqualTo(sym).Within(1e-13 * scale), $"forward ∂/∂{wrt[i]}");
            Assert.That(rev[i], Is.EqualTo(sym).Within(1e-13 * scale), $"reverse ∂/∂{wrt[i]}");
        }
    }
}
