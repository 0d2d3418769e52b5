namespace AdVerify;

/// <summary>
/// Marks a function in your own assembly for <c>adverify verify --assembly YourLib.dll</c> (and the
/// Cake <c>Verify</c> task), which loads the assembly, finds every marked function and verifies its
/// gradient by every source (forward, reverse, symbolic by tracing, complex step, finite
/// differences and your hand-written gradient) at the points you list. Two shapes can be marked:
/// <list type="bullet">
/// <item>a public static generic method whose parameters are all of its type parameter and which
/// returns it, constrained only by .NET generic-math interfaces:
/// <c>[Verify(Points = "w=0.3,b=-0.2")] public static T Loss&lt;T&gt;(T w, T b) where T : INumberBase&lt;T&gt;, IExponentialFunctions&lt;T&gt;, ILogarithmicFunctions&lt;T&gt;</c>
/// (the parameter names are the variable names);</item>
/// <item>a public one-definition type (<see cref="Definitions.IScalarFunction"/>) with a
/// parameterless constructor, whose variables are named by <see cref="Definitions.VariablesAttribute"/>
/// (or are <c>x0, x1, …</c> without it).</item>
/// </list>
/// The case is named <c>Type.Method</c> (or <c>Type</c>) in the report.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class VerifyAttribute : Attribute
{
    /// <summary>Marks a function; set <see cref="Points"/>.</summary>
    public VerifyAttribute()
    {
    }

    /// <summary>Marks a function to verify at the given points.</summary>
    /// <param name="points">The points, as for <see cref="Points"/>.</param>
    public VerifyAttribute(string points) => Points = points;

    /// <summary>
    /// The points to verify at, in the syntax of the command line's <c>--at</c> option, points
    /// separated by semicolons: <c>"S=100,sigma=0.2; S=80,sigma=0.35"</c>. Every point gives a value
    /// to every variable.
    /// </summary>
    public string Points { get; set; } = "";

    /// <summary>
    /// The name of your hand-written gradient, a public static method of the same type that takes
    /// one <see cref="double"/> per variable (or one <c>double[]</c>) and returns <c>double[]</c>,
    /// one partial derivative per variable in order; null when there is none to check.
    /// </summary>
    public string? Claimed { get; set; }

    /// <summary>Whether to verify the second derivatives (the Hessian) too.</summary>
    public bool Hessian { get; set; }
}
