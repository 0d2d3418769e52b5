using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>
/// Symbolic differentiation of canonical expressions. Each call walks the expression DAG once,
/// children first and without recursion, memoizing the derivative of every distinct node, so
/// shared subexpressions are differentiated once, very deep expressions cannot overflow the
/// stack, and nodes free of the variable get the derivative 0 without building anything.
/// The chain rule for calls uses <see cref="DerivativeRules"/>; results pass through the
/// simplifying factories of <see cref="Expr"/>, so they stay canonical.
/// <para>
/// Size and time stay linear in the input DAG (see <see cref="Differentiation"/>): a chain of
/// calls keeps its derivative as an unbuilt list of factors until something needs it, so
/// sin(sin(…sin(x))) 10,000 deep costs one product of 10,000 factors instead of 10,000
/// ever-longer ones; and a product that contains every factor of a product differentiated
/// before (x₂₀ = r·x₁₉·(1 − x₁₉) flattens into one product that contains x₁₉'s) reuses that
/// derivative, d(QR) = dQ·R + Q·dR, instead of one product-rule term per factor.
/// </para>
/// </summary>
public static class Calculus
{
    /// <summary>The derivative of an expression with respect to one variable.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variable">The variable name.</param>
    /// <returns>The canonical derivative (the number 0 when the expression does not depend on the variable).</returns>
    /// <exception cref="ArgumentException">The variable name is not a valid identifier.</exception>
    /// <exception cref="NotSupportedException">The expression calls a user primitive without a symbolic rule on a subexpression that depends on the variable.</exception>
    public static Expr Differentiate(this Expr expr, string variable)
    {
        ArgumentNullException.ThrowIfNull(expr);
        if (!Expr.IsValidName(variable))
        {
            throw new ArgumentException($"'{variable}' is not a valid variable name.", nameof(variable));
        }

        return new Differentiation(variable).Run(expr);
    }

    /// <summary>The gradient: the derivative with respect to each variable in turn.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variables">The variables, in the order of the result.</param>
    /// <returns>One derivative per variable.</returns>
    public static Expr[] Gradient(Expr expr, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(variables);
        var gradient = new Expr[variables.Length];
        for (var i = 0; i < variables.Length; i++)
        {
            gradient[i] = expr.Differentiate(variables[i]);
        }

        return gradient;
    }

    /// <summary>The Hessian matrix of second derivatives; it is symmetric, so each mixed partial is computed once.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variables">The variables, in the order of the rows and columns.</param>
    /// <returns>The matrix H with H[i, j] = ∂²expr/∂vᵢ∂vⱼ.</returns>
    public static Expr[,] Hessian(Expr expr, params string[] variables)
    {
        var gradient = Gradient(expr, variables);
        var n = variables.Length;
        var hessian = new Expr[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                hessian[i, j] = gradient[i].Differentiate(variables[j]);
                hessian[j, i] = hessian[i, j];
            }
        }

        return hessian;
    }
}
