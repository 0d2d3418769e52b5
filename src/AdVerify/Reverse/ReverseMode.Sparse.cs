using AdVerify.Forward;
using AdVerify.Sparsity;

namespace AdVerify.Reverse;

/// <summary>Sparse Hessians: one Hessian–vector product per colour instead of one per input.</summary>
public static partial class ReverseMode
{
    /// <summary>
    /// The Hessian of f : ℝⁿ → ℝ at x, exploiting sparsity: detects the pattern by running
    /// <paramref name="structure"/> once on <see cref="SparsityTracer"/> numbers, star-colours it,
    /// and evaluates one forward-over-reverse Hessian–vector product per colour (3 for a
    /// tridiagonal Hessian, whatever n is). To evaluate at many points, detect and colour once
    /// and call the overload that takes them.
    /// </summary>
    /// <param name="f">The function on reverse numbers over duals.</param>
    /// <param name="structure">The same function on tracer numbers (pass the same generic method).</param>
    /// <param name="x">The point.</param>
    /// <returns>The Hessian with its pattern.</returns>
    public static SparseMatrix SparseHessian(
        Func<Var<Dual<double>>[], Var<Dual<double>>> f, Func<SparsityTracer[], SparsityTracer> structure, double[] x)
    {
        var pattern = SparsityPattern.Hessian(structure, x);
        return SparseHessian(f, x, pattern, Coloring.Star(pattern));
    }

    /// <summary>The Hessian of f : ℝⁿ → ℝ at x from a known pattern and colouring: one Hessian–vector product per colour.</summary>
    /// <param name="f">The function on reverse numbers over duals.</param>
    /// <param name="x">The point.</param>
    /// <param name="pattern">The Hessian's pattern (a superset of its nonzeros).</param>
    /// <param name="coloring">A colouring of the pattern: <see cref="Coloring.Star"/>, or <see cref="Coloring.Columns"/>.</param>
    /// <returns>The Hessian with its pattern.</returns>
    public static SparseMatrix SparseHessian(
        Func<Var<Dual<double>>[], Var<Dual<double>>> f, double[] x, SparsityPattern pattern, Coloring coloring)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(coloring);
        var n = x.Length;
        if (pattern.Rows != n || pattern.Columns != n || coloring.Colors.Count != n)
        {
            throw new ArgumentException(
                $"The pattern ({pattern.Rows}×{pattern.Columns}) and colouring ({coloring.Colors.Count} columns) must match the {n} inputs.", nameof(pattern));
        }

        var compressed = new double[n, coloring.ColorCount];
        var direction = new double[n];
        var column = new double[n];
        for (var k = 0; k < coloring.ColorCount; k++)
        {
            coloring.Seed(k, direction);
            HessianVectorProduct(f, x, direction, column);
            for (var i = 0; i < n; i++)
            {
                compressed[i, k] = column[i];
            }
        }

        return SparseMatrix.Recover(pattern, coloring, compressed);
    }
}
