using System.Globalization;
using AdVerify.Definitions;
using AdVerify.Forward;
using AdVerify.Reverse;

namespace AdVerify.Compilation;

/// <summary>
/// A function ℝⁿ → ℝ compiled once for repeated evaluation: its value, value and gradient,
/// Hessian-vector products and dense Hessian, made by <c>Compiler.Compile</c> (the .NET
/// counterpart of JAX's <c>jit(grad(f))</c>). Normally the traced computation is compiled to IL:
/// the gradient by reverse mode as source code (a forward sweep, then an adjoint sweep, loops
/// rerolled), the Hessian-vector product by forward mode over that code. When the function cannot
/// be traced once for all points (it branches on a value) or is too large to trace, it runs on
/// the tape (<see cref="ReverseMode"/>) instead, and <see cref="Reason"/> says why. Either way the
/// object is reusable and thread-safe, and the span overloads allocate nothing per call.
/// </summary>
public sealed class CompiledFunction
{
    private readonly CompiledKernel? _value;
    private readonly CompiledKernel? _gradient;
    private readonly Lazy<CompiledKernel>? _hvp;
    private readonly IScalarFunction? _function;
    private readonly Func<Var<double>[], Var<double>>? _reverse;
    private readonly Func<Var<Dual<double>>[], Var<Dual<double>>>? _forwardOverReverse;

    internal CompiledFunction(Plan plan, int steps, TimeSpan traceTime, System.Diagnostics.Stopwatch clock)
    {
        Dimension = plan.Dimension;
        _value = new CompiledKernel(Programs.Value(plan, plan.Outputs.Length), "value");
        _gradient = new CompiledKernel(Programs.Gradient(plan), "gradient");
        _hvp = new Lazy<CompiledKernel>(() => new CompiledKernel(Programs.HessianVectorProduct(plan), "hvp"));
        IsCompiled = true;
        BuildTime = clock.Elapsed;
        var computed = plan.ComputedSteps;
        var covered = computed == 0 ? 0 : 100.0 * plan.LoopSteps / computed;
        Reason = string.Create(CultureInfo.InvariantCulture,
            $"compiled to IL: {steps:N0} traced steps (traced in {traceTime.TotalMilliseconds:0} ms), {plan.LoopCount} loop(s) covering {covered:0.#}% of the {computed:N0} computing steps; " +
            $"gradient code {_gradient.Instructions:N0} instructions in {_gradient.Blocks:N0} blocks and {_gradient.Methods:N0} method(s), workspace {_gradient.WorkspaceLength:N0} doubles");
    }

    internal CompiledFunction(IScalarFunction function, int dimension, string reason, TimeSpan buildTime)
    {
        Dimension = dimension;
        _function = function;
        _reverse = x => function.Invoke<Var<double>>(x);
        _forwardOverReverse = x => function.Invoke<Var<Dual<double>>>(x);
        Reason = reason;
        BuildTime = buildTime;
    }

    /// <summary>The number of inputs.</summary>
    public int Dimension { get; }

    /// <summary>The value-and-gradient kernel (null on the tape).</summary>
    internal CompiledKernel? GradientKernel => _gradient;

    /// <summary>True when the function runs as compiled IL; false when it runs on the tape (see <see cref="Reason"/>).</summary>
    public bool IsCompiled { get; }

    /// <summary>Why this path was taken: a summary of what was compiled, or why the function runs on the tape.</summary>
    public string Reason { get; }

    /// <summary>The time taken to trace and compile the value and gradient code (the Hessian-vector code is compiled on first use).</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>The value f(x).</summary>
    /// <param name="x">The point; one value per input.</param>
    /// <returns>f(x), computed with the same operations as the function itself.</returns>
    /// <exception cref="ArgumentException">The point has the wrong length.</exception>
    public double Value(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, "point");
        return _value is not null ? _value.Run(x, default, default, default, default) : _function!.Invoke(x);
    }

    /// <summary>The value and the gradient, written into a caller-supplied buffer (allocation-free).</summary>
    /// <param name="x">The point; one value per input.</param>
    /// <param name="gradient">Receives ∇f(x); one entry per input.</param>
    /// <returns>f(x).</returns>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckLength(x.Length, "point");
        CheckLength(gradient.Length, "gradient buffer");
        if (_gradient is null)
        {
            return ReverseMode.Gradient(_reverse!, x, gradient);
        }

        gradient.Clear();
        return _gradient.Run(x, default, gradient, default, default);
    }

    /// <summary>The value and a new gradient array.</summary>
    /// <param name="x">The point; one value per input.</param>
    /// <returns>f(x) and ∇f(x).</returns>
    /// <exception cref="ArgumentException">The point has the wrong length.</exception>
    public (double Value, double[] Gradient) Gradient(ReadOnlySpan<double> x)
    {
        var gradient = new double[Dimension];
        return (ValueAndGradient(x, gradient), gradient);
    }

    /// <summary>The Hessian-vector product ∇²f(x)·v (forward over reverse), written into a caller-supplied buffer.</summary>
    /// <param name="x">The point; one value per input.</param>
    /// <param name="v">The direction; one value per input.</param>
    /// <param name="result">Receives ∇²f(x)·v; one entry per input.</param>
    /// <returns>f(x).</returns>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="NotSupportedException">A function in the computation has no second derivative (a primitive whose derivative was given only as a delegate).</exception>
    public double HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        CheckLength(x.Length, "point");
        CheckLength(v.Length, "direction");
        CheckLength(result.Length, "result buffer");
        if (_hvp is null)
        {
            return ReverseMode.HessianVectorProduct(_forwardOverReverse!, x, v, result);
        }

        result.Clear();
        return _hvp.Value.Run(x, v, default, result, default);
    }

    /// <summary>The dense Hessian ∇²f(x), one Hessian-vector product per column.</summary>
    /// <param name="x">The point; one value per input.</param>
    /// <returns>The n×n matrix.</returns>
    /// <exception cref="ArgumentException">The point has the wrong length.</exception>
    /// <exception cref="NotSupportedException">The dimension exceeds <see cref="MaxHessianDimension"/> (use Hessian-vector products), or a function has no second derivative.</exception>
    public double[,] Hessian(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, "point");
        if (Dimension > MaxHessianDimension)
        {
            throw new NotSupportedException(
                $"a dense Hessian of dimension {Dimension:N0} would hold {(double)Dimension * Dimension:0.##E+0} entries; " +
                $"dense Hessians are limited to dimension {MaxHessianDimension:N0}, use HessianVectorProduct instead");
        }

        var n = Dimension;
        var hessian = new double[n, n];
        var e = new double[n];
        var column = new double[n];
        for (var j = 0; j < n; j++)
        {
            e[j] = 1;
            HessianVectorProduct(x, e, column);
            e[j] = 0;
            for (var i = 0; i < n; i++)
            {
                hessian[i, j] = column[i];
            }
        }

        return hessian;
    }

    /// <summary>The largest dimension for which <see cref="Hessian"/> builds a dense matrix.</summary>
    public const int MaxHessianDimension = 10_000;

    /// <inheritdoc />
    public override string ToString() => $"{(IsCompiled ? "compiled" : "tape")} function of {Dimension} input(s): {Reason}";

    private void CheckLength(int length, string what)
    {
        if (length != Dimension)
        {
            throw new ArgumentException($"the {what} has {length} entries but the function has {Dimension} input(s)");
        }
    }
}
