namespace AdVerify.Verification;

/// <summary>How the verifier compares derivatives.</summary>
public enum VerificationMode
{
    /// <summary>Per entry for small problems; projections first above a couple of dozen variables.</summary>
    Auto,

    /// <summary>Every gradient (and Hessian) entry by every source.</summary>
    PerEntry,

    /// <summary>
    /// Random directional derivatives uᵀ∇f (and uᵀHv) first, each by every source, as PyTorch's
    /// gradcheck fast mode does; only a disagreeing projection is localised to coordinates (by
    /// bisection over subsets, then single entries).
    /// </summary>
    Projections,
}
