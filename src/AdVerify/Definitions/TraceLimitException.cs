namespace AdVerify.Definitions;

/// <summary>Thrown by a trace that exceeds its step budget (see <see cref="ComputationBuilder.MaxSteps"/>).</summary>
internal sealed class TraceLimitException(int limit)
    : InvalidOperationException($"the trace has more than {limit:N0} steps")
{
    /// <summary>The step budget that was exceeded.</summary>
    public int Limit { get; } = limit;
}
