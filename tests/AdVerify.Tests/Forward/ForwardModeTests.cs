using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Tests.Scalars;
using FsCheck;
using NUnit.Framework;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace AdVerify.Tests.Forward;

public class ForwardModeTests
{
    private static readonly double[] SeedPoint = [2, 3, 1];
    private static readonly double[] SeedGradient = [0.5, 1.0 / 3, Math.Cos(1)];

    [Test]
    public void SeedFunctionThroughGenericUserCode()
    {
        var (value, gradient) = ForwardMode.Gradient(UserFunctions.Seed, SeedPoint);
        Assert.That(value, Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15));
        Assert.That(gradient, Is.EqualTo(SeedGradient).Within(1e-15));
    }

    [Test]
    public void SeedFunctionInOneMultiTangentPass()
    {
        var (value, gradient) = ForwardMode.GradientOnePass(UserFunctions.Seed, SeedPoint);
        Assert.That(value, Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15));
        Assert.That(gradient, Is.EqualTo(SeedGradient).Within(1e-15));
    }

    [Test]
    public void SeedFunctionThroughAnExpression()
    {
        var (x, y, z) = (Expr.Symbol("x"), Expr.Symbol("y"), Expr.Symbol("z"));
        var f = Expr.Call(Functions.Log, x * y) + Expr.Call(Functions.Sin, z);
        var point = new Dictionary<string, double> { ["x"] = 2, ["y"] = 3, ["z"] = 1 };
        var (value, gradient) = ExprForward.Gradient(f, point, ["x", "y", "z"]);
        Assert.That(value, Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15));
        Assert.That(gradient, Is.EqualTo(SeedGradient).Within(1e-15));
        Assert.That(ExprForward.Evaluate(f, point), Is.EqualTo(value).Within(1e-15));
    }

    [Test]
    public void UnusedVariableGetsZeroDerivative()
    {
        var x = Expr.Symbol("x");
        var point = new Dictionary<string, double> { ["x"] = 2, ["w"] = 5 };
        var (_, gradient) = ExprForward.Gradient(x * x, point, ["x", "w"]);
        Assert.That(gradient, Is.EqualTo(new[] { 4.0, 0.0 }));
    }

    [Property]
    public bool NoPerturbationConfusion(NormalFloat x0) =>
        // d/dx [x · (d/dy (x + y))] = 1: the inner derivative must not see x's perturbation.
        ForwardMode.Derivative<double>(x => x * ForwardMode.Derivative<Dual<double>>(y => x + y, x), x0.Get) == 1.0;

    [Test]
    public void NestedDerivativesOfAProduct()
    {
        // d/dx [x · d/dy (x·y²)|_{y=x}] = d/dx [x · 2x·x] = 6x².
        foreach (var x0 in new[] { -1.5, 0.25, 2.0 })
        {
            var d = ForwardMode.Derivative<double>(x => x * ForwardMode.Derivative<Dual<double>>(y => x * y * y, x), x0);
            Assert.That(d, Is.EqualTo(6 * x0 * x0).Within(1e-12));
        }
    }

    [Test]
    public void SecondDerivativeByNesting()
    {
        var d2 = ForwardMode.Derivative<double>(x => ForwardMode.Derivative<Dual<double>>(Dual<Dual<double>>.Sin, x), 0.7);
        Assert.That(d2, Is.EqualTo(-Math.Sin(0.7)).Within(1e-15));
    }

    [Test]
    public void LoopsAndBranchesFollowThePrimal()
    {
        var above = ForwardMode.Gradient(v => UserFunctions.Branchy(v[0], v[1]), [2, 1]).Gradient;
        var below = ForwardMode.Gradient(v => UserFunctions.Branchy(v[0], v[1]), [1, 2]).Gradient;
        Assert.That(above, Is.EqualTo(new[] { 6 + Math.Cos(2), 12.0 }).Within(1e-14));
        Assert.That(below, Is.EqualTo(new[] { 12.0, 2.0 }).Within(1e-14));
        Assert.That(ForwardMode.Derivative<double>(UserFunctions.NewtonSqrt, 2.0), Is.EqualTo(0.5 / Math.Sqrt(2)).Within(1e-14));
    }

    [Test]
    public void MultiTangentJacobianEqualsColumnByColumn()
    {
        double[] x = [0.3, -1.2, 0.8];
        var onePass = ForwardMode.Jacobian(UserFunctions.Map, x);
        var columns = ForwardMode.JacobianByColumns(UserFunctions.Map, x);
        Assert.That(onePass, Is.EqualTo(columns).Within(1e-14));
        Assert.That(onePass[0, 2], Is.EqualTo(x[0] * x[1]).Within(1e-15));
    }

    [Test]
    public void JvpIsJacobianTimesVector()
    {
        double[] x = [0.3, -1.2, 0.8];
        double[] v = [1, -2, 0.5];
        var j = ForwardMode.JacobianByColumns(UserFunctions.Map, x);
        var (_, jvp) = ForwardMode.Jvp(UserFunctions.Map, x, v);
        for (var r = 0; r < jvp.Length; r++)
        {
            Assert.That(jvp[r], Is.EqualTo((j[r, 0] * v[0]) + (j[r, 1] * v[1]) + (j[r, 2] * v[2])).Within(1e-13));
        }
    }

    [Test]
    public void RosenbrockHessianByForwardOverForward()
    {
        double[] x = [1.2, -0.7, 0.4, 2.0];
        Assert.That(ForwardMode.Hessian(UserFunctions.Rosenbrock, x), Is.EqualTo(RosenbrockClosedForm.Hessian(x)).Within(1e-11));
    }

    [Test]
    public void KinkConventions()
    {
        Assert.That(ForwardMode.Derivative<double>(Dual<double>.Abs, 0.0), Is.EqualTo(0.0));
        Assert.That(ForwardMode.Derivative<double>(Dual<double>.Sign, 0.3), Is.EqualTo(0.0));
        var (_, g) = ForwardMode.Gradient(v => Dual<double>.Min(v[0], v[1]), [1.5, 1.5]);
        Assert.That(g, Is.EqualTo(new[] { 0.5, 0.5 }));
        (_, g) = ForwardMode.Gradient(v => Dual<double>.Max(v[0], v[1]), [1.5, 1.5]);
        Assert.That(g, Is.EqualTo(new[] { 0.5, 0.5 }));
    }

    [Test]
    public void MultiTangentPassesDoNotAllocateWhenWarm()
    {
        double[] x = [0.3, -1.2, 0.8, 1.1];
        var inputs = new DualVector[x.Length];
        var gradient = new double[x.Length];
        void Pass()
        {
            using var session = TangentArena.Begin(x.Length);
            for (var i = 0; i < x.Length; i++)
            {
                inputs[i] = DualVector.Variable(x[i], i);
            }

            var y = UserFunctions.Rosenbrock(inputs);
            y.Tangent.CopyTo(gradient);
        }

        Pass();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Pass();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}

internal static class RosenbrockClosedForm
{
    public static double[] Gradient(double[] x)
    {
        var g = new double[x.Length];
        for (var i = 0; i + 1 < x.Length; i++)
        {
            g[i] += (-400 * x[i] * (x[i + 1] - (x[i] * x[i]))) - (2 * (1 - x[i]));
            g[i + 1] += 200 * (x[i + 1] - (x[i] * x[i]));
        }

        return g;
    }

    public static double[,] Hessian(double[] x)
    {
        var n = x.Length;
        var h = new double[n, n];
        for (var i = 0; i + 1 < n; i++)
        {
            h[i, i] += (1200 * x[i] * x[i]) - (400 * x[i + 1]) + 2;
            h[i + 1, i + 1] += 200;
            h[i, i + 1] += -400 * x[i];
            h[i + 1, i] += -400 * x[i];
        }

        return h;
    }
}
