using System.Globalization;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Graphs;
using AdVerify.Numeric;
using AdVerify.Reverse;
using AdVerify.Symbolic;

namespace AdVerify.Verification;

/// <summary>
/// Verifies one problem at one point: classifies the point (undefined, kink), gathers every
/// derivative source, compares them with error-model tolerances and names the odd one out.
/// </summary>
internal static class PointVerifier
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>Safety factor on the exact engines' rounding bounds: the bounds already add absolute values along every path (a worst case), so a factor of 2 covers the second-order terms they leave out.</summary>
    private const double ExactSafety = 2;

    /// <summary>Safety factor on finite-difference error estimates (which already include their own factor).</summary>
    private const double FiniteDifferenceSafety = 2;

    public static PointResult Verify(VerificationProblem problem, IReadOnlyDictionary<string, double> point)
    {
        try
        {
            return RequireFiniteWhenConsistent(VerifyUnguarded(problem, point));
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or KeyNotFoundException or InsufficientExecutionStackException)
        {
            return new PointResult { Point = point, Verdict = Verdict.Error, Message = e.Message };
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
            reason = $"the value is not a finite number ({Format(r.Value)})";
        }

        foreach (var (source, entries) in r.Gradient.Where(g => g.Key != Sources.FiniteDifference))
        {
            foreach (var (variable, v) in entries)
            {
                // A symbolic derivative the message already explains (rounded across a domain edge) is excused.
                var explained = source == Sources.Symbolic && r.Message?.Contains(SymbolicNote(variable), StringComparison.Ordinal) == true;
                reason ??= double.IsFinite(v) || explained ? null : $"the derivative with respect to {variable} by {source} is not a finite number ({Format(v)})";
            }
        }

        foreach (var (source, entries) in r.Hessian?.Where(h => h.Key != Sources.FiniteDifference) ?? [])
        {
            foreach (var (entry, v) in entries)
            {
                reason ??= double.IsFinite(v) ? null : $"the second derivative {entry} by {source} is not a finite number ({Format(v)})";
            }
        }

        return reason is null ? r : r with
        {
            Verdict = Verdict.Undefined,
            Message = r.Message is null ? reason : reason + "; " + r.Message,
        };
    }

    private static string SymbolicNote(string variable) => $"the symbolic derivative with respect to {variable}";

    private static PointResult VerifyUnguarded(VerificationProblem problem, IReadOnlyDictionary<string, double> point)
    {
        var expr = problem.Expression;
        var wrt = problem.Wrt;

        // A wrt variable that neither the expression nor a claim uses has derivative 0 and needs no value.
        var used = expr.Variables.Concat(problem.Claimed?.Values.SelectMany(c => c.Variables) ?? []).ToHashSet(StringComparer.Ordinal);
        if (wrt.Any(w => !used.Contains(w) && !point.ContainsKey(w)))
        {
            var filled = new Dictionary<string, double>(point, StringComparer.Ordinal);
            foreach (var w in wrt.Where(w => !used.Contains(w)))
            {
                filled.TryAdd(w, 0);
            }

            point = filled;
        }

        // The input: every variable needs a value.
        var needed = expr.Variables.Concat(wrt).Concat(problem.Claimed?.Values.SelectMany(c => c.Variables) ?? [])
            .Distinct(StringComparer.Ordinal).Where(v => !point.ContainsKey(v)).ToArray();
        if (needed.Length > 0)
        {
            return new PointResult
            {
                Point = point,
                Verdict = Verdict.Error,
                Message = $"the point gives no value for {string.Join(", ", needed)}",
            };
        }

        // Undefined: the value is not a real number.
        if (!Evaluation.TryEvaluate(expr, point, out var value, out var issue))
        {
            return new PointResult { Point = point, Verdict = Verdict.Undefined, Message = issue!.Message };
        }

        var f = FunctionOfWrt(expr, point, wrt, out var x);

        if (KinkDetector.UndefinedDerivative(expr, point) is { } noDerivative)
        {
            return new PointResult { Point = point, Verdict = Verdict.Undefined, Value = value, Message = noDerivative };
        }

        // Kinks and cusps: only where a non-smooth piece sits exactly on its kink.
        var suspects = KinkDetector.Suspects(expr, point);
        if (suspects.Count > 0)
        {
            var reasons = new List<string>();
            for (var i = 0; i < wrt.Count; i++)
            {
                var c = SmoothnessClassifier.Classify(f, x, i, null, wrt[i]);
                if (c.Kind != SmoothnessKind.Differentiable)
                {
                    reasons.Add(c.Message);
                }
            }

            if (reasons.Count > 0)
            {
                var ad = TryGradient(() => ExprReverse.Gradient(expr, point, wrt).Gradient);
                var adText = ad is null ? "" : "; AD returned " + string.Join(", ", wrt.Select((w, i) => $"∂/∂{w} = {Format(ad[i])}"));
                return new PointResult
                {
                    Point = point,
                    Verdict = Verdict.Nondifferentiable,
                    Value = value,
                    Message = $"{string.Join("; ", reasons)} ({string.Join("; ", suspects)}){adText}",
                };
            }
        }

        return CompareSources(problem, point, value, f, x, suspects);
    }

    private static PointResult CompareSources(VerificationProblem problem, IReadOnlyDictionary<string, double> point, double value,
        Func<double[], double> f, double[] x, IReadOnlyList<string> suspects)
    {
        var expr = problem.Expression;
        var wrt = problem.Wrt;
        var n = wrt.Count;
        var notes = new List<string>();

        var forward = ExprForward.Gradient(expr, point, wrt).Gradient;
        var reverse = ExprReverse.Gradient(expr, point, wrt).Gradient;
        var symbolicExprs = wrt.Select(w => Calculus.Differentiate(expr, w)).ToArray();
        var symbolic = new double[n];
        var symbolicBound = new double[n];
        var symbolicRounding = new string?[n];
        for (var i = 0; i < n; i++)
        {
            symbolic[i] = Evaluation.TryEvaluate(symbolicExprs[i], point, out var s, out var symbolicIssue) ? s : double.NaN;
            symbolicBound[i] = ValueBound(symbolicExprs[i], point);
            if (symbolicIssue is not null && RoundedOutOfDomain(symbolicIssue, point) is { } rounding)
            {
                symbolicRounding[i] = rounding;
            }
        }

        var trace = Tracer.Reverse(expr, point, wrt);
        var bounds = ErrorModel.GradientBounds(trace);
        var exactBound = new double[n];
        for (var i = 0; i < n; i++)
        {
            exactBound[i] = trace.Graph.TryGetIndex(Expr.Symbol(wrt[i]), out var node) ? bounds[node] : 0;
        }

        var complex = ComplexStep.Gradient(expr, point, wrt);
        var fd = FiniteDifference.Gradient(f, x);

        double[]? claimed = null;
        var claimedBound = new double[n];
        if (problem.Claimed is { } claims)
        {
            claimed = new double[n];
            for (var i = 0; i < n; i++)
            {
                if (!claims.TryGetValue(wrt[i], out var c))
                {
                    claimed[i] = double.NaN;
                    continue;
                }

                if (!Evaluation.TryEvaluate(c, point, out claimed[i], out var claimIssue))
                {
                    notes.Add($"the claimed derivative for {wrt[i]} is undefined at the point: {claimIssue!.Message}");
                    claimed[i] = double.NaN;
                }

                claimedBound[i] = ValueBound(c, point);
            }
        }

        // A derivative that is not a real number where the value is: undefined, say why.
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(forward[i]) || !double.IsFinite(reverse[i]))
            {
                return new PointResult
                {
                    Point = point,
                    Verdict = Verdict.Undefined,
                    Value = value,
                    Message = $"the derivative with respect to {wrt[i]} is not a finite number (forward {Format(forward[i])}, reverse {Format(reverse[i])})",
                };
            }
        }

        var valueNoise = ErrorModel.ValueBound(trace);
        var discrepancies = new List<Discrepancy>();
        for (var i = 0; i < n; i++)
        {
            var tol = ExactSafety * exactBound[i];
            var voters = new List<SourceValue>
            {
                new(Sources.Forward, forward[i], tol),
                new(Sources.Reverse, reverse[i], tol),
            };
            if (double.IsNaN(symbolic[i]) && symbolicRounding[i] is { } rounded)
            {
                notes.Add($"{SymbolicNote(wrt[i])} could not be evaluated: {rounded}");
            }
            else if (double.IsNaN(symbolic[i]) && suspects.Count > 0)
            {
                // The classifier found the function differentiable, but a piece sits on the edge of
                // its domain (asin at 1 inside a locally constant composite): the symbolic chain rule
                // meets ∞·0 there. Say so instead of blaming the symbolic engine.
                notes.Add($"{SymbolicNote(wrt[i])} is undefined here because the chain rule meets a domain edge ({string.Join("; ", suspects)}); the function itself is differentiable");
            }
            else
            {
                voters.Add(new(Sources.Symbolic, symbolic[i], Math.Max(tol, ExactSafety * symbolicBound[i])));
            }
            if (complex.Gradient.TryGetValue(wrt[i], out var cs))
            {
                voters.Add(new(Sources.ComplexStep, cs, tol + (ExactSafety * Eps * Math.Abs(cs))));
            }

            var fdEstimate = fd[i];
            if (fdEstimate.IsValid)
            {
                // The estimate's own rounding term sees only |f|; when f is a small difference of
                // large intermediate values, their rounding (the value bound) is the real noise.
                var noise = fdEstimate.Step > 0 ? valueNoise / fdEstimate.Step : 0;
                voters.Add(new(Sources.FiniteDifference, fdEstimate.Value, (FiniteDifferenceSafety * (fdEstimate.ErrorEstimate + noise)) + tol));
            }
            else
            {
                notes.Add($"finite differences gave no estimate for {wrt[i]}{(fdEstimate.Note is null ? "" : ": " + fdEstimate.Note)}");
            }

            var claim = claimed is null || problem.Claimed?.ContainsKey(wrt[i]) != true
                ? null
                : new SourceValue(Sources.Claimed, claimed[i], tol + (ExactSafety * claimedBound[i]));
            var found = Compare(wrt[i], voters, claim);
            if (found.Count == 1 && found[0].OddOneOut == Sources.FiniteDifference)
            {
                // Every exact engine agrees and only finite differences differ: let the step-free
                // Taylor remainder test decide whether the engines' gradient fits the function.
                var taylor = TaylorRemainder.Test(f, x, reverse);
                var primitives = PrimitivesOn(expr, wrt[i]);
                if (primitives.Count > 0)
                {
                    // The exact engines all used the user's rule for these primitives, so their
                    // agreement is no evidence: finite differences are the independent check.
                    discrepancies.Add(PrimitiveRuleSuspect(found[0], primitives, fdEstimate, taylor) with { StepScan = ScanSteps(f, x, i) });
                    continue;
                }

                if (complex.Gradient.ContainsKey(wrt[i]))
                {
                    // Complex step uses no derivative rule at all and no subtraction: when it sides
                    // with the three rule cards, the step-based oracle is the one that failed (the
                    // function varies faster than any usable real step, or cancels below rounding).
                    notes.Add($"finite differences for {wrt[i]} could not resolve the function here (estimate {Format(fdEstimate.Value)} ± {Format(fdEstimate.ErrorEstimate)}); complex step, which uses no derivative rule, agrees with forward, reverse and symbolic");
                    continue;
                }

                if (taylor.Verdict == TaylorVerdict.Consistent)
                {
                    notes.Add($"finite differences for {wrt[i]} were off beyond their error estimate; the Taylor remainder test confirms the AD gradient ({taylor.Message})");
                    continue;
                }

                if (taylor.Verdict == TaylorVerdict.Inconclusive)
                {
                    // Three independent rule cards (and complex step, where it applies) agree; the
                    // step-based oracles could not resolve the function (it varies faster than
                    // any usable step). Say so rather than raise an alarm nobody can act on.
                    notes.Add($"finite differences for {wrt[i]} could not resolve the function here (estimate {Format(fdEstimate.Value)} ± {Format(fdEstimate.ErrorEstimate)}) and the Taylor test was inconclusive; forward, reverse and symbolic agree");
                    continue;
                }
            }

            discrepancies.AddRange(found.Select(d => d with { StepScan = ScanSteps(f, x, i) }));
        }

        var gradient = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal)
        {
            [Sources.Forward] = ByName(wrt, forward),
            [Sources.Reverse] = ByName(wrt, reverse),
            [Sources.Symbolic] = ByName(wrt, symbolic),
            [Sources.FiniteDifference] = ByName(wrt, fd.Select(e => e.Value).ToArray()),
        };
        if (complex.Gradient.Count > 0)
        {
            gradient[Sources.ComplexStep] = complex.Gradient.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }

        if (claimed is not null && problem.Claimed is { } claimedMap)
        {
            gradient[Sources.Claimed] = ByName(wrt, claimed).Where(kv => claimedMap.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }

        Dictionary<string, IReadOnlyDictionary<string, double>>? hessian = null;
        string? undefinedHessian = null;
        if (problem.Hessian)
        {
            var gradientDiscrepancies = discrepancies.Count;
            hessian = HessianCheck.Run(expr, point, wrt, f, x, discrepancies);
            if (hessian[Sources.Ad].FirstOrDefault(kv => !double.IsFinite(kv.Value)) is { Key: not null } bad)
            {
                // Second derivatives that are not real numbers: comparing them says nothing, and
                // the verdict must not be a silent consistent (or a discrepancy against noise).
                discrepancies.RemoveRange(gradientDiscrepancies, discrepancies.Count - gradientDiscrepancies);
                undefinedHessian = $"the second derivative ∂²f/∂{bad.Key.Replace(",", "∂", StringComparison.Ordinal)} is not a finite number (AD gives {Format(bad.Value)})";
            }
        }

        if (undefinedHessian is not null && discrepancies.Count == 0)
        {
            notes.Insert(0, undefinedHessian);
            return new PointResult
            {
                Point = point,
                Verdict = Verdict.Undefined,
                Value = value,
                Gradient = gradient,
                FiniteDifferenceError = ByName(wrt, fd.Select(e => e.ErrorEstimate).ToArray()),
                Hessian = hessian,
                Message = string.Join("; ", notes),
            };
        }

        return new PointResult
        {
            Point = point,
            Verdict = discrepancies.Count > 0 ? Verdict.Discrepancy : Verdict.Consistent,
            Value = value,
            Gradient = gradient,
            FiniteDifferenceError = ByName(wrt, fd.Select(e => e.ErrorEstimate).ToArray()),
            Hessian = hessian,
            Discrepancies = discrepancies,
            Message = notes.Count > 0 ? string.Join("; ", notes) : null,
        };
    }

    /// <summary>The user primitives (functions not built in) whose arguments depend on the variable.</summary>
    internal static IReadOnlyList<FunctionInfo> PrimitivesOn(Expr expr, string variable)
    {
        var depends = new Dictionary<Expr, bool>(ReferenceEqualityComparer.Instance);
        var found = new List<FunctionInfo>();
        foreach (var node in Traversal.PostOrder(expr))
        {
            var d = node is SymbolExpr s ? s.Name == variable : node.Operands.Any(o => depends[o]);
            depends[node] = d;
            if (d && node is CallExpr { Function.IsBuiltIn: false } call && !found.Contains(call.Function))
            {
                found.Add(call.Function);
            }
        }

        return found;
    }

    private static Discrepancy PrimitiveRuleSuspect(Discrepancy d, IReadOnlyList<FunctionInfo> primitives, DerivativeEstimate fd, TaylorTestResult taylor)
    {
        var names = string.Join(", ", primitives.Select(p => p.Name));
        var rule = primitives.Count == 1 ? $"the derivative rule registered for {names}" : $"the derivative rules registered for {names}";
        var taylorText = taylor.Verdict switch
        {
            TaylorVerdict.Inconsistent => "the Taylor remainder test confirms the AD gradient does not fit the function",
            TaylorVerdict.Consistent => "the Taylor remainder test did not see the error along its direction",
            _ => "the Taylor remainder test was inconclusive",
        };
        var message =
            $"{rule} disagrees with finite differences: ∂f/∂{d.Variable}: forward, reverse and symbolic (which all use that rule) give " +
            $"{Format(d.Values[1])}, finite differences give {Format(fd.Value)} (error estimate {fd.ErrorEstimate.ToString("G3", CultureInfo.InvariantCulture)}); " +
            $"{taylorText} ({taylor.Message})";
        return d with
        {
            Sources = [Sources.PrimitiveRule, Sources.FiniteDifference],
            Values = [d.Values[1], d.Values[0]],
            OddOneOut = Sources.PrimitiveRule,
            Message = message,
        };
    }

    /// <summary>One source's value for an entry with its absolute uncertainty.</summary>
    internal sealed record SourceValue(string Source, double Value, double Uncertainty);

    /// <summary>
    /// Compares the voters with each other and the claim with the voters' consensus. Two sources
    /// agree when |a − b| ≤ uncertainty(a) + uncertainty(b). The consensus is the largest group
    /// agreeing with one member; a voter outside it is the odd one out.
    /// </summary>
    internal static List<Discrepancy> Compare(string entry, IReadOnlyList<SourceValue> voters, SourceValue? claim)
    {
        static bool Agree(SourceValue a, SourceValue b) =>
            Math.Abs(a.Value - b.Value) <= a.Uncertainty + b.Uncertainty || a.Value == b.Value;

        var result = new List<Discrepancy>();
        var valid = voters.Where(v => !double.IsNaN(v.Value)).ToList();
        if (valid.Count == 0)
        {
            return result;
        }

        // Pick the member that agrees with the most others (ties: the earlier, exact source).
        var best = valid.OrderByDescending(v => valid.Count(o => Agree(v, o))).ThenBy(v => valid.IndexOf(v)).First();
        var consensus = valid.Where(v => Agree(best, v)).ToList();
        var hasMajority = consensus.Count * 2 > valid.Count;
        foreach (var v in valid.Where(v => !consensus.Contains(v)))
        {
            result.Add(Describe(entry, v, best, hasMajority ? v.Source : null, consensus.Count));
        }

        foreach (var v in voters.Where(v => double.IsNaN(v.Value) && v.Source != Sources.FiniteDifference))
        {
            result.Add(Describe(entry, v, best, v.Source, consensus.Count));
        }

        if (claim is not null && !Agree(claim, best))
        {
            result.Add(Describe(entry, claim, best, hasMajority ? Sources.Claimed : null, consensus.Count));
        }

        return result;
    }

    private static Discrepancy Describe(string entry, SourceValue suspect, SourceValue reference, string? oddOneOut, int agreeing)
    {
        var diff = Math.Abs(suspect.Value - reference.Value);
        var scale = Math.Max(Math.Abs(suspect.Value), Math.Abs(reference.Value));
        var rel = double.IsNaN(diff) ? double.NaN : scale == 0 ? diff : diff / scale;
        var tol = suspect.Uncertainty + reference.Uncertainty;
        var what = entry.Contains(',', StringComparison.Ordinal) ? $"∂²f/∂{entry.Replace(",", "∂", StringComparison.Ordinal)}" : $"∂f/∂{entry}";
        var who = oddOneOut is null
            ? "no majority: the sources split"
            : $"{oddOneOut} is the odd one out ({agreeing} other source{(agreeing == 1 ? "" : "s")} agree{(agreeing == 1 ? "s" : "")} with {reference.Source})";
        var message = double.IsNaN(suspect.Value)
            ? $"{what}: {suspect.Source} is undefined while {reference.Source} gives {Format(reference.Value)}; {who}"
            : $"{what}: {suspect.Source} gives {Format(suspect.Value)}, {reference.Source} gives {Format(reference.Value)}; " +
              $"relative error {rel.ToString("G3", CultureInfo.InvariantCulture)} exceeds the tolerance {tol.ToString("G3", CultureInfo.InvariantCulture)} (absolute); {who}";
        return new Discrepancy(entry, [suspect.Source, reference.Source], [suspect.Value, reference.Value], rel, tol, oddOneOut, message);
    }

    /// <summary>
    /// When an evaluation left a domain only because an argument rounded across its edge (1 − u²
    /// computed as −2.2e-16 where u is 1 up to rounding), says so: the argument's distance from the
    /// edge is within the rounding bound of the computation that produced it. An exact argument
    /// (log of a literal 0, whose rounding bound is 0) is never excused.
    /// </summary>
    internal static string? RoundedOutOfDomain(DomainIssue issue, IReadOnlyDictionary<string, double> point)
    {
        if (issue.Kind is not (IssueKind.Domain or IssueKind.DivisionByZero) || issue.Node.Operands.Count == 0 || issue.Arguments.Count == 0)
        {
            return null;
        }

        // How far the arguments lie beyond the domain's edge is knowledge of the registry entry.
        var function = issue.Node is CallExpr call ? call.Function : issue.Function == "sqrt" ? Functions.Sqrt : Functions.Pow;
        var (operand, distance) = issue.Function == "/" ? (0, Math.Abs(issue.Arguments[0]))
            : function.DomainEdgeDistance?.Invoke(issue.Arguments.ToArray()) ?? (0, double.NaN);
        if (!(distance >= 0) || operand >= issue.Node.Operands.Count)
        {
            return null;
        }

        var bound = ValueBound(issue.Node.Operands[operand], point);
        return bound > 0 && distance <= 2 * bound
            ? $"{issue.Message}, which is within the rounding error ({Format(bound)}) of the edge of its domain"
            : null;
    }

    /// <summary>A rounding bound for evaluating an expression, from its reverse trace.</summary>
    internal static double ValueBound(Expr e, IReadOnlyDictionary<string, double> point)
    {
        if (e.Variables.Count == 0 && e is NumberExpr or ConstantExpr)
        {
            return Eps * Math.Abs(Evaluation.Evaluate(e, point));
        }

        if (Traversal.PostOrder(e).Any(n => n is CallExpr { Function.DerivativeOf: not null }))
        {
            // A derived function (the delegate derivative of a user primitive) has no derivative
            // of its own, so no reverse trace: bound by ε times the magnitudes of all node values.
            var values = Evaluation.EvaluateNodes(e, point);
            var sum = values.Where(kv => kv.Key is not (NumberExpr or ConstantExpr or SymbolExpr)).Sum(kv => Math.Abs(kv.Value));
            return double.IsFinite(sum) ? 4 * Eps * sum : double.PositiveInfinity;
        }

        var trace = Tracer.Reverse(e, point, []);
        var bound = ErrorModel.ValueBound(trace);
        return double.IsFinite(bound) ? bound : double.PositiveInfinity;
    }

    /// <summary>The expression as a function of the wrt variables, other variables fixed at the point.</summary>
    internal static Func<double[], double> FunctionOfWrt(Expr expr, IReadOnlyDictionary<string, double> point, IReadOnlyList<string> wrt, out double[] x)
    {
        var names = expr.Variables.Union(wrt, StringComparer.Ordinal).ToArray();
        var compiled = Compiler.Compile(expr, names);
        var slots = wrt.Select(w => Array.IndexOf(names, w)).ToArray();
        var template = names.Select(v => point[v]).ToArray();
        x = wrt.Select(w => point[w]).ToArray();
        return values =>
        {
            var full = (double[])template.Clone();
            for (var i = 0; i < slots.Length; i++)
            {
                full[slots[i]] = values[i];
            }

            return compiled(full);
        };
    }

    /// <summary>Central differences for steps 10^-1 … 10^-13 relative to the coordinate's scale.</summary>
    internal static IReadOnlyList<StepSample> ScanSteps(Func<double[], double> f, double[] x, int i)
    {
        var samples = new List<StepSample>();
        var scale = Math.Max(Math.Abs(x[i]), 1);
        for (var k = 1; k <= 13; k++)
        {
            var h = scale * Math.Pow(10, -k);
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[i] += h;
            down[i] -= h;
            var d = (f(up) - f(down)) / (up[i] - down[i]);
            if (double.IsFinite(d))
            {
                samples.Add(new StepSample(h, d));
            }
        }

        return samples;
    }

    private static double[]? TryGradient(Func<double[]> g)
    {
        try
        {
            return g();
        }
        catch (ArithmeticException)
        {
            return null;
        }
    }

    internal static IReadOnlyDictionary<string, double> ByName(IReadOnlyList<string> names, IReadOnlyList<double> values)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            d[names[i]] = values[i];
        }

        return d;
    }

    internal static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
