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
/// Size: a product of n factors that depend on the variable has n product-rule terms of n − 1
/// factors each (canonical products are flat, so the terms cannot share partial products).
/// The 20-fold logistic map (DAG size 83) has a derivative of DAG size 332; the ratio grows
/// roughly linearly with the number of iterations. The walk itself is iterative, but the
/// canonical ordering inside the <see cref="Expr"/> factories compares operands recursively,
/// so a derivative whose sorted operands are thousands of levels deep may make a factory throw
/// <see cref="InsufficientExecutionStackException"/> (or take long) rather than crash.
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

        var derivatives = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        foreach (var node in Traversal.PostOrder(expr))
        {
            derivatives[node] = DifferentiateNode(node, variable, derivatives);
        }

        return derivatives[expr];
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
        var derivatives = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        foreach (var node in Traversal.PostOrder(expr))
        {
            derivatives[node] = node is SymbolExpr s
                ? direction.TryGetValue(s.Name, out var d) ? d : Expr.Zero
                : DifferentiateNode(node, string.Empty, derivatives);
        }

        return derivatives[expr];
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

    private static Expr DifferentiateNode(Expr node, string variable, Dictionary<Expr, Expr> derivatives)
    {
        switch (node)
        {
            case SymbolExpr s:
                return s.Name == variable ? Expr.One : Expr.Zero;
            case NumberExpr or ConstantExpr:
                return Expr.Zero;
        }

        var operands = node.Operands;
        var any = false;
        foreach (var operand in operands)
        {
            if (!IsZero(derivatives[operand]))
            {
                any = true;
                break;
            }
        }

        if (!any)
        {
            return Expr.Zero;
        }

        return node switch
        {
            SumExpr => Expr.Add(operands.Select(o => derivatives[o]).Where(d => !IsZero(d))),
            ProductExpr => ProductRule(operands, derivatives),
            PowerExpr p => PowerRule(p, derivatives[p.Base], derivatives[p.Exponent]),
            CallExpr c => ChainRule(c, derivatives),
            _ => throw new InvalidOperationException($"Unknown expression kind {node.Kind}."),
        };
    }

    // (f₁·f₂·…·fₙ)' = Σᵢ fᵢ' · Πⱼ≠ᵢ fⱼ, with only the factors that depend on the variable contributing.
    private static Expr ProductRule(IReadOnlyList<Expr> factors, Dictionary<Expr, Expr> derivatives)
    {
        var terms = new List<Expr>();
        for (var i = 0; i < factors.Count; i++)
        {
            var d = derivatives[factors[i]];
            if (IsZero(d))
            {
                continue;
            }

            var parts = new Expr[factors.Count];
            for (var j = 0; j < factors.Count; j++)
            {
                parts[j] = j == i ? d : factors[j];
            }

            terms.Add(Expr.Multiply(parts));
        }

        return Expr.Add(terms.ToArray());
    }

    // (u^v)' = v·u^(v−1)·u' when v is free of the variable; u^v·log(u)·v' when u is;
    // otherwise u^v·(v'·log(u) + v·u'/u).
    private static Expr PowerRule(PowerExpr power, Expr du, Expr dv)
    {
        var (u, v) = (power.Base, power.Exponent);
        if (IsZero(dv))
        {
            return Expr.Multiply(v, Expr.Pow(u, v - 1), du);
        }

        if (ReferenceEquals(u, Expr.Zero))
        {
            // 0^v is 0 wherever it is defined (v > 0): its derivative is 0, not 0·log(0).
            return Expr.Zero;
        }

        var log = Expr.Call(Functions.Log, u);
        if (IsZero(du))
        {
            return Expr.Multiply(power, log, dv);
        }

        return Expr.Multiply(power, Expr.Multiply(dv, log) + Expr.Multiply(v, du, Expr.Pow(u, -1)));
    }

    // f(a₁, …, aₙ)' = Σᵢ ∂f/∂aᵢ · aᵢ'.
    private static Expr ChainRule(CallExpr call, Dictionary<Expr, Expr> derivatives)
    {
        // Only the arguments that depend on the variable need their partial (an integer order never does).
        var terms = new List<Expr>(call.Operands.Count);
        for (var i = 0; i < call.Operands.Count; i++)
        {
            var d = derivatives[call.Operands[i]];
            if (!IsZero(d))
            {
                terms.Add(Expr.Multiply(DerivativeRules.Partial(call.Function, call.Operands, i), d));
            }
        }

        return Expr.Add(terms.ToArray());
    }

    private static bool IsZero(Expr e) => ReferenceEquals(e, Expr.Zero);
}
