namespace AdVerify.Symbolic;

/// <summary>How an evaluation left the real numbers.</summary>
public enum IssueKind
{
    /// <summary>A function got an argument outside its real domain, such as log(−2) or asin(2).</summary>
    Domain,

    /// <summary>A division by zero, including zero raised to a negative power.</summary>
    DivisionByZero,

    /// <summary>Finite operands gave an infinite result.</summary>
    Overflow,

    /// <summary>Operands that were not NaN gave NaN (for example ∞ − ∞).</summary>
    NaN,
}
