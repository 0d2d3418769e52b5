using AdVerify.Definitions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.Optimization.ObjectiveFunctions;

namespace AdVerify.Optimization;

/// <summary>
/// Feeds a function written once (<see cref="IScalarFunction"/> or a <see cref="Definition"/>) to
/// the MathNet.Numerics minimisers (<see cref="BfgsMinimizer"/>, <see cref="ConjugateGradientMinimizer"/>,
/// <see cref="NewtonMinimizer"/>, …) with exact gradients and Hessians instead of finite differences:
/// <code>
/// var objective = Objective.Of(new Rosenbrock(), dimension: 2);
/// var result = objective.VerifyThenMinimize(new BfgsMinimizer(1e-10, 1e-10, 1e-10), [-1.2, 1.0]);
/// Console.WriteLine($"{result.MinimizingPoint} after {objective.Evaluations}");
/// </code>
/// The gradient comes from reverse mode on the tape, or from a gradient function you wrote (then
/// <see cref="DefinitionObjective.VerifyThenMinimize"/> checks it against every engine first).
/// </summary>
public static class Objective
{
    /// <summary>An objective whose gradient and Hessian come from automatic differentiation of the definition.</summary>
    /// <typeparam name="TFunction">The definition's type (a struct is specialised without boxing).</typeparam>
    /// <param name="function">The definition.</param>
    /// <param name="dimension">The number of coordinates (named by the type's <see cref="VariablesAttribute"/>, else x0, x1, …).</param>
    /// <returns>The objective.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is not positive.</exception>
    /// <exception cref="ArgumentException">The type's <see cref="VariablesAttribute"/> names a different number of coordinates.</exception>
    public static DefinitionObjective Of<TFunction>(TFunction function, int dimension)
        where TFunction : IScalarFunction
    {
        var definition = Define(function, dimension);
        return new(definition, GradientEngine.For(function, dimension), new EvaluationCounts());
    }

    /// <summary>
    /// An objective whose gradient is the one you wrote by hand (values and Hessians still come
    /// from the definition); <see cref="DefinitionObjective.VerifyThenMinimize"/> checks it against
    /// every engine before the optimiser uses it.
    /// </summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="function">The definition.</param>
    /// <param name="dimension">The number of coordinates.</param>
    /// <param name="gradient">Your gradient: takes the point, returns one partial derivative per coordinate.</param>
    /// <returns>The objective.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is not positive.</exception>
    public static DefinitionObjective Of<TFunction>(TFunction function, int dimension, Func<double[], double[]> gradient)
        where TFunction : IScalarFunction
    {
        ArgumentNullException.ThrowIfNull(gradient);
        var definition = Define(function, dimension);
        return new(definition, new ClaimedGradientEngine(definition, gradient), new EvaluationCounts());
    }

    /// <summary>An objective from a definition (an expression, generic code, or a traced computation), differentiated automatically.</summary>
    /// <param name="definition">The definition; it must not be opaque.</param>
    /// <returns>The objective.</returns>
    /// <exception cref="ArgumentException">The definition is opaque (only its values are known) or has no variables.</exception>
    public static DefinitionObjective Of(Definition definition)
    {
        CheckDefinition(definition);
        var function = definition.Function ?? throw new ArgumentException(
            $"{definition.Description} is opaque (only its values are known), so no engine can differentiate it: " +
            "give its gradient (Objective.Of(definition, gradient)) or use MathNet's ForwardDifferenceGradientObjectiveFunction",
            nameof(definition));
        return new(definition, GradientEngine.For(function, definition.Variables.Count), new EvaluationCounts());
    }

    /// <summary>An objective from a definition with a gradient you wrote by hand (an opaque definition is allowed: it then has no Hessian).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="gradient">Your gradient: takes the point, returns one partial derivative per coordinate.</param>
    /// <returns>The objective.</returns>
    /// <exception cref="ArgumentException">The definition has no variables.</exception>
    public static DefinitionObjective Of(Definition definition, Func<double[], double[]> gradient)
    {
        CheckDefinition(definition);
        ArgumentNullException.ThrowIfNull(gradient);
        return new(definition, new ClaimedGradientEngine(definition, gradient), new EvaluationCounts());
    }

    /// <summary>
    /// The baseline to compare with: MathNet's own <see cref="ForwardDifferenceGradientObjectiveFunction"/>
    /// on the same definition (unbounded, MathNet's default increments), counted the same way.
    /// <see cref="EvaluationCounts.Values"/> counts every call of the function, the n extra calls of
    /// each finite-difference gradient included; <see cref="EvaluationCounts.Gradients"/> counts the
    /// gradients the optimiser read.
    /// </summary>
    /// <typeparam name="TFunction">The definition's type.</typeparam>
    /// <param name="function">The definition.</param>
    /// <param name="dimension">The number of coordinates.</param>
    /// <returns>The counted finite-difference objective.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is not positive.</exception>
    public static ICountedObjective FiniteDifferences<TFunction>(TFunction function, int dimension)
        where TFunction : IScalarFunction
    {
        var definition = Define(function, dimension);
        var counts = new EvaluationCounts();
        var value = ObjectiveFunction.Value(v =>
        {
            if (v.Count != dimension)
            {
                throw new ArgumentException(
                    $"the point has {v.Count} coordinate(s) but {definition.Description} has {dimension} variable(s) ({string.Join(", ", definition.Variables)})",
                    nameof(v));
            }

            counts.AddValue();
            return function.Invoke<double>(v.AsArray() ?? v.ToArray());
        });
        var unbounded = new ForwardDifferenceGradientObjectiveFunction(
            value, Vector<double>.Build.Dense(dimension, double.NegativeInfinity), Vector<double>.Build.Dense(dimension, double.PositiveInfinity));
        return new CountingObjective(unbounded, counts);
    }

    private static Definition Define<TFunction>(TFunction function, int dimension)
        where TFunction : IScalarFunction
    {
        ArgumentNullException.ThrowIfNull(function);
        if (dimension <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "an objective needs at least one coordinate");
        }

        return Definition.Of(function, dimension);
    }

    private static void CheckDefinition(Definition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Variables.Count == 0)
        {
            throw new ArgumentException($"{definition.Description} has no variables, so there is nothing to minimise over", nameof(definition));
        }
    }
}
