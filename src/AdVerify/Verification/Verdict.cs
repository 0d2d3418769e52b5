namespace AdVerify.Verification;

/// <summary>The verdict on one function at one point.</summary>
public enum Verdict
{
    /// <summary>Every derivative source agrees within tolerances derived from error estimates.</summary>
    Consistent,

    /// <summary>Some source disagrees at a point where the function is differentiable.</summary>
    Discrepancy,

    /// <summary>The function has a kink, cusp, jump or infinite slope at the point.</summary>
    Nondifferentiable,

    /// <summary>The value is not a real number at the point (outside a function's domain, division by zero, overflow).</summary>
    Undefined,

    /// <summary>The input itself is wrong (a parse error, a missing variable, an unknown variable in a claim).</summary>
    Error,
}

/// <summary>Text forms of verdicts as they appear in catalogues and reports.</summary>
public static class VerdictNames
{
    /// <summary>The lower-case name used in JSON (<c>consistent</c>, <c>discrepancy</c>, …).</summary>
    /// <param name="verdict">The verdict.</param>
    /// <returns>The name.</returns>
    public static string Name(this Verdict verdict) => verdict switch
    {
        Verdict.Consistent => "consistent",
        Verdict.Discrepancy => "discrepancy",
        Verdict.Nondifferentiable => "nondifferentiable",
        Verdict.Undefined => "undefined",
        _ => "error",
    };

    /// <summary>Parses a verdict name.</summary>
    /// <param name="name">The name, case-insensitive.</param>
    /// <param name="verdict">The verdict.</param>
    /// <returns>True when the name is a verdict.</returns>
    public static bool TryParse(string? name, out Verdict verdict)
    {
        foreach (var v in Enum.GetValues<Verdict>())
        {
            if (string.Equals(v.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                verdict = v;
                return true;
            }
        }

        verdict = Verdict.Error;
        return false;
    }
}
