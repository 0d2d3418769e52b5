using System.Numerics;
using AdVerify.Expressions;

namespace AdVerify.Numeric;

/// <summary>Ready-made domain predicates for <see cref="FiniteDifferenceOptions.Domain"/>.</summary>
public static class Domains
{
    /// <summary>A box of per-coordinate admissible intervals.</summary>
    /// <param name="lower">Lower bounds (use −∞ for none).</param>
    /// <param name="upper">Upper bounds (use +∞ for none).</param>
    /// <param name="open">True for open intervals (bounds excluded), false for closed ones.</param>
    /// <returns>A predicate that is true inside the box.</returns>
    public static Func<double[], bool> Box(IReadOnlyList<double> lower, IReadOnlyList<double> upper, bool open = false)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        var lo = lower.ToArray();
        var hi = upper.ToArray();
        return p =>
        {
            for (var i = 0; i < p.Length && i < lo.Length; i++)
            {
                var inside = open ? p[i] > lo[i] && p[i] < hi[i] : p[i] >= lo[i] && p[i] <= hi[i];
                if (!inside)
                {
                    return false;
                }
            }

            return true;
        };
    }

    /// <summary>
    /// The real domain of an expression: true where every call and power in it receives
    /// arguments inside its registered domain (<see cref="FunctionInfo.InDomain"/>), checked by
    /// evaluating the expression at the (real) point.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variables">The variable names, in the order of the coordinate vector.</param>
    /// <returns>The predicate.</returns>
    public static Func<double[], bool> OfExpression(Expr expr, IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(variables);
        var names = variables.ToArray();
        return p =>
        {
            var values = new Dictionary<string, Complex>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                values[names[i]] = p[i];
            }

            return ComplexEvaluator.TryEvaluate(expr, values, out var v, out _) && double.IsFinite(v.Real);
        };
    }
}
