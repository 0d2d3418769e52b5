namespace AdVerify.Verification;

/// <summary>The floating-point precision a function is verified in.</summary>
public enum Precision
{
    /// <summary>Double precision only (the default).</summary>
    Float64,

    /// <summary>
    /// Also in single precision: the value and AD run on <c>float</c>, <c>Dual&lt;float&gt;</c> and
    /// <c>Var&lt;float&gt;</c> and are compared with the same definition run in double, with tolerances from
    /// a float32 error model (ε = 2⁻²³); opaque <c>float</c> code is checked against finite differences
    /// with steps and tolerances for float32.
    /// </summary>
    Float32,
}
