using System.Numerics;

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
    private readonly Func<double[], double>? _nary;
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
        int derivativeArgument = 0,
        Func<double[], double>? nary = null)
    {
        if (arity is < 1 or > 2 && nary is null)
        {
            throw new ArgumentOutOfRangeException(nameof(arity), arity, "Functions take one or two arguments, or are variadic.");
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
        _nary = nary;
        IsVariadic = nary is not null;
    }

    /// <summary>The name used in infix text, for example <c>sin</c> or <c>atan2</c>.</summary>
    public string Name { get; }

    /// <summary>Other names the parser accepts for this function (for example <c>ln</c> for <c>log</c>).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>
    /// The number of arguments: 1 or 2; for a variadic function (<see cref="IsVariadic"/>) the
    /// smallest number it takes. Use <see cref="Accepts"/> to test an argument count.
    /// </summary>
    public int Arity { get; }

    /// <summary>True for a function of any number (at least <see cref="Arity"/>) of arguments, such as <c>logsumexp</c>.</summary>
    public bool IsVariadic { get; }

    /// <summary>Tells whether the function takes a given number of arguments.</summary>
    /// <param name="count">The argument count.</param>
    /// <returns>True when a call with that many arguments is valid.</returns>
    public bool Accepts(int count) => IsVariadic ? count >= Arity : count == Arity;

    /// <summary>The accepted argument counts in words, for messages: <c>1 argument</c>, <c>2 arguments</c>, <c>1 or more arguments</c>.</summary>
    public string ArityText => IsVariadic ? $"{Arity} or more arguments" : Arity == 1 ? "1 argument" : $"{Arity} arguments";

    /// <summary>
    /// The zero-based arguments that must be integers (the order n of <c>besselj(n, x)</c> or
    /// <c>polygamma(n, x)</c>): the function is not differentiable with respect to them, and
    /// every engine refuses such a derivative with an error naming the argument.
    /// </summary>
    public IReadOnlyList<int> IntegerArguments { get; internal init; } = [];

    /// <summary>Names of the arguments for messages (for example <c>n</c> and <c>x</c>); <c>x</c>, <c>y</c> by default.</summary>
    public IReadOnlyList<string> ArgumentNames { get; internal init; } = ["x", "y"];

    /// <summary>
    /// The points of the domain where the function is not differentiable (kinks, cusps, jumps,
    /// infinite slopes, branch cuts, domain edges where the function is still defined), each
    /// with a test, a description and, where they exist, the one-sided slopes.
    /// </summary>
    public IReadOnlyList<FunctionKink> Kinks { get; internal init; } = [];

    /// <summary>
    /// For a real argument list at or outside the domain: which argument crossed the edge and
    /// how far it lies beyond it (0 on the edge, positive outside), used to excuse an argument
    /// that left the domain only by rounding. Null (or a null result) where the domain has no
    /// such edge: poles, or the whole real line.
    /// </summary>
    public Func<double[], (int Argument, double Distance)?>? DomainEdgeDistance { get; internal init; }

    /// <summary>
    /// Exact simplifications applied when a call is built (sin 0 → 0, log 1 → 0, log(exp u) → u,
    /// sqrt u → u^(1/2), …): the simpler equal expression, or null to keep the call.
    /// </summary>
    public Func<IReadOnlyList<Expr>, Expr?>? Fold { get; internal init; }

    /// <summary>True when the value does not depend on the order of the arguments (min, max, hypot, logsumexp), so calls sort them.</summary>
    public bool IsSymmetric { get; internal init; }

    /// <summary>
    /// The analytic continuation off the real axis used by the complex-step oracle, or null when
    /// there is none (a non-analytic function, or a user primitive).
    /// </summary>
    public Func<Complex[], Complex>? ComplexForm { get; internal init; }

    /// <summary>True when the complex-step derivative applies: the function is analytic and has a complex implementation.</summary>
    public bool SupportsComplexStep => IsAnalytic && ComplexForm is not null;

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
    /// only as a delegate (for example <c>d_mysoftplus</c>), the primitive it is a partial
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
        if (!Accepts(args.Length))
        {
            throw new ArgumentException($"{Name} takes {ArityText}, got {args.Length}.", nameof(args));
        }

        return IsVariadic ? _nary!(args.ToArray()) : Arity == 1 ? _unary!(args[0]) : _binary!(args[0], args[1]);
    }

    /// <summary>Evaluates a one-argument function.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The value; NaN outside the real domain.</returns>
    public double Evaluate(double x) =>
        _unary is not null ? _unary(x) : _nary is not null && Accepts(1) ? _nary([x]) : throw new InvalidOperationException($"{Name} takes {ArityText}.");

    /// <summary>Evaluates a two-argument function.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>The value; NaN outside the real domain.</returns>
    public double Evaluate(double x, double y) =>
        _binary is not null ? _binary(x, y) : _nary is not null && Accepts(2) ? _nary([x, y]) : throw new InvalidOperationException($"{Name} takes {ArityText}.");

    /// <summary>The unary value delegate, or null for a two-argument function.</summary>
    public Func<double, double>? Unary => _unary;

    /// <summary>The binary value delegate, or null for a one-argument function.</summary>
    public Func<double, double, double>? Binary => _binary;

    /// <summary>The value delegate of a variadic function (all arguments in one array), or null for a fixed arity.</summary>
    public Func<double[], double>? Nary => _nary;

    /// <summary>Tells whether the arguments lie in the function's real domain.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>True when the function has a real value there.</returns>
    public bool InDomain(params double[] args) => _inDomain(args);

    /// <inheritdoc />
    public override string ToString() => IsVariadic ? $"{Name}/{Arity}+" : $"{Name}/{Arity}";
}
