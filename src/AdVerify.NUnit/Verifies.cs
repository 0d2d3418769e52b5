namespace AdVerify.NUnit;

/// <summary>
/// Constraint syntax that does not clash with NUnit's <c>Is</c>:
/// <c>Assert.That(Gradient.Of("x*y").Claimed("x=y; y=x"), Verifies.At(("x", 2), ("y", 3)))</c>.
/// </summary>
public static class Verifies
{
    /// <summary>The default number of generated points.</summary>
    public const int DefaultPointCount = 8;

    /// <summary>The default seed of generated points.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Verifies at one point given as (variable, value) pairs.</summary>
    /// <param name="point">The point.</param>
    /// <returns>The constraint.</returns>
    public static GradientConstraint At(params (string Variable, double Value)[] point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new GradientConstraint(VerificationPoints.Given([Named(point)]));
    }

    /// <summary>Verifies at one point given by coordinates in the function's variable order (sorted variables for expressions).</summary>
    /// <param name="coordinates">The coordinates.</param>
    /// <returns>The constraint.</returns>
    public static GradientConstraint At(params double[] coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        return new GradientConstraint(VerificationPoints.Given([new GivenPoint(null, coordinates.ToArray())]));
    }

    /// <summary>Verifies at several points, each given as variable → value.</summary>
    /// <param name="points">The points.</param>
    /// <returns>The constraint.</returns>
    public static GradientConstraint AtPoints(params IReadOnlyDictionary<string, double>[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return new GradientConstraint(VerificationPoints.Given(points.Select(p => new GivenPoint(p, null)).ToArray()));
    }

    /// <summary>Verifies at several points, each given by coordinates in the function's variable order.</summary>
    /// <param name="points">The points.</param>
    /// <returns>The constraint.</returns>
    public static GradientConstraint AtPoints(params double[][] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return new GradientConstraint(VerificationPoints.Given(points.Select(p => new GivenPoint(null, p.ToArray())).ToArray()));
    }

    /// <summary>Verifies at points generated inside the domain with a fixed seed, so failures repeat.</summary>
    /// <param name="count">How many points.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The constraint.</returns>
    public static GradientConstraint InDomain(int count = DefaultPointCount, int seed = DefaultSeed) =>
        new(VerificationPoints.InDomain(count, seed));

    internal static GivenPoint Named((string Variable, double Value)[] point)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (variable, value) in point)
        {
            if (!map.TryAdd(variable, value))
            {
                throw new ArgumentException($"the point gives '{variable}' twice", nameof(point));
            }
        }

        return new GivenPoint(map, null);
    }
}
