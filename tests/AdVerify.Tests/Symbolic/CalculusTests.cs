using AdVerify.Expressions;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Symbolic;

public class CalculusTests
{
    private static readonly Expr X = Expr.Symbol("x");
    private static readonly Expr Y = Expr.Symbol("y");
    private static readonly Expr Z = Expr.Symbol("z");

    [Test]
    public void PowerOfVariable() =>
        Assert.That(Expr.Pow(X, 3).Differentiate("x"), Is.SameAs(3 * Expr.Pow(X, 2)));

    [Test]
    public void LogOfProductSimplifiesToReciprocal() =>
        Assert.That(Expr.Call(Functions.Log, X * Y).Differentiate("x"), Is.SameAs(Expr.Pow(X, -1)));

    [Test]
    public void SeedExampleIsExact()
    {
        var f = Expr.Call(Functions.Log, X * Y) + Expr.Call(Functions.Sin, Z);
        Assert.Multiple(() =>
        {
            Assert.That(f.Differentiate("x"), Is.SameAs(1 / X));
            Assert.That(f.Differentiate("y"), Is.SameAs(1 / Y));
            Assert.That(f.Differentiate("z"), Is.SameAs(Expr.Call(Functions.Cos, Z)));
            Assert.That(f.Differentiate("w"), Is.SameAs(Expr.Zero));
        });
    }

    [Test]
    public void GeneralPowerRule()
    {
        var xy = Expr.Pow(X, Y);
        Assert.Multiple(() =>
        {
            Assert.That(xy.Differentiate("x"), Is.SameAs(Y * Expr.Pow(X, Y - 1)));
            Assert.That(xy.Differentiate("y"), Is.SameAs(xy * Expr.Call(Functions.Log, X)));
            Assert.That(Expr.Pow(X, X).Differentiate("x"), Is.SameAs(Expr.Pow(X, X) * (Expr.Call(Functions.Log, X) + 1)));
            Assert.That(Expr.Pow(2, X).Differentiate("x"), Is.SameAs(Expr.Pow(2, X) * Expr.Call(Functions.Log, 2)));
            Assert.That(Expr.Call(Functions.Sqrt, X).Differentiate("x"), Is.SameAs(Expr.Half * Expr.Pow(X, -Expr.Half)));
            Assert.That(Expr.Call(Functions.Exp, 2 * X).Differentiate("x"), Is.SameAs(2 * Expr.Call(Functions.Exp, 2 * X)));
        });
    }

    [Test]
    public void ProductAndChainRule()
    {
        var f = X * Expr.Call(Functions.Sin, X * Y);
        var expected = Expr.Call(Functions.Sin, X * Y) + X * Y * Expr.Call(Functions.Cos, X * Y);
        Assert.That(f.Differentiate("x"), Is.SameAs(expected));
    }

    [Test]
    public void GradientAndHessian()
    {
        var f = Expr.Pow(X, 2) * Y + Expr.Call(Functions.Exp, Y);
        var gradient = Calculus.Gradient(f, "x", "y");
        var hessian = Calculus.Hessian(f, "x", "y");
        Assert.Multiple(() =>
        {
            Assert.That(gradient[0], Is.SameAs(2 * X * Y));
            Assert.That(gradient[1], Is.SameAs(Expr.Pow(X, 2) + Expr.Call(Functions.Exp, Y)));
            Assert.That(hessian[0, 0], Is.SameAs(2 * Y));
            Assert.That(hessian[0, 1], Is.SameAs(2 * X));
            Assert.That(hessian[1, 0], Is.SameAs(2 * X));
            Assert.That(hessian[1, 1], Is.SameAs(Expr.Call(Functions.Exp, Y)));
        });
    }

    [Test]
    public void InvalidVariableNameIsRejected() =>
        Assert.Throws<ArgumentException>(() => X.Differentiate("1x"));

    internal static Expr LogisticMap(int iterations)
    {
        var r = Expr.Symbol("r");
        var x = X;
        for (var k = 0; k < iterations; k++)
        {
            x = r * x * (1 - x);
        }

        return x;
    }

    [Test]
    public void LogisticMapDerivativeDoesNotSwell()
    {
        var f = LogisticMap(20);
        var dx = f.Differentiate("x");
        var dr = f.Differentiate("r");
        static int Edges(Expr e) => Traversal.PostOrder(e).Sum(n => n.Operands.Count);
        TestContext.Out.WriteLine($"logistic map x20: DagSize {f.DagSize} ({Edges(f)} edges), d/dx DagSize {dx.DagSize} ({Edges(dx)} edges), " +
            $"d/dr DagSize {dr.DagSize}, d/dx TreeSize {dx.TreeSize:E3}");
        Assert.That(dx.DagSize, Is.LessThanOrEqualTo(4 * f.DagSize));
        Assert.That(dr.DagSize, Is.LessThanOrEqualTo(4 * f.DagSize));

        // And it is right: compare with a central difference of the iterated map itself.
        const double rv = 3.2;
        static double Map(double x0)
        {
            var t = x0;
            for (var k = 0; k < 20; k++)
            {
                t = rv * t * (1 - t);
            }

            return t;
        }

        var point = new Dictionary<string, double> { ["x"] = 0.3, ["r"] = rv };
        Assert.That(dx.Evaluate(point), Is.EqualTo(NumericDerivative.Central(Map, 0.3, 1e-4)).Within(1e-6).Percent);
    }

    [TestCase(40)]
    [TestCase(80)]
    [TestCase(160)]
    public void LogisticMapDerivativeStaysLinearAtAnyDepth(int iterations)
    {
        var f = LogisticMap(iterations);
        var dx = f.Differentiate("x");
        var dr = f.Differentiate("r");
        Assert.That(dx.DagSize, Is.LessThanOrEqualTo(3 * f.DagSize), "d/dx");
        Assert.That(dr.DagSize, Is.LessThanOrEqualTo(4 * f.DagSize), "d/dr");

        // The reused products give the same numbers as forward mode on the same expression (at
        // r = 1 the iterates decay like 1/k, so the derivatives neither vanish nor explode).
        var point = new Dictionary<string, double> { ["x"] = 0.3, ["r"] = 1.0 };
        var (_, gradient) = AdVerify.Forward.ExprForward.Gradient(f, point, ["x", "r"]);
        Assert.That(dx.Evaluate(point), Is.EqualTo(gradient[0]).Within(1e-9).Percent);
        Assert.That(dr.Evaluate(point), Is.EqualTo(gradient[1]).Within(1e-9).Percent);
    }

    [Test]
    public void TenThousandNestedCallsDifferentiateIntoOneProduct()
    {
        var f = X;
        for (var k = 0; k < 10_000; k++)
        {
            f = Expr.Call(Functions.Sin, f);
        }

        var df = f.Differentiate("x");
        Assert.That(df.DagSize, Is.LessThanOrEqualTo(2 * f.DagSize));
        Assert.That(df, Is.InstanceOf<ProductExpr>());
        Assert.That(df.Operands, Has.Count.EqualTo(10_000), "one factor cos(sinᵏ(x)) per level");
        var (value, slope) = (0.9, 1.0);
        for (var k = 0; k < 10_000; k++)
        {
            slope *= Math.Cos(value);
            value = Math.Sin(value);
        }

        Assert.That(df.Evaluate(new Dictionary<string, double> { ["x"] = 0.9 }), Is.EqualTo(slope).Within(1e-9).Percent);
    }

    [Test]
    public void ProductsContainingEarlierProductsAreDifferentiatedRight()
    {
        // (x·y·sin x)·(x·y·sin x·cos y) shares every factor of the first product with the second.
        var (x, y) = (X, Expr.Symbol("y"));
        var q = x * y * Expr.Call(Functions.Sin, x) * Expr.Call(Functions.Exp, x * y);
        var p = q * Expr.Call(Functions.Cos, y) * Expr.Pow(x, 3);
        var f = q + p + (2 * p);
        var point = new Dictionary<string, double> { ["x"] = 0.7, ["y"] = -1.3 };
        var (_, gradient) = AdVerify.Forward.ExprForward.Gradient(f, point, ["x", "y"]);
        Assert.That(f.Differentiate("x").Evaluate(point), Is.EqualTo(gradient[0]).Within(1e-12).Percent);
        Assert.That(f.Differentiate("y").Evaluate(point), Is.EqualTo(gradient[1]).Within(1e-12).Percent);
    }

    [Test]
    public void SharedSubexpressionsAreDifferentiatedOnce()
    {
        // f = g·g·…: the DAG of a 30-fold nested square is tiny though its tree is huge.
        var f = X;
        for (var k = 0; k < 30; k++)
        {
            f = Expr.Call(Functions.Sin, f * (f + 1));
        }

        var df = f.Differentiate("x");
        Assert.That(df.TreeSize, Is.GreaterThan(1e6));
        Assert.That(df.DagSize, Is.LessThan(20 * f.DagSize));
    }

    [Test]
    public void ManyTermsDifferentiateLinearly()
    {
        var terms = Enumerable.Range(1, 10_000).Select(k => Expr.Call(Functions.Sin, k * Expr.Symbol("x" + k))).ToArray();
        var sum = Expr.Add(terms);
        Assert.That(sum.Differentiate("x7"), Is.SameAs(7 * Expr.Call(Functions.Cos, 7 * Expr.Symbol("x7"))));
        var poly = Expr.Add(Enumerable.Range(1, 10_000).Select(k => k * Expr.Pow(X, k)));
        Assert.That(poly.Differentiate("x").Operands, Has.Count.EqualTo(10_000));
    }

    [Test]
    public void DeepNestingDifferentiatesWithoutStackOverflow()
    {
        // f₀ = x, fₖ = sin(fₖ₋₁) + x: depth 10,000, differentiated by an iterative walk.
        const int depth = 5_000;
        var f = X;
        for (var k = 0; k < depth; k++)
        {
            f = Expr.Call(Functions.Sin, f) + X;
        }

        var df = f.Differentiate("x");
        var value = df.Evaluate(new Dictionary<string, double> { ["x"] = 0.5 });
        double expected = 1, s = 0.5;
        for (var k = 0; k < depth; k++)
        {
            expected = Math.Cos(s) * expected + 1;
            s = Math.Sin(s) + 0.5;
        }

        Assert.That(Traversal.Depth(f), Is.GreaterThan(2 * depth));
        Assert.That(value, Is.EqualTo(expected).Within(1e-9).Percent);
    }

    [TestCase(50)]
    [TestCase(100)]
    public void NestedSinDerivativeIsAProductOfCosines(int depth)
    {
        // d/dx sinⁿ(x) = Π cos(sinᵏ(x)), one flat canonical product.
        var df = DeepSin(depth).Differentiate("x");
        Assert.That(df.Kind, Is.EqualTo(ExprKind.Product));
        Assert.That(df.Operands, Has.Count.EqualTo(depth));
        double expected = 1, s = 0.5;
        for (var k = 0; k < depth; k++)
        {
            expected *= Math.Cos(s);
            s = Math.Sin(s);
        }

        Assert.That(df.Evaluate(new Dictionary<string, double> { ["x"] = 0.5 }), Is.EqualTo(expected).Within(1e-9).Percent);
    }

    internal static Expr DeepSin(int depth)
    {
        var f = X;
        for (var k = 0; k < depth; k++)
        {
            f = Expr.Call(Functions.Sin, f);
        }

        return f;
    }
}
