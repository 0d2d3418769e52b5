using System.Numerics;

namespace AdVerify.Tests.Sparsity;

/// <summary>Generic functions with known sparse Hessians and Jacobians.</summary>
public static class SparseTestFunctions
{
    /// <summary>Arrow-shaped Hessian: x₀ interacts with every input, the others only with themselves and x₀.</summary>
    public static T Arrow<T>(T[] x)
        where T : INumberBase<T>, ITrigonometricFunctions<T>
    {
        var sum = T.Zero;
        for (var i = 1; i < x.Length; i++)
        {
            sum += T.Sin(x[0] * x[i]) + (x[i] * x[i] * x[i]);
        }

        return sum;
    }

    /// <summary>Pentadiagonal Hessian: products of three neighbours.</summary>
    public static T Banded<T>(T[] x)
        where T : INumberBase<T>, IExponentialFunctions<T>
    {
        var sum = T.Zero;
        for (var i = 0; i + 2 < x.Length; i++)
        {
            sum += x[i] * x[i + 1] * x[i + 2] + T.Exp(x[i] / T.CreateTruncating(4.0));
        }

        return sum;
    }

    /// <summary>Σ over the edges of a fixed random graph of sin(xᵢ·xⱼ), plus Σ xᵢ³: a random symmetric pattern.</summary>
    public static Func<T[], T> RandomGraph<T>(int n, double density, int seed)
        where T : INumberBase<T>, ITrigonometricFunctions<T>
    {
        var random = new Random(seed);
        var edges = new List<(int, int)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (random.NextDouble() < density)
                {
                    edges.Add((i, j));
                }
            }
        }

        return x =>
        {
            var sum = T.Zero;
            foreach (var (i, j) in edges)
            {
                sum += T.Sin(x[i] * x[j]);
            }

            for (var i = 0; i < n; i++)
            {
                sum += x[i] * x[i] * x[i];
            }

            return sum;
        };
    }

    /// <summary>A tridiagonal map: yᵢ = xᵢ² − xᵢ₋₁·xᵢ₊₁ + sin xᵢ (missing neighbours taken as 1).</summary>
    public static T[] TridiagonalMap<T>(T[] x)
        where T : INumberBase<T>, ITrigonometricFunctions<T>
    {
        var y = new T[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var left = i > 0 ? x[i - 1] : T.One;
            var right = i + 1 < x.Length ? x[i + 1] : T.One;
            y[i] = (x[i] * x[i]) - (left * right) + T.Sin(x[i]);
        }

        return y;
    }

    /// <summary>A map whose outputs each depend on a few random inputs.</summary>
    public static Func<T[], T[]> RandomMap<T>(int m, int n, int perRow, int seed)
        where T : INumberBase<T>, IExponentialFunctions<T>
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, m).Select(_ => Enumerable.Range(0, perRow).Select(_ => random.Next(n)).ToArray()).ToArray();
        return x => rows.Select(cols =>
        {
            var acc = T.One;
            foreach (var c in cols)
            {
                acc = (acc * x[c]) + T.Exp(x[c] / T.CreateTruncating(3.0));
            }

            return acc;
        }).ToArray();
    }

    public static double[] Point(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
    }
}
