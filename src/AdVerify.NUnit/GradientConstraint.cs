using AdVerify.Expressions;
using AdVerify.Reporting;
using AdVerify.Verification;
using NUnit.Framework.Constraints;

namespace AdVerify.NUnit;

/// <summary>
/// An NUnit constraint that runs the AdVerify verifier on a <see cref="GradientSubject"/> (or an
/// expression given as text or as an <see cref="Expr"/>) and succeeds when every point gets the
/// expected verdict — by default <c>consistent</c>. On failure the message is the discrepancy
/// table of the failing points (variable, sources, values, relative error, tolerance, odd one out).
/// </summary>
public sealed class GradientConstraint : Constraint
{
    /// <summary>Creates the constraint.</summary>
    /// <param name="points">Where to verify.</param>
    /// <param name="expected">The verdict every point must get.</param>
    public GradientConstraint(VerificationPoints points, Verdict expected = Verdict.Consistent)
    {
        ArgumentNullException.ThrowIfNull(points);
        Points = points;
        Expected = expected;
    }

    /// <summary>Where the gradient is verified.</summary>
    public VerificationPoints Points { get; }

    /// <summary>The verdict every point must get.</summary>
    public Verdict Expected { get; }

    /// <inheritdoc />
    public override string Description =>
        (Expected == Verdict.Consistent ? "gradient verified (every source consistent)" : $"verdict {Expected.Name()}") + $" at {Points}";

    /// <summary>Expects another verdict at every point, for example <see cref="Verdict.Nondifferentiable"/> at a kink.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <returns>A new constraint.</returns>
    public GradientConstraint WithVerdict(Verdict verdict) => new(Points, verdict);

    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        var subject = actual switch
        {
            GradientSubject s => s,
            string text => Gradient.Of(text),
            Expr e => Gradient.Of(e),
            _ => throw new ArgumentException(
                $"the actual value must be a GradientSubject (Gradient.Of(…)), an expression string or an Expr, not {(actual is null ? "null" : actual.GetType().Name)}",
                nameof(actual)),
        };
        var result = subject.Verify(Points);
        return new GradientConstraintResult(this, subject, result, Expected);
    }
}

/// <summary>The outcome of a <see cref="GradientConstraint"/>: the verifier's case result and a readable failure message.</summary>
public sealed class GradientConstraintResult : ConstraintResult
{
    private readonly Verdict expected;

    internal GradientConstraintResult(GradientConstraint constraint, GradientSubject subject, CaseResult result, Verdict expected)
        : base(constraint, subject, result.Results.All(r => r.Verdict == expected))
    {
        Subject = subject;
        Result = result;
        this.expected = expected;
    }

    /// <summary>What was verified.</summary>
    public GradientSubject Subject { get; }

    /// <summary>The verifier's results, one per point.</summary>
    public CaseResult Result { get; }

    /// <summary>The failure message without NUnit's framing: a headline and the discrepancy table of every failing point.</summary>
    public string Details
    {
        get
        {
            var failing = Result.Results.Count(r => r.Verdict != expected);
            var verdicts = string.Join(", ", Result.Results.GroupBy(r => r.Verdict).Select(g => $"{g.Count()} {g.Key.Name()}"));
            var headline = $"The {Subject.Description} is not {(expected == Verdict.Consistent ? "verified" : "judged " + expected.Name())} " +
                $"at {failing} of {Result.Results.Count} point(s) ({verdicts}).";
            return headline + Environment.NewLine + DiscrepancyTable.Write(Result, r => r.Verdict == expected);
        }
    }

    /// <inheritdoc />
    public override void WriteMessageTo(MessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Details.TrimEnd());
    }

    /// <inheritdoc />
    public override void WriteActualValueTo(MessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(", ", Result.Results.Select(r => r.Verdict.Name())));
    }
}
