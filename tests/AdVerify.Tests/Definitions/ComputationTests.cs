using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using NUnit.Framework;

namespace AdVerify.Tests.Definitions;

/// <summary>The as-written computation: parsing keeps order and grouping, evaluation follows it, the canonical form derives from it.</summary>
public class ComputationTests
{
    private static Dictionary<string, double> At(params (string Name, double Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    [Test]
    public void EvaluatesInTheWrittenGrouping()
    {
        // Regrouped as (a + b) - c this would be 0.
        var c = Computation.Parse("a + (b - c)");
        Assert.That(c.Evaluate(At(("a", 1), ("b", 1e16), ("c", 1e16))), Is.EqualTo(1.0));
        Assert.That(Computation.Parse("(a + b) - c").Evaluate(At(("a", 1), ("b", 1e16), ("c", 1e16))), Is.EqualTo(0.0));
    }

    [Test]
    public void ClaimWrittenNearAMinimumIsComputedAsWritten()
    {
        const double x2 = 1.0000000123, y = 1.23e-8;
        var written = Computation.Parse("(x2 - 1.0) - y").Evaluate(At(("x2", x2), ("y", y)));
        Assert.That(written, Is.EqualTo((x2 - 1.0) - y));
    }

    [TestCase("a - b - c", "a - b - c")]
    [TestCase("a - (b - c)", "a - (b - c)")]
    [TestCase("a + (b + c)", "a + (b + c)")]
    [TestCase("a + (b - c)", "a + (b - c)")]
    [TestCase("(a + b) + c", "a + b + c")]
    [TestCase("a/b/c", "a/b/c")]
    [TestCase("a/(b*c)", "a/(b*c)")]
    [TestCase("-x^2", "-x^2")]
    [TestCase("(-x)^2", "(-x)^2")]
    [TestCase("2^3^x", "2^3^x")]
    [TestCase("(2^3)^x", "(2^3)^x")]
    [TestCase("a*-b", "a*(-b)")]
    [TestCase("log(x*y) + sin(z)", "log(x*y) + sin(z)")]
    [TestCase("x^0.5 + pi", "x^0.5 + pi")]
    [TestCase("atan2(y, x - 1)", "atan2(y, x - 1)")]
    public void PrintsAsWritten(string text, string expected)
    {
        var c = Computation.Parse(text);
        Assert.That(c.ToString(), Is.EqualTo(expected));
        Assert.That(Computation.Parse(c.ToString()).ToString(), Is.EqualTo(expected), "printing round-trips");
    }

    [TestCase("a + (b - c)")]
    [TestCase("x^2 - 2*x*y + y^2")]
    [TestCase("log(x*y) + sin(z)")]
    [TestCase("1/(1 + exp(-x))")]
    [TestCase("sqrt(x)/x - x^(1/2)")]
    [TestCase("-(a - b) * -(c + d) / e")]
    public void TheCanonicalFormIsTheParsersExpression(string text) =>
        Assert.That(Computation.Parse(text).ToExpr(), Is.SameAs(Infix.Parse(text)));

    [Test]
    public void ConstantsAreTheNearestDoubleAndExactForTheSymbolicEngine()
    {
        var c = Computation.Parse("0.1 + x");
        Assert.That(c.Evaluate(At(("x", 0))), Is.EqualTo(0.1));
        Assert.That(c.ToExpr(), Is.SameAs(Infix.Parse("x + 1/10")));
        Assert.That(Computation.Parse("0.001").Evaluate(At()), Is.EqualTo(0.001));
        Assert.That(Computation.Parse("1/10").Evaluate(At()), Is.EqualTo(0.1));
    }

    [Test]
    public void InputsAreSortedByName() =>
        Assert.That(Computation.Parse("z*y + x").Inputs, Is.EqualTo(new[] { "x", "y", "z" }));

    [Test]
    public void SharedStepsAreStoredOnce()
    {
        // x, y, x*y, sin, cos, + : the product is one step although written twice.
        Assert.That(Computation.Parse("sin(x*y) + cos(x*y)").Count, Is.EqualTo(6));
        Assert.That(Computation.Parse("sin(x*y) + cos(x*u)").Count, Is.EqualTo(8));
    }

    [Test]
    public void RunsOnEveryScalar()
    {
        var c = Computation.Parse("log(x*y) + sin(z)");
        double[] x = [2, 3, 1];
        Assert.That(ForwardMode.Gradient(v => c.Evaluate<Dual<double>>(v), x).Gradient, Is.EqualTo(new[] { 0.5, 1.0 / 3, Math.Cos(1) }).Within(1e-15));
        Assert.That(ReverseMode.Gradient(v => c.Evaluate<Var<double>>(v), x).Gradient, Is.EqualTo(new[] { 0.5, 1.0 / 3, Math.Cos(1) }).Within(1e-15));
        Assert.That((double)c.Evaluate<float>([2f, 3f, 1f]), Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-6));
    }

    [Test]
    public void FromExprKeepsTheExpressionsValue()
    {
        var e = Infix.Parse("x^2*sqrt(y) + 1/x");
        var c = Computation.FromExpr(e);
        var p = At(("x", 1.7), ("y", 2.3));
        Assert.That(c.Evaluate(p), Is.EqualTo(1.7 * 1.7 * Math.Sqrt(2.3) + (1 / 1.7)).Within(1e-15));
        Assert.That(c.ToExpr(), Is.SameAs(e));
    }

    [Test]
    public void StepTextIsElidedBeyondItsBudget()
    {
        var text = string.Join(" + ", Enumerable.Range(0, 200).Select(i => $"x{i}"));
        var shown = Computation.Parse(text).StepText(Computation.Parse(text).Output, 40);
        Assert.That(shown.Length, Is.LessThanOrEqualTo(41));
        Assert.That(shown, Does.EndWith("…"));
    }
}
