using AdVerify.Expressions;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

public class CanonicalTests
{
    private static readonly Expr X = Expr.Symbol("x");
    private static readonly Expr Y = Expr.Symbol("y");

    [Test]
    public void ExactRationalsStayExact() =>
        Assert.That(Expr.Number(Rational.FromDouble(0.5)) + Expr.Number(new Rational(1, 3)), Is.SameAs(Expr.Number(new Rational(5, 6))));

    [Test]
    public void IdentitiesApply()
    {
        Assert.That(X + 0, Is.SameAs(X));
        Assert.That(X * 1, Is.SameAs(X));
        Assert.That(X * 0, Is.SameAs(Expr.Zero));
        Assert.That(Expr.Pow(X, 1), Is.SameAs(X));
        Assert.That(Expr.Pow(X, 0), Is.SameAs(Expr.One));
    }

    [Test]
    public void LikeTermsAndFactorsAreCollected()
    {
        Assert.That(X + (2 * X), Is.SameAs(3 * X));
        Assert.That(X * X, Is.SameAs(Expr.Pow(X, 2)));
        Assert.That(X - X, Is.SameAs(Expr.Zero));
        Assert.That(X / X, Is.SameAs(Expr.One));
        Assert.That((X * Y) / Y, Is.SameAs(X));
    }

    [Test]
    public void CommutativeOperandsAreOrdered()
    {
        Assert.That(X + Y, Is.SameAs(Y + X));
        Assert.That(X * Y, Is.SameAs(Y * X));
        Assert.That(Expr.Call(Functions.Max, X, Y), Is.SameAs(Expr.Call(Functions.Max, Y, X)));
        Assert.That(Expr.Call(Functions.Atan2, X, Y), Is.Not.SameAs(Expr.Call(Functions.Atan2, Y, X)));
    }

    [Test]
    public void NumericPowersFold()
    {
        Assert.That(Expr.Pow(2, Expr.Pow(3, 2)), Is.SameAs(Expr.Number(512)));
        Assert.That(Expr.Call(Functions.Sqrt, 4), Is.SameAs(Expr.Two));
        Assert.That(Expr.Pow(Expr.Number(new Rational(27, 8)), Expr.Number(new Rational(-1, 3))), Is.SameAs(Expr.Number(new Rational(2, 3))));
        Assert.That(Expr.Call(Functions.Sqrt, 2).Kind, Is.EqualTo(ExprKind.Power));
    }

    [Test]
    public void HugeNumericPowersStaySymbolic() =>
        Assert.That(Expr.Pow(10, Expr.Pow(10, 10)).Kind, Is.EqualTo(ExprKind.Power));

    [Test]
    public void NumberTimesSumDistributes() =>
        Assert.That(-(X - Y), Is.SameAs(Y - X));

    [Test]
    public void DeepSumIsFlat()
    {
        var terms = Enumerable.Range(0, 10_000).Select(i => Expr.Symbol("v" + i)).ToArray();
        var sum = Expr.Add(terms);
        Assert.That(sum.Operands, Has.Count.EqualTo(10_000));
        Assert.That(Traversal.Depth(sum), Is.EqualTo(2));
    }
}

public class DeepExpressionTests
{
    [Test]
    public void DerivativeOfDeeplyNestedCallsIsBuilt()
    {
        // d/dx of sin(sin(…sin(x)…)) is a product of 1,000 nested cosines: ordering those factors
        // must not walk the nesting on every comparison.
        Expr f = Expr.Symbol("x");
        for (var i = 0; i < 1_000; i++)
        {
            f = Expr.Call(Functions.Sin, f);
        }

        var d = AdVerify.Symbolic.Calculus.Differentiate(f, "x");
        Assert.That(d.Operands, Has.Count.EqualTo(1_000));
        Assert.That(AdVerify.Symbolic.Evaluation.Evaluate(d, new Dictionary<string, double> { ["x"] = 0 }), Is.EqualTo(1));
    }
}
