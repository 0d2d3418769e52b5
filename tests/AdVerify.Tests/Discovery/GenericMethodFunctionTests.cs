using System.Numerics;
using System.Reflection;
using AdVerify.Definitions;
using AdVerify.Discovery;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Numeric;
using AdVerify.Reverse;
using NUnit.Framework;

namespace AdVerify.Tests.Discovery;

/// <summary>A marked generic method wrapped as a one-definition function: every scalar runs it; other shapes are refused by name.</summary>
public class GenericMethodFunctionTests
{
    private static readonly double[] At = [2, 3, 1];

    private static MethodInfo Method(string name) =>
        typeof(Methods).GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)!;

    private static GenericMethodFunction Wrap(string name) => GenericMethodFunction.Create(Method(name));

    private static string? Problem(string name) => GenericMethodFunction.ShapeProblem(Method(name));

    // f = log(x·y) + sin(z): ∂f/∂x = 1/x, ∂f/∂y = 1/y, ∂f/∂z = cos z; ∂²f/∂x² = −1/x², ∂²f/∂z² = −sin z.
    private static readonly double[] Gradient = [0.5, 1.0 / 3, Math.Cos(1)];

    [Test]
    public void TheParameterNamesAreTheVariables()
    {
        var f = Wrap(nameof(Methods.Seed));
        Assert.That(f.Variables, Is.EqualTo(new[] { "x", "y", "z" }));
        Assert.That(f.Name, Is.EqualTo("GenericMethodFunctionTests.Methods.Seed"));
        Assert.That(GenericMethodFunction.DefinitionOf(f.Method).Variables, Is.EqualTo(f.Variables));
    }

    [Test]
    public void RunsOnDoubleAndFloat()
    {
        var f = Wrap(nameof(Methods.Seed));
        Assert.That(f.Invoke<double>(At), Is.EqualTo(Math.Log(6) + Math.Sin(1)));
        Assert.That(f.Invoke<float>([2f, 3f, 1f]), Is.EqualTo(MathF.Log(6) + MathF.Sin(1)).Within(1e-6));
    }

    [Test]
    public void RunsOnForwardDualsSingleAndMultiTangentAndNested()
    {
        var f = Wrap(nameof(Methods.Seed));
        Assert.That(ForwardMode.Gradient(f, At).Gradient, Is.EqualTo(Gradient).Within(1e-15));
        Assert.That(ForwardMode.GradientOnePass(f, At).Gradient, Is.EqualTo(Gradient).Within(1e-15));
        var h = ForwardMode.Hessian(f, At);
        Assert.That(h[0, 0], Is.EqualTo(-0.25).Within(1e-15));
        Assert.That(h[2, 2], Is.EqualTo(-Math.Sin(1)).Within(1e-15));
    }

    [Test]
    public void RunsOnTapeVariablesAndForwardOverReverse()
    {
        var f = Wrap(nameof(Methods.Seed));
        Assert.That(ReverseMode.Gradient(f, At).Gradient, Is.EqualTo(Gradient).Within(1e-15));
        Assert.That(ReverseMode.Hessian(f, At)[1, 1], Is.EqualTo(-1.0 / 9).Within(1e-15));
    }

    [Test]
    public void RunsOnTheTracingScalar()
    {
        var expr = Trace.Symbolic(Wrap(nameof(Methods.Seed)), ["x", "y", "z"]).ToExpr();
        Assert.That(expr, Is.EqualTo(Infix.Parse("log(x*y) + sin(z)")));
    }

    [Test]
    public void RunsOnTheComplexStepScalar()
    {
        const double H = 1e-20;
        var f = Wrap(nameof(Methods.Seed));
        var z = f.Invoke<ComplexScalar>([new(new Complex(2, H)), new(new Complex(3, 0)), new(new Complex(1, 0))]);
        Assert.That(z.Value.Imaginary / H, Is.EqualTo(0.5).Within(1e-15));
    }

    [Test]
    public void CallsAdMathOnEveryScalar()
    {
        // erf(x)·x: d/dx = erf(x) + x·2/√π·exp(−x²).
        var f = Wrap(nameof(Methods.WithErf));
        var expected = AdMath.Erf(0.7) + (0.7 * 2 / Math.Sqrt(Math.PI) * Math.Exp(-0.49));
        Assert.That(ForwardMode.Gradient(f, [0.7]).Gradient[0], Is.EqualTo(expected).Within(1e-15));
        Assert.That(ReverseMode.Gradient(f, [0.7]).Gradient[0], Is.EqualTo(expected).Within(1e-15));
        Assert.That(Trace.Symbolic(f, ["x"]).ToExpr(), Is.EqualTo(Infix.Parse("erf(x)*x")));
    }

    [Test]
    public void ExceptionsFromTheMethodReachTheCallerUnwrapped()
    {
        // A branch on a value: the tracer's own error, not a TargetInvocationException, so the verifier can trace at a point.
        var f = Wrap(nameof(Methods.Relu));
        Assert.That(() => Trace.Symbolic(f, ["x"]), Throws.TypeOf<ConcretizationException>());
        Assert.That(Trace.At(f, ["x"], [2.0]).ToExpr(), Is.EqualTo(Infix.Parse("x*x")));
        Assert.That(() => f.Invoke<double>([1.0, 2.0]), Throws.ArgumentException.With.Message.Contains("takes 1 argument(s) (x) but the point has 2"));
    }

    [Test]
    public void CompilesOncePerScalarAndIsThreadSafe()
    {
        var f = Wrap(nameof(Methods.Seed));
        var results = new double[64];
        Parallel.For(0, results.Length, i => results[i] = ReverseMode.Gradient(f, [2, 3, 1 + i]).Gradient[2]);
        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 64).Select(i => Math.Cos(1 + i)).ToArray()).Within(1e-15));
    }

    [TestCase(nameof(Methods.Instance), "it is an instance method")]
    [TestCase(nameof(Methods.Hidden), "it is not public")]
    [TestCase(nameof(Methods.NotGeneric), "it is not generic")]
    [TestCase(nameof(Methods.TwoTypeParameters), "it has 2 type parameters, not one")]
    [TestCase(nameof(Methods.NoParameters), "it takes no parameters")]
    [TestCase(nameof(Methods.ByReference), "its parameter 'x' is passed by reference")]
    [TestCase(nameof(Methods.IntParameter), "its parameter 'n' is int, but every parameter must be of the type parameter T")]
    [TestCase(nameof(Methods.ReturnsDouble), "it returns double, not its type parameter T")]
    [TestCase(nameof(Methods.BinaryFloatingPoint), "the constraint IBinaryFloatingPointIeee754<T>, which not every AdVerify scalar meets")]
    [TestCase(nameof(Methods.MixesDouble), "the constraint IMultiplyOperators<T, double, T>, which not every AdVerify scalar meets")]
    [TestCase(nameof(Methods.ClassConstraint), "the constraint 'class'")]
    [TestCase(nameof(Methods.UnmanagedConstraint), "the constraint 'unmanaged'")]
    public void OtherShapesAreRefusedSayingWhy(string method, string problem)
    {
        Assert.That(Problem(method), Does.Contain(problem));
        Assert.That(() => Wrap(method), Throws.ArgumentException.With.Message.Contains(problem));
    }

    [TestCase(nameof(Methods.Seed))]
    [TestCase(nameof(Methods.StructConstraint))]
    [TestCase(nameof(Methods.EveryScalarInterface))]
    public void GenericMathConstraintsAreAccepted(string method) => Assert.That(Problem(method), Is.Null);

    [Test]
    public void AnUnmetConstraintIsNamedForTheScalar()
    {
        var t = typeof(Methods).GetMethod(nameof(Methods.BinaryFloatingPoint))!.GetGenericArguments()[0];
        Assert.That(ScalarConstraints.Unmet(t, typeof(Dual<double>)), Is.EqualTo("IBinaryFloatingPointIeee754<T>"));
    }

    public sealed class Methods
    {
        public static T Seed<T>(T x, T y, T z)
            where T : INumberBase<T>, ILogarithmicFunctions<T>, ITrigonometricFunctions<T> => T.Log(x * y) + T.Sin(z);

        public static T WithErf<T>(T x)
            where T : IFloatingPointIeee754<T> => AdMath.Erf(x) * x;

        public static T Relu<T>(T x)
            where T : INumber<T> => x > T.Zero ? x * x : T.Zero;

        public static T StructConstraint<T>(T x)
            where T : struct, INumberBase<T> => x * x;

        public static T EveryScalarInterface<T>(T x)
            where T : IFloatingPointIeee754<T>, IComparisonOperators<T, T, bool>, IMultiplyOperators<T, T, T>, IEquatable<T> => x;

        public static T BinaryFloatingPoint<T>(T x)
            where T : IBinaryFloatingPointIeee754<T> => x;

        public static T MixesDouble<T>(T x)
            where T : INumberBase<T>, IMultiplyOperators<T, double, T> => x * 2.0;

        public static T ClassConstraint<T>(T x)
            where T : class, INumberBase<T> => x;

        public static T UnmanagedConstraint<T>(T x)
            where T : unmanaged, INumberBase<T> => x;

        public static double NotGeneric(double x) => x;

        public static T TwoTypeParameters<T, TOther>(T x)
            where T : INumberBase<T> => x;

        public static T NoParameters<T>()
            where T : INumberBase<T> => T.One;

        public static T ByReference<T>(ref T x)
            where T : INumberBase<T> => x;

        public static T IntParameter<T>(T x, int n)
            where T : INumberBase<T> => x * T.CreateChecked(n);

        public static double ReturnsDouble<T>(T x)
            where T : INumberBase<T> => double.CreateChecked(x);

        public T Instance<T>(T x)
            where T : INumberBase<T> => x;

        internal static T Hidden<T>(T x)
            where T : INumberBase<T> => x;
    }
}
