using AdVerify.NUnit;
using AdVerify.Verification;
using NUnit.Framework;
using NUnit.Framework.Constraints;
using NUnit.Framework.Internal;
using Is = AdVerify.NUnit.Syntax.Is;
using static AdVerify.NUnit.Tests.Messages;

namespace AdVerify.NUnit.Tests;

/// <summary>
/// <c>.InFloat32()</c> and <c>Gradient.OfFloat32(…)</c>: code that computes in single precision, judged against
/// what float32 rounding explains; a failure says "bug, not rounding" and names the variable.
/// </summary>
public class Float32ConstraintTests
{
    /// <summary>The logistic loss's gradient in float, as it would sit next to a float training loop.</summary>
    private static float[] FloatGradient(float[] p)
    {
        var s = 1f / (1f + MathF.Exp((float)Functions.Y * ((p[0] * (float)Functions.X) + p[1])));
        return [(float)(-Functions.Y * Functions.X) * s, (float)-Functions.Y * s];
    }

    /// <summary>The same gradient with a planted fault of one part in a thousand in ∂/∂b.</summary>
    private static float[] FaultyFloatGradient(float[] p)
    {
        var g = FloatGradient(p);
        g[1] *= 1.001f;
        return g;
    }

    /// <summary>The loss as careful float code computes it: softplus(−z) = max(−z, 0) + log1p(e^−|z|), without rounding 1 + e^−|z|.</summary>
    private static float FloatLoss(float[] p)
    {
        var z = (float)Functions.Y * ((p[0] * (float)Functions.X) + p[1]);
        var e = MathF.Exp(-MathF.Abs(z));
        var u = 1f + e;
        var log1p = u == 1f ? e : MathF.Log(u) * (e / (u - 1f));
        return MathF.Max(-z, 0f) + log1p;
    }

    // (-2, 3) puts w·x + b at exactly 0, where the error model once let ∂f/∂b move by 2 (a step within its own
    // error of 0 has no meaningful relative error; its partials are now charged its absolute error).
    private static readonly double[][] Points = [[0.3, -0.2], [1.5, 0.75], [-2, 2.5], [-2, 3], [0.01, -0.02]];

    [Test]
    public void AGenericDefinitionInFloat32PassesWithAndWithoutItsFloatGradient()
    {
        Assert.That(Gradient.Of(new Functions.LogisticLoss()).InFloat32(), Is.VerifiedAt(("w", 0.3), ("b", -0.2)));
        Assert.That(Gradient.Of(new Functions.LogisticLoss()).InFloat32().Claimed(FloatGradient), Verifies.AtPoints(Points));
        Assert.That(Gradient.Of(new Functions.LogisticLoss()).InFloat32().Claimed(FloatGradient), Is.VerifiedInDomain(count: 4, seed: 3));

        var result = (GradientConstraintResult)Verifies.At(0.3, -0.2).ApplyTo(Gradient.Of(new Functions.LogisticLoss()).InFloat32().Claimed(FloatGradient));
        Assert.That(result.IsSuccess, Is.True);
        var f32 = result.Result.Results[0].Float32!;
        Assert.That(f32.WithinRounding, Is.True);
        Assert.That(f32.Gradient.Keys, Is.EquivalentTo(new[] { Sources.Forward32, Sources.Reverse32, Sources.Claimed32 }));
    }

    [Test]
    public void APlantedFaultOfOnePartInAThousandFailsWithTheFloat32VerdictNamingTheVariable()
    {
        var subject = Gradient.Of(new Functions.LogisticLoss()).InFloat32().Claimed(FaultyFloatGradient);
        var result = (GradientConstraintResult)Verifies.AtPoints(Points).ApplyTo(subject);
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Result.Results.Select(r => r.Discrepancies.Count == 1 ? r.Discrepancies[0].Variable : r.ToString()), Is.All.EqualTo("b"), Message(result));
        var message = Message(result);
        Assert.That(message, Does.Contain("float32 gradient of").And.Contain("against the claimed float gradient"));
        Assert.That(message, Does.Contain("float32: ∂f/∂b in float32: claimed32 gives").And.Contain("beyond float32 rounding, so a bug"));
        Assert.That(message, Does.Match(@"\bb\s+\| claimed32 vs forward\s+\|"), "the table row names the variable and the float claim");
        Assert.That(message, Does.Contain("±float32 bound"));

        using (new TestExecutionContext.IsolatedContext())
        {
            var e = Assert.Throws<AssertionException>(() => Assert.That(subject, Is.VerifiedAt(("w", 0.3), ("b", -0.2))));
            Assert.That(e!.Message, Does.Contain("∂f/∂b in float32").And.Contain("so a bug"));
        }
    }

    [Test]
    public void OpaqueFloatCodeIsCheckedAgainstFiniteDifferencesWithFloat32Steps()
    {
        Assert.That(Gradient.OfFloat32(FloatLoss, "w", "b").Claimed(FloatGradient), Verifies.AtPoints(Points));

        var result = (GradientConstraintResult)Verifies.AtPoints(Points).ApplyTo(Gradient.OfFloat32(FloatLoss, "w", "b").Claimed(FaultyFloatGradient));
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Result.Results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Discrepancy));
        Assert.That(result.Result.Results.SelectMany(r => r.Discrepancies).Select(d => d.Variable).Distinct(), Is.EqualTo(new[] { "b" }));
        var message = Message(result);
        Assert.That(message, Does.Contain("opaque: finite differences with float32 steps"));
        Assert.That(message, Does.Match(@"\bb\s+\| claimed vs "), "the table row names the variable and the claim");
    }

    [Test]
    public void AnExpressionInFloat32NamesTheStepThatOverflows()
    {
        Assert.That(Gradient.Of("x*exp(-y)").Claimed("x=exp(-y); y=-x*exp(-y)").InFloat32(), Is.VerifiedAt(("x", 1.25), ("y", 0.5)));
        Assert.That(Gradient.Of(AdVerify.Expressions.Infix.Parse("x*exp(-y)")).InFloat32(), Is.VerifiedAt(1.25, 0.5), "an expression tree too (through its canonical text)");
        var fromTree = (GradientConstraintResult)Verifies.At(1.25, 0.5).ApplyTo(Gradient.Of(AdVerify.Expressions.Infix.Parse("x*exp(-y)")).InFloat32());
        Assert.That(fromTree.Result.Results[0].Float32!.Gradient.Keys, Is.EquivalentTo(new[] { Sources.Forward32, Sources.Reverse32 }));

        var result = (GradientConstraintResult)Verifies.At(("x", 9.5), ("y", 10)).ApplyTo(Gradient.Of("exp(x*y) / (1 + exp(x*y))").InFloat32());
        Assert.That(result.IsSuccess, Is.False);
        var message = Message(result);
        Assert.That(message, Does.Contain("float32 gradient of exp(x*y) / (1 + exp(x*y))"));
        Assert.That(message, Does.Contain("step 4 (exp(x*y))").And.Contain("overflows float32").And.Contain("so a bug (or a float32 range problem)"));
    }

    [Test]
    public void AFloatClaimAfterADoubleClaimIsRefusedWithTheReason()
    {
        var both = Gradient.Of(new Functions.LogisticLoss()).Claimed(p => Functions.LogisticGradient(p[0], p[1], Functions.X, Functions.Y)).InFloat32();
        Assert.That(both, Is.VerifiedAt(("w", 0.3), ("b", -0.2)), "a double claim carried into float32 is still checked in double");
        Assert.That(() => both.Claimed(FloatGradient), Throws.InvalidOperationException.With.Message.Contains("a float32 check takes one claim"));
    }
}
