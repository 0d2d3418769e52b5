using System.Runtime.CompilerServices;

namespace AdVerify.Expressions;

/// <summary>
/// The canonical total order on expressions used to sort the operands of sums, products and
/// symmetric calls, so that equal expressions are built — and printed — identically. It
/// follows the usual computer-algebra convention: numbers first, then symbols by name, and
/// compound expressions compared by their most significant operands, so that
/// <c>x &lt; x^2 &lt; x^3</c> and <c>x &lt; x·y</c>.
/// </summary>
public sealed class ExprOrder : IComparer<Expr>
{
    /// <summary>The single instance.</summary>
    public static readonly ExprOrder Instance = new();

    private ExprOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(Expr? u, Expr? v)
    {
        if (ReferenceEquals(u, v))
        {
            return 0;
        }

        if (u is null)
        {
            return -1;
        }

        if (v is null)
        {
            return 1;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        var ru = Rank(u.Kind);
        var rv = Rank(v.Kind);
        if (ru < rv)
        {
            return -MixedCompare(v, u);
        }

        if (ru > rv)
        {
            return MixedCompare(u, v);
        }

        return SameKind(u, v);
    }

    // Rank of kinds for the mixed comparison: numbers < atoms < calls < powers < products < sums.
    private static int Rank(ExprKind kind) => kind switch
    {
        ExprKind.Number => 0,
        ExprKind.Constant => 1,
        ExprKind.Symbol => 1,
        ExprKind.Call => 2,
        ExprKind.Power => 3,
        ExprKind.Product => 4,
        ExprKind.Sum => 5,
        _ => 6,
    };

    private int SameKind(Expr u, Expr v)
    {
        switch (u)
        {
            case NumberExpr a:
                return a.Value.CompareTo(((NumberExpr)v).Value);
            case ConstantExpr or SymbolExpr:
                {
                    // Constants before variables, then by name.
                    var cu = u is ConstantExpr ? 0 : 1;
                    var cv = v is ConstantExpr ? 0 : 1;
                    if (cu != cv)
                    {
                        return cu.CompareTo(cv);
                    }

                    return string.CompareOrdinal(NameOf(u), NameOf(v));
                }

            case CallExpr cu2:
                {
                    var cv2 = (CallExpr)v;
                    var byName = string.CompareOrdinal(cu2.Function.Name, cv2.Function.Name);
                    if (byName != 0)
                    {
                        return byName;
                    }

                    // Heights first: nested calls then compare in constant time instead of walking the nesting.
                    var byHeight = cu2.Height.CompareTo(cv2.Height);
                    return byHeight != 0 ? byHeight : CompareForward(cu2.Operands, cv2.Operands);
                }

            case PowerExpr pu:
                {
                    var pv = (PowerExpr)v;
                    var byBase = Compare(pu.Base, pv.Base);
                    return byBase != 0 ? byBase : Compare(pu.Exponent, pv.Exponent);
                }

            default:
                // Sums and products: compare from the most significant (last) operand.
                return CompareBackward(u.Operands, v.Operands);
        }
    }

    private static string NameOf(Expr e) => e is SymbolExpr s ? s.Name : ((ConstantExpr)e).Name;

    // u has the higher rank.
    private int MixedCompare(Expr u, Expr v)
    {
        if (v is NumberExpr)
        {
            return 1;
        }

        switch (u)
        {
            case SumExpr or ProductExpr:
                {
                    var c = CompareBackward(u.Operands, [v]);
                    return c != 0 ? c : 1;
                }

            case PowerExpr p:
                {
                    var c = Compare(p.Base, v);
                    return c != 0 ? c : Compare(p.Exponent, Expr.One);
                }

            case CallExpr:
                // A call sorts after the atoms it is compared with: x < sin(x).
                return 1;
            default:
                return 1;
        }
    }

    private int CompareBackward(IReadOnlyList<Expr> a, IReadOnlyList<Expr> b)
    {
        int i = a.Count - 1, j = b.Count - 1;
        while (i >= 0 && j >= 0)
        {
            var c = Compare(a[i], b[j]);
            if (c != 0)
            {
                return c;
            }

            i--;
            j--;
        }

        return a.Count.CompareTo(b.Count);
    }

    private int CompareForward(IReadOnlyList<Expr> a, IReadOnlyList<Expr> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }
}
