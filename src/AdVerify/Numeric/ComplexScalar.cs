using System.Globalization;
using System.Numerics;
using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Numeric;

/// <summary>
/// The complex-step scalar: a complex number whose imaginary part carries a perturbation of
/// size <see cref="ComplexStep.Step"/>, so running a definition on it gives f′(x) ≈ Im f(x + ih)/h
/// with no subtraction and no derivative rule. Comparisons and branches look at the real part
/// (the standard complex-step convention), so code with branches runs; non-analytic functions
/// (abs, sign, min, max) and user primitives have no complex extension and give NaN — the
/// verifier leaves complex step out there and says why.
/// </summary>
public readonly struct ComplexScalar : IAdScalar<ComplexScalar>
{
    /// <summary>Creates a complex-step number.</summary>
    /// <param name="value">The complex value.</param>
    public ComplexScalar(Complex value) => Value = value;

    /// <summary>The complex value.</summary>
    public Complex Value { get; }

    private static readonly ComplexScalar NaNValue = new(new Complex(double.NaN, double.NaN));

    /// <inheritdoc />
    public static double PrimalOf(ComplexScalar value) => value.Value.Real;

    /// <inheritdoc />
    public static ComplexScalar Lift(double value) => new(new Complex(value, 0));

    /// <inheritdoc />
    public static ComplexScalar Apply(FunctionInfo function, ComplexScalar x) => Call(function, [x.Value]);

    /// <inheritdoc />
    public static ComplexScalar Apply(FunctionInfo function, ComplexScalar x, ComplexScalar y) => Call(function, [x.Value, y.Value]);

    /// <summary>Any registry function on an argument array (a variadic one such as logsumexp) by its complex form.</summary><param name="function">The function.</param><param name="args">Arguments.</param><returns>f(args).</returns>
    public static ComplexScalar Apply(FunctionInfo function, ComplexScalar[] args) => Call(function, Array.ConvertAll(args, a => a.Value));

    private static ComplexScalar Call(FunctionInfo function, Complex[] args)
    {
        if (Array.TrueForAll(args, a => a.Imaginary == 0))
        {
            return Lift(function.Evaluate(args.Select(a => a.Real).ToArray()));
        }

        var real = args.Select(a => a.Real).ToArray();
        return !function.InDomain(real) || ComplexEvaluator.ApplyFunction(function, args) is not { } v ? NaNValue : new(v);
    }

    /// <summary>The constant 0.</summary>
    public static ComplexScalar Zero => Lift(0.0);

    /// <summary>The constant 1.</summary>
    public static ComplexScalar One => Lift(1.0);

    /// <summary>Sum.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a + b.</returns>
    public static ComplexScalar operator +(ComplexScalar a, ComplexScalar b) => new(a.Value + b.Value);
    /// <summary>Difference.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a − b.</returns>
    public static ComplexScalar operator -(ComplexScalar a, ComplexScalar b) => new(a.Value - b.Value);
    /// <summary>Product.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a · b.</returns>
    public static ComplexScalar operator *(ComplexScalar a, ComplexScalar b) => new(a.Value * b.Value);
    /// <summary>Quotient.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a / b.</returns>
    public static ComplexScalar operator /(ComplexScalar a, ComplexScalar b) => new(a.Value / b.Value);
    /// <summary>Negation.</summary><param name="a">Operand.</param><returns>−a.</returns>
    public static ComplexScalar operator -(ComplexScalar a) => new(-a.Value);

    /// <summary>Equality of real parts.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the real parts are equal.</returns>
    public static bool operator ==(ComplexScalar a, ComplexScalar b) => a.Value.Real == b.Value.Real;
    /// <summary>Inequality of real parts.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the real parts differ.</returns>
    public static bool operator !=(ComplexScalar a, ComplexScalar b) => a.Value.Real != b.Value.Real;
    /// <summary>Order of real parts.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a &lt; b.</returns>
    public static bool operator <(ComplexScalar a, ComplexScalar b) => a.Value.Real < b.Value.Real;
    /// <summary>Order of real parts.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a &gt; b.</returns>
    public static bool operator >(ComplexScalar a, ComplexScalar b) => a.Value.Real > b.Value.Real;
    /// <summary>Order of real parts.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a ≤ b.</returns>
    public static bool operator <=(ComplexScalar a, ComplexScalar b) => a.Value.Real <= b.Value.Real;
    /// <summary>Order of real parts.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a ≥ b.</returns>
    public static bool operator >=(ComplexScalar a, ComplexScalar b) => a.Value.Real >= b.Value.Real;

    /// <summary>Square root.</summary><param name="x">Argument.</param><returns>√x.</returns>
    public static ComplexScalar Sqrt(ComplexScalar x) => Apply(Functions.Sqrt, x);
    /// <summary>Cube root.</summary><param name="x">Argument.</param><returns>∛x.</returns>
    public static ComplexScalar Cbrt(ComplexScalar x) => Apply(Functions.Cbrt, x);
    /// <summary>Exponential.</summary><param name="x">Argument.</param><returns>eˣ.</returns>
    public static ComplexScalar Exp(ComplexScalar x) => Apply(Functions.Exp, x);
    /// <summary>Natural logarithm.</summary><param name="x">Argument.</param><returns>ln x.</returns>
    public static ComplexScalar Log(ComplexScalar x) => Apply(Functions.Log, x);
    /// <summary>Base-10 logarithm.</summary><param name="x">Argument.</param><returns>log₁₀ x.</returns>
    public static ComplexScalar Log10(ComplexScalar x) => Apply(Functions.Log10, x);
    /// <summary>Base-2 logarithm.</summary><param name="x">Argument.</param><returns>log₂ x.</returns>
    public static ComplexScalar Log2(ComplexScalar x) => Apply(Functions.Log2, x);
    /// <summary>Sine.</summary><param name="x">Argument.</param><returns>sin x.</returns>
    public static ComplexScalar Sin(ComplexScalar x) => Apply(Functions.Sin, x);
    /// <summary>Cosine.</summary><param name="x">Argument.</param><returns>cos x.</returns>
    public static ComplexScalar Cos(ComplexScalar x) => Apply(Functions.Cos, x);
    /// <summary>Tangent.</summary><param name="x">Argument.</param><returns>tan x.</returns>
    public static ComplexScalar Tan(ComplexScalar x) => Apply(Functions.Tan, x);
    /// <summary>Inverse sine.</summary><param name="x">Argument.</param><returns>asin x.</returns>
    public static ComplexScalar Asin(ComplexScalar x) => Apply(Functions.Asin, x);
    /// <summary>Inverse cosine.</summary><param name="x">Argument.</param><returns>acos x.</returns>
    public static ComplexScalar Acos(ComplexScalar x) => Apply(Functions.Acos, x);
    /// <summary>Inverse tangent.</summary><param name="x">Argument.</param><returns>atan x.</returns>
    public static ComplexScalar Atan(ComplexScalar x) => Apply(Functions.Atan, x);
    /// <summary>Hyperbolic sine.</summary><param name="x">Argument.</param><returns>sinh x.</returns>
    public static ComplexScalar Sinh(ComplexScalar x) => Apply(Functions.Sinh, x);
    /// <summary>Hyperbolic cosine.</summary><param name="x">Argument.</param><returns>cosh x.</returns>
    public static ComplexScalar Cosh(ComplexScalar x) => Apply(Functions.Cosh, x);
    /// <summary>Hyperbolic tangent.</summary><param name="x">Argument.</param><returns>tanh x.</returns>
    public static ComplexScalar Tanh(ComplexScalar x) => Apply(Functions.Tanh, x);
    /// <summary>Inverse hyperbolic sine.</summary><param name="x">Argument.</param><returns>asinh x.</returns>
    public static ComplexScalar Asinh(ComplexScalar x) => Apply(Functions.Asinh, x);
    /// <summary>Inverse hyperbolic cosine.</summary><param name="x">Argument.</param><returns>acosh x.</returns>
    public static ComplexScalar Acosh(ComplexScalar x) => Apply(Functions.Acosh, x);
    /// <summary>Inverse hyperbolic tangent.</summary><param name="x">Argument.</param><returns>atanh x.</returns>
    public static ComplexScalar Atanh(ComplexScalar x) => Apply(Functions.Atanh, x);
    /// <summary>Absolute value (not analytic: NaN off the real axis).</summary><param name="x">Argument.</param><returns>|x|.</returns>
    public static ComplexScalar Abs(ComplexScalar x) => Apply(Functions.Abs, x);
    /// <summary>Two-argument arctangent.</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>atan2(y, x).</returns>
    public static ComplexScalar Atan2(ComplexScalar y, ComplexScalar x) => Apply(Functions.Atan2, y, x);
    /// <summary>Euclidean length.</summary><param name="x">First leg.</param><param name="y">Second leg.</param><returns>hypot(x, y).</returns>
    public static ComplexScalar Hypot(ComplexScalar x, ComplexScalar y) => Apply(Functions.Hypot, x, y);
    /// <summary>Minimum (not analytic: NaN off the real axis).</summary><param name="x">First.</param><param name="y">Second.</param><returns>min(x, y).</returns>
    public static ComplexScalar Min(ComplexScalar x, ComplexScalar y) => Apply(Functions.Min, x, y);
    /// <summary>Maximum (not analytic: NaN off the real axis).</summary><param name="x">First.</param><param name="y">Second.</param><returns>max(x, y).</returns>
    public static ComplexScalar Max(ComplexScalar x, ComplexScalar y) => Apply(Functions.Max, x, y);

    /// <summary>Power with a constant exponent: integer powers by repeated products, others through the logarithm (real base &gt; 0).</summary><param name="x">Base.</param><param name="c">Exponent.</param><returns>xᶜ.</returns>
    public static ComplexScalar Pow(ComplexScalar x, double c)
    {
        if (double.IsInteger(c) && Math.Abs(c) < 1e15)
        {
            return new(ComplexMath.PowInteger(x.Value, (long)c));
        }

        if (x.Value.Imaginary == 0)
        {
            return Lift(Math.Pow(x.Value.Real, c));
        }

        return x.Value.Real > 0 ? new(ComplexMath.Pow(x.Value, new Complex(c, 0))) : NaNValue;
    }

    /// <summary>Power.</summary><param name="x">Base.</param><param name="y">Exponent.</param><returns>xʸ.</returns>
    public static ComplexScalar Pow(ComplexScalar x, ComplexScalar y)
    {
        if (y.Value.Imaginary == 0)
        {
            return Pow(x, y.Value.Real);
        }

        if (x.Value.Imaginary == 0 && x.Value.Real == 0)
        {
            return y.Value.Real > 0 ? Zero : NaNValue;
        }

        return x.Value.Real > 0 ? new(ComplexMath.Pow(x.Value, y.Value)) : NaNValue;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ComplexScalar other && other.Value.Equals(Value);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
