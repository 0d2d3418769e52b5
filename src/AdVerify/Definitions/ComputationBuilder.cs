using System.Runtime.InteropServices;
using AdVerify.Expressions;

namespace AdVerify.Definitions;

/// <summary>
/// Builds a <see cref="Computation"/> step by step. Identical steps (same operation on the same
/// operands) are stored once, which never changes a value (each step is deterministic) and gives
/// common-subexpression sharing for free. When built at a point, every step's double value is
/// computed as it is appended, so value-dependent code (branches, comparisons) can be followed.
/// </summary>
internal sealed class ComputationBuilder
{
    private readonly List<Operation> _ops = [];
    private readonly Dictionary<Key, int> _index = [];
    private readonly List<Comparison> _comparisons = [];
    private readonly List<double>? _values;
    private readonly double[]? _point;
    private readonly Dictionary<string, int>? _named;

    /// <summary>Creates a builder over named inputs, optionally at a point (one value per input).</summary>
    /// <param name="inputs">The input names, in index order.</param>
    /// <param name="point">The input values, or null to build without values.</param>
    public ComputationBuilder(IReadOnlyList<string> inputs, ReadOnlySpan<double> point = default)
    {
        Inputs = inputs;
        if (!point.IsEmpty)
        {
            _point = point.ToArray();
            _values = [];
        }
    }

    private ComputationBuilder()
    {
        _named = new Dictionary<string, int>(StringComparer.Ordinal);
        Inputs = [];
    }

    /// <summary>The input names.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The most steps this builder takes; one more throws <see cref="TraceLimitException"/> (bounds the memory of a trace).</summary>
    public int MaxSteps { get; init; } = int.MaxValue;

    /// <summary>A builder whose inputs are added by name as they appear (<see cref="Variable"/>); the computation lists them sorted by name.</summary>
    public static ComputationBuilder WithNamedInputs() => new();

    /// <summary>The step reading a named input, adding the input on first use.</summary>
    public int Variable(string name)
    {
        var named = _named ?? throw new InvalidOperationException("this builder has fixed inputs");
        if (!named.TryGetValue(name, out var index))
        {
            index = named.Count;
            named[name] = index;
        }

        return Input(index);
    }

    /// <summary>True when every step has a double value.</summary>
    public bool HasValues => _values is not null;

    /// <summary>The number of steps so far.</summary>
    public int Count => _ops.Count;

    /// <summary>The double value of a step (only when <see cref="HasValues"/>).</summary>
    public double ValueOf(int step) => _values![step];

    /// <summary>The operation of a step.</summary>
    public Operation this[int step] => _ops[step];

    /// <summary>The step reading input <paramref name="index"/>.</summary>
    public int Input(int index) => Append(new Operation(OpCode.Input, index, -1, 0, null, null));

    /// <summary>A constant: the double the program computes with and its exact value (defaults to the double's shortest round-trip decimal).</summary>
    public int Constant(double value, Expr? exact = null)
    {
        exact ??= ExactOf(value);
        return Append(new Operation(OpCode.Constant, -1, -1, value, null, exact));
    }

    /// <summary>Records a comparison the code made at the point (a branch it took): the steps compared and the operator.</summary>
    public void Compare(int a, int b, string op) => _comparisons.Add(new Comparison(a, b, op));

    /// <summary>A unary or binary arithmetic step.</summary>
    public int Op(OpCode code, int a, int b = -1) => Append(new Operation(code, a, b, 0, null, null));

    /// <summary>A call of a registry function.</summary>
    public int Call(FunctionInfo function, int a, int b = -1) => Append(new Operation(OpCode.Call, a, b, 0, function, null));

    /// <summary>
    /// A call with any number of arguments. A variadic function (logsumexp) of more than two
    /// arguments becomes a left-leaning chain of two-argument calls, f(f(a, b), c), which is exact
    /// for logsumexp (associative); its registry fold flattens the chain again in the canonical form.
    /// </summary>
    public int Call(FunctionInfo function, int[] args)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length <= 2)
        {
            return Call(function, args[0], args.Length == 2 ? args[1] : -1);
        }

        var step = Call(function, args[0], args[1]);
        for (var i = 2; i < args.Length; i++)
        {
            step = Call(function, step, args[i]);
        }

        return step;
    }

    /// <summary>Finishes the computation with the given output step.</summary>
    public Computation Build(int output, string? text = null)
    {
        var ops = CollectionsMarshal.AsSpan(_ops).ToArray();
        if (_named is null)
        {
            return new(Inputs, ops, output, text) { Comparisons = _comparisons.ToArray() };
        }

        // Inputs added by name: list them sorted, and renumber the input steps to match.
        var sorted = _named.Keys.Order(StringComparer.Ordinal).ToArray();
        var position = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            position[_named[sorted[i]]] = i;
        }

        for (var i = 0; i < ops.Length; i++)
        {
            if (ops[i].Code == OpCode.Input)
            {
                ops[i] = ops[i] with { A = position[ops[i].A] };
            }
        }

        return new(sorted, ops, output, text) { Comparisons = _comparisons.ToArray() };
    }

    /// <summary>Finishes a vector computation: one computation per output step, all over the same (shared) steps.</summary>
    public Computation[] Build(IReadOnlyList<int> outputs)
    {
        if (_named is not null)
        {
            throw new InvalidOperationException("a vector computation needs fixed inputs");
        }

        var ops = CollectionsMarshal.AsSpan(_ops).ToArray();
        var result = new Computation[outputs.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new(Inputs, ops, outputs[i], null);
        }

        return result;
    }

    /// <summary>
    /// The exact value a double constant from code stands for: the rational number of its shortest
    /// round-trip decimal (0.1 is 1/10, as the parser reads "0.1"); null for ±∞ and NaN, which have none.
    /// </summary>
    internal static Expr? ExactOf(double value) => double.IsFinite(value) ? Expr.Number(Rational.FromShortestDecimal(value)) : null;

    private int Append(Operation op)
    {
        var key = new Key(op.Code, op.A, op.B, BitConverter.DoubleToInt64Bits(op.Value), op.Function, op.Exact);
        if (_index.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var step = _ops.Count;
        if (step >= MaxSteps)
        {
            throw new TraceLimitException(MaxSteps);
        }

        _ops.Add(op);
        _index[key] = step;
        _values?.Add(Computation.Step(op, _point!, _values));
        return step;
    }

    private readonly record struct Key(OpCode Code, int A, int B, long Bits, FunctionInfo? Function, Expr? Exact);
}
