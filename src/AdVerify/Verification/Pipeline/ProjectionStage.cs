using System.Globalization;
using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Numeric;
using AdVerify.Reverse;
using AdVerify.Symbolic;

namespace AdVerify.Verification.Pipeline;

/// <summary>
/// The fast mode for many variables: instead of n finite-difference estimates (and n² for a
/// Hessian), every source computes a few random directional derivatives uᵀ∇f (and uᵀHv) — one
/// forward pass, one reverse sweep, one symbolic directional derivative, one complex pass, one
/// one-dimensional finite difference each — and they are voted on like gradient entries. Only a
/// projection that disagrees is localised: bisection over subsets of the coordinates with the two
/// disagreeing sources finds the entries, which then get the full per-entry check.
/// </summary>
internal static class ProjectionStage
{
    /// <summary>How many random directions are checked.</summary>
    public const int Directions = 3;

    private const double Eps = 2.220446049250313e-16;
    private const int MaxCandidates = 32;

    public static PointResult Run(Problem problem, double[] x)
    {
        if (PointContext.Prepare(problem, x, out var ctx) is { } early)
        {
            return early;
        }

        if (SmoothnessStage.Check(ctx, out _) is { } kink)
        {
            return kink;
        }

        var projector = new Projector(ctx);
        var random = new Random(20261130);
        var discrepancies = new List<Discrepancy>();
        var projections = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        for (var d = 0; d < Directions; d++)
        {
            var u = projector.RandomDirection(random);
            var label = "u" + (d + 1).ToString(CultureInfo.InvariantCulture);
            var values = projector.All(u);
            foreach (var v in values.Where(v => v is not null))
            {
                (projections.TryGetValue(v!.Source, out var m) ? m : projections[v.Source] = new(StringComparer.Ordinal))[label] = v.Value;
            }

            var voters = values.Where(v => v is not null && v.Source != Sources.Claimed).Select(v => v!).ToList();
            var claim = values.FirstOrDefault(v => v?.Source == Sources.Claimed);
            var found = Vote.Compare($"{label}·∇f", voters, claim);
            if (found.Count > 0)
            {
                discrepancies.Add(found[0]);
                return Localise(problem, x, ctx, projector, u, found[0], label, projections);
            }
        }

        var notes = new List<string>
        {
            $"checked by projections: {Directions} random directions u, every source agreeing on uᵀ∇f" + (projector.Absent.Count > 0 ? $" ({string.Join("; ", projector.Absent.Select(kv => $"{kv.Key} left out: {kv.Value}"))})" : ""),
        };
        Dictionary<string, IReadOnlyDictionary<string, double>>? hessian = null;
        var hessianDiscrepancies = new List<Discrepancy>();
        if (problem.Hessian)
        {
            hessian = HessianProjections(ctx, projector, random, hessianDiscrepancies, notes);
            if (hessianDiscrepancies.Count > 0 && LocaliseHessian(problem, x, projector, hessianDiscrepancies[0]) is { } localised)
            {
                return localised with { Mode = $"projections ({Directions} random directions), localised to {Describe(localised)}" };
            }
        }

        return new PointResult
        {
            Point = ctx.Point,
            Verdict = hessianDiscrepancies.Count > 0 ? Verdict.Discrepancy : Verdict.Consistent,
            Value = ctx.Value,
            Gradient = projector.FullGradients(),
            Hessian = hessian,
            Discrepancies = hessianDiscrepancies,
            Absent = projector.Absent,
            Mode = $"projections ({Directions} random directions)",
            Message = string.Join("; ", notes),
        };
    }

    private static string Describe(PointResult r) => string.Join(", ", r.Discrepancies.Select(d => d.Variable).Distinct());

    /// <summary>Finds the coordinates behind a disagreeing projection and checks them entry by entry.</summary>
    private static PointResult Localise(Problem problem, double[] x, PointContext ctx, Projector projector, double[] u, Discrepancy d,
        string label, Dictionary<string, Dictionary<string, double>> projections)
    {
        var suspect = d.Sources[0];
        var reference = d.Sources[1];
        var candidates = new List<int>();
        Bisect(Enumerable.Range(0, problem.Wrt.Count).ToArray());
        var mode = $"projections ({Directions} random directions): {label}·∇f disagreed ({suspect} vs {reference})";
        if (candidates.Count > 0)
        {
            var restricted = problem with { Wrt = candidates.Select(k => problem.Wrt[k]).ToArray(), Mode = VerificationMode.PerEntry, Hessian = false };
            var detail = PointPipeline.PerEntry(restricted, x);
            if (detail.Verdict != Verdict.Consistent)
            {
                return detail with
                {
                    Mode = $"{mode}; localised by bisection to {string.Join(", ", restricted.WrtNames)} and checked per entry",
                    Point = ctx.Point,
                };
            }
        }

        return new PointResult
        {
            Point = ctx.Point,
            Verdict = Verdict.Discrepancy,
            Value = ctx.Value,
            Gradient = projector.FullGradients(),
            Discrepancies = [d],
            Absent = projector.Absent,
            Mode = mode + (candidates.Count > 0 ? "; the per-entry check of the localised coordinates found them consistent" : "; bisection could not localise it"),
            Message = d.Message,
        };

        void Bisect(int[] subset)
        {
            if (candidates.Count >= MaxCandidates || subset.Length == 0)
            {
                return;
            }

            var us = new double[u.Length];
            foreach (var k in subset)
            {
                us[k] = u[k];
            }

            var a = projector.One(suspect, us);
            var b = projector.One(reference, us);
            if (a is null || b is null || Math.Abs(a.Value - b.Value) <= a.Uncertainty + b.Uncertainty || a.Value == b.Value)
            {
                if (!(a is not null && b is not null && (!double.IsFinite(a.Value) || !double.IsFinite(b.Value))))
                {
                    return;
                }
            }

            if (subset.Length == 1)
            {
                candidates.Add(subset[0]);
                return;
            }

            Bisect(subset[..(subset.Length / 2)]);
            Bisect(subset[(subset.Length / 2)..]);
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<string, double>> HessianProjections(PointContext ctx, Projector projector, Random random,
        List<Discrepancy> discrepancies, List<string> notes)
    {
        var maps = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        for (var d = 0; d < Directions; d++)
        {
            var u = projector.RandomDirection(random);
            var v = projector.RandomDirection(random);
            var label = $"u{d + 1},v{d + 1}";
            var values = projector.Second(u, v);
            var claimed = projector.ClaimedSecond(u, v);
            foreach (var s in claimed is null ? values : values.Append(claimed))
            {
                (maps.TryGetValue(s.Source, out var m) ? m : maps[s.Source] = new(StringComparer.Ordinal))[label] = s.Value;
            }

            var found = Vote.Compare(label, values, claimed);
            if (found.Count > 0)
            {
                discrepancies.Add(found[0] with { Message = $"uᵀHv along random directions: {found[0].Message}" });
                projector.LastHessianDirections = (u, v);
                break;
            }
        }

        notes.Add($"Hessian checked by projections uᵀHv ({Directions} random pairs of directions)");
        if (discrepancies.Count == 0 && projector.PartialHessianClaim is { } partial)
        {
            // A claim of some entries only: uᵀHv of it is not the full product, so each claimed entry is
            // checked as eᵢᵀHeⱼ by every source.
            var n = ctx.Problem.Wrt.Count;
            for (var i = 0; i < n && discrepancies.Count == 0; i++)
            {
                for (var j = i; j < n && discrepancies.Count == 0; j++)
                {
                    if (partial.At(i, j) is null)
                    {
                        continue;
                    }

                    var (ei, ej) = (Unit(n, i), Unit(n, j));
                    var key = ctx.Problem.WrtNames[i] + "," + ctx.Problem.WrtNames[j];
                    var values = projector.Second(ei, ej);
                    var claimed = projector.ClaimedSecond(ei, ej);
                    foreach (var s in claimed is null ? values : values.Append(claimed))
                    {
                        (maps.TryGetValue(s.Source, out var m) ? m : maps[s.Source] = new(StringComparer.Ordinal))[key] = s.Value;
                    }

                    var found = Vote.Compare(key, values, claimed);
                    if (found.Count > 0)
                    {
                        discrepancies.Add(found[0]);
                        projector.LastHessianDirections = (ei, ej);
                    }
                }
            }

            notes.Add("the claimed Hessian entries checked one by one (the claim does not give every entry)");
        }
        return maps.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Localises a disagreeing uᵀHv to rows, then columns, then checks those entries per entry.</summary>
    private static PointResult? LocaliseHessian(Problem problem, double[] x, Projector projector, Discrepancy d)
    {
        var (maybeU, maybeV) = projector.LastHessianDirections;
        if (maybeU is not { } u || maybeV is not { } v)
        {
            return null;
        }

        var suspect = d.Sources[0];
        var reference = d.Sources[1];
        bool Differs(double[] uu, double[] vv)
        {
            var values = projector.Second(uu, vv);
            if (projector.ClaimedSecond(uu, vv) is { } claimed)
            {
                values.Add(claimed);
            }

            var a = values.FirstOrDefault(s => s.Source == suspect);
            var b = values.FirstOrDefault(s => s.Source == reference);
            return a is not null && b is not null && !(Math.Abs(a.Value - b.Value) <= a.Uncertainty + b.Uncertainty);
        }

        var rows = Split(Enumerable.Range(0, problem.Wrt.Count).ToArray(), s => Differs(Restrict(u, s), v));
        var cols = Split(Enumerable.Range(0, problem.Wrt.Count).ToArray(), s => Differs(u, Restrict(v, s)));
        var entries = rows.Concat(cols).Distinct().Take(8).ToArray();
        if (entries.Length == 0)
        {
            return null;
        }

        var restricted = problem with { Wrt = entries.Select(k => problem.Wrt[k]).ToArray(), Mode = VerificationMode.PerEntry, Hessian = true };
        var detail = PointPipeline.PerEntry(restricted, x);
        return detail.Verdict == Verdict.Consistent ? null : detail;

        static double[] Restrict(double[] w, int[] subset)
        {
            var r = new double[w.Length];
            foreach (var k in subset)
            {
                r[k] = w[k];
            }

            return r;
        }
    }

    private static double[] Unit(int n, int i)
    {
        var e = new double[n];
        e[i] = 1;
        return e;
    }

    private static List<int> Split(int[] subset, Func<int[], bool> differs)
    {
        var found = new List<int>();
        void Go(int[] s)
        {
            if (s.Length == 0 || found.Count >= MaxCandidates || !differs(s))
            {
                return;
            }

            if (s.Length == 1)
            {
                found.Add(s[0]);
                return;
            }

            Go(s[..(s.Length / 2)]);
            Go(s[(s.Length / 2)..]);
        }

        Go(subset);
        return found;
    }
}
