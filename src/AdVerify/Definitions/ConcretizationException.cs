namespace AdVerify.Definitions;

/// <summary>
/// Thrown when code being traced into an expression asks a question about a value that a
/// symbolic trace does not have (a comparison, a branch, rounding, a conversion to double), as
/// JAX does with its concretization error. The message names the operation and what to do:
/// trace at a point (branches taken as at that point), or differentiate with the tape, which
/// follows branches.
/// </summary>
public sealed class ConcretizationException : InvalidOperationException
{
    /// <summary>Creates the exception for an operation.</summary>
    /// <param name="operation">The value-dependent operation, for example <c>the comparison x &lt; y</c>.</param>
    public ConcretizationException(string operation)
        : base($"{operation} depends on the value of a traced variable, so the code cannot be traced into one expression valid everywhere. " +
               "Trace it at a point instead (Trace.At: branches are taken as at that point), or differentiate it with the tape (reverse mode), which follows branches.")
    {
        Operation = operation;
    }

    /// <summary>The operation that needed a value.</summary>
    public string Operation { get; }
}
