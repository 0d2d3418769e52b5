using System.Globalization;
using System.Numerics;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Scalars;
using NUnit.Framework;

namespace AdVerify.Tests.Scalars;

public class GenericMathTests
{
    [Test]
    public void UserMethodRunsUnchangedOnDouble() =>
        Assert.That(UserFunctions.Seed(2.0, 3.0, 1.0), Is.EqualTo(Math.Log(6) + Math.Sin(1)).Within(1e-15));

    [Test]
    public void DefaultMembersWorkOnEveryNumberType()
    {
        CheckDefaults<Dual<double>>();
        CheckDefaults<Dual<Dual<double>>>();
        CheckDefaults<Var<double>>();
        CheckDefaults<Var<Dual<double>>>();
        using var session = TangentArena.Begin(2);
        CheckDefaults<DualVector>();
    }

    private static void CheckDefaults<T>()
        where T : IAdScalar<T>
    {
        var two = T.CreateChecked(2);
        Assert.Multiple(() =>
        {
            Assert.That(T.PrimalOf(two), Is.EqualTo(2.0));
            Assert.That(T.PrimalOf(T.CreateTruncating(2.5f)), Is.EqualTo(2.5));
            Assert.That(double.CreateChecked(T.Lift(1.25)), Is.EqualTo(1.25));
            Assert.That(int.CreateTruncating(T.Lift(7.9)), Is.EqualTo(7));
            Assert.That(T.IsNaN(T.Lift(double.NaN)), Is.True);
            Assert.That(T.IsFinite(two) && !T.IsInfinity(two) && T.IsInteger(two) && T.IsEvenInteger(two), Is.True);
            Assert.That(T.IsZero(T.Zero) && T.IsNegative(T.NegativeOne), Is.True);
            Assert.That(T.PrimalOf(T.Parse("1.5", CultureInfo.InvariantCulture)), Is.EqualTo(1.5));
            Assert.That(T.TryParse("x", NumberStyles.Float, CultureInfo.InvariantCulture, out _), Is.False);
            Assert.That(T.PrimalOf(T.SinPi(T.Lift(0.5))), Is.EqualTo(1.0).Within(1e-15));
            Assert.That(T.PrimalOf(T.Exp2(T.Lift(3))), Is.EqualTo(8.0).Within(1e-14));
            Assert.That(T.PrimalOf(T.Log(T.Lift(8), two)), Is.EqualTo(3.0).Within(1e-15));
            Assert.That(T.PrimalOf(T.MaxMagnitude(T.Lift(-3), two)), Is.EqualTo(-3.0));
            Assert.That(T.PrimalOf(T.Pi), Is.EqualTo(Math.PI));
            Assert.That(T.PrimalOf(T.Lift(7) % two), Is.EqualTo(1.0));
            Assert.That(T.Sign(T.Lift(-0.5)), Is.EqualTo(-1));
            Assert.That(T.PrimalOf(T.Clamp(T.Lift(5), T.Zero, two)), Is.EqualTo(2.0));
            Assert.That(two > T.One && T.One < two && two >= T.One && two == T.CreateChecked(2L), Is.True);
            Assert.That(T.Lift(0.25).ToString("F2", CultureInfo.InvariantCulture), Is.EqualTo("0.25"));
        });
        var x = two;
        x++;
        Assert.That(T.PrimalOf(x), Is.EqualTo(3.0));
    }

    [Test]
    public void IncrementCarriesTheDerivative()
    {
        static T PlusOne<T>(T x)
            where T : INumberBase<T>
        {
            x++;
            return x * x;
        }

        Assert.That(ForwardMode.Derivative<double>(PlusOne, 2.0), Is.EqualTo(6.0));
    }

    [Test]
    public void ModulusDifferentiatesLikeASawtooth() =>
        Assert.That(ForwardMode.Derivative<double>(static x => Mod(x, Dual<double>.Lift(2)), 5.5), Is.EqualTo(1.0));

    private static T Mod<T>(T a, T b)
        where T : IModulusOperators<T, T, T> => a % b;

    [Test]
    public void ConstantsLiftWithZeroDerivative()
    {
        Dual<double> c = 3.0;
        Assert.That((c.Value, c.Tangent), Is.EqualTo((3.0, 0.0)));
        Dual<Dual<double>> nested = c;
        Assert.That(nested.Value.Value, Is.EqualTo(3.0));
    }

    [Test]
    public void MixedDoubleOperatorsExistOnBothSides()
    {
        var x = Dual<double>.Variable(2);
        var y = (1.0 + x) * 3.0 / x - 1.0 + (2.0 - x) + (x / 4.0) + (4.0 * x) - (x - 1.0) + (1.0 / x);
        var expected = ((1 + 2.0) * 3 / 2) - 1 + (2 - 2.0) + 0.5 + 8 - 1 + 0.5;
        Assert.That(y.Value, Is.EqualTo(expected).Within(1e-14));
    }
}
