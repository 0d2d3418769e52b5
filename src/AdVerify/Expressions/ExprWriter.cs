using System.Text;

namespace AdVerify.Expressions;

/// <summary>Binding strengths of printed forms, loosest first.</summary>
internal static class Precedence
{
    /// <summary>Any form (function arguments, whole expressions).</summary>
    public const int None = 0;

    /// <summary>A sum or difference <c>a + b</c>.</summary>
    public const int Sum = 1;

    /// <summary>A form starting with unary minus <c>-a</c>.</summary>
    public const int Negation = 2;

    /// <summary>A product or quotient <c>a*b</c>, <c>a/b</c>, <c>3/10</c>.</summary>
    public const int Product = 3;

    /// <summary>A power <c>a^b</c>.</summary>
    public const int Power = 4;

    /// <summary>Numbers, names, calls and parenthesised forms.</summary>
    public const int Atom = 5;
}

/// <summary>
/// Shared machinery of the expression printers: an explicit work stack (so deep expressions
/// never overflow the call stack), minimal parenthesisation by <see cref="Precedence"/>,
/// the common layout of sums, and optional named temporaries for shared subexpressions.
/// Subclasses lay out one node at a time as a list of text and child pieces.
/// </summary>
internal abstract class ExprWriter
{
    private readonly IReadOnlyDictionary<Expr, string>? _names;
    private Expr? _root;

    /// <summary>Creates a writer.</summary>
    /// <param name="names">Nodes printed as a name instead of their structure, or null.</param>
    protected ExprWriter(IReadOnlyDictionary<Expr, string>? names) => _names = names;

    /// <summary>The opening parenthesis.</summary>
    protected abstract string Open { get; }

    /// <summary>The closing parenthesis.</summary>
    protected abstract string Close { get; }

    /// <summary>Prints an expression.</summary>
    /// <param name="root">The expression; it is expanded even when it has a name itself.</param>
    /// <returns>The text.</returns>
    public string Write(Expr root)
    {
        _root = root;
        var text = new StringBuilder();
        var work = new Stack<Piece>();
        var pieces = new List<Piece>();
        work.Push(Child(root, Precedence.None));
        while (work.Count > 0)
        {
            var piece = work.Pop();
            if (piece.Node is null)
            {
                text.Append(piece.Text);
                continue;
            }

            if (IsNamed(piece.Node))
            {
                text.Append(_names![piece.Node]);
                continue;
            }

            pieces.Clear();
            var precedence = piece.Node is SumExpr ? LayoutSum(piece.Node, pieces) : Layout(piece.Node, piece.Negated, pieces);
            var parenthesise = precedence < piece.MinPrecedence;
            if (parenthesise)
            {
                work.Push(Text(Close));
            }

            for (var i = pieces.Count - 1; i >= 0; i--)
            {
                work.Push(pieces[i]);
            }

            if (parenthesise)
            {
                work.Push(Text(Open));
            }
        }

        return text.ToString();
    }

    /// <summary>Lays out one node that is not a sum.</summary>
    /// <param name="e">The node.</param>
    /// <param name="negated">True to print the node with its sign flipped (only for <see cref="Quotient.IsNegative"/> nodes).</param>
    /// <param name="pieces">Receives the pieces, in order.</param>
    /// <returns>The precedence of the printed form.</returns>
    protected abstract int Layout(Expr e, bool negated, List<Piece> pieces);

    /// <summary>True when the node is printed as the name of a temporary.</summary>
    /// <param name="e">The node.</param>
    /// <returns>True for named nodes other than the one being defined.</returns>
    protected bool IsNamed(Expr e) => _names is not null && !ReferenceEquals(e, _root) && _names.ContainsKey(e);

    /// <summary>Splits a product or reciprocal into a fraction, keeping named factors whole.</summary>
    /// <param name="e">The node.</param>
    /// <param name="negated">True to flip the sign.</param>
    /// <returns>The fraction.</returns>
    protected Quotient Fraction(Expr e, bool negated) => Quotient.Of(e, negated, _names is null ? null : IsNamed);

    /// <summary>A text piece.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The piece.</returns>
    protected static Piece Text(string text) => new(text, null, Precedence.None, false);

    /// <summary>A child piece.</summary>
    /// <param name="e">The child.</param>
    /// <param name="minPrecedence">Parenthesise the child when it binds more loosely than this.</param>
    /// <param name="negated">True to print the child with its sign flipped.</param>
    /// <returns>The piece.</returns>
    protected static Piece Child(Expr e, int minPrecedence, bool negated = false) => new(null, e, minPrecedence, negated);

    private int LayoutSum(Expr sum, List<Piece> pieces)
    {
        var terms = sum.Operands;
        pieces.Add(Child(terms[0], Precedence.Negation));
        for (var i = 1; i < terms.Count; i++)
        {
            if (!IsNamed(terms[i]) && Quotient.IsNegative(terms[i]))
            {
                pieces.Add(Text(" - "));
                pieces.Add(Child(terms[i], Precedence.Product, negated: true));
            }
            else
            {
                pieces.Add(Text(" + "));
                pieces.Add(Child(terms[i], Precedence.Negation));
            }
        }

        return Precedence.Sum;
    }

    /// <summary>A piece of output: literal text, or a child node to lay out in turn.</summary>
    /// <param name="Text">The text, for text pieces.</param>
    /// <param name="Node">The child, for node pieces.</param>
    /// <param name="MinPrecedence">The weakest binding the child may have without parentheses.</param>
    /// <param name="Negated">True to print the child with its sign flipped.</param>
    protected readonly record struct Piece(string? Text, Expr? Node, int MinPrecedence, bool Negated);
}
