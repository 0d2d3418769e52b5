using AdVerify.Definitions;

namespace AdVerify.Verification.Pipeline;

/// <summary>What is verified: a definition, the variables differentiated by (the others are parameters held fixed), an optional claim, and whether second derivatives are checked.</summary>
/// <param name="Definition">The function.</param>
/// <param name="Wrt">Indices (into the definition's variables) of the variables differentiated by.</param>
/// <param name="Claim">The claimed gradient, or null.</param>
/// <param name="Hessian">Whether the Hessian is checked too.</param>
/// <param name="Mode">Per-entry comparison, projections first, or chosen by size.</param>
internal sealed record Problem(Definition Definition, IReadOnlyList<int> Wrt, ClaimedGradient? Claim, bool Hessian, VerificationMode Mode)
{
    /// <summary>The claimed Hessian, or null (a claim implies <see cref="Hessian"/>).</summary>
    public ClaimedHessian? HessianClaim { get; init; }

    /// <summary>Claimed derivatives of order 3 and up (<see cref="HigherDerivativeStage"/>), or null.</summary>
    public WrittenHigherClaims? HigherClaim { get; init; }

    /// <summary>Float32 also compares the definition run in single precision with the double run (<see cref="Float32Stage"/>).</summary>
    public Precision Precision { get; init; }

    /// <summary>A claimed gradient computed in float, judged by the float32 stage (not the double pipeline), or null.</summary>
    public ClaimedGradient? Float32Claim { get; init; }

    /// <summary>The names of the differentiated variables.</summary>
    public IReadOnlyList<string> WrtNames => _wrtNames is { } names && names.Length == Wrt.Count && ReferenceEquals(_wrtFor, Wrt)
        ? names
        : (_wrtNames = (_wrtFor = Wrt).Select(i => Definition.Variables[i]).ToArray());

    // Computed on use (a `with` copy that changes Wrt must not keep the old names).
    private string[]? _wrtNames;
    private IReadOnlyList<int>? _wrtFor;

    /// <summary>True when the fast (projection) mode runs for this problem.</summary>
    public bool UsesProjections => Mode == VerificationMode.Projections || (Mode == VerificationMode.Auto && Wrt.Count > ProjectionThreshold);

    /// <summary>Symbolic derivatives of an expression valid everywhere, computed once per case (variable → derivative).</summary>
    public Dictionary<string, AdVerify.Expressions.Expr> SymbolicDerivatives { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Symbolic directional derivatives with the direction left symbolic (Σ uᵢ·∂f/∂xᵢ and Σ vⱼuᵢ·∂²f/∂xᵢ∂xⱼ),
    /// built once per case and evaluated for each random direction; null until first needed.
    /// </summary>
    public (AdVerify.Definitions.Computation First, AdVerify.Definitions.Computation? Second)? SymbolicProjections { get; set; }

    /// <summary>Above this many variables the automatic mode checks random projections first.</summary>
    public const int ProjectionThreshold = 24;
}
