namespace AdVerify.Definitions;

/// <summary>A comparison a traced program made at a point: the steps on both sides and the operator (<c>&lt;</c>, <c>==</c>, <c>compare</c>, …).</summary>
/// <param name="Left">The step on the left.</param>
/// <param name="Right">The step on the right.</param>
/// <param name="Operator">The operator as written, or <c>compare</c> for CompareTo.</param>
public readonly record struct Comparison(int Left, int Right, string Operator);
