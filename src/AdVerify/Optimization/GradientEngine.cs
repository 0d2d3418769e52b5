using AdVerify.Compilation;
using AdVerify.Definitions;
using AdVerify.Forward;
using AdVerify.Reverse;

namespace AdVerify.Optimization;

/// <summary>
/// Where an objective's derivatives come from, chosen once when the objective is made: compiled IL
/// (<c>Compiler.Compile</c>, for definitions that trace without branching on a value), the tape
/// (reverse mode, any code, the fallback), or a gradient the user wrote by hand.
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
        // Traced once; code that branches on a value (or is too long to trace) stays on the tape, saying why.
        var compiled = Symbolic.Compiler.Compile(function, dimension);
        return compiled.IsCompiled ? new CompiledEngine(compiled) : new TapeEngine<TFunction>(function, compiled.Reason);
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

    private readonly string? _notCompiled;

    public TapeEngine(TFunction function, string? notCompiled = null)
    {
        _function = function;
        _notCompiled = notCompiled;
        _reverse = v => function.Invoke<Var<double>>(v);
        _forwardOverReverse = v => function.Invoke<Var<Dual<double>>>(v);
    }

    // The compiler's reason reads "on the tape: the function cannot be traced once for all points (…)".
    public override string Description => _notCompiled is null ? "reverse mode on the tape" : $"reverse mode {_notCompiled}";

    public override bool IsClaim => false;

    public override bool HasHessian => true;

    public override double Value(ReadOnlySpan<double> x) => _function.Invoke(x);

    public override double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => ReverseMode.Gradient(_reverse, x, gradient);

    public override double[,] Hessian(double[] x) => ReverseMode.Hessian(_forwardOverReverse, x);
}

/// <summary>
/// Compiled IL: value and gradient by reverse mode as generated code, Hessians from its forward-over-reverse
/// code. Its derivative code is built from the symbolic engine's rule card, so the verifier checks its
/// gradient as a claim against the tape, forward mode and the numeric oracles.
/// </summary>
internal sealed class CompiledEngine(CompiledFunction compiled) : GradientEngine
{
    public override string Description => "compiled IL (reverse mode as generated code)";

    public override bool IsClaim => true;

    public override bool HasHessian => true;

    public override double Value(ReadOnlySpan<double> x) => compiled.Value(x);

    public override double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => compiled.ValueAndGradient(x, gradient);

    public override double[,] Hessian(double[] x) => compiled.Hessian(x);
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
