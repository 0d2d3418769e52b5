using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Forward;
using AdVerify.Numeric;
using AdVerify.Reverse;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>One pipeline for generic C# definitions: every source takes part, and a wrong engine is named.</summary>
public class DefinitionVerificationTests
{
    [Variables("w", "b")]
    private readonly struct Logistic : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T> =>
            T.Log(T.One + T.Exp(-(T.CreateChecked(-1.0) * ((p[0] * T.CreateChecked(1.5)) + p[1]))));

        public static double[] Gradient(double[] p)
        {
            var s = 1 / (1 + Math.Exp(-1.0 * ((p[0] * 1.5) + p[1])));
            return [1.5 * s, s];
        }
    }

    private readonly struct Relu : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] > T.Zero ? x[0] * x[0] : T.Zero;
    }

    /// <summary>
    /// sin(x)·y, except that one engine's number type sees a wrong derivative rule for sin (its
    /// slope has the wrong sign): what a planted bug in one rule card looks like to the verifier.
    /// </summary>
    private sealed class WrongRuleIn(Type engine) : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> => (typeof(T) == engine ? WrongSin(v[0]) : T.Sin(v[0])) * v[1];

        // Same value as sin, slope −cos: 2 sin(x0) − sin(x) has derivative −cos(x) at x = x0.
        private static T WrongSin<T>(T x)
            where T : IFloatingPointIeee754<T> => (T.CreateChecked(2 * Math.Sin(0.7)) - T.Sin(x));
    }

    [Test]
    public void EverySourceRunsTheOneDefinition()
    {
        var r = Verifier.Check(Definition.Of(new Logistic()), [0.3, -0.2], Logistic.Gradient);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Gradient.Keys, Is.EquivalentTo(new[]
        {
            Sources.Forward, Sources.Reverse, Sources.Symbolic, Sources.ComplexStep, Sources.FiniteDifference, Sources.Claimed,
        }));
        Assert.That(r.Gradient[Sources.Symbolic]["b"], Is.EqualTo(Logistic.Gradient([0.3, -0.2])[1]).Within(1e-15));
        Assert.That(r.Absent, Is.Empty);
    }

    [TestCase(typeof(Dual<double>), Sources.Forward)]
    [TestCase(typeof(Var<double>), Sources.Reverse)]
    [TestCase(typeof(Traced), Sources.Symbolic)]
    [TestCase(typeof(ComplexScalar), Sources.ComplexStep)]
    public void APlantedWrongRuleInOneEngineIsTheOddOneOut(Type engine, string source)
    {
        var r = Verifier.Check(Definition.Of(new WrongRuleIn(engine), "x", "y"), [0.7, 2.0]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy), r.Message);
        var d = r.Discrepancies.Single(d => d.Variable == "x");
        Assert.That(d.OddOneOut, Is.EqualTo(source), d.Message);
    }

    [Test]
    public void AWrongClaimIsNamed()
    {
        var r = Verifier.Check(Definition.Of(new Logistic()), [0.3, -0.2], p => [Logistic.Gradient(p)[0], -Logistic.Gradient(p)[1]]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy));
        Assert.That(r.Discrepancies.Single().OddOneOut, Is.EqualTo(Sources.Claimed));
        Assert.That(r.Discrepancies.Single().Variable, Is.EqualTo("b"));
    }

    [Test]
    public void CodeThatBranchesIsTracedAtThePointAndSaysSo()
    {
        var r = Verifier.Check(Definition.Of(new Relu(), "x"), [1.5]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Message, Does.Contain("traced at the point"));
        Assert.That(r.Gradient[Sources.Symbolic]["x"], Is.EqualTo(3.0));
    }

    private readonly struct AbsTimesY : IScalarFunction
    {
        // |x|·y written with a branch on the value of x.
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> => (v[0] < T.Zero ? -v[0] : v[0]) * v[1];
    }

    [Test]
    public void ABranchInTheCodeThatSwitchesAtThePointIsAKink()
    {
        var atSwitch = Verifier.Check(Definition.Of(new AbsTimesY(), "x", "y"), [0.0, 2.0]);
        Assert.That(atSwitch.Verdict, Is.EqualTo(Verdict.Nondifferentiable), atSwitch.Message);
        Assert.That(atSwitch.Message, Does.Contain("its branch switches here").And.Contain("kink"));

        var away = Verifier.Check(Definition.Of(new AbsTimesY(), "x", "y"), [-0.5, 2.0]);
        Assert.That(away.Verdict, Is.EqualTo(Verdict.Consistent), away.Message);

        // A branch that switches where the function is still smooth is not a kink: x² either way.
        var smooth = Verifier.Check(Definition.Of(new Relu(), "x"), [0.0]);
        Assert.That(smooth.Verdict, Is.Not.EqualTo(Verdict.Discrepancy), smooth.Message);
    }

    [Test]
    public void OpaqueCodeIsCheckedByFiniteDifferencesAndSaysWhyTheOthersAreAbsent()
    {
        var f = Definition.Opaque(v => Math.Log(v[0]) + Math.Sqrt(v[1]), "x", "y");
        var r = Verifier.Check(f, [2.0, 3.0], v => [1 / v[0], 0.5 / Math.Sqrt(v[1])]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Absent.Keys, Is.SupersetOf(new[] { Sources.Forward, Sources.Reverse, Sources.Symbolic, Sources.ComplexStep }));
        Assert.That(r.Absent[Sources.Forward], Does.Contain("opaque"));
    }

    [Test]
    public void GeneratedPointsAreRepeatableAndInTheDomain()
    {
        var f = Definition.Opaque(v => Math.Log(v[0]) + Math.Sqrt(v[1]), "x", "y");
        var a = Verifier.VerifyGenerated("f", f, v => [1 / v[0], 0.5 / Math.Sqrt(v[1])], count: 5, seed: 4);
        var b = Verifier.VerifyGenerated("f", f, v => [1 / v[0], 0.5 / Math.Sqrt(v[1])], count: 5, seed: 4);
        Assert.That(a.Results.Select(r => r.Point["x"]), Is.EqualTo(b.Results.Select(r => r.Point["x"])));
        Assert.That(a.Results, Has.Count.EqualTo(5));
        Assert.That(a.Results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Consistent));
    }

    [Test]
    public void UndefinedKinkAndUserErrorsGetTheirVerdicts()
    {
        var log = Definition.Opaque(v => Math.Log(v[0]), "x");
        Assert.That(Verifier.Check(log, [-1.0]).Verdict, Is.EqualTo(Verdict.Undefined));

        var kink = Verifier.Check(Definition.Parse("abs(x)"), [0.0], _ => [1.0]);
        Assert.That(kink.Verdict, Is.EqualTo(Verdict.Nondifferentiable), kink.Message);
        Assert.That(kink.Message, Does.Contain("kink"));

        var opaqueKink = Verifier.Check(Definition.Opaque(v => Math.Abs(v[0]), "x"), [0.0], _ => [1.0]);
        Assert.That(opaqueKink.Verdict, Is.EqualTo(Verdict.Nondifferentiable), opaqueKink.Message);

        var throws = Definition.Opaque(_ => throw new InvalidOperationException("boom"), "x");
        Assert.That(Verifier.Check(throws, [1.0]).Message, Does.Contain("InvalidOperationException: boom"));

        var wrongLength = Verifier.Check(log, [2.0], _ => [1, 2]);
        Assert.That(wrongLength.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(wrongLength.Message, Does.Contain("the claimed gradient has 2 entries"));

        Assert.That(() => Definition.Opaque(v => v[0], "x", "x"), Throws.ArgumentException);
        Assert.That(() => Definition.Of(new Relu()), Throws.ArgumentException.With.Message.Contains("Variables"));
    }

    [Test]
    public void SqrtOfXToTheFourthAtZeroIsADiscrepancyNamingTheEnginesNotUndefined()
    {
        // d/dx sqrt(x^4) = 2x, which is 0 at 0; reverse mode meets ∞·0 and gives NaN (forward mode
        // keeps a zero tangent zero under an infinite slope, so it gives 0).
        var r = Verifier.Check("sqrt(x^4)", new Dictionary<string, double> { ["x"] = 0 });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy), r.Message);
        Assert.That(r.Discrepancies.Single().OddOneOut, Is.EqualTo(Sources.Reverse));
        Assert.That(r.Gradient[Sources.Forward]["x"], Is.Zero);
        Assert.That(r.Gradient[Sources.FiniteDifference]["x"], Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void AnAbsentSourceSaysWhy()
    {
        var r = Verifier.Check("abs(x - 1) + y", new Dictionary<string, double> { ["x"] = 3, ["y"] = 1 });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        Assert.That(r.Absent[Sources.ComplexStep], Does.Contain("abs is not analytic"));
        Assert.That(r.Gradient[Sources.ComplexStep].Keys, Is.EquivalentTo(new[] { "y" }));
    }
}
