using AdVerify.Reporting;
using AdVerify.Verification;

namespace AdVerify.Optimization;

/// <summary>
/// Thrown by <see cref="DefinitionObjective.VerifyThenMinimize"/> (and <see cref="DefinitionObjective.VerifyOrThrow"/>)
/// when the derivatives the optimiser would use do not verify: the message is a headline and the
/// verifier's discrepancy table of the first failing points, and <see cref="Result"/> holds every point's result.
/// </summary>
public sealed class ObjectiveVerificationException : Exception
{
    /// <summary>Creates the exception from a verification result.</summary>
    /// <param name="function">What was verified, as reports name it.</param>
    /// <param name="gradientSource">What computes the gradient the optimiser would use.</param>
    /// <param name="result">The verifier's result.</param>
    public ObjectiveVerificationException(string function, string gradientSource, CaseResult result)
        : base(Describe(function, gradientSource, result)) => Result = result;

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public ObjectiveVerificationException(string message)
        : base(message) => Result = null;

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ObjectiveVerificationException(string message, Exception innerException)
        : base(message, innerException) => Result = null;

    /// <summary>Creates the exception without a message (prefer the constructor taking the result).</summary>
    public ObjectiveVerificationException()
        : base("the objective's derivatives did not verify") => Result = null;

    /// <summary>The verifier's result, one entry per point (the starting point first); null when made from a message alone.</summary>
    public CaseResult? Result { get; }

    /// <summary>
    /// Whether a point lets the optimisation go ahead: consistent, or nondifferentiable (a kink, where
    /// any engine's one-sided slope is as good a descent hint as another); not a discrepancy, an error,
    /// or a point where the function is undefined.
    /// </summary>
    /// <param name="point">The point's result.</param>
    /// <returns>True when the point is acceptable.</returns>
    internal static bool Acceptable(PointResult point) => point.Verdict is Verdict.Consistent or Verdict.Nondifferentiable;

    /// <summary>The number of failing points whose details the message shows (all of them are in <see cref="Result"/>).</summary>
    internal const int PointsShown = 2;

    private static string Describe(string function, string gradientSource, CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failing = result.Results.Count(r => !Acceptable(r));
        var verdicts = string.Join(", ", result.Results.GroupBy(r => r.Verdict).Select(g => $"{g.Count()} {g.Key.Name()}"));
        var startFails = result.Results.Count > 0 && !Acceptable(result.Results[0]) ? "; the starting point among them" : "";
        var shown = result.Results.Where(r => !Acceptable(r)).Take(PointsShown).Select(r => DiscrepancyTable.Write(r).TrimEnd());
        var more = failing > PointsShown ? $"{Environment.NewLine}({failing - PointsShown} more failing point(s) are in the exception's Result)" : "";
        return $"The derivatives of {function} (gradient by {gradientSource}) are not verified at {failing} of {result.Results.Count} point(s) " +
               $"({verdicts}{startFails}), so the optimiser was not run:{Environment.NewLine}{string.Join(Environment.NewLine, shown)}{more}";
    }
}
