using System.Globalization;
using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>
/// The first node of an expression whose evaluation left the real numbers: which operation it
/// was, the argument values it got, and the domain it requires.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Function">The function name, or an operator: <c>^</c> for powers, <c>/</c> for division by zero, <c>+</c> for sums, <c>*</c> for products; for a number literal too large for a double, <c>the number …</c>.</param>
/// <param name="Arguments">The argument values the operation got (empty for a number literal) (for <c>/</c>: the base and the negative exponent of the power that divided by zero).</param>
/// <param name="DomainDescription">The real domain of the operation, for example <c>x &gt; 0</c>.</param>
/// <param name="Node">The expression node that was being evaluated.</param>
public sealed record DomainIssue(IssueKind Kind, string Function, IReadOnlyList<double> Arguments, string DomainDescription, Expr Node)
{
    /// <summary>
    /// A one-line explanation in terms of the formula: for a function, <c>log got -2, outside its
    /// domain x &gt; 0</c>; for an operator, the subexpression and what is wrong with it, for example
    /// <c>division by zero in 1/(x - 2): x - 2 is 0</c> or <c>sqrt(x) needs x &gt;= 0, but x is -4</c>
    /// (for <c>x^0.5</c>), never the internal operator and its raw operands. The as-written evaluator
    /// sets <see cref="Detail"/>, which then is the message.
    /// </summary>
    public string Message => Detail ?? (Kind, Node) switch
    {
        (IssueKind.DivisionByZero, PowerExpr p) => $"division by zero in {Show(p)}: {Show(p.Base)} is 0",
        (IssueKind.Domain, PowerExpr p) when Arguments.Count == 1 =>
            $"{Show(p)} needs {Show(p.Base)} >= 0, but {Show(p.Base)} is {Format(Arguments[0])}",
        (IssueKind.Domain, PowerExpr p) =>
            $"{Show(p)} is not a real number: {Show(p.Base)} is {Format(Arguments[0])}, and a negative number has no real power {Format(Arguments[1])}",
        (IssueKind.Overflow or IssueKind.NaN, SumExpr or ProductExpr or PowerExpr) =>
            $"{Show(Node)} {(Kind == IssueKind.NaN ? "is not a number" : $"overflowed to {(ResultSign < 0 ? "-" : "+")}infinity")} " +
            $"({(Node is SumExpr ? "its terms are" : Node is ProductExpr ? "its factors are" : "base and exponent are")} {string.Join(", ", Arguments.Select(Format))})",
        (IssueKind.Domain, _) => $"{Function} got {FormattedArguments}, outside its domain {DomainDescription}",
        (IssueKind.DivisionByZero, _) => $"division by zero: {Function} got {FormattedArguments} ({DomainDescription})",
        (IssueKind.Overflow, _) when Arguments.Count == 0 => $"{Function} is beyond the range of double precision and overflowed to {(ResultSign < 0 ? "-" : "+")}infinity",
        (IssueKind.Overflow, _) => $"{Function} got {FormattedArguments} and overflowed to {(Arguments.Count > 0 && ResultSign < 0 ? "-" : "+")}infinity",
        _ => $"{Function} got {FormattedArguments} and produced NaN",
    };

    /// <summary>
    /// The explanation in terms of what the user wrote (set by the as-written evaluator, for example
    /// <c>division by zero in x/(y - 1): the divisor y - 1 is 0</c>); it replaces the generic message.
    /// </summary>
    public string? Detail { get; init; }

    /// <summary>The sign of an overflowed result (+1 or −1); 0 when not recorded.</summary>
    public int ResultSign { get; init; }

    /// <summary>The arguments as text: a single number, or a parenthesized list.</summary>
    public string FormattedArguments => Arguments.Count == 1
        ? Format(Arguments[0])
        : "(" + string.Join(", ", Arguments.Select(Format)) + ")";

    /// <inheritdoc />
    public override string ToString() => Message;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A subexpression as the user reads it, shortened when long.</summary>
    private static string Show(Expr e)
    {
        const int Longest = 60;
        var text = Infix.Format(e);
        return text.Length <= Longest ? text : text[..(Longest - 1)] + "…";
    }
}
