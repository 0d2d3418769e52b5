using System.Numerics;

namespace AdVerify.Tests.Scalars;

/// <summary>User code written against BCL generic-math interfaces only (so double satisfies it too).</summary>
public static class UserFunctions
{
    /// <summary>The seed function log(x·y) + sin z.</summary>
    public static T Seed<T>(T x, T y, T z)
        where T : INumberBase<T>, ITrigonometricFunctions<T>, ILogarithmicFunctions<T> =>
        T.Log(x * y) + T.Sin(z);

    public static T Seed<T>(T[] v)
        where T : INumberBase<T>, ITrigonometricFunctions<T>, ILogarithmicFunctions<T> =>
        Seed(v[0], v[1], v[2]);

    /// <summary>Σ 100 (x[i+1] − x[i]²)² + (1 − x[i])².</summary>
    public static T Rosenbrock<T>(T[] x)
        where T : INumberBase<T>
    {
        var hundred = T.CreateTruncating(100.0);
        var sum = T.Zero;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var a = x[i + 1] - (x[i] * x[i]);
            var b = T.One - x[i];
            sum += (hundred * a * a) + (b * b);
        }

        return sum;
    }

    /// <summary>A loop and a branch on primal values: 6xy + (x &gt; y ? sin x : −y²).</summary>
    public static T Branchy<T>(T x, T y)
        where T : INumberBase<T>, IComparisonOperators<T, T, bool>, ITrigonometricFunctions<T>
    {
        var acc = T.Zero;
        for (var k = 1; k <= 3; k++)
        {
            acc += T.CreateChecked(k) * x * y;
        }

        return x > y ? acc + T.Sin(x) : acc - (y * y);
    }

    /// <summary>√a by Newton's iteration, stopping on a primal test.</summary>
    public static T NewtonSqrt<T>(T a)
        where T : INumberBase<T>, IComparisonOperators<T, T, bool>
    {
        var x = a;
        var half = T.CreateChecked(0.5);
        var tolerance = T.CreateChecked(1e-15) * a;
        for (var i = 0; i < 100 && T.Abs((x * x) - a) > tolerance; i++)
        {
            x = half * (x + (a / x));
        }

        return x;
    }

    /// <summary>A map ℝ³ → ℝ⁴ for Jacobian tests.</summary>
    public static T[] Map<T>(T[] v)
        where T : INumberBase<T>, ITrigonometricFunctions<T>, IExponentialFunctions<T>, IRootFunctions<T>
    {
        var (x, y, z) = (v[0], v[1], v[2]);
        return [x * y * z, T.Sin(x) + T.Exp(y * z), T.Sqrt((x * x) + (y * y) + T.One), x / (T.One + (z * z))];
    }
}
