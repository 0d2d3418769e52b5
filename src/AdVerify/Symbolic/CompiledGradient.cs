using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>
/// A compiled expression together with its symbolic gradient, produced by
/// <see cref="Compiler.CompileGradient"/>: one call computes the value and every partial
/// derivative, with subexpressions shared between them computed once.
/// </summary>
public sealed class CompiledGradient
{
    private readonly Func<double[], double[], double> _compiled;

    internal CompiledGradient(Func<double[], double[], double> compiled, IReadOnlyList<string> variables, IReadOnlyList<Expr> gradient)
    {
        _compiled = compiled;
        Variables = variables.ToArray();
        Gradient = gradient.ToArray();
    }

    /// <summary>The variables, in the order of the input array and of the gradient.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The symbolic partial derivatives that were compiled, one per variable.</summary>
    public IReadOnlyList<Expr> Gradient { get; }

    /// <summary>Computes the value and writes the gradient into a caller-supplied array.</summary>
    /// <param name="point">The variable values, one per variable.</param>
    /// <param name="gradient">Receives the partial derivatives; at least one entry per variable.</param>
    /// <returns>The value of the expression.</returns>
    public double Evaluate(double[] point, double[] gradient) => _compiled(point, gradient);

    /// <summary>Computes the value and a new gradient array.</summary>
    /// <param name="point">The variable values, one per variable.</param>
    /// <returns>The value and the partial derivatives.</returns>
    public (double Value, double[] Gradient) Evaluate(double[] point)
    {
        var gradient = new double[Variables.Count];
        var value = _compiled(point, gradient);
        return (value, gradient);
    }
}
