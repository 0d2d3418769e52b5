using System.Numerics;

namespace AdVerify.Definitions;

/// <summary>
/// A function ℝⁿ → ℝ defined once, as C# (or F#) code generic over the scalar type, so that
/// AdVerify can run the same definition on every number it has: <see cref="double"/> for values,
/// dual numbers for forward mode, tape variables for reverse mode, <see cref="Traced"/> to turn
/// it into a symbolic expression or a compiled gradient, and a complex-step scalar. Implement it
/// with a small struct or class; use <c>T.CreateChecked(1.5)</c> for constants and
/// <see cref="AdMath"/> for functions the BCL lacks (erf, sec, sign, user primitives):
/// <code>
/// readonly struct Rosenbrock : IScalarFunction
/// {
///     public T Invoke&lt;T&gt;(ReadOnlySpan&lt;T&gt; x) where T : IFloatingPointIeee754&lt;T&gt;
///     {
///         var sum = T.Zero;
///         for (var i = 0; i + 1 &lt; x.Length; i++)
///         {
///             var a = T.One - x[i];
///             var b = x[i + 1] - (x[i] * x[i]);
///             sum += (a * a) + (T.CreateChecked(100) * b * b);
///         }
///         return sum;
///     }
/// }
/// </code>
/// Branches and loops are allowed; a branch on a value only limits symbolic tracing (trace at a
/// point instead, see <see cref="Trace"/>).
/// </summary>
public interface IScalarFunction
{
    /// <summary>Evaluates the function at a point, on any scalar type.</summary>
    /// <typeparam name="T">The scalar: double, float, or an AdVerify number.</typeparam>
    /// <param name="x">The coordinates (do not keep the span beyond the call).</param>
    /// <returns>The value.</returns>
    T Invoke<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>;
}
