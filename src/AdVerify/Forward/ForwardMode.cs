using System.Numerics;

namespace AdVerify.Forward;

/// <summary>
/// Forward-mode differentiation of user code written generically (or directly) over dual
/// numbers: derivatives, gradients, Jacobian–vector products, Jacobians (one pass with
/// <see cref="DualVector"/>, or column by column with <see cref="Dual{T}"/>) and Hessians
/// (forward over forward).
/// </summary>
public static partial class ForwardMode
{
    /// <summary>The derivative f′(x) of a scalar function.</summary>
    /// <typeparam name="T">The scalar: double, or a dual type for nested (higher or mixed) derivatives.</typeparam>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>f′(x).</returns>
    public static T Derivative<T>(Func<Dual<T>, Dual<T>> f, T x)
        where T : INumber<T>, ITrigonometricFunctions<T>, IHyperbolicFunctions<T>, IExponentialFunctions<T>,
            ILogarithmicFunctions<T>, IPowerFunctions<T>, IRootFunctions<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(Dual<T>.Variable(x)).Tangent;
    }

    /// <summary>The value f(x) and derivative f′(x) of a scalar function.</summary>
    /// <typeparam name="T">The scalar: double, or a dual type for nesting.</typeparam>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>f(x) and f′(x).</returns>
    public static (T Value, T Derivative) ValueAndDerivative<T>(Func<Dual<T>, Dual<T>> f, T x)
        where T : INumber<T>, ITrigonometricFunctions<T>, IHyperbolicFunctions<T>, IExponentialFunctions<T>,
            ILogarithmicFunctions<T>, IPowerFunctions<T>, IRootFunctions<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        var y = f(Dual<T>.Variable(x));
        return (y.Value, y.Tangent);
    }

    /// <summary>The gradient of f : ℝⁿ → ℝ, one forward pass per input.</summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>f(x) and ∇f(x).</returns>
    public static (double Value, double[] Gradient) Gradient(Func<Dual<double>[], Dual<double>> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        var gradient = new double[x.Length];
        var value = x.Length == 0 ? f([]).Value : 0.0;
        var inputs = new Dual<double>[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            Seed(inputs, x, i);
            var y = f(inputs);
            (value, gradient[i]) = (y.Value, y.Tangent);
        }

        return (value, gradient);
    }

    /// <summary>The directional derivative ∇f(x)·v of f : ℝⁿ → ℝ in one forward pass.</summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <returns>f(x) and ∇f(x)·v.</returns>
    public static (double Value, double Directional) DirectionalDerivative(Func<Dual<double>[], Dual<double>> f, double[] x, double[] v)
    {
        ArgumentNullException.ThrowIfNull(f);
        var y = f(Directions(x, v));
        return (y.Value, y.Tangent);
    }

    /// <summary>The Jacobian–vector product J(x)·v of f : ℝⁿ → ℝᵐ in one forward pass.</summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction (length n).</param>
    /// <returns>f(x) and J(x)·v.</returns>
    public static (double[] Values, double[] Jvp) Jvp(Func<Dual<double>[], Dual<double>[]> f, double[] x, double[] v)
    {
        ArgumentNullException.ThrowIfNull(f);
        var y = f(Directions(x, v));
        return (y.Select(d => d.Value).ToArray(), y.Select(d => d.Tangent).ToArray());
    }

    /// <summary>The Jacobian of f : ℝⁿ → ℝᵐ in ONE forward pass with n tangents per number (<see cref="DualVector"/>).</summary>
    /// <param name="f">The function on multi-tangent numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n Jacobian.</returns>
    public static double[,] Jacobian(Func<DualVector[], DualVector[]> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        using var session = TangentArena.Begin(x.Length);
        var inputs = new DualVector[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            inputs[i] = DualVector.Variable(x[i], i);
        }

        var y = f(inputs);
        var jacobian = new double[y.Length, x.Length];
        for (var r = 0; r < y.Length; r++)
        {
            for (var c = 0; c < x.Length; c++)
            {
                jacobian[r, c] = y[r].TangentAt(c);
            }
        }

        return jacobian;
    }

    /// <summary>The value and gradient of f : ℝⁿ → ℝ in ONE forward pass with n tangents per number.</summary>
    /// <param name="f">The function on multi-tangent numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>f(x) and ∇f(x).</returns>
    public static (double Value, double[] Gradient) GradientOnePass(Func<DualVector[], DualVector> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        var value = 0.0;
        var j = Jacobian(v => { var y = f(v); value = y.Value; return [y]; }, x);
        var gradient = new double[x.Length];
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = j[0, i];
        }

        return (value, gradient);
    }

    /// <summary>The Jacobian of f : ℝⁿ → ℝᵐ, one <see cref="Dual{T}"/> pass per column.</summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n Jacobian.</returns>
    public static double[,] JacobianByColumns(Func<Dual<double>[], Dual<double>[]> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        var inputs = new Dual<double>[x.Length];
        double[,]? jacobian = null;
        for (var c = 0; c < x.Length; c++)
        {
            Seed(inputs, x, c);
            var y = f(inputs);
            jacobian ??= new double[y.Length, x.Length];
            for (var r = 0; r < y.Length; r++)
            {
                jacobian[r, c] = y[r].Tangent;
            }
        }

        return jacobian ?? new double[f(inputs).Length, 0];
    }

    /// <summary>The Hessian of f : ℝⁿ → ℝ by forward over forward (nested duals), one pass per entry of the upper triangle.</summary>
    /// <param name="f">The function on doubly nested dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The symmetric n×n Hessian.</returns>
    public static double[,] Hessian(Func<Dual<Dual<double>>[], Dual<Dual<double>>> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        var n = x.Length;
        var hessian = new double[n, n];
        var inputs = new Dual<Dual<double>>[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    inputs[k] = new(new Dual<double>(x[k], k == i ? 1 : 0), new Dual<double>(k == j ? 1 : 0, 0));
                }

                hessian[i, j] = hessian[j, i] = f(inputs).Tangent.Tangent;
            }
        }

        return hessian;
    }

    private static void Seed(Dual<double>[] inputs, double[] x, int direction)
    {
        for (var k = 0; k < x.Length; k++)
        {
            inputs[k] = new Dual<double>(x[k], k == direction ? 1 : 0);
        }
    }

    private static Dual<double>[] Directions(double[] x, double[] v)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(v);
        if (x.Length != v.Length)
        {
            throw new ArgumentException("The direction must have one entry per input.", nameof(v));
        }

        var inputs = new Dual<double>[x.Length];
        for (var k = 0; k < x.Length; k++)
        {
            inputs[k] = new Dual<double>(x[k], v[k]);
        }

        return inputs;
    }
}
