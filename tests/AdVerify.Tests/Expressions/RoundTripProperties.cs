using AdVerify.Expressions;
using AdVerify.NUnit;
using NUnit.Framework;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace AdVerify.Tests.Expressions;

public class RoundTripProperties
{
    [Property(Arbitrary = [typeof(ExprGenerators.Default)], MaxTest = 1000)]
    public bool FormatParsesBackToTheSameExpression(Expr e) => ReferenceEquals(Infix.Parse(Infix.Format(e)), e);

    [Property(Arbitrary = [typeof(ExprGenerators.Default)], MaxTest = 300)]
    public bool OtherFormsNeverFail(Expr e)
    {
        var latex = LaTeX.Format(e);
        var listing = Infix.FormatShared(e);
        return latex.Length > 0
            && latex.Count(c => c == '{') == latex.Count(c => c == '}')
            && listing.Contains("result = ", StringComparison.Ordinal);
    }

    [Test]
    public void ShrinkCandidatesAreStrictlySimpler()
    {
        var gen = ExprGenerators.Generator(5);
        foreach (var e in FsCheck.Fluent.Gen.Sample(gen, 60))
        {
            var c = ExprGenerators.Complexity(e);
            foreach (var s in ExprGenerators.Shrink(e).Take(200))
            {
                Assert.That(ExprGenerators.Complexity(s), Is.LessThan(c), $"{s} from {e}");
            }
        }
    }

    [Test]
    public void ShrinkingReachesSmallCounterexamples()
    {
        var x = Expr.Symbol("x");
        var y = Expr.Symbol("y");
        var big = (Expr.Call(Functions.Sin, Expr.Pow(x + (3 * y), 2) / 7) * Expr.Call(Functions.Atan2, y, x)) - Expr.Number(new Rational(-9, 4));
        static bool HasSin(Expr e) => Traversal.PostOrder(e).Any(n => n is CallExpr { Function.Name: "sin" });

        var current = big;
        var steps = 0;
        while (ExprGenerators.Shrink(current).FirstOrDefault(HasSin) is { } smaller)
        {
            current = smaller;
            Assert.That(++steps, Is.LessThan(1000));
        }

        Assert.That(current, Is.SameAs(Expr.Call(Functions.Sin, x)).Or.SameAs(Expr.Call(Functions.Sin, Expr.One)));
    }

    [Test]
    public void NumbersShrinkTowardsZero()
    {
        var candidates = ExprGenerators.Shrink(Expr.Number(new Rational(-9, 4))).ToList();
        Assert.That(candidates, Does.Contain(Expr.Zero));
        Assert.That(candidates, Does.Contain(Expr.Number(new Rational(9, 4))));
        Assert.That(ExprGenerators.Shrink(Expr.Zero), Is.Empty);
        Assert.That(ExprGenerators.Shrink(Expr.Symbol("x")), Is.Empty);
    }

    [Test]
    public void CompoundExpressionsShrinkToTheirOperands()
    {
        var x = Expr.Symbol("x");
        var e = Expr.Call(Functions.Cos, x + 2);
        Assert.That(ExprGenerators.Shrink(e).First(), Is.SameAs(x + 2));
    }

    [Test]
    public void GeneratorCoversEveryFunction()
    {
        var seen = new HashSet<FunctionInfo>();
        foreach (var e in FsCheck.Fluent.Gen.Sample(ExprGenerators.Generator(3), 2000))
        {
            foreach (var n in Traversal.PostOrder(e))
            {
                if (n is CallExpr c)
                {
                    seen.Add(c.Function);
                }
            }
        }

        // sqrt and pow are stored as powers; every other built-in (log/1 and log/2 apart) must appear.
        var expected = Functions.BuiltIn.Where(f => f != Functions.Sqrt && f != Functions.Pow);
        Assert.That(expected.Where(f => !seen.Contains(f)).Select(f => f.ToString()), Is.Empty);
    }
}
