using System.Numerics;
using AdVerify.Compilation;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Symbolic;
using AdVerify.Tests.Forward;
using NUnit.Framework;
using static AdVerify.Tests.Compilation.TestFunctions;

namespace AdVerify.Tests.Compilation;

/// <summary>The compiled path against forward and reverse mode: values, gradients, Hessian-vector products and Hessians.</summary>
public class CompiledFunctionTests
{
    private static double[] Point(int n, double shift = 0) => Enumerable.Range(0, n).Select(i => 0.5 + (0.4 * Math.Sin(i + shift))).ToArray();

    private static double[] Direction(int n) => Enumerable.Range(0, n).Select(i => Math.Cos(1.7 * i)).ToArray();

    /// <summary>|a − b| ≤ tolerance · max(1, |b|) entry by entry.</summary>
    private static void Close(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance, string what)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), what);
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.That(actual[i], Is.EqualTo(expected[i]).Within(tolerance * Math.Max(1, Math.Abs(expected[i]))), $"{what}[{i}]");
        }
    }

    /// <summary>Compiles f and checks value (bit for bit), gradient and H·v against both AD engines, and the Hessian when small.</summary>
    private static CompiledFunction AgreesWithEngines(IScalarFunction f, double[] x, double tolerance = 1e-12)
    {
        var n = x.Length;
        var compiled = Compiler.Compile(f, n);
        Assert.That(compiled.IsCompiled, Is.True, compiled.Reason);
        Assert.That(compiled.Value(x), Is.EqualTo(f.Invoke<double>(x)), "value");
        var gradient = new double[n];
        Assert.That(compiled.ValueAndGradient(x, gradient), Is.EqualTo(f.Invoke<double>(x)), "value with the gradient");
        var reverse = ReverseMode.Gradient(a => f.Invoke<Var<double>>(a), x).Gradient;
        Close(gradient, reverse, tolerance, "gradient vs reverse");
        if (n <= 200)
        {
            Close(gradient, ForwardMode.Gradient(a => f.Invoke<Dual<double>>(a), x).Gradient, tolerance, "gradient vs forward");
        }

        var v = Direction(n);
        var hv = new double[n];
        Assert.That(compiled.HessianVectorProduct(x, v, hv), Is.EqualTo(f.Invoke<double>(x)), "value with H·v");
        Close(hv, ReverseMode.HessianVectorProduct(a => f.Invoke<Var<Dual<double>>>(a), x, v), tolerance, "H·v vs forward over reverse");
        if (n <= 12)
        {
            var h = compiled.Hessian(x);
            var expected = ForwardMode.Hessian(a => f.Invoke<Dual<Dual<double>>>(a), x);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    Assert.That(h[i, j], Is.EqualTo(expected[i, j]).Within(tolerance * Math.Max(1, Math.Abs(expected[i, j]))), $"H[{i},{j}] vs forward over forward");
                }
            }
        }

        return compiled;
    }

    public static IEnumerable<FunctionInfo> BuiltIns => Functions.BuiltIn;

    [TestCaseSource(nameof(BuiltIns))]
    public void EveryRegisteredFunctionAgreesWithForwardAndReverseMode(FunctionInfo function)
    {
        foreach (var sample in function.SamplePoints)
        {
            if (function.IntegerArguments is [0])
            {
                // The order is held constant (it has no derivative); the argument and a scale vary.
                AgreesWithEngines(new CallAtOrder(function, sample[0]), [sample[1], 0.7], 1e-11);
                continue;
            }

            AgreesWithEngines(new CallOf(function), sample.Append(0.7).Append(-1.3).Take(function.Arity + 1).ToArray(), 1e-11);
        }
    }

    private readonly struct SoftMaxLoss : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : System.Numerics.IFloatingPointIeee754<T> =>
            AdMath.LogSumExp(x[0] * x[1], T.Sin(x[2]), x[3], x[0]) - x[2];
    }

    [Test]
    public void AVariadicCallOfFourArgumentsCompilesAndAgrees()
    {
        var compiled = AgreesWithEngines(new SoftMaxLoss(), [0.3, -1.2, 2.5, 800], 1e-11);
        Assert.That(compiled.IsCompiled, Is.True, compiled.Reason);
    }

        [Test]
    public void AVaryingIntegerOrderFallsBackNamingTheOrder()
    {
        var compiled = Compiler.Compile(new CallOf(Functions.BesselJ), 3);
        Assert.That(compiled.IsCompiled, Is.False);
        Assert.That(compiled.Reason, Does.Contain("integer order n"));
        Assert.That(new CallOf(Functions.BesselJ).Invoke<double>([1, 0.5, 2]), Is.EqualTo(compiled.Value([1, 0.5, 2])));
    }

    /// <summary>
    /// Runs a large comparison on a thread of its own, so the tapes the reference engines keep per
    /// thread (hundreds of megabytes at these sizes) go with it instead of staying in the test process.
    /// </summary>
    private static void OnOwnThread(Action test)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                test();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    [TestCase(10)]
    [TestCase(1_000)]
    [TestCase(100_000)]
    public void RosenbrockAsALoopCompilesAndAgrees(int n) => OnOwnThread(() => RosenbrockAgrees(n));

    private static void RosenbrockAgrees(int n)
    {
        var x = Point(n);
        var compiled = AgreesWithEngines(new Rosenbrock(), x, 1e-11);
        var gradient = new double[n];
        compiled.ValueAndGradient(x, gradient);
        Close(gradient, RosenbrockClosedForm.Gradient(x), 1e-11, "gradient vs closed form");
        Assert.That(compiled.Reason, Does.Contain("1 loop(s)"));
    }

    [Test]
    public void TheTanhNetworkAgrees() => AgreesWithEngines(new TanhNetwork(), Point(10 * 30));

    [Test]
    public void SharedSubexpressionsAgree() => AgreesWithEngines(new Shared(), [0.3, -0.8, 1.4]);

    [TestCase(3)]
    [TestCase(40)]
    public void ACarriedRecurrenceAgrees(int iterations) => AgreesWithEngines(new Logistic(iterations), [3.7, 0.31]);

    [Test]
    public void ValuesCarriedTwoIterationsAgree()
    {
        AgreesWithEngines(new TwoTermRecurrence(), Point(60), 1e-10);
        AgreesWithEngines(new Fibonacci(), Point(30), 1e-10);
    }

    [Test]
    public void ValuesFixedBeforeALoopAndAParameterReadByEveryIterationAgree() => AgreesWithEngines(new CenteredSpread(), Point(50), 1e-11);

    [Test]
    public void ValuesUsedLongAfterTheirLoopAgree() => AgreesWithEngines(new TwoPasses(), Point(40), 1e-11);

    [Test]
    public void ALongIrregularComputationIsSplitIntoMethodsAndAgrees()
    {
        var compiled = AgreesWithEngines(new Irregular(6_000), Point(7), 1e-11);
        Assert.That(compiled.Reason, Does.Contain("0 loop(s)"));
        Assert.That(compiled.GradientKernel!.Methods, Is.GreaterThan(10));
    }

    private readonly struct CubeTimes : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => AdMath.Pow(x[0], 3.0) * x[1];
    }

    [Test]
    public void AConstantExponentTakesThePowerRuleWithoutALogarithm()
    {
        // At a negative base a logarithm of the base would make the derivative NaN.
        var compiled = AgreesWithEngines(new CubeTimes(), [-2, 1.5], 1e-15);
        var (value, gradient) = compiled.Gradient([-2, 1.5]);
        Assert.That(value, Is.EqualTo(-12));
        Assert.That(gradient, Is.EqualTo(new[] { 18.0, -8 }));
    }

    [Test]
    public void LocalPartialsComeFromTheSymbolicRules()
    {
        // A primitive registered with a deliberately different derivative: the compiled path uses
        // the registered (symbolic) rule, as the symbolic engine does; it has no rule of its own.
        var probe = Functions.Define("compiled_rule_probe", x => x * x, "3*x");
        var c = Computation.Parse("compiled_rule_probe(x)");
        var compiled = Compiler.Compile(c);
        Assert.That(compiled.IsCompiled, Is.True);
        Assert.That(compiled.Gradient([2]).Gradient[0], Is.EqualTo(6));
        Assert.That(c.ToExpr().Differentiate("x").Evaluate(new Dictionary<string, double> { ["x"] = 2 }), Is.EqualTo(6));
        var hv = new double[1];
        compiled.HessianVectorProduct([2], [1], hv);
        Assert.That(hv[0], Is.EqualTo(3));
        Assert.That(probe.Rule!.IsExpression, Is.True);
    }

    [Test]
    public void TheGradientOfAnInputIsAUnitVector()
    {
        var compiled = Compiler.Compile(Computation.FromExpr(Expr.Symbol("y"), ["x", "y"]));
        var (value, gradient) = compiled.Gradient([3, 4]);
        Assert.That(value, Is.EqualTo(4));
        Assert.That(gradient, Is.EqualTo(new[] { 0.0, 1 }));
    }

    [Test]
    public void AParsedComputationCompiles()
    {
        var c = Computation.Parse("log(x*y) + sin(z) + x^3/y");
        var compiled = Compiler.Compile(c);
        double[] x = [2, 3, 1];
        var (value, gradient) = compiled.Gradient(x);
        Assert.That(value, Is.EqualTo(c.Evaluate<double>(x)));
        Close(gradient, [0.5 + (3 * 4 / 3.0), (1.0 / 3) - (8 / 9.0), Math.Cos(1)], 1e-14, "gradient");
    }

    [Test]
    public void ABranchOnAValueFallsBackToTheTapeAndSaysWhy()
    {
        var compiled = Compiler.Compile(new Relu(), 3);
        Assert.That(compiled.IsCompiled, Is.False);
        Assert.That(compiled.Reason, Does.Contain("on the tape").And.Contain("comparison >"));
        double[] x = [1.5, -2, 0.5];
        var (value, gradient) = compiled.Gradient(x);
        Assert.That(value, Is.EqualTo((1.5 * 1.5) - 0.2 + 0.25).Within(1e-15));
        Assert.That(gradient, Is.EqualTo(new[] { 3, 0.1, 1 }).Within(1e-15));
        var hv = new double[3];
        compiled.HessianVectorProduct(x, [1, 1, 1], hv);
        Assert.That(hv, Is.EqualTo(new[] { 2.0, 0, 2 }).Within(1e-15));
    }

    [Test]
    public void ATraceOverItsStepLimitFallsBackToTheTapeAndSaysWhy()
    {
        var compiled = Compiler.Compile(new Rosenbrock(), 100, maxTraceSteps: 300);
        Assert.That(compiled.IsCompiled, Is.False);
        Assert.That(compiled.Reason, Does.Contain("300 steps").And.Contain("maxTraceSteps"));
        var x = Point(100);
        Close(compiled.Gradient(x).Gradient, RosenbrockClosedForm.Gradient(x), 1e-11, "tape gradient");
    }

    [Test]
    public void AMillionDimensionalRosenbrockFallsBackToTheTapeWithinTheDefaultLimit() => OnOwnThread(() =>
    {
        const int n = 1_000_000;
        var compiled = Compiler.Compile(new Rosenbrock(), n);
        Assert.That(compiled.IsCompiled, Is.False);
        Assert.That(compiled.Reason, Does.Contain($"{Compiler.DefaultMaxTraceSteps:N0} steps"));
        var x = Point(n);
        var gradient = new double[n];
        Assert.That(compiled.ValueAndGradient(x, gradient), Is.EqualTo(new Rosenbrock().Invoke<double>(x)).Within(1e-9 * n));
        Assert.That(gradient[12_345], Is.EqualTo(RosenbrockClosedForm.Gradient(x[12_344..12_347])[1]).Within(1e-10));
    });

    [Test]
    public void AFunctionWithoutASymbolicRuleFallsBackToTheTape()
    {
        var d = Functions.Define("compiled_fallback_cube", x => x * x * x, x => 3 * x * x).Rule!.DerivedFunctions[0];
        var c = Computation.Parse($"{d.Name}(x) * y");
        var compiled = Compiler.Compile(c);
        Assert.That(compiled.IsCompiled, Is.False);
        Assert.That(compiled.Reason, Does.Contain("gradient cannot be compiled").And.Contain(d.Name));
        Assert.That(compiled.Value([2, 5]), Is.EqualTo(60));
    }

    [Test]
    public void ParallelCallsAgreeWithSequentialOnes()
    {
        const int n = 300;
        var compiled = Compiler.Compile(new TanhNetwork(), n);
        var points = Enumerable.Range(0, 64).Select(k => Point(n, k)).ToArray();
        var sequential = points.Select(p => compiled.Gradient(p)).ToArray();
        var hvSequential = points.Select(p =>
        {
            var hv = new double[n];
            compiled.HessianVectorProduct(p, Direction(n), hv);
            return hv;
        }).ToArray();
        var parallel = new (double Value, double[] Gradient)[points.Length];
        var hvParallel = new double[points.Length][];
        Parallel.For(0, points.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % points.Length;
            parallel[k] = compiled.Gradient(points[k]);
            var hv = new double[n];
            compiled.HessianVectorProduct(points[k], Direction(n), hv);
            hvParallel[k] = hv;
        });
        for (var k = 0; k < points.Length; k++)
        {
            Assert.That(parallel[k].Value, Is.EqualTo(sequential[k].Value));
            Assert.That(parallel[k].Gradient, Is.EqualTo(sequential[k].Gradient));
            Assert.That(hvParallel[k], Is.EqualTo(hvSequential[k]));
        }
    }

    [Test]
    public void WarmCallsAllocateNothing()
    {
        WarmCallsAllocateNothing(new Rosenbrock(), 1_000);

        // logsumexp is variadic: its one- and two-argument calls go through its array method.
        WarmCallsAllocateNothing(new SoftMaxLoss(), 4);
    }

    private static void WarmCallsAllocateNothing(IScalarFunction f, int n)
    {
        var compiled = Compiler.Compile(f, n);
        Assert.That(compiled.IsCompiled, Is.True, compiled.Reason);
        var x = Point(n);
        var v = Direction(n);
        var gradient = new double[n];
        var hv = new double[n];
        compiled.ValueAndGradient(x, gradient);
        compiled.HessianVectorProduct(x, v, hv);
        compiled.Value(x);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            compiled.ValueAndGradient(x, gradient);
            compiled.HessianVectorProduct(x, v, hv);
            compiled.Value(x);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void WrongLengthsAreNamed()
    {
        var compiled = Compiler.Compile(new Rosenbrock(), 4);
        var e = Assert.Throws<ArgumentException>(() => compiled.Value([1, 2, 3]))!;
        Assert.That(e.Message, Does.Contain("point has 3 entries").And.Contain("4 input(s)"));
        e = Assert.Throws<ArgumentException>(() => compiled.ValueAndGradient([1, 2, 3, 4], new double[3]))!;
        Assert.That(e.Message, Does.Contain("gradient buffer"));
        e = Assert.Throws<ArgumentException>(() => compiled.HessianVectorProduct([1, 2, 3, 4], [1, 2], new double[4]))!;
        Assert.That(e.Message, Does.Contain("direction"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Compiler.Compile(new Rosenbrock(), 0));
    }

    [Test]
    public void TooLargeADenseHessianIsRefused()
    {
        var compiled = Compiler.Compile(new Rosenbrock(), CompiledFunction.MaxHessianDimension + 1);
        var e = Assert.Throws<NotSupportedException>(() => compiled.Hessian(new double[CompiledFunction.MaxHessianDimension + 1]))!;
        Assert.That(e.Message, Does.Contain("HessianVectorProduct"));
    }

    [Test]
    public void BuildTimeIsReported()
    {
        var compiled = Compiler.Compile(new Rosenbrock(), 50);
        Assert.That(compiled.BuildTime, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(compiled.Dimension, Is.EqualTo(50));
        Assert.That(compiled.ToString(), Does.StartWith("compiled function of 50 input(s)"));
    }
}
