using System.Globalization;
using System.Numerics;

namespace AdVerify.Expressions;

/// <summary>
/// Prints expressions as infix text that <see cref="Infix.Parse"/> reads back to the very same
/// canonical expression: differences as <c>x - y</c>, quotients as <c>x/y</c>, square roots as
/// <c>sqrt(x)</c>, with the fewest parentheses the grammar needs.
/// </summary>
internal sealed class InfixWriter(IReadOnlyDictionary<Expr, string>? names = null) : ExprWriter(names)
{
    /// <inheritdoc />
    protected override string Open => "(";

    /// <inheritdoc />
    protected override string Close => ")";

    /// <summary>Prints a rational: <c>3</c>, <c>-3</c>, <c>3/10</c>, <c>-3/10</c>.</summary>
    /// <param name="value">The number.</param>
    /// <param name="pieces">Receives the text.</param>
    /// <returns>The precedence of the printed form.</returns>
    private static int Number(Rational value, List<Piece> pieces)
    {
        pieces.Add(Text(value.ToString()));
        return value.Sign < 0 ? Precedence.Negation : value.IsInteger ? Precedence.Atom : Precedence.Product;
    }

    private static string Integer(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    protected override int Layout(Expr e, bool negated, List<Piece> pieces)
    {
        switch (e)
        {
            case NumberExpr n:
                return Number(negated ? -n.Value : n.Value, pieces);
            case ConstantExpr c:
                pieces.Add(Text(c.Name));
                return Precedence.Atom;
            case SymbolExpr s:
                pieces.Add(Text(s.Name));
                return Precedence.Atom;
            case CallExpr call:
                pieces.Add(Text(call.Function.Name + "("));
                for (var i = 0; i < call.Operands.Count; i++)
                {
                    if (i > 0)
                    {
                        pieces.Add(Text(", "));
                    }

                    pieces.Add(Child(call.Operands[i], Precedence.None));
                }

                pieces.Add(Text(")"));
                return Precedence.Atom;
            case PowerExpr p when !Quotient.Applies(p):
                return Power(p.Base, p.Exponent, pieces);
            default:
                return LayoutFraction(Fraction(e, negated), pieces);
        }
    }

    private static int Power(Expr b, Expr exponent, List<Piece> pieces)
    {
        if (exponent is NumberExpr { Value: var k } && k == Rational.Half)
        {
            pieces.Add(Text("sqrt("));
            pieces.Add(Child(b, Precedence.None));
            pieces.Add(Text(")"));
            return Precedence.Atom;
        }

        pieces.Add(Child(b, Precedence.Atom));
        pieces.Add(Text("^"));
        pieces.Add(Child(exponent, Precedence.Power));
        return Precedence.Power;
    }

    private static int LayoutFraction(Quotient q, List<Piece> pieces)
    {
        if (q.Negative)
        {
            pieces.Add(Text("-"));
        }

        // A leading unary minus directly before a parenthesised sum would distribute over it
        // when read back, so write the coefficient 1 explicitly then: -1*(x + 1)*y.
        var writeCoefficient = !q.NumeratorCoefficient.IsOne
            || q.Numerator.Count == 0
            || (q.Negative && q.Numerator[0] is SumExpr);
        var items = 0;
        if (writeCoefficient)
        {
            pieces.Add(Text(Integer(q.NumeratorCoefficient)));
            items++;
        }

        foreach (var f in q.Numerator)
        {
            if (items++ > 0)
            {
                pieces.Add(Text("*"));
            }

            pieces.Add(Child(f, Precedence.Power));
        }

        var denominatorItems = q.Denominator.Count + (q.DenominatorCoefficient.IsOne ? 0 : 1);
        if (denominatorItems == 0)
        {
            return q.Negative ? Precedence.Negation : items == 1 ? Precedence.Power : Precedence.Product;
        }

        // A bracketed denominator is read back as one product, which would distribute a
        // coefficient over a lone sum (2*(x + 1)) or collapse around a zero (2*0): divide by
        // each item in turn then, as in x/2/(x + 1).
        var separate = q.Denominator.Any(f => f is NumberExpr) || (!q.DenominatorCoefficient.IsOne && q.Denominator is [SumExpr]);
        var group = denominatorItems > 1 && !separate;
        pieces.Add(Text(group ? "/(" : "/"));
        var count = 0;
        if (!q.DenominatorCoefficient.IsOne)
        {
            pieces.Add(Text(Integer(q.DenominatorCoefficient)));
            count++;
        }

        foreach (var f in q.Denominator)
        {
            if (count++ > 0)
            {
                pieces.Add(Text(group ? "*" : "/"));
            }

            pieces.Add(Child(f, Precedence.Power));
        }

        if (group)
        {
            pieces.Add(Text(")"));
        }

        return q.Negative ? Precedence.Negation : Precedence.Product;
    }
}
