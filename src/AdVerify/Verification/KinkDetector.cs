using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Verification;

/// <summary>
/// Finds the non-smooth pieces of an expression that sit exactly on their kink at a point: a
/// call whose arguments are on one of its registry entry's <see cref="FunctionInfo.Kinks"/>
/// (abs or cbrt of 0, sign of 0, min or max of equal arguments, hypot at the origin, asin or
/// acos at ±1, acosh at 1, atan2 on its branch cut) or a fractional power of 0. Only such
/// points are handed to the (more expensive) numeric smoothness classifier.
/// </summary>
internal static class KinkDetector
{
    public static IReadOnlyList<string> Suspects(Expr expr, IReadOnlyDictionary<string, double> point)
    {
        var values = Evaluation.EvaluateNodes(expr, point);
        var found = new List<string>();
        foreach (var node in Traversal.PostOrder(expr))
        {
            var reason = Reason(node, values);
            if (reason is not null && !found.Contains(reason))
            {
                found.Add(reason);
            }
        }

        return found;
    }

    /// <summary>
    /// A power with a negative base and a non-constant exponent is real only where the exponent
    /// is an integer: at such a point the function has a value but no derivative (it is undefined
    /// all around). Returns the reason, or null.
    /// </summary>
    public static string? UndefinedDerivative(Expr expr, IReadOnlyDictionary<string, double> point)
    {
        var values = Evaluation.EvaluateNodes(expr, point);
        foreach (var node in Traversal.PostOrder(expr))
        {
            if (node is PowerExpr p && p.Exponent is not NumberExpr && values[p.Base] < 0)
            {
                return $"{Infix.Format(p)} has the negative base {PointVerifier.Format(values[p.Base])} and the non-constant exponent " +
                       $"{PointVerifier.Format(values[p.Exponent])}: it is real only where the exponent is an integer, so it has no derivative here";
            }
        }

        return null;
    }

    private static string? Reason(Expr node, IReadOnlyDictionary<Expr, double> values)
    {
        switch (node)
        {
            case CallExpr c:
                {
                    // Where a function has kinks is knowledge of its registry entry (FunctionInfo.Kinks).
                    var args = c.Operands.Select(o => values[o]).ToArray();
                    foreach (var kink in c.Function.Kinks)
                    {
                        if (kink.IsAt(args))
                        {
                            return $"{c.Function.Name}({string.Join(", ", c.Operands.Select(Infix.Format))}) {kink.Describe(args)}";
                        }
                    }

                    return null;
                }

            case PowerExpr p when values[p.Base] == 0:
                {
                    if (p.Exponent is NumberExpr e && e.Value.IsInteger && e.Value.Sign > 0)
                    {
                        return null;
                    }

                    return $"{Infix.Format(p)} has base 0";
                }

            default:
                return null;
        }
    }
}
