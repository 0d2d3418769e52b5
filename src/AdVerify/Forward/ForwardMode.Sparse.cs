using AdVerify.Sparsity;

namespace AdVerify.Forward;

/// <summary>Sparse Jacobians: one forward pass per colour instead of one per input.</summary>
public static partial class ForwardMode
{
    /// <summary>
    /// The Jacobian of f : ℝⁿ → ℝᵐ at x, exploiting sparsity: detects the pattern by running
    /// <paramref name="structure"/> once on <see cref="SparsityTracer"/> numbers, colours its
    /// columns, and evaluates one dual-number pass per colour (3 for a tridiagonal Jacobian,
    /// whatever n is). To evaluate at many points, detect and colour once and call the overload
    /// that takes them.
    /// </summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="structure">The same function on tracer numbers (pass the same generic method).</param>
    /// <param name="x">The point.</param>
    /// <returns>The Jacobian with its pattern.</returns>
    public static SparseMatrix SparseJacobian(Func<Dual<double>[], Dual<double>[]> f, Func<SparsityTracer[], SparsityTracer[]> structure, double[] x)
    {
        var pattern = SparsityPattern.Jacobian(structure, x);
        return SparseJacobian(f, x, pattern, Coloring.Columns(pattern));
    }

    /// <summary>The Jacobian of f : ℝⁿ → ℝᵐ at x from a known pattern and column colouring: one dual-number pass per colour.</summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <param name="pattern">The Jacobian's pattern (a superset of its nonzeros).</param>
    /// <param name="coloring">A column colouring of the pattern (<see cref="Coloring.Columns"/>).</param>
    /// <returns>The Jacobian with its pattern.</returns>
    public static SparseMatrix SparseJacobian(Func<Dual<double>[], Dual<double>[]> f, double[] x, SparsityPattern pattern, Coloring coloring)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(coloring);
        if (pattern.Columns != x.Length || coloring.Colors.Count != x.Length)
        {
            throw new ArgumentException(
                $"The pattern ({pattern.Columns} columns) and colouring ({coloring.Colors.Count} columns) must match the {x.Length} inputs.", nameof(pattern));
        }

        if (coloring.IsSymmetric)
        {
            throw new ArgumentException("A Jacobian needs a column colouring (Coloring.Columns), not a star colouring.", nameof(coloring));
        }

        var compressed = new double[pattern.Rows, coloring.ColorCount];
        var direction = new double[x.Length];
        var inputs = new Dual<double>[x.Length];
        for (var k = 0; k < coloring.ColorCount; k++)
        {
            coloring.Seed(k, direction);
            for (var j = 0; j < x.Length; j++)
            {
                inputs[j] = new Dual<double>(x[j], direction[j]);
            }

            var y = f(inputs);
            if (y.Length != pattern.Rows)
            {
                throw new ArgumentException($"The pattern has {pattern.Rows} rows but the function returned {y.Length} outputs.", nameof(pattern));
            }

            for (var i = 0; i < y.Length; i++)
            {
                compressed[i, k] = y[i].Tangent;
            }
        }

        return SparseMatrix.Recover(pattern, coloring, compressed);
    }
}
