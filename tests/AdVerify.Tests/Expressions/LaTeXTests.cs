using AdVerify.Expressions;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

public class LaTeXTests
{
    private static readonly Expr X = Expr.Symbol("x");
    private static readonly Expr Y = Expr.Symbol("y");

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(X / Y, @"\frac{x}{y}");
        yield return new TestCaseData(1 / X, @"\frac{1}{x}");
        yield return new TestCaseData(-X / 2, @"-\frac{x}{2}");
        yield return new TestCaseData(Expr.Number(new Rational(3, 10)), @"\frac{3}{10}");
        yield return new TestCaseData(Expr.Pow(X, Expr.Half), @"\sqrt{x}");
        yield return new TestCaseData(Expr.Pow(X, Expr.Number(new Rational(-1, 2))), @"\frac{1}{\sqrt{x}}");
        yield return new TestCaseData(Expr.Pow(X, Expr.Number(new Rational(1, 3))), @"\sqrt[3]{x}");
        yield return new TestCaseData(Expr.Call(Functions.Cbrt, X), @"\sqrt[3]{x}");
        yield return new TestCaseData(Expr.Call(Functions.Sin, X), @"\sin\left(x\right)");
        yield return new TestCaseData(Expr.Call(Functions.Log, X), @"\ln\left(x\right)");
        yield return new TestCaseData(Expr.Call(Functions.Log10, X), @"\log_{10}\left(x\right)");
        yield return new TestCaseData(Expr.Call(Functions.Abs, X - 1), @"\left|x - 1\right|");
        yield return new TestCaseData(Expr.Pow(X, 2), @"x^{2}");
        yield return new TestCaseData(Expr.Pow(X + 1, 2), @"\left(x + 1\right)^{2}");
        yield return new TestCaseData(Expr.Pow(X, Y + 1), @"x^{y + 1}");
        yield return new TestCaseData(Expr.Pow(Expr.Call(Functions.Sin, X), 2), @"\sin\left(x\right)^{2}");
        yield return new TestCaseData(Expr.Call(Functions.Exp, X), @"e^{x}");
        yield return new TestCaseData(Expr.Pow(Expr.Call(Functions.Exp, X), Y), @"\left(e^{x}\right)^{y}");
        yield return new TestCaseData(Expr.Pi, @"\pi");
        yield return new TestCaseData(Expr.E, "e");
        yield return new TestCaseData(2 * Expr.Pow(3, X), @"2 \cdot 3^{x}");
        yield return new TestCaseData(2 * X, "2 x");
        yield return new TestCaseData(X - Y, "x - y");
        yield return new TestCaseData(Expr.Symbol("alpha") * Expr.Symbol("sigma"), @"\alpha \sigma");
        yield return new TestCaseData(Expr.Symbol("mu"), @"\mu");
        yield return new TestCaseData(Expr.Symbol("Omega"), @"\Omega");
        yield return new TestCaseData(Expr.Symbol("x_1"), "x_{1}");
        yield return new TestCaseData(Expr.Symbol("sigma_max"), @"\sigma_{\mathrm{max}}");
        yield return new TestCaseData(Expr.Symbol("x_i_j"), "x_{i_{j}}");
        yield return new TestCaseData(Expr.Symbol("rate"), @"\mathrm{rate}");
        yield return new TestCaseData(Expr.Symbol("_t"), @"\mathrm{\_t}");
        yield return new TestCaseData(Expr.Call(Functions.Atan2, Y, X), @"\operatorname{atan2}\left(y, x\right)");
        yield return new TestCaseData(Expr.Call(Functions.Max, X, Y), @"\max\left(x, y\right)");
        yield return new TestCaseData(X * (Y + 1) / Expr.Pow(Y, 2), @"\frac{\left(y + 1\right) x}{y^{2}}");
        yield return new TestCaseData(Expr.Pow(2, X), @"2^{x}");
        yield return new TestCaseData(Expr.Pow(-2, X), @"\left(-2\right)^{x}");
    }

    [TestCaseSource(nameof(Cases))]
    public void Typesets(Expr e, string latex) => Assert.That(LaTeX.Format(e), Is.EqualTo(latex));

    [Test]
    public void EveryRegisteredFunctionTypesets()
    {
        foreach (var f in Functions.BuiltIn)
        {
            var e = f.Arity == 1 ? Expr.Call(f, X) : Expr.Call(f, X, Y);
            var latex = LaTeX.Format(e);
            Assert.That(latex, Does.Contain("x"), f.Name);
            Assert.That(latex.Count(c => c == '{'), Is.EqualTo(latex.Count(c => c == '}')), latex);
        }
    }

    [Test]
    public void FormatNameIsPublic() => Assert.That(LaTeX.FormatName("beta_2"), Is.EqualTo(@"\beta_{2}"));
}
