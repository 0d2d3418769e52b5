using AdVerify.Definitions;
using AdVerify.Verification;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace AdVerify.Optimization;

/// <summary>
/// A definition as a MathNet.Numerics objective function, ready for <see cref="BfgsMinimizer"/>,
/// <see cref="ConjugateGradientMinimizer"/>, <see cref="NewtonMinimizer"/> or any other
/// <see cref="IUnconstrainedMinimizer"/>. Evaluation is lazy: <see cref="EvaluateAt"/> only records
/// the point; reading <see cref="Value"/> alone runs the function on <see cref="double"/>, reading
/// <see cref="Gradient"/> computes value and gradient together (by the engine named in
/// <see cref="GradientSource"/>), reading <see cref="Hessian"/> computes the Hessian; each at most
/// once per point. <see cref="Evaluations"/> counts them over the whole run. As with MathNet's own
/// objectives, one instance holds one evaluation and is not for several threads at once; its copies
/// (<see cref="CreateNew"/>, <see cref="Fork"/>) are independent and may run in parallel. Make one with
/// <see cref="Objective.Of{TFunction}(TFunction, int)"/>; check it first with
/// <see cref="VerifyThenMinimize"/>.
/// </summary>
public sealed class DefinitionObjective : ICountedObjective
{
    private readonly GradientEngine _engine;
    private Vector<double>? _point;
    private double[] _x = [];
    private bool _hasValue;
    private double _value;
    private Vector<double>? _gradient;
    private Matrix<double>? _hessian;

    internal DefinitionObjective(Definition definition, GradientEngine engine, EvaluationCounts counts)
    {
        Definition = definition;
        _engine = engine;
        Evaluations = counts;
    }

    /// <summary>The function being minimised, with its coordinate names (used in verification messages).</summary>
    public Definition Definition { get; }

    /// <summary>The number of coordinates.</summary>
    public int Dimension => Definition.Variables.Count;

    /// <summary>
    /// What computes the gradient: "reverse mode on the tape", or "your gradient function". Hessians
    /// always come from forward over reverse on the tape (none for an opaque function).
    /// </summary>
    public string GradientSource => _engine.Description;

    /// <summary>The counts of values, gradients and Hessians computed, shared with every copy the optimiser makes.</summary>
    public EvaluationCounts Evaluations { get; }

    /// <summary>The point of the last <see cref="EvaluateAt"/>.</summary>
    /// <exception cref="InvalidOperationException">The objective has not been evaluated anywhere yet.</exception>
    public Vector<double> Point => _point ?? throw NotEvaluated();

    /// <summary>The value at <see cref="Point"/> (computed on first read).</summary>
    public double Value
    {
        get
        {
            if (!_hasValue)
            {
                EnsurePoint();
                _value = _engine.Value(_x);
                _hasValue = true;
                Evaluations.AddValue();
            }

            return _value;
        }
    }

    /// <summary>Always true: the gradient comes from automatic differentiation or from your gradient function.</summary>
    public bool IsGradientSupported => true;

    /// <summary>The gradient at <see cref="Point"/> (computed with the value on first read).</summary>
    public Vector<double> Gradient
    {
        get
        {
            if (_gradient is null)
            {
                EnsurePoint();
                var g = new double[_x.Length];
                var value = _engine.ValueAndGradient(_x, g);
                Evaluations.AddGradient();
                if (!_hasValue)
                {
                    _value = value;
                    _hasValue = true;
                }

                _gradient = Vector<double>.Build.Dense(g);
            }

            return _gradient;
        }
    }

    /// <summary>True unless the function is opaque (known only by its values and a gradient you gave).</summary>
    public bool IsHessianSupported => _engine.HasHessian;

    /// <summary>The Hessian at <see cref="Point"/> (computed on first read; n Hessian-vector products).</summary>
    /// <exception cref="NotSupportedException">The function is opaque, so no engine can take its second derivatives.</exception>
    public Matrix<double> Hessian
    {
        get
        {
            if (_hessian is null)
            {
                EnsurePoint();
                _hessian = Matrix<double>.Build.DenseOfArray(_engine.Hessian(_x));
                Evaluations.AddHessian();
            }

            return _hessian;
        }
    }

    /// <summary>Moves the objective to a point; nothing is computed until a value, gradient or Hessian is read.</summary>
    /// <param name="point">One value per coordinate (copied, so later changes to the vector do not matter).</param>
    /// <exception cref="ArgumentException">The point has the wrong number of coordinates.</exception>
    public void EvaluateAt(Vector<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Count != Dimension)
        {
            throw new ArgumentException(
                $"the point has {point.Count} coordinate(s) but {Definition.Description} has {Dimension} variable(s) ({string.Join(", ", Definition.Variables)})",
                nameof(point));
        }

        _point = point;
        if (_x.Length != Dimension)
        {
            _x = new double[Dimension];
        }

        for (var i = 0; i < _x.Length; i++)
        {
            _x[i] = point[i];
        }
        _hasValue = false;
        _gradient = null;
        _hessian = null;
    }

    /// <summary>A new objective of the same function, not yet evaluated, sharing the engine and the counts.</summary>
    /// <returns>The new objective.</returns>
    public IObjectiveFunction CreateNew() => new DefinitionObjective(Definition, _engine, Evaluations);

    /// <summary>A copy evaluated at the same point, keeping what is already computed, sharing the engine and the counts.</summary>
    /// <returns>The copy.</returns>
    public IObjectiveFunction Fork() => new DefinitionObjective(Definition, _engine, Evaluations)
    {
        _point = _point?.Clone(),
        _x = (double[])_x.Clone(),
        _hasValue = _hasValue,
        _value = _value,
        _gradient = _gradient?.Clone(),
        _hessian = _hessian?.Clone(),
    };

    /// <summary>
    /// Verifies the derivatives the optimiser will use, at the starting point and at
    /// <paramref name="generatedPoints"/> points generated inside the function's domain, with every
    /// source of the verifier (forward, reverse, symbolic by tracing, complex step, finite
    /// differences) plus your gradient function when you gave one. Nothing is counted in
    /// <see cref="Evaluations"/>.
    /// </summary>
    /// <param name="start">The starting point, one value per coordinate.</param>
    /// <param name="generatedPoints">How many more points to generate (0 for the starting point only).</param>
    /// <param name="seed">The seed of the point generator, so runs are repeatable.</param>
    /// <param name="hessian">Whether to verify second derivatives too (what Newton's method uses).</param>
    /// <returns>The verifier's result, one entry per point, the starting point first.</returns>
    /// <exception cref="ArgumentException">The starting point has the wrong number of coordinates.</exception>
    public CaseResult Verify(IReadOnlyList<double> start, int generatedPoints = 3, int seed = 1, bool hessian = false)
    {
        CheckStart(start);
        ArgumentOutOfRangeException.ThrowIfNegative(generatedPoints);
        var points = new List<IReadOnlyList<double>> { start.ToArray() };
        points.AddRange(PointGenerator.Generate(p => Definition.Evaluate(p), Dimension, generatedPoints, seed));
        Func<double[], double[]>? claim = _engine.IsClaim ? GradientWithoutCounting : null;
        return Verifier.Verify(Definition.Description, Definition, points, claim, hessian);
    }

    /// <summary>
    /// <see cref="Verify"/>, then throws when a point is not acceptable: a discrepancy (a wrong
    /// gradient), an error, or a starting point where the function is undefined. Points at a kink
    /// (nondifferentiable) are accepted.
    /// </summary>
    /// <param name="start">The starting point, one value per coordinate.</param>
    /// <param name="generatedPoints">How many more points to generate.</param>
    /// <param name="seed">The seed of the point generator.</param>
    /// <param name="hessian">Whether to verify second derivatives too.</param>
    /// <returns>The verifier's result, when every point is acceptable.</returns>
    /// <exception cref="ObjectiveVerificationException">A point is not acceptable; the message is the verifier's.</exception>
    public CaseResult VerifyOrThrow(IReadOnlyList<double> start, int generatedPoints = 3, int seed = 1, bool hessian = false)
    {
        var result = Verify(start, generatedPoints, seed, hessian);
        return result.Results.All(ObjectiveVerificationException.Acceptable)
            ? result
            : throw new ObjectiveVerificationException(Definition.Description, GradientSource, result);
    }

    /// <summary>
    /// Verifies first, then minimises: <see cref="VerifyOrThrow"/> at the starting point and
    /// <paramref name="generatedPoints"/> generated points (second derivatives too when the
    /// minimiser is a <see cref="NewtonMinimizer"/>), and only when that passes hands this objective
    /// to <paramref name="minimizer"/>. A wrong gradient therefore stops the run with the verifier's
    /// message before a single iteration.
    /// </summary>
    /// <param name="minimizer">A MathNet minimiser, for example <c>new BfgsMinimizer(1e-8, 1e-8, 1e-8)</c>.</param>
    /// <param name="start">The starting point, one value per coordinate.</param>
    /// <param name="generatedPoints">How many more points to verify at.</param>
    /// <param name="seed">The seed of the point generator.</param>
    /// <returns>The minimiser's result; <see cref="Evaluations"/> counts what it computed.</returns>
    /// <exception cref="ObjectiveVerificationException">The derivatives did not verify; the minimiser was not run.</exception>
    public MinimizationResult VerifyThenMinimize(IUnconstrainedMinimizer minimizer, IReadOnlyList<double> start, int generatedPoints = 3, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(minimizer);
        VerifyOrThrow(start, generatedPoints, seed, hessian: minimizer is NewtonMinimizer);
        return minimizer.FindMinimum(this, Vector<double>.Build.DenseOfEnumerable(start));
    }

    /// <inheritdoc />
    public override string ToString() => $"objective {Definition}, gradient by {GradientSource}; {Evaluations}";

    private double[] GradientWithoutCounting(double[] x)
    {
        var g = new double[x.Length];
        _engine.ValueAndGradient(x, g);
        return g;
    }

    private void CheckStart(IReadOnlyList<double> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.Count != Dimension)
        {
            throw new ArgumentException(
                $"the starting point has {start.Count} coordinate(s) but {Definition.Description} has {Dimension} variable(s) ({string.Join(", ", Definition.Variables)})",
                nameof(start));
        }
    }

    private void EnsurePoint()
    {
        if (_point is null)
        {
            throw NotEvaluated();
        }
    }

    private InvalidOperationException NotEvaluated() =>
        new($"the objective {Definition.Description} has not been evaluated yet: call EvaluateAt(point) first");
}
