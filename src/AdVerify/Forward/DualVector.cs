using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Forward;

/// <summary>
/// A forward-mode number with many tangents at once: a double value plus a tangent row of the
/// current thread's <see cref="TangentArena"/> (width n), so one evaluation yields a whole
/// Jacobian (all n directional derivatives). Tangent rows live in a per-thread buffer that is
/// reused from one pass to the next, so operations allocate nothing once the buffer has grown.
/// Numbers are valid only inside the arena session that created them
/// (see <see cref="TangentArena.Begin(int)"/>). Operations follow <see cref="ForwardRules{T}"/>.
/// </summary>
public readonly struct DualVector : IAdScalar<DualVector>
{
    private const int NoRow = -1;
    private readonly int _row;

    private DualVector(double value, int row)
    {
        Value = value;
        _row = row;
    }

    /// <summary>The value.</summary>
    public double Value { get; }

    /// <summary>True when every tangent is zero (a constant).</summary>
    public bool IsConstant => _row == NoRow;

    /// <summary>The tangents (directional derivatives along the n seed directions); read before the next operation.</summary>
    public ReadOnlySpan<double> Tangent => _row == NoRow ? new double[TangentArena.Width] : TangentArena.Row(_row);

    /// <summary>The variable with seed direction e_index: its tangent row is 1 at <paramref name="index"/>, 0 elsewhere.</summary>
    /// <param name="value">The value.</param>
    /// <param name="index">Which of the n directions this variable is.</param>
    /// <returns>The seeded number.</returns>
    public static DualVector Variable(double value, int index)
    {
        var row = TangentArena.NewRow();
        var t = TangentArena.Row(row);
        t.Clear();
        t[index] = 1;
        return new(value, row);
    }

    /// <summary>A number with an explicit tangent row (length n).</summary>
    /// <param name="value">The value.</param>
    /// <param name="tangent">The tangents.</param>
    /// <returns>The seeded number.</returns>
    public static DualVector Seeded(double value, ReadOnlySpan<double> tangent)
    {
        var row = TangentArena.NewRow();
        tangent.CopyTo(TangentArena.Row(row));
        return new(value, row);
    }

    /// <summary>A constant (all tangents zero).</summary>
    /// <param name="value">The value.</param>
    public static implicit operator DualVector(double value) => new(value, NoRow);

    /// <summary>The tangent number k (derivative along seed direction k).</summary>
    /// <param name="k">The direction.</param>
    /// <returns>The derivative; 0 for constants.</returns>
    public double TangentAt(int k) => _row == NoRow ? 0 : TangentArena.Row(_row)[k];

    /// <summary>value with tangent da·a′ (chain rule for one argument).</summary>
    private static DualVector Linear(double value, double da, DualVector a)
    {
        if (a._row == NoRow)
        {
            return new(value, NoRow);
        }

        var row = TangentArena.NewRow();
        var src = TangentArena.Row(a._row);
        var dst = TangentArena.Row(row);
        for (var k = 0; k < dst.Length; k++)
        {
            // A zero tangent stays zero even under an infinite slope (a constant inside the function).
            dst[k] = src[k] == 0 ? 0 : da * src[k];
        }

        return new(value, row);
    }

    /// <summary>value with tangent da·a′ + db·b′ (chain rule for two arguments).</summary>
    private static DualVector Linear(double value, double da, DualVector a, double db, DualVector b)
    {
        if (b._row == NoRow)
        {
            return Linear(value, da, a);
        }

        if (a._row == NoRow)
        {
            return Linear(value, db, b);
        }

        var row = TangentArena.NewRow();
        var ta = TangentArena.Row(a._row);
        var tb = TangentArena.Row(b._row);
        var dst = TangentArena.Row(row);
        for (var k = 0; k < dst.Length; k++)
        {
            dst[k] = (ta[k] == 0 ? 0 : da * ta[k]) + (tb[k] == 0 ? 0 : db * tb[k]);
        }

        return new(value, row);
    }

    private static DualVector Chain((double Value, double Slope) rule, DualVector a) => Linear(rule.Value, rule.Slope, a);

    private static DualVector Chain((double Value, double Dx, double Dy) rule, DualVector a, DualVector b) =>
        Linear(rule.Value, rule.Dx, a, rule.Dy, b);

    // ---- IAdScalar plumbing ---------------------------------------------------------------------
    /// <inheritdoc />
    public static double PrimalOf(DualVector value) => value.Value;

    /// <inheritdoc />
    public static DualVector Lift(double value) => new(value, NoRow);

    /// <summary>The constant 0 (also visible to F# generic code, which does not see interface defaults).</summary>
    public static DualVector Zero => Lift(0.0);

    /// <summary>The constant 1 (also visible to F# generic code, which does not see interface defaults).</summary>
    public static DualVector One => Lift(1.0);

    // ---- arithmetic -------------------------------------------------------------------------------
    /// <summary>Sum.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a + b.</returns>
    public static DualVector operator +(DualVector a, DualVector b) => Linear(a.Value + b.Value, 1, a, 1, b);
    /// <summary>Difference.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a − b.</returns>
    public static DualVector operator -(DualVector a, DualVector b) => Linear(a.Value - b.Value, 1, a, -1, b);
    /// <summary>Product (Leibniz rule).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a · b.</returns>
    public static DualVector operator *(DualVector a, DualVector b) => Linear(a.Value * b.Value, b.Value, a, a.Value, b);
    /// <summary>Quotient.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a / b.</returns>
    public static DualVector operator /(DualVector a, DualVector b) { var q = a.Value / b.Value; return Linear(q, 1 / b.Value, a, -q / b.Value, b); }
    /// <summary>Negation.</summary><param name="a">Operand.</param><returns>−a.</returns>
    public static DualVector operator -(DualVector a) => Linear(-a.Value, -1, a);

    /// <summary>Sum with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a + c.</returns>
    public static DualVector operator +(DualVector a, double c) => new(a.Value + c, a._row);
    /// <summary>Sum with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c + a.</returns>
    public static DualVector operator +(double c, DualVector a) => new(c + a.Value, a._row);
    /// <summary>Difference with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a − c.</returns>
    public static DualVector operator -(DualVector a, double c) => new(a.Value - c, a._row);
    /// <summary>Difference with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c − a.</returns>
    public static DualVector operator -(double c, DualVector a) => Linear(c - a.Value, -1, a);
    /// <summary>Product with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a · c.</returns>
    public static DualVector operator *(DualVector a, double c) => Linear(a.Value * c, c, a);
    /// <summary>Product with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c · a.</returns>
    public static DualVector operator *(double c, DualVector a) => Linear(c * a.Value, c, a);
    /// <summary>Quotient by a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a / c.</returns>
    public static DualVector operator /(DualVector a, double c) => Linear(a.Value / c, 1 / c, a);
    /// <summary>Quotient of a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c / a.</returns>
    public static DualVector operator /(double c, DualVector a) { var q = c / a.Value; return Linear(q, -q / a.Value, a); }

    // ---- comparisons (values) -------------------------------------------------------------------------
    /// <summary>Value equality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values are equal.</returns>
    public static bool operator ==(DualVector a, DualVector b) => a.Value == b.Value;
    /// <summary>Value inequality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values differ.</returns>
    public static bool operator !=(DualVector a, DualVector b) => a.Value != b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &lt; b.</returns>
    public static bool operator <(DualVector a, DualVector b) => a.Value < b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &gt; b.</returns>
    public static bool operator >(DualVector a, DualVector b) => a.Value > b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≤ b.</returns>
    public static bool operator <=(DualVector a, DualVector b) => a.Value <= b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≥ b.</returns>
    public static bool operator >=(DualVector a, DualVector b) => a.Value >= b.Value;

    // ---- elementary functions (the forward card at T = double) ----------------------------------------
    /// <summary>Square root.</summary><param name="x">Argument.</param><returns>√x.</returns>
    public static DualVector Sqrt(DualVector x) => Chain(ForwardRules<double>.Sqrt(x.Value), x);
    /// <summary>Cube root.</summary><param name="x">Argument.</param><returns>∛x.</returns>
    public static DualVector Cbrt(DualVector x) => Chain(ForwardRules<double>.Cbrt(x.Value), x);
    /// <summary>Exponential.</summary><param name="x">Argument.</param><returns>eˣ.</returns>
    public static DualVector Exp(DualVector x) => Chain(ForwardRules<double>.Exp(x.Value), x);
    /// <summary>Natural logarithm.</summary><param name="x">Argument.</param><returns>ln x.</returns>
    public static DualVector Log(DualVector x) => Chain(ForwardRules<double>.Log(x.Value), x);
    /// <summary>Base-10 logarithm.</summary><param name="x">Argument.</param><returns>log₁₀ x.</returns>
    public static DualVector Log10(DualVector x) => Chain(ForwardRules<double>.Log10(x.Value), x);
    /// <summary>Base-2 logarithm.</summary><param name="x">Argument.</param><returns>log₂ x.</returns>
    public static DualVector Log2(DualVector x) => Chain(ForwardRules<double>.Log2(x.Value), x);
    /// <summary>Sine.</summary><param name="x">Argument.</param><returns>sin x.</returns>
    public static DualVector Sin(DualVector x) => Chain(ForwardRules<double>.Sin(x.Value), x);
    /// <summary>Cosine.</summary><param name="x">Argument.</param><returns>cos x.</returns>
    public static DualVector Cos(DualVector x) => Chain(ForwardRules<double>.Cos(x.Value), x);
    /// <summary>Tangent.</summary><param name="x">Argument.</param><returns>tan x.</returns>
    public static DualVector Tan(DualVector x) => Chain(ForwardRules<double>.Tan(x.Value), x);
    /// <summary>Secant.</summary><param name="x">Argument.</param><returns>sec x.</returns>
    public static DualVector Sec(DualVector x) => Chain(ForwardRules<double>.Sec(x.Value), x);
    /// <summary>Cosecant.</summary><param name="x">Argument.</param><returns>csc x.</returns>
    public static DualVector Csc(DualVector x) => Chain(ForwardRules<double>.Csc(x.Value), x);
    /// <summary>Cotangent.</summary><param name="x">Argument.</param><returns>cot x.</returns>
    public static DualVector Cot(DualVector x) => Chain(ForwardRules<double>.Cot(x.Value), x);
    /// <summary>Inverse sine.</summary><param name="x">Argument.</param><returns>asin x.</returns>
    public static DualVector Asin(DualVector x) => Chain(ForwardRules<double>.Asin(x.Value), x);
    /// <summary>Inverse cosine.</summary><param name="x">Argument.</param><returns>acos x.</returns>
    public static DualVector Acos(DualVector x) => Chain(ForwardRules<double>.Acos(x.Value), x);
    /// <summary>Inverse tangent.</summary><param name="x">Argument.</param><returns>atan x.</returns>
    public static DualVector Atan(DualVector x) => Chain(ForwardRules<double>.Atan(x.Value), x);
    /// <summary>Hyperbolic sine.</summary><param name="x">Argument.</param><returns>sinh x.</returns>
    public static DualVector Sinh(DualVector x) => Chain(ForwardRules<double>.Sinh(x.Value), x);
    /// <summary>Hyperbolic cosine.</summary><param name="x">Argument.</param><returns>cosh x.</returns>
    public static DualVector Cosh(DualVector x) => Chain(ForwardRules<double>.Cosh(x.Value), x);
    /// <summary>Hyperbolic tangent.</summary><param name="x">Argument.</param><returns>tanh x.</returns>
    public static DualVector Tanh(DualVector x) => Chain(ForwardRules<double>.Tanh(x.Value), x);
    /// <summary>Inverse hyperbolic sine.</summary><param name="x">Argument.</param><returns>asinh x.</returns>
    public static DualVector Asinh(DualVector x) => Chain(ForwardRules<double>.Asinh(x.Value), x);
    /// <summary>Inverse hyperbolic cosine.</summary><param name="x">Argument.</param><returns>acosh x.</returns>
    public static DualVector Acosh(DualVector x) => Chain(ForwardRules<double>.Acosh(x.Value), x);
    /// <summary>Inverse hyperbolic tangent.</summary><param name="x">Argument.</param><returns>atanh x.</returns>
    public static DualVector Atanh(DualVector x) => Chain(ForwardRules<double>.Atanh(x.Value), x);
    /// <summary>Absolute value (derivative 0 at 0).</summary><param name="x">Argument.</param><returns>|x|.</returns>
    public static DualVector Abs(DualVector x) => Chain(ForwardRules<double>.Abs(x.Value), x);
    /// <summary>Sign as a number (derivative 0).</summary><param name="x">Argument.</param><returns>sign x.</returns>
    public static DualVector Sign(DualVector x) => Chain(ForwardRules<double>.Sign(x.Value), x);
    /// <summary>Error function.</summary><param name="x">Argument.</param><returns>erf x.</returns>
    public static DualVector Erf(DualVector x) => Chain(ForwardRules<double>.Erf(x.Value), x);
    /// <summary>Power with a constant exponent.</summary><param name="x">Base.</param><param name="c">Exponent.</param><returns>xᶜ.</returns>
    public static DualVector Pow(DualVector x, double c) => Chain(ForwardRules<double>.PowConstant(x.Value, c), x);
    /// <summary>Power.</summary><param name="x">Base.</param><param name="y">Exponent.</param><returns>xʸ.</returns>
    public static DualVector Pow(DualVector x, DualVector y) => Chain(ForwardRules<double>.Pow(x.Value, y.Value), x, y);
    /// <summary>Two-argument arctangent.</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>atan2(y, x).</returns>
    public static DualVector Atan2(DualVector y, DualVector x) => Chain(ForwardRules<double>.Atan2(y.Value, x.Value), y, x);
    /// <summary>Euclidean length.</summary><param name="x">First leg.</param><param name="y">Second leg.</param><returns>√(x² + y²).</returns>
    public static DualVector Hypot(DualVector x, DualVector y) => Chain(ForwardRules<double>.Hypot(x.Value, y.Value), x, y);
    /// <summary>Minimum (weights ½ at a tie).</summary><param name="x">First.</param><param name="y">Second.</param><returns>min(x, y).</returns>
    public static DualVector Min(DualVector x, DualVector y) => Chain(ForwardRules<double>.Min(x.Value, y.Value), x, y);
    /// <summary>Maximum (weights ½ at a tie).</summary><param name="x">First.</param><param name="y">Second.</param><returns>max(x, y).</returns>
    public static DualVector Max(DualVector x, DualVector y) => Chain(ForwardRules<double>.Max(x.Value, y.Value), x, y);

    /// <summary>Gamma function.</summary><param name="x">Argument.</param><returns>Γ(x).</returns>
    public static DualVector Gamma(DualVector x) => Chain(ForwardRules<double>.Gamma(x.Value), x);
    /// <summary>Log-gamma log |Γ(x)|.</summary><param name="x">Argument.</param><returns>lgamma x.</returns>
    public static DualVector LogGamma(DualVector x) => Chain(ForwardRules<double>.LogGamma(x.Value), x);
    /// <summary>Digamma ψ(x).</summary><param name="x">Argument.</param><returns>ψ(x).</returns>
    public static DualVector Digamma(DualVector x) => Chain(ForwardRules<double>.Digamma(x.Value), x);
    /// <summary>Complementary error function.</summary><param name="x">Argument.</param><returns>erfc x.</returns>
    public static DualVector Erfc(DualVector x) => Chain(ForwardRules<double>.Erfc(x.Value), x);
    /// <summary>Inverse error function.</summary><param name="x">Argument.</param><returns>erfinv x.</returns>
    public static DualVector ErfInv(DualVector x) => Chain(ForwardRules<double>.ErfInv(x.Value), x);
    /// <summary>Airy function Ai.</summary><param name="x">Argument.</param><returns>Ai(x).</returns>
    public static DualVector AiryAi(DualVector x) => Chain(ForwardRules<double>.AiryAi(x.Value), x);
    /// <summary>Airy function Bi.</summary><param name="x">Argument.</param><returns>Bi(x).</returns>
    public static DualVector AiryBi(DualVector x) => Chain(ForwardRules<double>.AiryBi(x.Value), x);
    /// <summary>Derivative of the Airy function Ai.</summary><param name="x">Argument.</param><returns>Ai′(x).</returns>
    public static DualVector AiryAiPrime(DualVector x) => Chain(ForwardRules<double>.AiryAiPrime(x.Value), x);
    /// <summary>Derivative of the Airy function Bi.</summary><param name="x">Argument.</param><returns>Bi′(x).</returns>
    public static DualVector AiryBiPrime(DualVector x) => Chain(ForwardRules<double>.AiryBiPrime(x.Value), x);
    /// <summary>Logistic sigmoid (stable for large |x|).</summary><param name="x">Argument.</param><returns>σ(x).</returns>
    public static DualVector Sigmoid(DualVector x) => Chain(ForwardRules<double>.Sigmoid(x.Value), x);
    /// <summary>Softplus log(1 + eˣ) (stable for large |x|).</summary><param name="x">Argument.</param><returns>softplus x.</returns>
    public static DualVector Softplus(DualVector x) => Chain(ForwardRules<double>.Softplus(x.Value), x);
    /// <summary>Polygamma of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>ψ⁽ⁿ⁾(x).</returns>
    public static DualVector Polygamma(DualVector n, DualVector x) => Ordered(Functions.Polygamma, ForwardRules<double>.Polygamma(n.Value, x.Value), n, x);
    /// <summary>Bessel J of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Jₙ(x).</returns>
    public static DualVector BesselJ(DualVector n, DualVector x) => Ordered(Functions.BesselJ, ForwardRules<double>.BesselJ(n.Value, x.Value), n, x);
    /// <summary>Bessel Y of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Yₙ(x).</returns>
    public static DualVector BesselY(DualVector n, DualVector x) => Ordered(Functions.BesselY, ForwardRules<double>.BesselY(n.Value, x.Value), n, x);
    /// <summary>Modified Bessel I of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Iₙ(x).</returns>
    public static DualVector BesselI(DualVector n, DualVector x) => Ordered(Functions.BesselI, ForwardRules<double>.BesselI(n.Value, x.Value), n, x);
    /// <summary>Modified Bessel K of integer order n (no derivative in n).</summary><param name="n">Order.</param><param name="x">Argument.</param><returns>Kₙ(x).</returns>
    public static DualVector BesselK(DualVector n, DualVector x) => Ordered(Functions.BesselK, ForwardRules<double>.BesselK(n.Value, x.Value), n, x);
    /// <summary>Logarithm to the base b.</summary><param name="b">Base.</param><param name="x">Argument.</param><returns>log_b x.</returns>
    public static DualVector LogBase(DualVector b, DualVector x) => Chain(ForwardRules<double>.LogBase(b.Value, x.Value), b, x);
    /// <summary>Beta function.</summary><param name="a">First.</param><param name="b">Second.</param><returns>B(a, b).</returns>
    public static DualVector Beta(DualVector a, DualVector b) => Chain(ForwardRules<double>.Beta(a.Value, b.Value), a, b);
    /// <summary>log Σ e^(xᵢ), computed stably.</summary><param name="x">Arguments (at least one).</param><returns>logsumexp(x).</returns>
    public static DualVector LogSumExp(params DualVector[] x)
    {
        var (value, partials) = ForwardRules<double>.LogSumExp(Array.ConvertAll(x, d => d.Value));
        var result = Chain((value, partials[0]), x[0]);
        for (var i = 1; i < x.Length; i++)
        {
            result = Chain((value, 1.0, partials[i]), result, x[i]);
        }

        return result;
    }

    // f(n, x) with an integer order n: the tangents come from x alone; tangents on n are refused, naming it.
    private static DualVector Ordered(FunctionInfo f, (double Value, double Slope) rule, DualVector n, DualVector x)
    {
        foreach (var t in n.Tangent)
        {
            if (t != 0)
            {
                throw Symbolic.DerivativeRules.NotDifferentiable(f, 0);
            }
        }

        return Chain(rule, x);
    }

    /// <summary>Any one-argument registry function: a built-in by this engine's rule card, a user primitive by its registered rule.</summary><param name="function">The function.</param><param name="x">Argument.</param><returns>f(x).</returns>
    public static DualVector Apply(FunctionInfo function, DualVector x) =>
        function.Rule is null ? ForwardRules.Unary<DualVector>(function)(x) : Chain(ForwardRules<double>.Custom(function, x.Value), x);

    /// <summary>Any two-argument registry function: a built-in by this engine's rule card, a user primitive by its registered partials.</summary><param name="function">The function.</param><param name="x">First argument.</param><param name="y">Second argument.</param><returns>f(x, y).</returns>
    public static DualVector Apply(FunctionInfo function, DualVector x, DualVector y) =>
        function.Rule is null ? ForwardRules.Binary<DualVector>(function)(x, y) : Chain(ForwardRules<double>.Custom(function, x.Value, y.Value), x, y);

    /// <summary>Any registry function on an argument array: a variadic built-in (logsumexp) by this engine's card, others by their arity.</summary><param name="function">The function.</param><param name="args">Arguments.</param><returns>f(args).</returns>
    public static DualVector Apply(FunctionInfo function, DualVector[] args) =>
        function.IsVariadic ? ForwardRules.Nary<DualVector>(function)(args) : FunctionBinder.ApplyAll(function, args);

    // ---- object members -----------------------------------------------------------------------------
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DualVector other && this == other;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"{Value} + [{string.Join(", ", Tangent.ToArray())}]ε";
}

/// <summary>
/// The per-thread storage of <see cref="DualVector"/> tangent rows: a growable buffer of rows of
/// equal width n, reset at the start of every pass and reused afterwards, so steady-state
/// multi-tangent evaluation allocates nothing.
/// </summary>
public static class TangentArena
{
    [ThreadStatic]
    private static double[]? _buffer;

    [ThreadStatic]
    private static int _width;

    [ThreadStatic]
    private static int _rows;

    [ThreadStatic]
    private static bool _active;

    /// <summary>The number of tangents per row in the current session on this thread.</summary>
    public static int Width => _width;

    /// <summary>The number of rows used so far in the current session on this thread.</summary>
    public static int RowCount => _rows;

    /// <summary>Starts a session of width <paramref name="width"/> on this thread, discarding earlier rows.</summary>
    /// <param name="width">The number of tangents (seed directions).</param>
    /// <returns>A handle that ends the session when disposed.</returns>
    /// <exception cref="InvalidOperationException">A session is already active on this thread.</exception>
    public static Session Begin(int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        if (_active)
        {
            throw new InvalidOperationException("A DualVector session is already active on this thread; sessions do not nest.");
        }

        _active = true;
        _width = width;
        _rows = 0;
        _buffer ??= new double[Math.Max(1024, width * 16)];
        return default;
    }

    internal static int NewRow()
    {
        if (!_active)
        {
            throw new InvalidOperationException("DualVector numbers need an active session: call TangentArena.Begin(n) first.");
        }

        var needed = (_rows + 1) * _width;
        if (needed > _buffer!.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        return _rows++;
    }

    internal static Span<double> Row(int row) => _buffer.AsSpan(row * _width, _width);

    /// <summary>Ends a <see cref="TangentArena"/> session (the rows stay allocated for reuse).</summary>
    public readonly struct Session : IDisposable
    {
        /// <summary>Ends the session on this thread.</summary>
        public void Dispose() => _active = false;
    }
}
