using System.Globalization;
using AdVerify.Expressions;

namespace AdVerify.Graphs;

/// <summary>Writes one step of a computation graph in terms of earlier nodes, as in <c>log(v1)</c> or <c>v2 + v3</c>.</summary>
internal static class StepFormatter
{
    /// <summary>A short label for the node's operation.</summary>
    public static string OperationLabel(Expr node) => node switch
    {
        SumExpr => "+",
        ProductExpr p when p.Operands.Count == 2 && p.Operands[0] is NumberExpr { Value.IsInteger: true } n && n.Value == Rational.MinusOne => "neg",
        ProductExpr => "×",
        PowerExpr { Exponent: NumberExpr e } when e.Value == Rational.Half => "sqrt",
        PowerExpr { Exponent: NumberExpr e } when e.Value == Rational.MinusOne => "1/",
        PowerExpr => "^",
        CallExpr c => c.Function.Name,
        _ => node.Kind.ToString(),
    };

    /// <summary>The right-hand side of the step, naming operands by their node ids.</summary>
    /// <param name="node">The operation node.</param>
    /// <param name="nameOf">The id of a drawn node, or null for numbers and constants.</param>
    /// <returns>The text.</returns>
    public static string Format(Expr node, Func<Expr, string?> nameOf)
    {
        string Ref(Expr e) => nameOf(e) ?? Atom(e);
        switch (node)
        {
            case SumExpr s:
                {
                    var text = Ref(s.Operands[0]);
                    foreach (var t in s.Operands.Skip(1))
                    {
                        if (t is NumberExpr n && n.Value.Sign < 0)
                        {
                            text += " - " + Atom(Expr.Number(-n.Value));
                        }
                        else
                        {
                            text += " + " + Ref(t);
                        }
                    }

                    return text;
                }

            case ProductExpr p:
                {
                    if (OperationLabel(p) == "neg")
                    {
                        return "-" + Ref(p.Operands[1]);
                    }

                    return string.Join("·", p.Operands.Select(Ref));
                }

            case PowerExpr pw:
                if (pw.Exponent is NumberExpr e && e.Value == Rational.Half)
                {
                    return $"sqrt({Ref(pw.Base)})";
                }

                if (pw.Exponent is NumberExpr m && m.Value == Rational.MinusOne)
                {
                    return $"1/{Ref(pw.Base)}";
                }

                return $"{Ref(pw.Base)}^{Wrap(Ref(pw.Exponent))}";
            case CallExpr c:
                return $"{c.Function.Name}({string.Join(", ", c.Operands.Select(Ref))})";
            default:
                return Atom(node);
        }
    }

    private static string Wrap(string s) => s.All(ch => char.IsLetterOrDigit(ch) || ch == '_') ? s : "(" + s + ")";

    private static string Atom(Expr e) => e switch
    {
        NumberExpr n => n.Value.IsInteger ? n.Value.ToString() : "(" + n.Value.ToString() + ")",
        ConstantExpr c => c.Name,
        SymbolExpr s => s.Name,
        _ => "(" + e.Kind.ToString().ToLower(CultureInfo.InvariantCulture) + ")",
    };
}
