using AdVerify.Expressions;
using AdVerify.Numeric;
using MathNet.Numerics.Differentiation;
using NUnit.Framework;

namespace AdVerify.Tests.Numeric;

public class OracleTests
{
    private static double Rel(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(b), 1e-300);

    [Test]
    public void BeatsMathNetDefaultThreePointOnSinAtOne()
    {
        var mathNet = new NumericalDerivative().EvaluateDerivative(Math.Sin, 1, 1);
        var ours = FiniteDifference.Derivative(Math.Sin, 1);
        var exact = Math.Cos(1);
        TestContext.Progress.WriteLine($"sin'(1): MathNet 3-point error {Math.Abs(mathNet - exact):G3}; ours error {Math.Abs(ours.Value - exact):G3} with estimate {ours.ErrorEstimate:G3} ({ours.Method}, {ours.Evaluations} evaluations)");
        Assert.That(Math.Abs(ours.Value - exact), Is.LessThan(Math.Abs(mathNet - exact) / 100));
        Assert.That(ours.Covers(exact), Is.True);
    }

    [Test]
    public void SecondDerivativesAcrossTheRegistryAreBounded()
    {
        var worst = 0.0;
        foreach (var f in Functions.BuiltIn.Where(f => f.Arity == 1))
        {
            foreach (var p in f.SamplePoints)
            {
                if (ClosedForms.Second(f.Name, p[0]) is not { } exact)
                {
                    continue;
                }

                var est = FiniteDifference.SecondDerivative(f.Evaluate, p[0], new FiniteDifferenceOptions { Domain = a => f.InDomain(a) });
                Assert.That(est.Covers(exact), Is.True, $"{f.Name}''({p[0]}): {est} vs {exact:R}");
                worst = Math.Max(worst, Rel(est.Value, exact));
            }
        }

        TestContext.Progress.WriteLine($"second derivatives: worst relative error {worst:G3}");
        Assert.That(worst, Is.LessThan(1e-8));
    }

    [Test]
    public void HessianOfTheSeedAndAMixedExample()
    {
        var seed = FiniteDifference.Hessian(p => Math.Log(p[0] * p[1]) + Math.Sin(p[2]), [2.0, 3.0, 1.0]);
        double[,] exactSeed = { { -0.25, 0, 0 }, { 0, -1.0 / 9, 0 }, { 0, 0, -Math.Sin(1) } };
        var (x, y) = (0.3, 0.7);
        var e = Math.Exp(x * y);
        var mixed = FiniteDifference.Hessian(p => Math.Exp(p[0] * p[1]), [x, y]);
        double[,] exactMixed = { { y * y * e, (1 + (x * y)) * e }, { (1 + (x * y)) * e, x * x * e } };
        var worst = 0.0;
        foreach (var (h, exact) in new[] { (seed, exactSeed), (mixed, exactMixed) })
        {
            for (var i = 0; i < exact.GetLength(0); i++)
            {
                for (var j = 0; j < exact.GetLength(1); j++)
                {
                    Assert.That(h[i, j].Covers(exact[i, j]), Is.True, $"H[{i},{j}] = {h[i, j]} vs {exact[i, j]:R}");
                    worst = Math.Max(worst, Math.Abs(h[i, j].Value - exact[i, j]));
                }
            }
        }

        TestContext.Progress.WriteLine($"Hessians: worst absolute error {worst:G3}; mixed entry {mixed[0, 1]}");
        Assert.That(worst, Is.LessThan(1e-9));
    }

    [TestCase(1e-7)]
    [TestCase(1e-10)]
    public void NearDomainEdgesNoPointLeavesTheDomain(double x)
    {
        foreach (var (name, f, df) in new (string, Func<double, double>, Func<double, double>)[]
                 {
                     ("log", Math.Log, t => 1 / t),
                     ("sqrt", Math.Sqrt, t => 0.5 / Math.Sqrt(t)),
                 })
        {
            var calls = new List<double>();
            double Recorded(double t)
            {
                calls.Add(t);
                return f(t);
            }

            var options = new FiniteDifferenceOptions { Domain = p => name == "log" ? p[0] > 0 : p[0] >= 0 };
            foreach (var est in new[]
                     {
                         FiniteDifference.Derivative(Recorded, x, options),
                         OneSided.Right(Recorded, x, options),
                     })
            {
                Assert.That(calls, Has.All.GreaterThan(0.0), $"{name} evaluated outside its domain");
                Assert.That(est.Covers(df(x)), Is.True, $"{name}'({x}): {est} vs {df(x):R}");
                Assert.That(Rel(est.Value, df(x)), Is.LessThan(1e-9), $"{name}'({x}): {est}");
                TestContext.Progress.WriteLine($"{name}'({x:G3}): rel error {Rel(est.Value, df(x)):G3}, estimate {est.RelativeErrorEstimate:G3} rel ({est.Method})");
            }
        }
    }

    [Test]
    public void WithoutAPredicateNaNValuesAreDiscardedAndReported()
    {
        var est = FiniteDifference.Derivative(Math.Log, 1e-7);
        Assert.That(est.Covers(1e7), Is.True, est.ToString());
        Assert.That(est.Note, Does.Contain("non-finite"));

        // A single NaN inside the stencil region must not poison the estimate.
        var hole = 1 + Math.ScaleB(1, -5);
        var holed = FiniteDifference.Derivative(t => t == hole ? double.NaN : Math.Sin(t), 1);
        Assert.That(holed.Covers(Math.Cos(1)), Is.True, holed.ToString());
        Assert.That(holed.Note, Does.Contain("1 non-finite"));

        var nowhere = FiniteDifference.Derivative(_ => double.NaN, 1);
        Assert.That(nowhere.IsValid, Is.False);
    }

    [Test]
    public void HardPointsGiveSmallErrorsWithHonestEstimates()
    {
        var cases = new (string Name, Func<double, double> F, double X, double Exact)[]
        {
            ("log at 1e8", Math.Log, 1e8, 1e-8),
            ("log at 1e-8", Math.Log, 1e-8, 1e8),
            ("sqrt at 1e8", Math.Sqrt, 1e8, 0.5e-4),
            ("sqrt at 1e-8", Math.Sqrt, 1e-8, 0.5e4),
            ("x^3 at 1e8", t => t * t * t, 1e8, 3e16),
            ("exp at 1e-8", Math.Exp, 1e-8, Math.Exp(1e-8)),
            ("sin(x/1e8) at 3e8", t => Math.Sin(t / 1e8), 3e8, Math.Cos(3) / 1e8),
            ("exp(50x) at 0.3", t => Math.Exp(50 * t), 0.3, 50 * Math.Exp(15)),
            ("exp(50x) at -0.4", t => Math.Exp(50 * t), -0.4, 50 * Math.Exp(-20)),
            ("1/(1e-4 + x^2) at 0.01", t => 1 / (1e-4 + (t * t)), 0.01, -0.02 / Math.Pow(2e-4, 2)),
        };
        foreach (var (name, f, x, exact) in cases)
        {
            var est = FiniteDifference.Derivative(f, x);
            TestContext.Progress.WriteLine($"{name}: rel error {Rel(est.Value, exact):G3}, estimated {est.RelativeErrorEstimate:G3} ({est.Method}, {est.Evaluations} evaluations)");
            Assert.That(est.Covers(exact), Is.True, $"{name}: {est} vs {exact:R}");
            Assert.That(Rel(est.Value, exact), Is.LessThan(1e-9), name);
        }
    }

    [Test]
    public void RandomSmoothCompositionsHaveBoundingEstimates()
    {
        var random = new Random(240);
        var relative = new List<double>();
        var violations = new List<string>();
        var cases = 0;
        var unconverged = 0;
        while (cases < 240)
        {
            var tree = RandomTree.Build(random, 4);
            double[] point = [Math.Round((random.NextDouble() * 4) - 2, 3), Math.Round((random.NextDouble() * 4) - 2, 3)];
            var value = tree.Eval(point[0], point[1]);
            if (!double.IsFinite(value.V) || Math.Abs(value.V) > 1e8)
            {
                continue;
            }

            cases++;
            for (var i = 0; i < 2; i++)
            {
                var exact = i == 0 ? value.Dx : value.Dy;
                var est = FiniteDifference.Partial(p => tree.Eval(p[0], p[1]).V, point, i);
                var err = Math.Abs(est.Value - exact);
                if (!est.IsValid)
                {
                    unconverged++;
                }
                else if (exact != 0)
                {
                    relative.Add(err / Math.Abs(exact));
                }

                if (!(err <= est.ErrorEstimate))
                {
                    violations.Add($"{tree} at ({point[0]}, {point[1]}) d/d{(i == 0 ? "x" : "y")}: {est} exact {exact:R}");
                }
            }
        }

        relative.Sort();
        TestContext.Progress.WriteLine($"random compositions: {relative.Count} partials, median rel error {relative[relative.Count / 2]:G3}, 90% {relative[(int)(relative.Count * 0.9)]:G3}, max {relative[^1]:G3}, estimate violations {violations.Count}, unconverged (infinite estimate) {unconverged}");
        Assert.That(violations, Is.Empty);
        Assert.That(relative[relative.Count / 2], Is.LessThan(1e-11));
    }
}

public class DomainTests
{
    [Test]
    public void ExpressionDomainKeepsEveryEvaluationInside()
    {
        var (x, y, z) = (Expr.Symbol("x"), Expr.Symbol("y"), Expr.Symbol("z"));
        var expr = Expr.Call(Functions.Log, x * y) + Expr.Call(Functions.Sqrt, z);
        var domain = Domains.OfExpression(expr, ["x", "y", "z"]);
        var outside = 0;
        double F(double[] p)
        {
            if (!domain(p))
            {
                outside++;
            }

            return Math.Log(p[0] * p[1]) + Math.Sqrt(p[2]);
        }

        var options = new FiniteDifferenceOptions { Domain = domain };
        double[] point = [2e-9, 3, 1e-10];
        var g = FiniteDifference.Gradient(F, point, options);
        Assert.That(outside, Is.Zero);
        double[] exact = [1 / point[0], 1 / point[1], 0.5 / Math.Sqrt(point[2])];
        for (var i = 0; i < 3; i++)
        {
            Assert.That(g[i].Covers(exact[i]), Is.True, g[i].ToString());
            // d/dz is limited by rounding of the log term (|f| ≈ 19 while sqrt z ≈ 1e-5, steps ≈ 1e-11).
            Assert.That(Math.Abs(g[i].Value - exact[i]) / exact[i], Is.LessThan(1e-7), g[i].ToString());
        }
    }

    [Test]
    public void BoxDomainWithOneSidedDerivative()
    {
        var calls = new List<double>();
        var right = OneSided.Right(t => { calls.Add(t); return Math.Acos(t); }, -1 + 1e-6, new FiniteDifferenceOptions { Domain = Domains.Box([-1.0], [1.0]) });
        var exact = -1 / Math.Sqrt(1 - Math.Pow(-1 + 1e-6, 2));
        Assert.That(calls, Has.All.GreaterThanOrEqualTo(-1.0));
        Assert.That(right.Covers(exact), Is.True, right.ToString());
    }
}
