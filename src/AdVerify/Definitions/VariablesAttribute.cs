namespace AdVerify.Definitions;

/// <summary>
/// Names the coordinates of a one-definition function type, in the order its <c>Invoke</c> reads
/// them, so reports and the symbolic engine can say <c>∂f/∂sigma</c> instead of <c>∂f/∂x2</c>:
/// <c>[Variables("S", "K", "sigma", "r", "T")] readonly struct BlackScholes : IScalarFunction</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class VariablesAttribute : Attribute
{
    /// <summary>Names the coordinates.</summary>
    /// <param name="names">One name per coordinate, in order.</param>
    public VariablesAttribute(params string[] names) => Names = names;

    /// <summary>The coordinate names, in order.</summary>
    public IReadOnlyList<string> Names { get; }
}
