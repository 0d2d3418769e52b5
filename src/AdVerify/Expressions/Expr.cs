using System.Numerics;

namespace AdVerify.Expressions;

/// <summary>The kind of an expression node.</summary>
public enum ExprKind
{
    /// <summary>An exact rational number.</summary>
    Number,

    /// <summary>A named constant: π or e.</summary>
    Constant,

    /// <summary>A variable.</summary>
    Symbol,

    /// <summary>A call of a registered function.</summary>
    Call,

    /// <summary>A power base^exponent (also square roots and reciprocals).</summary>
    Power,

    /// <summary>A product of two or more factors (quotients are products with negative powers).</summary>
    Product,

    /// <summary>A sum of two or more terms (differences are sums with negated terms).</summary>
    Sum,
}

/// <summary>
/// An immutable, automatically simplified, hash-consed symbolic expression. Every node is
/// built through the simplifying factory methods (<see cref="Add(Expr[])"/>,
/// <see cref="Multiply(Expr[])"/>, <see cref="Pow(Expr, Expr)"/>, <see cref="Call(FunctionInfo, Expr[])"/>),
/// so expressions are always in canonical form: constants folded, identities applied, like
/// terms and factors collected and commutative operands ordered. Structurally equal
/// expressions are the same object, so equality is reference equality and shared
/// subexpressions are stored once (the expression is a DAG).
/// </summary>
public abstract partial class Expr : IEquatable<Expr>
{
    private readonly int _hash;

    // Caches of whole-DAG walks; a race only computes the same value twice.
    private IReadOnlyList<string>? _variables;
    private int _dagSize;

    private protected Expr(ExprKind kind, int hash)
    {
        Kind = kind;
        _hash = hash;
    }

    /// <summary>The node kind.</summary>
    public ExprKind Kind { get; }

    /// <summary>The operands (terms, factors, base and exponent, or call arguments); empty for atoms.</summary>
    public abstract IReadOnlyList<Expr> Operands { get; }

    /// <summary>The height of the expression: 1 for numbers, constants and symbols, else one more than the highest operand.</summary>
    public virtual int Height => 1;

    /// <summary>True for numbers.</summary>
    public bool IsNumber => Kind == ExprKind.Number;

    /// <summary>The integer 0.</summary>
    public static readonly Expr Zero = Number(Rational.Zero);

    /// <summary>The integer 1.</summary>
    public static readonly Expr One = Number(Rational.One);

    /// <summary>The integer −1.</summary>
    public static readonly Expr MinusOne = Number(Rational.MinusOne);

    /// <summary>The integer 2.</summary>
    public static readonly Expr Two = Number(2);

    /// <summary>The rational 1/2.</summary>
    public static readonly Expr Half = Number(Rational.Half);

    /// <summary>The constant π.</summary>
    public static readonly Expr Pi = InternTable.Intern(new ConstantExpr("pi", Math.PI));

    /// <summary>Euler's number e.</summary>
    public static readonly Expr E = InternTable.Intern(new ConstantExpr("e", Math.E));

    /// <summary>An exact number.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The number node.</returns>
    public static Expr Number(Rational value) => InternTable.Intern(new NumberExpr(value));

    /// <summary>An integer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The number node.</returns>
    public static Expr Number(BigInteger value) => Number(new Rational(value));

    /// <summary>An integer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The number node.</returns>
    public static Expr Number(int value) => Number(new Rational(value));

    /// <summary>
    /// A finite double converted exactly to a rational number (0.1 becomes the binary fraction
    /// 3602879701896397/2^55); the implicit conversion from <see cref="double"/> instead reads
    /// the double's shortest decimal, as the parser would.
    /// </summary>
    /// <param name="value">The value; must be finite.</param>
    /// <returns>The number node.</returns>
    public static Expr Number(double value) => Number(Rational.FromDouble(value));

    /// <summary>A variable.</summary>
    /// <param name="name">Its name: a letter or underscore followed by letters, digits or underscores.</param>
    /// <returns>The symbol node.</returns>
    public static Expr Symbol(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid variable name (a letter or '_' followed by letters, digits or '_').", nameof(name));
        }

        if (Functions.ReservedNames.Contains(name))
        {
            throw new ArgumentException($"'{name}' is a constant and cannot be used as a variable name.", nameof(name));
        }

        return InternTable.Intern(new SymbolExpr(name));
    }

    /// <summary>Several variables at once.</summary>
    /// <param name="names">Their names.</param>
    /// <returns>The symbol nodes, in order.</returns>
    public static Expr[] Symbols(params string[] names) => names.Select(Symbol).ToArray();

    /// <summary>Tells whether a string is a valid identifier of the expression language.</summary>
    /// <param name="name">The candidate.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A sum, simplified.</summary>
    /// <param name="terms">The terms.</param>
    /// <returns>The canonical sum.</returns>
    public static Expr Add(params Expr[] terms) => Canonical.Sum(terms);

    /// <summary>A sum, simplified.</summary>
    /// <param name="terms">The terms.</param>
    /// <returns>The canonical sum.</returns>
    public static Expr Add(IEnumerable<Expr> terms) => Canonical.Sum(terms.ToArray());

    /// <summary>A product, simplified.</summary>
    /// <param name="factors">The factors.</param>
    /// <returns>The canonical product.</returns>
    public static Expr Multiply(params Expr[] factors) => Canonical.Product(factors);

    /// <summary>A product, simplified.</summary>
    /// <param name="factors">The factors.</param>
    /// <returns>The canonical product.</returns>
    public static Expr Multiply(IEnumerable<Expr> factors) => Canonical.Product(factors.ToArray());

    /// <summary>The difference a − b.</summary>
    /// <param name="a">Minuend.</param>
    /// <param name="b">Subtrahend.</param>
    /// <returns>The canonical sum a + (−1)·b.</returns>
    public static Expr Subtract(Expr a, Expr b) => Canonical.Sum([a, Negate(b)]);

    /// <summary>The negation −a.</summary>
    /// <param name="a">The operand.</param>
    /// <returns>The canonical product (−1)·a.</returns>
    public static Expr Negate(Expr a) => Canonical.Product([MinusOne, a]);

    /// <summary>The quotient a / b.</summary>
    /// <param name="a">Dividend.</param>
    /// <param name="b">Divisor.</param>
    /// <returns>The canonical product a · b^(−1).</returns>
    public static Expr Divide(Expr a, Expr b) => Canonical.Product([a, Canonical.Power(b, MinusOne)]);

    /// <summary>The power base^exponent, simplified.</summary>
    /// <param name="baseExpr">The base.</param>
    /// <param name="exponent">The exponent.</param>
    /// <returns>The canonical power.</returns>
    public static Expr Pow(Expr baseExpr, Expr exponent) => Canonical.Power(baseExpr, exponent);

    /// <summary>A call of a registered function, simplified.</summary>
    /// <param name="function">The function.</param>
    /// <param name="args">Its arguments; their count must equal the arity.</param>
    /// <returns>The canonical call (or a simpler equal expression, such as a power for <c>sqrt</c>).</returns>
    public static Expr Call(FunctionInfo function, params Expr[] args)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (args.Length != function.Arity)
        {
            throw new ArgumentException($"{function.Name} takes {function.Arity} argument(s), got {args.Length}.", nameof(args));
        }

        return Canonical.Call(function, args);
    }

    /// <summary>The number's value, if this is a number.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True for numbers.</returns>
    public bool TryGetNumber(out Rational value)
    {
        if (this is NumberExpr n)
        {
            value = n.Value;
            return true;
        }

        value = Rational.Zero;
        return false;
    }

    /// <summary>
    /// The variables this expression depends on, sorted by name (ordinal). Computed by one walk of
    /// the DAG on first use and then cached on the node (nodes are immutable), so reading it again is free.
    /// </summary>
    public IReadOnlyList<string> Variables =>
        _variables ??= Array.AsReadOnly(Traversal.Variables(this).ToArray());

    /// <summary>
    /// The number of distinct nodes in the expression DAG (shared subexpressions counted once).
    /// Computed on first use and then cached on the node.
    /// </summary>
    public int DagSize => _dagSize != 0 ? _dagSize : _dagSize = Traversal.DagSize(this);

    /// <summary>The number of nodes if the expression were written out as a tree (shared subexpressions counted each time).</summary>
    public double TreeSize => Traversal.TreeSize(this);

    /// <inheritdoc />
    public bool Equals(Expr? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Shallow structural equality used by the intern table (children compared by reference).</summary>
    /// <param name="other">A node of the same hash.</param>
    /// <returns>True when the two nodes have the same kind, payload and children.</returns>
    internal abstract bool ShallowEquals(Expr other);

    /// <summary>Sum.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a + b.</returns>
    public static Expr operator +(Expr a, Expr b) => Add(a, b);

    /// <summary>Difference.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a − b.</returns>
    public static Expr operator -(Expr a, Expr b) => Subtract(a, b);

    /// <summary>Product.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a · b.</returns>
    public static Expr operator *(Expr a, Expr b) => Multiply(a, b);

    /// <summary>Quotient.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>a / b.</returns>
    public static Expr operator /(Expr a, Expr b) => Divide(a, b);

    /// <summary>Negation.</summary>
    /// <param name="a">The operand.</param>
    /// <returns>−a.</returns>
    public static Expr operator -(Expr a) => Negate(a);

    /// <summary>Identity.</summary>
    /// <param name="a">The operand.</param>
    /// <returns>a.</returns>
    public static Expr operator +(Expr a) => a;

    /// <summary>Converts an integer to a number node.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator Expr(int value) => Number(value);

    /// <summary>
    /// Converts a finite double to a number node the way the parser reads its text: the rational of
    /// the shortest decimal that round-trips to the double (<see cref="Rational.FromShortestDecimal"/>),
    /// so <c>(Expr)0.1</c> is 1/10 and <c>x * 0.1</c> is the same expression as <c>Infix.Parse("x*0.1")</c>.
    /// For the exact binary value of a double use <see cref="Number(double)"/>.
    /// </summary>
    /// <param name="value">The double; NaN and ±∞ are refused with an <see cref="ArgumentException"/>.</param>
    public static implicit operator Expr(double value) => Number(Rational.FromShortestDecimal(value));
}

/// <summary>An exact rational number.</summary>
public sealed class NumberExpr : Expr
{
    internal NumberExpr(Rational value)
        : base(ExprKind.Number, HashCode.Combine(ExprKind.Number, value)) => Value = value;

    /// <summary>The value.</summary>
    public Rational Value { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Expr> Operands => Array.Empty<Expr>();

    internal override bool ShallowEquals(Expr other) => other is NumberExpr n && n.Value == Value;
}

/// <summary>A named mathematical constant (π or e).</summary>
public sealed class ConstantExpr : Expr
{
    internal ConstantExpr(string name, double value)
        : base(ExprKind.Constant, HashCode.Combine(ExprKind.Constant, name))
    {
        Name = name;
        Value = value;
    }

    /// <summary>The name: <c>pi</c> or <c>e</c>.</summary>
    public string Name { get; }

    /// <summary>The double value.</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Expr> Operands => Array.Empty<Expr>();

    internal override bool ShallowEquals(Expr other) => other is ConstantExpr c && c.Name == Name;
}

/// <summary>A variable.</summary>
public sealed class SymbolExpr : Expr
{
    internal SymbolExpr(string name)
        : base(ExprKind.Symbol, HashCode.Combine(ExprKind.Symbol, StringComparer.Ordinal.GetHashCode(name))) => Name = name;

    /// <summary>The variable name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Expr> Operands => Array.Empty<Expr>();

    internal override bool ShallowEquals(Expr other) => other is SymbolExpr s && s.Name == Name;
}

/// <summary>Base of nodes with children.</summary>
public abstract class CompoundExpr : Expr
{
    private readonly Expr[] _operands;

    private protected CompoundExpr(ExprKind kind, Expr[] operands, int salt)
        : base(kind, Hash(kind, operands, salt))
    {
        _operands = operands;
        var h = 0;
        foreach (var o in operands)
        {
            h = Math.Max(h, o.Height);
        }

        Height = h + 1;
    }

    /// <inheritdoc />
    public override int Height { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Expr> Operands => _operands;

    internal ReadOnlySpan<Expr> Span => _operands;

    private static int Hash(ExprKind kind, Expr[] operands, int salt)
    {
        var h = new HashCode();
        h.Add(kind);
        h.Add(salt);
        foreach (var o in operands)
        {
            h.Add(o.GetHashCode());
        }

        return h.ToHashCode();
    }

    internal bool SameOperands(CompoundExpr other)
    {
        if (other._operands.Length != _operands.Length)
        {
            return false;
        }

        for (var i = 0; i < _operands.Length; i++)
        {
            if (!ReferenceEquals(_operands[i], other._operands[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A sum of at least two terms in canonical order (a numeric term, if any, last).</summary>
public sealed class SumExpr : CompoundExpr
{
    internal SumExpr(Expr[] terms)
        : base(ExprKind.Sum, terms, 0)
    {
    }

    internal override bool ShallowEquals(Expr other) => other is SumExpr s && SameOperands(s);
}

/// <summary>A product of at least two factors in canonical order (a numeric coefficient, if any, first).</summary>
public sealed class ProductExpr : CompoundExpr
{
    internal ProductExpr(Expr[] factors)
        : base(ExprKind.Product, factors, 0)
    {
    }

    internal override bool ShallowEquals(Expr other) => other is ProductExpr p && SameOperands(p);
}

/// <summary>A power base^exponent.</summary>
public sealed class PowerExpr : CompoundExpr
{
    internal PowerExpr(Expr baseExpr, Expr exponent)
        : base(ExprKind.Power, [baseExpr, exponent], 0)
    {
    }

    /// <summary>The base.</summary>
    public Expr Base => Operands[0];

    /// <summary>The exponent.</summary>
    public Expr Exponent => Operands[1];

    internal override bool ShallowEquals(Expr other) => other is PowerExpr p && SameOperands(p);
}

/// <summary>A call of a registered function.</summary>
public sealed class CallExpr : CompoundExpr
{
    internal CallExpr(FunctionInfo function, Expr[] args)
        : base(ExprKind.Call, args, StringComparer.Ordinal.GetHashCode(function.Name)) => Function = function;

    /// <summary>The function called.</summary>
    public FunctionInfo Function { get; }

    internal override bool ShallowEquals(Expr other) => other is CallExpr c && ReferenceEquals(c.Function, Function) && SameOperands(c);
}
