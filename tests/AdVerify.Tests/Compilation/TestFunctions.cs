using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Expressions;

namespace AdVerify.Tests.Compilation;

/// <summary>Definitions the compiled-path tests run on every engine.</summary>
internal static class TestFunctions
{
    /// <summary>Σ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)², written as a loop.</summary>
    public readonly struct Rosenbrock : IScalarFunction
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
    }

    /// <summary>Σⱼ vⱼ·tanh(Σᵢ wⱼᵢ·dataᵢ + bⱼ) with parameters [wⱼ₀ … wⱼ₇, bⱼ, vⱼ] per hidden unit and fixed data.</summary>
    public readonly struct TanhNetwork : IScalarFunction
    {
        public static readonly double[] Data = [0.5, -1.25, 2.0, 0.75, -0.3, 1.1, 0.05, -2.2];

        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T>
        {
            var width = Data.Length + 2;
            var y = T.Zero;
            for (var j = 0; j + width <= p.Length; j += width)
            {
                var s = p[j + Data.Length];
                for (var i = 0; i < Data.Length; i++)
                {
                    s += p[j + i] * T.CreateChecked(Data[i]);
                }

                y += p[j + Data.Length + 1] * T.Tanh(s);
            }

            return y;
        }
    }

    /// <summary>The logistic map iterated: x ← r·x·(1 − x), K times, from x = p[1] with r = p[0] (a value carried from iteration to iteration).</summary>
    public readonly struct Logistic(int iterations) : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T>
        {
            var x = p[1];
            for (var k = 0; k < iterations; k++)
            {
                x = p[0] * x * (T.One - x);
            }

            return x;
        }
    }

    /// <summary>A two-term recurrence yₖ₊₂ = sin(yₖ₊₁)·yₖ + xₖ (values carried one and two iterations), summed.</summary>
    public readonly struct TwoTermRecurrence : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T a = x[0], b = x[1], sum = T.Zero;
            for (var k = 2; k < x.Length; k++)
            {
                var c = (T.Sin(b) * a) + x[k];
                sum += c * c;
                (a, b) = (b, c);
            }

            return sum;
        }
    }

    /// <summary>A Fibonacci-like recurrence cₖ = cₖ₋₂ + cₖ₋₁·xₖ: a value read two iterations after it is made.</summary>
    public readonly struct Fibonacci : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T a = x[0], b = x[1], sum = T.Zero;
            for (var k = 2; k < x.Length; k++)
            {
                var c = a + (b * x[k]);
                sum += T.Sin(c);
                (a, b) = (b, c);
            }

            return sum;
        }
    }

    /// <summary>Σ (xᵢ − mean)²·exp(s·xᵢ): a mean computed before the loop and a parameter s = x[0] read by every iteration.</summary>
    public readonly struct CenteredSpread : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var mean = T.Zero;
            for (var i = 1; i < x.Length; i++)
            {
                mean += x[i];
            }

            mean /= T.CreateChecked(x.Length - 1);
            var sum = T.Zero;
            for (var i = 1; i < x.Length; i++)
            {
                var d = x[i] - mean;
                sum += d * d * T.Exp(x[0] * x[i]);
            }

            return sum;
        }
    }

    /// <summary>Two passes: hidden values in an array, then a weighted sum over it in a different order (values used long after they are made).</summary>
    public readonly struct TwoPasses : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var h = new T[x.Length];
            for (var i = 0; i < x.Length; i++)
            {
                h[i] = T.Atan(x[i] * x[(i + 1) % x.Length]);
            }

            var sum = T.Zero;
            for (var i = x.Length - 1; i >= 0; i--)
            {
                sum += h[i] * h[(i * 7) % x.Length];
            }

            return T.Sqrt(sum + T.One);
        }
    }

    /// <summary>Shared subexpressions: s = sin(x·y) and x·y used several times.</summary>
    public readonly struct Shared : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T>
        {
            var p = v[0] * v[1];
            var s = T.Sin(p);
            return (s * s) + (s * T.Cos(p)) + T.Exp(s / (T.One + (p * p))) + AdMath.Pow(p + v[2], 3.0) + AdMath.Pow(T.Abs(v[2]) + T.One, 0.5);
        }
    }

    /// <summary>y·f(x) for a one-argument function, z·f(x, y) for a two-argument one (mixed second derivatives included).</summary>
    public readonly struct CallOf(FunctionInfo function) : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> =>
            function.Arity == 1 ? v[1] * AdMath.Call(function, v[0]) : v[2] * AdMath.Call(function, v[0], v[1]);
    }

    /// <summary>A two-argument function whose first argument is an integer order, held at <paramref name="order"/>: v[1]·f(order, v[0]).</summary>
    public readonly struct CallAtOrder(FunctionInfo function, double order) : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> =>
            v[1] * AdMath.Call(function, T.CreateChecked(order), v[0]);
    }

    /// <summary>A value-dependent branch (cannot be traced once for all points).</summary>
    public readonly struct Relu : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var sum = T.Zero;
            foreach (var xi in x)
            {
                sum += xi > T.Zero ? xi * xi : T.CreateChecked(0.1) * xi;
            }

            return sum;
        }
    }

    /// <summary>A long computation without repeated structure: each term has its own constants, so nothing rerolls.</summary>
    public readonly struct Irregular(int terms) : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var sum = T.Zero;
            for (var k = 1; k <= terms; k++)
            {
                var xi = x[k % x.Length];
                sum += T.Sin(xi * T.CreateChecked(1.0 + (k * 0.001))) / T.CreateChecked(k);
            }

            return sum;
        }
    }
}
