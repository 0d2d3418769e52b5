namespace AdVerify.Optimization;

/// <summary>
/// How many times an optimiser made an objective compute something: values alone, values with
/// gradients, and Hessians. One counter is shared by an objective and every copy an optimiser makes
/// of it (<c>CreateNew</c>, <c>Fork</c>, the line searches' trial points), so it counts the whole run.
/// Increments are atomic, so objectives used from several threads still count correctly.
/// </summary>
public sealed class EvaluationCounts
{
    private int _values;
    private int _gradients;
    private int _hessians;

    /// <summary>
    /// The number of function evaluations made for a value alone. For an objective built from a
    /// definition these are plain <see cref="double"/> runs of the function; for the finite-difference
    /// baseline (<see cref="Objective.FiniteDifferences{TFunction}"/>) every call of the function
    /// counts, the n extra calls per gradient included.
    /// </summary>
    public int Values => Volatile.Read(ref _values);

    /// <summary>The number of gradients computed (each also gives the value at its point).</summary>
    public int Gradients => Volatile.Read(ref _gradients);

    /// <summary>The number of Hessians computed (Newton's method asks for one per iteration).</summary>
    public int Hessians => Volatile.Read(ref _hessians);

    /// <summary>Sets every count back to zero, for example before a second run with the same objective.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _values, 0);
        Interlocked.Exchange(ref _gradients, 0);
        Interlocked.Exchange(ref _hessians, 0);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Values} value(s), {Gradients} gradient(s), {Hessians} Hessian(s)";

    internal void AddValue() => Interlocked.Increment(ref _values);

    internal void AddGradient() => Interlocked.Increment(ref _gradients);

    internal void AddHessian() => Interlocked.Increment(ref _hessians);
}
