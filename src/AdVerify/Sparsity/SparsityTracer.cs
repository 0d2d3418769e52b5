using System.Runtime.CompilerServices;
using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Sparsity;

/// <summary>
/// A number that runs generic user code once to find which derivatives can be nonzero: it
/// carries its value (so branches follow the ordinary computation at the point) and the set of
/// inputs it depends on. Linear operations (sums, products with constants, abs, min, max) unite
/// the sets; nonlinear ones also note which pairs of inputs interact, which is where the
/// Hessian can be nonzero (a·b: every input of a with every input of b; f(a): every pair of
/// inputs of a). <see cref="SparsityPattern.Jacobian(AdVerify.Definitions.IVectorFunction, double[])"/> and <see cref="SparsityPattern.Hessian(AdVerify.Definitions.IScalarFunction, double[])"/>
/// use it; the result is a superset of the true pattern at the point (it ignores accidental
/// zeros such as cos(π/2)), so compressed derivatives recovered from it are exact.
/// </summary>
public readonly struct SparsityTracer : IAdScalar<SparsityTracer>
{
    private readonly int[]? _inputs; // sorted, shared between numbers (never mutated); null = none

    private SparsityTracer(double value, int[]? inputs)
    {
        Value = value;
        _inputs = inputs is { Length: 0 } ? null : inputs;
    }

    /// <summary>The value.</summary>
    public double Value { get; }

    /// <summary>The inputs the number depends on, in increasing order.</summary>
    public ReadOnlySpan<int> Inputs => _inputs;

    /// <summary>An input variable: the given value depending on input number <paramref name="index"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="index">The input's index (column of the Jacobian or Hessian).</param>
    /// <returns>The traced variable.</returns>
    public static SparsityTracer Variable(double value, int index) => new(value, [index]);

    /// <summary>Lifts a double to a constant (depending on no input).</summary>
    /// <param name="value">The value.</param>
    public static implicit operator SparsityTracer(double value) => new(value, null);

    // ---- the three kinds of operation -------------------------------------------------------------
    private static SparsityTracer Linear(double value, SparsityTracer a) => new(value, a._inputs);

    private static SparsityTracer Linear(double value, SparsityTracer a, SparsityTracer b) => new(value, Union(a._inputs, b._inputs));

    private static SparsityTracer Nonlinear(double value, SparsityTracer a)
    {
        HessianRecorder.Interact(a._inputs, a._inputs);
        return new(value, a._inputs);
    }

    private static SparsityTracer Nonlinear(double value, SparsityTracer a, SparsityTracer b)
    {
        var all = Union(a._inputs, b._inputs);
        HessianRecorder.Interact(all, all);
        return new(value, all);
    }

    private static SparsityTracer Bilinear(double value, SparsityTracer a, SparsityTracer b)
    {
        HessianRecorder.Interact(a._inputs, b._inputs);
        return new(value, Union(a._inputs, b._inputs));
    }

    private static int[]? Union(int[]? a, int[]? b)
    {
        if (a is null || ReferenceEquals(a, b))
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        var merged = new int[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            var next = Math.Min(a[i], b[j]);
            merged[k++] = next;
            i += a[i] == next ? 1 : 0;
            j += b[j] == next ? 1 : 0;
        }

        while (i < a.Length)
        {
            merged[k++] = a[i++];
        }

        while (j < b.Length)
        {
            merged[k++] = b[j++];
        }

        // Keep an operand's array when the union adds nothing to it, so sets stay shared.
        return k == a.Length ? a : k == b.Length ? b : merged[..k];
    }

    // ---- IAdScalar plumbing ---------------------------------------------------------------------
    /// <inheritdoc />
    public static double PrimalOf(SparsityTracer value) => value.Value;

    /// <inheritdoc />
    public static SparsityTracer Lift(double value) => new(value, null);

    /// <summary>The constant 0 (also visible to F# generic code, which does not see interface defaults).</summary>
    public static SparsityTracer Zero => Lift(0.0);

    /// <summary>The constant 1 (also visible to F# generic code, which does not see interface defaults).</summary>
    public static SparsityTracer One => Lift(1.0);

    // ---- arithmetic -------------------------------------------------------------------------------
    /// <summary>Sum (linear).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a + b.</returns>
    public static SparsityTracer operator +(SparsityTracer a, SparsityTracer b) => Linear(a.Value + b.Value, a, b);
    /// <summary>Difference (linear).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a − b.</returns>
    public static SparsityTracer operator -(SparsityTracer a, SparsityTracer b) => Linear(a.Value - b.Value, a, b);
    /// <summary>Product (every input of a interacts with every input of b).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a · b.</returns>
    public static SparsityTracer operator *(SparsityTracer a, SparsityTracer b) => Bilinear(a.Value * b.Value, a, b);
    /// <summary>Quotient (nonlinear in the divisor).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a / b.</returns>
    public static SparsityTracer operator /(SparsityTracer a, SparsityTracer b)
    {
        HessianRecorder.Interact(b._inputs, b._inputs);
        return Bilinear(a.Value / b.Value, a, b);
    }

    /// <summary>Negation (linear).</summary><param name="a">Operand.</param><returns>−a.</returns>
    public static SparsityTracer operator -(SparsityTracer a) => Linear(-a.Value, a);
    /// <summary>Sum with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a + c.</returns>
    public static SparsityTracer operator +(SparsityTracer a, double c) => Linear(a.Value + c, a);
    /// <summary>Sum with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c + a.</returns>
    public static SparsityTracer operator +(double c, SparsityTracer a) => Linear(c + a.Value, a);
    /// <summary>Difference with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a − c.</returns>
    public static SparsityTracer operator -(SparsityTracer a, double c) => Linear(a.Value - c, a);
    /// <summary>Difference with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c − a.</returns>
    public static SparsityTracer operator -(double c, SparsityTracer a) => Linear(c - a.Value, a);
    /// <summary>Product with a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a · c.</returns>
    public static SparsityTracer operator *(SparsityTracer a, double c) => Linear(a.Value * c, a);
    /// <summary>Product with a double.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c · a.</returns>
    public static SparsityTracer operator *(double c, SparsityTracer a) => Linear(c * a.Value, a);
    /// <summary>Quotient by a double.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a / c.</returns>
    public static SparsityTracer operator /(SparsityTracer a, double c) => Linear(a.Value / c, a);
    /// <summary>Quotient of a double (nonlinear).</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c / a.</returns>
    public static SparsityTracer operator /(double c, SparsityTracer a) => Nonlinear(c / a.Value, a);

    // ---- comparisons (values, so branches follow the ordinary computation) -------------------------
    /// <summary>Value equality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values are equal.</returns>
    public static bool operator ==(SparsityTracer a, SparsityTracer b) => a.Value == b.Value;
    /// <summary>Value inequality.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when the values differ.</returns>
    public static bool operator !=(SparsityTracer a, SparsityTracer b) => a.Value != b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &lt; b.</returns>
    public static bool operator <(SparsityTracer a, SparsityTracer b) => a.Value < b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a &gt; b.</returns>
    public static bool operator >(SparsityTracer a, SparsityTracer b) => a.Value > b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≤ b.</returns>
    public static bool operator <=(SparsityTracer a, SparsityTracer b) => a.Value <= b.Value;
    /// <summary>Value order.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when a ≥ b.</returns>
    public static bool operator >=(SparsityTracer a, SparsityTracer b) => a.Value >= b.Value;

    // ---- elementary functions: smooth ones are nonlinear, piecewise-linear ones linear ------------------
    /// <summary>Square root.</summary><param name="x">Argument.</param><returns>√x.</returns>
    public static SparsityTracer Sqrt(SparsityTracer x) => Nonlinear(Math.Sqrt(x.Value), x);
    /// <summary>Cube root.</summary><param name="x">Argument.</param><returns>∛x.</returns>
    public static SparsityTracer Cbrt(SparsityTracer x) => Nonlinear(Math.Cbrt(x.Value), x);
    /// <summary>Exponential.</summary><param name="x">Argument.</param><returns>eˣ.</returns>
    public static SparsityTracer Exp(SparsityTracer x) => Nonlinear(Math.Exp(x.Value), x);
    /// <summary>Natural logarithm.</summary><param name="x">Argument.</param><returns>ln x.</returns>
    public static SparsityTracer Log(SparsityTracer x) => Nonlinear(Math.Log(x.Value), x);
    /// <summary>Base-10 logarithm.</summary><param name="x">Argument.</param><returns>log₁₀ x.</returns>
    public static SparsityTracer Log10(SparsityTracer x) => Nonlinear(Math.Log10(x.Value), x);
    /// <summary>Base-2 logarithm.</summary><param name="x">Argument.</param><returns>log₂ x.</returns>
    public static SparsityTracer Log2(SparsityTracer x) => Nonlinear(Math.Log2(x.Value), x);
    /// <summary>Sine.</summary><param name="x">Argument.</param><returns>sin x.</returns>
    public static SparsityTracer Sin(SparsityTracer x) => Nonlinear(Math.Sin(x.Value), x);
    /// <summary>Cosine.</summary><param name="x">Argument.</param><returns>cos x.</returns>
    public static SparsityTracer Cos(SparsityTracer x) => Nonlinear(Math.Cos(x.Value), x);
    /// <summary>Tangent.</summary><param name="x">Argument.</param><returns>tan x.</returns>
    public static SparsityTracer Tan(SparsityTracer x) => Nonlinear(Math.Tan(x.Value), x);
    /// <summary>Secant.</summary><param name="x">Argument.</param><returns>sec x.</returns>
    public static SparsityTracer Sec(SparsityTracer x) => Nonlinear(1 / Math.Cos(x.Value), x);
    /// <summary>Cosecant.</summary><param name="x">Argument.</param><returns>csc x.</returns>
    public static SparsityTracer Csc(SparsityTracer x) => Nonlinear(1 / Math.Sin(x.Value), x);
    /// <summary>Cotangent.</summary><param name="x">Argument.</param><returns>cot x.</returns>
    public static SparsityTracer Cot(SparsityTracer x) => Nonlinear(1 / Math.Tan(x.Value), x);
    /// <summary>Inverse sine.</summary><param name="x">Argument.</param><returns>asin x.</returns>
    public static SparsityTracer Asin(SparsityTracer x) => Nonlinear(Math.Asin(x.Value), x);
    /// <summary>Inverse cosine.</summary><param name="x">Argument.</param><returns>acos x.</returns>
    public static SparsityTracer Acos(SparsityTracer x) => Nonlinear(Math.Acos(x.Value), x);
    /// <summary>Inverse tangent.</summary><param name="x">Argument.</param><returns>atan x.</returns>
    public static SparsityTracer Atan(SparsityTracer x) => Nonlinear(Math.Atan(x.Value), x);
    /// <summary>Hyperbolic sine.</summary><param name="x">Argument.</param><returns>sinh x.</returns>
    public static SparsityTracer Sinh(SparsityTracer x) => Nonlinear(Math.Sinh(x.Value), x);
    /// <summary>Hyperbolic cosine.</summary><param name="x">Argument.</param><returns>cosh x.</returns>
    public static SparsityTracer Cosh(SparsityTracer x) => Nonlinear(Math.Cosh(x.Value), x);
    /// <summary>Hyperbolic tangent.</summary><param name="x">Argument.</param><returns>tanh x.</returns>
    public static SparsityTracer Tanh(SparsityTracer x) => Nonlinear(Math.Tanh(x.Value), x);
    /// <summary>Inverse hyperbolic sine.</summary><param name="x">Argument.</param><returns>asinh x.</returns>
    public static SparsityTracer Asinh(SparsityTracer x) => Nonlinear(Math.Asinh(x.Value), x);
    /// <summary>Inverse hyperbolic cosine.</summary><param name="x">Argument.</param><returns>acosh x.</returns>
    public static SparsityTracer Acosh(SparsityTracer x) => Nonlinear(Math.Acosh(x.Value), x);
    /// <summary>Inverse hyperbolic tangent.</summary><param name="x">Argument.</param><returns>atanh x.</returns>
    public static SparsityTracer Atanh(SparsityTracer x) => Nonlinear(Math.Atanh(x.Value), x);
    /// <summary>Absolute value (piecewise linear: no second derivative).</summary><param name="x">Argument.</param><returns>|x|.</returns>
    public static SparsityTracer Abs(SparsityTracer x) => Linear(Math.Abs(x.Value), x);
    /// <summary>Sign (derivative 0: depends on no input).</summary><param name="x">Argument.</param><returns>sign x.</returns>
    public static SparsityTracer Sign(SparsityTracer x) => new(double.IsNaN(x.Value) ? x.Value : Math.Sign(x.Value), null);
    /// <summary>Error function.</summary><param name="x">Argument.</param><returns>erf x.</returns>
    public static SparsityTracer Erf(SparsityTracer x) => Nonlinear(Real.Erf(x.Value), x);
    /// <summary>Power.</summary><param name="x">Base.</param><param name="y">Exponent.</param><returns>xʸ.</returns>
    public static SparsityTracer Pow(SparsityTracer x, SparsityTracer y) => Nonlinear(Math.Pow(x.Value, y.Value), x, y);
    /// <summary>Two-argument arctangent.</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>atan2(y, x).</returns>
    public static SparsityTracer Atan2(SparsityTracer y, SparsityTracer x) => Nonlinear(Math.Atan2(y.Value, x.Value), y, x);
    /// <summary>Euclidean length.</summary><param name="x">First leg.</param><param name="y">Second leg.</param><returns>√(x² + y²).</returns>
    public static SparsityTracer Hypot(SparsityTracer x, SparsityTracer y) => Nonlinear(double.Hypot(x.Value, y.Value), x, y);
    /// <summary>Minimum (piecewise linear).</summary><param name="x">First.</param><param name="y">Second.</param><returns>min(x, y).</returns>
    public static SparsityTracer Min(SparsityTracer x, SparsityTracer y) => Linear(Math.Min(x.Value, y.Value), x, y);
    /// <summary>Maximum (piecewise linear).</summary><param name="x">First.</param><param name="y">Second.</param><returns>max(x, y).</returns>
    public static SparsityTracer Max(SparsityTracer x, SparsityTracer y) => Linear(Math.Max(x.Value, y.Value), x, y);

    /// <summary>A one-argument user primitive (taken as nonlinear).</summary><param name="function">The primitive.</param><param name="x">Argument.</param><returns>f(x).</returns>
    public static SparsityTracer Apply(FunctionInfo function, SparsityTracer x)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Nonlinear(function.Evaluate(x.Value), x);
    }

    /// <summary>A two-argument user primitive (taken as nonlinear in both).</summary><param name="function">The primitive.</param><param name="x">First argument.</param><param name="y">Second argument.</param><returns>f(x, y).</returns>
    public static SparsityTracer Apply(FunctionInfo function, SparsityTracer x, SparsityTracer y)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Nonlinear(function.Evaluate(x.Value, y.Value), x, y);
    }

    /// <summary>A function of any number of arguments (logsumexp, …), taken as nonlinear in all of them.</summary><param name="function">The function.</param><param name="args">The arguments.</param><returns>f(args).</returns>
    public static SparsityTracer Apply(FunctionInfo function, SparsityTracer[] args)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        int[]? all = null;
        foreach (var a in args)
        {
            all = Union(all, a._inputs);
        }

        HessianRecorder.Interact(all, all);
        return new(function.Evaluate(args.Select(a => a.Value).ToArray()), all);
    }

    // ---- object members -----------------------------------------------------------------------------
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SparsityTracer other && this == other;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"{Value} (inputs {{{string.Join(", ", (_inputs ?? []).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))}}})";
}

/// <summary>Collects, per thread, the pairs of inputs that nonlinear operations make interact (the Hessian pattern).</summary>
internal static class HessianRecorder
{
    [ThreadStatic]
    private static HashSet<(int, int)>? _pairs;

    /// <summary>Starts collecting on this thread; disposing the scope stops and returns nothing (read <see cref="Scope.Pairs"/> first).</summary>
    public static Scope Begin()
    {
        var previous = _pairs;
        _pairs = [];
        return new Scope(previous);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interact(int[]? a, int[]? b)
    {
        if (_pairs is { } pairs && a is not null && b is not null)
        {
            Add(pairs, a, b);
        }
    }

    private static void Add(HashSet<(int, int)> pairs, int[] a, int[] b)
    {
        foreach (var i in a)
        {
            foreach (var j in b)
            {
                pairs.Add(i <= j ? (i, j) : (j, i));
            }
        }
    }

    /// <summary>An active collection; restores the previous one when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly HashSet<(int, int)>? _previous;

        internal Scope(HashSet<(int, int)>? previous) => _previous = previous;

        /// <summary>The pairs collected so far (each once, smaller index first).</summary>
        public IReadOnlyCollection<(int, int)> Pairs => _pairs ?? [];

        /// <summary>Stops collecting.</summary>
        public void Dispose() => _pairs = _previous;
    }
}
