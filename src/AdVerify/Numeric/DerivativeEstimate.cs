namespace AdVerify.Numeric;

/// <summary>
/// A numerically estimated derivative together with an estimate of its absolute error, the
/// step that produced it and how it was obtained.
/// </summary>
/// <param name="Value">The estimated derivative; NaN when no estimate could be formed.</param>
/// <param name="ErrorEstimate">An estimate (meant as an upper bound) of |Value − true derivative|; +∞ when unknown.</param>
/// <param name="Step">The step h of the finite-difference row the estimate came from (0 when not applicable).</param>
/// <param name="Method">A short description of the method, for example <c>central-8, Richardson 2 columns</c>.</param>
/// <param name="Evaluations">How many times the function was called.</param>
public sealed record DerivativeEstimate(double Value, double ErrorEstimate, double Step, string Method, int Evaluations)
{
    /// <summary>Warnings about the estimate, for example stencil rows discarded because the function returned NaN there.</summary>
    public string? Note { get; init; }

    /// <summary>True when both the value and its error estimate are finite numbers.</summary>
    public bool IsValid => double.IsFinite(Value) && double.IsFinite(ErrorEstimate);

    /// <summary>The error estimate relative to |Value| (∞ when Value is 0 and the estimate is not).</summary>
    public double RelativeErrorEstimate => ErrorEstimate == 0 ? 0 : ErrorEstimate / Math.Abs(Value);

    /// <summary>An estimate that could not be formed.</summary>
    /// <param name="method">What was attempted.</param>
    /// <param name="evaluations">How many function calls were spent.</param>
    /// <param name="reason">Why no estimate exists.</param>
    /// <returns>An invalid estimate with NaN value and infinite error.</returns>
    public static DerivativeEstimate Failed(string method, int evaluations, string reason) =>
        new(double.NaN, double.PositiveInfinity, 0, method, evaluations) { Note = reason };

    /// <summary>Tells whether a reference value lies within the error estimate (times a factor).</summary>
    /// <param name="reference">The value to compare with.</param>
    /// <param name="factor">A safety factor applied to the error estimate.</param>
    /// <returns>True when |Value − reference| ≤ factor · ErrorEstimate.</returns>
    public bool Covers(double reference, double factor = 1) => Math.Abs(Value - reference) <= factor * ErrorEstimate;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Value:R} ± {ErrorEstimate:G3} ({Method}, h = {Step:G3}, {Evaluations} evaluations{(Note is null ? "" : "; " + Note)})";
}
