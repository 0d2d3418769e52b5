using System.Numerics;
using System.Runtime.CompilerServices;
using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Forward;

/// <summary>
/// A forward-mode dual number: a value and one tangent (directional derivative), both of the
/// inner scalar type <typeparamref name="T"/>. <c>Dual&lt;double&gt;</c> is a plain pair of
/// doubles (the JIT specializes the struct); nesting by type (<c>Dual&lt;Dual&lt;double&gt;&gt;</c>)
/// gives higher derivatives, and because each nesting level is a distinct type, perturbations
/// of different levels cannot be confused. Every operation follows <see cref="ForwardRules{T}"/>.
/// </summary>
/// <typeparam name="T">The inner scalar: double or another AdVerify number type.</typeparam>
public readonly struct Dual<T> : IAdScalar<Dual<T>>
    where T : INumber<T>, ITrigonometricFunctions<T>, IHyperbolicFunctions<T>, IExponentialFunctions<T>,
        ILogarithmicFunctions<T>, IPowerFunctions<T>, IRootFunctions<T>
{
    /// <summary>Creates a dual number.</summary>
    /// <param name="value">The value.</param>
    /// <param name="tangent">The tangent (derivative along the seeded direction).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Dual(T value, T tangent)
    {
        Value = value;
        Tangent = tangent;
    }

    /// <summary>The value.</summary>
    public T Value { [MethodImpl(MethodImplOptions.AggressiveInlining)] get; }

    /// <summary>The tangent: the derivative of the value along the seeded direction.</summary>
    public T Tangent { [MethodImpl(MethodImplOptions.AggressiveInlining)] get; }

    /// <summary>A variable: the given value with tangent 1.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The seeded dual.</returns>
    public static Dual<T> Variable(T value) => new(value, T.One);

    /// <summary>A constant: the given value with tangent 0.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The constant dual.</returns>
    public static Dual<T> Constant(T value) => new(value, T.Zero);

    /// <summary>Lifts an inner-scalar value to a constant dual, so numbers of different nesting levels mix.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Dual<T>(T value) => new(value, T.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T L(double c) => Real.Lift<T>(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> Chain((T Value, T Slope) rule, Dual<T> a) => new(rule.Value, Times(rule.Slope, a.Tangent));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> Chain((T Value, T Dx, T Dy) rule, Dual<T> a, Dual<T> b) =>
        new(rule.Value, Times(rule.Dx, a.Tangent) + Times(rule.Dy, b.Tangent));

    /// <summary>
    /// slope · tangent, where a tangent of exactly 0 (the argument does not depend on the seed) gives 0
    /// even if the slope is infinite: asin(1) or 0^y inside a function is a constant there, not NaN.
    /// (For nested scalars the product is formed as is: their tangents carry derivatives of their own.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Times(T slope, T tangent)
    {
        var t = slope * tangent;
        return (typeof(T) == typeof(double) && (double)(object)tangent == 0 && double.IsNaN((double)(object)t))
            || (typeof(T) == typeof(float) && (float)(object)tangent == 0 && float.IsNaN((float)(object)t)) ? T.Zero : t;
    }

    // f(n, x) with an integer order n: the tangent comes from x alone; a tangent on n is refused, naming it.
    private static Dual<T> Ordered(FunctionInfo f, (T Value, T Slope) rule, Dual<T> n, Dual<T> x) =>
        n.Tangent == T.Zero ? new(rule.Value, rule.Slope * x.Tangent) : throw Symbolic.DerivativeRules.NotDifferentiable(f, 0);

    // ---- IAdScalar plumbing ---------------------------------------------------------------------
    /// <inheritdoc />
    public static double PrimalOf(Dual<T> value) => Real.Primal(value.Value);

    /// <inheritdoc />
    public static Dual<T> Lift(double value) => new(L(value), T.Zero);

    /// <summary>The constant 0 (also visible to F# generic code, which does not see interface defaults).</summary>
    public static Dual<T> Zero => Lift(0.0);

    /// <summary>The constant 1 (also visible to F# generic code, which does not see interface defaults).</summary>
    public static Dual<T> One => Lift(1.0);

    // ---- arithmetic -------------------------------------------------------------------------------
    /// <summary>Sum.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a + b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator +(Dual<T> a, Dual<T> b) => new(a.Value + b.Value, a.Tangent + b.Tangent);
    /// <summary>Difference.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a − b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> a, Dual<T> b) => new(a.Value - b.Value, a.Tangent - b.Tangent);
    /// <summary>Product (Leibniz rule).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a · b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator *(Dual<T> a, Dual<T> b) => new(a.Value * b.Value, (a.Tangent * b.Value) + (a.Value * b.Tangent));
    /// <summary>Quotient.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a / b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator /(Dual<T> a, Dual<T> b) { var q = a.Value / b.Value; return new(q, (a.Tangent - (q * b.Tangent)) / b.Value); }
    /// <summary>Negation.</summary><param name="a">Operand.</param><returns>−a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> a) => new(-a.Value, -a.Tangent);

    /// <summary>Sum with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a + c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator +(Dual<T> a, double c) => new(a.Value + L(c), a.Tangent);
    /// <summary>Sum with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c + a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator +(double c, Dual<T> a) => new(L(c) + a.Value, a.Tangent);
    /// <summary>Difference with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a − c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> a, double c) => new(a.Value - L(c), a.Tangent);
    /// <summary>Difference with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c − a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(double c, Dual<T> a) => new(L(c) - a.Value, -a.Tangent);
    /// <summary>Product with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a · c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator *(Dual<T> a, double c) => new(a.Value * L(c), a.Tangent * L(c));
    /// <summary>Product with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c · a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator *(double c, Dual<T> a) => new(L(c) * a.Value, L(c) * a.Tangent);
    /// <summary>Quotient by a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a / c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator /(Dual<T> a, double c) => new(a.Value / L(c), a.Tangent / L(c));
    /// <summary>Quotient of a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c / a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator /(double c, Dual<T> a) => Lift(c) / a;

    // ---- comparisons (on values, so user branches follow the primal computation) -----------------
    /// <summary>Value equality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values are equal.</returns>
    public static bool operator ==(Dual<T> a, Dual<T> b) => a.Value == b.Value;
    /// <summary>Value inequality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values differ.</returns>
    public static bool operator !=(Dual<T> a, Dual<T> b) => a.Value != b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &lt; b.</returns>
    public static bool operator <(Dual<T> a, Dual<T> b) => a.Value < b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &gt; b.</returns>
    public static bool operator >(Dual<T> a, Dual<T> b) => a.Value > b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≤ b.</returns>
    public static bool operator <=(Dual<T> a, Dual<T> b) => a.Value <= b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≥ b.</returns>
    public static bool operator >=(Dual<T> a, Dual<T> b) => a.Value >= b.Value;

    // ---- elementary functions: each is one rule of the card ------------------------------------------
    /// <summary>Square root.</summary><param name="x">Argument.</param><returns>√x.</returns>
    public static Dual<T> Sqrt(Dual<T> x) => Chain(ForwardRules<T>.Sqrt(x.Value), x);
    /// <summary>Cube root.</summary><param name="x">Argument.</param><returns>∛x.</returns>
    public static Dual<T> Cbrt(Dual<T> x) => Chain(ForwardRules<T>.Cbrt(x.Value), x);
    /// <summary>Exponential.</summary><param name="x">Argument.</param><returns>eˣ.</returns>
    public static Dual<T> Exp(Dual<T> x) => Chain(ForwardRules<T>.Exp(x.Value), x);
    /// <summary>Natural logarithm.</summary><param name="x">Argument.</param><returns>ln x.</returns>
    public static Dual<T> Log(Dual<T> x) => Chain(ForwardRules<T>.Log(x.Value), x);
    /// <summary>Base-10 logarithm.</summary><param name="x">Argument.</param><returns>log₁₀ x.</returns>
    public static Dual<T> Log10(Dual<T> x) => Chain(ForwardRules<T>.Log10(x.Value), x);
    /// <summary>Base-2 logarithm.</summary><param name="x">Argument.</param><returns>log₂ x.</returns>
    public static Dual<T> Log2(Dual<T> x) => Chain(ForwardRules<T>.Log2(x.Value), x);
    /// <summary>Sine.</summary><param name="x">Argument.</param><returns>sin x.</returns>
    public static Dual<T> Sin(Dual<T> x) => Chain(ForwardRules<T>.Sin(x.Value), x);
    /// <summary>Cosine.</summary><param name="x">Argument.</param><returns>cos x.</returns>
    public static Dual<T> Cos(Dual<T> x) => Chain(ForwardRules<T>.Cos(x.Value), x);
    /// <summary>Tangent.</summary><param name="x">Argument.</param><returns>tan x.</returns>
    public static Dual<T> Tan(Dual<T> x) => Chain(ForwardRules<T>.Tan(x.Value), x);
    /// <summary>Secant.</summary><param name="x">Argument.</param><returns>sec x.</returns>
    public static Dual<T> Sec(Dual<T> x) => Chain(ForwardRules<T>.Sec(x.Value), x);
    /// <summary>Cosecant.</summary><param name="x">Argument.</param><returns>csc x.</returns>
    public static Dual<T> Csc(Dual<T> x) => Chain(ForwardRules<T>.Csc(x.Value), x);
    /// <summary>Cotangent.</summary><param name="x">Argument.</param><returns>cot x.</returns>
    public static Dual<T> Cot(Dual<T> x) => Chain(ForwardRules<T>.Cot(x.Value), x);
    /// <summary>Inverse sine.</summary><param name="x">Argument.</param><returns>asin x.</returns>
    public static Dual<T> Asin(Dual<T> x) => Chain(ForwardRules<T>.Asin(x.Value), x);
    /// <summary>Inverse cosine.</summary><param name="x">Argument.</param><returns>acos x.</returns>
    public static Dual<T> Acos(Dual<T> x) => Chain(ForwardRules<T>.Acos(x.Value), x);
    /// <summary>Inverse tangent.</summary><param name="x">Argument.</param><returns>atan x.</returns>
    public static Dual<T> Atan(Dual<T> x) => Chain(ForwardRules<T>.Atan(x.Value), x);
    /// <summary>Hyperbolic sine.</summary><param name="x">Argument.</param><returns>sinh x.</returns>
    public static Dual<T> Sinh(Dual<T> x) => Chain(ForwardRules<T>.Sinh(x.Value), x);
    /// <summary>Hyperbolic cosine.</summary><param name="x">Argument.</param><returns>cosh x.</returns>
    public static Dual<T> Cosh(Dual<T> x) => Chain(ForwardRules<T>.Cosh(x.Value), x);
    /// <summary>Hyperbolic tangent.</summary><param name="x">Argument.</param><returns>tanh x.</returns>
    public static Dual<T> Tanh(Dual<T> x) => Chain(ForwardRules<T>.Tanh(x.Value), x);
    /// <summary>Inverse hyperbolic sine.</summary><param name="x">Argument.</param><returns>asinh x.</returns>
    public static Dual<T> Asinh(Dual<T> x) => Chain(ForwardRules<T>.Asinh(x.Value), x);
    /// <summary>Inverse hyperbolic cosine.</summary><param name="x">Argument.</param><returns>acosh x.</returns>
    public static Dual<T> Acosh(Dual<T> x) => Chain(ForwardRules<T>.Acosh(x.Value), x);
    /// <summary>Inverse hyperbolic tangent.</summary><param name="x">Argument.</param><returns>atanh x.</returns>
    public static Dual<T> Atanh(Dual<T> x) => Chain(ForwardRules<T>.Atanh(x.Value), x);
    /// <summary>Absolute value (derivative 0 at 0).</summary><param name="x">Argument.</param><returns>|x|.</returns>
    public static Dual<T> Abs(Dual<T> x) => Chain(ForwardRules<T>.Abs(x.Value), x);
    /// <summary>Sign as a number (derivative 0).</summary><param name="x">Argument.</param><returns>sign x.</returns>
    public static Dual<T> Sign(Dual<T> x) => Chain(ForwardRules<T>.Sign(x.Value), x);
    /// <summary>Error function.</summary><param name="x">Argument.</param><returns>erf x.</returns>
    public static Dual<T> Erf(Dual<T> x) => Chain(ForwardRules<T>.Erf(x.Value), x);
    /// <summary>Power with a constant exponent.</summary><param name="x">Base.</param><param name="c">Exponent.</param><returns>xᶜ.</returns>
    public static Dual<T> Pow(Dual<T> x, double c) => Chain(ForwardRules<T>.PowConstant(x.Value, c), x);
    /// <summary>Power.</summary><param name="x">Base.</param><param name="y">Exponent.</param><returns>xʸ.</returns>
    public static Dual<T> Pow(Dual<T> x, Dual<T> y) => Chain(ForwardRules<T>.Pow(x.Value, y.Value), x, y);
    /// <summary>Two-argument arctangent.</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>atan2(y, x).</returns>
    public static Dual<T> Atan2(Dual<T> y, Dual<T> x) => Chain(ForwardRules<T>.Atan2(y.Value, x.Value), y, x);
    /// <summary>Euclidean length.</summary><param name="x">First leg.</param><param name="y">Second leg.</param><returns>√(x² + y²).</returns>
    public static Dual<T> Hypot(Dual<T> x, Dual<T> y) => Chain(ForwardRules<T>.Hypot(x.Value, y.Value), x, y);
    /// <summary>Minimum (weights ½ at a tie).</summary><param name="x">First.</param><param name="y">Second.</param><returns>min(x, y).</returns>
    public static Dual<T> Min(Dual<T> x, Dual<T> y) => Chain(ForwardRules<T>.Min(x.Value, y.Value), x, y);
    /// <summary>Maximum (weights ½ at a tie).</summary><param name="x">First.</param><param name="y">Second.</param><returns>max(x, y).</returns>
    public static Dual<T> Max(Dual<T> x, Dual<T> y) => Chain(ForwardRules<T>.Max(x.Value, y.Value), x, y);

    /// <summary>Gamma function.</summary><param name="x">Argument.</param><returns>Γ(x).</returns>
    public static Dual<T> Gamma(Dual<T> x) => Chain(ForwardRules<T>.Gamma(x.Value), x);
    /// <summary>Log-gamma log |Γ(x)|.</summary><param name="x">Argument.</param><returns>lgamma x.</returns>
    public static Dual<T> LogGamma(Dual<T> x) => Chain(ForwardRules<T>.LogGamma(x.Value), x);
    /// <summary>Digamma ψ(x).</summary><param name="x">Argument.</param><returns>ψ(x).</returns>
    public static Dual<T> Digamma(Dual<T> x) => Chain(ForwardRules<T>.Digamma(x.Value), x);
    /// <summary>Complementary error function.</summary><param name="x">Argument.</param><returns>erfc x.</returns>
    public static Dual<T> Erfc(Dual<T> x) => Chain(ForwardRules<T>.Erfc(x.Value), x);
    /// <summary>Inverse error function.</summary><param name="x">Argument.</param><returns>erfinv x.</returns>
    public static Dual<T> ErfInv(Dual<T> x) => Chain(ForwardRules<T>.ErfInv(x.Value), x);
    /// <summary>Airy function Ai.</summary><param name="x">Argument.</param><returns>Ai(x).</returns>
    public static Dual<T> AiryAi(Dual<T> x) => Chain(ForwardRules<T>.AiryAi(x.Value), x);
    /// <summary>Airy function Bi.</summary><param name="x">Argument.</param><returns>Bi(x).</returns>
    public static Dual<T> AiryBi(Dual<T> x) => Chain(ForwardRules<T>.AiryBi(x.Value), x);
    /// <summary>Derivative of the Airy function Ai.</summary><param name="x">Argument.</param><returns>Ai′(x).</returns>
    public static Dual<T> AiryAiPrime(Dual<T> x) => Chain(ForwardRules<T>.AiryAiPrime(x.Value), x);
    /// <summary>Derivative of the Airy function Bi.</summary><param name="x">Argument.</param><returns>Bi′(x).</returns>
    public static Dual<T> AiryBiPrime(Dual<T> x) => Chain(ForwardRules<T>.AiryBiPrime(x.Value), x);
    /// <summary>Logistic sigmoid (stable for large |x|).</summary><param name="x">Argument.</param><returns>σ(x).</returns>
    public static Dual<T> Sigmoid(Dual<T> x) => Chain(ForwardRules<T>.Sigmoid(x.Value), x);
    /// <summary>Softplus log(1 + eˣ) (stable for large |x|).</summary><param name="x">Argument.</param><returns>softplus x.</returns>
    public static Dual<T> Softplus(Dual<T> x) => Chain(ForwardRules<T>.Softplus(x.Value), x);
    /// <summary>Polygamma of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>ψ⁽ⁿ⁾(x).</returns>
    public static Dual<T> Polygamma(Dual<T> n, Dual<T> x) => Ordered(Functions.Polygamma, ForwardRules<T>.Polygamma(n.Value, x.Value), n, x);
    /// <summary>Bessel J of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Jₙ(x).</returns>
    public static Dual<T> BesselJ(Dual<T> n, Dual<T> x) => Ordered(Functions.BesselJ, ForwardRules<T>.BesselJ(n.Value, x.Value), n, x);
    /// <summary>Bessel Y of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Yₙ(x).</returns>
    public static Dual<T> BesselY(Dual<T> n, Dual<T> x) => Ordered(Functions.BesselY, ForwardRules<T>.BesselY(n.Value, x.Value), n, x);
    /// <summary>Modified Bessel I of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Iₙ(x).</returns>
    public static Dual<T> BesselI(Dual<T> n, Dual<T> x) => Ordered(Functions.BesselI, ForwardRules<T>.BesselI(n.Value, x.Value), n, x);
    /// <summary>Modified Bessel K of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Kₙ(x).</returns>
    public static Dual<T> BesselK(Dual<T> n, Dual<T> x) => Ordered(Functions.BesselK, ForwardRules<T>.BesselK(n.Value, x.Value), n, x);
    /// <summary>Logarithm to the base b.</summary><param name="b">Base.</param><param name="x">Argument.</param><returns>log_b x.</returns>
    public static Dual<T> LogBase(Dual<T> b, Dual<T> x) => Chain(ForwardRules<T>.LogBase(b.Value, x.Value), b, x);
    /// <summary>Beta function.</summary><param name="a">First.</param><param name="b">Second.</param><returns>B(a, b).</returns>
    public static Dual<T> Beta(Dual<T> a, Dual<T> b) => Chain(ForwardRules<T>.Beta(a.Value, b.Value), a, b);
    /// <summary>log Σ e^(xᵢ), computed stably.</summary><param name="x">Arguments (at least one).</param><returns>logsumexp(x).</returns>
    public static Dual<T> LogSumExp(params Dual<T>[] x)
    {
        var (value, partials) = ForwardRules<T>.LogSumExp(Array.ConvertAll(x, d => d.Value));
        var tangent = T.Zero;
        for (var i = 0; i < x.Length; i++)
        {
            tangent += partials[i] * x[i].Tangent;
        }

        return new(value, tangent);
    }

    /// <summary>Any one-argument registry function: a built-in by this engine's rule card, a user primitive by its registered rule.</summary><param name="function">The function.</param><param name="x">Argument.</param><returns>f(x).</returns>
    public static Dual<T> Apply(FunctionInfo function, Dual<T> x) =>
        function.Rule is null ? ForwardRules.Unary<Dual<T>>(function)(x) : Chain(ForwardRules<T>.Custom(function, x.Value), x);

    /// <summary>Any two-argument registry function: a built-in by this engine's rule card, a user primitive by its registered partials.</summary><param name="function">The function.</param><param name="x">First argument.</param><param name="y">Second argument.</param><returns>f(x, y).</returns>
    public static Dual<T> Apply(FunctionInfo function, Dual<T> x, Dual<T> y) =>
        function.Rule is null ? ForwardRules.Binary<Dual<T>>(function)(x, y) : Chain(ForwardRules<T>.Custom(function, x.Value, y.Value), x, y);

    /// <summary>Any registry function on an argument array: a variadic built-in (logsumexp) by this engine's card, others by their arity.</summary><param name="function">The function.</param><param name="args">Arguments.</param><returns>f(args).</returns>
    public static Dual<T> Apply(FunctionInfo function, Dual<T>[] args) =>
        function.IsVariadic ? ForwardRules.Nary<Dual<T>>(function)(args) : FunctionBinder.ApplyAll(function, args);

    // ---- object members -----------------------------------------------------------------------------
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Dual<T> other && this == other;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"{Value} + {Tangent}ε";
}
