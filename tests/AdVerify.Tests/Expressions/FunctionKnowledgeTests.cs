using AdVerify.Expressions;
using AdVerify.Numeric;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

/// <summary>The knowledge on the registry entries is true of the functions themselves.</summary>
public class FunctionKnowledgeTests
{
    private static readonly Expr[] Specials =
        [Expr.Zero, Expr.One, Expr.Two, Expr.MinusOne, Expr.Half, Expr.Number(8), Expr.Number(10), Expr.Number(1000), Expr.Number(new Rational(1, 8)), Expr.E, Expr.Pi];

    [Test]
    public void EveryExactFoldHasTheFunctionsValue()
    {
        var folds = 0;
        foreach (var f in Functions.BuiltIn.Where(f => f.Fold is not null))
        {
            var count = f.IsVariadic ? 2 : f.Arity;
            foreach (var args in Tuples(count))
            {
                var call = Expr.Call(f, args);
                if (call is CallExpr c && ReferenceEquals(c.Function, f))
                {
                    continue;
                }

                var values = args.Select(a => a.Evaluate(new Dictionary<string, double>())).ToArray();
                var expected = f.Evaluate(values);
                if (!double.IsFinite(expected))
                {
                    continue;
                }

                folds++;
                var folded = call.Evaluate(new Dictionary<string, double>());
                Assert.That(folded, Is.EqualTo(expected).Within(1e-15 * Math.Max(1, Math.Abs(expected))), $"{f.Name}({string.Join(", ", args.Select(Infix.Format))}) → {Infix.Format(call)}");
            }
        }

        Assert.That(folds, Is.GreaterThan(40), "the walk reached the folds");
    }

    [Test]
    public void OneSidedSlopesOfEveryKinkMatchOneSidedDifferences()
    {
        var checkedKinks = 0;
        foreach (var f in Functions.BuiltIn.Where(f => f.Arity == 1 && !f.IsVariadic))
        {
            foreach (var kink in f.Kinks.Where(k => k.HasOneSidedSlopes))
            {
                var at = new[] { -1.0, 0.0, 1.0 }.First(x => kink.IsAt([x]));
                var (left, right) = kink.OneSidedSlopes([at]);
                // Finite slopes against one-sided Richardson estimates; an infinite slope shows as secants that blow up.
                var l = double.IsInfinity(left) ? (f.Evaluate(at) - f.Evaluate(at - 1e-12)) / 1e-12 : OneSided.Left(f.Evaluate, at).Value;
                var r = double.IsInfinity(right) ? (f.Evaluate(at + 1e-12) - f.Evaluate(at)) / 1e-12 : OneSided.Right(f.Evaluate, at).Value;
                Assert.That(Agrees(l, left) && Agrees(r, right), Is.True, $"{f.Name} at {at}: registry ({left}, {right}), numeric ({l}, {r})");
                checkedKinks++;
            }
        }

        Assert.That(checkedKinks, Is.EqualTo(2), "abs and cbrt");
    }

    [Test]
    public void KinksAreWhereTheClassifierFindsNoDerivative()
    {
        foreach (var f in Functions.BuiltIn.Where(f => f.Kinks.Count > 0 && !f.IsVariadic))
        {
            foreach (var point in Candidates(f.Arity).Where(p => f.Kinks.Any(k => k.IsAt(p)) && f.InDomain(p)))
            {
                var nonSmooth = Enumerable.Range(0, f.Arity).Any(i =>
                    SmoothnessClassifier.Classify(a => f.Evaluate(a), point, i, new FiniteDifferenceOptions { Domain = a => f.InDomain(a) }).Kind
                        != SmoothnessKind.Differentiable);
                Assert.That(nonSmooth, Is.True, $"{f.Name}({string.Join(", ", point)}) is listed as a kink but is differentiable");
            }
        }
    }

    [Test]
    public void DomainEdgeDistancesAreZeroOnTheEdgeAndPositiveOutside()
    {
        Assert.That(Functions.Log.DomainEdgeDistance!([0.0]), Is.EqualTo((0, 0.0)));
        Assert.That(Functions.Log.DomainEdgeDistance!([-1e-17]), Is.EqualTo((0, 1e-17)));
        Assert.That(Functions.Asin.DomainEdgeDistance!([1 + 2e-16]), Is.EqualTo((0, (1 + 2e-16) - 1)));
        Assert.That(Functions.Acosh.DomainEdgeDistance!([1 - 1e-16]), Is.EqualTo((0, 1 - (1 - 1e-16))));
        Assert.That(Functions.LogBase.DomainEdgeDistance!([2.0, -1e-17]), Is.EqualTo((1, 1e-17)), "log(b, x) names its second argument");
        Assert.That(Functions.BesselK.DomainEdgeDistance!([1.0, -0.0]), Is.EqualTo((1, 0.0)));
        Assert.That(Functions.Sqrt.DomainEdgeDistance!([-3e-17]), Is.EqualTo((0, 3e-17)));
        Assert.That(Functions.ErfInv.DomainEdgeDistance!([-1.0]), Is.EqualTo((0, 0.0)));
        Assert.That(Functions.Exp.DomainEdgeDistance, Is.Null, "no edge on the whole real line");
        Assert.That(Functions.Gamma.DomainEdgeDistance, Is.Null, "poles are not edges");
    }

    private static bool Agrees(double estimate, double slope) =>
        double.IsInfinity(slope) ? Math.Sign(estimate) == Math.Sign(slope) && Math.Abs(estimate) > 1e6 : Math.Abs(estimate - slope) < 1e-8;

    private static IEnumerable<double[]> Candidates(int arity) =>
        arity == 1 ? new[] { -1.0, 0, 1 }.Select(x => new[] { x })
            : from x in new[] { -1.0, 0, 1 } from y in new[] { -1.0, 0, 1 } select new[] { x, y };

    private static IEnumerable<Expr[]> Tuples(int count) =>
        count == 1 ? Specials.Select(a => new[] { a }) : from a in Specials from b in Specials select new[] { a, b };
}
