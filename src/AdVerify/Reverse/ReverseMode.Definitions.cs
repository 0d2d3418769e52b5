using AdVerify.Definitions;
using AdVerify.Forward;

namespace AdVerify.Reverse;

/// <summary>Reverse mode on one-definition functions (<see cref="IScalarFunction"/>, <see cref="IVectorFunction"/>).</summary>
public static partial class ReverseMode
{
    /// <summary>The value and gradient of a definition: one recording on the tape, one backward sweep.</summary>
    /// <typeparam name="TFunction">The definition's type (a struct is specialised without boxing).</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>f(x) and ∇f(x).</returns>
    public static (double Value, double[] Gradient) Gradient<TFunction>(TFunction f, double[] x)
        where TFunction : IScalarFunction => Gradient(v => f.Invoke<Var<double>>(v), x);

    /// <summary>The value and gradient of a definition into a caller-supplied buffer.</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Receives ∇f(x).</param>
    /// <returns>f(x).</returns>
    public static double Gradient<TFunction>(TFunction f, ReadOnlySpan<double> x, Span<double> gradient)
        where TFunction : IScalarFunction => Gradient(v => f.Invoke<Var<double>>(v), x, gradient);

    /// <summary>The Hessian–vector product H(x)·v of a definition by forward over reverse.</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <returns>H(x)·v.</returns>
    public static double[] HessianVectorProduct<TFunction>(TFunction f, double[] x, double[] v)
        where TFunction : IScalarFunction => HessianVectorProduct(d => f.Invoke<Var<Dual<double>>>(d), x, v);

    /// <summary>The Hessian of a definition by forward over reverse (n Hessian–vector products).</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>The n×n Hessian.</returns>
    public static double[,] Hessian<TFunction>(TFunction f, double[] x)
        where TFunction : IScalarFunction => Hessian(d => f.Invoke<Var<Dual<double>>>(d), x);

    /// <summary>The vector–Jacobian product uᵀJ(x) of a vector definition in one backward sweep.</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The cotangent (one entry per output).</param>
    /// <returns>f(x) and uᵀJ(x).</returns>
    public static (double[] Values, double[] Vjp) Vjp<TFunction>(TFunction f, double[] x, double[] u)
        where TFunction : IVectorFunction => Vjp(v => f.Invoke<Var<double>>(v), x, u);

    /// <summary>The Jacobian of a vector definition: one recording, one backward sweep per output.</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n Jacobian.</returns>
    public static double[,] Jacobian<TFunction>(TFunction f, double[] x)
        where TFunction : IVectorFunction => Jacobian(v => f.Invoke<Var<double>>(v), x);

    /// <summary>
    /// The sparse Hessian of a definition: its pattern found by one run on <see cref="Sparsity.SparsityTracer"/>
    /// numbers, a star colouring, and one Hessian–vector product per colour (3 for a tridiagonal Hessian at any n).
    /// </summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>The Hessian with its pattern.</returns>
    public static Sparsity.SparseMatrix SparseHessian<TFunction>(TFunction f, double[] x)
        where TFunction : IScalarFunction => SparseHessian(v => f.Invoke<Var<Dual<double>>>(v), v => f.Invoke<Sparsity.SparsityTracer>(v), x);

    /// <summary>The sparse Hessian of a definition from a known pattern and colouring (reuse them across points).</summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <param name="pattern">The pattern (<see cref="Sparsity.SparsityPattern.Hessian(IScalarFunction, double[])"/>).</param>
    /// <param name="coloring">Its colouring (<see cref="Sparsity.Coloring.Star"/>).</param>
    /// <returns>The Hessian with its pattern.</returns>
    public static Sparsity.SparseMatrix SparseHessian<TFunction>(TFunction f, double[] x, Sparsity.SparsityPattern pattern, Sparsity.Coloring coloring)
        where TFunction : IScalarFunction => SparseHessian(v => f.Invoke<Var<Dual<double>>>(v), x, pattern, coloring);
}
