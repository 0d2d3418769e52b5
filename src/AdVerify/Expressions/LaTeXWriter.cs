using System.Globalization;
using System.Numerics;
using System.Text;

namespace AdVerify.Expressions;

/// <summary>
/// Prints expressions as LaTeX math: <c>\frac</c> for quotients, <c>\sqrt</c> for roots,
/// <c>e^{x}</c> for exponentials, the registry's LaTeX form for other calls, and Greek or
/// subscripted variable names.
/// </summary>
internal sealed class LaTeXWriter : ExprWriter
{
    private static readonly HashSet<string> Greek = new(StringComparer.Ordinal)
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
        "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "varrho", "sigma", "varsigma", "tau",
        "upsilon", "phi", "varphi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    };

    /// <summary>Creates a LaTeX writer.</summary>
    public LaTeXWriter()
        : base(null)
    {
    }

    /// <inheritdoc />
    protected override string Open => @"\left(";

    /// <inheritdoc />
    protected override string Close => @"\right)";

    /// <summary>The LaTeX form of a variable name: <c>alpha</c> → <c>\alpha</c>, <c>x_1</c> → <c>x_{1}</c>, <c>rate</c> → <c>\mathrm{rate}</c>.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>The LaTeX text.</returns>
    public static string Name(string name)
    {
        var parts = name.Split('_');
        if (parts.Any(p => p.Length == 0))
        {
            return @"\mathrm{" + name.Replace("_", @"\_", StringComparison.Ordinal) + "}";
        }

        var text = new StringBuilder(NamePart(parts[0]));
        for (var i = 1; i < parts.Length; i++)
        {
            text.Append("_{").Append(NamePart(parts[i]));
        }

        text.Append('}', parts.Length - 1);
        return text.ToString();
    }

    private static string NamePart(string part) =>
        Greek.Contains(part) ? @"\" + part
        : part.Length == 1 || part.All(char.IsAsciiDigit) ? part
        : @"\mathrm{" + part + "}";

    /// <inheritdoc />
    protected override int Layout(Expr e, bool negated, List<Piece> pieces)
    {
        switch (e)
        {
            case NumberExpr n:
                return Number(negated ? -n.Value : n.Value, pieces);
            case ConstantExpr c:
                pieces.Add(Text(c.Name == "pi" ? @"\pi" : c.Name));
                return Precedence.Atom;
            case SymbolExpr s:
                pieces.Add(Text(Name(s.Name)));
                return Precedence.Atom;
            case CallExpr call:
                return Call(call, pieces);
            case PowerExpr p when !Quotient.Applies(p):
                return Power(p.Base, p.Exponent, pieces);
            default:
                return LayoutFraction(Fraction(e, negated), pieces);
        }
    }

    private static int Number(Rational value, List<Piece> pieces)
    {
        var sign = value.Sign < 0 ? "-" : string.Empty;
        var numerator = Integer(BigInteger.Abs(value.Numerator));
        pieces.Add(Text(value.IsInteger ? sign + numerator : $@"{sign}\frac{{{numerator}}}{{{Integer(value.Denominator)}}}"));
        return value.Sign < 0 ? Precedence.Negation : value.IsInteger ? Precedence.Atom : Precedence.Product;
    }

    private static string Integer(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Call(CallExpr call, List<Piece> pieces)
    {
        var latex = call.Function.LaTeX;
        var args = call.Operands;
        if (ReferenceEquals(call.Function, Functions.Exp))
        {
            pieces.Add(Text("e^{"));
            pieces.Add(Child(args[0], Precedence.None));
            pieces.Add(Text("}"));
            return Precedence.Power;
        }

        if (latex.Contains("#1", StringComparison.Ordinal))
        {
            // A template with numbered holes: log_{#1}(#2), J_{#1}(#2), ψ^{(#1)}(#2).
            var rest = latex;
            for (var i = 0; i < args.Count; i++)
            {
                var mark = "#" + (i + 1).ToString(CultureInfo.InvariantCulture);
                var at = rest.IndexOf(mark, StringComparison.Ordinal);
                pieces.Add(Text(rest[..at]));
                pieces.Add(Child(args[i], Precedence.None));
                rest = rest[(at + mark.Length)..];
            }

            pieces.Add(Text(rest));
            return Precedence.Atom;
        }

        var hole = latex.IndexOf('#', StringComparison.Ordinal);
        if (hole >= 0 && args.Count == 1)
        {
            pieces.Add(Text(latex[..hole]));
            pieces.Add(Child(args[0], Precedence.None));
            pieces.Add(Text(latex[(hole + 1)..]));
            return Precedence.Atom;
        }

        if (latex.StartsWith(@"\sqrt", StringComparison.Ordinal) && args.Count == 1)
        {
            pieces.Add(Text(latex + "{"));
            pieces.Add(Child(args[0], Precedence.None));
            pieces.Add(Text("}"));
            return Precedence.Atom;
        }

        pieces.Add(Text(latex + @"\left("));
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                pieces.Add(Text(", "));
            }

            pieces.Add(Child(args[i], Precedence.None));
        }

        pieces.Add(Text(@"\right)"));
        return Precedence.Atom;
    }

    /// <summary>Lays out base^k for a numeric k, writing roots for k = 1/n.</summary>
    private static int Power(Expr b, Expr exponent, List<Piece> pieces)
    {
        if (exponent is NumberExpr { Value: var k } && k.Numerator.IsOne && k.Denominator > 1 && k.Denominator < 1000)
        {
            pieces.Add(Text(k.Denominator == 2 ? @"\sqrt{" : $@"\sqrt[{Integer(k.Denominator)}]{{"));
            pieces.Add(Child(b, Precedence.None));
            pieces.Add(Text("}"));
            return Precedence.Atom;
        }

        pieces.Add(Child(b, Precedence.Atom));
        pieces.Add(Text("^{"));
        pieces.Add(Child(exponent, Precedence.None));
        pieces.Add(Text("}"));
        return Precedence.Power;
    }

    private static bool StartsWithDigit(Expr factor) =>
        factor is NumberExpr || (factor is PowerExpr { Base: NumberExpr { Value.Sign: >= 0, Value.IsInteger: true } } p
            && !(p.Exponent is NumberExpr { Value: var k } && k.Numerator.IsOne && !k.IsInteger));

    private static void Factors(BigInteger coefficient, IReadOnlyList<Expr> factors, List<Piece> pieces)
    {
        var count = 0;
        if (!coefficient.IsOne || factors.Count == 0)
        {
            pieces.Add(Text(Integer(coefficient)));
            count++;
        }

        foreach (var f in factors)
        {
            if (count++ > 0)
            {
                pieces.Add(Text(StartsWithDigit(f) ? @" \cdot " : " "));
            }

            pieces.Add(Child(f, Precedence.Power));
        }
    }

    private int LayoutFraction(Quotient q, List<Piece> pieces)
    {
        if (q.Negative)
        {
            pieces.Add(Text("-"));
        }

        if (q.IsWhole)
        {
            Factors(q.NumeratorCoefficient, q.Numerator, pieces);
            var single = q.Numerator.Count + (q.NumeratorCoefficient.IsOne ? 0 : 1) == 1;
            return q.Negative ? Precedence.Negation : single ? Precedence.Power : Precedence.Product;
        }

        pieces.Add(Text(@"\frac{"));
        Factors(q.NumeratorCoefficient, q.Numerator, pieces);
        pieces.Add(Text("}{"));
        Factors(q.DenominatorCoefficient, q.Denominator, pieces);
        pieces.Add(Text("}"));
        return q.Negative ? Precedence.Negation : Precedence.Product;
    }
}
