using System.Globalization;
using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Taylor;

/// <summary>
/// A univariate Taylor polynomial: the coefficients c₀, c₁, …, c_K−1 of a(t) = Σ cₖ tᵏ, so cₖ
/// is the k-th derivative along the seeded direction divided by k! (as JAX's <c>jet</c> and
/// TaylorDiff.jl propagate them). One pass through a function computes all K coefficients;
/// every operation follows <see cref="TaylorRules"/>. Constants have one coefficient and
/// broadcast against longer series. It implements the same generic-math contract as the other
/// AD numbers, so a function written once over <see cref="System.Numerics.IFloatingPointIeee754{TSelf}"/>
/// runs on it (use <see cref="TaylorMode"/> for the facade).
/// </summary>
public readonly struct TaylorNumber : IAdScalar<TaylorNumber>
{
    private readonly double[]? _c;

    private TaylorNumber(double[] coefficients) => _c = coefficients;

    /// <summary>The number of coefficients K (the highest order is K − 1).</summary>
    public int Length => _c?.Length ?? 1;

    /// <summary>The value c₀.</summary>
    public double Value => _c is null ? 0 : _c[0];

    /// <summary>The coefficient of tᵏ (0 beyond the stored length).</summary>
    /// <param name="k">The power.</param>
    /// <returns>cₖ.</returns>
    public double this[int k] => _c is not null && k < _c.Length ? _c[k] : 0;

    /// <summary>True when every coefficient past the value is zero (the series does not vary along the direction).</summary>
    public bool IsConstant
    {
        get
        {
            for (var k = 1; k < Length; k++)
            {
                if (this[k] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The coefficients c₀ … c_K−1.</summary>
    public ReadOnlySpan<double> Coefficients => _c ?? [0.0];

    /// <summary>The derivatives along the direction: k!·cₖ for k = 0 … K − 1.</summary>
    public double[] Derivatives
    {
        get
        {
            var d = new double[Length];
            var factorial = 1.0;
            for (var k = 0; k < d.Length; k++)
            {
                factorial *= Math.Max(k, 1);
                d[k] = this[k] * factorial;
            }

            return d;
        }
    }

    /// <summary>A series from its coefficients.</summary>
    /// <param name="coefficients">c₀, c₁, … (at least one).</param>
    /// <returns>The series.</returns>
    public static TaylorNumber FromCoefficients(params double[] coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Length == 0)
        {
            throw new ArgumentException("A Taylor series needs at least one coefficient.", nameof(coefficients));
        }

        return new((double[])coefficients.Clone());
    }

    /// <summary>The input x + t·direction to order <paramref name="order"/>: coefficients x, direction, 0, ….</summary>
    /// <param name="x">The point.</param>
    /// <param name="direction">The direction's component.</param>
    /// <param name="order">The highest derivative wanted (K = order + 1 coefficients).</param>
    /// <returns>The seeded series.</returns>
    public static TaylorNumber Variable(double x, double direction, int order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        var c = new double[order + 1];
        c[0] = x;
        if (order > 0)
        {
            c[1] = direction;
        }

        return new(c);
    }

    /// <summary>A constant (one coefficient).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The constant.</returns>
    public static TaylorNumber Constant(double value) => new([value]);

    /// <summary>A constant.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator TaylorNumber(double value) => Constant(value);

    /// <summary>The first <paramref name="length"/> coefficients.</summary>
    /// <param name="length">How many to keep (at least 1).</param>
    /// <returns>The truncated series.</returns>
    public TaylorNumber Truncate(int length)
    {
        length = Math.Max(1, Math.Min(length, Length));
        return length == Length ? this : new(Coefficients[..length].ToArray());
    }

    /// <summary>The series of d/dt: coefficients (k + 1)·c₍ₖ₊₁₎, one fewer (a constant's derivative is the constant 0).</summary>
    /// <returns>The derivative series.</returns>
    public TaylorNumber Derivative()
    {
        if (Length == 1)
        {
            return Constant(0);
        }

        var d = new double[Length - 1];
        for (var k = 0; k < d.Length; k++)
        {
            d[k] = (k + 1) * this[k + 1];
        }

        return new(d);
    }

    /// <summary>The series with value <paramref name="value"/> whose derivative series is <paramref name="derivative"/>: fₖ = d₍ₖ₋₁₎/k.</summary>
    /// <param name="value">f₀.</param>
    /// <param name="derivative">The series of df/dt (at least length − 1 coefficients are read).</param>
    /// <param name="length">The number of coefficients of the result.</param>
    /// <returns>The integrated series.</returns>
    public static TaylorNumber FromDerivative(double value, TaylorNumber derivative, int length)
    {
        var c = new double[length];
        c[0] = value;
        for (var k = 1; k < length; k++)
        {
            c[k] = derivative[k - 1] / k;
        }

        return new(c);
    }

    /// <summary>A series built coefficient by coefficient: c₀ given, cₖ = next(c so far, k).</summary>
    internal TaylorNumber Recurrence(double value, Func<double[], int, double> next)
    {
        var c = new double[Length];
        c[0] = value;
        for (var k = 1; k < c.Length; k++)
        {
            c[k] = next(c, k);
        }

        return new(c);
    }

    // ---- IAdScalar plumbing ------------------------------------------------------------------------
    /// <inheritdoc />
    public static double PrimalOf(TaylorNumber value) => value.Value;

    /// <inheritdoc />
    public static TaylorNumber Lift(double value) => Constant(value);

    /// <summary>The constant 0.</summary>
    public static TaylorNumber Zero => Constant(0);

    /// <summary>The constant 1.</summary>
    public static TaylorNumber One => Constant(1);

    // ---- arithmetic ----------------------------------------------------------------------------------
    /// <summary>Sum.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a + b.</returns>
    public static TaylorNumber operator +(TaylorNumber a, TaylorNumber b) => Zip(a, b, (x, y) => x + y);
    /// <summary>Difference.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a − b.</returns>
    public static TaylorNumber operator -(TaylorNumber a, TaylorNumber b) => Zip(a, b, (x, y) => x - y);
    /// <summary>Negation.</summary><param name="a">Operand.</param><returns>−a.</returns>
    public static TaylorNumber operator -(TaylorNumber a) => Zip(a, Zero, (x, _) => -x);
    /// <summary>Product (Cauchy): cₖ = Σ aᵢ bₖ₋ᵢ.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a · b.</returns>
    public static TaylorNumber operator *(TaylorNumber a, TaylorNumber b)
    {
        var c = new double[Math.Max(a.Length, b.Length)];
        for (var k = 0; k < c.Length; k++)
        {
            var s = 0.0;
            for (var i = 0; i <= k; i++)
            {
                s += a[i] * b[k - i];
            }

            c[k] = s;
        }

        return new(c);
    }

    /// <summary>Quotient: qₖ = (aₖ − Σᵢ₌₁ bᵢ qₖ₋ᵢ)/b₀.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a / b.</returns>
    public static TaylorNumber operator /(TaylorNumber a, TaylorNumber b)
    {
        var q = new double[Math.Max(a.Length, b.Length)];
        for (var k = 0; k < q.Length; k++)
        {
            var s = a[k];
            for (var i = 1; i <= k; i++)
            {
                s -= b[i] * q[k - i];
            }

            q[k] = s / b[0];
        }

        return new(q);
    }

    // ---- comparisons (on values, so branches follow the primal computation) ---------------------------
    /// <summary>Value equality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values are equal.</returns>
    public static bool operator ==(TaylorNumber a, TaylorNumber b) => a.Value == b.Value;
    /// <summary>Value inequality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values differ.</returns>
    public static bool operator !=(TaylorNumber a, TaylorNumber b) => a.Value != b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &lt; b.</returns>
    public static bool operator <(TaylorNumber a, TaylorNumber b) => a.Value < b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &gt; b.</returns>
    public static bool operator >(TaylorNumber a, TaylorNumber b) => a.Value > b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≤ b.</returns>
    public static bool operator <=(TaylorNumber a, TaylorNumber b) => a.Value <= b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≥ b.</returns>
    public static bool operator >=(TaylorNumber a, TaylorNumber b) => a.Value >= b.Value;

    // ---- elementary functions: each is one rule of the Taylor card ---------------------------------------
    /// <summary>Square root.</summary><param name="x">Argument.</param><returns>√x.</returns>
    public static TaylorNumber Sqrt(TaylorNumber x) => TaylorRules.Sqrt(x);
    /// <summary>Cube root.</summary><param name="x">Argument.</param><returns>∛x.</returns>
    public static TaylorNumber Cbrt(TaylorNumber x) => TaylorRules.Cbrt(x);
    /// <summary>Exponential.</summary><param name="x">Argument.</param><returns>eˣ.</returns>
    public static TaylorNumber Exp(TaylorNumber x) => TaylorRules.Exp(x);
    /// <summary>Natural logarithm.</summary><param name="x">Argument.</param><returns>ln x.</returns>
    public static TaylorNumber Log(TaylorNumber x) => TaylorRules.Log(x);
    /// <summary>Base-10 logarithm.</summary><param name="x">Argument.</param><returns>log₁₀ x.</returns>
    public static TaylorNumber Log10(TaylorNumber x) => TaylorRules.Log10(x);
    /// <summary>Base-2 logarithm.</summary><param name="x">Argument.</param><returns>log₂ x.</returns>
    public static TaylorNumber Log2(TaylorNumber x) => TaylorRules.Log2(x);
    /// <summary>Sine.</summary><param name="x">Argument.</param><returns>sin x.</returns>
    public static TaylorNumber Sin(TaylorNumber x) => TaylorRules.Sin(x);
    /// <summary>Cosine.</summary><param name="x">Argument.</param><returns>cos x.</returns>
    public static TaylorNumber Cos(TaylorNumber x) => TaylorRules.Cos(x);
    /// <summary>Tangent.</summary><param name="x">Argument.</param><returns>tan x.</returns>
    public static TaylorNumber Tan(TaylorNumber x) => TaylorRules.Tan(x);
    /// <summary>Secant.</summary><param name="x">Argument.</param><returns>sec x.</returns>
    public static TaylorNumber Sec(TaylorNumber x) => TaylorRules.Sec(x);
    /// <summary>Cosecant.</summary><param name="x">Argument.</param><returns>csc x.</returns>
    public static TaylorNumber Csc(TaylorNumber x) => TaylorRules.Csc(x);
    /// <summary>Cotangent.</summary><param name="x">Argument.</param><returns>cot x.</returns>
    public static TaylorNumber Cot(TaylorNumber x) => TaylorRules.Cot(x);
    /// <summary>Inverse sine.</summary><param name="x">Argument.</param><returns>asin x.</returns>
    public static TaylorNumber Asin(TaylorNumber x) => TaylorRules.Asin(x);
    /// <summary>Inverse cosine.</summary><param name="x">Argument.</param><returns>acos x.</returns>
    public static TaylorNumber Acos(TaylorNumber x) => TaylorRules.Acos(x);
    /// <summary>Inverse tangent.</summary><param name="x">Argument.</param><returns>atan x.</returns>
    public static TaylorNumber Atan(TaylorNumber x) => TaylorRules.Atan(x);
    /// <summary>Hyperbolic sine.</summary><param name="x">Argument.</param><returns>sinh x.</returns>
    public static TaylorNumber Sinh(TaylorNumber x) => TaylorRules.Sinh(x);
    /// <summary>Hyperbolic cosine.</summary><param name="x">Argument.</param><returns>cosh x.</returns>
    public static TaylorNumber Cosh(TaylorNumber x) => TaylorRules.Cosh(x);
    /// <summary>Hyperbolic tangent.</summary><param name="x">Argument.</param><returns>tanh x.</returns>
    public static TaylorNumber Tanh(TaylorNumber x) => TaylorRules.Tanh(x);
    /// <summary>Inverse hyperbolic sine.</summary><param name="x">Argument.</param><returns>asinh x.</returns>
    public static TaylorNumber Asinh(TaylorNumber x) => TaylorRules.Asinh(x);
    /// <summary>Inverse hyperbolic cosine.</summary><param name="x">Argument.</param><returns>acosh x.</returns>
    public static TaylorNumber Acosh(TaylorNumber x) => TaylorRules.Acosh(x);
    /// <summary>Inverse hyperbolic tangent.</summary><param name="x">Argument.</param><returns>atanh x.</returns>
    public static TaylorNumber Atanh(TaylorNumber x) => TaylorRules.Atanh(x);
    /// <summary>Absolute value.</summary><param name="x">Argument.</param><returns>|x|.</returns>
    public static TaylorNumber Abs(TaylorNumber x) => TaylorRules.Abs(x);
    /// <summary>Sign as a number.</summary><param name="x">Argument.</param><returns>sign x.</returns>
    public static TaylorNumber Sign(TaylorNumber x) => TaylorRules.Sign(x);
    /// <summary>Error function.</summary><param name="x">Argument.</param><returns>erf x.</returns>
    public static TaylorNumber Erf(TaylorNumber x) => TaylorRules.Erf(x);
    /// <summary>Complementary error function.</summary><param name="x">Argument.</param><returns>erfc x.</returns>
    public static TaylorNumber Erfc(TaylorNumber x) => TaylorRules.Erfc(x);
    /// <summary>Inverse error function.</summary><param name="x">Argument.</param><returns>erfinv x.</returns>
    public static TaylorNumber ErfInv(TaylorNumber x) => TaylorRules.ErfInv(x);
    /// <summary>Gamma function.</summary><param name="x">Argument.</param><returns>Γ(x).</returns>
    public static TaylorNumber Gamma(TaylorNumber x) => TaylorRules.Gamma(x);
    /// <summary>Log-gamma.</summary><param name="x">Argument.</param><returns>log |Γ(x)|.</returns>
    public static TaylorNumber LogGamma(TaylorNumber x) => TaylorRules.LogGamma(x);
    /// <summary>Digamma.</summary><param name="x">Argument.</param><returns>ψ(x).</returns>
    public static TaylorNumber Digamma(TaylorNumber x) => TaylorRules.Digamma(x);
    /// <summary>Polygamma of integer order.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>ψ⁽ⁿ⁾(x).</returns>
    public static TaylorNumber Polygamma(TaylorNumber n, TaylorNumber x) => TaylorRules.Polygamma(n, x);
    /// <summary>Bessel J of integer order.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Jₙ(x).</returns>
    public static TaylorNumber BesselJ(TaylorNumber n, TaylorNumber x) => TaylorRules.BesselJ(n, x);
    /// <summary>Bessel Y of integer order.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Yₙ(x).</returns>
    public static TaylorNumber BesselY(TaylorNumber n, TaylorNumber x) => TaylorRules.BesselY(n, x);
    /// <summary>Modified Bessel I of integer order.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Iₙ(x).</returns>
    public static TaylorNumber BesselI(TaylorNumber n, TaylorNumber x) => TaylorRules.BesselI(n, x);
    /// <summary>Modified Bessel K of integer order.</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Kₙ(x).</returns>
    public static TaylorNumber BesselK(TaylorNumber n, TaylorNumber x) => TaylorRules.BesselK(n, x);
    /// <summary>Airy Ai.</summary><param name="x">Argument.</param><returns>Ai(x).</returns>
    public static TaylorNumber AiryAi(TaylorNumber x) => TaylorRules.AiryAi(x);
    /// <summary>Airy Bi.</summary><param name="x">Argument.</param><returns>Bi(x).</returns>
    public static TaylorNumber AiryBi(TaylorNumber x) => TaylorRules.AiryBi(x);
    /// <summary>Derivative of Airy Ai.</summary><param name="x">Argument.</param><returns>Ai′(x).</returns>
    public static TaylorNumber AiryAiPrime(TaylorNumber x) => TaylorRules.AiryAiPrime(x);
    /// <summary>Derivative of Airy Bi.</summary><param name="x">Argument.</param><returns>Bi′(x).</returns>
    public static TaylorNumber AiryBiPrime(TaylorNumber x) => TaylorRules.AiryBiPrime(x);
    /// <summary>Logistic sigmoid.</summary><param name="x">Argument.</param><returns>σ(x).</returns>
    public static TaylorNumber Sigmoid(TaylorNumber x) => TaylorRules.Sigmoid(x);
    /// <summary>Softplus.</summary><param name="x">Argument.</param><returns>softplus x.</returns>
    public static TaylorNumber Softplus(TaylorNumber x) => TaylorRules.Softplus(x);
    /// <summary>Power with a constant exponent.</summary><param name="x">Base.</param><param name="c">Exponent.</param><returns>xᶜ.</returns>
    public static TaylorNumber Pow(TaylorNumber x, double c) => TaylorRules.Pow(x, c);
    /// <summary>Power.</summary><param name="x">Base.</param><param name="y">Exponent.</param><returns>xʸ.</returns>
    public static TaylorNumber Pow(TaylorNumber x, TaylorNumber y) => TaylorRules.Pow(x, y);
    /// <summary>Logarithm to the base b.</summary><param name="b">Base.</param><param name="x">Argument.</param><returns>log_b x.</returns>
    public static TaylorNumber LogBase(TaylorNumber b, TaylorNumber x) => TaylorRules.LogBase(b, x);
    /// <summary>Beta function.</summary><param name="a">First.</param><param name="b">Second.</param><returns>B(a, b).</returns>
    public static TaylorNumber Beta(TaylorNumber a, TaylorNumber b) => TaylorRules.Beta(a, b);
    /// <summary>Two-argument arctangent.</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>atan2(y, x).</returns>
    public static TaylorNumber Atan2(TaylorNumber y, TaylorNumber x) => TaylorRules.Atan2(y, x);
    /// <summary>Euclidean length.</summary><param name="x">First leg.</param><param name="y">Second leg.</param><returns>√(x² + y²).</returns>
    public static TaylorNumber Hypot(TaylorNumber x, TaylorNumber y) => TaylorRules.Hypot(x, y);
    /// <summary>Minimum.</summary><param name="x">First.</param><param name="y">Second.</param><returns>min(x, y).</returns>
    public static TaylorNumber Min(TaylorNumber x, TaylorNumber y) => TaylorRules.Min(x, y);
    /// <summary>Maximum.</summary><param name="x">First.</param><param name="y">Second.</param><returns>max(x, y).</returns>
    public static TaylorNumber Max(TaylorNumber x, TaylorNumber y) => TaylorRules.Max(x, y);
    /// <summary>log Σ e^(xᵢ).</summary><param name="x">Arguments.</param><returns>logsumexp(x).</returns>
    public static TaylorNumber LogSumExp(params TaylorNumber[] x) => TaylorRules.LogSumExp(x);

    /// <summary>Any one-argument registry function: a built-in by the Taylor card; a user primitive through its registered derivative.</summary><param name="function">The function.</param><param name="x">Argument.</param><returns>f(x).</returns>
    public static TaylorNumber Apply(FunctionInfo function, TaylorNumber x) =>
        function.Rule is null ? TaylorRules.Table.Unary<TaylorNumber>(function)(x)
            : x.Length == 1 ? Constant(function.Evaluate(x.Value))
            : FromDerivative(function.Evaluate(x.Value), Primitives.Partial(function, 0, x.Truncate(x.Length - 1), x.Truncate(x.Length - 1)) * x.Derivative(), x.Length);

    /// <summary>Any two-argument registry function: a built-in by the Taylor card; a user primitive through its registered partials.</summary><param name="function">The function.</param><param name="x">First argument.</param><param name="y">Second argument.</param><returns>f(x, y).</returns>
    public static TaylorNumber Apply(FunctionInfo function, TaylorNumber x, TaylorNumber y)
    {
        if (function.Rule is null)
        {
            return TaylorRules.Table.Binary<TaylorNumber>(function)(x, y);
        }

        var length = Math.Max(x.Length, y.Length);
        var value = function.Evaluate(x.Value, y.Value);
        if (length == 1)
        {
            return Constant(value);
        }

        var (u, v) = (x.Truncate(length - 1), y.Truncate(length - 1));
        var d = (Primitives.Partial(function, 0, u, v) * x.Derivative()) + (Primitives.Partial(function, 1, u, v) * y.Derivative());
        return FromDerivative(value, d, length);
    }

    /// <summary>Any registry function on an argument array (logsumexp, or another by its arity).</summary><param name="function">The function.</param><param name="args">Arguments.</param><returns>f(args).</returns>
    public static TaylorNumber Apply(FunctionInfo function, TaylorNumber[] args) =>
        function.IsVariadic ? TaylorRules.Table.Nary<TaylorNumber>(function)(args) : FunctionBinder.ApplyAll(function, args);

    // ---- object members --------------------------------------------------------------------------------
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TaylorNumber other && this == other;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(" + ", Coefficients.ToArray().Select((c, k) => k == 0 ? c.ToString("G6", CultureInfo.InvariantCulture) : $"{c.ToString("G6", CultureInfo.InvariantCulture)}t^{k}"));

    private static TaylorNumber Zip(TaylorNumber a, TaylorNumber b, Func<double, double, double> op)
    {
        var c = new double[Math.Max(a.Length, b.Length)];
        for (var k = 0; k < c.Length; k++)
        {
            c[k] = op(a[k], b[k]);
        }

        return new(c);
    }
}
