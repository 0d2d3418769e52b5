using System.Globalization;
using AdVerify.Definitions;
using AdVerify.Expressions;

namespace AdVerify.Verification.Pipeline;

/// <summary>
/// Everything the stages share at one point: the full input vector, the value as written, the
/// computation the code performed there (its trace), the error model built on that trace, and
/// the function of the differentiated coordinates handed to the numeric oracles.
/// </summary>
internal sealed class PointContext
{
    private const double Eps = 2.220446049250313e-16;

    private PointContext(Problem problem, double[] x, double value)
    {
        Problem = problem;
        X = x;
        Value = value;
        Point = ByName(problem.Definition.Variables, x);
        XWrt = problem.Wrt.Select(i => x[i]).ToArray();
        F = Guarded(problem.Definition, problem.Wrt, x);
    }

    public Problem Problem { get; }

    /// <summary>Every variable's value, in the definition's order.</summary>
    public double[] X { get; }

    /// <summary>The point by name (for reports).</summary>
    public IReadOnlyDictionary<string, double> Point { get; }

    /// <summary>The value, computed as written.</summary>
    public double Value { get; }

    /// <summary>The differentiated coordinates' values.</summary>
    public double[] XWrt { get; }

    /// <summary>The function of the differentiated coordinates (others fixed); exceptions become NaN.</summary>
    public Func<double[], double> F { get; }

    /// <summary>Finite-difference settings: the defaults, or for code computing in float32 a rounding allowance of 2⁻²³ per value.</summary>
    public AdVerify.Numeric.FiniteDifferenceOptions FiniteDifferences => Problem.Definition.IsSinglePrecision ? SinglePrecisionDifferences : AdVerify.Numeric.FiniteDifferenceOptions.Default;

    /// <summary>The machine epsilon of the precision the function computes its values in.</summary>
    public double ValueEpsilon => Problem.Definition.IsSinglePrecision ? ErrorModel.SingleEpsilon : ErrorModel.DoubleEpsilon;

    // 4 ulps of float32 per value, in units of the double ulp the options count in; the noise probed on float's coarser grid.
    private static readonly AdVerify.Numeric.FiniteDifferenceOptions SinglePrecisionDifferences = new()
    {
        RoundingUlps = 4 * Math.ScaleB(1.0, 29),
        NoiseProbe = Math.ScaleB(1.0, -10),
    };

    /// <summary>The computation performed at this point (as written), or null when the code could not be traced.</summary>
    public Computation? Trace { get; private set; }

    /// <summary>Why there is no trace (opaque code, or tracing failed), or null.</summary>
    public string? TraceProblem { get; private set; }

    /// <summary>The value of every step of <see cref="Trace"/> at the point.</summary>
    public IReadOnlyList<double> StepValues => Errors?.Values ?? [];

    /// <summary>The rounding model of the trace, or null without one.</summary>
    public ErrorModel? Errors { get; private set; }

    /// <summary>Per differentiated variable: the rounding bound of an exact engine's derivative of the written computation.</summary>
    public double[] ExactBound { get; private set; } = [];

    /// <summary>The rounding bound of the value (0 without a trace).</summary>
    public double ValueNoise { get; private set; }

    /// <summary>
    /// Evaluates the point. Returns a finished result (error or undefined) when the point cannot
    /// be verified further, otherwise null and the context.
    /// </summary>
    public static PointResult? Prepare(Problem problem, double[] x, out PointContext context)
    {
        var d = problem.Definition;
        double value;
        try
        {
            value = d.Evaluate(x);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context = new PointContext(problem, x, double.NaN);
            return context.Result(Verdict.Error, $"the function threw {e.GetType().Name}: {e.Message}");
        }

        context = new PointContext(problem, x, value);
        context.TraceAtPoint();
        if (!double.IsFinite(value))
        {
            var why = context.Trace is { } t && !t.TryEvaluate(x, out _, out var issue) && issue is not null
                ? issue.Message
                : $"the function value is {Format(value)}";
            return context.Result(Verdict.Undefined, why);
        }

        return null;
    }

    /// <summary>A result carrying only a verdict and a message.</summary>
    public PointResult Result(Verdict verdict, string message) => new()
    {
        Point = Point,
        Verdict = verdict,
        Value = Value,
        Message = message,
    };

    private void TraceAtPoint()
    {
        var d = Problem.Definition;
        if (d.IsOpaque)
        {
            TraceProblem = "the function is opaque (only its values are known)";
        }
        else
        {
            try
            {
                Trace = d.TraceAt(X);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                TraceProblem = $"the code could not be traced at the point ({e.GetType().Name}: {e.Message})";
            }
        }

        if (Trace is not null)
        {
            Errors = new ErrorModel(Trace, X);
            var all = Errors.GradientBounds();
            ExactBound = Problem.Wrt.Select(i => all[i]).ToArray();
            ValueNoise = Errors.ValueBound();
        }
        else
        {
            // No trace: a rounding allowance in units of the derivative's scale (set once the engines answer).
            ExactBound = new double[Problem.Wrt.Count];
        }
    }

    /// <summary>Without a trace, the allowance for exact engines: a few hundred ulps of the derivative's scale.</summary>
    public double FallbackExactBound(int k, double derivative) =>
        256 * Eps * Math.Max(Math.Abs(derivative), Math.Abs(Value) / Math.Max(Math.Abs(XWrt[k]), 1));

    /// <summary>Values by name.</summary>
    public static IReadOnlyDictionary<string, double> ByName(IReadOnlyList<string> names, IReadOnlyList<double> values)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            d[names[i]] = values[i];
        }

        return d;
    }

    /// <summary>Round-trip formatting of a double.</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static Func<double[], double> Guarded(Definition d, IReadOnlyList<int> wrt, double[] x) => w =>
    {
        var full = (double[])x.Clone();
        for (var k = 0; k < wrt.Count; k++)
        {
            full[wrt[k]] = w[k];
        }

        try
        {
            return d.Evaluate(full);
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException)
        {
            return double.NaN;
        }
    };

    /// <summary>For each step of the trace, whether it depends on input <paramref name="input"/>.</summary>
    public bool[] DependsOn(int input)
    {
        var ops = Trace!.Operations;
        var depends = new bool[ops.Count];
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            depends[i] = op.Code == OpCode.Input ? op.A == input
                : (op.OperandCount >= 1 && depends[op.A]) || (op.OperandCount == 2 && depends[op.B]);
        }

        return depends;
    }
}
