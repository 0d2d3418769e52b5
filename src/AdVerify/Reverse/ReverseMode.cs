using AdVerify.Forward;

namespace AdVerify.Reverse;

/// <summary>
/// Reverse-mode differentiation of user code written generically (or directly) over
/// <see cref="Var{T}"/>: gradients (one forward recording plus one backward sweep, whatever
/// the number of inputs), vector–Jacobian products, Jacobians, and Hessians and
/// Hessian–vector products by forward over reverse (<c>Var&lt;Dual&lt;double&gt;&gt;</c>).
/// Each call records on a tape private to the calling thread and reuses it on the next call,
/// so parallel calls are independent and warm calls allocate nothing per operation.
/// </summary>
public static partial class ReverseMode
{
    /// <summary>The value and gradient of f : ℝⁿ → ℝ.</summary>
    /// <param name="f">The function on reverse numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>f(x) and ∇f(x).</returns>
    public static (double Value, double[] Gradient) Gradient(Func<Var<double>[], Var<double>> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var gradient = new double[x.Length];
        var value = Gradient(f, x, gradient);
        return (value, gradient);
    }

    /// <summary>
    /// The value and gradient of f : ℝⁿ → ℝ into a caller-supplied buffer. With a warm tape this
    /// allocates nothing at all (the input array handed to <paramref name="f"/> is reused between
    /// calls; do not keep it).
    /// </summary>
    /// <param name="f">The function on reverse numbers.</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Receives ∇f(x); its length must equal that of <paramref name="x"/>.</param>
    /// <returns>f(x).</returns>
    public static double Gradient(Func<Var<double>[], Var<double>> f, ReadOnlySpan<double> x, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (gradient.Length != x.Length)
        {
            throw new ArgumentException("The gradient buffer must have one entry per input.", nameof(gradient));
        }

        var tape = Tape<double>.Rent();
        try
        {
            using var scope = tape.Activate();
            var inputs = tape.ReserveInputs(x.Length, out var first);
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = new Var<double>(x[i], first + i);
            }

            var y = f(inputs);
            tape.Backward(y);
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] = tape.NodeAdjoint(first + i);
            }

            return y.Value;
        }
        finally
        {
            Tape<double>.Return(tape);
        }
    }

    /// <summary>The vector–Jacobian product uᵀJ(x) of f : ℝⁿ → ℝᵐ in one backward sweep.</summary>
    /// <param name="f">The function on reverse numbers.</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The cotangent (length m).</param>
    /// <returns>f(x) and uᵀJ(x) (length n).</returns>
    public static (double[] Values, double[] Vjp) Vjp(Func<Var<double>[], Var<double>[]> f, double[] x, double[] u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return Record(f, x, (tape, inputs, y) =>
        {
            if (y.Length != u.Length)
            {
                throw new ArgumentException("The cotangent must have one entry per output.", nameof(u));
            }

            tape.Backward(y, u);
            return (y.Select(v => v.Value).ToArray(), inputs.Select(tape.Adjoint).ToArray());
        });
    }

    /// <summary>The Jacobian of f : ℝⁿ → ℝᵐ: one recording, then one backward sweep per output (row).</summary>
    /// <param name="f">The function on reverse numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n Jacobian.</returns>
    public static double[,] Jacobian(Func<Var<double>[], Var<double>[]> f, double[] x) =>
        Record(f, x, (tape, inputs, y) =>
        {
            var jacobian = new double[y.Length, inputs.Length];
            for (var r = 0; r < y.Length; r++)
            {
                tape.Backward(y[r]);
                for (var c = 0; c < inputs.Length; c++)
                {
                    jacobian[r, c] = tape.Adjoint(inputs[c]);
                }
            }

            return jacobian;
        });

    /// <summary>The Hessian–vector product H(x)·v by forward over reverse, in one recording and one sweep.</summary>
    /// <param name="f">The function on reverse numbers over duals.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <returns>H(x)·v.</returns>
    public static double[] HessianVectorProduct(Func<Var<Dual<double>>[], Var<Dual<double>>> f, double[] x, double[] v)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(v);
        var hv = new double[x.Length];
        HessianVectorProduct(f, x, v, hv);
        return hv;
    }

    /// <summary>
    /// The Hessian–vector product H(x)·v by forward over reverse into a caller-supplied buffer.
    /// With a warm tape this allocates nothing at all (the input array handed to
    /// <paramref name="f"/> is reused between calls; do not keep it).
    /// </summary>
    /// <param name="f">The function on reverse numbers over duals.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction; its length must equal that of <paramref name="x"/>.</param>
    /// <param name="hv">Receives H(x)·v; its length must equal that of <paramref name="x"/>.</param>
    /// <returns>f(x).</returns>
    public static double HessianVectorProduct(
        Func<Var<Dual<double>>[], Var<Dual<double>>> f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (v.Length != x.Length)
        {
            throw new ArgumentException("The direction must have one entry per input.", nameof(v));
        }

        if (hv.Length != x.Length)
        {
            throw new ArgumentException("The result buffer must have one entry per input.", nameof(hv));
        }

        var tape = Tape<Dual<double>>.Rent();
        try
        {
            using var scope = tape.Activate();
            var inputs = tape.ReserveInputs(x.Length, out var first);
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = new Var<Dual<double>>(new Dual<double>(x[i], v[i]), first + i);
            }

            var y = f(inputs);
            tape.Backward(y);
            for (var i = 0; i < hv.Length; i++)
            {
                hv[i] = tape.NodeAdjoint(first + i).Tangent;
            }

            return y.Value.Value;
        }
        finally
        {
            Tape<Dual<double>>.Return(tape);
        }
    }

    /// <summary>The value, gradient and Hessian of f : ℝⁿ → ℝ by forward over reverse (n Hessian–vector products).</summary>
    /// <param name="f">The function on reverse numbers over duals.</param>
    /// <param name="x">The point.</param>
    /// <returns>The n×n Hessian.</returns>
    public static double[,] Hessian(Func<Var<Dual<double>>[], Var<Dual<double>>> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n = x.Length;
        var hessian = new double[n, n];
        var e = new double[n];
        var column = new double[n];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(e);
            e[i] = 1;
            HessianVectorProduct(f, x, e, column);
            for (var j = 0; j < n; j++)
            {
                hessian[j, i] = column[j];
            }
        }

        return hessian;
    }

    private static TResult Record<TResult>(
        Func<Var<double>[], Var<double>[]> f, double[] x, Func<Tape<double>, Var<double>[], Var<double>[], TResult> sweep)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        var tape = Tape<double>.Rent();
        try
        {
            using var scope = tape.Activate();
            var inputs = new Var<double>[x.Length];
            for (var i = 0; i < x.Length; i++)
            {
                inputs[i] = tape.Variable(x[i]);
            }

            return sweep(tape, inputs, f(inputs));
        }
        finally
        {
            Tape<double>.Return(tape);
        }
    }
}
