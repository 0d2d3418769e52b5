using AdVerify.Definitions;
using AdVerify.Forward;
using AdVerify.Reverse;

namespace AdVerify.Optimization;

/// <summary>
/// Where an objective's derivatives come from, chosen once when the objective is made: the tape
/// (reverse mode, any code), or a gradient the user wrote by hand. The compiled path
/// (<c>Compiler.Compile</c>, for definitions that trace without branching on a value) plugs in
/// as one more engine chosen in <see cref="For{TFunction}"/>; nothing else changes.
/// </summary>
internal abstract class GradientEngine
{
    /// <summary>What computes the gradient, for <see cref="DefinitionObjective.GradientSource"/>.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// True when the verifier should check this engine's gradient as a claim: it is not one of the
    /// verifier's own sources (a hand-written or compiled gradient), so it needs checking by name.
    /// </summary>
    public abstract bool IsClaim { get; }

    /// <summary>True when <see cref="Hessian"/> can run.</summary>
    public abstract bool HasHessian { get; }

    /// <summary>The engine of a definition the optimiser differentiates by itself.</summary>
    /// <typeparam name="TFunction">The definition's type (a struct is specialised without boxing).</typeparam>
    /// <param name="function">The definition.</param>
    /// <param name="dimension">The number of coordinates (what the compiled path traces with).</param>
    /// <returns>The engine.</returns>
    public static GradientEngine For<TFunction>(TFunction function, int dimension)
        where TFunction : IScalarFunction
    {
        // The compiled path goes here once it is on main: Compiler.Compile(function, dimension)
        // traces once and falls back to the tape (with its reason) for code that branches on values.
        _ = dimension;
        return new TapeEngine<TFunction>(function);
    }

    /// <summary>The value alone.</summary>
    /// <param name="x">The point.</param>
    /// <returns>f(x).</returns>
    public abstract double Value(ReadOnlySpan<double> x);

    /// <summary>The value and the gradient.</summary>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Receives ∇f(x).</param>
    /// <returns>f(x).</returns>
    public abstract double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The dense Hessian.</summary>
    /// <param name="x">The point.</param>
    /// <returns>∇²f(x).</returns>
    public abstract double[,] Hessian(double[] x);
}

/// <summary>Reverse mode on the tape: one recording and one backward sweep per gradient; Hessians by forward over reverse.</summary>
/// <typeparam name="TFunction">The definition's type.</typeparam>
internal sealed class TapeEngine<TFunction> : GradientEngine
    where TFunction : IScalarFunction
{
    private readonly TFunction _function;
    private readonly Func<Var<double>[], Var<double>> _reverse;
    private readonly Func<Var<Dual<double>>[], Var<Dual<double>>> _forwardOverReverse;

    public TapeEngine(TFunction function)
    {
        _function = function;
        _reverse = v => function.Invoke<Var<double>>(v);
        _forwardOverReverse = v => function.Invoke<Var<Dual<double>>>(v);
    }

    public override string Description => "reverse mode on the tape";

    public override bool IsClaim => false;

    public override bool HasHessian => true;

    public override double Value(ReadOnlySpan<double> x) => _function.Invoke(x);

    public override double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => ReverseMode.Gradient(_reverse, x, gradient);

    public override double[,] Hessian(double[] x) => ReverseMode.Hessian(_forwardOverReverse, x);
}

/// <summary>
/// A gradient written by hand: values from the definition, the gradient from the user's function,
/// Hessians (when the definition is code, not an opaque delegate) from the tape.
/// </summary>
internal sealed class ClaimedGradientEngine : GradientEngine
{
    private readonly Definition _definition;
    private readonly Func<double[], double[]> _gradient;
    private readonly TapeEngine<IScalarFunction>? _secondOrder;

    public ClaimedGradientEngine(Definition definition, Func<double[], double[]> gradient)
    {
        _definition = definition;
        _gradient = gradient;
        _secondOrder = definition.Function is { } f ? new TapeEngine<IScalarFunction>(f) : null;
    }

    public override string Description => "your gradient function";

    public override bool IsClaim => true;

    public override bool HasHessian => _secondOrder is not null;

    public override double Value(ReadOnlySpan<double> x) => _definition.Evaluate(x);

    public override double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        var value = _definition.Evaluate(x);
        var g = _gradient(x.ToArray());
        if (g is null || g.Length != gradient.Length)
        {
            throw new InvalidOperationException(
                $"the gradient function of {_definition.Description} returned {(g is null ? "null" : $"{g.Length} entries")} " +
                $"but the function has {gradient.Length} variable(s) ({string.Join(", ", _definition.Variables)})");
        }

        g.CopyTo(gradient);
        return value;
    }

    public override double[,] Hessian(double[] x) =>
        _secondOrder?.Hessian(x)
        ?? throw new NotSupportedException($"{_definition.Description} is opaque (only its values are known), so it has no Hessian: use a minimiser that needs only gradients (BFGS, conjugate gradient)");
}
