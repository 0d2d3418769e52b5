using System.Numerics;
using AdVerify.Expressions;

namespace AdVerify.Numeric;

/// <summary>
/// The complex-step derivative f′(x) ≈ Im f(x + ih)/h with h = 1e-20: no subtraction, so no
/// cancellation, and the O(h²) truncation is far below rounding. It needs no rule table, only
/// evaluation of the expression in complex arithmetic, and applies only when every function
/// on the path from the variable to the result is analytic.
/// </summary>
public static class ComplexStep
{
    /// <summary>The imaginary step.</summary>
    public const double Step = 1e-20;

    /// <summary>The smallest step used; below it the step would be subnormal and lose precision.</summary>
    public const double MinimumStep = 1e-290;

    private static double Imaginary(Expr expr, Dictionary<string, Complex> baseValues, string name, double x, double h, out string? problem)
    {
        var values = new Dictionary<string, Complex>(baseValues, StringComparer.Ordinal) { [name] = new Complex(x, h) };
        return ComplexEvaluator.TryEvaluate(expr, values, out var fz, out problem) && double.IsFinite(fz.Imaginary)
            ? fz.Imaginary / h
            : double.NaN;
    }

    /// <summary>The gradient of an expression by complex steps.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable of the expression.</param>
    /// <param name="wrt">The variables to differentiate by; all variables of the expression when null.</param>
    /// <returns>The derivatives, and for variables where the method does not apply, the reason.</returns>
    public static ComplexStepResult Gradient(Expr expr, IReadOnlyDictionary<string, double> point, IReadOnlyList<string>? wrt = null)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(point);
        var variables = wrt ?? expr.Variables;
        var baseValues = point.ToDictionary(kv => kv.Key, kv => new Complex(kv.Value, 0), StringComparer.Ordinal);
        var value = ComplexEvaluator.TryEvaluate(expr, baseValues, out var v0, out var baseProblem) ? v0.Real : double.NaN;
        var gradient = new Dictionary<string, double>(StringComparer.Ordinal);
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in variables)
        {
            if (baseProblem is not null)
            {
                refused[name] = baseProblem;
                continue;
            }

            if (NotApplicableReason(expr, name) is { } reason)
            {
                refused[name] = reason;
                continue;
            }

            if (!point.TryGetValue(name, out var x))
            {
                throw new ArgumentException($"No value given for variable '{name}'.", nameof(point));
            }

            // The step must be tiny relative to the coordinate (log at 1e-300 needs h far below 1e-300),
            // and a second, far smaller step guards against truncation near an inner singularity.
            var scale = x == 0 ? 1 : Math.Min(Math.Abs(x), 1);
            var h1 = Step * scale;
            if (h1 < MinimumStep)
            {
                refused[name] = $"{name} = {x:R} is too close to 0 for a complex step (the step would underflow)";
                continue;
            }

            var d1 = Imaginary(expr, baseValues, name, x, h1, out var problem);
            var h2 = h1 * Step;
            var d2 = h2 >= MinimumStep ? Imaginary(expr, baseValues, name, x, h2, out _) : d1;
            if (double.IsNaN(d1) || double.IsNaN(d2))
            {
                refused[name] = problem ?? "the complex evaluation overflowed";
            }
            else if (Math.Abs(d1 - d2) > 1e-12 * Math.Max(Math.Abs(d1), Math.Abs(d2)))
            {
                refused[name] = $"the complex-step derivative for {name} depends on the step ({d1:R} with h = {h1:G3}, {d2:R} with h = {h2:G3}): the point is too close to a singularity";
            }
            else
            {
                gradient[name] = d2;
            }
        }

        return new ComplexStepResult(value, gradient, refused);
    }

    /// <summary>The complex-step derivative of a function the caller already extends to complex arguments.</summary>
    /// <param name="f">The function; it must be analytic near x and real on the real axis.</param>
    /// <param name="x">The point.</param>
    /// <returns>Im f(x + ih)/h.</returns>
    public static double Derivative(Func<Complex, Complex> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(new Complex(x, Step)).Imaginary / Step;
    }

    /// <summary>
    /// Why the complex step does not apply to the derivative by <paramref name="variable"/>: a
    /// non-analytic function (abs, sign, min, max, …) or a function without a complex form whose
    /// arguments depend on the variable. Null when it applies.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variable">The variable.</param>
    /// <returns>The reason, or null.</returns>
    public static string? NotApplicableReason(Expr expr, string variable)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var depends = new Dictionary<Expr, bool>(ReferenceEqualityComparer.Instance);
        foreach (var node in Traversal.PostOrder(expr))
        {
            var d = node is SymbolExpr s ? s.Name == variable : node.Operands.Any(o => depends[o]);
            depends[node] = d;
            if (d && node is CallExpr call && node.Operands.Any(o => depends[o]))
            {
                if (!call.Function.IsBuiltIn)
                {
                    return $"{call.Function.Name} is a user-defined primitive: it is not known to be analytic and has no complex extension, so the complex step does not apply";
                }

                if (!call.Function.IsAnalytic)
                {
                    return $"{call.Function.Name} is not analytic (it has a kink or jump), so the complex step does not apply";
                }

                if (!ComplexEvaluator.HasComplexForm(call.Function))
                {
                    return $"{call.Function.Name} has no complex implementation";
                }
            }
        }

        return null;
    }
}
