using System.Globalization;
using AdVerify.Forward;
using AdVerify.Numeric;
using AdVerify.Reverse;

namespace AdVerify.Verification;

/// <summary>
/// A function given as C# code rather than as an expression: the plain double version and,
/// for code written over .NET generic math, the same code instantiated on forward-mode duals and
/// reverse-mode variables so both AD engines can differentiate it.
/// </summary>
public sealed class DifferentiableFunction
{
    private DifferentiableFunction(IReadOnlyList<string> names, Func<double[], double> value,
        Func<Dual<double>[], Dual<double>>? forward, Func<Var<double>[], Var<double>>? reverse)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(names);
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"the variable name '{duplicate.Key}' is given twice", nameof(names));
        }

        Names = names;
        Value = value;
        Forward = forward;
        Reverse = reverse;
    }

    /// <summary>The names of the coordinates, in order (used in reports).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The function on doubles.</summary>
    public Func<double[], double> Value { get; }

    /// <summary>The same function on forward-mode dual numbers, or null for opaque code.</summary>
    public Func<Dual<double>[], Dual<double>>? Forward { get; }

    /// <summary>The same function on reverse-mode variables, or null for opaque code.</summary>
    public Func<Var<double>[], Var<double>>? Reverse { get; }

    /// <summary>
    /// An opaque function: only its values are known, so it is checked against finite differences
    /// and the Taylor remainder test.
    /// </summary>
    /// <param name="value">The function (it must not keep or modify the array it is given).</param>
    /// <param name="names">The coordinate names, one per input, in order.</param>
    /// <returns>The function.</returns>
    public static DifferentiableFunction Opaque(Func<double[], double> value, params string[] names) =>
        new(names, value, null, null);

    /// <summary>
    /// A function written once over .NET generic math and instantiated three times, for example
    /// <c>Generic(v =&gt; F(v[0], v[1]), v =&gt; F(v[0], v[1]), v =&gt; F(v[0], v[1]), "x", "y")</c>:
    /// it is also differentiated by forward and reverse mode.
    /// </summary>
    /// <param name="value">The function on doubles.</param>
    /// <param name="forward">The same function on forward-mode dual numbers.</param>
    /// <param name="reverse">The same function on reverse-mode variables.</param>
    /// <param name="names">The coordinate names, one per input, in order.</param>
    /// <returns>The function.</returns>
    public static DifferentiableFunction Generic(Func<double[], double> value, Func<Dual<double>[], Dual<double>> forward,
        Func<Var<double>[], Var<double>> reverse, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(reverse);
        return new(names, value, forward, reverse);
    }
}

/// <summary>
/// Verifies gradients of C# delegates. The sources are forward and reverse mode (for functions
/// written over generic math), finite differences with Richardson extrapolation, and the claimed
/// gradient; tolerances come from the finite-difference error estimates, and the Taylor remainder
/// test breaks ties when finite differences are the only reference or the only dissenter. The
/// results use the same <see cref="PointResult"/> and <see cref="CaseResult"/> types as
/// <see cref="Verifier"/>, with sources <c>forward</c>, <c>reverse</c>, <c>finiteDifference</c> and <c>claimed</c>.
/// </summary>
public static class DelegateVerifier
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>Rounding allowance, in units of the derivative's scale, between AD engines running the same code.</summary>
    private const double ExactUlps = 256;

    /// <summary>Safety factor on finite-difference error estimates.</summary>
    private const double FiniteDifferenceSafety = 2;

    /// <summary>Verifies a function (and an optional claimed gradient) at given points.</summary>
    /// <param name="name">A name for the case in reports.</param>
    /// <param name="function">The function.</param>
    /// <param name="claimed">The claimed gradient, one entry per coordinate, or null to check the engines only.</param>
    /// <param name="points">The points, each with one coordinate per name of the function.</param>
    /// <returns>One result per point.</returns>
    public static CaseResult Verify(string name, DifferentiableFunction function, Func<double[], double[]>? claimed,
        IReadOnlyList<IReadOnlyList<double>> points)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(points);
        var results = points.Select(p => VerifyAt(function, claimed, p)).ToList();
        if (results.Count == 0)
        {
            results.Add(new PointResult
            {
                Point = new Dictionary<string, double>(),
                Verdict = Verdict.Error,
                Message = "no point inside the domain was found: give points explicitly",
            });
        }

        return new CaseResult { Name = name, Expression = name, Wrt = function.Names, Results = results };
    }

    /// <summary>Verifies a function at points generated inside its domain with a fixed seed (see <see cref="PointGenerator"/>).</summary>
    /// <param name="name">A name for the case in reports.</param>
    /// <param name="function">The function.</param>
    /// <param name="claimed">The claimed gradient, or null to check the engines only.</param>
    /// <param name="count">How many points.</param>
    /// <param name="seed">The seed of the point generator.</param>
    /// <returns>One result per point.</returns>
    public static CaseResult VerifyGenerated(string name, DifferentiableFunction function, Func<double[], double[]>? claimed,
        int count = 4, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(function);
        var points = PointGenerator.Generate(function.Value, function.Names.Count, count, seed);
        return Verify(name, function, claimed, points.Select(p => (IReadOnlyList<double>)p).ToArray());
    }

    /// <summary>Verifies a function (and an optional claimed gradient) at one point.</summary>
    /// <param name="function">The function.</param>
    /// <param name="claimed">The claimed gradient, or null to check the engines only.</param>
    /// <param name="x">The point, one coordinate per name of the function.</param>
    /// <returns>The verdict with every source's gradient and the discrepancies found.</returns>
    public static PointResult VerifyAt(DifferentiableFunction function, Func<double[], double[]>? claimed, IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(x);
        var names = function.Names;
        var point = PointVerifier.ByName(names.Take(x.Count).ToArray(), x);
        if (x.Count != names.Count)
        {
            return Error(point, $"the point has {x.Count} coordinate(s) but the function has {names.Count} variable(s) ({string.Join(", ", names)})");
        }

        var xs = x.ToArray();
        double value;
        try
        {
            value = function.Value((double[])xs.Clone());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Error(point, $"the function threw {e.GetType().Name}: {e.Message}");
        }

        if (!double.IsFinite(value))
        {
            return new PointResult { Point = point, Verdict = Verdict.Undefined, Value = value, Message = $"the function value is {Format(value)}" };
        }

        var n = names.Count;
        double[]? forward = null;
        double[]? reverse = null;
        try
        {
            if (function.Forward is { } fw)
            {
                var (v, g) = ForwardMode.Gradient(fw, (double[])xs.Clone());
                if (!SameValue(v, value))
                {
                    return Error(point, $"the forward-mode function gives the value {Format(v)} but the plain function gives {Format(value)}: they are not the same function");
                }

                forward = g;
            }

            if (function.Reverse is { } rv)
            {
                var (v, g) = ReverseMode.Gradient(rv, (double[])xs.Clone());
                if (!SameValue(v, value))
                {
                    return Error(point, $"the reverse-mode function gives the value {Format(v)} but the plain function gives {Format(value)}: they are not the same function");
                }

                reverse = g;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Error(point, $"differentiating the function threw {e.GetType().Name}: {e.Message}");
        }

        for (var i = 0; i < n; i++)
        {
            if ((forward is not null && !double.IsFinite(forward[i])) || (reverse is not null && !double.IsFinite(reverse[i])))
            {
                return new PointResult
                {
                    Point = point,
                    Verdict = Verdict.Undefined,
                    Value = value,
                    Message = $"the derivative with respect to {names[i]} is not a finite number (forward {Format(forward?[i] ?? double.NaN)}, reverse {Format(reverse?[i] ?? double.NaN)})",
                };
            }
        }

        double[]? claim = null;
        if (claimed is not null)
        {
            try
            {
                claim = claimed((double[])xs.Clone());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Error(point, $"the claimed gradient threw {e.GetType().Name}: {e.Message}");
            }

            if (claim is null || claim.Length != n)
            {
                return Error(point, $"the claimed gradient has {claim?.Length ?? 0} entries but the function has {n} variable(s) ({string.Join(", ", names)})");
            }
        }

        var f = Guarded(function.Value);
        var fd = FiniteDifference.Gradient(f, xs);
        var notes = new List<string>();
        var discrepancies = new List<Discrepancy>();
        for (var i = 0; i < n; i++)
        {
            var ad = forward?[i] ?? reverse?[i] ?? (fd[i].IsValid ? fd[i].Value : 0);
            var exact = ExactUlps * Eps * Math.Max(Math.Abs(ad), Math.Abs(value) / Math.Max(Math.Abs(xs[i]), 1));
            var voters = new List<PointVerifier.SourceValue>();
            if (forward is not null)
            {
                voters.Add(new(Sources.Forward, forward[i], exact));
            }

            if (reverse is not null)
            {
                voters.Add(new(Sources.Reverse, reverse[i], exact));
            }

            var fdTolerance = double.PositiveInfinity;
            if (fd[i].IsValid)
            {
                fdTolerance = (FiniteDifferenceSafety * fd[i].ErrorEstimate) + exact;
                voters.Add(new(Sources.FiniteDifference, fd[i].Value, fdTolerance));
            }
            else
            {
                notes.Add($"finite differences gave no estimate for {names[i]}{(fd[i].Note is null ? "" : ": " + fd[i].Note)}");
            }

            if (voters.Count == 0)
            {
                // Nothing to compare with: say why (a kink or domain edge is the usual reason).
                var classification = SmoothnessClassifier.Classify(f, xs, i, null, names[i]);
                return classification.IsDifferentiable
                    ? Error(point, $"no derivative source could check ∂f/∂{names[i]}: {string.Join("; ", notes)}")
                    : new PointResult { Point = point, Verdict = Verdict.Nondifferentiable, Value = value, Message = classification.Message };
            }

            var claimSource = claim is null
                ? null
                : new PointVerifier.SourceValue(Sources.Claimed, claim[i], double.IsFinite(fdTolerance) ? fdTolerance : exact);
            var found = PointVerifier.Compare(names[i], voters, claimSource);
            if (found.Count == 1 && found[0].OddOneOut == Sources.FiniteDifference && (forward ?? reverse) is { } engines)
            {
                // The AD engines agree and only finite differences differ: the Taylor remainder test decides.
                var taylor = TaylorRemainder.Test(f, xs, engines);
                if (taylor.Verdict == TaylorVerdict.Consistent)
                {
                    notes.Add($"finite differences for {names[i]} were off beyond their error estimate; the Taylor remainder test confirms the AD gradient ({taylor.Message})");
                    continue;
                }
            }

            if (found.Count == 1 && found[0].Sources[0] == Sources.Claimed && forward is null && reverse is null && claim is not null)
            {
                // Finite differences are the only reference: the Taylor remainder test on the claim breaks the tie.
                var taylor = TaylorRemainder.Test(f, xs, claim);
                if (taylor.Verdict == TaylorVerdict.Consistent)
                {
                    notes.Add($"the claim for {names[i]} differs from finite differences beyond their error estimate, but the Taylor remainder test confirms the claimed gradient ({taylor.Message})");
                    continue;
                }

                notes.Add($"Taylor remainder test of the claimed gradient: {taylor.Message}");
            }

            discrepancies.AddRange(found.Select(d => d with { StepScan = PointVerifier.ScanSteps(f, xs, i) }));
        }

        if (discrepancies.Count > 0)
        {
            // A disagreement at a kink or jump is not a wrong gradient: classify the variables involved.
            var reasons = discrepancies.Select(d => d.Variable).Distinct(StringComparer.Ordinal)
                .Select(v => SmoothnessClassifier.Classify(f, xs, IndexOf(names, v), null, v))
                .Where(c => !c.IsDifferentiable).Select(c => c.Message).ToList();
            if (reasons.Count > 0)
            {
                return new PointResult
                {
                    Point = point,
                    Verdict = Verdict.Nondifferentiable,
                    Value = value,
                    Gradient = Gradients(names, forward, reverse, fd, claim),
                    FiniteDifferenceError = PointVerifier.ByName(names, fd.Select(e => e.ErrorEstimate).ToArray()),
                    Message = string.Join("; ", reasons),
                };
            }
        }

        return new PointResult
        {
            Point = point,
            Verdict = discrepancies.Count > 0 ? Verdict.Discrepancy : Verdict.Consistent,
            Value = value,
            Gradient = Gradients(names, forward, reverse, fd, claim),
            FiniteDifferenceError = PointVerifier.ByName(names, fd.Select(e => e.ErrorEstimate).ToArray()),
            Discrepancies = discrepancies,
            Message = notes.Count > 0 ? string.Join("; ", notes) : null,
        };
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

    private static Dictionary<string, IReadOnlyDictionary<string, double>> Gradients(IReadOnlyList<string> names, double[]? forward,
        double[]? reverse, DerivativeEstimate[] fd, double[]? claim)
    {
        var gradient = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        if (forward is not null)
        {
            gradient[Sources.Forward] = PointVerifier.ByName(names, forward);
        }

        if (reverse is not null)
        {
            gradient[Sources.Reverse] = PointVerifier.ByName(names, reverse);
        }

        gradient[Sources.FiniteDifference] = PointVerifier.ByName(names, fd.Select(e => e.Value).ToArray());
        if (claim is not null)
        {
            gradient[Sources.Claimed] = PointVerifier.ByName(names, claim);
        }

        return gradient;
    }

    /// <summary>The function with exceptions turned into NaN, so the numeric oracles treat them as "outside the domain".</summary>
    private static Func<double[], double> Guarded(Func<double[], double> f) => p =>
    {
        try
        {
            return f(p);
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException)
        {
            return double.NaN;
        }
    };

    private static bool SameValue(double a, double b) =>
        a == b || Math.Abs(a - b) <= 64 * Eps * Math.Max(Math.Abs(a), Math.Abs(b));

    private static PointResult Error(IReadOnlyDictionary<string, double> point, string message) =>
        new() { Point = point, Verdict = Verdict.Error, Message = message };

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
