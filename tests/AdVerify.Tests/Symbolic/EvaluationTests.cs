using AdVerify.Expressions;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Symbolic;

public class EvaluationTests
{
    private static readonly Expr X = Expr.Symbol("x");
    private static readonly Expr Y = Expr.Symbol("y");

    private static Dictionary<string, double> At(double x) => new() { ["x"] = x };

    [Test]
    public void EvaluatesCanonicalForms()
    {
        var f = Expr.Call(Functions.Sqrt, X) + Expr.Pow(X, 3) - X / Y + Expr.Call(Functions.Atan2, Y, X) + Expr.Pi;
        var point = new Dictionary<string, double> { ["x"] = 2, ["y"] = 3 };
        var expected = Math.Sqrt(2) + 8 - (2.0 / 3) + Math.Atan2(3, 2) + Math.PI;
        Assert.That(f.Evaluate(point), Is.EqualTo(expected).Within(1e-14).Percent);
        Assert.That(f.TryEvaluate(point, out var value, out var issue), Is.True);
        Assert.That(issue, Is.Null);
        Assert.That(value, Is.EqualTo(f.Evaluate(point)));
    }

    [Test]
    public void MissingVariableIsNamed()
    {
        var ex = Assert.Throws<ArgumentException>(() => (X + Y).Evaluate(At(1)));
        Assert.That(ex!.Message, Does.Contain("variable 'y' has no value at the point"));
    }

    [Test]
    public void LogOfNegativeIsADomainIssue()
    {
        Assert.That(Expr.Call(Functions.Log, X).TryEvaluate(At(-2), out var value, out var issue), Is.False);
        Assert.Multiple(() =>
        {
            Assert.That(double.IsNaN(value));
            Assert.That(issue!.Kind, Is.EqualTo(IssueKind.Domain));
            Assert.That(issue.Function, Is.EqualTo("log"));
            Assert.That(issue.Arguments, Is.EqualTo(new[] { -2.0 }));
            Assert.That(issue.DomainDescription, Is.EqualTo(Functions.Log.DomainDescription));
            Assert.That(issue.Message, Is.EqualTo("log got -2, outside its domain x > 0"));
        });
    }

    [Test]
    public void ReciprocalOfZeroIsADivisionByZero()
    {
        Assert.That((1 / X).TryEvaluate(At(0), out var value, out var issue), Is.False);
        Assert.That(value, Is.EqualTo(double.PositiveInfinity));
        Assert.That(issue!.Kind, Is.EqualTo(IssueKind.DivisionByZero));
        Assert.That(issue.Function, Is.EqualTo("/"));
        Assert.That(issue.Node, Is.SameAs(Expr.Pow(X, -1)));
    }

    [Test]
    public void SquareRootOfNegativeIsADomainIssue()
    {
        Assert.That(Expr.Call(Functions.Sqrt, X).TryEvaluate(At(-1), out _, out var issue), Is.False);
        Assert.That(issue!.Kind, Is.EqualTo(IssueKind.Domain));
        Assert.That(issue.Function, Is.EqualTo("sqrt"));
        Assert.That(issue.Message, Is.EqualTo("sqrt(x) needs x >= 0, but x is -1"), "sqrt(x) is the power x^(1/2): it reads like x^0.5");
    }

    [Test]
    public void FractionalPowerOfNegativeIsADomainIssue()
    {
        Assert.That(Expr.Pow(X, Expr.Number(new Rational(1, 3))).TryEvaluate(At(-8), out _, out var issue), Is.False);
        Assert.That(issue!.Kind, Is.EqualTo(IssueKind.Domain));
        Assert.That(issue.Function, Is.EqualTo("^"));
        Assert.That(Expr.Pow(X, 3).TryEvaluate(At(-2), out var cube, out _), Is.True);
        Assert.That(cube, Is.EqualTo(-8));
    }

    [Test]
    public void ArcsineOfTwoIsADomainIssue()
    {
        Assert.That(Expr.Call(Functions.Asin, X).TryEvaluate(At(2), out _, out var issue), Is.False);
        Assert.That(issue!.Message, Is.EqualTo("asin got 2, outside its domain -1 <= x <= 1"));
    }

    [Test]
    public void TwoArgumentDomainIssue()
    {
        var point = new Dictionary<string, double> { ["x"] = 0, ["y"] = 0 };
        Assert.That(Expr.Call(Functions.Atan2, Y, X).TryEvaluate(point, out _, out var issue), Is.False);
        Assert.That(issue!.Message, Is.EqualTo("atan2 got (0, 0), outside its domain (y, x) != (0, 0)"));
    }

    [Test]
    public void OverflowIsReported()
    {
        Assert.That(Expr.Call(Functions.Exp, X).TryEvaluate(At(1000), out var value, out var issue), Is.False);
        Assert.That(value, Is.EqualTo(double.PositiveInfinity));
        Assert.That(issue!.Kind, Is.EqualTo(IssueKind.Overflow));
        Assert.That(issue.Message, Is.EqualTo("exp got 1000 and overflowed to +infinity"));
        Assert.That((X * X * Y).TryEvaluate(new Dictionary<string, double> { ["x"] = 1e200, ["y"] = -1 }, out _, out var product), Is.False);
        Assert.That(product!.Kind, Is.EqualTo(IssueKind.Overflow));
    }

    [Test]
    public void FirstIssueWins()
    {
        // log(x) fails before the reciprocal is taken.
        var f = 1 / Expr.Call(Functions.Log, X + 1);
        Assert.That(f.TryEvaluate(At(-3), out _, out var issue), Is.False);
        Assert.That(issue!.Function, Is.EqualTo("log"));
        Assert.That(f.TryEvaluate(At(0), out _, out var zero), Is.False);
        Assert.That(zero!.Kind, Is.EqualTo(IssueKind.DivisionByZero));
    }

    [Test]
    public void DeepExpressionEvaluatesIteratively()
    {
        var f = CalculusTests.DeepSin(50_000);
        double s = 0.5;
        for (var k = 0; k < 50_000; k++)
        {
            s = Math.Sin(s);
        }

        Assert.That(f.Evaluate(At(0.5)), Is.EqualTo(s));
    }

    // Issue 12: operator issues leaked internals ("division by zero: / got (0, -1)", "sqrt got -4" for x^0.5).
    [TestCase("1/x", 0.0, "division by zero in 1/x: x is 0")]
    [TestCase("y/(x - 2)", 2.0, "division by zero in 1/(x - 2): x - 2 is 0")]
    [TestCase("x^0.5", -4.0, "sqrt(x) needs x >= 0, but x is -4")]
    [TestCase("(x - 3)^0.3", 1.0, "(x - 3)^(3/10) is not a real number: x - 3 is -2, and a negative number has no real power 0.3")]
    [TestCase("x^2*y", 1e200, "x^2 overflowed to +infinity (base and exponent are 1E+200, 2)")]
    [TestCase("x + x^2", 1e200, "x^2 overflowed to +infinity (base and exponent are 1E+200, 2)")]
    public void OperatorIssuesNameTheSubexpression(string text, double x, string message)
    {
        var point = new Dictionary<string, double> { ["x"] = x, ["y"] = 1 };
        Assert.That(Infix.Parse(text).TryEvaluate(point, out _, out var issue), Is.False);
        Assert.That(issue!.Message, Is.EqualTo(message));
        Assert.That(issue.Message, Does.Not.Contain(" / got").And.Not.Contain("^ got").And.Not.Contain("* got"));
    }
}
