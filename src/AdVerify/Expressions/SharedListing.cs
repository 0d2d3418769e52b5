namespace AdVerify.Expressions;

/// <summary>
/// Prints an expression DAG as a let-style listing in which every compound node used more
/// than once becomes a named temporary, so the text stays proportional to the DAG size.
/// </summary>
internal static class SharedListing
{
    /// <summary>Writes the listing <c>v1 = …; v2 = …; result = …</c>.</summary>
    /// <param name="root">The expression.</param>
    /// <returns>The listing.</returns>
    public static string Write(Expr root)
    {
        var order = Traversal.PostOrder(root);
        var uses = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in order)
        {
            foreach (var operand in node.Operands)
            {
                uses[operand] = uses.GetValueOrDefault(operand) + 1;
            }
        }

        var taken = new HashSet<string>(Traversal.Variables(root), StringComparer.Ordinal);
        var names = new Dictionary<Expr, string>(ReferenceEqualityComparer.Instance);
        var next = 1;
        foreach (var node in order)
        {
            if (node is CompoundExpr && uses.GetValueOrDefault(node) > 1)
            {
                string name;
                do
                {
                    name = "v" + next++;
                }
                while (taken.Contains(name));

                names[node] = name;
            }
        }

        var writer = new InfixWriter(names);
        var lines = new List<string>(names.Count + 1);
        foreach (var node in order)
        {
            if (names.TryGetValue(node, out var name))
            {
                lines.Add(name + " = " + writer.Write(node));
            }
        }

        lines.Add("result = " + (names.TryGetValue(root, out var rootName) ? rootName : writer.Write(root)));
        return string.Join("; ", lines);
    }
}
