using System.Globalization;
using System.Reflection;
using AdVerify.Expressions;

namespace AdVerify.Definitions;

/// <summary>
/// A function with named coordinates, as every consumer of AdVerify takes it: an expression
/// (kept as written), a one-definition type (<see cref="IScalarFunction"/>) run on every scalar,
/// or an opaque delegate that only gives values. The verifier, the NUnit constraints, the CLI and
/// the F# module all work from this one object.
/// </summary>
public sealed class Definition
{
    private readonly Func<double[], double>? _opaque;
    private readonly Lazy<(Computation? Trace, string? Reason)> _symbolic;

    private Definition(IReadOnlyList<string> variables, IScalarFunction? function, Func<double[], double>? opaque, Computation? written, string description)
    {
        Variables = Trace.CheckNames(variables);
        Function = function;
        _opaque = opaque;
        Written = written;
        Description = description;
        _symbolic = new(TraceSymbolic);
    }

    /// <summary>The coordinate names, in the order the function takes them.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The definition the engines run on every scalar; null for an opaque delegate.</summary>
    public IScalarFunction? Function { get; }

    /// <summary>The computation as written, when the definition is an expression (null for code).</summary>
    public Computation? Written { get; }

    /// <summary>What the definition is, for reports: the expression text, or the type's name.</summary>
    public string Description { get; }

    /// <summary>True when only values are known (no engine can run the code).</summary>
    public bool IsOpaque => Function is null;

    /// <summary>
    /// True for opaque code that computes in single precision (<see cref="OpaqueFloat32"/>): its point is
    /// rounded to float and finite differences use steps and tolerances for float32.
    /// </summary>
    public bool IsSinglePrecision { get; private init; }

    /// <summary>An expression parsed from infix text, kept in the author's order and grouping.</summary>
    /// <param name="text">The text, for example <c>log(x*y) + sin(z)</c>.</param>
    /// <returns>The definition; its variables are the expression's, sorted by name.</returns>
    /// <exception cref="ParseException">The text is not a valid expression.</exception>
    public static Definition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromComputation(Computation.Parse(text));
    }

    /// <summary>A canonical expression (evaluated in the order the expression lists its operands).</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variables">The coordinate order; null for the expression's variables sorted by name.</param>
    /// <returns>The definition.</returns>
    public static Definition FromExpr(Expr expr, IReadOnlyList<string>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var c = Computation.FromExpr(expr, variables);
        return new(c.Inputs, c, null, c, Infix.Format(expr));
    }

    /// <summary>A computation (parsed, traced or lowered) as a definition.</summary>
    /// <param name="computation">The computation.</param>
    /// <param name="description">What to call it in reports (default: its text).</param>
    /// <returns>The definition.</returns>
    public static Definition FromComputation(Computation computation, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(computation);
        return new(computation.Inputs, computation, null, computation, description ?? computation.Text ?? computation.ToString());
    }

    /// <summary>
    /// A one-definition function. Its coordinate names are <paramref name="variables"/>, or the
    /// type's <see cref="VariablesAttribute"/> when none are given.
    /// </summary>
    /// <param name="function">The function.</param>
    /// <param name="variables">The coordinate names (optional when the type carries <see cref="VariablesAttribute"/>).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentException">No names are given and the type has no <see cref="VariablesAttribute"/>.</exception>
    public static Definition Of(IScalarFunction function, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(function);
        var type = function.GetType();
        IReadOnlyList<string> names = variables.Length > 0 ? variables
            : type.GetCustomAttribute<VariablesAttribute>()?.Names
              ?? throw new ArgumentException(
                  $"{type.Name} does not name its coordinates: pass the names (Definition.Of(f, \"x\", \"y\")), give the dimension " +
                  $"(Definition.Of(f, dimension: 3) for x0, x1, x2), or put [Variables(\"x\", \"y\")] on the type", nameof(variables));
        return new(names, function, null, null, TypeName(type));
    }

    /// <summary>A one-definition function of <paramref name="dimension"/> coordinates named <c>x0, x1, …</c> (or by its <see cref="VariablesAttribute"/>).</summary>
    /// <param name="function">The function.</param>
    /// <param name="dimension">The number of coordinates.</param>
    /// <returns>The definition.</returns>
    public static Definition Of(IScalarFunction function, int dimension)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        var attribute = function.GetType().GetCustomAttribute<VariablesAttribute>()?.Names;
        if (attribute is not null && attribute.Count != dimension)
        {
            throw new ArgumentException($"{TypeName(function.GetType())} names {attribute.Count} coordinates but the dimension is {dimension}", nameof(dimension));
        }

        var names = attribute ?? Enumerable.Range(0, dimension).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new(names, function, null, null, TypeName(function.GetType()));
    }

    /// <summary>A function known only by its values (forward, reverse, symbolic and complex step cannot run it).</summary>
    /// <param name="value">The function; it must not keep or modify the array it is given.</param>
    /// <param name="variables">The coordinate names, in order.</param>
    /// <returns>The definition.</returns>
    public static Definition Opaque(Func<double[], double> value, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(variables, null, value, null, "opaque function of " + string.Join(", ", variables));
    }

    /// <summary>
    /// Opaque code that computes in single precision, known only by its values (<c>Func&lt;float[], float&gt;</c>):
    /// the verifier rounds the point to float and checks a claimed gradient against finite differences with
    /// float32 steps and tolerances (PyTorch's gradcheck needs double precision; this does not).
    /// </summary>
    /// <param name="value">The function; it must not keep or modify the array it is given.</param>
    /// <param name="variables">The coordinate names, in order.</param>
    /// <returns>The definition.</returns>
    public static Definition OpaqueFloat32(Func<float[], float> value, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(variables, null, x => value(Array.ConvertAll(x, v => (float)v)), null, "opaque float32 function of " + string.Join(", ", variables))
        {
            IsSinglePrecision = true,
        };
    }

    /// <summary>The value at a point, computed as the definition is written (opaque: by the delegate).</summary>
    /// <param name="x">One value per variable.</param>
    /// <returns>The value.</returns>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        if (x.Length != Variables.Count)
        {
            throw new ArgumentException($"the point has {x.Length} coordinate(s) but the function has {Variables.Count} variable(s) ({string.Join(", ", Variables)})", nameof(x));
        }

        return _opaque is not null ? _opaque(x.ToArray()) : Function!.Invoke(x);
    }

    /// <summary>
    /// The computation traced symbolically (valid everywhere), or null with the reason when the
    /// code branches on a value or is opaque. Computed once.
    /// </summary>
    /// <param name="reason">Why there is no symbolic trace.</param>
    /// <returns>The computation, or null.</returns>
    public Computation? SymbolicTrace(out string? reason)
    {
        (var trace, reason) = _symbolic.Value;
        return trace;
    }

    /// <summary>The computation traced at a point: branches are taken as at that point.</summary>
    /// <param name="x">One value per variable.</param>
    /// <returns>The computation (the written one itself for an expression).</returns>
    /// <exception cref="InvalidOperationException">The definition is opaque.</exception>
    public Computation TraceAt(ReadOnlySpan<double> x)
    {
        if (Written is not null)
        {
            return Written;
        }

        return Function is null
            ? throw new InvalidOperationException("an opaque function cannot be traced: only its values are known")
            : Trace.At(Function, Variables, x);
    }

    /// <summary>The canonical expression of the definition (symbolic trace).</summary>
    /// <returns>The expression.</returns>
    /// <exception cref="ConcretizationException">The code branches on a value (use <see cref="TraceAt"/>).</exception>
    /// <exception cref="InvalidOperationException">The definition is opaque.</exception>
    public Expr ToExpr()
    {
        if (Written is not null)
        {
            return Written.ToExpr();
        }

        if (Function is null)
        {
            throw new InvalidOperationException("an opaque function has no expression: only its values are known");
        }

        return Trace.Symbolic(Function, Variables).ToExpr();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Description} of ({string.Join(", ", Variables)})";

    private (Computation?, string?) TraceSymbolic()
    {
        if (Written is not null)
        {
            return (Written, null);
        }

        if (Function is null)
        {
            return (null, "the function is opaque (only its values are known)");
        }

        try
        {
            return (Trace.Symbolic(Function, Variables), null);
        }
        catch (ConcretizationException e)
        {
            return (null, $"the code cannot be traced symbolically: {e.Operation} depends on a value (traced at each point instead)");
        }
    }

    // Nested types are named Outer.Inner; a notebook's or script's generated wrapper class
    // (Submission#2) is not part of the user's name.
    private static string TypeName(Type t) =>
        t.DeclaringType is { } outer && !outer.Name.StartsWith("Submission#", StringComparison.Ordinal) ? TypeName(outer) + "." + t.Name : t.Name;
}
