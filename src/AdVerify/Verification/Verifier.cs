using AdVerify.Expressions;

namespace AdVerify.Verification;

/// <summary>Settings of a verification run.</summary>
public sealed record VerifierOptions
{
    /// <summary>The defaults.</summary>
    public static VerifierOptions Default { get; } = new();

    /// <summary>Run cases in parallel over the machine's cores (results are identical to a sequential run).</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>Run only every n-th case starting at index i (zero-based): (i, n). Null runs all.</summary>
    public (int Index, int Count)? Shard { get; init; }

    /// <summary>Called after each case finishes (from any thread), for progress display.</summary>
    public Action<CaseResult>? Progress { get; init; }

    /// <summary>Stops the run between cases; finished cases are kept.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>
/// The verifier: runs every derivative source on a case — forward mode, reverse mode, the
/// symbolic derivative, complex step where the expression is analytic, finite differences,
/// and the claimed gradient if any — compares them with tolerances from error estimates, and
/// returns a verdict per point (consistent, discrepancy, nondifferentiable, undefined, error).
/// </summary>
public static class Verifier
{
    /// <summary>Verifies a whole catalogue.</summary>
    /// <param name="catalogue">The catalogue.</param>
    /// <param name="options">Run settings.</param>
    /// <returns>The report, cases in catalogue order (of the shard, when sharded).</returns>
    public static VerificationReport Verify(Catalogue catalogue, VerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        options ??= VerifierOptions.Default;
        var cases = catalogue.Cases;
        if (options.Shard is { } shard)
        {
            if (shard.Count < 1 || shard.Index < 0 || shard.Index >= shard.Count)
            {
                throw new ArgumentException($"shard {shard.Index}/{shard.Count} is not valid: use i/n with 0 <= i < n", nameof(options));
            }

            cases = cases.Where((_, k) => k % shard.Count == shard.Index).ToArray();
        }

        var results = new CaseResult?[cases.Count];
        void Run(int k)
        {
            if (options.Cancellation.IsCancellationRequested)
            {
                return;
            }

            results[k] = VerifyCase(cases[k]);
            options.Progress?.Invoke(results[k]!);
        }

        if (options.Parallel)
        {
            System.Threading.Tasks.Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Run);
        }
        else
        {
            for (var k = 0; k < cases.Count; k++)
            {
                Run(k);
            }
        }

        return VerificationReport.Of(results.Where(r => r is not null).Select(r => r!).ToArray());
    }

    /// <summary>Verifies one case at each of its points (generating points when it has none).</summary>
    /// <param name="verificationCase">The case.</param>
    /// <returns>The case's results.</returns>
    public static CaseResult VerifyCase(VerificationCase verificationCase)
    {
        ArgumentNullException.ThrowIfNull(verificationCase);
        var c = verificationCase;
        Expr expr;
        try
        {
            expr = Infix.Parse(c.Expression);
        }
        catch (ParseException e)
        {
            return ErrorCase(c, [], "the expression does not parse: " + e.Message);
        }

        var wrt = c.Wrt ?? expr.Variables;
        var bad = wrt.FirstOrDefault(w => !Expr.IsValidName(w) || Functions.ReservedNames.Contains(w));
        if (bad is not null)
        {
            return ErrorCase(c, wrt, $"'{bad}' in wrt is not a variable name");
        }

        Dictionary<string, Expr>? claimed = null;
        if (c.Claimed is { } claims)
        {
            claimed = new Dictionary<string, Expr>(StringComparer.Ordinal);
            foreach (var (variable, text) in claims)
            {
                if (!wrt.Contains(variable, StringComparer.Ordinal))
                {
                    return ErrorCase(c, wrt, $"a derivative is claimed for '{variable}', which is not among the variables differentiated by ({string.Join(", ", wrt)})");
                }

                try
                {
                    claimed[variable] = Infix.Parse(text);
                }
                catch (ParseException e)
                {
                    return ErrorCase(c, wrt, $"the claimed derivative for '{variable}' does not parse: {e.Message}");
                }
            }
        }

        var problem = new VerificationProblem(expr, wrt, claimed, c.Hessian);
        var points = c.Points.Count > 0 ? c.Points : PointGenerator.Generate(expr, wrt, c.GeneratedPoints, c.Seed);
        var results = new List<PointResult>();
        foreach (var point in points)
        {
            results.Add(PointVerifier.Verify(problem, point));
        }

        if (points.Count == 0)
        {
            results.Add(new PointResult
            {
                Point = new Dictionary<string, double>(),
                Verdict = Verdict.Error,
                Message = "no point inside the domain was found: give points explicitly",
            });
        }

        return new CaseResult { Name = c.Name, Expression = c.Expression, Wrt = wrt, Expect = c.Expect, Results = results };
    }

    /// <summary>Verifies an expression at one point.</summary>
    /// <param name="expression">The expression in infix syntax.</param>
    /// <param name="point">A value for every variable.</param>
    /// <param name="wrt">The variables to differentiate by (default: all, sorted).</param>
    /// <param name="claimed">An optional claimed gradient: variable → derivative expression.</param>
    /// <param name="hessian">Whether to verify the Hessian too.</param>
    /// <returns>The result at the point.</returns>
    public static PointResult Check(string expression, IReadOnlyDictionary<string, double> point, IReadOnlyList<string>? wrt = null,
        IReadOnlyDictionary<string, string>? claimed = null, bool hessian = false)
    {
        var result = VerifyCase(new VerificationCase
        {
            Name = expression,
            Expression = expression,
            Points = [point],
            Wrt = wrt,
            Claimed = claimed,
            Hessian = hessian,
        });
        return result.Results[0];
    }

    /// <summary>
    /// Checks the derivative rule registered with a primitive (see <c>Functions.Define</c>) at
    /// each of its sample points, by verifying the call <c>name(x)</c> or <c>name(x, y)</c>.
    /// Forward, reverse and symbolic all use the user's rule for a custom primitive and the
    /// complex step does not apply to it, so the independent evidence is finite differences
    /// and the Taylor remainder test, which only evaluate the value: a disagreement is a
    /// <see cref="Verdict.Discrepancy"/> whose odd one out is <see cref="Sources.PrimitiveRule"/>,
    /// with a message such as "the derivative rule registered for mysoftplus disagrees with
    /// finite differences". Built-in functions are verified the same way (against their
    /// engines' independent rules).
    /// </summary>
    /// <param name="function">The function to check.</param>
    /// <returns>One result per sample point; the case expression is the call.</returns>
    public static CaseResult CheckPrimitive(FunctionInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var wrt = PrimitiveRule.Parameters.Take(function.Arity).ToArray();
        var expr = Expr.Call(function, wrt.Select(Expr.Symbol).ToArray());
        var text = Infix.Format(expr);
        var problem = new VerificationProblem(expr, wrt, null, false);
        var results = new List<PointResult>();
        foreach (var sample in function.SamplePoints)
        {
            var point = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < wrt.Length; i++)
            {
                point[wrt[i]] = sample[i];
            }

            results.Add(PointVerifier.Verify(problem, point));
        }

        if (results.Count == 0)
        {
            results.Add(new PointResult
            {
                Point = new Dictionary<string, double>(),
                Verdict = Verdict.Error,
                Message = $"{function.Name} has no sample points to check its derivative at",
            });
        }

        return new CaseResult { Name = $"primitive {function.Name}", Expression = text, Wrt = wrt, Results = results };
    }

    private static CaseResult ErrorCase(VerificationCase c, IReadOnlyList<string> wrt, string message)
    {
        var points = c.Points.Count > 0 ? c.Points : [new Dictionary<string, double>()];
        return new CaseResult
        {
            Name = c.Name,
            Expression = c.Expression,
            Wrt = wrt,
            Expect = c.Expect,
            Results = points.Select(p => new PointResult { Point = p, Verdict = Verdict.Error, Message = message }).ToArray(),
        };
    }
}

/// <summary>A parsed case: the expression, the variables differentiated by, the parsed claim.</summary>
/// <param name="Expression">The function.</param>
/// <param name="Wrt">The variables differentiated by.</param>
/// <param name="Claimed">The claimed gradient, parsed, or null.</param>
/// <param name="Hessian">Whether the Hessian is checked.</param>
internal sealed record VerificationProblem(Expr Expression, IReadOnlyList<string> Wrt, IReadOnlyDictionary<string, Expr>? Claimed, bool Hessian);
