using AdVerify.NUnit;
using NUnit.Framework;

namespace AdVerify.NUnit.Tests;

/// <summary>
/// Regression tests for the false alarms and engine bugs the random-expression property found
/// (see <see cref="PropertyTests.EveryEngineAgreesOnRandomExpressions"/>); each now holds.
/// </summary>
public class FoundByProperties
{
    [Test]
    [Description("Found by the random-expression property: engine bug: reverse-mode atan uses cos²(atan x), which is 3.7e-33 instead of 1/(1+x²) once atan x rounds to π/2")]
    public void ReverseAtanAtLargeArguments() =>
        Assert.That(Gradient.Of("x + atan(cosh(y)^3)"), Verifies.At(("x", -0.1396484375), ("y", 15.8671875)));

    [Test]
    [Description("Found by the random-expression property: symbolic engine: d/dx 0^x evaluates log(0) and is undefined, while it is 0 for x > 0")]
    public void SymbolicDerivativeOfZeroToTheX() =>
        Assert.That(Gradient.Of("0^x"), Verifies.At(("x", 0.376953125)));

    [Test]
    [Description("Found by the random-expression property: verifier false alarm: erf(x)^2 - 1 is exactly 0 in double near x = -11.4, so finite differences (error estimate 0) and the Taylor test see a flat function")]
    public void CancellationBelowRounding() =>
        Assert.That(Gradient.Of("erf(x)^2 - 1"), Verifies.At(("x", -11.4296875)));

    [Test]
    [Description("Found by the random-expression property: verifier false alarm: the function oscillates on a scale (~1e-9) far below every finite-difference and Taylor step; four exact sources agree")]
    public void OscillationFasterThanFiniteDifferenceSteps()
    {
        Assert.That(Gradient.Of("sin(sinh(2*x))"), Verifies.At(("x", -11.4296875)));
        Assert.That(Gradient.Of("csc(sinh(x^2))"), Verifies.At(("x", -5.1015625)));
    }

    [Test]
    [Description("Found by the random-expression property: domain question: erf(x) rounds to exactly -1, so x^erf(x) is finite in double at x < 0, but its symbolic derivative needs log(x); reported as a discrepancy rather than undefined")]
    public void NegativeBaseWithAnExponentRoundedToAnInteger() =>
        Assert.That(Gradient.Of("x^erf(x)"), Verifies.At(("x", -11.4296875)).WithVerdict(AdVerify.Verification.Verdict.Undefined));

    [Test]
    [Description("Found by the random-expression property: y/min(x, y) is 1 up to rounding, so asin sits on its domain edge inside a locally constant composite. The derivative exists (0, as finite differences and forward mode say); reverse mode meets ∞·0 and gives NaN, which is a discrepancy naming reverse, never an excused 'undefined'. The symbolic derivative divides by a 1 - u² rounded to 0, within its rounding bound: a note")]
    public void LocallyConstantCompositeAtADomainEdge()
    {
        var result = Verifies.At(("x", 0.66796875), ("y", -14.341796875)).ApplyTo(Gradient.Of("asin(y/min(x, y))"));
        var r = ((AdVerify.NUnit.GradientConstraintResult)result).Result.Results[0];
        Assert.That(r.Verdict, Is.EqualTo(AdVerify.Verification.Verdict.Discrepancy), r.Message);
        Assert.That(r.Discrepancies.Select(d => d.OddOneOut), Is.All.EqualTo(AdVerify.Verification.Sources.Reverse));
        Assert.That(r.Gradient[AdVerify.Verification.Sources.Forward].Values, Is.All.EqualTo(0.0));
        Assert.That(r.Message, Does.Contain("within the rounding error"));
    }

    [Test]
    [Description("Found by the random-expression property: the complex atanh lost the real part near ±1 (1 + 4b/(1 − b)² cancels), so complex step was off by 1.6e-9 on atanh(tanh(x))^2")]
    public void ComplexAtanhNearOne() =>
        Assert.That(Gradient.Of("atanh(tanh(x))^2"), Verifies.At(("x", -5.1015625)));
}
