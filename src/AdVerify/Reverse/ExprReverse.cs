using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Reverse;

/// <summary>
/// Differentiates symbolic expressions numerically with the reverse engine: the expression DAG
/// is evaluated once with <see cref="Var{T}"/> numbers (each distinct node once, calls going
/// through <see cref="ReverseRules"/>) and one backward sweep gives the whole gradient.
/// Variables not listed in <c>wrt</c> are constants taken from the point; a listed variable the
/// expression does not use gets derivative 0.
/// </summary>
public static class ExprReverse
{
    /// <summary>The value of an expression and its gradient with respect to <paramref name="wrt"/>.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable of the expression (and of <paramref name="wrt"/>).</param>
    /// <param name="wrt">The variables to differentiate with respect to.</param>
    /// <returns>The value and the gradient (in the order of <paramref name="wrt"/>).</returns>
    /// <exception cref="NotSupportedException">The expression calls a function the reverse engine lacks.</exception>
    public static (double Value, double[] Gradient) Gradient(Expr expr, IReadOnlyDictionary<string, double> point, IReadOnlyList<string> wrt)
    {
        var index = ExprInterpreter.Indices(point, wrt);
        return ReverseMode.Gradient(x => Evaluate(expr, point, index, x), wrt.Select(name => point[name]).ToArray());
    }

    /// <summary>The Hessian of an expression with respect to <paramref name="wrt"/> by forward over reverse.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable.</param>
    /// <param name="wrt">The variables to differentiate with respect to.</param>
    /// <returns>The Hessian (in the order of <paramref name="wrt"/>).</returns>
    public static double[,] Hessian(Expr expr, IReadOnlyDictionary<string, double> point, IReadOnlyList<string> wrt)
    {
        var index = ExprInterpreter.Indices(point, wrt);
        return ReverseMode.Hessian(x => Evaluate(expr, point, index, x), wrt.Select(name => point[name]).ToArray());
    }

    private static Var<T> Evaluate<T>(Expr expr, IReadOnlyDictionary<string, double> point, Dictionary<string, int> index, Var<T>[] inputs)
        where T : System.Numerics.INumber<T>, System.Numerics.ITrigonometricFunctions<T>, System.Numerics.IHyperbolicFunctions<T>,
            System.Numerics.IExponentialFunctions<T>, System.Numerics.ILogarithmicFunctions<T>, System.Numerics.IPowerFunctions<T>,
            System.Numerics.IRootFunctions<T> =>
        ExprInterpreter.Evaluate<Var<T>>(expr,
            name => index.TryGetValue(name, out var k) ? inputs[k] : Var<T>.Lift(ExprInterpreter.PointValue(point, name)),
            ReverseRules.Unary<Var<T>>, ReverseRules.Binary<Var<T>>);
}
