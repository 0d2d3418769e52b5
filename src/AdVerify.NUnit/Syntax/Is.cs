namespace AdVerify.NUnit.Syntax;

/// <summary>
/// NUnit's <c>Is</c> with AdVerify's gradient constraints added. Import it with an alias so it
/// replaces NUnit's class in a file (everything of NUnit's <c>Is</c> keeps working):
/// <c>using Is = AdVerify.NUnit.Syntax.Is;</c>, then
/// <c>Assert.That(Gradient.Of("sin(x)").Claimed("x=cos(x)"), Is.VerifiedAt(("x", 1)))</c>.
/// </summary>
public abstract class Is : global::NUnit.Framework.Is
{
    /// <summary>Prevents instances; the class only carries static syntax.</summary>
    private protected Is()
    {
    }

    /// <summary>Verifies the gradient at one point given as (variable, value) pairs.</summary>
    /// <param name="point">The point.</param>
    /// <returns>The constraint.</returns>
    public static GradientConstraint VerifiedAt(params (string Variable, double Value)[] point) => Verifies.At(point);

    /// <summary>Verifies the gradient at one point given by coordinates in the function's variable order.</summary>
    /// <param name="coordinates">The coordinates.</param>
    /// <returns>The constraint.</returns>
    public static GradientConstraint VerifiedAt(params double[] coordinates) => Verifies.At(coordinates);

    /// <summary>Verifies the gradient at several points, each given as variable → value.</summary>
    /// <param name="points">The points.</param>
    /// <returns>The constraint.</returns>
    public static GradientConstraint VerifiedAtPoints(params IReadOnlyDictionary<string, double>[] points) => Verifies.AtPoints(points);

    /// <summary>Verifies the gradient at points generated inside the domain with a fixed seed.</summary>
    /// <param name="count">How many points.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The constraint.</returns>
    public static GradientConstraint VerifiedInDomain(int count = Verifies.DefaultPointCount, int seed = Verifies.DefaultSeed) =>
        Verifies.InDomain(count, seed);

    /// <summary>Verifies the gradient at <see cref="Verifies.DefaultPointCount"/> points generated inside the domain (seed 1).</summary>
    public static GradientConstraint GradientCorrect => Verifies.InDomain();
}
