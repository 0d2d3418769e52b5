using System.Numerics;
using AdVerify.Expressions;

namespace AdVerify.Numeric;

/// <summary>
/// Evaluates an expression in complex arithmetic (System.Numerics.Complex), using the
/// analytic continuations in <see cref="ComplexMath"/>. The evaluation stays faithful to the
/// real function: where the real parts of a call's arguments leave the function's real domain,
/// the result is NaN and the offending call is reported. Non-analytic functions are evaluated
/// only at real arguments.
/// </summary>
public static class ComplexEvaluator
{
    /// <summary>Evaluates an expression; NaN when some call leaves its real domain.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="values">A value for every variable of the expression.</param>
    /// <returns>The complex value.</returns>
    public static Complex Evaluate(Expr expr, IReadOnlyDictionary<string, Complex> values) =>
        TryEvaluate(expr, values, out var value, out _) ? value : new Complex(double.NaN, double.NaN);

    /// <summary>Evaluates an expression and explains a failure.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="values">A value for every variable of the expression.</param>
    /// <param name="value">The complex value (NaN on failure).</param>
    /// <param name="problem">On failure, which function or power left its real domain (or has no complex form) and where.</param>
    /// <returns>True when every operation stayed inside its real domain.</returns>
    public static bool TryEvaluate(Expr expr, IReadOnlyDictionary<string, Complex> values, out Complex value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(values);
        var computed = new Dictionary<Expr, Complex>(ReferenceEqualityComparer.Instance);
        value = new Complex(double.NaN, double.NaN);
        problem = null;
        foreach (var node in Traversal.PostOrder(expr))
        {
            Complex v;
            switch (node)
            {
                case NumberExpr n:
                    v = n.Value.ToDouble();
                    break;
                case ConstantExpr c:
                    v = c.Value;
                    break;
                case SymbolExpr s:
                    if (!values.TryGetValue(s.Name, out v))
                    {
                        throw new ArgumentException($"No value given for variable '{s.Name}'.", nameof(values));
                    }

                    break;
                case SumExpr:
                    v = Complex.Zero;
                    foreach (var op in node.Operands)
                    {
                        v += computed[op];
                    }

                    break;
                case ProductExpr:
                    v = Complex.One;
                    foreach (var op in node.Operands)
                    {
                        v *= computed[op];
                    }

                    break;
                case PowerExpr p:
                    if (!TryPower(p, computed[p.Base], computed[p.Exponent], out v, out problem))
                    {
                        return false;
                    }

                    break;
                case CallExpr call:
                    if (!TryCall(call, call.Operands.Select(o => computed[o]).ToArray(), out v, out problem))
                    {
                        return false;
                    }

                    break;
                default:
                    throw new NotSupportedException($"Unknown expression node {node.GetType().Name}.");
            }

            computed[node] = v;
        }

        value = computed[expr];
        return true;
    }

    /// <summary>Tells whether a function has a complex implementation (its registry entry's <see cref="FunctionInfo.ComplexForm"/>) and is analytic.</summary>
    /// <param name="function">The function.</param>
    /// <returns>True when <see cref="TryEvaluate"/> can continue it off the real axis.</returns>
    public static bool HasComplexForm(FunctionInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.SupportsComplexStep;
    }

    /// <summary>The complex extension of an analytic built-in function, or null when it has none.</summary>
    internal static Complex? ApplyFunction(FunctionInfo function, Complex[] args) =>
        function.SupportsComplexStep ? function.ComplexForm!(args) : null;

    private static bool TryPower(PowerExpr p, Complex b, Complex e, out Complex v, out string? problem)
    {
        problem = null;
        if (!Functions.Pow.InDomain(b.Real, e.Real))
        {
            v = new Complex(double.NaN, double.NaN);
            problem = $"{Describe(p)}: base {b.Real:R} with exponent {e.Real:R} is outside the domain {Functions.Pow.DomainDescription}";
            return false;
        }

        if (b.Real == 0 && b.Imaginary == 0)
        {
            var er = e.Real;
            v = er > 0 ? Complex.Zero : er == 0 ? Complex.One : new Complex(double.PositiveInfinity, 0);
            if (e.Imaginary == 0 && er > 0)
            {
                return true;
            }

            problem = $"{Describe(p)}: base 0 with exponent {er:R} is not finite";
            return false;
        }

        if (b.Real == 0 && b.Imaginary != 0 && !(p.Exponent is NumberExpr { Value.IsInteger: true } && p.Exponent is NumberExpr { Value.Sign: > 0 }))
        {
            v = new Complex(double.NaN, double.NaN);
            problem = $"{Describe(p)}: the base is 0, where the power is not differentiable";
            return false;
        }

        if (p.Exponent is NumberExpr n)
        {
            v = ComplexMath.PowRational(b, (double)n.Value.Numerator, (double)n.Value.Denominator);
        }
        else if (e.Imaginary == 0 && double.IsInteger(e.Real) && Math.Abs(e.Real) < 1e15)
        {
            v = ComplexMath.PowInteger(b, (long)e.Real);
        }
        else if (b.Real > 0)
        {
            v = ComplexMath.Pow(b, e);
        }
        else
        {
            v = new Complex(double.NaN, double.NaN);
        }

        if (double.IsNaN(v.Real) || double.IsNaN(v.Imaginary))
        {
            problem = $"{Describe(p)}: base {b.Real:R} with exponent {e.Real:R} has no real value";
            return false;
        }

        return true;
    }

    private static bool TryCall(CallExpr call, Complex[] args, out Complex v, out string? problem)
    {
        problem = null;
        var f = call.Function;
        var real = args.Select(a => a.Real).ToArray();
        if (real.Any(double.IsNaN) || !f.InDomain(real))
        {
            v = new Complex(double.NaN, double.NaN);
            problem = $"{f.Name}({string.Join(", ", real.Select(r => r.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}) is outside its domain {f.DomainDescription}";
            return false;
        }

        if (args.All(a => a.Imaginary == 0))
        {
            v = f.Evaluate(real);
            return true;
        }

        if (!f.SupportsComplexStep)
        {
            v = new Complex(double.NaN, double.NaN);
            problem = f.IsAnalytic ? $"{f.Name} has no complex implementation" : $"{f.Name} is not analytic";
            return false;
        }

        v = f.ComplexForm!(args);
        return true;
    }

    private static string Describe(PowerExpr p) => p.Exponent is NumberExpr n ? $"power with exponent {n.Value}" : "power";
}
