using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace AdVerify.Optimization;

/// <summary>
/// Wraps another MathNet objective and counts the gradients and Hessians the optimiser reads: the
/// first read after each <see cref="EvaluateAt"/> counts once. Values are counted by whoever calls
/// the user's function (see <see cref="Objective.FiniteDifferences{TFunction}"/>).
/// </summary>
internal sealed class CountingObjective(IObjectiveFunction inner, EvaluationCounts counts) : ICountedObjective
{
    private bool _gradientCounted;
    private bool _hessianCounted;

    public EvaluationCounts Evaluations { get; } = counts;

    public Vector<double> Point => inner.Point;

    public double Value => inner.Value;

    public bool IsGradientSupported => inner.IsGradientSupported;

    public Vector<double> Gradient
    {
        get
        {
            var g = inner.Gradient;
            if (!_gradientCounted)
            {
                _gradientCounted = true;
                Evaluations.AddGradient();
            }

            return g;
        }
    }

    public bool IsHessianSupported => inner.IsHessianSupported;

    public Matrix<double> Hessian
    {
        get
        {
            var h = inner.Hessian;
            if (!_hessianCounted)
            {
                _hessianCounted = true;
                Evaluations.AddHessian();
            }

            return h;
        }
    }

    public void EvaluateAt(Vector<double> point)
    {
        inner.EvaluateAt(point);
        _gradientCounted = false;
        _hessianCounted = false;
    }

    public IObjectiveFunction CreateNew() => new CountingObjective(inner.CreateNew(), Evaluations);

    public IObjectiveFunction Fork() =>
        new CountingObjective(inner.Fork(), Evaluations) { _gradientCounted = _gradientCounted, _hessianCounted = _hessianCounted };
}
