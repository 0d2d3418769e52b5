namespace AdVerify.Expressions;

/// <summary>Iterative (stack-safe) walks over expression DAGs, visiting each distinct node once.</summary>
public static class Traversal
{
    /// <summary>The distinct nodes of an expression in post-order (operands before the node that uses them).</summary>
    /// <param name="root">The expression.</param>
    /// <returns>Every distinct node once, children first; the root is last.</returns>
    public static IReadOnlyList<Expr> PostOrder(Expr root)
    {
        var order = new List<Expr>();
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Expr Node, int Next)>();
        stack.Push((root, 0));
        seen.Add(root);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var ops = node.Operands;
            if (next < ops.Count)
            {
                stack.Push((node, next + 1));
                var child = ops[next];
                if (seen.Add(child))
                {
                    stack.Push((child, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }

        return order;
    }

    /// <summary>The variable names an expression depends on, sorted ordinally.</summary>
    /// <param name="root">The expression.</param>
    /// <returns>The sorted names.</returns>
    public static IReadOnlyList<string> Variables(Expr root) =>
        PostOrder(root).OfType<SymbolExpr>().Select(s => s.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>The number of distinct nodes.</summary>
    /// <param name="root">The expression.</param>
    /// <returns>The DAG size.</returns>
    public static int DagSize(Expr root) => PostOrder(root).Count;

    /// <summary>The number of nodes the expression would have written out as a tree.</summary>
    /// <param name="root">The expression.</param>
    /// <returns>The tree size (a double, since it can grow exponentially in the DAG size).</returns>
    public static double TreeSize(Expr root)
    {
        var size = new Dictionary<Expr, double>(ReferenceEqualityComparer.Instance);
        foreach (var node in PostOrder(root))
        {
            double s = 1;
            foreach (var op in node.Operands)
            {
                s += size[op];
            }

            size[node] = s;
        }

        return size[root];
    }

    /// <summary>The height of the expression (an atom has depth 1).</summary>
    /// <param name="root">The expression.</param>
    /// <returns>The depth.</returns>
    public static int Depth(Expr root)
    {
        var depth = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in PostOrder(root))
        {
            var d = 0;
            foreach (var op in node.Operands)
            {
                d = Math.Max(d, depth[op]);
            }

            depth[node] = d + 1;
        }

        return depth[root];
    }

    /// <summary>True when the expression contains the given variable.</summary>
    /// <param name="root">The expression.</param>
    /// <param name="variable">The variable name.</param>
    /// <returns>True when it occurs.</returns>
    public static bool DependsOn(Expr root, string variable) =>
        PostOrder(root).Any(n => n is SymbolExpr s && s.Name == variable);
}
