using AdVerify.Definitions;

namespace AdVerify.Forward;

/// <summary>Forward mode on one-definition functions (<see cref="IScalarFunction"/>, <see cref="IVectorFunction"/>).</summary>
public static partial class ForwardMode
{
    /// <summary>The value and gradient of a definition, one dual-number pass per input.</summary>
    /// <typeparam name="TFunction">The definition's type (a struct is specialised without boxing).</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>f(x) and ∇f(x).</returns>
    public static (double Value, double[] Gradient) Gradient<TFunction>(TFunction f, double[] x)
        where TFunction : IScalarFunction => Gradient(v => f.Invoke<Dual<double>>(v), x);

    /// <summary>The directional derivative ∇f(x)·v (a Jacobian–vector product) of a definition in one pass.</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <returns>f(x) and ∇f(x)·v.</returns>
    public static (double Value, double Directional) DirectionalDerivative<TFunction>(TFunction f, double[] x, double[] v)
        where TFunction : IScalarFunction => DirectionalDerivative(d => f.Invoke<Dual<double>>(d), x, v);

    /// <summary>The value and gradient of a definition in one pass carrying all n tangents (<see cref="DualVector"/>).</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>f(x) and ∇f(x).</returns>
    public static (double Value, double[] Gradient) GradientOnePass<TFunction>(TFunction f, double[] x)
        where TFunction : IScalarFunction => GradientOnePass(v => f.Invoke<DualVector>(v), x);

    /// <summary>The Hessian of a definition by forward over forward (nested duals).</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>The symmetric n×n Hessian.</returns>
    public static double[,] Hessian<TFunction>(TFunction f, double[] x)
        where TFunction : IScalarFunction => Hessian(v => f.Invoke<Dual<Dual<double>>>(v), x);

    /// <summary>The Jacobian–vector product J(x)·v of a vector definition in one pass.</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <returns>f(x) and J(x)·v.</returns>
    public static (double[] Values, double[] Jvp) Jvp<TFunction>(TFunction f, double[] x, double[] v)
        where TFunction : IVectorFunction => Jvp(d => f.Invoke<Dual<double>>(d), x, v);

    /// <summary>The Jacobian of a vector definition in one pass with n tangents per number.</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n Jacobian.</returns>
    public static double[,] Jacobian<TFunction>(TFunction f, double[] x)
        where TFunction : IVectorFunction => Jacobian(d => f.Invoke<DualVector>(d), x);

    /// <summary>The sparse Jacobian of a vector definition: pattern by one tracer run, a column colouring, one dual pass per colour.</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>The Jacobian with its pattern.</returns>
    public static Sparsity.SparseMatrix SparseJacobian<TFunction>(TFunction f, double[] x)
        where TFunction : IVectorFunction => SparseJacobian(v => f.Invoke<Dual<double>>(v), v => f.Invoke<Sparsity.SparsityTracer>(v), x);
}
