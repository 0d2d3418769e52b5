namespace AdVerify.Verification;

/// <summary>The names of derivative sources as they appear in reports.</summary>
public static class Sources
{
    /// <summary>Forward mode (dual numbers).</summary>
    public const string Forward = "forward";

    /// <summary>Reverse mode (tape and backward sweep).</summary>
    public const string Reverse = "reverse";

    /// <summary>The symbolic derivative, evaluated.</summary>
    public const string Symbolic = "symbolic";

    /// <summary>The complex-step derivative (analytic expressions only).</summary>
    public const string ComplexStep = "complexStep";

    /// <summary>Finite differences with Richardson extrapolation.</summary>
    public const string FiniteDifference = "finiteDifference";

    /// <summary>
    /// The derivative rule registered with a user primitive. Forward, reverse and symbolic all
    /// use that one rule, so when only finite differences disagree with them, this is the suspect.
    /// </summary>
    public const string PrimitiveRule = "primitiveRule";

    /// <summary>The gradient the user claims.</summary>
    public const string Claimed = "claimed";

    /// <summary>Second derivatives by automatic differentiation (forward over reverse).</summary>
    public const string Ad = "ad";

    /// <summary>
    /// Second derivatives by Taylor mode (its own rule card): second-order Taylor polynomials along
    /// eᵢ and eᵢ + eⱼ, the off-diagonal entries by polarization.
    /// </summary>
    public const string Taylor = "taylor";

    /// <summary>The value computed in single precision (the definition run on <c>float</c>).</summary>
    public const string Float32 = "float32";

    /// <summary>The value computed in double precision, the reference of <see cref="Float32"/>.</summary>
    public const string Double = "double";

    /// <summary>Forward mode in single precision (<c>Dual&lt;float&gt;</c>).</summary>
    public const string Forward32 = "forward32";

    /// <summary>Reverse mode in single precision (<c>Var&lt;float&gt;</c> on a <c>Tape&lt;float&gt;</c>).</summary>
    public const string Reverse32 = "reverse32";

    /// <summary>The claimed gradient computed in single precision (a written claim run on <c>float</c>, or float code).</summary>
    public const string Claimed32 = "claimed32";
}
