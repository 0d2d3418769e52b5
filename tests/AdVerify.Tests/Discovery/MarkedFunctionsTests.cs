using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Discovery;
using NUnit.Framework;

namespace AdVerify.Tests.Discovery;

/// <summary>Finding [Verify] marks among types: both shapes, points and claims resolved, and every problem named.</summary>
public class MarkedFunctionsTests
{
    private const string Source = "Tests.dll";

    private static IReadOnlyList<MarkedFunction> Find(params Type[] types) => MarkedFunctions.In(types, Source);

    private static IReadOnlyList<string> Problems(params Type[] types)
    {
        var e = Assert.Throws<MarkedFunctionException>(() => Find(types))!;
        Assert.That(e.Message, Is.EqualTo(e.Problems[0]));
        return e.Problems;
    }

    [Test]
    public void FindsMarkedMethodsAndTypesInDeclarationOrder()
    {
        var found = Find(typeof(Good), typeof(GoodType), typeof(Unmarked));
        Assert.That(found.Select(f => f.Name), Is.EqualTo(new[] { "MarkedFunctionsTests.Good.Loss", "MarkedFunctionsTests.Good.Square", "MarkedFunctionsTests.GoodType" }));
        Assert.That(found.Select(f => f.Source), Is.All.EqualTo(Source));
        Assert.That(found[0].Signature, Is.EqualTo("MarkedFunctionsTests.Good.Loss(w, b)"));
        Assert.That(found[0].Namespace, Is.EqualTo("AdVerify.Tests.Discovery"));
    }

    [Test]
    public void PointsFollowTheVariableOrderWhateverOrderTheyAreWrittenIn()
    {
        var loss = Find(typeof(Good))[0];
        Assert.That(loss.Definition.Variables, Is.EqualTo(new[] { "w", "b" }));
        Assert.That(loss.Points, Is.EqualTo(new[] { new[] { 0.3, -0.2 }, new[] { 1.0, 2.0 } }));
        Assert.That(loss.Hessian, Is.True);
    }

    [Test]
    public void ClaimsResolveFromOneDoublePerVariableOrOneArray()
    {
        var found = Find(typeof(Good), typeof(GoodType));
        Assert.That(found[0].ClaimedName, Is.EqualTo(nameof(Good.LossGradient)));
        Assert.That(found[0].Claimed!([0.3, -0.2]), Is.EqualTo(Good.LossGradient(0.3, -0.2)));
        Assert.That(found[1].Claimed, Is.Null);
        Assert.That(found[2].Claimed!([3.0, 4.0]), Is.EqualTo(new[] { 4.0, 3.0 }));
    }

    [Test]
    public void ATypeWithoutVariablesHasCoordinatesX0X1()
    {
        var f = Find(typeof(Unnamed)).Single();
        Assert.That(f.Definition.Variables, Is.EqualTo(new[] { "x0", "x1" }));
        Assert.That(f.Signature, Is.EqualTo("MarkedFunctionsTests.Unnamed(x0, x1)"));
        Assert.That(f.Definition.Evaluate([2, 5]), Is.EqualTo(10));
    }

    [Test]
    public void NothingMarkedIsAnEmptyListAmongTypes() => Assert.That(Find(typeof(Unmarked)), Is.Empty);

    [TestCase(typeof(BadPoints), "Tests.dll: MarkedFunctionsTests.BadPoints.Missing: Points is missing: list the points to verify at, such as [Verify(Points = \"x=1,y=1; x=0.5,y=0.5\")]")]
    [TestCase(typeof(BadPoints), "Tests.dll: MarkedFunctionsTests.BadPoints.Unparsable: Points = \"x=1,y=abc\" does not parse: the value of y, 'abc', is not a number")]
    [TestCase(typeof(BadPoints), "Tests.dll: MarkedFunctionsTests.BadPoints.Typo: Points, point 2 names 'yy', which is not one of its variables (x, y) (did you mean y?)")]
    [TestCase(typeof(BadPoints), "Tests.dll: MarkedFunctionsTests.BadPoints.Incomplete: Points gives no value for y (every point gives every variable: x=1,y=1)")]
    [TestCase(typeof(BadClaims), "Tests.dll: MarkedFunctionsTests.BadClaims.NoSuchMethod: Claimed = \"Gradiant\", but MarkedFunctionsTests.BadClaims has no method named Gradiant (did you mean Gradient?)")]
    [TestCase(typeof(BadClaims), "Tests.dll: MarkedFunctionsTests.BadClaims.WrongReturn: Claimed = \"ReturnsDouble\", but MarkedFunctionsTests.BadClaims.ReturnsDouble returns double; it must be public static double[] ReturnsDouble(double x, double y) (or one double[])")]
    [TestCase(typeof(BadClaims), "Tests.dll: MarkedFunctionsTests.BadClaims.Unrelated: Claimed = \"Slope\", but MarkedFunctionsTests.BadClaims has no method named Slope; the claimed gradient is a method of the same type: public static double[] Slope(double x, double y) (or one double[])")]
    [TestCase(typeof(BadClaims), "Tests.dll: MarkedFunctionsTests.BadClaims.WrongCount: Claimed = \"Gradient\", but MarkedFunctionsTests.BadClaims.Gradient takes 2 double(s) but the function has 3 variable(s)")]
    [TestCase(typeof(BadClaims), "Tests.dll: MarkedFunctionsTests.BadClaims.Private: Claimed = \"Hidden\", but MarkedFunctionsTests.BadClaims.Hidden is not public")]
    [TestCase(typeof(BadClaims), "Tests.dll: MarkedFunctionsTests.BadClaims.Instance: Claimed = \"NotStatic\", but MarkedFunctionsTests.BadClaims.NotStatic is an instance method")]
    [TestCase(typeof(BadShapes), "Tests.dll: MarkedFunctionsTests.BadShapes.NotGeneric: it is not generic")]
    [TestCase(typeof(BadShapes), "Tests.dll: MarkedFunctionsTests.BadShapes.Hidden: it is not public")]
    [TestCase(typeof(BadShapes), "Tests.dll: MarkedFunctionsTests.BadShapes.Constrained: its type parameter T has the constraint IBinaryInteger<T>, which not every AdVerify scalar meets")]
    [TestCase(typeof(BadShapes), "Tests.dll: MarkedFunctionsTests.BadShapes.Reserved: a parameter name cannot be a variable name: 'e' is not a usable variable name")]
    [TestCase(typeof(NotAFunction), "Tests.dll: MarkedFunctionsTests.NotAFunction: it is marked [Verify] but does not implement AdVerify.Definitions.IScalarFunction")]
    [TestCase(typeof(NoConstructor), "Tests.dll: MarkedFunctionsTests.NoConstructor: it has no public parameterless constructor")]
    [TestCase(typeof(ThrowingConstructor), "Tests.dll: MarkedFunctionsTests.ThrowingConstructor: its parameterless constructor threw InvalidOperationException: not today")]
    [TestCase(typeof(WrongCoordinates), "Tests.dll: MarkedFunctionsTests.WrongCoordinates: Points names 'S', but a type without [Variables] has the coordinates x0, x1, … (here x0, x1); put [Variables(\"S\", \"K\")] on the type")]
    public void EachProblemNamesTheAssemblyTypeMethodAndWhatIsWrong(Type type, string problem) =>
        Assert.That(Problems(type), Has.Some.StartsWith(problem));

    [Test]
    public void EveryProblemIsReportedTogether()
    {
        Assert.That(Problems(typeof(BadPoints), typeof(BadClaims), typeof(Good)), Has.Count.EqualTo(10));
    }

    [Test]
    public void SameNamedFunctionsAreQualifiedUntilUnique()
    {
        var f = Find(typeof(Good))[1];
        var unique = MarkedFunctions.WithUniqueNames([f, f with { Namespace = "Other" }, f with { Source = "B.dll" }, f with { Signature = "Square(y)", Definition = Definition.Of(new GoodType(), "y", "z") }]);
        Assert.That(unique.Select(u => u.Name), Is.EqualTo(new[]
        {
            "Tests.dll: AdVerify.Tests.Discovery.MarkedFunctionsTests.Good.Square(x)",
            "Other.MarkedFunctionsTests.Good.Square",
            "B.dll: AdVerify.Tests.Discovery.MarkedFunctionsTests.Good.Square",
            "Tests.dll: AdVerify.Tests.Discovery.MarkedFunctionsTests.Good.Square(y, z)",
        }));
    }

    public static class Good
    {
        [Verify(Points = "b=-0.2,w=0.3; w=1,b=2", Claimed = nameof(LossGradient), Hessian = true)]
        public static T Loss<T>(T w, T b)
            where T : INumberBase<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T> => T.Log(T.One + T.Exp(w + b));

        public static double[] LossGradient(double w, double b)
        {
            var s = 1 / (1 + Math.Exp(-(w + b)));
            return [s, s];
        }

        [Verify("x=2")]
        public static T Square<T>(T x)
            where T : INumberBase<T> => x * x;
    }

    [Verify(Points = "x=3,y=4", Claimed = nameof(Gradient))]
    [Variables("x", "y")]
    public readonly struct GoodType : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T> => p[0] * p[1];

        public static double[] Gradient(double[] p) => [p[1], p[0]];
    }

    [Verify(Points = "x0=2,x1=5")]
    public sealed class Unnamed : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T> => p[0] * p[1];
    }

    public static class Unmarked
    {
        public static T NotMarked<T>(T x)
            where T : INumberBase<T> => x;
    }

    public static class BadPoints
    {
        [Verify]
        public static T Missing<T>(T x, T y)
            where T : INumberBase<T> => x * y;

        [Verify(Points = "x=1,y=abc")]
        public static T Unparsable<T>(T x, T y)
            where T : INumberBase<T> => x * y;

        [Verify(Points = "x=1,y=2; x=1,yy=2")]
        public static T Typo<T>(T x, T y)
            where T : INumberBase<T> => x * y;

        [Verify(Points = "x=1")]
        public static T Incomplete<T>(T x, T y)
            where T : INumberBase<T> => x * y;
    }

    public class BadClaims
    {
        [Verify(Points = "x=1,y=2", Claimed = "Gradiant")]
        public static T NoSuchMethod<T>(T x, T y)
            where T : INumberBase<T> => x * y;

        [Verify(Points = "x=1,y=2", Claimed = nameof(ReturnsDouble))]
        public static T WrongReturn<T>(T x, T y)
            where T : INumberBase<T> => x * y;

        [Verify(Points = "x=1,y=2,z=3", Claimed = nameof(Gradient))]
        public static T WrongCount<T>(T x, T y, T z)
            where T : INumberBase<T> => x * y * z;

        [Verify(Points = "x=1,y=2", Claimed = nameof(Hidden))]
        public static T Private<T>(T x, T y)
            where T : INumberBase<T> => x * y;

        [Verify(Points = "x=1,y=2", Claimed = nameof(NotStatic))]
        public static T Instance<T>(T x, T y)
            where T : INumberBase<T> => x * y;

        [Verify(Points = "x=1,y=2", Claimed = "Slope")]
        public static T Unrelated<T>(T x, T y)
            where T : INumberBase<T> => x * y;

        public static double[] Gradient(double x, double y) => [y, x];

        public static double ReturnsDouble(double x, double y) => x + y;

        public double[] NotStatic(double x, double y) => [y, x];

        private static double[] Hidden(double x, double y) => [y, x];
    }

    public static class BadShapes
    {
        [Verify(Points = "x=1")]
        public static double NotGeneric(double x) => x;

        [Verify(Points = "x=1")]
        internal static T Hidden<T>(T x)
            where T : INumberBase<T> => x;

        [Verify(Points = "x=1")]
        public static T Constrained<T>(T x)
            where T : IBinaryInteger<T> => x;

        [Verify(Points = "x=1")]
        public static T Reserved<T>(T e)
            where T : INumberBase<T> => e;
    }

    [Verify(Points = "x=1")]
    public sealed class NotAFunction;

    [Verify(Points = "x0=1")]
    public sealed class NoConstructor(double scale) : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T> => p[0] * T.CreateChecked(scale);
    }

    [Verify(Points = "x0=1")]
    public sealed class ThrowingConstructor : IScalarFunction
    {
        public ThrowingConstructor() => throw new InvalidOperationException("not today");

        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T> => p[0];
    }

    [Verify(Points = "S=1,K=2")]
    public readonly struct WrongCoordinates : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T> => p[0] * p[1];
    }
}
