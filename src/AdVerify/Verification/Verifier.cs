using AdVerify.Definitions;
using AdVerify.Discovery;
using AdVerify.Expressions;
using AdVerify.Verification.Pipeline;

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
/// symbolic derivative, complex step where the function is analytic, finite differences, and
/// the claimed gradient if any — on what the user wrote (expressions and claims evaluated in
/// their own order and grouping, C# code run as it is), compares them with tolerances from
/// error estimates, and returns a verdict per point (consistent, discrepancy,
/// nondifferentiable, undefined, error). One pipeline serves expressions, generic C#
/// definitions and opaque delegates.
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
        return Run(catalogue.Cases, VerifyCase, options);
    }

    /// <summary>
    /// Verifies the functions marked with <see cref="VerifyAttribute"/> in the user's assemblies
    /// (see <see cref="UserAssemblies"/>), each at its points with every source and its claimed
    /// gradient, as catalogue cases named <c>Type.Method</c>.
    /// </summary>
    /// <param name="functions">The functions.</param>
    /// <param name="options">Run settings (parallelism, shard, progress, cancellation).</param>
    /// <returns>The report, cases in the order given (of the shard, when sharded).</returns>
    public static VerificationReport Verify(IReadOnlyList<MarkedFunction> functions, VerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return Run(functions, Verify, options);
    }

    /// <summary>Verifies one marked function at each of its points.</summary>
    /// <param name="function">The function.</param>
    /// <returns>The case result; its expression is the function's signature.</returns>
    public static CaseResult Verify(MarkedFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Verify(function.Name, function.Definition, function.Points, function.Claimed, function.Hessian) with { Expression = function.Signature };
    }

    /// <summary>Runs cases (in parallel when asked), keeping their order; a shard keeps every n-th case.</summary>
    private static VerificationReport Run<TCase>(IReadOnlyList<TCase> cases, Func<TCase, CaseResult> verify, VerifierOptions? options)
    {
        options ??= VerifierOptions.Default;
        if (options.Shard is { } shard)
        {
            if (shard.Count < 1 || shard.Index < 0 || shard.Index >= shard.Count)
            {
                throw new ArgumentException($"shard {shard.Index}/{shard.Count} is not valid: use i/n with 0 <= i < n", nameof(options));
            }

            cases = cases.Where((_, k) => k % shard.Count == shard.Index).ToArray();
        }

        var results = new CaseResult?[cases.Count];
        void RunOne(int k)
        {
            if (options.Cancellation.IsCancellationRequested)
            {
                return;
            }

            results[k] = verify(cases[k]);
            options.Progress?.Invoke(results[k]!);
        }

        if (options.Parallel)
        {
            System.Threading.Tasks.Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, RunOne);
        }
        else
        {
            for (var k = 0; k < cases.Count; k++)
            {
                RunOne(k);
            }
        }

        return VerificationReport.Of(results.Where(r => r is not null).Select(r => r!).ToArray()) with { Shard = options.Shard };
    }

    /// <summary>Verifies one case at each of its points (generating points when it has none).</summary>
    /// <param name="verificationCase">The case.</param>
    /// <returns>The case's results.</returns>
    public static CaseResult VerifyCase(VerificationCase verificationCase)
    {
        ArgumentNullException.ThrowIfNull(verificationCase);
        var c = verificationCase;
        if (!InfixParser.TryParseComputation(c.Expression, out var written, out var parseError))
        {
            return ErrorCase(c, [], "the expression does not parse: " + parseError.Message);
        }

        var wrt = c.Wrt ?? written.Inputs;
        var bad = wrt.FirstOrDefault(w => !Expr.IsValidName(w) || Functions.ReservedNames.Contains(w));
        if (bad is not null)
        {
            return ErrorCase(c, wrt, $"'{bad}' in wrt is not a variable name");
        }

        var claims = new Dictionary<string, Computation>(StringComparer.Ordinal);
        foreach (var (variable, text) in c.Claimed ?? new Dictionary<string, string>())
        {
            if (!wrt.Contains(variable, StringComparer.Ordinal))
            {
                return ErrorCase(c, wrt, $"a derivative is claimed for '{variable}', which is not among the variables differentiated by ({string.Join(", ", wrt)})");
            }

            if (!InfixParser.TryParseComputation(text, out var claim, out var claimError))
            {
                return ErrorCase(c, wrt, $"the claimed derivative for '{variable}' does not parse: {claimError.Message}");
            }

            claims[variable] = claim;
        }

        if (WrittenDerivativeClaims(c, wrt, out var error) is not { } higher)
        {
            return ErrorCase(c, wrt, error!);
        }

        return VerifyWritten(c.Name, c.Expression, written, wrt, claims, higher, c.Hessian, c.Mode, c.Points, c.GeneratedPoints, c.Seed, c.Expect, c.ExpectPerPoint);
    }

    /// <summary>The case's claimed Hessian and higher derivatives, parsed; null with the reason when a key or a formula is bad.</summary>
    private static WrittenDerivatives? WrittenDerivativeClaims(VerificationCase c, IReadOnlyList<string> wrt, out string? error)
    {
        var result = new WrittenDerivatives(new(), new(), c.Precision);
        foreach (var (field, map, target) in new[] { ("claimedHessian", c.ClaimedHessian, result.Hessian), ("claimedDerivatives", c.ClaimedDerivatives, result.Higher) })
        {
            if (map is null)
            {
                continue;
            }

            var (keys, keyError) = Catalogue.CheckDerivativeKeys(field, map.Keys, wrt);
            if (keys is null)
            {
                error = keyError;
                return null;
            }

            foreach (var (key, text) in map)
            {
                if (!InfixParser.TryParseComputation(text, out var formula, out var parseError))
                {
                    error = $"the claimed {keys[key].Label(wrt)} (\"{field}\" key \"{key}\") does not parse: {parseError.Message}";
                    return null;
                }

                target[keys[key]] = formula;
            }
        }

        error = null;
        return result;
    }

    /// <summary>
    /// Verifies an expression object (no printing and re-parsing), with claims as expression
    /// objects, at given points or at points generated in its domain.
    /// </summary>
    /// <param name="name">The case name in reports.</param>
    /// <param name="expression">The expression (evaluated in the order its canonical form lists operands).</param>
    /// <param name="points">The points; when empty, <paramref name="generate"/> points are generated.</param>
    /// <param name="wrt">The variables to differentiate by (default: all, sorted).</param>
    /// <param name="claimed">An optional claimed gradient: variable → derivative expression.</param>
    /// <param name="hessian">Whether to verify the Hessian too.</param>
    /// <param name="generate">How many points to generate when none are given.</param>
    /// <param name="seed">The seed of the point generator.</param>
    /// <returns>The case result.</returns>
    /// <param name="claimedHessian">An optional claimed Hessian: <c>"row,column"</c> → second-derivative expression (a symmetric entry may be given once).</param>
    public static CaseResult Verify(string name, Expr expression, IReadOnlyList<IReadOnlyDictionary<string, double>> points, IReadOnlyList<string>? wrt = null,
        IReadOnlyDictionary<string, Expr>? claimed = null, bool hessian = false, int generate = 4, int seed = 1,
        IReadOnlyDictionary<string, Expr>? claimedHessian = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(points);
        var written = Computation.FromExpr(expression);
        var names = wrt ?? written.Inputs;
        var text = Infix.Format(expression);
        var claims = (claimed ?? new Dictionary<string, Expr>()).ToDictionary(kv => kv.Key, kv => Computation.FromExpr(kv.Value), StringComparer.Ordinal);
        var missing = claims.Keys.FirstOrDefault(k => !names.Contains(k, StringComparer.Ordinal));
        if (missing is not null)
        {
            return ErrorCase(new VerificationCase { Name = name, Expression = text, Points = points }, names,
                $"a derivative is claimed for '{missing}', which is not among the variables differentiated by ({string.Join(", ", names)})");
        }

        var derivatives = new WrittenDerivatives(new(), new(), Precision.Float64);
        if (claimedHessian is not null)
        {
            var (keys, error) = Catalogue.CheckDerivativeKeys("claimedHessian", claimedHessian.Keys, names);
            if (keys is null)
            {
                return ErrorCase(new VerificationCase { Name = name, Expression = text, Points = points }, names, error!);
            }

            foreach (var (key, e) in claimedHessian)
            {
                derivatives.Hessian[keys[key]] = Computation.FromExpr(e);
            }
        }

        return VerifyWritten(name, text, written, names, claims, derivatives, hessian, VerificationMode.Auto, points, generate, seed, null, null);
    }

    private static CaseResult VerifyWritten(string name, string text, Computation written, IReadOnlyList<string> wrt, Dictionary<string, Computation> claims,
        WrittenDerivatives derivatives, bool hessian, VerificationMode mode, IReadOnlyList<IReadOnlyDictionary<string, double>> points, int generate, int seed,
        Verdict? expect, IReadOnlyList<Verdict>? expectPerPoint)
    {
        var problem = Problem(written, text, wrt, claims, derivatives, hessian, mode);
        if (points.Count == 0)
        {
            points = PointGenerator.Generate(written.ToExpr(), wrt, generate, seed);
        }

        var results = points.Select(p => VerifyNamedPoint(problem, p, claims.Values.Concat(derivatives.All))).ToList();
        if (points.Count == 0)
        {
            results.Add(NoPoint());
        }

        return new CaseResult
        {
            Name = name,
            Expression = text,
            Wrt = wrt,
            Expect = expect,
            ExpectPerPoint = expectPerPoint,
            Results = results,
        };
    }

    /// <summary>Verifies an expression at one point.</summary>
    /// <param name="expression">The expression in infix syntax (values are computed as written).</param>
    /// <param name="point">A value for every variable.</param>
    /// <param name="wrt">The variables to differentiate by (default: all, sorted).</param>
    /// <param name="claimed">An optional claimed gradient: variable → derivative expression.</param>
    /// <param name="hessian">Whether to verify the Hessian too.</param>
    /// <param name="claimedHessian">An optional claimed Hessian: <c>"row,column"</c> → second-derivative expression (a symmetric entry may be given once).</param>
    /// <param name="claimedDerivatives">Optional claimed higher derivatives: <c>"x,x,y"</c> (order 3 and up) or <c>"[x=1,y=-1]^3"</c> → derivative expression.</param>
    /// <param name="precision">Float32 also verifies the expression computed in single precision.</param>
    /// <returns>The result at the point.</returns>
    public static PointResult Check(string expression, IReadOnlyDictionary<string, double> point, IReadOnlyList<string>? wrt = null,
        IReadOnlyDictionary<string, string>? claimed = null, bool hessian = false, IReadOnlyDictionary<string, string>? claimedHessian = null,
        IReadOnlyDictionary<string, string>? claimedDerivatives = null, Precision precision = Precision.Float64)
    {
        var result = VerifyCase(new VerificationCase
        {
            Name = expression,
            Expression = expression,
            Points = [point],
            Wrt = wrt,
            Claimed = claimed,
            Hessian = hessian,
            ClaimedHessian = claimedHessian,
            ClaimedDerivatives = claimedDerivatives,
            Precision = precision,
        });
        return result.Results[0];
    }

    /// <summary>
    /// Verifies an expression object at one point, with claims as expression objects (no printing
    /// and re-parsing). The expression is evaluated in the order its canonical form lists its operands.
    /// </summary>
    /// <param name="expression">The expression.</param>
    /// <param name="point">A value for every variable.</param>
    /// <param name="wrt">The variables to differentiate by (default: all, sorted).</param>
    /// <param name="claimed">An optional claimed gradient: variable → derivative expression.</param>
    /// <param name="hessian">Whether to verify the Hessian too.</param>
    /// <returns>The result at the point.</returns>
    public static PointResult Check(Expr expression, IReadOnlyDictionary<string, double> point, IReadOnlyList<string>? wrt = null,
        IReadOnlyDictionary<string, Expr>? claimed = null, bool hessian = false)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(point);
        return Verify(Infix.Format(expression), expression, [point], wrt, claimed, hessian).Results[0];
    }

    /// <summary>
    /// Verifies a definition (one generic C# function, an expression or an opaque delegate) at one
    /// point, by every source that can run it, against an optional claimed gradient.
    /// </summary>
    /// <param name="definition">The function.</param>
    /// <param name="point">One value per variable of the definition.</param>
    /// <param name="claimed">The claimed gradient (one entry per variable), or null.</param>
    /// <param name="wrt">The variables to differentiate by (default: all); the others are parameters.</param>
    /// <param name="hessian">Whether to verify second derivatives too.</param>
    /// <param name="mode">Per entry, projections, or chosen by size.</param>
    /// <param name="claimedHessian">The claimed Hessian (n × n over the definition's variables), or null; a claim implies <paramref name="hessian"/>.</param>
    /// <param name="precision">Float32 also runs the definition on <c>float</c>, <c>Dual&lt;float&gt;</c> and <c>Var&lt;float&gt;</c> and compares it with double at the point rounded to float.</param>
    /// <returns>The result at the point.</returns>
    public static PointResult Check(Definition definition, IReadOnlyList<double> point, Func<double[], double[]>? claimed = null,
        IReadOnlyList<string>? wrt = null, bool hessian = false, VerificationMode mode = VerificationMode.Auto,
        Func<double[], double[,]>? claimedHessian = null, Precision precision = Precision.Float64)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(point);
        var problem = Problem(definition, claimed is null ? null : new DelegateClaim(claimed), wrt, hessian || claimedHessian is not null, mode, out var error);
        return error is not null ? Error(error) : Check(problem! with
        {
            HessianClaim = claimedHessian is null ? null : new DelegateHessianClaim(claimedHessian),
            Precision = precision,
        }, point);
    }

    /// <summary>
    /// Verifies code that computes in single precision. A generic definition is run on <c>float</c>,
    /// <c>Dual&lt;float&gt;</c> and <c>Var&lt;float&gt;</c> and compared with the same definition in double at the
    /// point rounded to float, each number allowed what float32 rounding explains (ε = 2⁻²³, the first-order
    /// model of <see cref="ErrorModel"/>): within it the report says "float32 rounding", beyond it names the
    /// variable and the first step of the trace that leaves its bound. Opaque float code
    /// (<see cref="Definition.OpaqueFloat32"/>) is checked against finite differences with float32 steps and
    /// tolerances. A claimed gradient written in float is judged against these.
    /// </summary>
    /// <param name="definition">The function (generic, an expression, or opaque float code).</param>
    /// <param name="point">One value per variable (rounded to float).</param>
    /// <param name="claimed">A gradient computed in float (one entry per variable), or null.</param>
    /// <param name="wrt">The variables to differentiate by (default: all).</param>
    /// <returns>The result at the point; <see cref="PointResult.Float32"/> holds the float32 numbers and bounds.</returns>
    public static PointResult CheckFloat32(Definition definition, IReadOnlyList<double> point, Func<float[], float[]>? claimed = null, IReadOnlyList<string>? wrt = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(point);
        var claim = claimed is null ? null : new FloatDelegateClaim(claimed);

        // Opaque float code: the claim meets finite differences in the pipeline; generic code: the float32 stage judges it.
        var problem = Problem(definition, definition.IsOpaque ? claim : null, wrt, false, VerificationMode.Auto, out var error);
        return error is not null ? Error(error) : Check(problem! with
        {
            Precision = Precision.Float32,
            Float32Claim = definition.IsOpaque ? null : claim,
        }, point);
    }

    private static PointResult Error(string message) => new() { Point = new Dictionary<string, double>(), Verdict = Verdict.Error, Message = message };

    private static PointResult Check(Problem problem, IReadOnlyList<double> point)
    {
        var definition = problem.Definition;
        if (point.Count != definition.Variables.Count)
        {
            return new PointResult
            {
                Point = PointContext.ByName(definition.Variables.Take(point.Count).ToArray(), point),
                Verdict = Verdict.Error,
                Message = $"the point has {point.Count} coordinate(s) but the function has {definition.Variables.Count} variable(s) ({string.Join(", ", definition.Variables)})",
            };
        }

        return PointPipeline.Verify(problem, point.ToArray());
    }

    /// <summary>Verifies a definition at several points (see <see cref="Check(Definition, IReadOnlyList{double}, Func{double[], double[]}?, IReadOnlyList{string}?, bool, VerificationMode, Func{double[], double[,]}?, Precision)"/>).</summary>
    /// <param name="name">The case name in reports.</param>
    /// <param name="definition">The function.</param>
    /// <param name="points">The points.</param>
    /// <param name="claimed">The claimed gradient, or null.</param>
    /// <param name="hessian">Whether to verify second derivatives too.</param>
    /// <param name="claimedHessian">The claimed Hessian, or null.</param>
    /// <returns>One result per point.</returns>
    public static CaseResult Verify(string name, Definition definition, IReadOnlyList<IReadOnlyList<double>> points,
        Func<double[], double[]>? claimed = null, bool hessian = false, Func<double[], double[,]>? claimedHessian = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(points);
        var results = points.Select(p => Check(definition, p, claimed, null, hessian, claimedHessian: claimedHessian)).ToList();
        if (results.Count == 0)
        {
            results.Add(NoPoint());
        }

        return new CaseResult { Name = name, Expression = definition.Description, Wrt = definition.Variables, Results = results };
    }

    /// <summary>Verifies a definition at points generated inside its domain with a fixed seed.</summary>
    /// <param name="name">The case name in reports.</param>
    /// <param name="definition">The function.</param>
    /// <param name="claimed">The claimed gradient, or null.</param>
    /// <param name="count">How many points.</param>
    /// <param name="seed">The seed of the point generator.</param>
    /// <param name="claimedHessian">The claimed Hessian, or null.</param>
    /// <returns>One result per point.</returns>
    public static CaseResult VerifyGenerated(string name, Definition definition, Func<double[], double[]>? claimed = null, int count = 4, int seed = 1,
        Func<double[], double[,]>? claimedHessian = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var points = PointGenerator.Generate(p => definition.Evaluate(p), definition.Variables.Count, count, seed);
        return Verify(name, definition, points.Select(p => (IReadOnlyList<double>)p).ToArray(), claimed, claimedHessian: claimedHessian);
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
        var definition = Definition.FromExpr(expr, wrt);
        var results = function.SamplePoints.Select(sample => Check(definition, sample)).ToList();
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

    /// <summary>The problem of a written expression: variables are the union of the expression's, wrt and the claims'.</summary>
    private static Problem Problem(Computation written, string text, IReadOnlyList<string> wrt, Dictionary<string, Computation> claims,
        WrittenDerivatives derivatives, bool hessian, VerificationMode mode)
    {
        var inputs = written.Inputs.Union(wrt, StringComparer.Ordinal).Union(claims.Values.Concat(derivatives.All).SelectMany(c => c.Inputs), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();
        var definition = Definition.FromComputation(written.WithInputs(inputs), text);
        var index = inputs.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => t.i, StringComparer.Ordinal);
        var formulas = claims.ToDictionary(kv => index[kv.Key], kv => kv.Value.WithInputs(inputs));
        var wrtIndices = wrt.Select(w => index[w]).ToArray();
        var hessianFormulas = derivatives.Hessian.ToDictionary(kv => (wrtIndices[kv.Key.Variables![0]], wrtIndices[kv.Key.Variables[1]]), kv => kv.Value.WithInputs(inputs));
        return new Problem(definition, wrtIndices, formulas.Count > 0 ? new WrittenClaims(formulas) : null, hessian || hessianFormulas.Count > 0, mode)
        {
            HessianClaim = hessianFormulas.Count > 0 ? new WrittenHessianClaims(hessianFormulas) : null,
            HigherClaim = derivatives.Higher.Count > 0 ? new WrittenHigherClaims(derivatives.Higher.ToDictionary(kv => kv.Key, kv => kv.Value.WithInputs(inputs))) : null,
            Precision = derivatives.Precision,
        };
    }

    /// <summary>A written case's claimed Hessian and higher derivatives (keys read against the differentiated variables) and its precision.</summary>
    private sealed record WrittenDerivatives(Dictionary<DerivativeKey, Computation> Hessian, Dictionary<DerivativeKey, Computation> Higher, Precision Precision)
    {
        public IEnumerable<Computation> All => Hessian.Values.Concat(Higher.Values);
    }

    private static Problem? Problem(Definition d, ClaimedGradient? claimed, IReadOnlyList<string>? wrt, bool hessian, VerificationMode mode, out string? error)
    {
        error = null;
        var names = wrt ?? d.Variables;
        var indices = new List<int>();
        foreach (var w in names)
        {
            var i = IndexOf(d.Variables, w);
            if (i < 0)
            {
                error = $"'{w}' is not a variable of the function ({string.Join(", ", d.Variables)})";
                return null;
            }

            indices.Add(i);
        }

        return new Problem(d, indices, claimed, hessian, mode);
    }

    /// <summary>A named point: every variable needs a value, except wrt variables nothing uses (their derivative is 0).</summary>
    private static PointResult VerifyNamedPoint(Problem problem, IReadOnlyDictionary<string, double> point, IEnumerable<Computation> claims)
    {
        var d = problem.Definition;
        var used = d.Written!.Operations.Where(o => o.Code == OpCode.Input).Select(o => d.Variables[o.A])
            .Concat(claims.SelectMany(c => c.Inputs)).ToHashSet(StringComparer.Ordinal);
        var missing = d.Variables.Where(v => !point.ContainsKey(v) && used.Contains(v)).ToArray();
        if (missing.Length > 0)
        {
            return new PointResult { Point = point, Verdict = Verdict.Error, Message = $"the point gives no value for {string.Join(", ", missing)}" };
        }

        var x = d.Variables.Select(v => point.TryGetValue(v, out var value) ? value : 0).ToArray();
        return PointPipeline.Verify(problem, x);
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

    private static PointResult NoPoint() => new()
    {
        Point = new Dictionary<string, double>(),
        Verdict = Verdict.Error,
        Message = "no point inside the domain was found: give points explicitly",
    };

    private static CaseResult ErrorCase(VerificationCase c, IReadOnlyList<string> wrt, string message)
    {
        var points = c.Points.Count > 0 ? c.Points : [new Dictionary<string, double>()];
        return new CaseResult
        {
            Name = c.Name,
            Expression = c.Expression,
            Wrt = wrt,
            Expect = c.Expect,
            ExpectPerPoint = c.ExpectPerPoint,
            Results = points.Select(p => new PointResult { Point = p, Verdict = Verdict.Error, Message = message }).ToArray(),
        };
    }
}
