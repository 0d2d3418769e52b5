using AdVerify.Expressions;
using AdVerify.Symbolic;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Hardening;

/// <summary>
/// Numerical edge cases through every engine: overflow, underflow, NaN from inside a function,
/// signed zero and subnormal inputs. Verdicts say what happened; a consistent verdict never
/// vouches for a NaN or an infinity.
/// </summary>
public class NumericalEdgeTests
{
    private static Dictionary<string, double> At(double x) => new() { ["x"] = x };

    private static void AssertSane(PointResult r)
    {
        if (r.Verdict == Verdict.Consistent)
        {
            Assert.That(double.IsFinite(r.Value), Is.True, $"consistent with value {r.Value}");
            foreach (var (source, entries) in r.Gradient.Where(g => g.Key != Sources.FiniteDifference))
            {
                Assert.That(entries.Values.All(double.IsFinite), Is.True, $"consistent with a non-finite {source} gradient");
            }

            foreach (var (source, entries) in r.Hessian?.Where(h => h.Key != Sources.FiniteDifference) ?? [])
            {
                Assert.That(entries.Values.All(double.IsFinite), Is.True, $"consistent with a non-finite {source} Hessian");
            }
        }
        else if (r.Verdict == Verdict.Undefined)
        {
            Assert.That(r.Message, Is.Not.Null.And.Not.Empty, "undefined without a reason");
        }
    }

    [Test]
    public void OverflowIsUndefinedWithTheReason()
    {
        var r = Verifier.Check("exp(x)", At(1000), hessian: true);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Undefined));
        Assert.That(r.Message, Does.Contain("exp got 1000").And.Contain("overflowed"));
    }

    [Test]
    public void UnderflowToZeroIsStillConsistent()
    {
        var r = Verifier.Check("exp(x)", At(-1000), hessian: true);
        AssertSane(r);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Value, Is.EqualTo(0));
    }

    [Test]
    public void NaNFromInsideAFunctionIsUndefinedAndNamesIt()
    {
        // sin(+∞) is NaN: the first node that left the reals (exp) is named, not the NaN downstream.
        var r = Verifier.Check("sin(exp(x)) + x", At(1000));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Undefined));
        Assert.That(r.Message, Does.Contain("exp got 1000"));

        var nan = Verifier.Check("exp(x) - exp(2*x)", At(800));
        Assert.That(nan.Verdict, Is.EqualTo(Verdict.Undefined));
        Assert.That(nan.Message, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void SignedZeroIsAPointLikeAnyOther()
    {
        var r = Verifier.Check("x*exp(x) + sin(x)", At(-0.0), hessian: true);
        AssertSane(r);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Gradient[Sources.Reverse]["x"], Is.EqualTo(2));

        var division = Verifier.Check("1/x", At(-0.0));
        Assert.That(division.Verdict, Is.EqualTo(Verdict.Undefined));
        Assert.That(division.Message, Does.Contain("division by zero"));
    }

    [Test]
    public void SubnormalInputsGiveSaneVerdicts()
    {
        foreach (var expression in new[] { "x", "x^2", "sqrt(x)", "log(x)", "1/x", "exp(x)", "sin(x)/x", "x*abs(x)^0.5" })
        {
            foreach (var x in new[] { 5e-324, -5e-324, 2.2250738585072014e-308, 1e-310 })
            {
                var r = Verifier.Check(expression, At(x), hessian: true);

                // Correct engines on correct functions: an error or a discrepancy here is a false alarm.
                Assert.That(r.Verdict, Is.Not.EqualTo(Verdict.Error).And.Not.EqualTo(Verdict.Discrepancy), $"{expression} at {x}: {r.Message}");
                AssertSane(r);
            }
        }
    }

    [Test]
    public void HessianThatOverflowsIsUndefinedNotADiscrepancy()
    {
        // Found by fuzzing: the second derivative of x*|x|^(1/2) at 1e-300 (about 7.5e149) has an
        // intermediate |x|^(-3/2) that overflows; the verdict was a discrepancy against noise.
        var r = Verifier.Check("x*abs(x)^0.5", At(1e-300), hessian: true);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Undefined), r.Message);
        Assert.That(r.Message, Does.Contain("second derivative"));
    }

    [Test]
    public void ALiteralBeyondDoubleRangeIsUndefinedNotInfinity()
    {
        // Found by fuzzing: "eval 1e400" printed Infinity with exit code 0.
        Assert.That(Evaluation.TryEvaluate(Infix.Parse("1e400*x"), At(1), out _, out var issue), Is.False);
        Assert.That(issue!.Message, Does.StartWith("the number 100000000000… (401 characters)").And.Contain("overflowed to +infinity"));

        var r = Verifier.Check("1e400*x", At(1));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Undefined));
        Assert.That(r.Message, Does.Contain("the number"));

        // A literal that underflows is simply zero, as in IEEE arithmetic.
        Assert.That(Evaluation.TryEvaluate(Infix.Parse("1e-400"), At(1), out var tiny, out _), Is.True);
        Assert.That(tiny, Is.EqualTo(0));
    }

    [Test]
    public void TheGuardTurnsANonFiniteConsistentResultIntoUndefined()
    {
        var forged = new PointResult
        {
            Point = At(1),
            Verdict = Verdict.Consistent,
            Value = 1,
            Gradient = new Dictionary<string, IReadOnlyDictionary<string, double>>
            {
                [Sources.Forward] = new Dictionary<string, double> { ["x"] = double.NaN },
                [Sources.FiniteDifference] = new Dictionary<string, double> { ["x"] = double.NaN },
            },
        };
        var guarded = AdVerify.Verification.Pipeline.PointPipeline.RequireFiniteWhenConsistent(forged);
        Assert.That(guarded.Verdict, Is.EqualTo(Verdict.Undefined));
        Assert.That(guarded.Message, Does.Contain("with respect to x by forward"));

        var fine = forged with { Gradient = new Dictionary<string, IReadOnlyDictionary<string, double>> { [Sources.FiniteDifference] = new Dictionary<string, double> { ["x"] = double.NaN } } };
        Assert.That(AdVerify.Verification.Pipeline.PointPipeline.RequireFiniteWhenConsistent(fine).Verdict, Is.EqualTo(Verdict.Consistent), "a missing finite-difference estimate is only a note");
    }
}
