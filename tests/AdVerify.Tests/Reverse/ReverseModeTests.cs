using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Tests.Forward;
using AdVerify.Tests.Scalars;
using NUnit.Framework;

namespace AdVerify.Tests.Reverse;

public class ReverseModeTests
{
    private static readonly double[] SeedPoint = [2, 3, 1];
    private static readonly double[] SeedGradient = [0.5, 1.0 / 3, Math.Cos(1)];

    [Test]
    public void SeedFunctionThroughGenericUserCode()
    {
        var (value, gradient) = ReverseMode.Gradient(UserFunctions.Seed, SeedPoint);
        Assert.That(value, Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15));
        Assert.That(gradient, Is.EqualTo(SeedGradient).Within(1e-15));
    }

    [Test]
    public void SeedFunctionThroughAnExpression()
    {
        var (x, y, z) = (Expr.Symbol("x"), Expr.Symbol("y"), Expr.Symbol("z"));
        var f = Expr.Call(Functions.Log, x * y) + Expr.Call(Functions.Sin, z);
        var point = new Dictionary<string, double> { ["x"] = 2, ["y"] = 3, ["z"] = 1 };
        var (value, gradient) = ExprReverse.Gradient(f, point, ["x", "y", "z"]);
        Assert.That(value, Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15));
        Assert.That(gradient, Is.EqualTo(SeedGradient).Within(1e-15));
    }

    [Test]
    public void ExpressionGradientAndHessianAgreeAcrossModes()
    {
        var (x, y) = (Expr.Symbol("x"), Expr.Symbol("y"));
        var shared = Expr.Call(Functions.Exp, x * y);
        var f = (shared * shared) + Expr.Call(Functions.Atan2, y, x) + Expr.Pow(x, 3) + Expr.Pow(y, x) + Expr.Call(Functions.Sqrt, x + y);
        var point = new Dictionary<string, double> { ["x"] = 0.7, ["y"] = 1.3, ["unused"] = 4 };
        string[] wrt = ["x", "y", "unused"];
        var (fv, fg) = ExprForward.Gradient(f, point, wrt);
        var (rv, rg) = ExprReverse.Gradient(f, point, wrt);
        Assert.That(rv, Is.EqualTo(fv).Within(1e-14));
        Assert.That(rg, Is.EqualTo(fg).Within(1e-12));
        Assert.That(rg[2], Is.Zero);
        Assert.That(ExprReverse.Hessian(f, point, wrt), Is.EqualTo(ExprForward.Hessian(f, point, wrt)).Within(1e-10));
    }

    [Test]
    public void DeepExpressionsDoNotOverflowTheStack()
    {
        var x = Expr.Symbol("x");
        var e = x;
        for (var i = 0; i < 20_000; i++)
        {
            e = Expr.Call(Functions.Sin, e);
        }

        var point = new Dictionary<string, double> { ["x"] = 0.9 };
        var (fv, fg) = ExprForward.Gradient(e, point, ["x"]);
        var (rv, rg) = ExprReverse.Gradient(e, point, ["x"]);
        var (value, slope) = (0.9, 1.0);
        for (var i = 0; i < 20_000; i++)
        {
            slope *= Math.Cos(value);
            value = Math.Sin(value);
        }

        Assert.That((fv, rv), Is.EqualTo((value, value)));
        Assert.That(fg[0], Is.EqualTo(slope).Within(1e-12 * slope));
        Assert.That(rg[0], Is.EqualTo(slope).Within(1e-12 * slope));
    }

    [Test]
    public void MissingFunctionRuleIsReportedByName()
    {
        var custom = CustomFunction();
        var f = Expr.Call(custom, Expr.Symbol("x"));
        var point = new Dictionary<string, double> { ["x"] = 1 };
        Assert.Multiple(() =>
        {
            Assert.That(() => ExprReverse.Gradient(f, point, ["x"]), Throws.TypeOf<NotSupportedException>().With.Message.Contains("'triple'"));
            Assert.That(() => ExprForward.Gradient(f, point, ["x"]), Throws.TypeOf<NotSupportedException>().With.Message.Contains("'triple'"));
        });
    }

    // A function with a value but no derivative rule anywhere (the registry's internal constructor).
    private static FunctionInfo CustomFunction() =>
        new("triple", 1, "t", "all real x", _ => true, [[1.0]], v => 3 * v, null, isSmooth: true, isAnalytic: true, isBuiltIn: false);

    [Test]
    public void LoopsAndBranchesFollowThePrimal()
    {
        var above = ReverseMode.Gradient(v => UserFunctions.Branchy(v[0], v[1]), [2, 1]).Gradient;
        var below = ReverseMode.Gradient(v => UserFunctions.Branchy(v[0], v[1]), [1, 2]).Gradient;
        Assert.That(above, Is.EqualTo(new[] { 6 + Math.Cos(2), 12.0 }).Within(1e-14));
        Assert.That(below, Is.EqualTo(new[] { 12.0, 2.0 }).Within(1e-14));
        var newton = ReverseMode.Gradient(v => UserFunctions.NewtonSqrt(v[0]), [2.0]).Gradient[0];
        Assert.That(newton, Is.EqualTo(0.5 / Math.Sqrt(2)).Within(1e-14));
    }

    [Test]
    public void RosenbrockGradientAndHessianMatchClosedForms()
    {
        double[] x = [1.2, -0.7, 0.4, 2.0, -1.1];
        Assert.That(ReverseMode.Gradient(UserFunctions.Rosenbrock, x).Gradient, Is.EqualTo(RosenbrockClosedForm.Gradient(x)).Within(1e-11));
        Assert.That(ReverseMode.Hessian(UserFunctions.Rosenbrock, x), Is.EqualTo(RosenbrockClosedForm.Hessian(x)).Within(1e-11));
        double[] v = [1, 0.5, -2, 0.25, 3];
        var hv = ReverseMode.HessianVectorProduct(UserFunctions.Rosenbrock, x, v);
        var h = RosenbrockClosedForm.Hessian(x);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = Enumerable.Range(0, x.Length).Sum(j => h[i, j] * v[j]);
            Assert.That(hv[i], Is.EqualTo(expected).Within(1e-11));
        }
    }

    [Test]
    public void VjpAndJacobianAgreeWithForwardMode()
    {
        double[] x = [0.3, -1.2, 0.8];
        double[] u = [1, -1, 0.5, 2];
        var forward = ForwardMode.Jacobian(UserFunctions.Map, x);
        Assert.That(ReverseMode.Jacobian(UserFunctions.Map, x), Is.EqualTo(forward).Within(1e-14));
        var (_, vjp) = ReverseMode.Vjp(UserFunctions.Map, x, u);
        for (var c = 0; c < x.Length; c++)
        {
            Assert.That(vjp[c], Is.EqualTo(Enumerable.Range(0, u.Length).Sum(r => u[r] * forward[r, c])).Within(1e-13));
        }
    }

    [Test]
    public void NestedReverseInsideReverseUsesSeparateTapes()
    {
        // f(x) = x · (d/dy (x·y))(y = 1) = x², computed with an inner gradient on the same thread.
        var outer = ReverseMode.Gradient(v => v[0] * ReverseMode.Gradient(w => w[0] * v[0].Value, [1.0]).Gradient[0], [3.0]);
        Assert.That(outer.Value, Is.EqualTo(9.0));
        Assert.That(outer.Gradient[0], Is.EqualTo(3.0)); // inner result is a constant: no perturbation leaks
    }

    [Test]
    public void ParallelGradientsEqualSequentialOnes()
    {
        var random = new Random(12345);
        var points = Enumerable.Range(0, 64).Select(_ => Enumerable.Range(0, 50).Select(_ => (random.NextDouble() * 4) - 2).ToArray()).ToArray();
        var sequential = points.Select(p => ReverseMode.Gradient(UserFunctions.Rosenbrock, p)).ToArray();
        var parallel = new (double Value, double[] Gradient)[points.Length];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            parallel[i] = ReverseMode.Gradient(UserFunctions.Rosenbrock, points[i]));
        for (var i = 0; i < points.Length; i++)
        {
            Assert.That(parallel[i].Value, Is.EqualTo(sequential[i].Value));
            Assert.That(parallel[i].Gradient, Is.EqualTo(sequential[i].Gradient));
        }
    }

    [Test]
    public void WarmGradientAllocatesNothing()
    {
        var x = Enumerable.Range(0, 1000).Select(i => Math.Sin(i)).ToArray();
        var gradient = new double[x.Length];
        Func<Var<double>[], Var<double>> f = UserFunctions.Rosenbrock;
        ReverseMode.Gradient(f, x, gradient); // warm: the tape grows to its working size
        var before = GC.GetAllocatedBytesForCurrentThread();
        var value = ReverseMode.Gradient(f, x, gradient);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(value, Is.EqualTo(UserFunctions.Rosenbrock(x)).Within(1e-9));
        Assert.That(gradient, Is.EqualTo(RosenbrockClosedForm.Gradient(x)).Within(1e-10));
    }

    [Test]
    public void IntegerAndFloatConstantsLiftWithoutAllocating()
    {
        double[] x = [0.5, 1.5];
        var gradient = new double[2];
        Func<Var<double>[], Var<double>> f = static v => UserFunctions.Branchy(v[0], v[1]) + (FromSingle<Var<double>>(2.5f) * v[0]);
        ReverseMode.Gradient(f, x, gradient);
        var before = GC.GetAllocatedBytesForCurrentThread();
        ReverseMode.Gradient(f, x, gradient);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(gradient[0], Is.EqualTo((6 * 1.5) + 2.5).Within(1e-14));
    }

    [Test]
    public void WarmSpanHessianVectorProductAllocatesNothingAndMatchesTheArrayOverload()
    {
        double[] x = [0.5, 1.5, -0.25];
        double[] v = [1.0, -2.0, 0.5];
        var hv = new double[3];
        Func<Var<Dual<double>>[], Var<Dual<double>>> f = static w => (w[0] * w[1] * w[1]) + Var<Dual<double>>.Sin(w[2] * w[0]);
        ReverseMode.HessianVectorProduct(f, x, v, hv);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var value = ReverseMode.HessianVectorProduct(f, x, v, hv);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(value, Is.EqualTo((0.5 * 1.5 * 1.5) + Math.Sin(-0.125)).Within(1e-14));
        Assert.That(hv, Is.EqualTo(ReverseMode.HessianVectorProduct(f, x, v)));
    }

    private static T FromSingle<T>(float value)
        where T : System.Numerics.INumberBase<T> => T.CreateChecked(value);

    [Test]
    public void ExplicitTapeCanBeResetAndReused()
    {
        var tape = new Tape<double>(4);
        using (tape.Activate())
        {
            for (var round = 0; round < 3; round++)
            {
                tape.Reset();
                var x = tape.Variable(2.0 + round);
                var y = Var<double>.Sin(x) * x;
                tape.Backward(y);
                var expected = Math.Cos(2.0 + round) * (2.0 + round) + Math.Sin(2.0 + round);
                Assert.That(tape.Adjoint(x), Is.EqualTo(expected).Within(1e-14));
            }
        }
    }

    [Test]
    public void KinkConventions()
    {
        Assert.That(ReverseMode.Gradient(v => Var<double>.Abs(v[0]), [0.0]).Gradient[0], Is.EqualTo(0.0));
        Assert.That(ReverseMode.Gradient(v => Var<double>.Min(v[0], v[1]), [1.5, 1.5]).Gradient, Is.EqualTo(new[] { 0.5, 0.5 }));
        Assert.That(ReverseMode.Gradient(v => Var<double>.Max(v[0], v[1]), [1.5, 1.5]).Gradient, Is.EqualTo(new[] { 0.5, 0.5 }));
    }
}
