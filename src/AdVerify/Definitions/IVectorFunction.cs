using System.Numerics;

namespace AdVerify.Definitions;

/// <summary>
/// A function ℝⁿ → ℝᵐ defined once, generic over the scalar type (see <see cref="IScalarFunction"/>),
/// for Jacobians, Jacobian–vector and vector–Jacobian products.
/// </summary>
public interface IVectorFunction
{
    /// <summary>Evaluates the function at a point, on any scalar type.</summary>
    /// <typeparam name="T">The scalar: double, float, or an AdVerify number.</typeparam>
    /// <param name="x">The coordinates.</param>
    /// <returns>The m outputs (a new array).</returns>
    T[] Invoke<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>;
}
