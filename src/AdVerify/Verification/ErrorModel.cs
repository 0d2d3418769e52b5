using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Forward;

namespace AdVerify.Verification;

/// <summary>
/// First-order rounding-error bounds of a computation as written, at a point: the bound a source
/// is charged for what it actually computed (the user's order and grouping, not a regrouped
/// canonical form). The same model as <see cref="ErrorModel"/>: a value's error is
/// ε·Σ|adjointᵢ·valueᵢ| over the steps; a gradient entry's error sums, over every path from the
/// output to the input, |product of local partials| times the relative errors of those partials.
/// Local partials of calls come from the forward engine at the point (the model needs magnitudes,
/// not an independent rule).
/// </summary>
internal sealed class ErrorModel
{
    /// <summary>Machine epsilon of double precision, 2⁻⁵².</summary>
    public const double DoubleEpsilon = 2.220446049250313e-16;

    /// <summary>Machine epsilon of single precision, 2⁻²³.</summary>
    public const double SingleEpsilon = 1.1920928955078125e-7;

    private readonly double _eps;
    private readonly bool _roundsConstants;
    private readonly Computation _c;
    private readonly double[] _v;
    private readonly double[] _d0;
    private readonly double[] _d1;

    /// <summary>Evaluates every step and local partial of <paramref name="c"/> at <paramref name="inputs"/> (double precision).</summary>
    public ErrorModel(Computation c, ReadOnlySpan<double> inputs)
        : this(c, inputs, DoubleEpsilon, roundsConstants: false)
    {
    }

    /// <summary>
    /// The model for arithmetic of machine epsilon <paramref name="epsilon"/>: for single precision
    /// (<see cref="SingleEpsilon"/>) a written constant that is not a float (0.1) is rounded too.
    /// The inputs are taken as exact (the caller rounds the point to the precision first).
    /// </summary>
    public ErrorModel(Computation c, ReadOnlySpan<double> inputs, double epsilon, bool roundsConstants)
    {
        _eps = epsilon;
        _roundsConstants = roundsConstants;
        _c = c;
        _v = c.EvaluateSteps(inputs);
        _d0 = new double[c.Count];
        _d1 = new double[c.Count];
        for (var i = 0; i < c.Count; i++)
        {
            (_d0[i], _d1[i]) = LocalPartials(c.Operations[i]);
        }
    }

    /// <summary>The value of every step at the point.</summary>
    public IReadOnlyList<double> Values => _v;

    /// <summary>An absolute bound on the rounding error of the output value.</summary>
    public double ValueBound()
    {
        if (_d0.Any(double.IsNaN) || _d1.Any(double.IsNaN))
        {
            // A step without a known partial (the delegate derivative of a user primitive): bound by
            // a few ε times the magnitudes of all step values.
            var total = 0.0;
            for (var i = 0; i < _c.Count; i++)
            {
                total += _c.Operations[i].OperandCount > 0 ? Math.Abs(_v[i]) : 0;
            }

            return double.IsFinite(total) ? 4 * _eps * total : double.PositiveInfinity;
        }

        var adj = Adjoints();
        var sum = 0.0;
        for (var i = 0; i < _c.Count; i++)
        {
            if (Rounds(i))
            {
                sum += Math.Abs(adj[i] * _v[i]);
            }
        }

        return _eps * sum;
    }

    /// <summary>The value of every step at the point (index = step).</summary>
    public IReadOnlyList<double> StepValues => _v;

    /// <summary>
    /// Absolute bounds on the rounding error of every step's value (index = step), propagated forward
    /// (inputs are exact; written constants too, except in single precision when they are not floats).
    /// </summary>
    public double[] StepBounds()
    {
        var n = _c.Count;
        var ops = _c.Operations;
        var valueError = new double[n];
        for (var i = 0; i < n; i++)
        {
            var op = ops[i];
            if (!Rounds(i))
            {
                continue;
            }

            var err = _eps * Math.Abs(_v[i]);
            if (op.OperandCount >= 1)
            {
                err += Times(Math.Abs(_d0[i]), valueError[op.A]);
            }

            if (op.OperandCount == 2)
            {
                err += Times(Math.Abs(_d1[i]), valueError[op.B]);
            }

            valueError[i] = double.IsFinite(err) ? err : double.PositiveInfinity;
        }

        return valueError;
    }

    /// <summary>
    /// The tangent of every step along input <paramref name="input"/> (forward mode in double) and an
    /// absolute bound on its rounding error, propagated forward with the same local model as
    /// <see cref="GradientBounds"/>: each product of a partial and a tangent is charged the partial's own
    /// error, each step ε times its tangent.
    /// </summary>
    public (double[] Tangents, double[] Bounds) TangentBounds(int input)
    {
        var n = _c.Count;
        var ops = _c.Operations;
        var valueError = StepBounds();
        var t = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            var op = ops[i];
            if (op.Code == OpCode.Input)
            {
                t[i] = op.A == input ? 1 : 0;
                continue;
            }

            double tangent = 0, bound = 0;
            if (op.OperandCount >= 1 && (t[op.A] != 0 || b[op.A] != 0))
            {
                tangent += Times(_d0[i], t[op.A]);
                bound += Times(Math.Abs(_d0[i]), b[op.A]) + Times(Math.Abs(Times(_d0[i], t[op.A])), (4 * _eps) + PartialError(op, 0, valueError));
            }

            if (op.OperandCount == 2 && (t[op.B] != 0 || b[op.B] != 0))
            {
                tangent += Times(_d1[i], t[op.B]);
                bound += Times(Math.Abs(_d1[i]), b[op.B]) + Times(Math.Abs(Times(_d1[i], t[op.B])), (4 * _eps) + PartialError(op, 1, valueError));
            }

            t[i] = tangent;
            bound += _eps * Math.Abs(tangent);
            b[i] = double.IsFinite(bound) ? bound : double.PositiveInfinity;
        }

        return (t, b);
    }

    // A step's relative value error from its absolute bound, capped at 1 (no digits left).
    private double Relative(double[] valueError, int step)
    {
        var r = valueError[step] / Math.Max(Math.Abs(_v[step]), double.Epsilon);
        return double.IsFinite(r) ? Math.Min(r, 1) : 1;
    }

    /// <summary>Absolute bounds on the rounding error of each input's gradient entry (index = input).</summary>
    public double[] GradientBounds()
    {
        var n = _c.Count;
        var ops = _c.Operations;

        // Forward: relative error of each value (inputs and written constants are exact).
        var valueError = StepBounds();

        // Backward: a = Σ|path product|, b = Σ|path product|·(relative errors of the partials on it).
        var a = new double[n];
        var b = new double[n];
        a[_c.Output] = 1;
        for (var i = n - 1; i >= 0; i--)
        {
            if (a[i] == 0 && b[i] == 0)
            {
                continue;
            }

            var op = ops[i];
            if (op.OperandCount >= 1)
            {
                Push(op.A, _d0[i], PartialError(op, 0, valueError));
            }

            if (op.OperandCount == 2)
            {
                Push(op.B, _d1[i], PartialError(op, 1, valueError));
            }

            void Push(int to, double partial, double partialError)
            {
                var p = Math.Abs(partial);
                a[to] += Times(a[i], p);
                b[to] += Times(b[i], p) + Times(Times(a[i], p), (4 * _eps) + partialError);
            }
        }

        var accumulation = _eps * Math.Log2(n + 1);
        var bounds = new double[_c.Inputs.Count];
        for (var i = 0; i < n; i++)
        {
            if (ops[i].Code == OpCode.Input)
            {
                bounds[ops[i].A] = b[i] + (accumulation * a[i]);
            }
        }

        return bounds;
    }

    /// <summary>Whether a step's value carries a rounding error: every operation, and in single precision a constant that is not a float.</summary>
    private bool Rounds(int step)
    {
        var op = _c.Operations[step];
        return op.OperandCount > 0 || (_roundsConstants && op.Code == OpCode.Constant && (double)(float)_v[step] != _v[step]);
    }

    private double[] Adjoints()
    {
        var ops = _c.Operations;
        var adj = new double[_c.Count];
        adj[_c.Output] = 1;
        for (var i = _c.Count - 1; i >= 0; i--)
        {
            var op = ops[i];
            if (adj[i] == 0)
            {
                continue;
            }

            if (op.OperandCount >= 1)
            {
                adj[op.A] += Times(adj[i], _d0[i]);
            }

            if (op.OperandCount == 2)
            {
                adj[op.B] += Times(adj[i], _d1[i]);
            }
        }

        return adj;
    }

    /// <summary>A product along a path where a zero factor wins over an infinite one (a path through a zero partial carries nothing).</summary>
    private static double Times(double a, double b) => a == 0 || b == 0 ? 0 : a * b;

    private (double, double) LocalPartials(Operation op)
    {
        double a = op.OperandCount >= 1 ? _v[op.A] : 0, b = op.OperandCount == 2 ? _v[op.B] : 0;
        switch (op.Code)
        {
            case OpCode.Negate:
                return (-1, 0);
            case OpCode.Add:
                return (1, 1);
            case OpCode.Subtract:
                return (1, -1);
            case OpCode.Multiply:
                return (b, a);
            case OpCode.Divide:
                return (1 / b, -a / (b * b));
            case OpCode.Power:
                return (b * Math.Pow(a, b - 1), a > 0 ? Math.Pow(a, b) * Math.Log(a) : 0);
            case OpCode.Call when op.OperandCount == 1:
                return (Slope(op.Function!, new Dual<double>(a, 1)), 0);
            case OpCode.Call:
                // An integer order (besselj's n) carries no derivative: rounding cannot move it off an integer.
                return (op.Function!.IntegerArguments.Contains(0) ? 0 : Slope(op.Function!, new Dual<double>(a, 1), new Dual<double>(b, 0)),
                        op.Function!.IntegerArguments.Contains(1) ? 0 : Slope(op.Function!, new Dual<double>(a, 0), new Dual<double>(b, 1)));
            default:
                return (0, 0);
        }
    }

    private static double Slope(FunctionInfo f, Dual<double> x)
    {
        try
        {
            return AdMath.Call(f, x).Tangent;
        }
        catch (NotSupportedException)
        {
            return double.NaN; // a derived function without a rule: no partial, the bound becomes infinite
        }
    }

    private static double Slope(FunctionInfo f, Dual<double> x, Dual<double> y)
    {
        try
        {
            return AdMath.Call(f, x, y).Tangent;
        }
        catch (NotSupportedException)
        {
            return double.NaN;
        }
    }

    /// <summary>
    /// The relative error of a local partial caused by the errors in the values it is computed
    /// from: none for sums, the other factor's for products, |n − 1| times the base's for uⁿ, and
    /// for a call f(u) the base's error times the condition |u·f″(u)/f′(u)| of f′ — or, where u is
    /// within its own error of 0 (its relative error means nothing there), |f″(u)/f′(u)| times u's
    /// absolute error.
    /// </summary>
    private double PartialError(Operation op, int operand, double[] valueError)
    {
        double rel(int step) => Relative(valueError, step);
        switch (op.Code)
        {
            case OpCode.Add or OpCode.Subtract or OpCode.Negate:
                return 0;
            case OpCode.Multiply:
                return Math.Min(rel(operand == 0 ? op.B : op.A) + _eps, 1);
            case OpCode.Divide:
                return Math.Min(operand == 0 ? rel(op.B) + _eps : rel(op.A) + (2 * rel(op.B)) + (2 * _eps), 1);
            case OpCode.Power when _c.Operations[op.B].Code == OpCode.Constant:
                return Math.Min(Math.Abs(_v[op.B] - 1) * rel(op.A), 1);
            case OpCode.Power:
                {
                    double u = Math.Abs(_v[op.A]), w = Math.Abs(_v[op.B]);
                    var r = ((w + 1) * rel(op.A)) + ((1 + (w * Math.Abs(Math.Log(u)))) * rel(op.B));
                    return double.IsFinite(r) ? Math.Min(r, 1) : 1;
                }

            case OpCode.Call when op.OperandCount == 1 && valueError[op.A] >= Math.Abs(_v[op.A]) && SlopeRatio(op.Function!, _v[op.A]) is { } ratio:
                return Math.Min((ratio * valueError[op.A]) + _eps, 1);
            case OpCode.Call when op.OperandCount == 1:
                return Math.Min(DerivativeCondition(op.Function!, _v[op.A]) * rel(op.A), 1);
            case OpCode.Call:
                return Math.Min(4 * (rel(op.A) + rel(op.B)), 1);
            default:
                return 0;
        }
    }

    /// <summary>|f″(u)/f′(u)| from central differences at a step of 10⁻⁴·max(|u|, 10⁻⁴); null when they cannot be formed.</summary>
    private static double? SlopeRatio(FunctionInfo f, double u) =>
        Curvature(f, u, 1e-4) is { } ratio ? ratio : null;

    /// <summary>|u·f″(u)/f′(u)| + 1 from central differences of the function's values (10 when they cannot be formed).</summary>
    private static double DerivativeCondition(FunctionInfo f, double u) =>
        Curvature(f, u, 1e-8) is { } ratio && double.IsFinite(Math.Abs(u) * ratio) ? (Math.Abs(u) * ratio) + 1 : 10;

    // |f″(u)/f′(u)| from central differences at the step 10⁻⁴·max(|u|, floor); null when u or the ratio is not finite.
    private static double? Curvature(FunctionInfo f, double u, double floor)
    {
        if (!double.IsFinite(u))
        {
            return null;
        }

        var h = 1e-4 * Math.Max(Math.Abs(u), floor);
        double fm = f.Evaluate(u - h), f0 = f.Evaluate(u), fp = f.Evaluate(u + h);
        var ratio = Math.Abs((fp - (2 * f0) + fm) / (h * h) / ((fp - fm) / (2 * h)));
        return double.IsFinite(ratio) ? ratio : null;
    }
}
