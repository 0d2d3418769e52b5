namespace AdVerify.Numeric;

/// <summary>
/// Evaluates a function at points displaced from a base point along one or two coordinates,
/// with a cache (stencils of successive steps share points), a domain guard that keeps the
/// function from being called outside its domain, and a call counter.
/// </summary>
internal sealed class StencilSampler
{
    private readonly Func<double[], double> _f;
    private readonly double[] _x;
    private readonly Func<double[], bool>? _domain;
    private readonly Dictionary<(int, double, int, double), double> _cache = new();

    public StencilSampler(Func<double[], double> f, double[] x, Func<double[], bool>? domain)
    {
        _f = f;
        _x = (double[])x.Clone();
        _domain = domain;
    }

    /// <summary>The base point (a private copy).</summary>
    public double[] Point => _x;

    /// <summary>Number of calls of the function so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Number of points at which the function returned NaN or ±∞.</summary>
    public int NonFinite { get; private set; }

    /// <summary>Number of points rejected by the domain predicate (the function was not called there).</summary>
    public int Rejected { get; private set; }

    /// <summary>The value at the base point.</summary>
    public double Center => At(0, _x[0], 0, _x[0]);

    /// <summary>The function value with coordinate <paramref name="a"/> set to <paramref name="va"/> and <paramref name="b"/> to <paramref name="vb"/> (a = b for one coordinate); NaN outside the domain.</summary>
    public double At(int a, double va, int b, double vb)
    {
        if (a == b)
        {
            vb = va;
        }

        var key = a <= b ? (a, va, b, vb) : (b, vb, a, va);
        if (_cache.TryGetValue(key, out var value))
        {
            return value;
        }

        var point = (double[])_x.Clone();
        point[a] = va;
        point[b] = vb;
        if (_domain is not null && !_domain(point))
        {
            Rejected++;
            value = double.NaN;
        }
        else
        {
            Evaluations++;
            value = _f(point);
            if (!double.IsFinite(value))
            {
                NonFinite++;
            }
        }

        _cache[key] = value;
        return value;
    }

    /// <summary>The value at the base point moved by <paramref name="delta"/> along coordinate <paramref name="a"/>.</summary>
    public double Along(int a, double delta) => At(a, _x[a] + delta, a, _x[a] + delta);

    /// <summary>True when the point moved by <paramref name="delta"/> along coordinate <paramref name="a"/> is admissible (in the domain and finite).</summary>
    public bool Admissible(int a, double delta)
    {
        var v = _x[a] + delta;
        if (_domain is not null)
        {
            var point = (double[])_x.Clone();
            point[a] = v;
            return _domain(point);
        }

        return double.IsFinite(Along(a, delta));
    }
}
