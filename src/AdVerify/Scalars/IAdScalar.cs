using System.Globalization;
using System.Numerics;

namespace AdVerify.Scalars;

/// <summary>
/// The generic-math contract of every AdVerify number type (forward-mode duals, multi-tangent
/// duals and reverse-mode variables). It derives from the BCL generic-math interfaces that
/// <see cref="double"/> also implements, so a user method constrained only by BCL interfaces
/// (for example <c>where T : INumberBase&lt;T&gt;, ITrigonometricFunctions&lt;T&gt;</c>) runs
/// unchanged on doubles and on every AD number. Implementations supply the arithmetic, the
/// elementary functions and two plumbing members (<see cref="PrimalOf"/> and <see cref="Lift"/>);
/// every remaining ("boring") member has a default implementation here, written once in
/// terms of the primal value: classification (<c>IsNaN</c>, …), parsing and formatting,
/// conversions, magnitude comparisons, π-scaled trigonometry and the derived
/// exponential/logarithmic variants. Classification and ordering look only at the primal
/// value, so branches and loops in user code follow the ordinary double computation.
/// (C# reaches these default static members only through a type parameter, as generic user
/// code does; the number types declare the members concrete code and F# need themselves.)
/// </summary>
/// <typeparam name="TSelf">The implementing number type.</typeparam>
public interface IAdScalar<TSelf> :
    IFloatingPointIeee754<TSelf>,
    IPrimal
    where TSelf : IAdScalar<TSelf>
{
    /// <summary>The primal (ordinary double) value of a number, with every derivative part dropped.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The innermost double value.</returns>
    static abstract double PrimalOf(TSelf value);

    /// <summary>Lifts a double into a constant of this type: all derivative parts are zero.</summary>
    /// <param name="value">The constant.</param>
    /// <returns>The constant number.</returns>
    static abstract TSelf Lift(double value);

    /// <summary>
    /// Applies any one-argument function of the registry, differentiated by the implementing
    /// engine: a built-in through the engine's own rule card, a user primitive through the
    /// derivative rule registered with it (<see cref="Expressions.FunctionInfo.Rule"/>). Generic
    /// code reaches this through <see cref="AdMath"/>.
    /// </summary>
    /// <param name="function">The primitive.</param>
    /// <param name="x">The argument.</param>
    /// <returns>f(x).</returns>
    static abstract TSelf Apply(Expressions.FunctionInfo function, TSelf x);

    /// <summary>
    /// Applies any two-argument function of the registry, differentiated by the implementing
    /// engine (a built-in by its rule card, a user primitive by its registered partials).
    /// </summary>
    /// <param name="function">The primitive.</param>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>f(x, y).</returns>
    static abstract TSelf Apply(Expressions.FunctionInfo function, TSelf x, TSelf y);

    /// <summary>
    /// Applies a function of the registry to any number of arguments (a variadic function such
    /// as <c>logsumexp</c>, or a one- or two-argument function given its arguments as an array),
    /// differentiated by the implementing engine's own rule card.
    /// </summary>
    /// <param name="function">The function.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>f(args).</returns>
    static abstract TSelf Apply(Expressions.FunctionInfo function, TSelf[] args);

    /// <summary>
    /// A power with a constant exponent, xᶜ. Engines implement it with their own rule (no
    /// derivative with respect to the exponent, so no log of a negative base is ever formed).
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="exponent">The constant exponent.</param>
    /// <returns>xᶜ.</returns>
    static virtual TSelf Pow(TSelf x, double exponent) => TSelf.Pow(x, TSelf.Lift(exponent));

    double IPrimal.Primal => TSelf.PrimalOf((TSelf)this);

    // ---- constants -------------------------------------------------------------------------
    static TSelf INumberBase<TSelf>.One => TSelf.Lift(1.0);
    static TSelf INumberBase<TSelf>.Zero => TSelf.Lift(0.0);
    static int INumberBase<TSelf>.Radix => 2;
    static TSelf IAdditiveIdentity<TSelf, TSelf>.AdditiveIdentity => TSelf.Lift(0.0);
    static TSelf IMultiplicativeIdentity<TSelf, TSelf>.MultiplicativeIdentity => TSelf.Lift(1.0);
    static TSelf ISignedNumber<TSelf>.NegativeOne => TSelf.Lift(-1.0);
    static TSelf IFloatingPointConstants<TSelf>.E => TSelf.Lift(Math.E);
    static TSelf IFloatingPointConstants<TSelf>.Pi => TSelf.Lift(Math.PI);
    static TSelf IFloatingPointConstants<TSelf>.Tau => TSelf.Lift(Math.Tau);

    // ---- IEEE 754 constants and bit-level helpers (primal; derivatives as the operation implies) ----
    static TSelf IFloatingPointIeee754<TSelf>.Epsilon => TSelf.Lift(double.Epsilon);
    static TSelf IFloatingPointIeee754<TSelf>.NaN => TSelf.Lift(double.NaN);
    static TSelf IFloatingPointIeee754<TSelf>.NegativeInfinity => TSelf.Lift(double.NegativeInfinity);
    static TSelf IFloatingPointIeee754<TSelf>.PositiveInfinity => TSelf.Lift(double.PositiveInfinity);
    static TSelf IFloatingPointIeee754<TSelf>.NegativeZero => TSelf.Lift(-0.0);
    static TSelf IFloatingPointIeee754<TSelf>.Atan2Pi(TSelf y, TSelf x) => TSelf.Atan2(y, x) / TSelf.Lift(Math.PI);

    /// <summary>The next double up, keeping the derivative (the step is a constant).</summary>
    static TSelf IFloatingPointIeee754<TSelf>.BitIncrement(TSelf x) => x + TSelf.Lift(Math.BitIncrement(TSelf.PrimalOf(x)) - TSelf.PrimalOf(x));

    /// <summary>The next double down, keeping the derivative (the step is a constant).</summary>
    static TSelf IFloatingPointIeee754<TSelf>.BitDecrement(TSelf x) => x + TSelf.Lift(Math.BitDecrement(TSelf.PrimalOf(x)) - TSelf.PrimalOf(x));

    /// <summary>a·b + c, differentiated as the product and sum it stands for.</summary>
    static TSelf IFloatingPointIeee754<TSelf>.FusedMultiplyAdd(TSelf left, TSelf right, TSelf addend) => (left * right) + addend;

    /// <summary>a − b·round(a/b), so the derivative is da − round(a/b)·db.</summary>
    static TSelf IFloatingPointIeee754<TSelf>.Ieee754Remainder(TSelf left, TSelf right) =>
        left - (right * TSelf.Lift(Math.Round(TSelf.PrimalOf(left) / TSelf.PrimalOf(right), MidpointRounding.ToEven)));

    static int IFloatingPointIeee754<TSelf>.ILogB(TSelf x) => Math.ILogB(TSelf.PrimalOf(x));

    /// <summary>x·2ⁿ, differentiated as a product with a constant.</summary>
    static TSelf IFloatingPointIeee754<TSelf>.ScaleB(TSelf x, int n) => x * TSelf.Lift(Math.ScaleB(1.0, n));

    /// <summary>Rounding is piecewise constant: the result is a constant (derivative 0 almost everywhere).</summary>
    static TSelf IFloatingPoint<TSelf>.Round(TSelf x, int digits, MidpointRounding mode) => TSelf.Lift(Math.Round(TSelf.PrimalOf(x), digits, mode));

    int IFloatingPoint<TSelf>.GetExponentByteCount() => ((IFloatingPoint<double>)TSelf.PrimalOf((TSelf)this)).GetExponentByteCount();
    int IFloatingPoint<TSelf>.GetExponentShortestBitLength() => ((IFloatingPoint<double>)TSelf.PrimalOf((TSelf)this)).GetExponentShortestBitLength();
    int IFloatingPoint<TSelf>.GetSignificandBitLength() => ((IFloatingPoint<double>)TSelf.PrimalOf((TSelf)this)).GetSignificandBitLength();
    int IFloatingPoint<TSelf>.GetSignificandByteCount() => ((IFloatingPoint<double>)TSelf.PrimalOf((TSelf)this)).GetSignificandByteCount();
    bool IFloatingPoint<TSelf>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) =>
        ((IFloatingPoint<double>)TSelf.PrimalOf((TSelf)this)).TryWriteExponentBigEndian(destination, out bytesWritten);
    bool IFloatingPoint<TSelf>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) =>
        ((IFloatingPoint<double>)TSelf.PrimalOf((TSelf)this)).TryWriteExponentLittleEndian(destination, out bytesWritten);
    bool IFloatingPoint<TSelf>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) =>
        ((IFloatingPoint<double>)TSelf.PrimalOf((TSelf)this)).TryWriteSignificandBigEndian(destination, out bytesWritten);
    bool IFloatingPoint<TSelf>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) =>
        ((IFloatingPoint<double>)TSelf.PrimalOf((TSelf)this)).TryWriteSignificandLittleEndian(destination, out bytesWritten);

    // ---- classification (primal) -------------------------------------------------------------
    static bool INumberBase<TSelf>.IsCanonical(TSelf value) => true;
    static bool INumberBase<TSelf>.IsComplexNumber(TSelf value) => false;
    static bool INumberBase<TSelf>.IsEvenInteger(TSelf value) => double.IsEvenInteger(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsFinite(TSelf value) => double.IsFinite(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsImaginaryNumber(TSelf value) => false;
    static bool INumberBase<TSelf>.IsInfinity(TSelf value) => double.IsInfinity(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsInteger(TSelf value) => double.IsInteger(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsNaN(TSelf value) => double.IsNaN(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsNegative(TSelf value) => double.IsNegative(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsNegativeInfinity(TSelf value) => double.IsNegativeInfinity(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsNormal(TSelf value) => double.IsNormal(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsOddInteger(TSelf value) => double.IsOddInteger(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsPositive(TSelf value) => double.IsPositive(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsPositiveInfinity(TSelf value) => double.IsPositiveInfinity(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsRealNumber(TSelf value) => !double.IsNaN(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsSubnormal(TSelf value) => double.IsSubnormal(TSelf.PrimalOf(value));
    static bool INumberBase<TSelf>.IsZero(TSelf value) => TSelf.PrimalOf(value) == 0;

    // ---- magnitude comparisons (choose an operand by its primal; the chosen one keeps its derivatives)
    static TSelf INumberBase<TSelf>.MaxMagnitude(TSelf x, TSelf y) =>
        Pick(double.MaxMagnitude(TSelf.PrimalOf(x), TSelf.PrimalOf(y)), x, y);

    static TSelf INumberBase<TSelf>.MaxMagnitudeNumber(TSelf x, TSelf y) =>
        Pick(double.MaxMagnitudeNumber(TSelf.PrimalOf(x), TSelf.PrimalOf(y)), x, y);

    static TSelf INumberBase<TSelf>.MinMagnitude(TSelf x, TSelf y) =>
        Pick(double.MinMagnitude(TSelf.PrimalOf(x), TSelf.PrimalOf(y)), x, y);

    static TSelf INumberBase<TSelf>.MinMagnitudeNumber(TSelf x, TSelf y) =>
        Pick(double.MinMagnitudeNumber(TSelf.PrimalOf(x), TSelf.PrimalOf(y)), x, y);

    static TSelf INumber<TSelf>.MaxNumber(TSelf x, TSelf y) =>
        double.IsNaN(TSelf.PrimalOf(x)) ? y : double.IsNaN(TSelf.PrimalOf(y)) ? x : TSelf.Max(x, y);

    static TSelf INumber<TSelf>.MinNumber(TSelf x, TSelf y) =>
        double.IsNaN(TSelf.PrimalOf(x)) ? y : double.IsNaN(TSelf.PrimalOf(y)) ? x : TSelf.Min(x, y);

    static int INumber<TSelf>.Sign(TSelf value) => Math.Sign(TSelf.PrimalOf(value));

    private static TSelf Pick(double chosen, TSelf x, TSelf y) =>
        chosen.Equals(TSelf.PrimalOf(x)) ? x : chosen.Equals(TSelf.PrimalOf(y)) ? y : TSelf.Lift(chosen);

    // ---- operators with an obvious default -------------------------------------------------------
    static TSelf IUnaryPlusOperators<TSelf, TSelf>.operator +(TSelf value) => value;
    static TSelf IIncrementOperators<TSelf>.operator ++(TSelf value) => value + TSelf.Lift(1.0);
    static TSelf IDecrementOperators<TSelf>.operator --(TSelf value) => value - TSelf.Lift(1.0);

    /// <summary>Remainder a − b·trunc(a/b), so the derivative is da − trunc(a/b)·db.</summary>
    static TSelf IModulusOperators<TSelf, TSelf, TSelf>.operator %(TSelf left, TSelf right) =>
        left - (right * TSelf.Lift(Math.Truncate(TSelf.PrimalOf(left) / TSelf.PrimalOf(right))));

    // ---- derived elementary functions ---------------------------------------------------------
    static TSelf ITrigonometricFunctions<TSelf>.SinPi(TSelf x) => TSelf.Sin(x * TSelf.Lift(Math.PI));
    static TSelf ITrigonometricFunctions<TSelf>.CosPi(TSelf x) => TSelf.Cos(x * TSelf.Lift(Math.PI));
    static TSelf ITrigonometricFunctions<TSelf>.TanPi(TSelf x) => TSelf.Tan(x * TSelf.Lift(Math.PI));
    static TSelf ITrigonometricFunctions<TSelf>.AsinPi(TSelf x) => TSelf.Asin(x) / TSelf.Lift(Math.PI);
    static TSelf ITrigonometricFunctions<TSelf>.AcosPi(TSelf x) => TSelf.Acos(x) / TSelf.Lift(Math.PI);
    static TSelf ITrigonometricFunctions<TSelf>.AtanPi(TSelf x) => TSelf.Atan(x) / TSelf.Lift(Math.PI);
    static (TSelf Sin, TSelf Cos) ITrigonometricFunctions<TSelf>.SinCos(TSelf x) => (TSelf.Sin(x), TSelf.Cos(x));
    static (TSelf SinPi, TSelf CosPi) ITrigonometricFunctions<TSelf>.SinCosPi(TSelf x) => (TSelf.SinPi(x), TSelf.CosPi(x));
    static TSelf ITrigonometricFunctions<TSelf>.DegreesToRadians(TSelf degrees) => degrees * TSelf.Lift(Math.PI / 180);
    static TSelf ITrigonometricFunctions<TSelf>.RadiansToDegrees(TSelf radians) => radians * TSelf.Lift(180 / Math.PI);

    static TSelf IExponentialFunctions<TSelf>.Exp2(TSelf x) => TSelf.Exp(x * TSelf.Lift(Math.Log(2)));
    static TSelf IExponentialFunctions<TSelf>.Exp10(TSelf x) => TSelf.Exp(x * TSelf.Lift(Math.Log(10)));
    static TSelf IExponentialFunctions<TSelf>.ExpM1(TSelf x) => TSelf.Exp(x) - TSelf.Lift(1.0);
    static TSelf IExponentialFunctions<TSelf>.Exp2M1(TSelf x) => TSelf.Exp2(x) - TSelf.Lift(1.0);
    static TSelf IExponentialFunctions<TSelf>.Exp10M1(TSelf x) => TSelf.Exp10(x) - TSelf.Lift(1.0);

    static TSelf ILogarithmicFunctions<TSelf>.Log(TSelf x, TSelf newBase) => TSelf.Log(x) / TSelf.Log(newBase);
    static TSelf ILogarithmicFunctions<TSelf>.LogP1(TSelf x) => TSelf.Log(x + TSelf.Lift(1.0));
    static TSelf ILogarithmicFunctions<TSelf>.Log2P1(TSelf x) => TSelf.Log2(x + TSelf.Lift(1.0));
    static TSelf ILogarithmicFunctions<TSelf>.Log10P1(TSelf x) => TSelf.Log10(x + TSelf.Lift(1.0));

    static TSelf IRootFunctions<TSelf>.RootN(TSelf x, int n) => n switch
    {
        2 => TSelf.Sqrt(x),
        3 => TSelf.Cbrt(x),
        _ => TSelf.Pow(x, TSelf.Lift(1.0 / n)),
    };

    // ---- conversions: through the primal double -------------------------------------------------
    static bool INumberBase<TSelf>.TryConvertFromChecked<TOther>(TOther value, out TSelf result) => TryFrom(value, out result);
    static bool INumberBase<TSelf>.TryConvertFromSaturating<TOther>(TOther value, out TSelf result) => TryFrom(value, out result);
    static bool INumberBase<TSelf>.TryConvertFromTruncating<TOther>(TOther value, out TSelf result) => TryFrom(value, out result);
    static bool INumberBase<TSelf>.TryConvertToChecked<TOther>(TSelf value, out TOther result) => TryTo(value, out result);
    static bool INumberBase<TSelf>.TryConvertToSaturating<TOther>(TSelf value, out TOther result) => TryTo(value, out result);
    static bool INumberBase<TSelf>.TryConvertToTruncating<TOther>(TSelf value, out TOther result) => TryTo(value, out result);

    private static bool TryFrom<TOther>(TOther value, out TSelf result)
        where TOther : INumberBase<TOther>
    {
        // The typeof tests are JIT-time constants, so lifting a double costs no boxing.
        if (typeof(TOther) == typeof(double))
        {
            result = TSelf.Lift((double)(object)value);
            return true;
        }

        if (typeof(TOther) == typeof(TSelf))
        {
            result = (TSelf)(object)value;
            return true;
        }

        if (typeof(TOther).IsPrimitive || typeof(TOther) == typeof(decimal) || typeof(TOther) == typeof(Half)
            || typeof(TOther) == typeof(Int128) || typeof(TOther) == typeof(UInt128))
        {
            // Built-in numbers (int, float, decimal, …): double converts them without boxing.
            result = TSelf.Lift(double.CreateTruncating(value));
            return true;
        }

        if (value is IPrimal primal)
        {
            // Another AdVerify number: only its primal value carries over.
            result = TSelf.Lift(primal.Primal);
            return true;
        }

        result = default!;
        return false;
    }

    private static bool TryTo<TOther>(TSelf value, out TOther result)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(double))
        {
            result = (TOther)(object)TSelf.PrimalOf(value);
            return true;
        }

        if (typeof(TOther) == typeof(TSelf))
        {
            result = (TOther)(object)value;
            return true;
        }

        result = TOther.CreateTruncating(TSelf.PrimalOf(value));
        return true;
    }

    // ---- parsing: a parsed number is a constant -------------------------------------------------
    static TSelf INumberBase<TSelf>.Parse(string s, NumberStyles style, IFormatProvider? provider) =>
        TSelf.Lift(double.Parse(s, style, provider));

    static TSelf INumberBase<TSelf>.Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) =>
        TSelf.Lift(double.Parse(s, style, provider));

    static TSelf IParsable<TSelf>.Parse(string s, IFormatProvider? provider) => TSelf.Lift(double.Parse(s, provider));

    static TSelf ISpanParsable<TSelf>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => TSelf.Lift(double.Parse(s, provider));

    static bool INumberBase<TSelf>.TryParse(string? s, NumberStyles style, IFormatProvider? provider, out TSelf result) =>
        Lifted(double.TryParse(s, style, provider, out var d), d, out result);

    static bool INumberBase<TSelf>.TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out TSelf result) =>
        Lifted(double.TryParse(s, style, provider, out var d), d, out result);

    static bool IParsable<TSelf>.TryParse(string? s, IFormatProvider? provider, out TSelf result) =>
        Lifted(double.TryParse(s, provider, out var d), d, out result);

    static bool ISpanParsable<TSelf>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out TSelf result) =>
        Lifted(double.TryParse(s, provider, out var d), d, out result);

    private static bool Lifted(bool ok, double value, out TSelf result)
    {
        result = ok ? TSelf.Lift(value) : default!;
        return ok;
    }

    // ---- formatting and ordering of boxed values (primal) ------------------------------------------
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) =>
        TSelf.PrimalOf((TSelf)this).ToString(format, formatProvider);

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TSelf.PrimalOf((TSelf)this).TryFormat(destination, out charsWritten, format, provider);

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        TSelf other => TSelf.PrimalOf((TSelf)this).CompareTo(TSelf.PrimalOf(other)),
        _ => throw new ArgumentException($"Object must be of type {typeof(TSelf).Name}.", nameof(obj)),
    };

    int IComparable<TSelf>.CompareTo(TSelf? other) =>
        other is null ? 1 : TSelf.PrimalOf((TSelf)this).CompareTo(TSelf.PrimalOf(other));

    bool IEquatable<TSelf>.Equals(TSelf? other) =>
        other is not null && TSelf.PrimalOf((TSelf)this).Equals(TSelf.PrimalOf(other));
}

/// <summary>Non-generic access to the primal value of any AdVerify number (used for conversions between number types).</summary>
public interface IPrimal
{
    /// <summary>The primal (ordinary double) value, with every derivative part dropped.</summary>
    double Primal { get; }
}
