namespace AdVerify.Expressions;

/// <summary>User primitives: <c>Define</c> registers a function together with its derivative rule.</summary>
public static partial class Functions
{
    private static readonly double[] UnaryCandidates = [-1.7, 0.3, 2.2, -0.6, 0.85, 7.25, 0.05];

    private static readonly double[][] BinaryCandidates = [[1.0, 2.0], [-0.5, -1.5], [2.0, 0.3], [0.7, 1.3], [3.0, 4.0], [0.2, 0.9]];

    /// <summary>
    /// Defines a one-argument primitive from its value and its derivative as delegates, and
    /// registers it so the parser and every engine know it (like a custom autograd function).
    /// The symbolic engine writes the derivative as a call of an automatically registered
    /// function <c>d_name</c> (whose value is <paramref name="derivative"/> and whose own
    /// derivative is unknown); nested forward numbers (second derivatives) are not supported —
    /// give the derivative as expression text for those.
    /// </summary>
    /// <param name="name">The function name: an identifier that is not a built-in function, an alias or a constant.</param>
    /// <param name="value">The value f(x).</param>
    /// <param name="derivative">The derivative f′(x).</param>
    /// <param name="latex">The LaTeX form; <c>\operatorname{name}</c> when null.</param>
    /// <param name="domain">A human-readable statement of the real domain.</param>
    /// <param name="inDomain">Tells whether x is in the domain; every non-NaN x when null.</param>
    /// <param name="samplePoints">Points inside the domain where the rule is checked; defaults drawn from a few spread values inside the domain.</param>
    /// <returns>The registered function.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken, or no sample point lies in the domain.</exception>
    public static FunctionInfo Define(string name, Func<double, double> value, Func<double, double> derivative, string? latex = null,
        string domain = "all real x", Func<double, bool>? inDomain = null, double[]? samplePoints = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(derivative);
        return DefineUnary(name, value, PrimitiveRule.FromDelegate(derivative), latex, domain, inDomain, samplePoints);
    }

    /// <summary>
    /// Defines a one-argument primitive from its value and its derivative as expression text in
    /// the variable <c>x</c> (for example <c>"1/(1 + exp(-x))"</c>; the text may call the
    /// primitive itself), and registers it. The symbolic engine then has an exact rule, and
    /// nested forward numbers give second derivatives.
    /// </summary>
    /// <param name="name">The function name: an identifier that is not a built-in function, an alias or a constant.</param>
    /// <param name="value">The value f(x).</param>
    /// <param name="derivative">The derivative f′(x) as infix text in <c>x</c>.</param>
    /// <param name="latex">The LaTeX form; <c>\operatorname{name}</c> when null.</param>
    /// <param name="domain">A human-readable statement of the real domain.</param>
    /// <param name="inDomain">Tells whether x is in the domain; every non-NaN x when null.</param>
    /// <param name="samplePoints">Points inside the domain where the rule is checked; defaults drawn from a few spread values inside the domain.</param>
    /// <returns>The registered function.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken, the text does not parse or uses variables other than x, or no sample point lies in the domain.</exception>
    public static FunctionInfo Define(string name, Func<double, double> value, string derivative, string? latex = null,
        string domain = "all real x", Func<double, bool>? inDomain = null, double[]? samplePoints = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(derivative);
        return DefineUnary(name, value, PrimitiveRule.FromTexts(derivative), latex, domain, inDomain, samplePoints);
    }

    /// <summary>
    /// Defines a two-argument primitive from its value and its partial derivatives ∂f/∂x and
    /// ∂f/∂y as delegates, and registers it. The symbolic engine writes the partials as calls of
    /// the automatically registered functions <c>d1_name</c> and <c>d2_name</c>.
    /// </summary>
    /// <param name="name">The function name: an identifier that is not a built-in function, an alias or a constant.</param>
    /// <param name="value">The value f(x, y).</param>
    /// <param name="partialX">∂f/∂x, the derivative by the first argument.</param>
    /// <param name="partialY">∂f/∂y, the derivative by the second argument.</param>
    /// <param name="latex">The LaTeX form; <c>\operatorname{name}</c> when null.</param>
    /// <param name="domain">A human-readable statement of the real domain.</param>
    /// <param name="inDomain">Tells whether (x, y) is in the domain; every pair without NaN when null.</param>
    /// <param name="samplePoints">Points (x, y) inside the domain where the rule is checked; defaults drawn from a few spread pairs inside the domain.</param>
    /// <returns>The registered function.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken, or no sample point lies in the domain.</exception>
    public static FunctionInfo Define(string name, Func<double, double, double> value, Func<double, double, double> partialX,
        Func<double, double, double> partialY, string? latex = null, string domain = "all real x, y",
        Func<double, double, bool>? inDomain = null, double[][]? samplePoints = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(partialX);
        ArgumentNullException.ThrowIfNull(partialY);
        return DefineBinary(name, value, PrimitiveRule.FromDelegates(partialX, partialY), latex, domain, inDomain, samplePoints);
    }

    /// <summary>
    /// Defines a two-argument primitive from its value and its partial derivatives as expression
    /// text in <c>x</c> and <c>y</c>, and registers it; the symbolic engine then has exact rules.
    /// </summary>
    /// <param name="name">The function name: an identifier that is not a built-in function, an alias or a constant.</param>
    /// <param name="value">The value f(x, y).</param>
    /// <param name="partialX">∂f/∂x as infix text in <c>x</c> and <c>y</c>.</param>
    /// <param name="partialY">∂f/∂y as infix text in <c>x</c> and <c>y</c>.</param>
    /// <param name="latex">The LaTeX form; <c>\operatorname{name}</c> when null.</param>
    /// <param name="domain">A human-readable statement of the real domain.</param>
    /// <param name="inDomain">Tells whether (x, y) is in the domain; every pair without NaN when null.</param>
    /// <param name="samplePoints">Points (x, y) inside the domain where the rule is checked; defaults drawn from a few spread pairs inside the domain.</param>
    /// <returns>The registered function.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken, a text does not parse or uses other variables, or no sample point lies in the domain.</exception>
    public static FunctionInfo Define(string name, Func<double, double, double> value, string partialX, string partialY,
        string? latex = null, string domain = "all real x, y", Func<double, double, bool>? inDomain = null, double[][]? samplePoints = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(partialX);
        ArgumentNullException.ThrowIfNull(partialY);
        return DefineBinary(name, value, PrimitiveRule.FromTexts(partialX, partialY), latex, domain, inDomain, samplePoints);
    }

    private static FunctionInfo DefineUnary(string name, Func<double, double> value, PrimitiveRule rule, string? latex, string domain,
        Func<double, bool>? inDomain, double[]? samplePoints)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var test = inDomain ?? (x => !double.IsNaN(x));
        var samples = (samplePoints ?? UnaryCandidates.Where(test).Take(3).ToArray()).Select(x => new[] { x }).ToArray();
        return DefineCore(name, latex, rule, samples, a => test(a[0]), (n, tex, derivativeOf, argument, v) =>
            new FunctionInfo(n, 1, tex, domain, a => test(a[0]), samples, v ?? value, null, isSmooth: true, isAnalytic: false,
                aliases: null, isBuiltIn: false, rule: derivativeOf is null ? rule : null, derivativeOf: derivativeOf, derivativeArgument: argument));
    }

    private static FunctionInfo DefineBinary(string name, Func<double, double, double> value, PrimitiveRule rule, string? latex, string domain,
        Func<double, double, bool>? inDomain, double[][]? samplePoints)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var test = inDomain ?? ((x, y) => !double.IsNaN(x) && !double.IsNaN(y));
        if (samplePoints is not null && samplePoints.Any(p => p is null || p.Length != 2))
        {
            throw new ArgumentException("Every sample point of a two-argument primitive must hold two numbers.", nameof(samplePoints));
        }

        var samples = samplePoints ?? BinaryCandidates.Where(p => test(p[0], p[1])).Take(3).ToArray();
        return DefineCore(name, latex, rule, samples, a => test(a[0], a[1]), (n, tex, derivativeOf, argument, _) =>
            new FunctionInfo(n, 2, tex, domain, a => test(a[0], a[1]), samples, null,
                derivativeOf is null ? value : DerivedBinary(rule, argument), isSmooth: true, isAnalytic: false,
                aliases: null, isBuiltIn: false, rule: derivativeOf is null ? rule : null, derivativeOf: derivativeOf, derivativeArgument: argument));
    }

    private static Func<double, double, double> DerivedBinary(PrimitiveRule rule, int argument) => (x, y) => rule.Partial(argument, x, y);

    // make(name, latex, derivativeOf, argument, unaryValueOverride) builds the primitive (derivativeOf null) or a derived function.
    private static FunctionInfo DefineCore(string name, string? latex, PrimitiveRule rule, double[][] samples, Func<double[], bool> inDomain,
        Func<string, string, FunctionInfo?, int, Func<double, double>?, FunctionInfo> make)
    {
        CheckName(name, nameof(name));
        if (samples.Length == 0)
        {
            throw new ArgumentException($"No sample point of '{name}' lies in its domain: pass samplePoints explicitly.", "samplePoints");
        }

        var outside = samples.FirstOrDefault(p => !inDomain(p));
        if (outside is not null)
        {
            throw new ArgumentException($"The sample point ({string.Join(", ", outside)}) of '{name}' is outside its domain.", "samplePoints");
        }

        var target = FunctionScope.Target;
        lock (target.Gate)
        {
            var tex0 = latex ?? DefaultLaTeX(name);
            var f = make(name, tex0, null, 0, null);
            var derived = new List<FunctionInfo>();
            if (!rule.IsExpression)
            {
                for (var i = 0; i < rule.Arity; i++)
                {
                    var derivedName = rule.Arity == 1 ? $"d_{name}" : $"d{i + 1}_{name}";
                    var tex = rule.Arity == 1 ? tex0 + "'" : $@"\partial_{{{i + 1}}}{tex0}";
                    var argument = i;
                    Func<double, double>? unary = rule.Arity == 1 ? x => rule.Partial(argument, x) : null;
                    derived.Add(make(derivedName, tex, f, i, unary));
                }
            }

            foreach (var g in derived.Prepend(f))
            {
                if (target.Contains(g.Name) || BuiltInByName.ContainsKey(g.Name))
                {
                    var what = g == f ? "" : $" (needed for the derivative of '{name}', which was given as a delegate)";
                    throw new ArgumentException($"A function named '{g.Name}' is already registered{what}.", nameof(name));
                }
            }

            foreach (var g in derived.Prepend(f))
            {
                target.TryAdd(g);
            }

            rule.SetDerived(derived.ToArray());
            if (rule.IsExpression)
            {
                try
                {
                    rule.SetExpressions(rule.Texts!.Select((t, i) => ParseDerivative(name, t, i, rule.Arity)).ToArray());
                }
                catch
                {
                    target.Remove(f);
                    throw;
                }
            }

            return f;
        }
    }

    private static Expr ParseDerivative(string name, string text, int argument, int arity)
    {
        Expr e;
        try
        {
            e = Infix.Parse(text);
        }
        catch (ParseException ex)
        {
            throw new ArgumentException($"The derivative of '{name}' by argument {argument + 1} does not parse: {ex.Message}", "derivative", ex);
        }

        var allowed = PrimitiveRule.Parameters.Take(arity).ToArray();
        var extra = e.Variables.Where(v => !allowed.Contains(v, StringComparer.Ordinal)).ToArray();
        if (extra.Length > 0)
        {
            throw new ArgumentException(
                $"The derivative of '{name}' may use only the variable{(arity == 1 ? " x" : "s x and y")}, but '{text}' uses {string.Join(", ", extra)}.",
                "derivative");
        }

        return e;
    }

    private static void CheckName(string name, string parameter)
    {
        if (!Expr.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid function name (a letter or '_' followed by letters, digits or '_').", parameter);
        }

        if (ReservedNames.Contains(name))
        {
            throw new ArgumentException($"'{name}' is a constant and cannot be used as a function name.", parameter);
        }

        if (BuiltInByName.TryGetValue(name, out var builtIn))
        {
            throw new ArgumentException(
                $"'{name}' is a built-in function{(builtIn.Name == name ? "" : $" (an alias of {builtIn.Name})")} and cannot be redefined.", parameter);
        }

        // A scope may hide a user function of an enclosing scope, but not redefine one of its own.
        if (FunctionScope.Target.Contains(name))
        {
            throw new ArgumentException($"A function named '{name}' is already registered{(FunctionScope.Target == FunctionScope.Global ? "" : " in this scope")}.", parameter);
        }
    }

    private static string DefaultLaTeX(string name) => $@"\operatorname{{{name.Replace("_", @"\_", StringComparison.Ordinal)}}}";
}
