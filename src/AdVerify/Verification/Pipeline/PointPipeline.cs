using System.Globalization;
using AdVerify.Numeric;

namespace AdVerify.Verification.Pipeline;

/// <summary>
/// The one verification pipeline, for expressions, generic C# definitions and opaque delegates
/// alike: prepare the point (value as written, trace, error model) → is a derivative defined here
/// (smoothness) → sources, each with its own error bound → vote per entry → arbitration →
/// second derivatives when asked → the result. Large problems run the projection mode first
/// (<see cref="ProjectionStage"/>) and come here only for the coordinates it localises.
/// </summary>
internal static class PointPipeline
{
    public static PointResult Verify(Problem problem, double[] x)
    {
        string? rounded = null;
        if (problem.Precision == Precision.Float32 || problem.Definition.IsSinglePrecision)
        {
            // Single precision is verified at the float point, so float and double runs see the same inputs.
            if (Float32Stage.Round(x, problem.Definition.Variables, out var error, out rounded) is not { } x32)
            {
                return Error(problem, x, error!);
            }

            x = x32;
        }

        try
        {
            var r = RequireFiniteWhenConsistent(problem.UsesProjections ? ProjectionStage.Run(problem, x) : PerEntry(problem, x));
            r = RequireFiniteWhenConsistent(HigherDerivativeStage.Compare(problem, x, r));
            if (problem.Precision == Precision.Float32)
            {
                r = Float32Stage.Compare(problem, x, r);
            }

            return rounded is null ? r : r with { Message = r.Message is null ? rounded : r.Message + "; " + rounded };
        }
        catch (ClaimShapeException e)
        {
            return Error(problem, x, e.Message);
        }
        catch (Exception e) when (e is NotSupportedException or InsufficientExecutionStackException)
        {
            return Error(problem, x, e.Message);
        }
    }

    /// <summary>
    /// The last line of defence: a consistent verdict vouches for its numbers, so a value or a
    /// derivative (other than a finite-difference estimate, whose absence is noted) that is not
    /// finite turns the verdict into undefined, naming the entry.
    /// </summary>
    internal static PointResult RequireFiniteWhenConsistent(PointResult r)
    {
        if (r.Verdict != Verdict.Consistent)
        {
            return r;
        }

        string? reason = null;
        if (!double.IsFinite(r.Value))
        {
            reason = $"the value is not a finite number ({PointContext.Format(r.Value)})";
        }

        foreach (var (source, entries) in r.Gradient.Where(g => g.Key is not (Sources.FiniteDifference or Sources.Symbolic)))
        {
            foreach (var (variable, v) in entries)
            {
                reason ??= double.IsFinite(v) ? null : $"the derivative with respect to {variable} by {source} is not a finite number ({PointContext.Format(v)})";
            }
        }

        foreach (var (source, entries) in r.Hessian?.Where(h => h.Key != Sources.FiniteDifference) ?? [])
        {
            foreach (var (entry, v) in entries)
            {
                reason ??= double.IsFinite(v) ? null : $"the second derivative {entry} by {source} is not a finite number ({PointContext.Format(v)})";
            }
        }

        foreach (var (source, entries) in r.HigherDerivatives ?? new Dictionary<string, IReadOnlyDictionary<string, double>>())
        {
            foreach (var (entry, v) in entries)
            {
                reason ??= double.IsFinite(v) ? null : $"the derivative {entry} by {source} is not a finite number ({PointContext.Format(v)})";
            }
        }

        return reason is null ? r : r with
        {
            Verdict = Verdict.Undefined,
            Message = r.Message is null ? reason : reason + "; " + r.Message,
        };
    }

    private static PointResult Error(Problem p, double[] x, string message) =>
        new() { Point = PointContext.ByName(p.Definition.Variables, x), Verdict = Verdict.Error, Message = message };

    /// <summary>Every gradient entry (and Hessian entry when asked) by every source.</summary>
    public static PointResult PerEntry(Problem problem, double[] x)
    {
        if (PointContext.Prepare(problem, x, out var ctx) is { } early)
        {
            return early;
        }

        if (SmoothnessStage.Check(ctx, out var suspects) is { } kink)
        {
            return kink;
        }

        var notes = new List<string>();
        var forward = SourceStage.Forward(ctx);
        var reverse = SourceStage.Reverse(ctx);
        var symbolic = SourceStage.Symbolic(ctx, suspects, notes);
        var complex = SourceStage.ComplexStep(ctx);
        var (fd, estimates) = SourceStage.FiniteDifferences(ctx, [forward, reverse]);
        Column? claim;
        try
        {
            claim = SourceStage.Claimed(ctx, fd, [forward, reverse, symbolic], notes);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ClaimShapeException))
        {
            return ctx.Result(Verdict.Error, $"the claimed gradient threw {e.GetType().Name}: {e.Message}");
        }

        var voters = new[] { forward, reverse, symbolic, complex, fd };
        var discrepancies = new List<Discrepancy>();
        for (var k = 0; k < problem.Wrt.Count; k++)
        {
            var entry = voters.Where(c => c.Absent[k] is null).Select(c => new SourceValue(c.Name, c.Values[k], c.Uncertainty[k])).ToList();
            var exact = entry.Where(v => v.Source != Sources.FiniteDifference).ToList();
            if (!entry.Any(v => double.IsFinite(v.Value)) || (exact.Count > 0 && !exact.Any(v => double.IsFinite(v.Value))))
            {
                // No number at all, or only finite differences give one: an engine's NaN is evidence only
                // against an independent exact answer (or two agreeing oracles), not against one estimate.
                var got = string.Join(", ", voters.Where(c => c.Absent[k] is null || c == fd).Select(c => $"{c.Name} {Describe(c, k)}"));
                var only = double.IsFinite(fd.Values[k]) && fd.Absent[k] is null ? "; only finite differences give a number, which alone cannot settle it" : "";
                return ctx.Result(Verdict.Undefined, $"the derivative with respect to {problem.WrtNames[k]} is not a finite number ({got}){only}");
            }

            var claimed = claim is null || claim.Absent[k] is not null ? null : new SourceValue(claim.Name, claim.Values[k], claim.Uncertainty[k]);
            var found = Vote.Compare(problem.WrtNames[k], entry, claimed);
            var judged = Arbitration.Judge(ctx, k, found, forward, reverse, complex, claim, estimates[k], notes).ToList();
            discrepancies.AddRange(judged);
            if (judged.Count == 0 && exact.Count == 0 && claimed is not null && Resolution(claimed, entry) is { } coarse)
            {
                notes.Add($"∂f/∂{problem.WrtNames[k]}: only finite differences check the claim here, and they resolve it to {coarse.ToString("G3", CultureInfo.InvariantCulture)} relative, so a smaller fault would not be seen");
            }
        }

        if (discrepancies.Count > 0 && ctx.Trace is null && Kinks(ctx, discrepancies) is { } nondifferentiable)
        {
            return nondifferentiable with { Gradient = GradientMap(ctx, voters, claim), FiniteDifferenceError = FdErrors(ctx, estimates) };
        }

        var absent = AbsentReasons(problem, voters.Append(claim));
        Dictionary<string, IReadOnlyDictionary<string, double>>? hessian = null;
        if (problem.Hessian)
        {
            var gradientDiscrepancies = discrepancies.Count;
            hessian = HessianStage.Run(ctx, discrepancies, absent, notes, out var undefined);
            if (undefined is not null && discrepancies.Count == gradientDiscrepancies)
            {
                notes.Insert(0, undefined);
                return Assemble(ctx, Verdict.Undefined, voters, claim, estimates, hessian, [], notes, absent);
            }
        }

        return Assemble(ctx, discrepancies.Count > 0 ? Verdict.Discrepancy : Verdict.Consistent, voters, claim, estimates, hessian, discrepancies, notes, absent);
    }

    /// <summary>Coarser than this, a claim checked by finite differences alone gets a note saying how finely it was checked.</summary>
    private const double CoarseResolution = 1e-6;

    // How finely an estimate checks a claim: the two uncertainties against the claim's size, when coarser than CoarseResolution.
    private static double? Resolution(SourceValue claimed, List<SourceValue> estimates)
    {
        var fd = estimates.FirstOrDefault(v => double.IsFinite(v.Value));
        var scale = Math.Max(Math.Abs(claimed.Value), fd is null ? 0 : Math.Abs(fd.Value));
        if (fd is null || scale == 0)
        {
            return null;
        }

        var resolution = (claimed.Uncertainty + fd.Uncertainty) / scale;
        return resolution > CoarseResolution ? resolution : null;
    }

    private static string Describe(Column c, int k) =>
        c.Absent[k] is { } why ? $"(none: {why})" : PointContext.Format(c.Values[k]);

    /// <summary>Without a trace there is no kink detector: a disagreement at a kink or jump is classified after the fact.</summary>
    private static PointResult? Kinks(PointContext ctx, List<Discrepancy> discrepancies)
    {
        if (ctx.Problem.Definition.IsSinglePrecision)
        {
            // The classifier's probes go far below float32's resolution, where float code looks like a staircase
            // of jumps: a kink in float code stays a discrepancy.
            return null;
        }

        var names = ctx.Problem.WrtNames;
        var reasons = discrepancies.Select(d => d.Variable).Distinct(StringComparer.Ordinal)
            .Select(v => SmoothnessClassifier.Classify(ctx.F, ctx.XWrt, IndexOf(names, v), null, v))
            .Where(c => !c.IsDifferentiable).Select(c => c.Message).ToList();
        return reasons.Count > 0 ? ctx.Result(Verdict.Nondifferentiable, string.Join("; ", reasons)) : null;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static PointResult Assemble(PointContext ctx, Verdict verdict, Column[] voters, Column? claim, DerivativeEstimate[] estimates,
        Dictionary<string, IReadOnlyDictionary<string, double>>? hessian, List<Discrepancy> discrepancies, List<string> notes,
        Dictionary<string, string> absent) => new()
        {
            Point = ctx.Point,
            Verdict = verdict,
            Value = ctx.Value,
            Gradient = GradientMap(ctx, voters, claim),
            FiniteDifferenceError = FdErrors(ctx, estimates),
            Hessian = hessian,
            Discrepancies = discrepancies,
            Absent = absent,
            Mode = "per entry",
            // A discrepancy's sentence leads (the notes qualify it); without one the notes are the message.
            Message = discrepancies.Count > 0 ? string.Join("; ", notes.Prepend(discrepancies[0].Message).Distinct())
                : notes.Count > 0 ? string.Join("; ", notes.Distinct()) : null,
        };

    private static Dictionary<string, IReadOnlyDictionary<string, double>> GradientMap(PointContext ctx, Column[] voters, Column? claim)
    {
        var names = ctx.Problem.WrtNames;
        var map = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var c in voters.Append(claim))
        {
            if (c is null || (c.IsAbsent && c.Name != Sources.FiniteDifference))
            {
                continue;
            }

            var entries = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var k = 0; k < names.Count; k++)
            {
                if (c.Absent[k] is null || c.Name == Sources.FiniteDifference || c.Name == Sources.Symbolic)
                {
                    entries[names[k]] = c.Values[k];
                }
            }

            map[c.Name] = entries;
        }

        return map;
    }

    private static IReadOnlyDictionary<string, double> FdErrors(PointContext ctx, DerivativeEstimate[] estimates) =>
        PointContext.ByName(ctx.Problem.WrtNames, estimates.Select(e => e.ErrorEstimate).ToArray());

    private static Dictionary<string, string> AbsentReasons(Problem p, IEnumerable<Column?> columns)
    {
        var absent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (c is null || c.Name == Sources.Claimed)
            {
                continue;
            }

            var reasons = c.Absent.Select((r, k) => (r, k)).Where(t => t.r is not null).ToList();
            if (reasons.Count == 0)
            {
                continue;
            }

            absent[c.Name] = reasons.Select(t => t.r).Distinct().Count() == 1 && reasons.Count == c.Absent.Length
                ? reasons[0].r!
                : string.Join("; ", reasons.Select(t => $"{p.WrtNames[t.k]}: {t.r}"));
        }

        return absent;
    }
}
