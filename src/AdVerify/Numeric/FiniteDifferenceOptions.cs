namespace AdVerify.Numeric;

/// <summary>Which stencils a finite-difference estimate may use.</summary>
public enum StencilChoice
{
    /// <summary>Central stencils, plus one-sided stencils when a domain edge is detected near the point.</summary>
    Auto,

    /// <summary>Central stencils only.</summary>
    CentralOnly,

    /// <summary>Forward (right-sided) stencils only: no point below the evaluation point is used.</summary>
    ForwardOnly,

    /// <summary>Backward (left-sided) stencils only: no point above the evaluation point is used.</summary>
    BackwardOnly,
}

/// <summary>Settings of the finite-difference oracle; the defaults suit smooth double-precision functions.</summary>
public sealed record FiniteDifferenceOptions
{
    /// <summary>The defaults.</summary>
    public static FiniteDifferenceOptions Default { get; } = new();

    /// <summary>
    /// An optional domain predicate. When given, the function is never called at a point for
    /// which it returns false; stencil rows that would need such a point are skipped. Without
    /// it, non-finite function values are the only domain signal.
    /// </summary>
    public Func<double[], bool>? Domain { get; init; }

    /// <summary>
    /// Optional characteristic length per coordinate. By default max(|xᵢ|, 1) is used; the step
    /// sequence starts at about half this length (or half the distance to a detected domain edge).
    /// </summary>
    public IReadOnlyList<double>? Scale { get; init; }

    /// <summary>Which stencils to use.</summary>
    public StencilChoice Stencils { get; init; } = StencilChoice.Auto;

    /// <summary>Numbers of points of the central first-derivative stencils tried (even numbers; second derivatives use one more point).</summary>
    public IReadOnlyList<int> CentralPoints { get; init; } = [2, 4, 6, 8];

    /// <summary>Accuracy orders of the one-sided stencils tried.</summary>
    public IReadOnlyList<int> OneSidedOrders { get; init; } = [2, 3, 4, 5];

    /// <summary>Number of steps in each sequence h, h/2, h/4, … (rows of the Richardson tableau).</summary>
    public int Rows { get; init; } = 14;

    /// <summary>Maximum number of Richardson extrapolation columns beyond the raw differences.</summary>
    public int MaxExtrapolations { get; init; } = 5;

    /// <summary>
    /// The assumed relative rounding error of one function value, as a multiple of machine
    /// epsilon; rounding contributes this · ε · Σ|cᵢ f(xᵢ)| / hᵐ to each error estimate.
    /// </summary>
    public double RoundingUlps { get; init; } = 4;

    /// <summary>
    /// The spacing, relative to the step scale, of the nine points from which the rounding noise of the
    /// function's values is estimated (their 6th to 8th differences). The default 2⁻²⁰ suits double
    /// code; float code needs a coarser probe (2⁻¹⁰), since its values form a staircase that finer
    /// spacing sees as flat.
    /// </summary>
    public double NoiseProbe { get; init; } = Math.ScaleB(1.0, -20);

    /// <summary>Factor applied to the selected error estimate, to make it a bound rather than a guess.</summary>
    public double Safety { get; init; } = 2;
}
