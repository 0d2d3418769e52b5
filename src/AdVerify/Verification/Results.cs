using System.Globalization;
using System.Text;

namespace AdVerify.Verification;

/// <summary>
/// One disagreement between two derivative sources at a point: which entry, which sources,
/// their values, the relative error, the tolerance it exceeded, and the source that is the odd
/// one out (the one that disagrees with the majority).
/// </summary>
/// <param name="Variable">The variable, or the Hessian entry as <c>row,column</c>.</param>
/// <param name="Sources">The two sources compared: the suspect first, then the reference.</param>
/// <param name="Values">Their values, in the same order.</param>
/// <param name="RelativeError">|a − b| / max(|a|, |b|) (the absolute difference when both are 0).</param>
/// <param name="Tolerance">The absolute tolerance the difference exceeded.</param>
/// <param name="OddOneOut">The source that disagrees with the majority, when there is a majority.</param>
/// <param name="Message">A sentence saying what disagrees and by how much.</param>
public sealed record Discrepancy(
    string Variable,
    IReadOnlyList<string> Sources,
    IReadOnlyList<double> Values,
    double RelativeError,
    double Tolerance,
    string? OddOneOut,
    string Message)
{
    /// <summary>
    /// For gradient entries: plain central differences at a range of step sizes, so a report can
    /// plot finite-difference error against the step and show which side the differences approach.
    /// </summary>
    public IReadOnlyList<StepSample> StepScan { get; init; } = [];

    /// <summary>The absolute difference |a − b| that was compared with <see cref="Tolerance"/>.</summary>
    public double Difference { get; init; } = double.NaN;
}

/// <summary>A central difference quotient at one step size.</summary>
/// <param name="Step">The step h.</param>
/// <param name="Estimate">(f(x + h) − f(x − h)) / 2h.</param>
public sealed record StepSample(double Step, double Estimate);

/// <summary>The verdict and all derivative values at one point of one case.</summary>
public sealed record PointResult
{
    /// <summary>The point (every variable given, including parameters held fixed).</summary>
    public required IReadOnlyDictionary<string, double> Point { get; init; }

    /// <summary>The verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>The function value (NaN when undefined or not computed).</summary>
    public double Value { get; init; } = double.NaN;

    /// <summary>Gradient by source (<see cref="Sources"/>): variable → value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Gradient { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();

    /// <summary>Finite-difference error estimates per variable (absolute).</summary>
    public IReadOnlyDictionary<string, double> FiniteDifferenceError { get; init; } = new Dictionary<string, double>();

    /// <summary>Hessian by source (<c>ad</c>, <c>symbolic</c>, <c>finiteDifference</c>): "row,column" → value; null when not asked.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Hessian { get; init; }

    /// <summary>The disagreements found (empty unless the verdict is a discrepancy).</summary>
    public IReadOnlyList<Discrepancy> Discrepancies { get; init; } = [];

    /// <summary>
    /// Why the verdict is nondifferentiable, undefined or error; notes for the other verdicts. Never
    /// null on a discrepancy: when the verifier stated no message, it is the worst discrepancy's
    /// sentence (the largest relative error), with the number of others.
    /// </summary>
    public string? Message
    {
        get => _message ?? (Verdict == Verdict.Discrepancy ? DiscrepancySummary() : null);
        init => _message = value;
    }

    /// <summary>The message as the producer stated it (null when it stated none).</summary>
    internal string? StatedMessage => _message;

    /// <summary>The discrepancy with the largest relative error, if any.</summary>
    public Discrepancy? Worst => Discrepancies.Count == 0 ? null : Discrepancies.MaxBy(d => double.IsNaN(d.RelativeError) ? double.PositiveInfinity : d.RelativeError);

    private readonly string? _message;

    /// <summary>One line: the verdict, the point, the value and the message (for a discrepancy, the worst one).</summary>
    /// <returns>For example <c>discrepancy at x=0.75 (f = 0.428571): ∂f/∂x: claimed gives …</c>.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Verdict.Name()).Append(" at ").Append(ResultText.Point(Point));
        if (double.IsFinite(Value))
        {
            sb.Append(" (f = ").Append(ResultText.Number(Value)).Append(')');
        }

        return Message is { Length: > 0 } m ? sb.Append(": ").Append(m).ToString() : sb.ToString();
    }

    private string DiscrepancySummary()
    {
        if (Worst is not { } worst)
        {
            return "the sources disagree (no discrepancy was recorded)";
        }

        var more = Discrepancies.Count - 1;
        return more == 0 ? worst.Message : $"{worst.Message} (the worst of {Discrepancies.Count} discrepancies)";
    }

    /// <summary>
    /// The derivative sources that took no part (in whole or for some entries), each with the reason:
    /// for example <c>complexStep</c> → "abs is not analytic (it has a kink or jump), so the complex step does not apply".
    /// </summary>
    public IReadOnlyDictionary<string, string> Absent { get; init; } = new Dictionary<string, string>();

    /// <summary>How the derivatives were compared: <c>per entry</c>, or <c>projections</c> with the number of random directions.</summary>
    public string? Mode { get; init; }

    /// <summary>
    /// Claimed derivatives of order 3 and up by source (<c>taylor</c>, <c>forward</c> nested dual numbers,
    /// <c>symbolic</c>, <c>claimed</c>): key (<c>"x,x,y"</c> or <c>"[x=1,y=-1]^3"</c>) → value; null when none are claimed.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? HigherDerivatives { get; init; }

    /// <summary>The single-precision comparison, when the point was verified in float32; otherwise null.</summary>
    public Float32Result? Float32 { get; init; }
}

/// <summary>
/// A definition run in single precision, compared with the same definition run in double at the same
/// (float) point: the value and the gradient by <c>forward32</c> (<c>Dual&lt;float&gt;</c>), <c>reverse32</c>
/// (<c>Var&lt;float&gt;</c>) and <c>claimed32</c> (a claim computed in float), each with the deviation that
/// float32 rounding allows (a first-order error model of the computation with ε = 2⁻²³).
/// </summary>
public sealed record Float32Result
{
    /// <summary>The value computed in float32.</summary>
    public double Value { get; init; } = double.NaN;

    /// <summary>How far the float32 value may lie from the double value by rounding alone (absolute).</summary>
    public double ValueBound { get; init; }

    /// <summary>The gradient computed in float32, by source: variable → value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Gradient { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();

    /// <summary>Per variable: how far a float32 gradient entry may lie from the double one by rounding alone (absolute).</summary>
    public IReadOnlyDictionary<string, double> GradientBound { get; init; } = new Dictionary<string, double>();

    /// <summary>True when every float32 number lies within its rounding bound of the double one ("float32 rounding"); false is a bug.</summary>
    public bool WithinRounding { get; init; }

    /// <summary>What the comparison found, and where the precision is lost (the step of the trace), when it can say.</summary>
    public string? Message { get; init; }
}

/// <summary>The results of one catalogue case.</summary>
public sealed record CaseResult
{
    /// <summary>The case name.</summary>
    public required string Name { get; init; }

    /// <summary>The expression as written in the catalogue.</summary>
    public required string Expression { get; init; }

    /// <summary>The variables differentiated by.</summary>
    public IReadOnlyList<string> Wrt { get; init; } = [];

    /// <summary>The expected verdict, when the case states one.</summary>
    public Verdict? Expect { get; init; }

    /// <summary>The expected verdict per point, when the case states one list (overrides <see cref="Expect"/>).</summary>
    public IReadOnlyList<Verdict>? ExpectPerPoint { get; init; }

    /// <summary>One result per point.</summary>
    public required IReadOnlyList<PointResult> Results { get; init; }

    /// <summary>
    /// True when the case passed: every verdict equals its expectation (<see cref="ExpectPerPoint"/>
    /// point by point, or <see cref="Expect"/> everywhere), or, without an expectation, no verdict
    /// is a discrepancy or an error.
    /// </summary>
    public bool Passed => ExpectPerPoint is { } each
        ? each.Count == Results.Count && Results.Select((r, i) => r.Verdict == each[i]).All(b => b)
        : Results.All(r => Expect is { } e ? r.Verdict == e : r.Verdict is not (Verdict.Discrepancy or Verdict.Error));

    /// <summary>
    /// One line: the name, the expression, passed or failed (with the expectation), the verdict
    /// counts, and for a failed case its first failing point.
    /// </summary>
    /// <returns>For example <c>case 'seed' (log(x*y) + sin(z)): passed; 2 points: 2 consistent</c>.</returns>
    public override string ToString()
    {
        var counts = string.Join(", ", Results.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}"));
        var sb = new StringBuilder($"case '{Name}' ({Expression}): ");
        sb.Append(Passed ? "passed" : "FAILED").Append(
            ExpectPerPoint is { } each ? $" (expected {string.Join(", ", each.Select(v => v.Name()))})" : Expect is { } e ? $" (expected {e.Name()})" : "");
        sb.Append("; ").Append(Results.Count).Append(Results.Count == 1 ? " point" : " points").Append(counts.Length > 0 ? ": " + counts : "");
        var failing = Results.Where((r, i) => !PointPassed(i)).FirstOrDefault();
        return failing is null ? sb.ToString() : sb.Append("; first failing point: ").Append(failing).ToString();
    }

    /// <summary>Tells whether the point at an index meets its expectation (see <see cref="Passed"/>).</summary>
    /// <param name="index">The point's index in <see cref="Results"/>.</param>
    /// <returns>True when its verdict is the one expected there.</returns>
    public bool PointPassed(int index)
    {
        var verdict = Results[index].Verdict;
        return ExpectPerPoint is { } each
            ? index < each.Count && verdict == each[index]
            : Expect is { } e ? verdict == e : verdict is not (Verdict.Discrepancy or Verdict.Error);
    }
}

/// <summary>Counts of verdicts over a report.</summary>
/// <param name="Cases">Number of cases.</param>
/// <param name="Points">Number of points (results).</param>
/// <param name="Consistent">Points judged consistent.</param>
/// <param name="Discrepancy">Points with a discrepancy.</param>
/// <param name="Nondifferentiable">Points at a kink or cusp.</param>
/// <param name="Undefined">Points outside the domain.</param>
/// <param name="Error">Points whose input was wrong.</param>
/// <param name="FailedCases">Cases that did not pass (see <see cref="CaseResult.Passed"/>).</param>
public sealed record Summary(int Cases, int Points, int Consistent, int Discrepancy, int Nondifferentiable, int Undefined, int Error, int FailedCases)
{
    /// <summary>Counts the verdicts of a list of case results.</summary>
    /// <param name="cases">The results.</param>
    /// <returns>The summary.</returns>
    public static Summary Of(IReadOnlyList<CaseResult> cases)
    {
        var all = cases.SelectMany(c => c.Results).ToList();
        int Count(Verdict v) => all.Count(r => r.Verdict == v);
        return new Summary(cases.Count, all.Count, Count(Verdict.Consistent), Count(Verdict.Discrepancy),
            Count(Verdict.Nondifferentiable), Count(Verdict.Undefined), Count(Verdict.Error), cases.Count(c => !c.Passed));
    }
}

/// <summary>A verification report: a summary and every case's results.</summary>
/// <param name="Summary">The counts.</param>
/// <param name="Cases">The case results in catalogue order.</param>
public sealed record VerificationReport(Summary Summary, IReadOnlyList<CaseResult> Cases)
{
    /// <summary>Builds a report from case results.</summary>
    /// <param name="cases">The results.</param>
    /// <returns>The report.</returns>
    public static VerificationReport Of(IReadOnlyList<CaseResult> cases) => new(Summary.Of(cases), cases);

    /// <summary>True when every case passed.</summary>
    public bool Passed => Cases.All(c => c.Passed);

    /// <summary>One line: the verdict counts and whether every case passed, naming up to five failed cases.</summary>
    /// <returns>For example <c>61 cases, 158 points: 150 consistent, …; all cases passed</c>.</returns>
    public override string ToString()
    {
        var s = Summary;
        var text = $"{s.Cases} cases, {s.Points} points: {s.Consistent} consistent, {s.Discrepancy} discrepancy, " +
                   $"{s.Nondifferentiable} nondifferentiable, {s.Undefined} undefined, {s.Error} error; ";
        var failed = Cases.Where(c => !c.Passed).Select(c => $"'{c.Name}'").ToArray();
        return failed.Length == 0
            ? text + "all cases passed"
            : text + $"{failed.Length} case(s) FAILED: {string.Join(", ", failed.Take(5))}{(failed.Length > 5 ? ", …" : "")}";
    }

    /// <summary>
    /// When the report covers one shard of a catalogue (<see cref="VerifierOptions.Shard"/>), which
    /// one: (i, n) for every n-th case starting at i. Null for a whole run or a merged report.
    /// </summary>
    public (int Index, int Count)? Shard { get; init; }
}

/// <summary>Number and point formatting shared by the results' one-line summaries.</summary>
internal static class ResultText
{
    public static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    public static string Point(IReadOnlyDictionary<string, double> point) =>
        point.Count == 0 ? "(no variables)" : string.Join(", ", point.Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}"));
}
