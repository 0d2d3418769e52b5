using AdVerify.Expressions;

namespace AdVerify.Definitions;

/// <summary>
/// Runs a generic definition on <see cref="Traced"/> numbers and returns the <see cref="Computation"/>
/// it performed, from which the symbolic engine takes the expression
/// (<see cref="Computation.ToExpr"/>). <see cref="Symbolic"/> traces without values, so the result
/// holds everywhere but code that branches on a value cannot be traced
/// (<see cref="ConcretizationException"/>); <see cref="At"/> traces at a point, taking every branch as
/// it goes there, so the result holds near that point (reports label it "traced at a point").
/// </summary>
public static class Trace
{
    /// <summary>Traces a definition symbolically: one computation valid wherever the code takes no value-dependent branch.</summary>
    /// <param name="function">The definition.</param>
    /// <param name="names">The input names, one per coordinate.</param>
    /// <returns>The computation.</returns>
    /// <exception cref="ConcretizationException">The code compares or branches on a value.</exception>
    public static Computation Symbolic(IScalarFunction function, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Run(function, new ComputationBuilder(CheckNames(names)));
    }

    /// <summary>Traces a definition symbolically, giving up (with <see cref="TraceLimitException"/>) after <paramref name="maxSteps"/> distinct steps.</summary>
    internal static Computation SymbolicWithLimit(IScalarFunction function, IReadOnlyList<string> names, int maxSteps)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Run(function, new ComputationBuilder(CheckNames(names)) { MaxSteps = maxSteps });
    }

    /// <summary>Traces a definition at a point: value-dependent branches are taken as at that point.</summary>
    /// <param name="function">The definition.</param>
    /// <param name="names">The input names, one per coordinate.</param>
    /// <param name="point">The point, one value per name.</param>
    /// <returns>The computation, valid near the point (on the same branches).</returns>
    public static Computation At(IScalarFunction function, IReadOnlyList<string> names, ReadOnlySpan<double> point)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (point.Length != names.Count)
        {
            throw new ArgumentException($"the point has {point.Length} coordinate(s) but there are {names.Count} name(s)", nameof(point));
        }

        return Run(function, new ComputationBuilder(CheckNames(names), point));
    }

    /// <summary>
    /// Traces a vector definition symbolically: one computation per output, all over the same steps,
    /// so <see cref="Computation.Evaluate{T}(IReadOnlyList{Computation}, ReadOnlySpan{T})"/> runs them in one pass.
    /// </summary>
    /// <param name="function">The definition.</param>
    /// <param name="names">The input names, one per coordinate.</param>
    /// <returns>One computation per output.</returns>
    /// <exception cref="ConcretizationException">The code compares or branches on a value.</exception>
    public static Computation[] SymbolicVector(IVectorFunction function, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Run(function, new ComputationBuilder(CheckNames(names)));
    }

    /// <summary>Traces a vector definition at a point: value-dependent branches are taken as at that point.</summary>
    /// <param name="function">The definition.</param>
    /// <param name="names">The input names, one per coordinate.</param>
    /// <param name="point">The point, one value per name.</param>
    /// <returns>One computation per output, valid near the point.</returns>
    public static Computation[] VectorAt(IVectorFunction function, IReadOnlyList<string> names, ReadOnlySpan<double> point)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (point.Length != names.Count)
        {
            throw new ArgumentException($"the point has {point.Length} coordinate(s) but there are {names.Count} name(s)", nameof(point));
        }

        return Run(function, new ComputationBuilder(CheckNames(names), point));
    }

    /// <summary>The names as a list, refused with the offending name when one is not a usable variable name or is given twice.</summary>
    internal static IReadOnlyList<string> CheckNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            if (!Expr.IsValidName(n) || Functions.ReservedNames.Contains(n))
            {
                throw new ArgumentException($"'{n}' is not a usable variable name (a letter or '_' followed by letters, digits or '_'; not pi or e)", nameof(names));
            }

            if (!seen.Add(n))
            {
                throw new ArgumentException($"the variable name '{n}' is given twice", nameof(names));
            }
        }

        return names.ToArray();
    }

    private static Computation Run(IScalarFunction function, ComputationBuilder builder) =>
        Traced.With(builder, () =>
        {
            var inputs = new Traced[builder.Inputs.Count];
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = new Traced(builder.Input(i));
            }

            var output = function.Invoke<Traced>(inputs);
            return builder.Build(output.Step);
        });

    private static Computation[] Run(IVectorFunction function, ComputationBuilder builder) =>
        Traced.With(builder, () =>
        {
            var inputs = new Traced[builder.Inputs.Count];
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = new Traced(builder.Input(i));
            }

            var outputs = function.Invoke<Traced>(inputs) ?? throw new InvalidOperationException("the vector function returned null");
            return builder.Build(outputs.Select(o => o.Step).ToArray());
        });
}
