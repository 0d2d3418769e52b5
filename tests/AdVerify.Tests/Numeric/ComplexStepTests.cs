using System.Numerics;
using AdVerify.Expressions;
using AdVerify.Numeric;
using NUnit.Framework;

namespace AdVerify.Tests.Numeric;

public class ComplexStepTests
{
    private static readonly Expr X = Expr.Symbol("x");
    private static readonly Expr Y = Expr.Symbol("y");
    private static readonly Expr Z = Expr.Symbol("z");

    private static double Rel(double a, double b) => Math.Abs(a - b) / Math.Abs(b);

    [Test]
    public void SeedGradientIsExactToMachinePrecision()
    {
        var f = Expr.Call(Functions.Log, X * Y) + Expr.Call(Functions.Sin, Z);
        var r = ComplexStep.Gradient(f, new Dictionary<string, double> { ["x"] = 2, ["y"] = 3, ["z"] = 1 });
        Assert.That(r.IsApplicable, Is.True, r.Reason);
        Assert.That(r.Value, Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15).Percent);
        Assert.That(Rel(r.Gradient["x"], 0.5), Is.LessThanOrEqualTo(1e-15));
        Assert.That(Rel(r.Gradient["y"], 1.0 / 3), Is.LessThanOrEqualTo(1e-15));
        Assert.That(Rel(r.Gradient["z"], Math.Cos(1)), Is.LessThanOrEqualTo(1e-15));
    }

    [Test]
    public void RegistryWalkOfAnalyticFunctions()
    {
        var errors = new List<double>();
        var worst = "";
        foreach (var f in Functions.BuiltIn.Where(f => f.SupportsComplexStep))
        {
            foreach (var p in f.SamplePoints)
            {
                var (expr, point) = RegistrySamples.SymbolicCall(f, p);
                var names = p.Select((_, i) => "a" + i).ToArray();
                var r = ComplexStep.Gradient(expr, point, point.Keys.ToArray());
                Assert.That(r.IsApplicable, Is.True, $"{f.Name}: {r.Reason}");
                Assert.That(r.Value, Is.EqualTo(f.Evaluate(p)).Within(1e-14).Percent, f.Name);
                var exact = ClosedForms.Gradient(f, p);
                foreach (var i in RegistrySamples.Differentiable(f, p))
                {
                    var e = Rel(r.Gradient[names[i]], exact[i]);
                    errors.Add(e);
                    if (e >= errors.Max())
                    {
                        worst = $"{f.Name}({string.Join(", ", p)}) d/d{names[i]}";
                    }
                    Assert.That(e, Is.LessThanOrEqualTo(1e-13), $"{f.Name}({string.Join(", ", p)}) d/d{names[i]}: {r.Gradient[names[i]]:R} vs {exact[i]:R}");
                }
            }
        }

        errors.Sort();
        TestContext.Progress.WriteLine($"Complex step registry walk: {errors.Count} entries, median rel error {errors[errors.Count / 2]:G3}, max {errors[^1]:G3} at {worst}");
    }

    [Test]
    public void RefusesNonAnalyticFunctionsOnThePath()
    {
        var f = Expr.Call(Functions.Abs, X) + (X * Y);
        var r = ComplexStep.Gradient(f, new Dictionary<string, double> { ["x"] = 0.5, ["y"] = 2 });
        Assert.That(r.IsApplicable, Is.False);
        Assert.That(r.NotApplicable["x"], Does.Contain("abs").And.Contain("not analytic"));
        Assert.That(r.Gradient["y"], Is.EqualTo(0.5));
        Assert.That(r.Reason, Does.Contain("abs"));
    }

    [Test]
    public void NonAnalyticFunctionOffThePathIsEvaluatedReal()
    {
        var f = Expr.Call(Functions.Abs, Y) * Expr.Call(Functions.Sin, X);
        var r = ComplexStep.Gradient(f, new Dictionary<string, double> { ["x"] = 0.7, ["y"] = -3 }, ["x"]);
        Assert.That(r.IsApplicable, Is.True);
        Assert.That(Rel(r.Gradient["x"], 3 * Math.Cos(0.7)), Is.LessThanOrEqualTo(1e-15));
    }

    [Test]
    public void DomainViolationIsReported()
    {
        var f = Expr.Call(Functions.Log, X - 3);
        var r = ComplexStep.Gradient(f, new Dictionary<string, double> { ["x"] = 1 });
        Assert.That(r.IsApplicable, Is.False);
        Assert.That(r.NotApplicable["x"], Does.Contain("log").And.Contain("outside"));
    }

    [Test]
    public void CubeRootOfNegativeBaseIsTheRealBranch()
    {
        var r = ComplexStep.Gradient(Expr.Call(Functions.Cbrt, X), new Dictionary<string, double> { ["x"] = -8 });
        Assert.That(r.Value, Is.EqualTo(-2).Within(1e-15));
        Assert.That(Rel(r.Gradient["x"], 1.0 / 12), Is.LessThanOrEqualTo(1e-15));
    }

    [Test]
    public void IntegerPowersOfNegativeBasesAndRationalPowers()
    {
        var cube = ComplexStep.Gradient(Expr.Pow(X, 3), new Dictionary<string, double> { ["x"] = -2 });
        Assert.That(cube.Gradient["x"], Is.EqualTo(12).Within(1e-14));
        var root = ComplexStep.Gradient(Expr.Pow(X, Expr.Number(new Rational(3, 2))), new Dictionary<string, double> { ["x"] = 4 });
        Assert.That(Rel(root.Gradient["x"], 3), Is.LessThanOrEqualTo(1e-15));
        var general = ComplexStep.Gradient(Expr.Pow(X, Y), new Dictionary<string, double> { ["x"] = 1.5, ["y"] = 2.5 });
        Assert.That(Rel(general.Gradient["y"], Math.Pow(1.5, 2.5) * Math.Log(1.5)), Is.LessThanOrEqualTo(1e-15));
        var negative = ComplexStep.Gradient(Expr.Pow(X, Expr.Half), new Dictionary<string, double> { ["x"] = -4 });
        Assert.That(negative.IsApplicable, Is.False);
    }

    [Test]
    public void ComplexFunctionsMatchSystemNumericsAwayFromTheAxis()
    {
        var z = new Complex(0.3, 0.4);
        Assert.That(Complex.Abs(ComplexMath.Asin(z) - Complex.Asin(z)), Is.LessThan(1e-15));
        Assert.That(Complex.Abs(ComplexMath.Acos(z) - Complex.Acos(z)), Is.LessThan(1e-15));
        Assert.That(Complex.Abs(ComplexMath.Atan(z) - Complex.Atan(z)), Is.LessThan(1e-15));
        Assert.That(Complex.Abs(ComplexMath.Tanh(z) - Complex.Tanh(z)), Is.LessThan(1e-15));
        Assert.That(Complex.Abs(ComplexMath.Sqrt(z) - Complex.Sqrt(z)), Is.LessThan(1e-15));
        Assert.That(Complex.Abs(ComplexMath.Asinh(z) - Complex.Log(z + Complex.Sqrt((z * z) + 1))), Is.LessThan(1e-15));
        Assert.That(Complex.Abs(ComplexMath.Atanh(z) - (0.5 * Complex.Log((1 + z) / (1 - z)))), Is.LessThan(1e-15));
        // erf(z) for complex z against its Taylor series, on both sides of the series/continued-fraction switch.
        foreach (var w in new[] { new Complex(0.3, 0.4), new Complex(1.9, 0.3), new Complex(2.1, 0.3) })
        {
            Complex sum = 0, term = w;
            for (var n = 0; n < 200; n++)
            {
                sum += term / ((2 * n) + 1);
                term *= -w * w / (n + 1);
            }

            var reference = 2 / Math.Sqrt(Math.PI) * sum;
            Assert.That(Complex.Abs(ComplexMath.Erf(w) - reference), Is.LessThan(1e-12), w.ToString());
        }
    }
}
