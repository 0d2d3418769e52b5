namespace AdVerify.Numeric;

/// <summary>The outcome of a complex-step gradient: derivatives where the method applies, reasons where it does not.</summary>
/// <param name="Value">The real value of the expression at the point (NaN when it could not be evaluated).</param>
/// <param name="Gradient">The partial derivatives obtained, by variable name.</param>
/// <param name="NotApplicable">For each requested variable without a derivative, the reason.</param>
public sealed record ComplexStepResult(double Value, IReadOnlyDictionary<string, double> Gradient, IReadOnlyDictionary<string, string> NotApplicable)
{
    /// <summary>True when every requested partial derivative was obtained.</summary>
    public bool IsApplicable => NotApplicable.Count == 0;

    /// <summary>All reasons for refusal in one sentence, or null when the method applied everywhere.</summary>
    public string? Reason => IsApplicable ? null : string.Join("; ", NotApplicable.Select(kv => $"d/d{kv.Key}: {kv.Value}"));
}
