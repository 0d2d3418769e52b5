using System.Text;
using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>
/// A truncated Taylor series Σⱼ cⱼ (x − a)ʲ of an expression about a point, with exact symbolic
/// coefficients cⱼ = f⁽ʲ⁾(a)/j! (see <see cref="Calculus.Taylor(Expr, string, Expr, int)"/>). <see cref="Polynomial"/> is
/// the canonical sum; <see cref="ToLaTeX"/> and <see cref="ToString"/> write the terms in
/// ascending powers with the order term, as a textbook does.
/// </summary>
public sealed class TaylorSeries
{
    internal TaylorSeries(Expr function, string variable, Expr at, IReadOnlyList<Expr> coefficients)
    {
        Function = function;
        Variable = variable;
        At = at;
        Coefficients = coefficients;
        var shift = Expr.Symbol(variable) - at;
        Polynomial = Expr.Add(coefficients.Select((c, j) => c * Expr.Pow(shift, j)).ToArray());
    }

    /// <summary>The expanded expression.</summary>
    public Expr Function { get; }

    /// <summary>The variable of the expansion.</summary>
    public string Variable { get; }

    /// <summary>The point a of the expansion.</summary>
    public Expr At { get; }

    /// <summary>The order n: the highest power kept.</summary>
    public int Order => Coefficients.Count - 1;

    /// <summary>The coefficients c₀ … cₙ, exact where the derivatives at the point are.</summary>
    public IReadOnlyList<Expr> Coefficients { get; }

    /// <summary>The Taylor polynomial Σⱼ cⱼ (x − a)ʲ as one canonical expression.</summary>
    public Expr Polynomial { get; }

    /// <summary>The series in LaTeX, ascending powers, ending with <c>+ \mathcal{O}\left((x - a)^{n+1}\right)</c>.</summary>
    /// <returns>The LaTeX text.</returns>
    public string ToLaTeX() => Write(LaTeX.Format, shift => $@"\left({shift}\right)", p => $"^{{{p}}}", rest => $@" + \mathcal{{O}}\left({rest}\right)");

    /// <summary>The series as infix text, ascending powers, ending with <c>+ O((x - a)^(n+1))</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Write(Infix.Format, shift => $"({shift})", p => $"^{p}", rest => $" + O({rest})");

    private string Write(Func<Expr, string> format, Func<string, string> group, Func<int, string> power, Func<string, string> orderTerm)
    {
        var shiftExpr = Expr.Symbol(Variable) - At;
        var shift = ReferenceEquals(At, Expr.Zero) ? Variable : group(format(shiftExpr));
        var text = new StringBuilder();
        for (var j = 0; j < Coefficients.Count; j++)
        {
            var c = Coefficients[j];
            if (ReferenceEquals(c, Expr.Zero))
            {
                continue;
            }

            var monomial = j == 0 ? "" : j == 1 ? shift : shift + power(j);
            var negative = c is NumberExpr { Value.Sign: < 0 } || (c is ProductExpr && c.Operands[0] is NumberExpr { Value.Sign: < 0 });
            var magnitude = negative ? Expr.Negate(c) : c;
            var coefficient = j > 0 && ReferenceEquals(magnitude, Expr.One) ? "" : Parenthesize(format(magnitude), magnitude, j > 0, format == (Func<Expr, string>)LaTeX.Format);
            var sep = text.Length == 0 ? (negative ? "-" : "") : negative ? " - " : " + ";
            var joiner = coefficient.Length > 0 && monomial.Length > 0 ? (format == (Func<Expr, string>)LaTeX.Format ? " " : "*") : "";
            text.Append(sep).Append(coefficient).Append(joiner).Append(monomial);
        }

        var next = Coefficients.Count;
        var order = orderTerm(shift + power(next));
        return (text.Length == 0 ? "0" : text.ToString()) + order;
    }

    private static string Parenthesize(string text, Expr e, bool multiplied, bool latex) =>
        multiplied && e is SumExpr ? (latex ? $@"\left({text}\right)" : $"({text})") : text;
}
