using System.Diagnostics.CodeAnalysis;
using AdVerify.Definitions;

namespace AdVerify.Expressions;

/// <summary>
/// The infix expression language: parsing text such as <c>sin(x)^2 + 3*x/y</c> into canonical
/// expressions and printing expressions back as text that parses to the same expression.
/// </summary>
/// <remarks>
/// Grammar, loosest binding first: sums and differences <c>a + b</c>, <c>a - b</c>; products and
/// quotients <c>a * b</c>, <c>a / b</c>; unary signs <c>-a</c>, <c>+a</c>; powers <c>a ^ b</c>,
/// right-associative and binding tighter than unary minus (<c>-x^2</c> is <c>-(x^2)</c>, and an
/// exponent may carry its own sign: <c>2^-1</c>); then numbers (<c>2</c>, <c>0.5</c>, <c>.5</c>,
/// <c>1e-8</c>, read exactly as rationals), the constants <c>pi</c> and <c>e</c>, variables
/// (a letter or <c>_</c> followed by letters, digits or <c>_</c>), parentheses and calls of
/// registered functions <c>name(a, b)</c>. Whitespace is ignored.
/// </remarks>
public static class Infix
{
    /// <summary>The deepest nesting accepted: parentheses, calls, unary signs and <c>^</c> each add a level.</summary>
    public const int MaxDepth = 1000;

    /// <summary>The longest input accepted, in characters.</summary>
    public const int MaxLength = 10_000_000;

    /// <summary>The largest decimal exponent magnitude of a number literal (as in <c>1e10000</c>).</summary>
    public const int MaxExponent = 10_000;

    /// <summary>The most digits a number literal may have.</summary>
    public const int MaxNumberDigits = 10_000;

    /// <summary>
    /// Parses infix text into a canonical expression (the symbolic engine's form). To evaluate what
    /// the text writes in its own order and grouping, use <see cref="Computation.Parse"/>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The expression.</returns>
    /// <exception cref="ParseException">The text is not a valid expression.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return InfixParser.ParseComputation(text).ToExpr();
    }

    /// <summary>Parses infix text, returning the syntax error instead of throwing it (no exception is raised for bad text).</summary>
    /// <param name="text">The text; null is reported as an error.</param>
    /// <param name="result">The expression, when the text is valid.</param>
    /// <param name="error">The error, when it is not.</param>
    /// <returns>True when the text is a valid expression.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Expr? result, [NotNullWhen(false)] out ParseException? error)
    {
        if (text is null)
        {
            result = null;
            error = new ParseException("no expression was given (null)", string.Empty, 0, "an expression");
            return false;
        }

        if (InfixParser.TryParseComputation(text, out var computation, out error))
        {
            result = computation.ToExpr();
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>
    /// Prints an expression as readable infix text with minimal parentheses that
    /// <see cref="Parse"/> reads back to the same (reference-equal) expression. Shared
    /// subexpressions are written out each time they occur; see <see cref="FormatShared"/>.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <returns>The text, for example <c>x - y/2</c> or <c>1/sqrt(x)</c>.</returns>
    public static string Format(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        return new InfixWriter().Write(expr);
    }

    /// <summary>
    /// Prints an expression as a let-style listing in which every compound subexpression used
    /// more than once is a named temporary, for example <c>v1 = x*y; v2 = log(v1); result = v1 + v2</c>;
    /// its length grows with the DAG size, not the (possibly exponential) tree size.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <returns>The listing; just <c>result = …</c> when nothing is shared.</returns>
    public static string FormatShared(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        return SharedListing.Write(expr);
    }
}
