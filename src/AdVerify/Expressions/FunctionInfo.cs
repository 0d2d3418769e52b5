namespace AdVerify.Expressions;

/// <summary>
/// Describes one named function of the expression language: its name, arity, real domain,
/// LaTeX form, sample points and double-precision value. Every engine (parser, printer,
/// evaluator, compiler, symbolic, forward and reverse differentiation) draws on these
/// descriptions; derivative rules of the built-in functions are deliberately <em>not</em>
/// stored here, because each engine owns its own rules so that the engines can check each
/// other. The one exception is a user primitive made with <c>Functions.Define</c>:
/// its <see cref="Rule"/> is the only derivative knowledge there is, so every engine shares
/// it, and <see cref="Verification.Verifier.CheckPrimitive"/> checks it against finite differences.
/// </summary>
public sealed class FunctionInfo
{
    private readonly Func<double, double>? _unary;
    private readonly Func<double, double, double>? _binary;
    private readonly Func<double[], bool> _inDomain;

    internal FunctionInfo(
        string name,
        int arity,
        string latex,
        string domainDescription,
        Func<double[], bool> inDomain,
        IReadOnlyList<double[]> samplePoints,
        Func<double, double>? unary,
        Func<double, double, double>? binary,
        bool isSmooth,
        bool isAnalytic,
        IReadOnlyList<string>? aliases = null,
        bool isBuiltIn = true,
        PrimitiveRule? rule = null,
        FunctionInfo? derivativeOf = null,
        int derivativeArgument = 0)
    {
        if (arity is < 1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(arity), arity, "Functions take one or two arguments.");
        }

        Name = name;
        Arity = arity;
        LaTeX = latex;
        DomainDescription = domainDescription;
        _inDomain = inDomain;
        SamplePoints = samplePoints;
        _unary = unary;
        _binary = binary;
        IsSmooth = isSmooth;
        IsAnalytic = isAnalytic;
        Aliases = aliases ?? Array.Empty<string>();
        IsBuiltIn = isBuiltIn;
        Rule = rule;
        DerivativeOf = derivativeOf;
        DerivativeArgument = derivativeArgument;
    }

    /// <summary>The name used in infix text, for example <c>sin</c> or <c>atan2</c>.</summary>
    public string Name { get; }

    /// <summary>Other names the parser accepts for this function (for example <c>ln</c> for <c>log</c>).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The number of arguments: 1 or 2.</summary>
    public int Arity { get; }

    /// <summary>
    /// The LaTeX form: a command such as <c>\sin</c> for functions LaTeX knows, or
    /// <c>\operatorname{erf}</c> for those it does not.
    /// </summary>
    public string LaTeX { get; }

    /// <summary>A human-readable statement of the real domain, for example <c>x &gt; 0</c>.</summary>
    public string DomainDescription { get; }

    /// <summary>
    /// Points (one array of <see cref="Arity"/> numbers each) inside the domain where the
    /// function is differentiable; registry-walking tests evaluate every engine there.
    /// </summary>
    public IReadOnlyList<double[]> SamplePoints { get; }

    /// <summary>
    /// True when the function is differentiable everywhere in the interior of its domain;
    /// false for functions with kinks or jumps (<c>abs</c>, <c>sign</c>, <c>min</c>, <c>max</c>).
    /// </summary>
    public bool IsSmooth { get; }

    /// <summary>
    /// True when the function extends to a complex-analytic function along the real axis, so
    /// the complex-step derivative applies to it.
    /// </summary>
    public bool IsAnalytic { get; }

    /// <summary>True for the functions the language ships with; false for user-registered primitives.</summary>
    public bool IsBuiltIn { get; }

    /// <summary>
    /// The derivative rule the user registered with a custom primitive (see
    /// <c>Functions.Define</c>);
    /// null for built-in functions, whose rules live in each engine's own card.
    /// </summary>
    public PrimitiveRule? Rule { get; }

    /// <summary>
    /// For a derived function registered automatically when a primitive's derivative was given
    /// only as a delegate (for example <c>d_softplus</c>), the primitive it is a partial
    /// derivative of; null otherwise. Such a function has no known derivative of its own.
    /// </summary>
    public FunctionInfo? DerivativeOf { get; }

    /// <summary>For a derived function, the zero-based argument of <see cref="DerivativeOf"/> it differentiates by; 0 otherwise.</summary>
    public int DerivativeArgument { get; }

    /// <summary>Evaluates the function at a real argument list in double precision.</summary>
    /// <param name="args">The arguments; their count must equal <see cref="Arity"/>.</param>
    /// <returns>The value; NaN outside the real domain.</returns>
    public double Evaluate(ReadOnlySpan<double> args)
    {
        if (args.Length != Arity)
        {
            throw new ArgumentException($"{Name} takes {Arity} argument(s), got {args.Length}.", nameof(args));
        }

        return Arity == 1 ? _unary!(args[0]) : _binary!(args[0], args[1]);
    }

    /// <summary>Evaluates a one-argument function.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The value; NaN outside the real domain.</returns>
    public double Evaluate(double x) =>
        _unary is not null ? _unary(x) : throw new InvalidOperationException($"{Name} takes {Arity} arguments.");

    /// <summary>Evaluates a two-argument function.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>The value; NaN outside the real domain.</returns>
    public double Evaluate(double x, double y) =>
        _binary is not null ? _binary(x, y) : throw new InvalidOperationException($"{Name} takes {Arity} argument.");

    /// <summary>The unary value delegate, or null for a two-argument function.</summary>
    public Func<double, double>? Unary => _unary;

    /// <summary>The binary value delegate, or null for a one-argument function.</summary>
    public Func<double, double, double>? Binary => _binary;

    /// <summary>Tells whether the arguments lie in the function's real domain.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>True when the function has a real value there.</returns>
    public bool InDomain(params double[] args) => _inDomain(args);

    /// <inheritdoc />
    public override string ToString() => $"{Name}/{Arity}";
}
