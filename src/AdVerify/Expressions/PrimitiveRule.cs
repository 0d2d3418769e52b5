using AdVerify.Symbolic;

namespace AdVerify.Expressions;

/// <summary>
/// The derivative rule registered with a user primitive by <see cref="Functions"/>'s
/// <c>Define</c> overloads: one partial derivative per argument, given either as delegates or
/// as expression text in the variables <c>x</c> (and <c>y</c> for the second argument).
/// <para>
/// Unlike the built-in functions, whose rules every engine writes down independently, a custom
/// primitive has exactly one rule, and forward mode, reverse mode and the symbolic engine all
/// use it. Their agreement on an expression calling the primitive is therefore no evidence that
/// the rule is right; the independent checks are finite differences and the Taylor remainder
/// test, which only ever call the value (see <see cref="Verification.Verifier.CheckPrimitive"/>).
/// </para>
/// </summary>
public sealed class PrimitiveRule
{
    /// <summary>The variable names the derivative expressions use for the first and second argument.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["x", "y"];

    private readonly Func<double, double>? _unary;
    private readonly Func<double, double, double>[]? _binary;
    private readonly IReadOnlyList<string>? _texts;
    private volatile Expr[]? _expressions;
    private Func<double[], double>[]? _compiled;
    private FunctionInfo[] _derived = [];

    private PrimitiveRule(int arity, Func<double, double>? unary, Func<double, double, double>[]? binary, IReadOnlyList<string>? texts)
    {
        Arity = arity;
        _unary = unary;
        _binary = binary;
        _texts = texts;
    }

    internal static PrimitiveRule FromDelegate(Func<double, double> derivative) => new(1, derivative, null, null);

    internal static PrimitiveRule FromDelegates(Func<double, double, double> partialX, Func<double, double, double> partialY) =>
        new(2, null, [partialX, partialY], null);

    internal static PrimitiveRule FromTexts(params string[] texts) => new(texts.Length, null, null, texts);

    /// <summary>The number of partial derivatives (the primitive's arity).</summary>
    public int Arity { get; }

    /// <summary>
    /// True when the derivative was given as expression text: the symbolic engine then has an
    /// exact rule, and nested forward numbers (second derivatives, Hessians) work.
    /// </summary>
    public bool IsExpression => _texts is not null;

    /// <summary>The derivative texts as the user wrote them, or null when delegates were given.</summary>
    public IReadOnlyList<string>? Texts => _texts;

    /// <summary>
    /// The partial derivatives as canonical expressions in <c>x</c> (and <c>y</c>), or null when
    /// the derivative was given as delegates.
    /// </summary>
    public IReadOnlyList<Expr>? Expressions => _expressions;

    /// <summary>
    /// For a derivative given as delegates: the functions registered automatically to stand for
    /// the partial derivatives in symbolic results (<c>d_name</c>, or <c>d1_name</c> and
    /// <c>d2_name</c>); empty for expression rules.
    /// </summary>
    public IReadOnlyList<FunctionInfo> DerivedFunctions => _derived;

    /// <summary>Evaluates one partial derivative in double precision.</summary>
    /// <param name="argument">The zero-based argument differentiated by.</param>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument (ignored by one-argument primitives).</param>
    /// <returns>∂f/∂(argument) at the point.</returns>
    public double Partial(int argument, double x, double y = 0)
    {
        if (argument < 0 || argument >= Arity)
        {
            throw new ArgumentOutOfRangeException(nameof(argument), argument, $"The primitive has {Arity} argument(s).");
        }

        if (_unary is not null)
        {
            return _unary(x);
        }

        if (_binary is not null)
        {
            return _binary[argument](x, y);
        }

        var compiled = _compiled ?? throw new InvalidOperationException("The derivative expression is still being registered.");
        return compiled[argument](Arity == 1 ? [x] : [x, y]);
    }

    /// <summary>The partial derivatives of a call of the primitive, as expressions in its arguments.</summary>
    /// <param name="args">The argument expressions.</param>
    /// <returns>One expression per argument: the registered expression with <c>x</c>, <c>y</c> replaced, or a call of the derived function.</returns>
    internal Expr[] SymbolicPartials(IReadOnlyList<Expr> args)
    {
        if (_expressions is { } exprs)
        {
            var map = new Dictionary<string, Expr>(StringComparer.Ordinal);
            for (var i = 0; i < args.Count; i++)
            {
                map[Parameters[i]] = args[i];
            }

            return exprs.Select(e => Substitution.Replace(e, map)).ToArray();
        }

        return _derived.Select(d => Expr.Call(d, args.ToArray())).ToArray();
    }

    internal void SetExpressions(Expr[] expressions)
    {
        var names = Parameters.Take(Arity).ToArray();
        _compiled = expressions.Select(e => Compiler.Compile(e, names)).ToArray();
        _expressions = expressions;
    }

    internal void SetDerived(FunctionInfo[] derived) => _derived = derived;
}
