using System.Globalization;
using System.Numerics;

namespace AdVerify.Expressions;

/// <summary>
/// An exact rational number p/q with arbitrary-precision integers, always in lowest terms
/// with a positive denominator. Numeric literals of the expression language are parsed
/// into rationals, so <c>0.1 + 0.2</c> is exactly <c>3/10</c>.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    /// <summary>The numerator (carries the sign).</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator, always positive.</summary>
    public BigInteger Denominator => _denominatorMinusOne + BigInteger.One;

    // Stored minus one so that default(Rational) is 0/1.
    private readonly BigInteger _denominatorMinusOne;

    /// <summary>Creates p/q reduced to lowest terms.</summary>
    /// <param name="numerator">The numerator.</param>
    /// <param name="denominator">The denominator; must not be zero.</param>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A rational number cannot have denominator 0.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }

        Numerator = numerator;
        _denominatorMinusOne = numerator.IsZero ? BigInteger.Zero : denominator - BigInteger.One;
    }

    /// <summary>Creates the integer n.</summary>
    /// <param name="value">The integer.</param>
    public Rational(BigInteger value)
    {
        Numerator = value;
        _denominatorMinusOne = BigInteger.Zero;
    }

    /// <summary>Zero.</summary>
    public static Rational Zero => default;

    /// <summary>One.</summary>
    public static Rational One => new(BigInteger.One);

    /// <summary>Minus one.</summary>
    public static Rational MinusOne => new(BigInteger.MinusOne);

    /// <summary>One half.</summary>
    public static Rational Half => new(BigInteger.One, 2);

    /// <summary>True when the number is an integer.</summary>
    public bool IsInteger => _denominatorMinusOne.IsZero;

    /// <summary>True when the number is zero.</summary>
    public bool IsZero => Numerator.IsZero;

    /// <summary>True when the number is one.</summary>
    public bool IsOne => Numerator.IsOne && IsInteger;

    /// <summary>The sign: −1, 0 or 1.</summary>
    public int Sign => Numerator.Sign;

    /// <summary>Converts a finite double exactly (every finite double is a binary fraction).</summary>
    /// <param name="value">The double.</param>
    /// <returns>The exact rational value.</returns>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} is not a finite number.", nameof(value));
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 9e15)
        {
            return new Rational(new BigInteger(value));
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent++;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        BigInteger num = mantissa;
        BigInteger den = BigInteger.One;
        if (exponent > 0)
        {
            num <<= exponent;
        }
        else
        {
            den <<= -exponent;
        }

        return new Rational(negative ? -num : num, den);
    }

    /// <summary>
    /// The rational of the shortest decimal that round-trips to <paramref name="value"/> (its
    /// <c>"R"</c> text): 0.1 gives 1/10, as the parser reads <c>0.1</c>, where
    /// <see cref="FromDouble"/> gives the binary fraction 3602879701896397/36028797018963968.
    /// Converting back with <see cref="ToDouble"/> gives <paramref name="value"/> again.
    /// </summary>
    /// <param name="value">The double.</param>
    /// <returns>The rational the decimal text of the double denotes.</returns>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public static Rational FromShortestDecimal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} is not a finite number.", nameof(value));
        }

        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        if (!TryParseDecimal(text, 400, out var magnitude))
        {
            throw new InvalidOperationException($"The round-trip text '{text}' of a double did not parse as a decimal.");
        }

        return value < 0 ? -magnitude : magnitude;
    }

    /// <summary>Parses a decimal literal such as <c>2</c>, <c>.5</c>, <c>1e-8</c> or <c>6.02E23</c> exactly.</summary>
    /// <param name="text">The literal (no sign).</param>
    /// <param name="maxExponent">The largest decimal exponent magnitude accepted.</param>
    /// <param name="value">The exact value.</param>
    /// <returns>False when the text is not a decimal literal or its exponent exceeds the limit.</returns>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, int maxExponent, out Rational value)
    {
        value = Zero;
        var i = 0;
        BigInteger digits = BigInteger.Zero;
        var scale = 0;
        var any = false;
        var digitCount = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            digits = (digits * 10) + (text[i] - '0');
            i++;
            any = true;
            digitCount++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                digits = (digits * 10) + (text[i] - '0');
                scale++;
                i++;
                any = true;
                digitCount++;
            }
        }

        if (!any)
        {
            return false;
        }

        long exponent = 0;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            var negative = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                negative = text[i] == '-';
                i++;
            }

            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                exponent = Math.Min((exponent * 10) + (text[i] - '0'), int.MaxValue);
                i++;
            }

            if (negative)
            {
                exponent = -exponent;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        var total = exponent - scale;
        if (Math.Abs(exponent) > maxExponent || Math.Abs(total) > maxExponent + digitCount)
        {
            return false;
        }

        var power = BigInteger.Pow(10, (int)Math.Abs(total));
        value = total >= 0 ? new Rational(digits * power) : new Rational(digits, power);
        return true;
    }

    /// <summary>
    /// Converts to the nearest double, as <c>double.Parse</c> would convert the exact decimal:
    /// correctly rounded (ties to even), including subnormal results; values beyond the largest
    /// double become ±∞ and values below half the smallest subnormal become ±0.
    /// </summary>
    /// <returns>The double nearest to this number.</returns>
    public double ToDouble()
    {
        if (Numerator.IsZero)
        {
            return 0.0;
        }

        var num = BigInteger.Abs(Numerator);
        var den = Denominator;
        var negative = Numerator.Sign < 0;

        // num/den lies in [2^(e-1), 2^(e+1)). Beyond these bounds the answer is ±∞ or ±0 whatever the digits.
        var e = num.GetBitLength() - den.GetBitLength();
        if (e > 1025)
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (e < -1077)
        {
            return negative ? -0.0 : 0.0;
        }

        // q = floor(num·2^s / den) carries 55 or 56 significant bits; a non-zero remainder is the sticky bit.
        var s = (int)(55 - e);
        var q = BigInteger.DivRem(s >= 0 ? num << s : num, s >= 0 ? den : den << -s, out var remainder);
        var sticky = !remainder.IsZero;

        // Keep 53 bits, or fewer where the result is subnormal (its last bit is worth 2^-1074).
        var bits = (int)q.GetBitLength();
        var drop = Math.Max(bits - 53, s - 1074);
        var kept = q >> drop;
        var rest = q - (kept << drop);
        var half = BigInteger.One << (drop - 1);
        if (rest > half || (rest == half && (sticky || !kept.IsEven)))
        {
            kept += 1;
        }

        // kept ≤ 2^53 converts exactly; scaling by a power of two is exact unless it overflows to ∞.
        var result = Math.ScaleB((double)kept, drop - s);
        return negative ? -result : result;
    }

    /// <summary>Raises to an integer power.</summary>
    /// <param name="exponent">The exponent; negative exponents invert (the base must not be zero then).</param>
    /// <returns>The exact power.</returns>
    public Rational Pow(int exponent)
    {
        if (exponent >= 0)
        {
            return new Rational(BigInteger.Pow(Numerator, exponent), BigInteger.Pow(Denominator, exponent));
        }

        return new Rational(BigInteger.Pow(Denominator, -exponent), BigInteger.Pow(Numerator, -exponent));
    }

    /// <summary>Tries to take an exact integer root: succeeds for 4^(1/2), 27/8^(1/3), …</summary>
    /// <param name="degree">The root degree (≥ 2).</param>
    /// <param name="root">The exact root, when it exists.</param>
    /// <returns>True when this number has an exact rational root of that degree.</returns>
    public bool TryRoot(int degree, out Rational root)
    {
        root = Zero;
        if (Sign < 0 && degree % 2 == 0)
        {
            return false;
        }

        if (!TryIntegerRoot(BigInteger.Abs(Numerator), degree, out var n) || !TryIntegerRoot(Denominator, degree, out var d))
        {
            return false;
        }

        root = new Rational(Sign < 0 ? -n : n, d);
        return true;
    }

    private static bool TryIntegerRoot(BigInteger value, int degree, out BigInteger root)
    {
        root = BigInteger.Zero;
        if (value.IsZero || value.IsOne)
        {
            root = value;
            return true;
        }

        if (value.GetBitLength() > 4096)
        {
            return false;
        }

        // Newton's method on integers, from an over-estimate.
        var x = BigInteger.One << (int)((value.GetBitLength() / degree) + 1);
        while (true)
        {
            var y = (((degree - 1) * x) + (value / BigInteger.Pow(x, degree - 1))) / degree;
            if (y >= x)
            {
                break;
            }

            x = y;
        }

        root = x;
        return BigInteger.Pow(x, degree) == value;
    }

    /// <summary>Adds.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a + b.</returns>
    public static Rational operator +(Rational a, Rational b) =>
        a.IsInteger && b.IsInteger ? new Rational(a.Numerator + b.Numerator)
            : new Rational((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    /// <summary>Subtracts.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a − b.</returns>
    public static Rational operator -(Rational a, Rational b) => a + (-b);

    /// <summary>Negates.</summary>
    /// <param name="a">The number.</param>
    /// <returns>−a.</returns>
    public static Rational operator -(Rational a) => a.IsInteger ? new Rational(-a.Numerator) : new Rational(-a.Numerator, a.Denominator);

    /// <summary>Multiplies.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a · b.</returns>
    public static Rational operator *(Rational a, Rational b) =>
        a.IsInteger && b.IsInteger ? new Rational(a.Numerator * b.Numerator)
            : new Rational(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <summary>Divides.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right (not zero).</param>
    /// <returns>a / b.</returns>
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>Converts an integer.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator Rational(int value) => new(new BigInteger(value));

    /// <summary>Equality.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    /// <summary>Less than.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>True when a &lt; b.</returns>
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    /// <summary>Greater than.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>True when a &gt; b.</returns>
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    /// <inheritdoc />
    public bool Equals(Rational other) => Numerator == other.Numerator && _denominatorMinusOne == other._denominatorMinusOne;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Numerator, _denominatorMinusOne);

    /// <inheritdoc />
    public int CompareTo(Rational other) =>
        IsInteger && other.IsInteger ? Numerator.CompareTo(other.Numerator)
            : (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>Formats as <c>p</c> or <c>p/q</c> in invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        IsInteger ? Numerator.ToString(CultureInfo.InvariantCulture)
            : Numerator.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);
}
