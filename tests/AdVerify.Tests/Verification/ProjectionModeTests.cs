using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>The projection (fast) mode: directional derivatives first, localisation only on a disagreement.</summary>
public class ProjectionModeTests
{
    private static double[] Point(int n) => Enumerable.Range(0, n).Select(i => 0.5 + (0.3 * Math.Sin(i))).ToArray();

    [Test]
    public void ACorrectGradientAndHessianOfAThousandVariablesAreConsistentByProjections()
    {
        var r = Verifier.Check(Definition.Of(new Rosenbrock(), 1000), Point(1000), x => Rosenbrock.Gradient(x), hessian: true);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Mode, Does.StartWith("projections"));
        Assert.That(r.Hessian!.Keys, Is.SupersetOf(new[] { Sources.Ad, Sources.Symbolic, Sources.FiniteDifference }));
    }

    [TestCase(0)]
    [TestCase(417)]
    [TestCase(999)]
    public void AWrongEntryIsLocalisedAndCheckedPerEntry(int wrong)
    {
        var r = Verifier.Check(Definition.Of(new Rosenbrock(), 1000), Point(1000), p =>
        {
            var g = Rosenbrock.Gradient(p);
            g[wrong] *= 1 + 1e-6;
            return g;
        });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy), r.Message);
        Assert.That(r.Discrepancies.Single().Variable, Is.EqualTo($"x{wrong}"));
        Assert.That(r.Discrepancies.Single().OddOneOut, Is.EqualTo(Sources.Claimed));
        Assert.That(r.Mode, Does.Contain("localised by bisection to x" + wrong));
    }

    [Test]
    public void AWrongHessianRuleIsLocalisedToItsEntries()
    {
        // A "second derivative" only the tape sees wrong: forward over reverse runs Var<Dual<double>>.
        var r = Verifier.Check(Definition.Of(new TapeOnlyWrongCurvature(), 40), Point(40), hessian: true);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy), r.Message);
        Assert.That(r.Discrepancies.Select(d => d.Variable), Has.Some.Contains("x7"));
    }

    [Test]
    public void TheModeCanBeChosen()
    {
        var small = Verifier.Check(Definition.Of(new Rosenbrock(), 30), Point(30), x => Rosenbrock.Gradient(x), mode: VerificationMode.PerEntry);
        Assert.That(small.Mode, Is.EqualTo("per entry"));
        var forced = Verifier.Check(Definition.Of(new Rosenbrock(), 5), Point(5), x => Rosenbrock.Gradient(x), mode: VerificationMode.Projections);
        Assert.That(forced.Mode, Does.StartWith("projections"));
        Assert.That(forced.Verdict, Is.EqualTo(Verdict.Consistent), forced.Message);
    }

    /// <summary>
    /// Σ xᵢ², except that the forward-over-reverse scalar (which gives the AD Hessian) also sees
    /// 5·(x₇ − p₇)²: the same value and gradient at the point p, a second derivative off by 10 —
    /// what a wrong second-order rule in one engine looks like.
    /// </summary>
    private readonly struct TapeOnlyWrongCurvature : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var sum = T.Zero;
            for (var i = 0; i < x.Length; i++)
            {
                sum += x[i] * x[i];
            }

            if (typeof(T) == typeof(AdVerify.Reverse.Var<AdVerify.Forward.Dual<double>>))
            {
                var d = x[7] - T.CreateChecked(Point(40)[7]);
                sum += T.CreateChecked(5) * d * d;
            }

            return sum;
        }
    }
}
