using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Verification;

namespace AdVerify.NUnit;

/// <summary>
/// Entry point of the assertion syntax: <c>Gradient.Of(function)</c> names what is verified, and
/// <c>.Claimed(…)</c> adds the gradient you wrote by hand. Pass the result to
/// <c>Assert.That(…, Verifies.At(…))</c> or <c>Is.VerifiedAt(…)</c>.
/// </summary>
public static class Gradient
{
    /// <summary>The gradient of an expression in infix syntax, for example <c>log(x*y) + sin(z)</c>.</summary>
    /// <param name="expression">The expression text.</param>
    /// <returns>The subject, without a claim: the engines are checked against each other and the oracles.</returns>
    public static ExpressionGradient Of(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new ExpressionGradient(expression, null, null, false);
    }

    /// <summary>The gradient of an expression tree (verified as the object it is: nothing is printed and re-parsed).</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>The subject, without a claim.</returns>
    public static ExpressionGradient Of(Expr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new ExpressionGradient(Infix.Format(expression), null, null, false) { Tree = expression };
    }

    /// <summary>
    /// The gradient of a function defined once over .NET generic math (<see cref="IScalarFunction"/>):
    /// forward mode, reverse mode, the symbolic engine (by tracing) and complex step all run the
    /// same definition: <c>Gradient.Of(new LogisticLoss(), "w", "b")</c>.
    /// </summary>
    /// <param name="function">The definition.</param>
    /// <param name="names">The coordinate names (optional when the type carries <see cref="VariablesAttribute"/>).</param>
    /// <returns>The subject, without a claim.</returns>
    public static FunctionGradient Of(IScalarFunction function, params string[] names) => new(Definition.Of(function, names), null);

    /// <summary>The gradient of a prepared definition (an expression, a generic function or an opaque delegate).</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The subject, without a claim.</returns>
    public static FunctionGradient Of(Definition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new FunctionGradient(definition, null);
    }

    /// <summary>
    /// The gradient of opaque C# code: only its values are known, so a claimed gradient is checked
    /// against finite differences and the Taylor remainder test. Prefer a generic definition
    /// (<see cref="Of(IScalarFunction, string[])"/>) so that every engine takes part.
    /// </summary>
    /// <param name="function">The function of a coordinate vector (it must not keep or modify the array).</param>
    /// <param name="names">The coordinate names, one per input, in order.</param>
    /// <returns>The subject, without a claim.</returns>
    public static FunctionGradient Of(Func<double[], double> function, params string[] names) =>
        new(Definition.Opaque(function, names), null);

    /// <summary>
    /// The gradient of opaque code that computes in single precision, such as a float training loss: its
    /// point is rounded to float and a claimed gradient (<see cref="Float32Gradient.Claimed"/>, computed in
    /// float) is checked against finite differences with float32 steps and tolerances. For a generic
    /// definition prefer <c>Gradient.Of(function).InFloat32()</c>, which compares the float engines with double.
    /// </summary>
    /// <param name="function">The float function of a coordinate vector (it must not keep or modify the array).</param>
    /// <param name="names">The coordinate names, one per input, in order.</param>
    /// <returns>The subject, without a claim.</returns>
    public static Float32Gradient OfFloat32(Func<float[], float> function, params string[] names) =>
        new(Definition.OpaqueFloat32(function, names), null, null, null);
}

/// <summary>Something whose gradient can be verified: an expression or C# code, with an optional claimed gradient.</summary>
public abstract class GradientSubject
{
    /// <summary>Prevents subclasses outside this library.</summary>
    private protected GradientSubject()
    {
    }

    /// <summary>A short description for assertion messages, such as <c>gradient of sin(x) claimed as x=cos(x)</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Runs the verifier at the given or generated points.</summary>
    /// <param name="points">Where to verify.</param>
    /// <returns>The case result, one entry per point.</returns>
    public abstract CaseResult Verify(VerificationPoints points);

    /// <inheritdoc />
    public override string ToString() => Description;
}

/// <summary>The gradient of an expression, with an optional claim (variable → derivative expression).</summary>
public sealed class ExpressionGradient : GradientSubject
{
    internal ExpressionGradient(string expression, IReadOnlyDictionary<string, string>? claimed, IReadOnlyList<string>? wrt, bool hessian)
    {
        Expression = expression;
        ClaimedDerivatives = claimed;
        Wrt = wrt;
        Hessian = hessian;
    }

    /// <summary>The expression text.</summary>
    public string Expression { get; }

    /// <summary>The expression object when the subject was made from one (verified without re-parsing).</summary>
    internal Expr? Tree { get; init; }

    /// <summary>The claimed partial derivatives (variable → expression text), or null.</summary>
    public IReadOnlyDictionary<string, string>? ClaimedDerivatives { get; }

    /// <summary>The variables differentiated by; null means every variable, sorted.</summary>
    public IReadOnlyList<string>? Wrt { get; }

    /// <summary>Whether the Hessian is verified too.</summary>
    public bool Hessian { get; }

    /// <summary>The claimed Hessian entries ("row,column" → expression text), or null.</summary>
    public IReadOnlyDictionary<string, string>? ClaimedSecondDerivatives { get; private init; }

    /// <summary>Float32 also computes the expression (and a claimed gradient) in single precision; see <see cref="InFloat32"/>.</summary>
    public Precision Precision { get; private init; } = Precision.Float64;

    /// <inheritdoc />
    public override string Description =>
        (Precision == Precision.Float32 ? "float32 " : "") + $"gradient of {Expression}" +
        (Wrt is null ? "" : $" with respect to ({string.Join(", ", Wrt)})") +
        (ClaimedDerivatives is null ? "" : " claimed as " + string.Join("; ", ClaimedDerivatives.Select(kv => $"{kv.Key}={kv.Value}"))) +
        (Hessian ? " (and Hessian)" : "") +
        (ClaimedSecondDerivatives is null ? "" : " with claimed Hessian " + string.Join("; ", ClaimedSecondDerivatives.Select(kv => $"{kv.Key}={kv.Value}")));

    /// <summary>
    /// Adds a claimed gradient written as <c>variable=derivative</c> pairs separated by semicolons,
    /// for example <c>"x=1/x; y=1/y; z=cos(z)"</c>. Variables left out are not claimed.
    /// </summary>
    /// <param name="claims">The claims.</param>
    /// <returns>A new subject with the claim.</returns>
    /// <exception cref="ArgumentException">A part has no <c>=</c> or names a variable twice.</exception>
    public ExpressionGradient Claimed(string claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var parsed = new List<(string, string)>();
        foreach (var part in claims.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new ArgumentException($"'{part}' is not a claim: write variable=derivative, for example \"x=cos(x); y=2*y\"", nameof(claims));
            }

            parsed.Add((part[..eq].Trim(), part[(eq + 1)..].Trim()));
        }

        return Claimed(parsed.ToArray());
    }

    /// <summary>Adds a claimed gradient as (variable, derivative expression) pairs.</summary>
    /// <param name="claims">The claims.</param>
    /// <returns>A new subject with the claim.</returns>
    /// <exception cref="ArgumentException">A variable is claimed twice.</exception>
    public ExpressionGradient Claimed(params (string Variable, string Derivative)[] claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variable, derivative) in claims)
        {
            if (!map.TryAdd(variable, derivative))
            {
                throw new ArgumentException($"the derivative for '{variable}' is claimed twice", nameof(claims));
            }
        }

        return new ExpressionGradient(Expression, map, Wrt, Hessian) { Tree = Tree, ClaimedSecondDerivatives = ClaimedSecondDerivatives, Precision = Precision };
    }

    /// <summary>
    /// Adds a claimed Hessian written as <c>row,column=derivative</c> pairs separated by semicolons, for
    /// example <c>"x,x=-1/x^2; x,y=0; z,z=-sin(z)"</c> (a symmetric entry may be given once; entries left
    /// out are not claimed). Each claimed entry is compared with every second-derivative source.
    /// </summary>
    /// <param name="entries">The claimed entries.</param>
    /// <returns>A new subject with the claim (the Hessian is verified).</returns>
    /// <exception cref="ArgumentException">A part has no <c>=</c> or names an entry twice.</exception>
    public ExpressionGradient ClaimedHessian(string entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in entries.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new ArgumentException($"'{part}' is not a claimed Hessian entry: write row,column=derivative, for example \"x,y=cos(y); y,y=2\"", nameof(entries));
            }

            var key = string.Join(",", part[..eq].Split(',', StringSplitOptions.TrimEntries));
            if (!map.TryAdd(key, part[(eq + 1)..].Trim()))
            {
                throw new ArgumentException($"the Hessian entry '{key}' is claimed twice", nameof(entries));
            }
        }

        return new ExpressionGradient(Expression, ClaimedDerivatives, Wrt, true) { Tree = Tree, ClaimedSecondDerivatives = map, Precision = Precision };
    }

    /// <summary>Differentiates by the given variables only (others are parameters held at the point's values).</summary>
    /// <param name="variables">The variables.</param>
    /// <returns>A new subject.</returns>
    public ExpressionGradient WithRespectTo(params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new ExpressionGradient(Expression, ClaimedDerivatives, variables, Hessian) { Tree = Tree, ClaimedSecondDerivatives = ClaimedSecondDerivatives, Precision = Precision };
    }

    /// <summary>Verifies the Hessian as well as the gradient.</summary>
    /// <returns>A new subject.</returns>
    public ExpressionGradient WithHessian() => new(Expression, ClaimedDerivatives, Wrt, true) { Tree = Tree, ClaimedSecondDerivatives = ClaimedSecondDerivatives, Precision = Precision };

    /// <summary>
    /// Verifies in single precision as well: the expression and a claimed gradient are computed on <c>float</c>
    /// (and by <c>Dual&lt;float&gt;</c> and <c>Var&lt;float&gt;</c>) and compared with double at the point rounded to
    /// float, each number allowed what float32 rounding explains; a failure says "beyond float32 rounding, so a
    /// bug" and names the variable and the step. An expression tree is verified through its canonical text here.
    /// </summary>
    /// <returns>A new subject.</returns>
    public ExpressionGradient InFloat32() =>
        new(Expression, ClaimedDerivatives, Wrt, Hessian) { Tree = Tree, ClaimedSecondDerivatives = ClaimedSecondDerivatives, Precision = Precision.Float32 };

    /// <inheritdoc />
    public override CaseResult Verify(VerificationPoints points)
    {
        ArgumentNullException.ThrowIfNull(points);
        IReadOnlyList<IReadOnlyDictionary<string, double>> given = [];
        if (points.Generated is null)
        {
            var order = Wrt;
            if (order is null && points.Points.Any(p => p.Coordinates is not null))
            {
                order = Tree?.Variables ?? (Infix.TryParse(Expression, out var parsed, out _) ? parsed.Variables : []);
            }

            given = points.Points.Select(p => p.Named ?? Positional(order!, p.Coordinates!)).ToArray();
        }

        var texts = (ClaimedDerivatives?.Values ?? []).Concat(ClaimedSecondDerivatives?.Values ?? []);
        if (Tree is not null && Precision == Precision.Float64 && texts.All(c => Infix.TryParse(c, out _, out _)))
        {
            var claims = ClaimedDerivatives?.ToDictionary(kv => kv.Key, kv => Infix.Parse(kv.Value), StringComparer.Ordinal);
            var second = ClaimedSecondDerivatives?.ToDictionary(kv => kv.Key, kv => Infix.Parse(kv.Value), StringComparer.Ordinal);
            return Verifier.Verify(Expression, Tree, given, Wrt, claims, Hessian, points.Generated?.Count ?? 0, points.Generated?.Seed ?? 1, second);
        }

        return Verifier.VerifyCase(new VerificationCase
        {
            Name = Expression,
            Expression = Expression,
            Points = given,
            Wrt = Wrt,
            Claimed = ClaimedDerivatives,
            Hessian = Hessian,
            ClaimedHessian = ClaimedSecondDerivatives,
            Precision = Precision,
            GeneratedPoints = points.Generated?.Count ?? 0,
            Seed = points.Generated?.Seed ?? 1,
        });
    }

    private static IReadOnlyDictionary<string, double> Positional(IReadOnlyList<string> names, IReadOnlyList<double> coordinates)
    {
        // Extra or missing coordinates surface as the verifier's "the point gives no value for …" error.
        var point = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(names.Count, coordinates.Count); i++)
        {
            point[names[i]] = coordinates[i];
        }

        return point;
    }
}

/// <summary>The gradient of a definition (generic C# code, an expression or an opaque delegate), with an optional claimed gradient.</summary>
public sealed class FunctionGradient : GradientSubject
{
    internal FunctionGradient(Definition definition, Func<double[], double[]>? claimed)
    {
        Definition = definition;
        ClaimedGradient = claimed;
    }

    /// <summary>The function.</summary>
    public Definition Definition { get; }

    /// <summary>The claimed gradient, or null.</summary>
    public Func<double[], double[]>? ClaimedGradient { get; }

    /// <summary>The claimed Hessian, or null.</summary>
    public Func<double[], double[,]>? ClaimedHessianMatrix { get; private init; }

    /// <inheritdoc />
    public override string Description =>
        $"gradient of {Definition.Description} ({string.Join(", ", Definition.Variables)})" +
        (Definition.IsOpaque ? " (opaque: finite differences and the Taylor test only)" : "") +
        (ClaimedGradient is null ? "" : " against the claimed gradient") +
        (ClaimedHessianMatrix is null ? "" : " and the claimed Hessian");

    /// <summary>Adds the gradient you wrote by hand: it must return one entry per coordinate.</summary>
    /// <param name="gradient">The claimed gradient (it must not keep or modify the array).</param>
    /// <returns>A new subject with the claim.</returns>
    public FunctionGradient Claimed(Func<double[], double[]> gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        return new FunctionGradient(Definition, gradient) { ClaimedHessianMatrix = ClaimedHessianMatrix };
    }

    /// <summary>
    /// Adds the Hessian you wrote by hand (n × n over the coordinates): every entry is compared with
    /// forward over reverse, Taylor mode, the symbolic Hessian and finite differences, and a wrong one is
    /// named (<c>∂²f/∂x∂y: claimed gives …; claimed is the odd one out</c>).
    /// </summary>
    /// <param name="hessian">The claimed Hessian (it must not keep or modify the array).</param>
    /// <returns>A new subject with the claim.</returns>
    public FunctionGradient ClaimedHessian(Func<double[], double[,]> hessian)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        return new FunctionGradient(Definition, ClaimedGradient) { ClaimedHessianMatrix = hessian };
    }

    /// <inheritdoc />
    public override CaseResult Verify(VerificationPoints points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var name = Description;
        if (points.Generated is { } g)
        {
            return Verifier.VerifyGenerated(name, Definition, ClaimedGradient, g.Count, g.Seed, ClaimedHessianMatrix);
        }

        return AtGivenPoints(name, Definition, points, x => Verifier.Check(Definition, x, ClaimedGradient, claimedHessian: ClaimedHessianMatrix));
    }

    /// <summary>
    /// Verifies the same definition in single precision as well: it runs on <c>float</c>, <c>Dual&lt;float&gt;</c>
    /// and <c>Var&lt;float&gt;</c> and is compared with itself in double at the point rounded to float, each number
    /// allowed what float32 rounding explains. A claim already given (in double) is still checked in double;
    /// to check a gradient computed in float, add it with <see cref="Float32Gradient.Claimed"/> instead.
    /// </summary>
    /// <returns>The float32 subject.</returns>
    public Float32Gradient InFloat32() => new(Definition, null, ClaimedGradient, ClaimedHessianMatrix);

    /// <summary>Runs <paramref name="check"/> at each given point (coordinates, or named values matched to the definition's variables).</summary>
    internal static CaseResult AtGivenPoints(string name, Definition definition, VerificationPoints points, Func<double[], PointResult> check)
    {
        var names = definition.Variables;
        var results = new List<PointResult>();
        foreach (var p in points.Points)
        {
            if (p.Coordinates is { } xs)
            {
                results.Add(check(xs.ToArray()));
                continue;
            }

            var named = p.Named!;
            var missing = names.Where(n => !named.ContainsKey(n)).ToArray();
            var unknown = named.Keys.Where(k => !names.Contains(k, StringComparer.Ordinal)).ToArray();
            if (missing.Length > 0 || unknown.Length > 0)
            {
                var why = missing.Length > 0 ? $"the point gives no value for {string.Join(", ", missing)}" : $"the function has no variable {string.Join(", ", unknown)}";
                results.Add(new PointResult { Point = named, Verdict = Verdict.Error, Message = why });
                continue;
            }

            results.Add(check(names.Select(n => named[n]).ToArray()));
        }

        return new CaseResult { Name = name, Expression = definition.Description, Wrt = names, Results = results };
    }
}

/// <summary>
/// The gradient of code that computes in single precision: a generic definition compared with itself in
/// double (<c>Gradient.Of(new MyLoss()).InFloat32()</c>), or opaque float code checked against finite
/// differences with float32 steps and tolerances (<c>Gradient.OfFloat32(loss, "w", "b")</c>), with an
/// optional gradient computed in float. A failure says whether a difference is float32 rounding or a bug,
/// and names the variable and the first step of the trace that leaves its rounding bound.
/// </summary>
public sealed class Float32Gradient : GradientSubject
{
    internal Float32Gradient(Definition definition, Func<float[], float[]>? claimed, Func<double[], double[]>? claimedInDouble, Func<double[], double[,]>? claimedHessian)
    {
        Definition = definition;
        ClaimedGradient = claimed;
        ClaimedInDouble = claimedInDouble;
        ClaimedHessianMatrix = claimedHessian;
    }

    /// <summary>The function (generic code, an expression, or opaque float code).</summary>
    public Definition Definition { get; }

    /// <summary>The claimed gradient computed in float, or null.</summary>
    public Func<float[], float[]>? ClaimedGradient { get; }

    /// <summary>A claimed gradient in double carried over from <see cref="FunctionGradient.Claimed"/>, or null.</summary>
    public Func<double[], double[]>? ClaimedInDouble { get; }

    /// <summary>A claimed Hessian carried over from <see cref="FunctionGradient.ClaimedHessian"/>, or null.</summary>
    public Func<double[], double[,]>? ClaimedHessianMatrix { get; }

    /// <inheritdoc />
    public override string Description =>
        $"float32 gradient of {Definition.Description} ({string.Join(", ", Definition.Variables)})" +
        (Definition.IsOpaque ? " (opaque: finite differences with float32 steps)" : " (against itself in double)") +
        (ClaimedGradient is null ? "" : " against the claimed float gradient") +
        (ClaimedInDouble is null ? "" : " against the claimed gradient") +
        (ClaimedHessianMatrix is null ? "" : " and the claimed Hessian");

    /// <summary>Adds the gradient you wrote in float (one entry per coordinate); it is judged against float32 rounding of the exact gradient.</summary>
    /// <param name="gradient">The claimed gradient (it must not keep or modify the array).</param>
    /// <returns>A new subject with the claim.</returns>
    /// <exception cref="InvalidOperationException">A claim in double was already given.</exception>
    public Float32Gradient Claimed(Func<float[], float[]> gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (ClaimedInDouble is not null || ClaimedHessianMatrix is not null)
        {
            throw new InvalidOperationException(
                "this subject already carries a claim in double (.Claimed or .ClaimedHessian before .InFloat32()); a float32 check takes one claim: " +
                "give the float gradient alone, as Gradient.Of(f).InFloat32().Claimed(g)");
        }

        return new Float32Gradient(Definition, gradient, null, null);
    }

    /// <inheritdoc />
    public override CaseResult Verify(VerificationPoints points)
    {
        ArgumentNullException.ThrowIfNull(points);
        PointResult Check(double[] x) => ClaimedInDouble is null && ClaimedHessianMatrix is null
            ? Verifier.CheckFloat32(Definition, x, ClaimedGradient)
            : Verifier.Check(Definition, x, ClaimedInDouble, claimedHessian: ClaimedHessianMatrix, precision: Precision.Float32);
        if (points.Generated is { } g)
        {
            var generated = PointGenerator.Generate(p => Definition.Evaluate(p), Definition.Variables.Count, g.Count, g.Seed);
            if (generated.Count == 0)
            {
                var none = new PointResult { Point = new Dictionary<string, double>(), Verdict = Verdict.Error, Message = "no point inside the domain was found: give points explicitly" };
                return new CaseResult { Name = Description, Expression = Definition.Description, Wrt = Definition.Variables, Results = [none] };
            }

            points = VerificationPoints.Given(generated.Select(p => new GivenPoint(null, p)).ToArray());
        }

        return FunctionGradient.AtGivenPoints(Description, Definition, points, Check);
    }
}
