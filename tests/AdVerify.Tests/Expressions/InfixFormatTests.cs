using AdVerify.Expressions;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

public class InfixFormatTests
{
    private static readonly Expr X = Expr.Symbol("x");
    private static readonly Expr Y = Expr.Symbol("y");
    private static readonly Expr Z = Expr.Symbol("z");

    private static Expr Q(int p, int q) => Expr.Number(new Rational(p, q));

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(X - Y, "x - y");
        yield return new TestCaseData(X + Y, "x + y");
        yield return new TestCaseData(X + 1, "x + 1");
        yield return new TestCaseData(X - 1, "x - 1");
        yield return new TestCaseData(X / Y, "x/y");
        yield return new TestCaseData(1 / X, "1/x");
        yield return new TestCaseData(-1 / X, "-1/x");
        yield return new TestCaseData(2 * X, "2*x");
        yield return new TestCaseData(-X, "-x");
        yield return new TestCaseData(-2 * X, "-2*x");
        yield return new TestCaseData(-(X * Y), "-x*y");
        yield return new TestCaseData(Expr.Pow(X, 2), "x^2");
        yield return new TestCaseData(-Expr.Pow(X, 2), "-x^2");
        yield return new TestCaseData(Expr.Pow(X, -2), "1/x^2");
        yield return new TestCaseData(Expr.Pow(X, Expr.Half), "sqrt(x)");
        yield return new TestCaseData(Expr.Pow(X, Q(-1, 2)), "1/sqrt(x)");
        yield return new TestCaseData(Expr.Pow(X, Q(1, 3)), "x^(1/3)");
        yield return new TestCaseData(Expr.Pow(X, Q(3, 2)), "x^(3/2)");
        yield return new TestCaseData(Expr.Pow(X, Q(-3, 2)), "1/x^(3/2)");
        yield return new TestCaseData(Expr.Pow(X, -Y), "x^(-y)");
        yield return new TestCaseData(Expr.Pow(X, Y + 1), "x^(y + 1)");
        yield return new TestCaseData(Expr.Pow(X, 2 * Y), "x^(2*y)");
        yield return new TestCaseData(Expr.Pow(X, Expr.Pow(Y, Z)), "x^y^z");
        yield return new TestCaseData(Expr.Pow(Expr.Pow(X, Y), Z), "(x^y)^z");
        yield return new TestCaseData(Expr.Pow(-2, X), "(-2)^x");
        yield return new TestCaseData(Expr.Pow(Q(1, 2), X), "(1/2)^x");
        yield return new TestCaseData(Expr.Pow(2, X), "2^x");
        yield return new TestCaseData(Expr.Pow(X + 1, 2), "(x + 1)^2");
        yield return new TestCaseData(Expr.Pow(-X, Y), "(-x)^y");
        yield return new TestCaseData(Expr.Pow(Expr.Call(Functions.Sin, X), 2), "sin(x)^2");
        yield return new TestCaseData(Expr.Call(Functions.Exp, X), "exp(x)");
        yield return new TestCaseData(Expr.Pow(Expr.E, X), "exp(x)");
        yield return new TestCaseData(Expr.Call(Functions.Log, X), "log(x)");
        yield return new TestCaseData(Expr.Call(Functions.Atan2, Y, X), "atan2(y, x)");
        yield return new TestCaseData(Q(3, 10), "3/10");
        yield return new TestCaseData(Q(-3, 10), "-3/10");
        yield return new TestCaseData(Expr.Number(-7), "-7");
        yield return new TestCaseData(Q(3, 10) * X, "3*x/10");
        yield return new TestCaseData(Q(-1, 2) * X, "-x/2");
        yield return new TestCaseData(X / (2 * Y), "x/(2*y)");
        yield return new TestCaseData(X / (Y * Z), "x/(y*z)");
        yield return new TestCaseData(X + Q(1, 2), "x + 1/2");
        yield return new TestCaseData(X - Q(1, 2), "x - 1/2");
        yield return new TestCaseData(X - (Y / 2), "x - y/2");
        yield return new TestCaseData(X - (1 / Y), "x - 1/y");
        yield return new TestCaseData(X * (Y + 1) / Z, "(y + 1)*x/z");
        yield return new TestCaseData(-X * (Y + 1), "-1*(y + 1)*x");
        yield return new TestCaseData(Expr.Pow(0, -2), "0^(-2)");
        yield return new TestCaseData(Expr.Pow(0, -1), "1/0");
        yield return new TestCaseData(Expr.Multiply(7, Expr.Pow(2, -1), Expr.Pow(0, -1)), "7/2/0");
        yield return new TestCaseData(Expr.Pow(0, -1) / X, "1/0/x");
        yield return new TestCaseData(X / (Y + 1), "x/(y + 1)");
        yield return new TestCaseData(Expr.Multiply(Expr.Half, Expr.Pow(X + 1, -1)), "1/2/(x + 1)");
        yield return new TestCaseData(Expr.Multiply(Expr.MinusOne, X + 1, Expr.Pow(Y, -1)), "-1*(x + 1)/y");
        yield return new TestCaseData(Expr.Multiply(3, Expr.Pow(2, Expr.Half)), "3*sqrt(2)");
        yield return new TestCaseData(Expr.Pi * X, "pi*x");
        yield return new TestCaseData(Expr.E + 1, "e + 1");
        yield return new TestCaseData(Expr.Pow(X, Expr.Pow(Y, -1)), "x^(1/y)");
    }

    [TestCaseSource(nameof(Cases))]
    public void FormatsReadablyAndRoundTrips(Expr e, string text)
    {
        Assert.That(Infix.Format(e), Is.EqualTo(text));
        Assert.That(e.ToString(), Is.EqualTo(text));
        Assert.That(Infix.Parse(text), Is.SameAs(e));
    }

    [Test]
    public void EveryRegisteredFunctionRoundTrips()
    {
        var args = new[] { X, Y + 1, -Z, Expr.Pow(X, Q(-1, 2)), Q(-3, 7), Expr.Pi };
        foreach (var f in Functions.BuiltIn)
        {
            foreach (var a in args)
            {
                foreach (var b in args)
                {
                    var e = f.Arity == 1 ? Expr.Call(f, a) : Expr.Call(f, a, b);
                    var text = Infix.Format(e);
                    Assert.That(Infix.Parse(text), Is.SameAs(e), text);
                    var composite = Expr.Pow(e, -2) - (3 * e / 7);
                    Assert.That(Infix.Parse(Infix.Format(composite)), Is.SameAs(composite), Infix.Format(composite));
                }
            }
        }
    }

    [Test]
    public void DeepExpressionsFormatWithoutRecursion()
    {
        const int n = 100_000;
        var e = X;
        for (var i = 0; i < n; i++)
        {
            e = (i % 3) switch
            {
                0 => Expr.Call(Functions.Sin, e),
                1 => Expr.Pow(e + 1, Y),
                _ => -(e * Z),
            };
        }

        var text = Infix.Format(e);
        Assert.That(text.Length, Is.GreaterThan(n));
        Assert.That(text, Does.EndWith(")"));
        Assert.That(LaTeX.Format(e).Length, Is.GreaterThan(n));
        Assert.That(Infix.FormatShared(e), Does.StartWith("result = "));
    }

    [Test]
    public void DeepParsableExpressionsRoundTrip()
    {
        var e = X;
        for (var i = 0; i < 150; i++)
        {
            e = Expr.Pow(Expr.Call(Functions.Cos, e) - Y, Z) / (X + i);
        }

        Assert.That(Infix.Parse(Infix.Format(e)), Is.SameAs(e));
    }

    [Test]
    public void SharedListingNamesRepeatedNodes()
    {
        var xy = X * Y;
        var e = Expr.Call(Functions.Log, xy) + Expr.Call(Functions.Sin, xy);
        Assert.That(Infix.FormatShared(e), Is.EqualTo("v1 = x*y; result = log(v1) + sin(v1)"));
        Assert.That(Infix.FormatShared(X + 1), Is.EqualTo("result = x + 1"));

        var v1 = Expr.Symbol("v1");
        var clash = Expr.Call(Functions.Exp, v1 * Y) * Expr.Call(Functions.Cos, v1 * Y);
        Assert.That(Infix.FormatShared(clash), Is.EqualTo("v2 = v1*y; result = cos(v2)*exp(v2)"));

        var shared = Expr.Call(Functions.Sin, xy);
        var top = Expr.Call(Functions.Atan2, shared, shared);
        Assert.That(Infix.FormatShared(top), Is.EqualTo("v1 = sin(x*y); result = atan2(v1, v1)"));
    }

    [Test]
    public void SharedListingStaysSmallForExponentialTrees()
    {
        var e = X;
        for (var i = 0; i < 40; i++)
        {
            e = Expr.Call(Functions.Sin, e) + Expr.Call(Functions.Cos, e);
        }

        Assert.That(e.TreeSize, Is.GreaterThan(1e12));
        var listing = Infix.FormatShared(e);
        Assert.That(listing.Length, Is.LessThan(5000));
        Assert.That(listing, Does.StartWith("result = ").Or.Contain("; result = "));
        Assert.That(listing, Does.EndWith("; result = cos(v39) + sin(v39)"));
    }

    [Test]
    public void NegativeSharedTermsKeepTheirSign()
    {
        var t = -(X * Y);
        var e = Expr.Call(Functions.Sin, t) + Expr.Call(Functions.Cos, t) + t;
        var listing = Infix.FormatShared(e);
        Assert.That(listing, Does.StartWith("v1 = -x*y; result = "));
        Assert.That(listing, Does.Contain("+ v1").Or.StartWith("v1 = -x*y; result = v1 + "));
    }
}
