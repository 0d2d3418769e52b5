namespace AdVerify.Numeric;

/// <summary>
/// One-sided derivative estimates: the left derivative uses only points at or below the
/// point, the right derivative only points at or above it (both with Richardson extrapolation
/// and error estimates). At a kink they differ; where the function is differentiable they agree.
/// </summary>
public static class OneSided
{
    /// <summary>The left derivative lim (f(x) − f(x − h))/h of a scalar function.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="options">Settings (the stencil choice is overridden).</param>
    /// <returns>The estimate.</returns>
    public static DerivativeEstimate Left(Func<double, double> f, double x, FiniteDifferenceOptions? options = null) =>
        FiniteDifference.Derivative(f, x, With(options, StencilChoice.BackwardOnly));

    /// <summary>The right derivative lim (f(x + h) − f(x))/h of a scalar function.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="options">Settings (the stencil choice is overridden).</param>
    /// <returns>The estimate.</returns>
    public static DerivativeEstimate Right(Func<double, double> f, double x, FiniteDifferenceOptions? options = null) =>
        FiniteDifference.Derivative(f, x, With(options, StencilChoice.ForwardOnly));

    /// <summary>The left partial derivative in coordinate <paramref name="variable"/>.</summary>
    /// <param name="f">The function of a coordinate vector.</param>
    /// <param name="x">The point.</param>
    /// <param name="variable">The coordinate index.</param>
    /// <param name="options">Settings (the stencil choice is overridden).</param>
    /// <returns>The estimate.</returns>
    public static DerivativeEstimate Left(Func<double[], double> f, IReadOnlyList<double> x, int variable, FiniteDifferenceOptions? options = null) =>
        FiniteDifference.Partial(f, x, variable, With(options, StencilChoice.BackwardOnly));

    /// <summary>The right partial derivative in coordinate <paramref name="variable"/>.</summary>
    /// <param name="f">The function of a coordinate vector.</param>
    /// <param name="x">The point.</param>
    /// <param name="variable">The coordinate index.</param>
    /// <param name="options">Settings (the stencil choice is overridden).</param>
    /// <returns>The estimate.</returns>
    public static DerivativeEstimate Right(Func<double[], double> f, IReadOnlyList<double> x, int variable, FiniteDifferenceOptions? options = null) =>
        FiniteDifference.Partial(f, x, variable, With(options, StencilChoice.ForwardOnly));

    private static FiniteDifferenceOptions With(FiniteDifferenceOptions? options, StencilChoice choice) =>
        (options ?? FiniteDifferenceOptions.Default) with { Stencils = choice };
}
