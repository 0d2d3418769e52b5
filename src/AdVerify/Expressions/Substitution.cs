namespace AdVerify.Expressions;

/// <summary>
/// Replaces variables of an expression by expressions, all at once (so <c>x → y, y → x</c>
/// swaps). The DAG is rebuilt children first without recursion through the simplifying
/// factories, so the result is canonical and shared nodes are rebuilt once.
/// </summary>
internal static class Substitution
{
    public static Expr Replace(Expr expr, IReadOnlyDictionary<string, Expr> map)
    {
        var rebuilt = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        foreach (var node in Traversal.PostOrder(expr))
        {
            rebuilt[node] = node switch
            {
                SymbolExpr s => map.TryGetValue(s.Name, out var r) ? r : s,
                NumberExpr or ConstantExpr => node,
                SumExpr => Expr.Add(node.Operands.Select(o => rebuilt[o]).ToArray()),
                ProductExpr => Expr.Multiply(node.Operands.Select(o => rebuilt[o]).ToArray()),
                PowerExpr p => Expr.Pow(rebuilt[p.Base], rebuilt[p.Exponent]),
                CallExpr c => Expr.Call(c.Function, c.Operands.Select(o => rebuilt[o]).ToArray()),
                _ => throw new InvalidOperationException($"Unknown expression kind {node.Kind}."),
            };
        }

        return rebuilt[expr];
    }
}
