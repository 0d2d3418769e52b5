using AdVerify.Expressions;

namespace AdVerify.Scalars;

/// <summary>
/// Evaluates an expression DAG with AD numbers: each distinct node once, children first
/// (iterative post-order, so deep expressions cannot overflow the stack). Calls are resolved
/// once per node through the engine's own function table.
/// </summary>
internal static class ExprInterpreter
{
    /// <summary>Evaluates <paramref name="root"/>.</summary>
    /// <typeparam name="TNumber">The engine's number type.</typeparam>
    /// <param name="root">The expression.</param>
    /// <param name="variable">The number for each variable name.</param>
    /// <param name="unary">The engine's one-argument functions.</param>
    /// <param name="binary">The engine's two-argument functions.</param>
    /// <param name="observe">Called with every node and its number right after it is computed (for traces); the number it returns is used from then on.</param>
    /// <returns>The value of the root.</returns>
    public static TNumber Evaluate<TNumber>(
        Expr root,
        Func<string, TNumber> variable,
        Func<FunctionInfo, Func<TNumber, TNumber>> unary,
        Func<FunctionInfo, Func<TNumber, TNumber, TNumber>> binary,
        Func<Expr, TNumber, TNumber>? observe = null)
        where TNumber : IAdScalar<TNumber>
    {
        ArgumentNullException.ThrowIfNull(root);
        var values = new Dictionary<Expr, TNumber>(ReferenceEqualityComparer.Instance);
        foreach (var node in Traversal.PostOrder(root))
        {
            var value = node switch
            {
                NumberExpr n => TNumber.Lift(n.Value.ToDouble()),
                ConstantExpr c => TNumber.Lift(c.Value),
                SymbolExpr s => variable(s.Name),
                SumExpr sum => Fold(sum.Operands, values, static (a, b) => a + b),
                ProductExpr product => Fold(product.Operands, values, static (a, b) => a * b),
                PowerExpr power => Power(values[power.Base], power.Exponent, values[power.Exponent]),
                CallExpr call when call.Function.IsVariadic => TNumber.Apply(call.Function, call.Operands.Select(o => values[o]).ToArray()),
                CallExpr call when call.Function.Arity == 1 => unary(call.Function)(values[call.Operands[0]]),
                CallExpr call => binary(call.Function)(values[call.Operands[0]], values[call.Operands[1]]),
                _ => throw new NotSupportedException($"Unknown expression node {node.GetType().Name}."),
            };
            values[node] = observe is null ? value : observe(node, value);
        }

        return values[root];
    }

    private static TNumber Fold<TNumber>(IReadOnlyList<Expr> operands, Dictionary<Expr, TNumber> values, Func<TNumber, TNumber, TNumber> op)
    {
        var acc = values[operands[0]];
        for (var i = 1; i < operands.Count; i++)
        {
            acc = op(acc, values[operands[i]]);
        }

        return acc;
    }

    private static TNumber Power<TNumber>(TNumber x, Expr exponent, TNumber y)
        where TNumber : IAdScalar<TNumber>
    {
        if (exponent is NumberExpr n)
        {
            var q = n.Value;
            if (q == Rational.Half)
            {
                return TNumber.Sqrt(x);
            }

            if (q == Rational.MinusOne)
            {
                return TNumber.One / x;
            }

            if (q == new Rational(2))
            {
                return x * x;
            }
        }

        return TNumber.Pow(x, y);
    }

    internal static Dictionary<string, int> Indices(IReadOnlyDictionary<string, double> point, IReadOnlyList<string> wrt)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(wrt);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < wrt.Count; i++)
        {
            if (!point.ContainsKey(wrt[i]))
            {
                throw new ArgumentException($"The point has no value for the variable '{wrt[i]}'.", nameof(wrt));
            }

            if (!index.TryAdd(wrt[i], i))
            {
                throw new ArgumentException($"The variable '{wrt[i]}' is listed twice.", nameof(wrt));
            }
        }

        return index;
    }

    internal static double PointValue(IReadOnlyDictionary<string, double> point, string name) =>
        point.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"The point has no value for the variable '{name}'.");
}
