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

    /// <summary>
    /// The directional derivative Σᵢ vᵢ·∂expr/∂xᵢ in one walk (forward mode on the expression): each
    /// variable's derivative is its entry of the direction (0 when absent).
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <param name="direction">The direction: variable → its component (an expression, usually a number).</param>
    /// <returns>The canonical directional derivative.</returns>
    public static Expr DirectionalDerivative(Expr expr, IReadOnlyDictionary<string, Expr> direction)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(direction);
        return new Differentiation(direction).Run(expr);
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

    /// <summary>
    /// The Taylor series of an expression about a point to a given order (MathNet.Symbolics'
    /// <c>Calculus.taylor</c>): cⱼ = f⁽ʲ⁾(a)/j! with the derivatives taken symbolically and the
    /// point substituted exactly, so <c>Taylor(sin(x), "x", 0, 5)</c> is x − x³/6 + x⁵/120.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variable">The variable of the expansion; other variables stay symbols in the coefficients.</param>
    /// <param name="at">The point a (a number or any expression free of the variable).</param>
    /// <param name="order">The highest power (0 … 100).</param>
    /// <returns>The series, with its polynomial and its LaTeX form.</returns>
    /// <exception cref="ArgumentException">The variable is invalid, the point depends on it, or the order is out of range.</exception>
    public static TaylorSeries Taylor(this Expr expr, string variable, Expr at, int order)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(at);
        if (!Expr.IsValidName(variable))
        {
            throw new ArgumentException($"'{variable}' is not a valid variable name.", nameof(variable));
        }

        if (order is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "The order of a Taylor series must be between 0 and 100.");
        }

        if (at.Variables.Contains(variable, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The expansion point {Infix.Format(at)} depends on the variable {variable}.", nameof(at));
        }

        var map = new Dictionary<string, Expr>(StringComparer.Ordinal) { [variable] = at };
        var coefficients = new Expr[order + 1];
        var derivative = expr;
        var factorial = System.Numerics.BigInteger.One;
        for (var j = 0; j <= order; j++)
        {
            factorial *= Math.Max(j, 1);
            coefficients[j] = Substitution.Replace(derivative, map) / Expr.Number(factorial);
            derivative = j < order ? derivative.Differentiate(variable) : derivative;
        }

        return new TaylorSeries(expr, variable, at, coefficients);
    }

    /// <summary>The Taylor series about a numeric point (its shortest decimal form, as written: 0.1 is 1/10).</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variable">The variable.</param>
    /// <param name="at">The point.</param>
    /// <param name="order">The highest power.</param>
    /// <returns>The series.</returns>
    public static TaylorSeries Taylor(this Expr expr, string variable, double at, int order) =>
        Taylor(expr, variable, Number(at, nameof(at)), order);

    /// <summary>The tangent line y = f(a) + f′(a)(x − a) of an expression at a point (MathNet.Symbolics' <c>tangentLine</c>).</summary>
    /// <param name="expr">The expression f.</param>
    /// <param name="variable">The variable x.</param>
    /// <param name="at">The point a.</param>
    /// <returns>The line as an expression in the variable.</returns>
    public static Expr TangentLine(this Expr expr, string variable, Expr at) => Taylor(expr, variable, at, 1).Polynomial;

    /// <summary>The tangent line at a numeric point.</summary>
    /// <param name="expr">The expression f.</param>
    /// <param name="variable">The variable x.</param>
    /// <param name="at">The point a.</param>
    /// <returns>The line.</returns>
    public static Expr TangentLine(this Expr expr, string variable, double at) => TangentLine(expr, variable, Number(at, nameof(at)));

    /// <summary>The normal line y = f(a) − (x − a)/f′(a) of an expression at a point (MathNet.Symbolics' <c>normalLine</c>).</summary>
    /// <param name="expr">The expression f.</param>
    /// <param name="variable">The variable x.</param>
    /// <param name="at">The point a.</param>
    /// <returns>The line as an expression in the variable.</returns>
    /// <exception cref="ArgumentException">The slope at the point is exactly 0 (the normal is the vertical line x = a, not a function of x).</exception>
    public static Expr NormalLine(this Expr expr, string variable, Expr at)
    {
        var series = Taylor(expr, variable, at, 1);
        if (ReferenceEquals(series.Coefficients[1], Expr.Zero))
        {
            throw new ArgumentException($"The slope of {Infix.Format(expr)} at {variable} = {Infix.Format(at)} is 0: the normal is the vertical line {variable} = {Infix.Format(at)}.", nameof(at));
        }

        return series.Coefficients[0] - ((Expr.Symbol(variable) - at) / series.Coefficients[1]);
    }

    /// <summary>The normal line at a numeric point.</summary>
    /// <param name="expr">The expression f.</param>
    /// <param name="variable">The variable x.</param>
    /// <param name="at">The point a.</param>
    /// <returns>The line.</returns>
    public static Expr NormalLine(this Expr expr, string variable, double at) => NormalLine(expr, variable, Number(at, nameof(at)));

    private static Expr Number(double at, string parameter) =>
        double.IsFinite(at) ? Infix.Parse(at.ToString("R", System.Globalization.CultureInfo.InvariantCulture)) : throw new ArgumentException($"The point must be a finite number, not {at}.", parameter);
}
