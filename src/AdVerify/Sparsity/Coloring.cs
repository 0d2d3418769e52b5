namespace AdVerify.Sparsity;

/// <summary>
/// A partition of a matrix's columns into groups ("colours") whose members can share one
/// derivative pass: seeding the sum of a group's unit vectors gives a compressed column from
/// which every entry of the group's columns is recovered. Two kinds, as in ColPack:
/// <list type="bullet">
/// <item><see cref="Columns"/>: a greedy distance-1 colouring of the column intersection graph
/// (columns sharing a row never share a colour), for Jacobians: entry (i, j) is read directly from
/// compressed column colour(j), row i.</item>
/// <item><see cref="Star"/>: a greedy star colouring of the adjacency graph of a symmetric
/// pattern (a proper colouring in which every path on four vertices uses at least three colours),
/// for Hessians: symmetry lets each off-diagonal entry be read from one of its two compressed
/// copies, so an arrow-shaped Hessian needs two colours where a Jacobian-style colouring needs n.</item>
/// </list>
/// </summary>
public sealed class Coloring
{
    private readonly int[] _colors;

    private Coloring(int[] colors, bool symmetric)
    {
        _colors = colors;
        IsSymmetric = symmetric;
        ColorCount = colors.Length == 0 ? 0 : colors.Max() + 1;
    }

    /// <summary>A colouring given colour by colour (for example one computed elsewhere); check it with <see cref="IsValidStarColoringOf"/> or <see cref="IsValidColumnColoringOf"/>.</summary>
    /// <param name="colors">The colour of every column: 0, 1, 2, …</param>
    /// <param name="symmetric">True for a star colouring of a symmetric pattern (recovery then uses symmetry).</param>
    /// <returns>The colouring.</returns>
    public static Coloring FromColors(IReadOnlyList<int> colors, bool symmetric)
    {
        ArgumentNullException.ThrowIfNull(colors);
        for (var j = 0; j < colors.Count; j++)
        {
            if (colors[j] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(colors), $"Column {j} has the negative colour {colors[j]}.");
            }
        }

        return new Coloring(colors.ToArray(), symmetric);
    }

    /// <summary>The colour (0 … <see cref="ColorCount"/> − 1) of every column.</summary>
    public IReadOnlyList<int> Colors => _colors;

    /// <summary>The number of colours: the number of derivative passes the compressed evaluation needs.</summary>
    public int ColorCount { get; }

    /// <summary>True for a star colouring of a symmetric pattern (recovery uses symmetry).</summary>
    public bool IsSymmetric { get; }

    /// <summary>The seed direction of one colour: 1 in the colour's columns, 0 elsewhere.</summary>
    /// <param name="color">The colour.</param>
    /// <param name="direction">Receives the direction; its length must be the number of columns.</param>
    public void Seed(int color, Span<double> direction)
    {
        if (direction.Length != _colors.Length)
        {
            throw new ArgumentException($"The direction needs {_colors.Length} entries, one per column; it has {direction.Length}.", nameof(direction));
        }

        for (var j = 0; j < _colors.Length; j++)
        {
            direction[j] = _colors[j] == color ? 1 : 0;
        }
    }

    /// <summary>
    /// Colours the columns of a Jacobian pattern greedily (largest row count first) so that no
    /// two columns with a nonzero in the same row share a colour.
    /// </summary>
    /// <param name="pattern">The Jacobian pattern.</param>
    /// <returns>The colouring.</returns>
    public static Coloring Columns(SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var n = pattern.Columns;
        var rowsOf = new List<int>[n];
        for (var j = 0; j < n; j++)
        {
            rowsOf[j] = [];
        }

        for (var r = 0; r < pattern.Rows; r++)
        {
            foreach (var c in pattern.ColumnsOf(r))
            {
                rowsOf[c].Add(r);
            }
        }

        var colors = new int[n];
        Array.Fill(colors, -1);
        var forbidden = new int[n + 1];
        Array.Fill(forbidden, -1);
        foreach (var j in Enumerable.Range(0, n).OrderByDescending(j => rowsOf[j].Count).ThenBy(j => j))
        {
            foreach (var r in rowsOf[j])
            {
                foreach (var other in pattern.ColumnsOf(r))
                {
                    if (colors[other] >= 0)
                    {
                        forbidden[colors[other]] = j;
                    }
                }
            }

            colors[j] = FirstAllowed(forbidden, j);
        }

        return new Coloring(colors, symmetric: false);
    }

    /// <summary>
    /// Star-colours a symmetric pattern greedily (largest degree first): a colour is refused when
    /// a neighbour has it, or when taking it would make a path on four vertices with only two
    /// colours, which would leave some entry readable from no compressed column.
    /// </summary>
    /// <param name="pattern">The symmetric (Hessian) pattern.</param>
    /// <returns>The colouring.</returns>
    /// <exception cref="ArgumentException">The pattern is not square and symmetric.</exception>
    public static Coloring Star(SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.IsSymmetric)
        {
            throw new ArgumentException($"A star colouring needs a square symmetric pattern (a Hessian's); this one is {pattern.Rows}×{pattern.Columns} and not symmetric.", nameof(pattern));
        }

        var n = pattern.Columns;
        var neighbours = new int[n][];
        for (var v = 0; v < n; v++)
        {
            var row = pattern.ColumnsOf(v);
            var list = new List<int>(row.Length);
            foreach (var w in row)
            {
                if (w != v)
                {
                    list.Add(w);
                }
            }

            neighbours[v] = list.ToArray();
        }

        var colors = new int[n];
        Array.Fill(colors, -1);
        var forbidden = new int[n + 1];
        Array.Fill(forbidden, -1);
        var sameColourNeighbours = new int[n + 1]; // per colour d: how many neighbours of v have colour d
        foreach (var v in Enumerable.Range(0, n).OrderByDescending(v => neighbours[v].Length).ThenBy(v => v))
        {
            foreach (var w in neighbours[v])
            {
                if (colors[w] >= 0)
                {
                    forbidden[colors[w]] = v;
                    sameColourNeighbours[colors[w]]++;
                }
            }

            // Giving v colour c = colour(x) for a path v – w – x (colour(w) = d) makes v and x
            // leaves of a two-coloured star centred at w. That is allowed only when v has no other
            // neighbour of colour d and x has none besides w; otherwise a bicoloured path on four
            // vertices appears (u–v–w–x or v–w–x–y).
            foreach (var w in neighbours[v])
            {
                var d = colors[w];
                if (d < 0)
                {
                    continue;
                }

                foreach (var x in neighbours[w])
                {
                    var c = colors[x];
                    if (x == v || c < 0 || forbidden[c] == v)
                    {
                        continue;
                    }

                    if (sameColourNeighbours[d] > 1 || HasOtherNeighbourOfColour(neighbours[x], colors, d, w))
                    {
                        forbidden[c] = v;
                    }
                }
            }

            colors[v] = FirstAllowed(forbidden, v);
            foreach (var w in neighbours[v])
            {
                if (colors[w] >= 0)
                {
                    sameColourNeighbours[colors[w]] = 0;
                }
            }
        }

        return new Coloring(colors, symmetric: true);
    }

    /// <summary>Tells whether this is a valid star colouring of a symmetric pattern: proper, and no path on four vertices uses only two colours.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns>True when valid.</returns>
    public bool IsValidStarColoringOf(SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Columns != _colors.Length || !pattern.IsSymmetric)
        {
            return false;
        }

        foreach (var (v, w) in pattern.Entries())
        {
            if (v == w)
            {
                continue;
            }

            if (_colors[v] == _colors[w])
            {
                return false;
            }

            // Edge v–w as the middle of a path u–v–w–x with colour(u) = colour(w) and colour(x) = colour(v).
            foreach (var u in pattern.ColumnsOf(v))
            {
                if (u == w || u == v || _colors[u] != _colors[w])
                {
                    continue;
                }

                foreach (var x in pattern.ColumnsOf(w))
                {
                    if (x != v && x != w && x != u && _colors[x] == _colors[v])
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Tells whether no two columns with a nonzero in the same row share a colour (a valid Jacobian colouring).</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns>True when valid.</returns>
    public bool IsValidColumnColoringOf(SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Columns != _colors.Length)
        {
            return false;
        }

        for (var r = 0; r < pattern.Rows; r++)
        {
            var seen = new HashSet<int>();
            foreach (var c in pattern.ColumnsOf(r))
            {
                if (!seen.Add(_colors[c]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool HasOtherNeighbourOfColour(int[] neighboursOfX, int[] colors, int color, int except)
    {
        foreach (var y in neighboursOfX)
        {
            if (y != except && colors[y] == color)
            {
                return true;
            }
        }

        return false;
    }

    private static int FirstAllowed(int[] forbidden, int vertex)
    {
        var c = 0;
        while (forbidden[c] == vertex)
        {
            c++;
        }

        return c;
    }
}
