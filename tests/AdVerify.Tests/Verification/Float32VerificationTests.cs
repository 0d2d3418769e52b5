using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>
/// Code that computes in single precision: a generic definition run on float, Dual&lt;float&gt; and
/// Var&lt;float&gt; is compared with itself in double (float32 rounding or a bug, localised), and opaque float
/// code is checked against finite differences with float32 steps and tolerances.
/// </summary>
public class Float32VerificationTests
{
    /// <summary>A logistic loss over three weights, as float32 training code would compute it.</summary>
    [Variables("w0", "w1", "b")]
    private readonly struct Logistic : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T>
        {
            var z = (p[0] * T.CreateChecked(0.3)) + (p[1] * T.CreateChecked(-1.7)) + p[2];
            return T.Log(T.One + T.Exp(-z));
        }

        /// <summary>The hand-written gradient in float, as it would sit next to the float training loop.</summary>
        public static float[] Gradient(float[] p)
        {
            var z = (p[0] * 0.3f) + (p[1] * -1.7f) + p[2];
            var s = -1f / (1f + MathF.Exp(z));
            return [s * 0.3f, s * -1.7f, s];
        }

        /// <summary>
        /// The loss as careful float code computes it, softplus(−z) = max(−z, 0) + log1p(e^−|z|): the naive
        /// log(1 + e^−z) rounds 1 + e^−z and carries noise of 2⁻²⁴ absolute, which at z = 5 is 1e-5 of the value,
        /// too coarse for finite differences to resolve a 1e-3 fault in a gradient of 0.0065.
        /// </summary>
        public static float Value(float[] p)
        {
            var z = (p[0] * 0.3f) + (p[1] * -1.7f) + p[2];
            return MathF.Max(-z, 0f) + Log1P(MathF.Exp(-MathF.Abs(z)));
        }

        /// <summary>log(1 + x) without rounding 1 + x away (the quotient corrects for the rounded sum).</summary>
        private static float Log1P(float x)
        {
            var u = 1f + x;
            return u == 1f ? x : MathF.Log(u) * (x / (u - 1f));
        }
    }

    private static readonly double[][] Points =
    [
        [0.1, 0.2, 0.3], [1.5, -2.25, 0.75], [-3, 0.5, 2], [7.5, 3.25, -0.125], [0.01, -0.02, 0.03], [-12, 4, 1],

        // z = 0.3·1 + (−0.3) is exactly 0 in float: a step within its own error of 0, whose partials must be
        // charged its absolute error (a relative error capped at 1 once allowed ∂f/∂b to move by 100%).
        [1, 0, -0.3],
    ];

    [Test]
    public void AGenericDefinitionIsWithinFloat32RoundingOfItselfInDouble()
    {
        foreach (var x in Points)
        {
            var r = Verifier.Check(Definition.Of(new Logistic()), x, precision: Precision.Float32);
            Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.ToString());
            var f32 = r.Float32!;
            Assert.Multiple(() =>
            {
                Assert.That(f32.WithinRounding, Is.True);
                Assert.That(f32.Gradient.Keys, Is.EquivalentTo(new[] { Sources.Forward32, Sources.Reverse32 }));
                Assert.That(f32.Value, Is.EqualTo(r.Value).Within(f32.ValueBound));
                Assert.That(f32.ValueBound, Is.GreaterThan(0).And.LessThan(1e-5 * Math.Max(1, Math.Abs(r.Value))), "float32 bounds are float32-sized, not arbitrary");
                // Within a thousand float32 ulps of the entry: float32-sized, and well below the 1e-3 faults caught below.
                Assert.That(f32.GradientBound["b"], Is.GreaterThan(0).And.LessThan(1000 * Math.ScaleB(1.0, -23) * Math.Max(1, Math.Abs(r.Gradient[Sources.Forward]["b"]))));
                Assert.That(r.Message, Does.Contain("float32: within float32 rounding of double"));
            });
        }
    }

    [Test]
    public void AFloatClaimedGradientPassesAndAPlantedFaultOfOnePartInAThousandIsNamed()
    {
        // PyTorch's gradcheck needs double precision: in float32 its finite differences (eps = 1e-6) cannot
        // reach its own tolerances, so even the correct gradient fails (shown below). Here the float code is
        // compared with the same definition in double, allowed float32 rounding only.
        var d = Definition.Of(new Logistic());
        foreach (var x in Points)
        {
            var good = Verifier.CheckFloat32(d, x, Logistic.Gradient);
            Assert.That(good.Verdict, Is.EqualTo(Verdict.Consistent), good.ToString());
            Assert.That(good.Float32!.Gradient.Keys, Does.Contain(Sources.Claimed32));

            var bad = Verifier.CheckFloat32(d, x, p =>
            {
                var g = Logistic.Gradient(p);
                g[1] *= 1.001f;
                return g;
            });
            Assert.That(bad.Verdict, Is.EqualTo(Verdict.Discrepancy), bad.ToString());
            var fault = bad.Discrepancies.Single();
            Assert.That(fault.Variable, Is.EqualTo("w1"));
            Assert.That(fault.OddOneOut, Is.EqualTo(Sources.Claimed32));
            Assert.That(fault.Message, Does.StartWith("∂f/∂w1 in float32: claimed32 gives").And.Contain("beyond float32 rounding, so a bug"));
            Assert.That(bad.Float32!.WithinRounding, Is.False);
        }

        Assert.That(GradcheckStyle(Logistic.Value, Logistic.Gradient, [1.5f, -2.25f, 0.75f]), Is.False,
            "a gradcheck-style float32 check (central differences with eps = 1e-6, atol = 1e-5, rtol = 1e-3) rejects the correct gradient");
    }

    /// <summary>What gradcheck does, in float: central differences with eps = 1e-6 against |a − n| ≤ atol + rtol·|n|.</summary>
    private static bool GradcheckStyle(Func<float[], float> f, Func<float[], float[]> gradient, float[] x)
    {
        var g = gradient(x);
        for (var i = 0; i < x.Length; i++)
        {
            var up = (float[])x.Clone();
            var down = (float[])x.Clone();
            up[i] += 1e-6f;
            down[i] -= 1e-6f;
            var numeric = (f(up) - f(down)) / 2e-6f;
            if (!(Math.Abs(g[i] - numeric) <= 1e-5 + (1e-3 * Math.Abs(numeric))))
            {
                return false;
            }
        }

        return true;
    }

    [Test]
    public void OpaqueFloatCodeIsCheckedAgainstFiniteDifferencesWithFloat32Steps()
    {
        var d = Definition.OpaqueFloat32(Logistic.Value, "w0", "w1", "b");
        foreach (var x in Points)
        {
            var good = Verifier.CheckFloat32(d, x, Logistic.Gradient);
            Assert.That(good.Verdict, Is.EqualTo(Verdict.Consistent), good.ToString());
            Assert.That(good.Gradient[Sources.Claimed]["w1"], Is.EqualTo(Logistic.Gradient(x.Select(v => (float)v).ToArray())[1]));

            var bad = Verifier.CheckFloat32(d, x, p =>
            {
                var g = Logistic.Gradient(p);
                g[2] *= 1.001f;
                return g;
            });
            Assert.That(bad.Verdict, Is.EqualTo(Verdict.Discrepancy), bad.ToString());
            Assert.That(bad.Discrepancies.Select(e => e.Variable), Is.EqualTo(new[] { "b" }));
            Assert.That(bad.Discrepancies[0].OddOneOut, Is.EqualTo(Sources.Claimed));
        }
    }

    [Test]
    public void NoisyFloatCodeSaysHowFinelyFiniteDifferencesCheckedTheClaim()
    {
        // log(1 + e^−z) rounds 1 + e^−z: at z = 5 its noise is 1e-5 of the value, so finite differences resolve
        // the gradient only to about 1e-3 relative. A fault below that cannot be seen, and the result says so.
        static float Naive(float[] p) => MathF.Log(1f + MathF.Exp(-((p[0] * 0.3f) + (p[1] * -1.7f) + p[2])));
        var d = Definition.OpaqueFloat32(Naive, "w0", "w1", "b");
        PointResult WithFault(double factor) => Verifier.CheckFloat32(d, [0, 0, 5], p =>
        {
            var g = Logistic.Gradient(p);
            g[2] *= (float)factor;
            return g;
        });

        var right = WithFault(1);
        Assert.That(right.Verdict, Is.EqualTo(Verdict.Consistent), right.ToString());
        var note = System.Text.RegularExpressions.Regex.Match(right.Message ?? "", "∂f/∂b: only finite differences check the claim here, and they resolve it to ([0-9.E+-]+) relative, so a smaller fault would not be seen");
        Assert.That(note.Success, Is.True, right.Message);
        var resolution = double.Parse(note.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(resolution, Is.InRange(1e-5, 1e-2));

        Assert.That(WithFault(1 + (resolution / 4)).Verdict, Is.EqualTo(Verdict.Consistent), "a fault below the stated resolution passes, as the note warned");
        var caught = WithFault(1 + (10 * resolution));
        Assert.That(caught.Verdict, Is.EqualTo(Verdict.Discrepancy), caught.ToString());
        Assert.That(caught.Message, Does.StartWith("∂f/∂b: claimed gives"), "the discrepancy's sentence leads the message");

        // The careful form of the same loss (no rounded 1 + e^−z) is resolved an order of magnitude more finely.
        var careful = Verifier.CheckFloat32(Definition.OpaqueFloat32(Logistic.Value, "w0", "w1", "b"), [0, 0, 5], Logistic.Gradient);
        var fine = System.Text.RegularExpressions.Regex.Match(careful.Message ?? "", "∂f/∂b: [^;]* resolve it to ([0-9.E+-]+) relative");
        Assert.That(fine.Success, Is.True, careful.Message);
        Assert.That(double.Parse(fine.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(resolution / 5));
    }

    [Test]
    public void AnOverflowIsBeyondRoundingAndTheStepIsNamed()
    {
        var r = Verifier.Check(Definition.Parse("exp(x*y) / (1 + exp(x*y))"), [9.5, 10], precision: Precision.Float32);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy), r.ToString());
        var value = r.Discrepancies.First(d => d.Variable == "float32 value");
        Assert.That(value.OddOneOut, Is.EqualTo(Sources.Float32));
        Assert.That(value.Message, Does.Contain("float32 leaves its rounding bound first at step 4 (exp(x*y))").And.Contain("overflows float32"));
    }

    [Test]
    public void ARuleWhoseIntermediateLeavesFloatRangeIsLocalisedToTheVariableAndStep()
    {
        // atan′(x) = 1/(1 + x²): x² overflows float32 at x = 1e20, so the float tangent is 0 while the value is fine.
        var r = Verifier.Check(Definition.Parse("atan(x) + y"), [1e20, 1], precision: Precision.Float32);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy), r.ToString());
        Assert.That(r.Discrepancies.Select(d => (d.Variable, d.OddOneOut)), Is.EquivalentTo(new[] { ("x", Sources.Forward32), ("x", Sources.Reverse32) }));
        Assert.That(r.Discrepancies[0].Message, Does.Contain("step 2 (atan(x)): its tangent is 0 in float32"));
        Assert.That(r.Float32!.Value, Is.EqualTo(r.Value).Within(r.Float32.ValueBound), "the value itself is fine");
    }

    private readonly struct Threshold : IScalarFunction
    {
        // A threshold that rounds differently in float: at the float point 0.1f the double test 0.1f > 0.1 holds, the float test does not.
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] > T.CreateChecked(0.1) ? x[0] * x[0] : -x[0];
    }

    [Test]
    public void CodeThatBranchesDifferentlyInFloatIsCaughtAndSaidSo()
    {
        var r = Verifier.Check(Definition.Of(new Threshold(), "x"), [0.1], precision: Precision.Float32);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy), r.ToString());
        Assert.That(r.Message, Does.Contain("the point was rounded to float32 (x = 0.1 → 0.10000000149011612)"));
        Assert.That(r.Discrepancies[0].Message, Does.Contain("computes differently on float than the trace it recorded in double: a branch on a value"));
    }

    [Test]
    public void CancellationIsFloat32RoundingAndTheStepThatLosesTheDigitsIsNamed()
    {
        var r = Verifier.Check(Definition.Parse("(1 - cos(x))/x^2"), [0.001], precision: Precision.Float32);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.ToString());
        Assert.That(r.Float32!.WithinRounding, Is.True);
        Assert.That(r.Float32.Message, Does.Contain("float32 keeps about").And.Contain("the precision is lost at step").And.Contain("1 - cos(x)"));
    }

    [Test]
    public void ACatalogueCaseCanAskForFloat32AndItsClaimIsAlsoRunInFloat()
    {
        var catalogue = Catalogue.Parse("""
            {"cases": [{"name": "f32", "expression": "x*exp(-y)", "points": [{"x": 1.25, "y": 0.5}], "precision": "float32",
                        "claimed": {"x": "exp(-y)", "y": "-x*exp(-y)"}, "expect": "consistent"},
                       {"name": "f32 wrong", "expression": "x*exp(-y)", "points": [{"x": 1.25, "y": 0.5}], "precision": "float32",
                        "claimed": {"y": "-x*exp(-y)*1.001"}, "expect": "discrepancy"}]}
            """);
        var report = Verifier.Verify(catalogue, new VerifierOptions { Parallel = false });
        Assert.That(report.Passed, Is.True, report.ToString());
        var good = report.Cases[0].Results[0];
        Assert.That(good.Float32!.Gradient[Sources.Claimed32].Keys, Is.EquivalentTo(new[] { "x", "y" }));
        var bad = report.Cases[1].Results[0];
        Assert.That(bad.Discrepancies.Select(d => d.OddOneOut), Is.EquivalentTo(new[] { Sources.Claimed, Sources.Claimed32 }));

        var e = Assert.Throws<CatalogueException>(() => Catalogue.Parse("""{"cases": [{"name": "p", "expression": "x", "precision": "half"}]}"""));
        Assert.That(e!.Message, Is.EqualTo("catalogue: case 1 ('p'): \"precision\" is \"half\"; use float64 or float32"));
    }

    [Test]
    public void TheReadmeExamplesRunAsWritten()
    {
        // README, C# section: a claimed Hessian, and float code's gradient checked in float32 (keep the two in step).
        var point = new Dictionary<string, double> { ["x"] = 2, ["y"] = 3, ["z"] = 1 };
        var h = Verifier.Check("log(x*y) + sin(z)", point, hessian: true,
            claimedHessian: new Dictionary<string, string> { ["x,x"] = "-1/x^2", ["y,y"] = "-1/y^2", ["z,z"] = "-sin(z)", ["x,y"] = "0" });
        Assert.That(h.Verdict, Is.EqualTo(Verdict.Consistent), h.ToString());
        Assert.That(h.Hessian![Sources.Claimed].Keys, Does.Contain("x,y"));

        var f32 = Verifier.CheckFloat32(Definition.Parse("x*exp(-y)"), [1.25, 0.5],
            claimed: p => [MathF.Exp(-p[1]), -p[0] * MathF.Exp(-p[1])]);
        Assert.That(f32.Verdict, Is.EqualTo(Verdict.Consistent), f32.ToString());
        Assert.That(f32.Float32!.Message, Does.StartWith("within float32 rounding of double: the value differs by 8.3E-09 (relative 1.09E-08), within its bound 4.52E-07"));
    }

    [Test]
    public void APointBeyondFloatRangeIsAnError()
    {
        var r = Verifier.Check(Definition.Parse("x + y"), [1e39, 1], precision: Precision.Float32);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(r.Message, Is.EqualTo("x = 1E+39 is beyond the range of float32 (±3.4028235E+38)"));
    }
}
