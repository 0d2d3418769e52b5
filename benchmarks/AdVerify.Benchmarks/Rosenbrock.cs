using System.Numerics;
using AdVerify.Definitions;

namespace AdVerify.Benchmarks;

/// <summary>The chained Rosenbrock function Σ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)², written once as a loop for every scalar; shared by the benchmarks.</summary>
public readonly struct Rosenbrock : IScalarFunction
{
    /// <inheritdoc />
    public T Invoke<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var sum = T.Zero;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var a = T.One - x[i];
            var b = x[i + 1] - (x[i] * x[i]);
            sum += (a * a) + (T.CreateChecked(100) * b * b);
        }

        return sum;
    }

    /// <summary>The gradient written by hand (the claim the verification benchmarks check).</summary>
    /// <param name="x">The point.</param>
    /// <returns>∇f(x).</returns>
    public static double[] Gradient(double[] x)
    {
        var g = new double[x.Length];
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var b = x[i + 1] - (x[i] * x[i]);
            g[i] += (-2 * (1 - x[i])) - (400 * x[i] * b);
            g[i + 1] += 200 * b;
        }

        return g;
    }
}
