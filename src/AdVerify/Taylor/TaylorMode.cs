using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Taylor;

/// <summary>
/// Taylor mode (univariate Taylor polynomials, as JAX's <c>jet</c> and TaylorDiff.jl): the first
/// k derivatives of a function along a direction in one pass, for generic code and for
/// expressions. <c>TaylorMode.Derivatives(v =&gt; F(v[0], v[1]), [1, 2], [1, 0], 5)</c> returns
/// f, D_u f, D_u² f, …, D_u⁵ f at x = (1, 2) along u = (1, 0), where F is written once over
/// <see cref="System.Numerics.IFloatingPointIeee754{TSelf}"/> (or calls <see cref="AdMath"/>).
/// </summary>
public static class TaylorMode
{
    /// <summary>The largest order accepted (the recurrences are exact, but factorials and rounding grow with k).</summary>
    public const int MaxOrder = 30;

    /// <summary>The directional derivatives dʲ/dtʲ f(x + t·u) at t = 0 for j = 0 … k, in one pass.</summary>
    /// <param name="f">The function, typically a lambda calling generic code.</param>
    /// <param name="x">The point.</param>
    /// <param name="direction">The direction u (same length as x).</param>
    /// <param name="k">The highest order (0 … <see cref="MaxOrder"/>).</param>
    /// <returns>k + 1 numbers: the value and the derivatives of orders 1 … k.</returns>
    public static double[] Derivatives(Func<TaylorNumber[], TaylorNumber> f, double[] x, double[] direction, int k) =>
        Propagate(f, x, direction, k).Derivatives;

    /// <summary>The directional derivatives dʲ/dtʲ f(x + t·u) at t = 0 for j = 0 … k of a one-definition function, in one pass.</summary>
    /// <param name="f">The function, written once (<see cref="Definitions.IScalarFunction"/>).</param>
    /// <param name="x">The point.</param>
    /// <param name="direction">The direction u (same length as x).</param>
    /// <param name="k">The highest order (0 … <see cref="MaxOrder"/>).</param>
    /// <returns>k + 1 numbers: the value and the derivatives of orders 1 … k.</returns>
    public static double[] Derivatives(Definitions.IScalarFunction f, double[] x, double[] direction, int k)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Derivatives(v => f.Invoke<TaylorNumber>(v), x, direction, k);
    }

    /// <summary>The Taylor coefficients (derivatives divided by j!) of f(x + t·u) about t = 0, up to tᵏ.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="direction">The direction.</param>
    /// <param name="k">The highest order.</param>
    /// <returns>k + 1 coefficients.</returns>
    public static double[] Coefficients(Func<TaylorNumber[], TaylorNumber> f, double[] x, double[] direction, int k) =>
        Propagate(f, x, direction, k).Coefficients.ToArray();

    /// <summary>The directional derivatives of an expression along a direction (variables missing from it do not move).</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable.</param>
    /// <param name="direction">The direction's component per variable.</param>
    /// <param name="k">The highest order.</param>
    /// <returns>k + 1 numbers: the value and the derivatives of orders 1 … k.</returns>
    public static double[] Derivatives(Expr expr, IReadOnlyDictionary<string, double> point, IReadOnlyDictionary<string, double> direction, int k)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(direction);
        CheckOrder(k);
        var unknown = direction.Keys.Where(name => !point.ContainsKey(name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"The direction names variable(s) {string.Join(", ", unknown)} that the point has no value for.", nameof(direction));
        }

        var result = ExprInterpreter.Evaluate<TaylorNumber>(expr,
            name => TaylorNumber.Variable(ExprInterpreter.PointValue(point, name), direction.TryGetValue(name, out var u) ? u : 0, k),
            TaylorRules.Table.Unary<TaylorNumber>, TaylorRules.Table.Binary<TaylorNumber>);
        return Pad(result, k).Derivatives;
    }

    private static TaylorNumber Propagate(Func<TaylorNumber[], TaylorNumber> f, double[] x, double[] direction, int k)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(direction);
        CheckOrder(k);
        if (direction.Length != x.Length)
        {
            throw new ArgumentException($"The direction has {direction.Length} components but the point has {x.Length}.", nameof(direction));
        }

        return Pad(f(x.Select((xi, i) => TaylorNumber.Variable(xi, direction[i], k)).ToArray()), k);
    }

    // A result that did not depend on the input is a constant: give it all k + 1 coefficients.
    private static TaylorNumber Pad(TaylorNumber t, int k)
    {
        var c = new double[k + 1];
        t.Coefficients[..Math.Min(t.Length, k + 1)].CopyTo(c);
        return TaylorNumber.FromCoefficients(c);
    }

    private static void CheckOrder(int k)
    {
        if (k is < 0 or > MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"The order must be between 0 and {MaxOrder}.");
        }
    }
}
