using System.Globalization;

namespace AdVerify.NUnit;

/// <summary>One point given by the user: named values, or coordinates in the function's variable order.</summary>
/// <param name="Named">Variable → value, or null.</param>
/// <param name="Coordinates">Coordinates in order, or null.</param>
public sealed record GivenPoint(IReadOnlyDictionary<string, double>? Named, IReadOnlyList<double>? Coordinates)
{
    /// <summary>A point as <c>x=2, y=3</c> or <c>(2, 3)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Named is not null
            ? string.Join(", ", Named.Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}"))
            : "(" + string.Join(", ", Coordinates!.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + ")";
}

/// <summary>How many points to generate inside the domain, and the seed that makes them repeatable.</summary>
/// <param name="Count">How many points.</param>
/// <param name="Seed">The seed.</param>
public sealed record GeneratedPoints(int Count, int Seed);

/// <summary>Where a gradient is verified: explicit points, or points generated in the domain with a fixed seed.</summary>
public sealed class VerificationPoints
{
    private VerificationPoints(IReadOnlyList<GivenPoint> points, GeneratedPoints? generated)
    {
        Points = points;
        Generated = generated;
    }

    /// <summary>The explicit points (empty when generated).</summary>
    public IReadOnlyList<GivenPoint> Points { get; }

    /// <summary>The generation settings, or null for explicit points.</summary>
    public GeneratedPoints? Generated { get; }

    /// <summary>Explicit points.</summary>
    /// <param name="points">The points.</param>
    /// <returns>The point set.</returns>
    /// <exception cref="ArgumentException">No point is given.</exception>
    public static VerificationPoints Given(IReadOnlyList<GivenPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("give at least one point", nameof(points));
        }

        return new VerificationPoints(points, null);
    }

    /// <summary>Points generated inside the function's domain (where its value is finite), repeatably.</summary>
    /// <param name="count">How many points.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The point set.</returns>
    public static VerificationPoints InDomain(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new VerificationPoints([], new GeneratedPoints(count, seed));
    }

    /// <summary>Describes the points for assertion messages.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Generated is { } g
            ? $"{g.Count} point(s) generated in the domain (seed {g.Seed})"
            : Points.Count == 1 ? Points[0].ToString() : string.Join("; ", Points.Select(p => "[" + p + "]"));
}
