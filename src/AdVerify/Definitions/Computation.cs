using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using AdVerify.Expressions;

namespace AdVerify.Definitions;

/// <summary>
/// A function as its author wrote it: a straight-line list of elementary steps (a Wengert list)
/// in the order and grouping of the text or code it came from. Values, claims, finite
/// differences, complex step, forward and reverse mode all run on this form, because that is
/// what the user's program computes (regrouping a sum changes its rounding); the canonical
/// expression (<see cref="ToExpr"/>) is the symbolic engine's working form. Built by the parser
/// (<see cref="Parse"/>), by tracing generic code (<see cref="Trace"/>), or from an expression
/// (<see cref="FromExpr"/>). It is itself an <see cref="IScalarFunction"/> of its inputs.
/// </summary>
public sealed partial class Computation : IScalarFunction
{
    private readonly Operation[] _ops;
    private Expr? _expr;

    internal Computation(IReadOnlyList<string> inputs, Operation[] ops, int output, string? text)
    {
        Inputs = inputs;
        _ops = ops;
        Output = output;
        Text = text;
    }

    /// <summary>The input variables, in the order <see cref="Invoke{T}"/> takes them.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The steps, each using only earlier steps.</summary>
    public IReadOnlyList<Operation> Operations => _ops;

    /// <summary>The index of the step whose value is the result.</summary>
    public int Output { get; }

    /// <summary>The text this computation was parsed from, or null when it came from code or an expression.</summary>
    public string? Text { get; }

    /// <summary>
    /// The comparisons the code made while it was traced at a point (the branches it took), in order;
    /// empty for expressions and symbolic traces. Where both sides are equal the code switches branches.
    /// </summary>
    public IReadOnlyList<Comparison> Comparisons { get; init; } = [];

    /// <summary>The number of steps.</summary>
    public int Count => _ops.Length;

    /// <summary>Parses infix text into the computation it writes, keeping the author's order and grouping.</summary>
    /// <param name="text">The expression text, for example <c>log(x*y) + sin(z)</c>.</param>
    /// <returns>The computation; its inputs are the variables sorted by name.</returns>
    /// <exception cref="ParseException">The text is not a valid expression (the message shows where).</exception>
    public static Computation Parse(string text) => InfixParser.ParseComputation(text);

    /// <summary>The computation of a canonical expression (the order in which the expression lists its operands).</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="inputs">The input order; null for the expression's variables sorted by name.</param>
    /// <returns>The computation.</returns>
    public static Computation FromExpr(Expr expr, IReadOnlyList<string>? inputs = null) => ExprLowering.Lower(expr, inputs ?? expr.Variables);

    /// <summary>
    /// The canonical, simplified expression of this computation (exact constants, like terms
    /// collected): the symbolic engine's form. Long sums and products are flattened in one pass.
    /// </summary>
    /// <returns>The expression (computed once).</returns>
    public Expr ToExpr() => _expr ??= Canonicalizer.ToExpr(this);

    /// <summary>The computation as infix text in the author's order and grouping.</summary>
    /// <returns>Text that parses back to the same computation.</returns>
    public override string ToString() => ComputationWriter.Write(this, Output, int.MaxValue);

    /// <inheritdoc />
    public T Invoke<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => Evaluate(x);

    /// <summary>Runs the steps on any scalar type, in the written order.</summary>
    /// <typeparam name="T">double, float, or an AdVerify number (dual, tape variable, traced, complex step).</typeparam>
    /// <param name="inputs">One value per input, in <see cref="Inputs"/> order.</param>
    /// <returns>The output value.</returns>
    public T Evaluate<T>(ReadOnlySpan<T> inputs)
        where T : IFloatingPointIeee754<T>
    {
        var values = Run(inputs);
        try
        {
            return values[Output];
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>
    /// Runs the computations of a vector function on any scalar type: the outputs of one vector trace
    /// (<see cref="Trace.SymbolicVector"/>) share their steps and are
    /// computed in one pass; other computations are run one after the other.
    /// </summary>
    /// <typeparam name="T">double, float, or an AdVerify number.</typeparam>
    /// <param name="outputs">One computation per output, all over the same inputs.</param>
    /// <param name="inputs">One value per input.</param>
    /// <returns>One value per output (a new array).</returns>
    public static T[] Evaluate<T>(IReadOnlyList<Computation> outputs, ReadOnlySpan<T> inputs)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var results = new T[outputs.Count];
        if (outputs.Count == 0)
        {
            return results;
        }

        var first = outputs[0];
        var shared = true;
        for (var i = 1; i < outputs.Count && shared; i++)
        {
            shared = ReferenceEquals(outputs[i]._ops, first._ops) && ReferenceEquals(outputs[i].Inputs, first.Inputs);
        }

        if (!shared)
        {
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = outputs[i].Evaluate(inputs);
            }

            return results;
        }

        var values = first.Run(inputs);
        try
        {
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = values[outputs[i].Output];
            }

            return results;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>Evaluates at a point given by name (every input needs a value).</summary>
    /// <param name="point">The values by variable name.</param>
    /// <returns>The value in double precision, computed as written.</returns>
    /// <exception cref="KeyNotFoundException">The point lacks an input.</exception>
    public double Evaluate(IReadOnlyDictionary<string, double> point) => Evaluate<double>(InputValues(point));

    /// <summary>Every step's double value at a point (index = step).</summary>
    /// <param name="inputs">One value per input.</param>
    /// <returns>The values of all steps.</returns>
    public double[] EvaluateSteps(ReadOnlySpan<double> inputs)
    {
        var values = new List<double>(_ops.Length);
        var point = inputs.ToArray();
        foreach (var op in _ops)
        {
            values.Add(Step(op, point, values));
        }

        return [.. values];
    }

    /// <summary>Every step's value on any scalar type (the steps run as <see cref="Evaluate{T}(ReadOnlySpan{T})"/> runs them).</summary>
    /// <typeparam name="T">double, float, or an AdVerify number.</typeparam>
    /// <param name="inputs">One value per input.</param>
    /// <returns>The values of all steps (index = step).</returns>
    public T[] EvaluateSteps<T>(ReadOnlySpan<T> inputs)
        where T : IFloatingPointIeee754<T>
    {
        var values = Run(inputs);
        try
        {
            return values.AsSpan(0, _ops.Length).ToArray();
        }
        finally
        {
            ArrayPool<T>.Shared.Return(values, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>The input values of a named point, in <see cref="Inputs"/> order.</summary>
    /// <param name="point">The values by name.</param>
    /// <returns>The array.</returns>
    /// <exception cref="KeyNotFoundException">The point lacks an input.</exception>
    public double[] InputValues(IReadOnlyDictionary<string, double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var x = new double[Inputs.Count];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = point.TryGetValue(Inputs[i], out var v) ? v : throw new KeyNotFoundException($"the point gives no value for {Inputs[i]}");
        }

        return x;
    }

    /// <summary>The infix text of one step (as written, shortened to about <paramref name="budget"/> characters).</summary>
    /// <param name="step">The step index.</param>
    /// <param name="budget">The length beyond which the text is elided with '…'.</param>
    /// <returns>The text.</returns>
    public string StepText(int step, int budget = 120) => ComputationWriter.Write(this, step, budget);

    /// <summary>One double step, reading earlier values from a list (shared with the builder).</summary>
    internal static double Step(Operation op, double[] inputs, List<double> values) => op.Code switch
    {
        OpCode.Input => inputs[op.A],
        OpCode.Constant => op.Value,
        OpCode.Negate => -values[op.A],
        OpCode.Add => values[op.A] + values[op.B],
        OpCode.Subtract => values[op.A] - values[op.B],
        OpCode.Multiply => values[op.A] * values[op.B],
        OpCode.Divide => values[op.A] / values[op.B],
        OpCode.Power => Math.Pow(values[op.A], values[op.B]),
        OpCode.Call when op.B < 0 => op.Function!.Evaluate(values[op.A]),
        OpCode.Call => op.Function!.Evaluate(values[op.A], values[op.B]),
        _ => throw new InvalidOperationException($"unknown step {op.Code}"),
    };

    /// <summary>Every step's value on a rented array (the caller returns it to the pool).</summary>
    private T[] Run<T>(ReadOnlySpan<T> inputs)
        where T : IFloatingPointIeee754<T>
    {
        if (inputs.Length != Inputs.Count)
        {
            throw new ArgumentException($"the computation takes {Inputs.Count} input(s) ({string.Join(", ", Inputs)}), got {inputs.Length}", nameof(inputs));
        }

        var values = ArrayPool<T>.Shared.Rent(_ops.Length);
        try
        {
            for (var i = 0; i < _ops.Length; i++)
            {
                values[i] = StepOn(_ops[i], inputs, values);
            }

            return values;
        }
        catch
        {
            ArrayPool<T>.Shared.Return(values, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            throw;
        }
    }

    private T StepOn<T>(in Operation op, ReadOnlySpan<T> inputs, T[] values)
        where T : IFloatingPointIeee754<T>
    {
        switch (op.Code)
        {
            case OpCode.Input:
                return inputs[op.A];
            case OpCode.Constant:
                return typeof(T) == typeof(Traced) ? (T)(object)Traced.Constant(op.Value, op.Exact) : T.CreateChecked(op.Value);
            case OpCode.Negate:
                return -values[op.A];
            case OpCode.Add:
                return values[op.A] + values[op.B];
            case OpCode.Subtract:
                return values[op.A] - values[op.B];
            case OpCode.Multiply:
                return values[op.A] * values[op.B];
            case OpCode.Divide:
                return values[op.A] / values[op.B];
            case OpCode.Power:
                // A constant exponent takes the engines' constant-power rule (no log of the base is formed).
                return _ops[op.B].Code == OpCode.Constant && typeof(T) != typeof(Traced)
                    ? AdMath.Pow(values[op.A], _ops[op.B].Value)
                    : T.Pow(values[op.A], values[op.B]);
            case OpCode.Call:
                return op.B < 0
                    ? AdMath.Call(op.Function!, values[op.A])
                    : AdMath.Call(op.Function!, values[op.A], values[op.B]);
            default:
                throw new InvalidOperationException($"unknown step {op.Code}");
        }
    }
}
