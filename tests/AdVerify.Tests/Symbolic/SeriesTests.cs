using AdVerify.Expressions;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Symbolic;

/// <summary>Symbolic Taylor series, tangent and normal lines against known series.</summary>
public class SeriesTests
{
    private static Expr P(string text) => Infix.Parse(text);

    [TestCase("sin(x)", 0, 7, "x - x^3/6 + x^5/120 - x^7/5040")]
    [TestCase("cos(x)", 0, 6, "1 - x^2/2 + x^4/24 - x^6/720")]
    [TestCase("exp(x)", 0, 4, "1 + x + x^2/2 + x^3/6 + x^4/24")]
    [TestCase("log(1 + x)", 0, 4, "x - x^2/2 + x^3/3 - x^4/4")]
    [TestCase("1/(1 - x)", 0, 5, "1 + x + x^2 + x^3 + x^4 + x^5")]
    [TestCase("atan(x)", 0, 5, "x - x^3/3 + x^5/5")]
    [TestCase("sqrt(x)", 1, 2, "1 + (x - 1)/2 - (x - 1)^2/8")]
    [TestCase("sigmoid(x)", 0, 3, "1/2 + x/4 - x^3/48")]
    [TestCase("erf(x)", 0, 3, "2*x/sqrt(pi) - 2*x^3/(3*sqrt(pi))")]
    [TestCase("log(2, x)", 1, 2, "(x - 1)/log(2) - (x - 1)^2/(2*log(2))")]
    [TestCase("besselj(0, x)", 0, 4, "1 - x^2/4 + x^4/64")]
    public void KnownSeries(string f, double at, int order, string expected) =>
        Assert.That(P(f).Taylor("x", at, order).Polynomial, Is.SameAs(P(expected)));

    [Test]
    public void GammaAboutOneHasTheEulerConstantAsDigamma()
    {
        // Γ(1 + ε) = 1 − γε + …: the linear coefficient is ψ(1) = −γ, kept exact as digamma(1).
        var series = P("gamma(x)").Taylor("x", 1, 1);
        Assert.That(series.Coefficients[0], Is.SameAs(Expr.One));
        Assert.That(series.Coefficients[1], Is.SameAs(P("digamma(1)")));
        Assert.That(series.Coefficients[1].Evaluate(new Dictionary<string, double>()), Is.EqualTo(-0.5772156649015329).Within(1e-14));
    }

    [Test]
    public void SymbolicPointsAndOtherVariables()
    {
        var series = P("exp(a*x)").Taylor("x", P("b"), 2);
        Assert.That(series.Coefficients[1], Is.SameAs(P("a*exp(a*b)")));
        Assert.That(series.Polynomial.Variables, Is.EquivalentTo(new[] { "a", "b", "x" }));
    }

    [Test]
    public void TextbookLayout()
    {
        var series = P("sin(x)").Taylor("x", 0, 5);
        Assert.That(series.ToString(), Is.EqualTo("x - 1/6*x^3 + 1/120*x^5 + O(x^6)"));
        Assert.That(series.ToLaTeX(), Is.EqualTo(@"x - \frac{1}{6} x^{3} + \frac{1}{120} x^{5} + \mathcal{O}\left(x^{6}\right)"));
        var shifted = P("exp(x)").Taylor("x", 1, 1);
        Assert.That(shifted.ToString(), Is.EqualTo("exp(1) + exp(1)*(x - 1) + O((x - 1)^2)"));
    }

    [Test]
    public void TangentAndNormalLines()
    {
        Assert.That(P("x^2").TangentLine("x", 3), Is.SameAs(P("6*x - 9")));
        Assert.That(P("x^2").NormalLine("x", 3), Is.SameAs(P("9 - (x - 3)/6")));
        Assert.That(P("sin(x)").TangentLine("x", 0), Is.SameAs(P("x")));
        var ex = Assert.Throws<ArgumentException>(() => P("cos(x)").NormalLine("x", 0));
        Assert.That(ex!.Message, Does.Contain("vertical line x = 0"));
    }

    [Test]
    public void BadInputIsNamed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => P("x").Taylor("x", 0, -1));
        Assert.That(Assert.Throws<ArgumentException>(() => P("x").Taylor("x", P("x + 1"), 2))!.Message, Does.Contain("depends on the variable x"));
        Assert.That(Assert.Throws<ArgumentException>(() => P("x").Taylor("x", double.NaN, 2))!.Message, Does.Contain("finite"));
    }

    [Test]
    public void AgreesWithTaylorModeNumerically()
    {
        // The symbolic coefficients against the Taylor engine's (independent cards).
        var e = P("gamma(x) * besseli(1, x) + softplus(x^2)");
        var series = e.Taylor("x", 1.5, 5);
        var numeric = AdVerify.Taylor.TaylorMode.Derivatives(e, new Dictionary<string, double> { ["x"] = 1.5 }, new Dictionary<string, double> { ["x"] = 1 }, 5);
        var factorial = 1.0;
        for (var j = 0; j <= 5; j++)
        {
            factorial *= Math.Max(j, 1);
            var c = series.Coefficients[j].Evaluate(new Dictionary<string, double>());
            Assert.That(c, Is.EqualTo(numeric[j] / factorial).Within(1e-11 * Math.Max(1, Math.Abs(c))), $"c{j}");
        }
    }
}
