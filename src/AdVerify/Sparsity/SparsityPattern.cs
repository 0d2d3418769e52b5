using AdVerify.Definitions;
using System.Globalization;
using System.Text;

namespace AdVerify.Sparsity;

/// <summary>
/// Where a matrix (a Jacobian or a Hessian) can be nonzero: for every row, the sorted columns of
/// its structural nonzeros (compressed sparse row form). Detect one from generic user code with
/// <see cref="Jacobian(IVectorFunction, double[])"/> or <see cref="Hessian(IScalarFunction, double[])"/>, or build one from known entries with
/// <see cref="FromEntries"/>; <see cref="Coloring"/> then groups the columns so that a handful of
/// compressed derivative passes give every entry.
/// </summary>
public sealed class SparsityPattern
{
    private readonly int[] _rowStarts; // row r's columns are _columns[_rowStarts[r] .. _rowStarts[r + 1])
    private readonly int[] _columns;

    private SparsityPattern(int rows, int columns, int[] rowStarts, int[] columnIndices)
    {
        Rows = rows;
        Columns = columns;
        _rowStarts = rowStarts;
        _columns = columnIndices;
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The number of columns.</summary>
    public int Columns { get; }

    /// <summary>The number of structural nonzeros.</summary>
    public int NonZeroCount => _columns.Length;

    /// <summary>True when the pattern is square and symmetric (as a Hessian's is).</summary>
    public bool IsSymmetric => Rows == Columns && Entries().All(e => Contains(e.Column, e.Row));

    /// <summary>The columns of one row's structural nonzeros, in increasing order.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The columns.</returns>
    public ReadOnlySpan<int> ColumnsOf(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return _columns.AsSpan(_rowStarts[row], _rowStarts[row + 1] - _rowStarts[row]);
    }

    /// <summary>The position of entry (row, column) in row-major order of the nonzeros, or −1 when it is structurally zero.</summary>
    /// <param name="row">The row.</param>
    /// <param name="column">The column.</param>
    /// <returns>The index into the values of a <see cref="SparseMatrix"/> with this pattern, or −1.</returns>
    public int IndexOf(int row, int column)
    {
        if ((uint)row >= (uint)Rows)
        {
            return -1;
        }

        var k = _columns.AsSpan(_rowStarts[row], _rowStarts[row + 1] - _rowStarts[row]).BinarySearch(column);
        return k < 0 ? -1 : _rowStarts[row] + k;
    }

    /// <summary>Tells whether entry (row, column) can be nonzero.</summary>
    /// <param name="row">The row.</param>
    /// <param name="column">The column.</param>
    /// <returns>True for a structural nonzero.</returns>
    public bool Contains(int row, int column) => IndexOf(row, column) >= 0;

    /// <summary>Every structural nonzero, row by row.</summary>
    /// <returns>The (row, column) pairs.</returns>
    public IEnumerable<(int Row, int Column)> Entries()
    {
        for (var r = 0; r < Rows; r++)
        {
            for (var k = _rowStarts[r]; k < _rowStarts[r + 1]; k++)
            {
                yield return (r, _columns[k]);
            }
        }
    }

    /// <summary>A pattern from its entries (duplicates are merged).</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of columns.</param>
    /// <param name="entries">The structural nonzeros.</param>
    /// <returns>The pattern.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An entry lies outside the matrix.</exception>
    public static SparsityPattern FromEntries(int rows, int columns, IEnumerable<(int Row, int Column)> entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(entries);
        var perRow = new SortedSet<int>?[rows];
        foreach (var (r, c) in entries)
        {
            if ((uint)r >= (uint)rows || (uint)c >= (uint)columns)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), $"The entry ({r}, {c}) lies outside the {rows}×{columns} matrix.");
            }

            (perRow[r] ??= []).Add(c);
        }

        var starts = new int[rows + 1];
        var all = new List<int>();
        for (var r = 0; r < rows; r++)
        {
            if (perRow[r] is { } set)
            {
                all.AddRange(set);
            }

            starts[r + 1] = all.Count;
        }

        return new SparsityPattern(rows, columns, starts, all.ToArray());
    }

    /// <summary>
    /// The Jacobian pattern of f : ℝⁿ → ℝᵐ at x: row i lists the inputs output i depends on
    /// (found by running f once on <see cref="SparsityTracer"/> numbers).
    /// </summary>
    /// <param name="f">The function, written generically or on tracer numbers.</param>
    /// <param name="x">The point (branches follow the values there).</param>
    /// <returns>The m×n pattern.</returns>
    public static SparsityPattern Jacobian(Func<SparsityTracer[], SparsityTracer[]> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        var y = f(Variables(x)) ?? throw new InvalidOperationException("The function returned null instead of its outputs.");
        return FromEntries(y.Length, x.Length, y.SelectMany((o, r) => o.Inputs.ToArray().Select(c => (r, c))));
    }

    /// <summary>
    /// The Hessian pattern of f : ℝⁿ → ℝ at x: (i, j) is included when a nonlinear operation lets
    /// inputs i and j interact (found by running f once on <see cref="SparsityTracer"/> numbers).
    /// The pattern is symmetric and a superset of the true one.
    /// </summary>
    /// <param name="f">The function, written generically or on tracer numbers.</param>
    /// <param name="x">The point (branches follow the values there).</param>
    /// <returns>The n×n symmetric pattern.</returns>
    public static SparsityPattern Hessian(IScalarFunction f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Hessian(v => f.Invoke<SparsityTracer>(v), x);
    }

    /// <summary>The Jacobian pattern of a vector definition at a point (one run on tracer numbers).</summary>
    /// <param name="f">The definition.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n pattern.</returns>
    public static SparsityPattern Jacobian(IVectorFunction f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Jacobian(v => f.Invoke<SparsityTracer>(v), x);
    }

    /// <summary>The Hessian pattern of a function written on tracer numbers (see <see cref="Hessian(IScalarFunction, double[])"/>).</summary>
    /// <param name="f">The function on tracer numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The n×n symmetric pattern.</returns>
    public static SparsityPattern Hessian(Func<SparsityTracer[], SparsityTracer> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        using var recording = HessianRecorder.Begin();
        f(Variables(x));
        return FromEntries(x.Length, x.Length, recording.Pairs.SelectMany(p => p.Item1 == p.Item2 ? [p] : new[] { p, (p.Item2, p.Item1) }));
    }

    private static SparsityTracer[] Variables(double[] x) => x.Select(SparsityTracer.Variable).ToArray();

    /// <summary>The pattern drawn with '■' for structural nonzeros and '·' for zeros (one line per row).</summary>
    /// <returns>The picture.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Rows}×{Columns}, {NonZeroCount} nonzeros");
        if (Rows <= 64 && Columns <= 64)
        {
            for (var r = 0; r < Rows; r++)
            {
                text.AppendLine();
                for (var c = 0; c < Columns; c++)
                {
                    text.Append(Contains(r, c) ? '■' : '·');
                }
            }
        }

        return text.ToString();
    }
}
