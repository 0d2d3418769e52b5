namespace AdVerify.Sparsity;

/// <summary>
/// A matrix stored by its structural nonzeros: the values of a <see cref="SparsityPattern"/>'s
/// entries in row-major order. <see cref="Recover"/> fills one from compressed derivative columns
/// (one per colour of a <see cref="Coloring"/>).
/// </summary>
public sealed class SparseMatrix
{
    private readonly double[] _values;

    /// <summary>A matrix with the given pattern and values.</summary>
    /// <param name="pattern">The structural nonzeros.</param>
    /// <param name="values">Their values, row by row (copied).</param>
    public SparseMatrix(SparsityPattern pattern, ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (values.Length != pattern.NonZeroCount)
        {
            throw new ArgumentException($"The pattern has {pattern.NonZeroCount} nonzeros but {values.Length} values were given.", nameof(values));
        }

        Pattern = pattern;
        _values = values.ToArray();
    }

    private SparseMatrix(SparsityPattern pattern, double[] values)
    {
        Pattern = pattern;
        _values = values;
    }

    /// <summary>Where the matrix can be nonzero.</summary>
    public SparsityPattern Pattern { get; }

    /// <summary>The values of the structural nonzeros, row by row (in the order of <see cref="SparsityPattern.Entries"/>).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>An entry (0 outside the pattern).</summary>
    /// <param name="row">The row.</param>
    /// <param name="column">The column.</param>
    public double this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Pattern.Rows);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Pattern.Columns);
            var k = Pattern.IndexOf(row, column);
            return k < 0 ? 0 : _values[k];
        }
    }

    /// <summary>The matrix as a dense array.</summary>
    /// <returns>A Rows×Columns array.</returns>
    public double[,] ToDense()
    {
        var dense = new double[Pattern.Rows, Pattern.Columns];
        var k = 0;
        foreach (var (r, c) in Pattern.Entries())
        {
            dense[r, c] = _values[k++];
        }

        return dense;
    }

    /// <summary>
    /// Recovers every structural nonzero from compressed columns: <paramref name="compressed"/>[i, k]
    /// is row i of the matrix times the seed direction of colour k. With a column colouring,
    /// entry (i, j) is compressed[i, colour(j)]. With a star colouring of a symmetric pattern,
    /// entry (i, j) is compressed[i, colour(j)] when j is i's only neighbour of that colour, and
    /// otherwise compressed[j, colour(i)] (then i is j's only neighbour of colour(i)).
    /// </summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="coloring">The colouring the seeds came from.</param>
    /// <param name="compressed">Rows × ColorCount compressed columns.</param>
    /// <returns>The matrix.</returns>
    public static SparseMatrix Recover(SparsityPattern pattern, Coloring coloring, double[,] compressed)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(coloring);
        ArgumentNullException.ThrowIfNull(compressed);
        if (coloring.Colors.Count != pattern.Columns || compressed.GetLength(0) != pattern.Rows || compressed.GetLength(1) != coloring.ColorCount)
        {
            throw new ArgumentException(
                $"The compressed matrix must be {pattern.Rows}×{coloring.ColorCount} for a {pattern.Rows}×{pattern.Columns} pattern coloured with {coloring.ColorCount} colours; it is {compressed.GetLength(0)}×{compressed.GetLength(1)}.",
                nameof(compressed));
        }

        var colors = coloring.Colors;
        var values = new double[pattern.NonZeroCount];
        var perColour = new int[Math.Max(1, coloring.ColorCount)];
        var k = 0;
        for (var i = 0; i < pattern.Rows; i++)
        {
            var row = pattern.ColumnsOf(i);
            if (coloring.IsSymmetric)
            {
                foreach (var j in row)
                {
                    perColour[colors[j]]++;
                }
            }

            foreach (var j in row)
            {
                var direct = !coloring.IsSymmetric || i == j || perColour[colors[j]] == 1;
                values[k++] = direct ? compressed[i, colors[j]] : compressed[j, colors[i]];
            }

            if (coloring.IsSymmetric)
            {
                foreach (var j in row)
                {
                    perColour[colors[j]] = 0;
                }
            }
        }

        return new SparseMatrix(pattern, values);
    }
}
