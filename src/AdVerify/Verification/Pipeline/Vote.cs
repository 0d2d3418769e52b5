using System.Globalization;

namespace AdVerify.Verification.Pipeline;

/// <summary>One source's value for an entry with its absolute uncertainty.</summary>
/// <param name="Source">The source name (<see cref="Sources"/>).</param>
/// <param name="Value">Its value (NaN or ±∞ when the source failed to give a number).</param>
/// <param name="Uncertainty">The absolute error it is allowed.</param>
internal sealed record SourceValue(string Source, double Value, double Uncertainty);

/// <summary>
/// The vote on one entry: two sources agree when |a − b| ≤ uncertainty(a) + uncertainty(b). The
/// consensus is the largest group agreeing with one member (ties: the earlier, exact source); a
/// voter outside it is the odd one out when the consensus is a majority. A voter that gave no
/// finite number while others did is always a discrepancy naming it (an engine's NaN is evidence,
/// never an excuse). The claim is compared with the consensus, never part of it.
/// </summary>
internal static class Vote
{
    public static List<Discrepancy> Compare(string entry, IReadOnlyList<SourceValue> voters, SourceValue? claim)
    {
        static bool Agree(SourceValue a, SourceValue b) =>
            Math.Abs(a.Value - b.Value) <= a.Uncertainty + b.Uncertainty || a.Value == b.Value;

        var result = new List<Discrepancy>();

        // A source whose error bound is unknown (infinite) would agree with everything: it does not vote.
        voters = voters.Where(v => !double.IsPositiveInfinity(v.Uncertainty) && !double.IsNaN(v.Uncertainty)).ToList();
        var valid = voters.Where(v => double.IsFinite(v.Value)).ToList();
        if (valid.Count == 0)
        {
            return result;
        }

        var best = valid.OrderByDescending(v => valid.Count(o => Agree(v, o))).ThenBy(v => valid.IndexOf(v)).First();
        var consensus = valid.Where(v => Agree(best, v)).ToList();
        var hasMajority = consensus.Count * 2 > valid.Count;
        foreach (var v in valid.Where(v => !consensus.Contains(v)))
        {
            result.Add(Describe(entry, v, best, hasMajority ? v.Source : null, consensus.Count));
        }

        foreach (var v in voters.Where(v => !double.IsFinite(v.Value)))
        {
            result.Add(Describe(entry, v, best, v.Source, consensus.Count));
        }

        if (claim is not null && !Agree(claim, best))
        {
            result.Add(Describe(entry, claim, best, hasMajority ? Sources.Claimed : null, consensus.Count));
        }

        return result;
    }

    /// <summary>The discrepancy between a suspect and the reference, with a message stating the compared quantity and its bound.</summary>
    public static Discrepancy Describe(string entry, SourceValue suspect, SourceValue reference, string? oddOneOut, int agreeing)
    {
        var diff = Math.Abs(suspect.Value - reference.Value);
        var scale = Math.Max(Math.Abs(suspect.Value), Math.Abs(reference.Value));
        var rel = !double.IsFinite(diff) ? double.NaN : scale == 0 ? diff : diff / scale;
        var tol = suspect.Uncertainty + reference.Uncertainty;
        var what = Entry(entry);
        var who = oddOneOut is null
            ? "no majority: the sources split"
            : $"{oddOneOut} is the odd one out ({agreeing} other source{(agreeing == 1 ? "" : "s")} agree{(agreeing == 1 ? "s" : "")} with {reference.Source})";
        var message = !double.IsFinite(suspect.Value)
            ? $"{what}: {suspect.Source} gives {Name(suspect.Value)} while {reference.Source} gives {PointContext.Format(reference.Value)}; {who}"
            : $"{what}: {suspect.Source} gives {PointContext.Format(suspect.Value)}, {reference.Source} gives {PointContext.Format(reference.Value)}; " +
              $"they differ by {G(diff)} (relative {G(rel)}), more than the {G(tol)} their error bounds allow; {who}";
        return new Discrepancy(entry, [suspect.Source, reference.Source], [suspect.Value, reference.Value], rel, tol, oddOneOut, message)
        {
            Difference = diff,
        };
    }

    /// <summary>The entry as a derivative: ∂f/∂x, ∂²f/∂x∂y for a Hessian entry "x,y", ∂³f/∂x∂x∂y for "x,x,y", D³f along [x=1,y=-1] for "[x=1,y=-1]^3".</summary>
    public static string Entry(string entry) =>
        entry.StartsWith('[') && entry.LastIndexOf("]^", StringComparison.Ordinal) is var caret and > 0
            ? $"D{DerivativeKey.Superscript(int.Parse(entry[(caret + 2)..], CultureInfo.InvariantCulture))}f along {entry[..(caret + 1)]}"
            : entry.Contains(',', StringComparison.Ordinal)
                ? $"∂{DerivativeKey.Superscript(entry.Count(c => c == ',') + 1)}f/∂{entry.Replace(",", "∂", StringComparison.Ordinal)}"
                : $"∂f/∂{entry}";

    private static string Name(double v) => double.IsNaN(v) ? "NaN (no number)" : double.IsPositiveInfinity(v) ? "+∞" : "-∞";

    private static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
