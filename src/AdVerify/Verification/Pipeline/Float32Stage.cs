using System.Globalization;
using AdVerify.Definitions;
using AdVerify.Forward;
using AdVerify.Reverse;

namespace AdVerify.Verification.Pipeline;

/// <summary>
/// Single precision: the definition's value and AD run on <c>float</c>, <c>Dual&lt;float&gt;</c> and
/// <c>Var&lt;float&gt;</c> (and a claim computed in float) are compared with the double run at the same,
/// float, point. Each is allowed what float32 rounding can explain: twice the first-order bound of the
/// computation as written with ε = 2⁻²³ (<see cref="ErrorModel"/>, constants that are not floats rounded
/// too). Within it is "float32 rounding"; beyond it is a bug (or a float32 range problem such as an
/// overflow), localised to the variable and to the first step of the trace whose float32 value (or
/// tangent) leaves its own bound.
/// </summary>
internal static class Float32Stage
{
    private const double Safety = 2;
    private const double Eps32 = ErrorModel.SingleEpsilon;

    /// <summary>The point rounded to float; null with the reason when a coordinate is beyond float32's range.</summary>
    public static double[]? Round(double[] x, IReadOnlyList<string> names, out string? error, out string? note)
    {
        error = note = null;
        var rounded = new double[x.Length];
        var moved = new List<string>();
        for (var i = 0; i < x.Length; i++)
        {
            rounded[i] = (float)x[i];
            if (double.IsFinite(x[i]) && !float.IsFinite((float)x[i]))
            {
                error = $"{names[i]} = {PointContext.Format(x[i])} is beyond the range of float32 (±3.4028235E+38)";
                return null;
            }

            if (rounded[i] != x[i])
            {
                moved.Add($"{names[i]} = {PointContext.Format(x[i])} → {PointContext.Format(rounded[i])}");
            }
        }

        note = moved.Count > 0 ? $"the point was rounded to float32 ({string.Join(", ", moved)})" : null;
        return rounded;
    }

    /// <summary>Adds the float32 comparison to the double result at the (float) point <paramref name="x"/>.</summary>
    public static PointResult Compare(Problem p, double[] x, PointResult r)
    {
        if (p.Definition.Function is not { } f || r.Verdict is Verdict.Error or Verdict.Undefined or Verdict.Nondifferentiable)
        {
            return r;
        }

        Computation? trace = null;
        try
        {
            trace = p.Definition.TraceAt(x);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Without a trace there is no error model: a fallback allowance below, and no step to name.
        }

        var names = p.WrtNames;
        var xf = Array.ConvertAll(x, v => (float)v);
        var m32 = trace is null ? null : new ErrorModel(trace, x, Eps32, roundsConstants: true);
        var m64 = trace is null ? null : new ErrorModel(trace, x);
        var grad32 = m32?.GradientBounds();
        var grad64 = m64?.GradientBounds();
        var reference = r.Gradient.TryGetValue(Sources.Forward, out var fw) ? fw : r.Gradient.GetValueOrDefault(Sources.Reverse);

        var findings = new List<Discrepancy>();
        var sources = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        var bounds = new Dictionary<string, double>(StringComparer.Ordinal);

        double value32;
        try
        {
            value32 = f.Invoke<float>(xf);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return r with
            {
                Verdict = Verdict.Discrepancy,
                Message = $"float32: the code threw {e.GetType().Name} when run on float: {e.Message}" + (r.Message is null ? "" : "; " + r.Message),
            };
        }

        var valueBound = m32 is null ? Fallback(r.Value) : Safety * (m32.ValueBound() + m64!.ValueBound());
        if (!Within(value32, r.Value, valueBound))
        {
            findings.Add(Finding("float32 value", "the value", Sources.Float32, value32, Sources.Double, r.Value, valueBound,
                Locate(trace, m32, xf, null, value32)));
        }

        var gradients = Gradients(f, p, x, xf);
        var claimed = Claimed(p, x, xf);
        for (var k = 0; k < names.Count; k++)
        {
            var name = names[k];
            if (reference is null || !reference.TryGetValue(name, out var exact))
            {
                continue;
            }

            var tol = grad32 is null ? Fallback(exact) : Safety * (grad32[p.Wrt[k]] + grad64![p.Wrt[k]]);
            bounds[name] = tol;
            foreach (var (source, values, extra, present) in gradients.Concat(claimed is null ? [] : [claimed.Value]))
            {
                if (!present[k])
                {
                    continue;
                }

                var allowed = tol + extra[k];
                if (!Within(values[k], exact, allowed))
                {
                    findings.Add(Finding(name, $"∂f/∂{name}", source, values[k], Sources.Forward, exact, allowed,
                        source == Sources.Claimed32 ? null : Locate(trace, m32, xf, p.Wrt[k], values[k])));
                }
            }
        }

        foreach (var (source, values, _, present) in gradients.Concat(claimed is null ? [] : [claimed.Value]))
        {
            sources[source] = PointContext.ByName(names.Where((_, k) => present[k]).ToArray(), values.Where((_, k) => present[k]).ToArray());
        }

        var within = findings.Count == 0;
        var summary = within ? Summary(r.Value, reference, value32, valueBound, sources, bounds, trace, m32, xf) : findings[0].Message;
        var result = new Float32Result
        {
            Value = value32,
            ValueBound = valueBound,
            Gradient = sources,
            GradientBound = bounds,
            WithinRounding = within,
            Message = summary,
        };
        var note = "float32: " + summary;
        return within
            ? r with { Float32 = result, Message = r.StatedMessage is null ? note : r.StatedMessage + "; " + note }
            : r with
            {
                Verdict = Verdict.Discrepancy,
                Float32 = result,
                Discrepancies = [.. r.Discrepancies, .. findings],
                Message = r.Verdict == Verdict.Discrepancy ? r.Message + "; " + note : note + (r.StatedMessage is null ? "" : "; " + r.StatedMessage),
            };
    }

    /// <summary>Without a trace: a few hundred float32 ulps of the number's scale.</summary>
    private static double Fallback(double v) => 256 * Eps32 * Math.Max(Math.Abs(v), 1);

    private static bool Within(double a, double b, double allowed) => a == b || Math.Abs(a - b) <= allowed;

    /// <summary>forward32 and reverse32 for every differentiated variable (NaN where the engine threw).</summary>
    private static List<(string Source, double[] Values, double[] Extra, bool[] Present)> Gradients(IScalarFunction f, Problem p, double[] x, float[] xf)
    {
        var n = p.Wrt.Count;
        var forward = new double[n];
        var reverse = new double[n];
        var inputs = new Dual<float>[x.Length];
        for (var k = 0; k < n; k++)
        {
            for (var j = 0; j < inputs.Length; j++)
            {
                inputs[j] = new Dual<float>(xf[j], j == p.Wrt[k] ? 1f : 0f);
            }

            forward[k] = Guard(() => f.Invoke<Dual<float>>(inputs).Tangent);
        }

        try
        {
            var tape = new Tape<float>();
            using (tape.Activate())
            {
                var vars = xf.Select(tape.Variable).ToArray();
                tape.Backward(f.Invoke<Var<float>>(vars));
                for (var k = 0; k < n; k++)
                {
                    reverse[k] = tape.Adjoint(vars[p.Wrt[k]]);
                }
            }
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            Array.Fill(reverse, double.NaN);
        }

        var all = Enumerable.Repeat(true, n).ToArray();
        return [(Sources.Forward32, forward, new double[n], all), (Sources.Reverse32, reverse, new double[n], all)];
    }

    private static double Guard(Func<float> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return double.NaN;
        }
    }

    /// <summary>
    /// The claim computed in float: written formulas run on float (each charged its own float32 rounding),
    /// or float code, whose rounding is unknown and is allowed 16 float32 ulps of the entry on top of what
    /// an engine computing in float32 is allowed.
    /// </summary>
    private static (string Source, double[] Values, double[] Extra, bool[] Present)? Claimed(Problem p, double[] x, float[] xf)
    {
        var n = p.Wrt.Count;
        if (p.Float32Claim is FloatDelegateClaim code)
        {
            var values = code.Evaluate(x, p.Wrt, p.Definition.Variables).Values;
            return (Sources.Claimed32, values, values.Select(v => 16 * Eps32 * Math.Abs(v)).ToArray(), Enumerable.Repeat(true, n).ToArray());
        }

        if (p.Claim is not WrittenClaims written)
        {
            return null;
        }

        var result = new double[n];
        var extra = new double[n];
        var present = new bool[n];
        for (var k = 0; k < n; k++)
        {
            result[k] = double.NaN;
            if (written.Formulas.TryGetValue(p.Wrt[k], out var c))
            {
                present[k] = true;
                result[k] = Guard(() => c.Evaluate<float>(xf));
                extra[k] = Safety * new ErrorModel(c, x, Eps32, roundsConstants: true).ValueBound();
            }
        }

        return (Sources.Claimed32, result, extra, present);
    }

    private static Discrepancy Finding(string entry, string what, string suspect, double value, string referenceSource, double reference, double allowed, string? where)
    {
        var diff = Math.Abs(value - reference);
        var scale = Math.Max(Math.Abs(value), Math.Abs(reference));
        var rel = !double.IsFinite(diff) ? double.NaN : scale == 0 ? diff : diff / scale;
        var message = $"{what} in float32: {suspect} gives {PointContext.Format(value)}, {referenceSource} (double) gives {PointContext.Format(reference)}; " +
                      (double.IsFinite(diff) ? $"they differ by {G(diff)} (relative {G(rel)}), more than the {G(allowed)} float32 rounding allows" : "float32 rounding cannot explain a number that is not finite") +
                      ": beyond float32 rounding, so a bug (or a float32 range problem), not rounding" + (where is null ? "" : "; " + where);
        return new Discrepancy(entry, [suspect, referenceSource], [value, reference], rel, allowed, suspect, message) { Difference = diff };
    }

    /// <summary>
    /// The first step of the trace whose float32 value (or tangent along <paramref name="input"/>) leaves
    /// twice its own rounding bound from the double one; when every step stays within, the code itself
    /// computes differently in float32 than its trace (a branch on a value, a precision-dependent constant).
    /// </summary>
    private static string? Locate(Computation? trace, ErrorModel? m32, float[] xf, int? input, double result)
    {
        if (trace is null || m32 is null)
        {
            return null;
        }

        double[] s32, s64, bound;
        try
        {
            if (input is { } i)
            {
                var seeded = xf.Select((v, j) => new Dual<float>(v, j == i ? 1f : 0f)).ToArray();
                s32 = trace.EvaluateSteps<Dual<float>>(seeded).Select(d => (double)d.Tangent).ToArray();
                (s64, bound) = m32.TangentBounds(i);
            }
            else
            {
                s32 = trace.EvaluateSteps<float>(xf).Select(v => (double)v).ToArray();
                s64 = m32.StepValues.ToArray();
                bound = m32.StepBounds();
            }
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }

        var what = input is null ? "value" : "tangent";
        for (var k = 0; k < s32.Length; k++)
        {
            if (!Within(s32[k], s64[k], Safety * bound[k]))
            {
                return $"float32 leaves its rounding bound first at step {k + 1} ({trace.StepText(k, 60)}): its {what} is {PointContext.Format(s32[k])} in float32 " +
                       $"and {PointContext.Format(s64[k])} in double (bound {G(Safety * bound[k])}){Range(trace, m32, k, input)}";
            }
        }

        var replayed = s32[trace.Output];
        return Within(replayed, result, 0)
            ? null
            : $"every step of the trace replayed in float32 stays within its bound (it gives {PointContext.Format(replayed)}), so the code itself computes " +
              "differently on float than the trace it recorded in double: a branch on a value or a precision-dependent constant";
    }

    /// <summary>Names an overflow or underflow of float32's range at a step.</summary>
    private static string Range(Computation trace, ErrorModel m32, int k, int? input)
    {
        var v = Math.Abs(m32.StepValues[k]);
        return input is null && v > float.MaxValue ? $": {trace.StepText(k, 60)} overflows float32 (largest 3.4028235E+38)"
            : input is null && v > 0 && v < 1.1754943508222875e-38 ? $": {trace.StepText(k, 60)} underflows float32 (smallest normal 1.1754944E-38)"
            : "";
    }

    /// <summary>Within rounding: the worst relative deviation, and where the value loses its digits when it loses many.</summary>
    private static string Summary(double value64, IReadOnlyDictionary<string, double>? reference, double value32, double valueBound,
        Dictionary<string, IReadOnlyDictionary<string, double>> sources, Dictionary<string, double> bounds, Computation? trace, ErrorModel? m32, float[] xf)
    {
        // Each difference is stated against its bound in the same (absolute) terms; the relative size follows in words.
        var valueRel = Relative(value32, value64);
        var text = $"within float32 rounding of double: the value differs by {G(Math.Abs(value32 - value64))} (relative {G(valueRel)}), " +
                   $"within its bound {G(valueBound)}";
        var worst = sources.SelectMany(s => s.Value.Select(e => (Source: s.Key, Variable: e.Key, Value: e.Value, Reference: reference?.GetValueOrDefault(e.Key, double.NaN) ?? double.NaN)))
            .Select(t => (t.Source, t.Variable, Diff: Math.Abs(t.Value - t.Reference), Rel: Relative(t.Value, t.Reference)))
            .Where(t => !double.IsNaN(t.Rel)).OrderByDescending(t => t.Rel).FirstOrDefault();
        if (worst.Source is not null)
        {
            text += $"; the gradient at worst by {G(worst.Diff)} (relative {G(worst.Rel)}; {worst.Source}, ∂f/∂{worst.Variable}), within its bound {G(bounds[worst.Variable])}";
        }

        if (valueRel > 1e3 * Eps32 && trace is not null && m32 is not null && LossStep(trace, m32, xf) is { } loss)
        {
            text += $"; float32 keeps about {Math.Max(0, -Math.Log10(valueRel)).ToString("F0", CultureInfo.InvariantCulture)} digit(s) of the value here, and {loss}";
        }

        return text;
    }

    /// <summary>The step whose relative error in float32 grows most over its operands' (cancellation, an ill-conditioned function).</summary>
    private static string? LossStep(Computation trace, ErrorModel m32, float[] xf)
    {
        double[] s32;
        try
        {
            s32 = trace.EvaluateSteps<float>(xf).Select(v => (double)v).ToArray();
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }

        var s64 = m32.StepValues;
        var rel = s32.Select((v, k) => Relative(v, s64[k])).ToArray();
        int best = -1;
        double growth = 1;
        for (var k = 0; k < trace.Count; k++)
        {
            var op = trace.Operations[k];
            if (op.OperandCount == 0)
            {
                continue;
            }

            var before = Math.Max(Math.Max(rel[op.A], op.OperandCount == 2 ? rel[op.B] : 0), Eps32);
            var g = rel[k] / before;
            if (g > growth)
            {
                (best, growth) = (k, g);
            }
        }

        return best < 0 || growth < 100 ? null
            : $"the precision is lost at step {best + 1} ({trace.StepText(best, 60)}), whose relative error grows {G(growth)}-fold over its operands' (to {G(rel[best])})";
    }

    private static double Relative(double a, double b)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a == b ? 0 : !double.IsFinite(a - b) ? double.PositiveInfinity : Math.Abs(a - b) / scale;
    }

    private static string G(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
