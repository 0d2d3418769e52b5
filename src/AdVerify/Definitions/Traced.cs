using System.Globalization;
using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Definitions;

/// <summary>
/// The tracing scalar: running generic code on it records each operation as a step of a
/// <see cref="Computation"/>, so one C# or F# definition becomes an expression the symbolic
/// engine can differentiate, print and compile. Loops whose trip count does not depend on values
/// unroll; a comparison or branch on a value throws <see cref="ConcretizationException"/> unless
/// the trace is taken at a point (<see cref="Trace.At"/>), where it follows that point's branch.
/// Use it through <see cref="Trace"/>; it only works while a trace is running on this thread.
/// </summary>
public readonly struct Traced : IAdScalar<Traced>
{
    [ThreadStatic]
    private static ComputationBuilder? _builder;

    internal Traced(int step) => Step = step;

    /// <summary>The index of the step that produced this value in the running trace.</summary>
    public int Step { get; }

    internal static ComputationBuilder Builder =>
        _builder ?? throw new InvalidOperationException("Traced numbers exist only while Trace.Symbolic or Trace.At runs a function.");

    /// <summary>Runs <paramref name="body"/> with <paramref name="builder"/> as this thread's trace.</summary>
    internal static TResult With<TResult>(ComputationBuilder builder, Func<TResult> body)
    {
        var previous = _builder;
        _builder = builder;
        try
        {
            return body();
        }
        finally
        {
            _builder = previous;
        }
    }

    internal static Traced Constant(double value, Expr? exact) => new(Builder.Constant(value, exact));

    private static Traced Op(OpCode code, Traced a, Traced b) => new(Builder.Op(code, a.Step, b.Step));

    /// <summary>
    /// Answers a comparison at the traced point (a − b as −1, 0 or 1 by value) and records it: where
    /// both sides are equal the code switches branches, which the verifier treats as a possible kink.
    /// </summary>
    private static int Compare(Traced a, Traced b, string op)
    {
        var operation = "the comparison " + op;
        var result = Concrete(a, operation).CompareTo(Concrete(b, operation));
        Builder.Compare(a.Step, b.Step, op);
        return result;
    }

    private static double Concrete(Traced x, string operation)
    {
        var b = Builder;
        return b.HasValues ? b.ValueOf(x.Step) : throw new ConcretizationException(operation);
    }

    // ---- IAdScalar plumbing ---------------------------------------------------------------------
    /// <inheritdoc />
    public static double PrimalOf(Traced value) => Concrete(value, "an operation that needs a concrete value (a comparison, a branch, rounding or a conversion to double)");

    /// <inheritdoc />
    public static Traced Lift(double value) => Constant(value, null);

    /// <inheritdoc />
    public static Traced Apply(FunctionInfo function, Traced x) => new(Builder.Call(function, x.Step));

    /// <inheritdoc />
    public static Traced Apply(FunctionInfo function, Traced x, Traced y) => new(Builder.Call(function, x.Step, y.Step));

    /// <summary>Records a call of any registry function on an argument array (a variadic one such as logsumexp).</summary><param name="function">The function.</param><param name="args">Arguments.</param><returns>The call's step.</returns>
    public static Traced Apply(FunctionInfo function, Traced[] args) => new(Builder.Call(function, Array.ConvertAll(args, a => a.Step)));

    /// <summary>The constant 0.</summary>
    public static Traced Zero => Lift(0.0);

    /// <summary>The constant 1.</summary>
    public static Traced One => Lift(1.0);

    // ---- arithmetic: one step each --------------------------------------------------------------------
    /// <summary>Sum.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a + b.</returns>
    public static Traced operator +(Traced a, Traced b) => Op(OpCode.Add, a, b);
    /// <summary>Difference.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a − b.</returns>
    public static Traced operator -(Traced a, Traced b) => Op(OpCode.Subtract, a, b);
    /// <summary>Product.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a · b.</returns>
    public static Traced operator *(Traced a, Traced b) => Op(OpCode.Multiply, a, b);
    /// <summary>Quotient.</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a / b.</returns>
    public static Traced operator /(Traced a, Traced b) => Op(OpCode.Divide, a, b);
    /// <summary>Negation.</summary><param name="a">Operand.</param><returns>−a.</returns>
    public static Traced operator -(Traced a) => new(Builder.Op(OpCode.Negate, a.Step));

    // ---- arithmetic with a double on either side (for F# and concrete code; the double becomes a constant step) ----
    /// <summary>Sum with a constant.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a + c.</returns>
    public static Traced operator +(Traced a, double c) => a + Lift(c);
    /// <summary>Sum with a constant.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c + a.</returns>
    public static Traced operator +(double c, Traced a) => Lift(c) + a;
    /// <summary>Difference with a constant.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a − c.</returns>
    public static Traced operator -(Traced a, double c) => a - Lift(c);
    /// <summary>Difference with a constant.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c − a.</returns>
    public static Traced operator -(double c, Traced a) => Lift(c) - a;
    /// <summary>Product with a constant.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a · c.</returns>
    public static Traced operator *(Traced a, double c) => a * Lift(c);
    /// <summary>Product with a constant.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c · a.</returns>
    public static Traced operator *(double c, Traced a) => Lift(c) * a;
    /// <summary>Quotient by a constant.</summary><param name="a">Left.</param><param name="c">Right.</param><returns>a / c.</returns>
    public static Traced operator /(Traced a, double c) => a / Lift(c);
    /// <summary>Quotient of a constant.</summary><param name="c">Left.</param><param name="a">Right.</param><returns>c / a.</returns>
    public static Traced operator /(double c, Traced a) => Lift(c) / a;

    // ---- exact constants: the symbolic engine sees π and e, not their double approximations ----
    /// <summary>The constant π, recorded exactly (its double is <see cref="Math.PI"/>).</summary>
    public static Traced Pi => Constant(Math.PI, Expr.Pi);

    /// <summary>The constant e, recorded exactly (its double is <see cref="Math.E"/>).</summary>
    public static Traced E => Constant(Math.E, Expr.E);

    /// <summary>The constant τ = 2π, recorded exactly.</summary>
    public static Traced Tau => Constant(Math.Tau, Expr.Multiply(Expr.Two, Expr.Pi));

    // ---- comparisons: only at a point ------------------------------------------------------------------
    /// <summary>Equality of values (only when tracing at a point).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when equal at the point.</returns>
    public static bool operator ==(Traced a, Traced b) => Compare(a, b, "==") == 0;
    /// <summary>Inequality of values (only when tracing at a point).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>True when different at the point.</returns>
    public static bool operator !=(Traced a, Traced b) => Compare(a, b, "!=") != 0;
    /// <summary>Order of values (only when tracing at a point).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a &lt; b at the point.</returns>
    public static bool operator <(Traced a, Traced b) => Compare(a, b, "<") < 0;
    /// <summary>Order of values (only when tracing at a point).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a &gt; b at the point.</returns>
    public static bool operator >(Traced a, Traced b) => Compare(a, b, ">") > 0;
    /// <summary>Order of values (only when tracing at a point).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a ≤ b at the point.</returns>
    public static bool operator <=(Traced a, Traced b) => Compare(a, b, "<=") <= 0;
    /// <summary>Order of values (only when tracing at a point).</summary><param name="a">Left.</param><param name="b">Right.</param><returns>a ≥ b at the point.</returns>
    public static bool operator >=(Traced a, Traced b) => Compare(a, b, ">=") >= 0;

    /// <summary>
    /// Compares values (only when tracing at a point). F#'s <c>&lt;</c>, <c>&gt;</c>, <c>compare</c>,
    /// <c>min</c> and <c>max</c> call this, so a symbolic trace names it in its concretization error.
    /// </summary>
    /// <param name="obj">Another traced number.</param>
    /// <returns>The order of the two values at the point.</returns>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        Traced other => CompareValues(this, other),
        _ => throw new ArgumentException($"a traced number cannot be compared with a {obj.GetType().Name}", nameof(obj)),
    };

    /// <summary>Compares values (only when tracing at a point).</summary>
    /// <param name="other">Another traced number.</param>
    /// <returns>The order of the two values at the point.</returns>
    int IComparable<Traced>.CompareTo(Traced other) => CompareValues(this, other);

    private static int CompareValues(Traced a, Traced b)
    {
        const string operation = "a comparison (CompareTo, which F#'s <, >, compare, min and max call)";
        var result = Concrete(a, operation).CompareTo(Concrete(b, operation));
        Builder.Compare(a.Step, b.Step, "compare");
        return result;
    }

    // ---- functions: one call step each (the registry's functions) ------------------------------------------
    /// <summary>Square root.</summary><param name="x">Argument.</param><returns>√x.</returns>
    public static Traced Sqrt(Traced x) => Apply(Functions.Sqrt, x);
    /// <summary>Cube root.</summary><param name="x">Argument.</param><returns>∛x.</returns>
    public static Traced Cbrt(Traced x) => Apply(Functions.Cbrt, x);
    /// <summary>Exponential.</summary><param name="x">Argument.</param><returns>eˣ.</returns>
    public static Traced Exp(Traced x) => Apply(Functions.Exp, x);
    /// <summary>Natural logarithm.</summary><param name="x">Argument.</param><returns>ln x.</returns>
    public static Traced Log(Traced x) => Apply(Functions.Log, x);
    /// <summary>Base-10 logarithm.</summary><param name="x">Argument.</param><returns>log₁₀ x.</returns>
    public static Traced Log10(Traced x) => Apply(Functions.Log10, x);
    /// <summary>Base-2 logarithm.</summary><param name="x">Argument.</param><returns>log₂ x.</returns>
    public static Traced Log2(Traced x) => Apply(Functions.Log2, x);
    /// <summary>Sine.</summary><param name="x">Argument.</param><returns>sin x.</returns>
    public static Traced Sin(Traced x) => Apply(Functions.Sin, x);
    /// <summary>Cosine.</summary><param name="x">Argument.</param><returns>cos x.</returns>
    public static Traced Cos(Traced x) => Apply(Functions.Cos, x);
    /// <summary>Tangent.</summary><param name="x">Argument.</param><returns>tan x.</returns>
    public static Traced Tan(Traced x) => Apply(Functions.Tan, x);
    /// <summary>Inverse sine.</summary><param name="x">Argument.</param><returns>asin x.</returns>
    public static Traced Asin(Traced x) => Apply(Functions.Asin, x);
    /// <summary>Inverse cosine.</summary><param name="x">Argument.</param><returns>acos x.</returns>
    public static Traced Acos(Traced x) => Apply(Functions.Acos, x);
    /// <summary>Inverse tangent.</summary><param name="x">Argument.</param><returns>atan x.</returns>
    public static Traced Atan(Traced x) => Apply(Functions.Atan, x);
    /// <summary>Hyperbolic sine.</summary><param name="x">Argument.</param><returns>sinh x.</returns>
    public static Traced Sinh(Traced x) => Apply(Functions.Sinh, x);
    /// <summary>Hyperbolic cosine.</summary><param name="x">Argument.</param><returns>cosh x.</returns>
    public static Traced Cosh(Traced x) => Apply(Functions.Cosh, x);
    /// <summary>Hyperbolic tangent.</summary><param name="x">Argument.</param><returns>tanh x.</returns>
    public static Traced Tanh(Traced x) => Apply(Functions.Tanh, x);
    /// <summary>Inverse hyperbolic sine.</summary><param name="x">Argument.</param><returns>asinh x.</returns>
    public static Traced Asinh(Traced x) => Apply(Functions.Asinh, x);
    /// <summary>Inverse hyperbolic cosine.</summary><param name="x">Argument.</param><returns>acosh x.</returns>
    public static Traced Acosh(Traced x) => Apply(Functions.Acosh, x);
    /// <summary>Inverse hyperbolic tangent.</summary><param name="x">Argument.</param><returns>atanh x.</returns>
    public static Traced Atanh(Traced x) => Apply(Functions.Atanh, x);
    /// <summary>Absolute value.</summary><param name="x">Argument.</param><returns>|x|.</returns>
    public static Traced Abs(Traced x) => Apply(Functions.Abs, x);
    /// <summary>Secant.</summary><param name="x">Argument.</param><returns>sec x.</returns>
    public static Traced Sec(Traced x) => Apply(Functions.Sec, x);
    /// <summary>Cosecant.</summary><param name="x">Argument.</param><returns>csc x.</returns>
    public static Traced Csc(Traced x) => Apply(Functions.Csc, x);
    /// <summary>Cotangent.</summary><param name="x">Argument.</param><returns>cot x.</returns>
    public static Traced Cot(Traced x) => Apply(Functions.Cot, x);
    /// <summary>The sign as a number (−1, 0 or 1; derivative 0).</summary><param name="x">Argument.</param><returns>sign x.</returns>
    public static Traced Sign(Traced x) => Apply(Functions.Sign, x);
    /// <summary>The error function.</summary><param name="x">Argument.</param><returns>erf x.</returns>
    public static Traced Erf(Traced x) => Apply(Functions.Erf, x);
    /// <summary>Power.</summary><param name="x">Base.</param><param name="y">Exponent.</param><returns>xʸ.</returns>
    public static Traced Pow(Traced x, Traced y) => Op(OpCode.Power, x, y);
    /// <summary>Power with a constant exponent.</summary><param name="x">Base.</param><param name="c">Exponent.</param><returns>xᶜ.</returns>
    public static Traced Pow(Traced x, double c) => Pow(x, Lift(c));
    /// <summary>Two-argument arctangent.</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>atan2(y, x).</returns>
    public static Traced Atan2(Traced y, Traced x) => Apply(Functions.Atan2, y, x);
    /// <summary>Euclidean length.</summary><param name="x">First leg.</param><param name="y">Second leg.</param><returns>hypot(x, y).</returns>
    public static Traced Hypot(Traced x, Traced y) => Apply(Functions.Hypot, x, y);
    /// <summary>Minimum (a kink where x = y, recorded as the registry's min).</summary><param name="x">First.</param><param name="y">Second.</param><returns>min(x, y).</returns>
    public static Traced Min(Traced x, Traced y) => Apply(Functions.Min, x, y);
    /// <summary>Maximum (a kink where x = y, recorded as the registry's max).</summary><param name="x">First.</param><param name="y">Second.</param><returns>max(x, y).</returns>
    public static Traced Max(Traced x, Traced y) => Apply(Functions.Max, x, y);

    // ---- object members -------------------------------------------------------------------------------------
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Traced other && other.Step == Step;

    /// <inheritdoc />
    public override int GetHashCode() => Step;

    /// <inheritdoc />
    public override string ToString() => "step " + Step.ToString(CultureInfo.InvariantCulture);
}
