using System.Numerics;
using System.Runtime.CompilerServices;
using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Reverse;

/// <summary>
/// A reverse-mode number: a value of the scalar type <typeparamref name="T"/> and its derivative
/// as a combination of at most two nodes of the current thread's <see cref="Tape{T}"/>
/// (c₀·d(node₀) + c₁·d(node₁); no node means a constant). Every operation takes its local
/// partials from <see cref="ReverseRules{T}"/> and folds them into the terms; only when a result
/// depends on more than two nodes is a node written (see <see cref="Tape{T}"/>). A backward
/// sweep then yields the gradient of one output with respect to all inputs.
/// <c>Var&lt;double&gt;</c> gives gradients; <c>Var&lt;Dual&lt;double&gt;&gt;</c> gives
/// forward-over-reverse Hessian-vector products.
/// </summary>
/// <typeparam name="T">The scalar: double, or a dual number for forward-over-reverse.</typeparam>
public readonly partial struct Var<T> : IAdScalar<Var<T>>
    where T : INumber<T>, ITrigonometricFunctions<T>, IHyperbolicFunctions<T>, IExponentialFunctions<T>,
        ILogarithmicFunctions<T>, IPowerFunctions<T>, IRootFunctions<T>
{
    /// <summary>True for constants (numbers that depend on no variable).</summary>
    public bool IsConstant => _i0 == 0;

    /// <summary>Lifts a scalar to a constant (recorded nowhere), so scalars mix with variables.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Var<T>(T value) => new(value, 0, T.Zero, 0, T.Zero);

    private static T K(double c) => Real.Lift<T>(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Record((T R, T D) rule, Var<T> a) => Chain(rule.R, a, rule.D);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Record((T R, T D0, T D1) rule, Var<T> a, Var<T> b) => Chain(rule.R, a, rule.D0, b, rule.D1);

    // ---- IAdScalar plumbing ---------------------------------------------------------------------
    /// <inheritdoc />
    public static double PrimalOf(Var<T> value) => Real.Primal(value.Value);

    /// <inheritdoc />
    public static Var<T> Lift(double value) => new(K(value), 0, T.Zero, 0, T.Zero);

    /// <summary>The constant 0 (also visible to F# generic code, which does not see interface defaults).</summary>
    public static Var<T> Zero => Lift(0.0);

    /// <summary>The constant 1 (also visible to F# generic code, which does not see interface defaults).</summary>
    public static Var<T> One => Lift(1.0);

    // ---- arithmetic: local partials ------------------------------------------------------------------
    /// <summary>Sum.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a + b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator +(Var<T> a, Var<T> b) => Combine(a.Value + b.Value, a, b, negate: false);
    /// <summary>Difference.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a − b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator -(Var<T> a, Var<T> b) => Combine(a.Value - b.Value, a, b, negate: true);
    /// <summary>Product.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a · b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator *(Var<T> a, Var<T> b) => Chain(a.Value * b.Value, a, b.Value, b, a.Value);
    /// <summary>Quotient.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a / b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator /(Var<T> a, Var<T> b) { var inv = T.One / b.Value; var q = a.Value * inv; return Chain(a.Value / b.Value, a, inv, b, -(q * inv)); }
    /// <summary>Negation.</summary><param name="a">Operand.</param><returns>−a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator -(Var<T> a) => Negated(a);

    /// <summary>Sum with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a + c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator +(Var<T> a, double c) => Shifted(a.Value + K(c), a);
    /// <summary>Sum with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c + a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator +(double c, Var<T> a) => Shifted(K(c) + a.Value, a);
    /// <summary>Difference with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a − c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator -(Var<T> a, double c) => Shifted(a.Value - K(c), a);
    /// <summary>Difference with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c − a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator -(double c, Var<T> a) => Shifted(K(c) - a.Value, Negated(a));
    /// <summary>Product with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a · c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator *(Var<T> a, double c) => Chain(a.Value * K(c), a, K(c));
    /// <summary>Product with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c · a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator *(double c, Var<T> a) => Chain(K(c) * a.Value, a, K(c));
    /// <summary>Quotient by a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a / c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator /(Var<T> a, double c) => Chain(a.Value / K(c), a, T.One / K(c));
    /// <summary>Quotient of a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c / a.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator /(double c, Var<T> a) { var r = K(c) / a.Value; return Chain(r, a, -(r / a.Value)); }

    // ---- comparisons (values) -------------------------------------------------------------------------
    /// <summary>Value equality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values are equal.</returns>
    public static bool operator ==(Var<T> a, Var<T> b) => a.Value == b.Value;
    /// <summary>Value inequality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values differ.</returns>
    public static bool operator !=(Var<T> a, Var<T> b) => a.Value != b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &lt; b.</returns>
    public static bool operator <(Var<T> a, Var<T> b) => a.Value < b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &gt; b.</returns>
    public static bool operator >(Var<T> a, Var<T> b) => a.Value > b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≤ b.</returns>
    public static bool operator <=(Var<T> a, Var<T> b) => a.Value <= b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≥ b.</returns>
    public static bool operator >=(Var<T> a, Var<T> b) => a.Value >= b.Value;

    // ---- elementary functions: each records one rule of the reverse card ------------------------------
    /// <summary>Square root.</summary><param name="x">Argument.</param><returns>√x.</returns>
    public static Var<T> Sqrt(Var<T> x) => Record(ReverseRules<T>.Sqrt(x.Value), x);
    /// <summary>Cube root.</summary><param name="x">Argument.</param><returns>∛x.</returns>
    public static Var<T> Cbrt(Var<T> x) => Record(ReverseRules<T>.Cbrt(x.Value), x);
    /// <summary>Exponential.</summary><param name="x">Argument.</param><returns>eˣ.</returns>
    public static Var<T> Exp(Var<T> x) => Record(ReverseRules<T>.Exp(x.Value), x);
    /// <summary>Natural logarithm.</summary><param name="x">Argument.</param><returns>ln x.</returns>
    public static Var<T> Log(Var<T> x) => Record(ReverseRules<T>.Log(x.Value), x);
    /// <summary>Base-10 logarithm.</summary><param name="x">Argument.</param><returns>log₁₀ x.</returns>
    public static Var<T> Log10(Var<T> x) => Record(ReverseRules<T>.Log10(x.Value), x);
    /// <summary>Base-2 logarithm.</summary><param name="x">Argument.</param><returns>log₂ x.</returns>
    public static Var<T> Log2(Var<T> x) => Record(ReverseRules<T>.Log2(x.Value), x);
    /// <summary>Sine.</summary><param name="x">Argument.</param><returns>sin x.</returns>
    public static Var<T> Sin(Var<T> x) => Record(ReverseRules<T>.Sin(x.Value), x);
    /// <summary>Cosine.</summary><param name="x">Argument.</param><returns>cos x.</returns>
    public static Var<T> Cos(Var<T> x) => Record(ReverseRules<T>.Cos(x.Value), x);
    /// <summary>Tangent.</summary><param name="x">Argument.</param><returns>tan x.</returns>
    public static Var<T> Tan(Var<T> x) => Record(ReverseRules<T>.Tan(x.Value), x);
    /// <summary>Secant.</summary><param name="x">Argument.</param><returns>sec x.</returns>
    public static Var<T> Sec(Var<T> x) => Record(ReverseRules<T>.Sec(x.Value), x);
    /// <summary>Cosecant.</summary><param name="x">Argument.</param><returns>csc x.</returns>
    public static Var<T> Csc(Var<T> x) => Record(ReverseRules<T>.Csc(x.Value), x);
    /// <summary>Cotangent.</summary><param name="x">Argument.</param><returns>cot x.</returns>
    public static Var<T> Cot(Var<T> x) => Record(ReverseRules<T>.Cot(x.Value), x);
    /// <summary>Inverse sine.</summary><param name="x">Argument.</param><returns>asin x.</returns>
    public static Var<T> Asin(Var<T> x) => Record(ReverseRules<T>.Asin(x.Value), x);
    /// <summary>Inverse cosine.</summary><param name="x">Argument.</param><returns>acos x.</returns>
    public static Var<T> Acos(Var<T> x) => Record(ReverseRules<T>.Acos(x.Value), x);
    /// <summary>Inverse tangent.</summary><param name="x">Argument.</param><returns>atan x.</returns>
    public static Var<T> Atan(Var<T> x) => Record(ReverseRules<T>.Atan(x.Value), x);
    /// <summary>Hyperbolic sine.</summary><param name="x">Argument.</param><returns>sinh x.</returns>
    public static Var<T> Sinh(Var<T> x) => Record(ReverseRules<T>.Sinh(x.Value), x);
    /// <summary>Hyperbolic cosine.</summary><param name="x">Argument.</param><returns>cosh x.</returns>
    public static Var<T> Cosh(Var<T> x) => Record(ReverseRules<T>.Cosh(x.Value), x);
    /// <summary>Hyperbolic tangent.</summary><param name="x">Argument.</param><returns>tanh x.</returns>
    public static Var<T> Tanh(Var<T> x) => Record(ReverseRules<T>.Tanh(x.Value), x);
    /// <summary>Inverse hyperbolic sine.</summary><param name="x">Argument.</param><returns>asinh x.</returns>
    public static Var<T> Asinh(Var<T> x) => Record(ReverseRules<T>.Asinh(x.Value), x);
    /// <summary>Inverse hyperbolic cosine.</summary><param name="x">Argument.</param><returns>acosh x.</returns>
    public static Var<T> Acosh(Var<T> x) => Record(ReverseRules<T>.Acosh(x.Value), x);
    /// <summary>Inverse hyperbolic tangent.</summary><param name="x">Argument.</param><returns>atanh x.</returns>
    public static Var<T> Atanh(Var<T> x) => Record(ReverseRules<T>.Atanh(x.Value), x);
    /// <summary>Absolute value (derivative 0 at 0).</summary><param name="x">Argument.</param><returns>|x|.</returns>
    public static Var<T> Abs(Var<T> x) => Record(ReverseRules<T>.Abs(x.Value), x);
    /// <summary>Sign as a number (derivative 0).</summary><param name="x">Argument.</param><returns>sign x.</returns>
    public static Var<T> Sign(Var<T> x) => Record(ReverseRules<T>.Sign(x.Value), x);
    /// <summary>Error function.</summary><param name="x">Argument.</param><returns>erf x.</returns>
    public static Var<T> Erf(Var<T> x) => Record(ReverseRules<T>.Erf(x.Value), x);
    /// <summary>Power with a constant exponent.</summary><param name="x">Base.</param><param name="c">Exponent.</param><returns>xᶜ.</returns>
    public static Var<T> Pow(Var<T> x, double c) => Record(ReverseRules<T>.PowConstant(x.Value, c), x);
    /// <summary>Power.</summary><param name="x">Base.</param><param name="y">Exponent.</param><returns>xʸ.</returns>
    public static Var<T> Pow(Var<T> x, Var<T> y) => Record(ReverseRules<T>.Pow(x.Value, y.Value), x, y);
    /// <summary>Two-argument arctangent.</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>atan2(y, x).</returns>
    public static Var<T> Atan2(Var<T> y, Var<T> x) => Record(ReverseRules<T>.Atan2(y.Value, x.Value), y, x);
    /// <summary>Euclidean length.</summary><param name="x">First leg.</param><param name="y">Second leg.</param><returns>√(x² + y²).</returns>
    public static Var<T> Hypot(Var<T> x, Var<T> y) => Record(ReverseRules<T>.Hypot(x.Value, y.Value), x, y);
    /// <summary>Minimum (weights ½ at a tie).</summary><param name="x">First.</param><param name="y">Second.</param><returns>min(x, y).</returns>
    public static Var<T> Min(Var<T> x, Var<T> y) => Record(ReverseRules<T>.Min(x.Value, y.Value), x, y);
    /// <summary>Maximum (weights ½ at a tie).</summary><param name="x">First.</param><param name="y">Second.</param><returns>max(x, y).</returns>
    public static Var<T> Max(Var<T> x, Var<T> y) => Record(ReverseRules<T>.Max(x.Value, y.Value), x, y);

    /// <summary>Gamma function.</summary><param name="x">Argument.</param><returns>Γ(x).</returns>
    public static Var<T> Gamma(Var<T> x) => Record(ReverseRules<T>.Gamma(x.Value), x);
    /// <summary>Log-gamma log |Γ(x)|.</summary><param name="x">Argument.</param><returns>lgamma x.</returns>
    public static Var<T> LogGamma(Var<T> x) => Record(ReverseRules<T>.LogGamma(x.Value), x);
    /// <summary>Digamma ψ(x).</summary><param name="x">Argument.</param><returns>ψ(x).</returns>
    public static Var<T> Digamma(Var<T> x) => Record(ReverseRules<T>.Digamma(x.Value), x);
    /// <summary>Complementary error function.</summary><param name="x">Argument.</param><returns>erfc x.</returns>
    public static Var<T> Erfc(Var<T> x) => Record(ReverseRules<T>.Erfc(x.Value), x);
    /// <summary>Inverse error function.</summary><param name="x">Argument.</param><returns>erfinv x.</returns>
    public static Var<T> ErfInv(Var<T> x) => Record(ReverseRules<T>.ErfInv(x.Value), x);
    /// <summary>Airy function Ai.</summary><param name="x">Argument.</param><returns>Ai(x).</returns>
    public static Var<T> AiryAi(Var<T> x) => Record(ReverseRules<T>.AiryAi(x.Value), x);
    /// <summary>Airy function Bi.</summary><param name="x">Argument.</param><returns>Bi(x).</returns>
    public static Var<T> AiryBi(Var<T> x) => Record(ReverseRules<T>.AiryBi(x.Value), x);
    /// <summary>Derivative of the Airy function Ai.</summary><param name="x">Argument.</param><returns>Ai′(x).</returns>
    public static Var<T> AiryAiPrime(Var<T> x) => Record(ReverseRules<T>.AiryAiPrime(x.Value), x);
    /// <summary>Derivative of the Airy function Bi.</summary><param name="x">Argument.</param><returns>Bi′(x).</returns>
    public static Var<T> AiryBiPrime(Var<T> x) => Record(ReverseRules<T>.AiryBiPrime(x.Value), x);
    /// <summary>Logistic sigmoid (stable for large |x|).</summary><param name="x">Argument.</param><returns>σ(x).</returns>
    public static Var<T> Sigmoid(Var<T> x) => Record(ReverseRules<T>.Sigmoid(x.Value), x);
    /// <summary>Softplus log(1 + eˣ) (stable for large |x|).</summary><param name="x">Argument.</param><returns>softplus x.</returns>
    public static Var<T> Softplus(Var<T> x) => Record(ReverseRules<T>.Softplus(x.Value), x);
    /// <summary>Polygamma of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>ψ⁽ⁿ⁾(x).</returns>
    public static Var<T> Polygamma(Var<T> n, Var<T> x) => n.IsConstant ? Record(ReverseRules<T>.Polygamma(n.Value, x.Value), x) : throw Symbolic.DerivativeRules.NotDifferentiable(Functions.Polygamma, 0);
    /// <summary>Bessel J of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Jₙ(x).</returns>
    public static Var<T> BesselJ(Var<T> n, Var<T> x) => n.IsConstant ? Record(ReverseRules<T>.BesselJ(n.Value, x.Value), x) : throw Symbolic.DerivativeRules.NotDifferentiable(Functions.BesselJ, 0);
    /// <summary>Bessel Y of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Yₙ(x).</returns>
    public static Var<T> BesselY(Var<T> n, Var<T> x) => n.IsConstant ? Record(ReverseRules<T>.BesselY(n.Value, x.Value), x) : throw Symbolic.DerivativeRules.NotDifferentiable(Functions.BesselY, 0);
    /// <summary>Modified Bessel I of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Iₙ(x).</returns>
    public static Var<T> BesselI(Var<T> n, Var<T> x) => n.IsConstant ? Record(ReverseRules<T>.BesselI(n.Value, x.Value), x) : throw Symbolic.DerivativeRules.NotDifferentiable(Functions.BesselI, 0);
    /// <summary>Modified Bessel K of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Kₙ(x).</returns>
    public static Var<T> BesselK(Var<T> n, Var<T> x) => n.IsConstant ? Record(ReverseRules<T>.BesselK(n.Value, x.Value), x) : throw Symbolic.DerivativeRules.NotDifferentiable(Functions.BesselK, 0);
    /// <summary>Logarithm to the base b.</summary><param name="b">Base.</param><param name="x">Argument.</param><returns>log_b x.</returns>
    public static Var<T> LogBase(Var<T> b, Var<T> x) => Record(ReverseRules<T>.LogBase(b.Value, x.Value), b, x);
    /// <summary>Beta function.</summary><param name="a">First.</param><param name="b">Second.</param><returns>B(a, b).</returns>
    public static Var<T> Beta(Var<T> a, Var<T> b) => Record(ReverseRules<T>.Beta(a.Value, b.Value), a, b);
    /// <summary>log Σ e^(xᵢ), computed stably; recorded as a chain of two-parent nodes whose last carries the value.</summary><param name="x">Arguments (at least one).</param><returns>logsumexp(x).</returns>
    public static Var<T> LogSumExp(params Var<T>[] x)
    {
        var (r, d) = ReverseRules<T>.LogSumExp(Array.ConvertAll(x, v => v.Value));
        var node = x.Length == 1 ? Record((r, d[0]), x[0]) : Record((r, d[0], d[1]), x[0], x[1]);
        for (var i = 2; i < x.Length; i++)
        {
            node = Record((r, T.One, d[i]), node, x[i]);
        }

        return node;
    }

    /// <summary>Any one-argument registry function: a built-in by this engine's rule card, a user primitive by its registered rule.</summary><param name="function">The function.</param><param name="x">Argument.</param><returns>f(x).</returns>
    public static Var<T> Apply(FunctionInfo function, Var<T> x) =>
        function.Rule is null ? ReverseRules.Unary<Var<T>>(function)(x) : Record(ReverseRules<T>.Custom(function, x.Value), x);

    /// <summary>Any two-argument registry function: a built-in by this engine's rule card, a user primitive by its registered partials.</summary><param name="function">The function.</param><param name="x">First argument.</param><param name="y">Second argument.</param><returns>f(x, y).</returns>
    public static Var<T> Apply(FunctionInfo function, Var<T> x, Var<T> y) =>
        function.Rule is null ? ReverseRules.Binary<Var<T>>(function)(x, y) : Record(ReverseRules<T>.Custom(function, x.Value, y.Value), x, y);

    /// <summary>Any registry function on an argument array: a variadic built-in (logsumexp) by this engine's card, others by their arity.</summary><param name="function">The function.</param><param name="args">Arguments.</param><returns>f(args).</returns>
    public static Var<T> Apply(FunctionInfo function, Var<T>[] args) =>
        function.IsVariadic ? ReverseRules.Nary<Var<T>>(function)(args) : FunctionBinder.ApplyAll(function, args);

    // ---- object members -----------------------------------------------------------------------------
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Var<T> other && this == other;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() =>
        _i0 == 0 ? $"{Value}" : _i1 == 0 ? $"{Value} (d = {_c0}·d@{_i0})" : $"{Value} (d = {_c0}·d@{_i0} + {_c1}·d@{_i1})";
}
