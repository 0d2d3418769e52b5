using AdVerify.Definitions;

namespace AdVerify.Discovery;

/// <summary>
/// A function marked with <see cref="VerifyAttribute"/>, ready to verify: its definition (run on
/// every scalar), its points, the hand-written gradient it claims and whether to check the Hessian.
/// </summary>
/// <param name="Name">The case name: <c>Type.Method</c> for a method, <c>Type</c> for a one-definition type.</param>
/// <param name="Signature">What reports show as the case's expression, for example <c>Pricing.Call(S, K, sigma, r, t)</c>.</param>
/// <param name="Source">Where it was found: the assembly's file name (or name).</param>
/// <param name="Definition">The function, with its variable names.</param>
/// <param name="Points">The points, one value per variable in the definition's order.</param>
/// <param name="Claimed">The hand-written gradient, or null.</param>
/// <param name="ClaimedName">The name of the hand-written gradient's method, or null.</param>
/// <param name="Hessian">Whether second derivatives are verified too.</param>
public sealed record MarkedFunction(
    string Name,
    string Signature,
    string Source,
    Definition Definition,
    IReadOnlyList<IReadOnlyList<double>> Points,
    Func<double[], double[]>? Claimed,
    string? ClaimedName,
    bool Hessian)
{
    /// <summary>The namespace of the marked method's or type's declaring type, used to tell same-named functions apart.</summary>
    public string? Namespace { get; init; }
}

/// <summary>
/// Thrown when an assembly cannot be searched for marked functions, or when a marked function
/// cannot be verified as written. Each problem names the assembly, the type, the method and what is
/// wrong.
/// </summary>
public sealed class MarkedFunctionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">One sentence per problem (at least one).</param>
    public MarkedFunctionException(IReadOnlyList<string> problems)
        : base(problems.Count > 0 ? problems[0] : "no problem was given") => Problems = problems;

    /// <summary>Creates the exception for one problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public MarkedFunctionException(string problem, Exception? inner = null)
        : base(problem, inner) => Problems = [problem];

    /// <summary>Every problem found, one sentence each; <see cref="Exception.Message"/> is the first.</summary>
    public IReadOnlyList<string> Problems { get; }
}
