using System.Numerics;
using AdVerify.Definitions;

namespace AdVerify.Tests;

/// <summary>The chained Rosenbrock function Σ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)², written once (as a loop) for every scalar; its minimum is (1, …, 1). Shared by the tests of every folder.</summary>
internal readonly struct Rosenbrock : IScalarFunction
{
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

    /// <summary>The classic start (−1.2, 1, −1.2, 1, …).</summary>
    public static double[] Start(int n) => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();

    /// <summary>The gradient by hand; <paramref name="slip"/> multiplies the 100·b term of ∂/∂xᵢ₊₁ (1 is right).</summary>
    public static double[] Gradient(double[] x, double slip = 1)
    {
        var g = new double[x.Length];
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var b = x[i + 1] - (x[i] * x[i]);
            g[i] += (-2 * (1 - x[i])) - (400 * x[i] * b);
            g[i + 1] += 200 * slip * b;
        }

        return g;
    }
}
