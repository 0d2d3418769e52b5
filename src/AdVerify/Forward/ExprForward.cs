using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Forward;

/// <summary>
/// Differentiates symbolic expressions numerically with the forward engine: the expression DAG
/// is evaluated once per pass with dual numbers, each distinct node once, calls going through
/// <see cref="ForwardRules"/>. Variables not listed in <c>wrt</c> are constants taken from the
/// point; a listed variable the expression does not use gets derivative 0.
/// </summary>
public static class ExprForward
{
    /// <summary>The value of an expression and its gradient with respect to <paramref name="wrt"/>, in one multi-tangent pass.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable of the expression (and of <paramref name="wrt"/>).</param>
    /// <param name="wrt">The variables to differentiate with respect to.</param>
    /// <returns>The value and the gradient (in the order of <paramref name="wrt"/>).</returns>
    /// <exception cref="NotSupportedException">The expression calls a function the forward engine lacks.</exception>
    public static (double Value, double[] Gradient) Gradient(Expr expr, IReadOnlyDictionary<string, double> point, IReadOnlyList<string> wrt)
    {
        var index = ExprInterpreter.Indices(point, wrt);
        using var session = TangentArena.Begin(wrt.Count);
        var seeds = new Dictionary<string, DualVector>(StringComparer.Ordinal);
        foreach (var (name, i) in index)
        {
            seeds[name] = DualVector.Variable(point[name], i);
        }

        var y = ExprInterpreter.Evaluate<DualVector>(expr, name => seeds.TryGetValue(name, out var v) ? v : ExprInterpreter.PointValue(point, name),
            ForwardRules.Unary<DualVector>, ForwardRules.Binary<DualVector>);
        var gradient = new double[wrt.Count];
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = y.TangentAt(i);
        }

        return (y.Value, gradient);
    }

    /// <summary>The value of an expression at a point, evaluated with the forward engine's numbers.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable.</param>
    /// <returns>The value.</returns>
    public static double Evaluate(Expr expr, IReadOnlyDictionary<string, double> point) =>
        ExprInterpreter.Evaluate<Dual<double>>(expr, name => ExprInterpreter.PointValue(point, name),
            ForwardRules.Unary<Dual<double>>, ForwardRules.Binary<Dual<double>>).Value;

    /// <summary>The Hessian of an expression with respect to <paramref name="wrt"/> by forward over forward (nested duals).</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable.</param>
    /// <param name="wrt">The variables to differentiate with respect to.</param>
    /// <returns>The symmetric Hessian (in the order of <paramref name="wrt"/>).</returns>
    public static double[,] Hessian(Expr expr, IReadOnlyDictionary<string, double> point, IReadOnlyList<string> wrt)
    {
        var index = ExprInterpreter.Indices(point, wrt);
        var n = wrt.Count;
        var hessian = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var (a, b) = (i, j);
                var y = ExprInterpreter.Evaluate<Dual<Dual<double>>>(expr, name =>
                    {
                        var x = ExprInterpreter.PointValue(point, name);
                        return index.TryGetValue(name, out var k)
                            ? new(new Dual<double>(x, k == a ? 1 : 0), new Dual<double>(k == b ? 1 : 0, 0))
                            : Dual<Dual<double>>.Lift(x);
                    },
                    ForwardRules.Unary<Dual<Dual<double>>>, ForwardRules.Binary<Dual<Dual<double>>>);
                hessian[i, j] = hessian[j, i] = y.Tangent.Tangent;
            }
        }

        return hessian;
    }
}
