using System.Globalization;
using System.Numerics;
using AdVerify.Expressions;
using AdVerify.Symbolic;
using NUnit.Framework;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace AdVerify.Tests.Expressions;

/// <summary>Exact rationals become the nearest double (ties to even), as <c>double.Parse</c> reads the same decimal.</summary>
public class RationalTests
{
    private static Rational Decimal(string text)
    {
        var negative = text.StartsWith('-');
        Assert.That(Rational.TryParseDecimal(negative ? text[1..] : text, 100_000, out var r), Is.True, text);
        return negative ? -r : r;
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [TestCase("0.1")]
    [TestCase("0.01")]
    [TestCase("0.001")]
    [TestCase("0.3")]
    [TestCase("2.675")]
    [TestCase("1e23")]
    [TestCase("8.98846567431158e307")]
    [TestCase("9007199254740993")] // 2^53 + 1: a tie, to even (2^53)
    [TestCase("9007199254740995")] // 2^53 + 3: a tie, to even (2^53 + 4)
    [TestCase("18446744073709551617")] // 2^64 + 1
    [TestCase("1.7976931348623157e308")] // the largest double
    [TestCase("1.7976931348623158e308")] // still rounds down to it
    [TestCase("1.797693134862315808e308")] // past the halfway point: ∞
    [TestCase("1e309")]
    [TestCase("2.2250738585072014e-308")] // the smallest normal
    [TestCase("2.2250738585072011e-308")] // just below it: subnormal
    [TestCase("4.9406564584124654e-324")] // the smallest subnormal
    [TestCase("2.4703282292062328e-324")] // just above half of it: rounds up
    [TestCase("2.4703282292062327e-324")] // just below half of it: 0
    [TestCase("1e-400")]
    [TestCase("-0.1")]
    [TestCase("-1e-320")]
    [TestCase("123456789012345678901234567890e-10")]
    public void ConvertsAsDoubleParseDoes(string text) =>
        Assert.That(BitConverter.DoubleToInt64Bits(Decimal(text).ToDouble()), Is.EqualTo(BitConverter.DoubleToInt64Bits(Parse(text))), text);

    [Test]
    public void QuotientsThatUsedToTruncateAreNowNearest()
    {
        Assert.That(new Rational(1, 10).ToDouble(), Is.EqualTo(0.1));
        Assert.That(new Rational(1, 100).ToDouble(), Is.EqualTo(0.01));
        Assert.That(new Rational(1, 1000).ToDouble(), Is.EqualTo(0.001));
        Assert.That(new Rational(2, 3).ToDouble(), Is.EqualTo(2.0 / 3));
        Assert.That(Infix.Parse("1/10").Evaluate(new Dictionary<string, double>()), Is.EqualTo(0.1));
    }

    [Test]
    public void ExactTiesRoundToEven()
    {
        var half = BigInteger.One << 1075; // 2^-1075: half the smallest subnormal
        Assert.That(new Rational(1, half).ToDouble(), Is.EqualTo(0.0));
        Assert.That(new Rational(3, half).ToDouble(), Is.EqualTo(2 * double.Epsilon), "1.5 × smallest: a tie between 1 and 2, to even");
        Assert.That(new Rational(3, half * 2).ToDouble(), Is.EqualTo(double.Epsilon), "0.75 × smallest rounds up");
        var overflowTie = (BigInteger.One << 1024) - (BigInteger.One << 970);
        Assert.That(new Rational(overflowTie).ToDouble(), Is.EqualTo(double.PositiveInfinity));
        Assert.That(new Rational(overflowTie - 1).ToDouble(), Is.EqualTo(double.MaxValue));
        Assert.That(new Rational(-overflowTie).ToDouble(), Is.EqualTo(double.NegativeInfinity));
        Assert.That(double.IsNegative(new Rational(-1, half).ToDouble()), Is.True, "a negative number rounding to zero is -0");
    }

    // Random decimal text (up to 38 significant digits, exponents across the whole double range and past it) against double.Parse.
    [Property(MaxTest = 3000)]
    public bool DecimalTextConvertsAsDoubleParse(ulong high, ulong low, byte point, short exponent, bool negative)
    {
        var digits = ((new BigInteger(high) * BigInteger.Pow(10, 19)) + low).ToString(CultureInfo.InvariantCulture);
        var at = point % (digits.Length + 1);
        var mantissa = at == digits.Length ? digits : digits[..at] + "." + digits[at..];
        if (mantissa.StartsWith('.'))
        {
            mantissa = "0" + mantissa;
        }

        var text = $"{(negative ? "-" : "")}{mantissa}e{exponent % 360}";
        var expected = Parse(text);

        // A rational has no signed zero: "-0" is 0 (a negative number that rounds to zero still gives -0).
        return expected == 0 && Decimal(text).IsZero
            ? Decimal(text).ToDouble() == 0
            : BitConverter.DoubleToInt64Bits(Decimal(text).ToDouble()) == BitConverter.DoubleToInt64Bits(expected);
    }

    // Any quotient, against the definition: no double is nearer, and on a tie the even one wins.
    [Property(MaxTest = 3000)]
    public bool QuotientsAreNearest(long p, long q, short scale)
    {
        if (q == 0)
        {
            return true;
        }

        var shift = scale % 1100;
        var r = new Rational(new BigInteger(p) << Math.Max(shift, 0), new BigInteger(q) << Math.Max(-shift, 0));
        var d = r.ToDouble();
        if (double.IsInfinity(d))
        {
            return BigInteger.Abs(r.Numerator) >= ((BigInteger.One << 1024) - (BigInteger.One << 970)) * r.Denominator;
        }

        var error = Abs(r - Rational.FromDouble(d));
        foreach (var neighbour in new[] { Math.BitIncrement(d), Math.BitDecrement(d) })
        {
            if (double.IsInfinity(neighbour))
            {
                continue;
            }

            var other = Abs(r - Rational.FromDouble(neighbour));
            if (other < error || (other == error && (BitConverter.DoubleToInt64Bits(d) & 1) == 1))
            {
                return false;
            }
        }

        return true;
    }

    // The implicit conversion agrees with the parser: a double becomes its shortest round-trip decimal.
    [TestCase("0.1")]
    [TestCase("-0.1")]
    [TestCase("1e-5")]
    [TestCase("123.456")]
    [TestCase("5e-324")]
    [TestCase("1.7976931348623157e308")]
    public void ADoubleConvertsAsTheParserReadsItsText(string text)
    {
        var d = Parse(text);
        Expr converted = d;
        Assert.That(converted, Is.SameAs(Infix.Parse(text)));
        Assert.That(((NumberExpr)converted).Value.ToDouble(), Is.EqualTo(d));
    }

    [Test]
    public void TheImplicitConversionGivesTenthsNotBinaryFractions()
    {
        Expr tenth = 0.1;
        Assert.That(tenth, Is.SameAs(Expr.Number(new Rational(1, 10))));
        Assert.That(Expr.Symbol("x") * 0.1, Is.SameAs(Infix.Parse("x*0.1")));
        Assert.That(Expr.Number(0.1), Is.Not.SameAs(tenth), "Expr.Number(double) stays the exact binary value");
        Assert.That(() => { Expr nan = double.NaN; }, Throws.ArgumentException.With.Message.Contain("not a finite number"));
    }

    [Property(MaxTest = 2000)]
    public bool ShortestDecimalRoundTrips(long bits)
    {
        var d = BitConverter.Int64BitsToDouble(bits);
        return !double.IsFinite(d) || Rational.FromShortestDecimal(d).ToDouble() == d;
    }

    private static Rational Abs(Rational r) => r.Sign < 0 ? -r : r;
}
