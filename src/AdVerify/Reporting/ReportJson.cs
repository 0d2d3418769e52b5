using System.Text;
using System.Text.Json;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>
/// The JSON form of a verification report (the contract other tools read): a summary of
/// verdict counts and, per case and point, the verdict, value, gradient by source, Hessian by
/// source, claimed higher derivatives by source (<c>higherDerivatives</c>), discrepancies, message, the sources that took no part with the reason (<c>absent</c>)
/// and how derivatives were compared (<c>mode</c>), and for a point verified in single precision the
/// float32 value, gradient by source and rounding bounds (<c>float32</c>). Numbers that are not finite are written as null.
/// Reports can be read back, so shard reports can be merged.
/// </summary>
public static class ReportJson
{
    /// <summary>Writes a report as indented JSON.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            WriteSummary(w, report.Summary);
            if (report.Shard is { } shard)
            {
                w.WriteString("shard", $"{shard.Index}/{shard.Count}");
            }

            w.WriteStartArray("cases");
            foreach (var c in report.Cases)
            {
                WriteCase(w, c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes one point result as a JSON object (the shape used inside reports).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WritePoint(w, result);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteSummary(Utf8JsonWriter w, Summary s)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("cases", s.Cases);
        w.WriteNumber("points", s.Points);
        w.WriteNumber("consistent", s.Consistent);
        w.WriteNumber("discrepancy", s.Discrepancy);
        w.WriteNumber("nondifferentiable", s.Nondifferentiable);
        w.WriteNumber("undefined", s.Undefined);
        w.WriteNumber("error", s.Error);
        w.WriteNumber("failedCases", s.FailedCases);
        w.WriteEndObject();
    }

    private static void WriteCase(Utf8JsonWriter w, CaseResult c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteString("expression", c.Expression);
        w.WriteStartArray("wrt");
        foreach (var v in c.Wrt)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
        if (c.ExpectPerPoint is { } each)
        {
            w.WriteStartArray("expect");
            foreach (var v in each)
            {
                w.WriteStringValue(v.Name());
            }

            w.WriteEndArray();
        }
        else if (c.Expect is { } e)
        {
            w.WriteString("expect", e.Name());
        }

        w.WriteBoolean("passed", c.Passed);
        w.WriteStartArray("results");
        foreach (var r in c.Results)
        {
            WritePoint(w, r);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter w, PointResult r)
    {
        w.WriteStartObject();
        WriteMap(w, "point", r.Point);
        w.WriteString("verdict", r.Verdict.Name());
        Number(w, "value", r.Value);
        if (r.Gradient.Count > 0)
        {
            w.WriteStartObject("gradient");
            foreach (var (source, values) in r.Gradient)
            {
                WriteMap(w, source, values);
            }

            w.WriteEndObject();
        }

        if (r.FiniteDifferenceError.Count > 0)
        {
            WriteMap(w, "finiteDifferenceError", r.FiniteDifferenceError);
        }

        if (r.Hessian is { } h)
        {
            w.WriteStartObject("hessian");
            foreach (var (source, values) in h)
            {
                WriteMap(w, source, values);
            }

            w.WriteEndObject();
        }

        if (r.HigherDerivatives is { } higher)
        {
            w.WriteStartObject("higherDerivatives");
            foreach (var (source, values) in higher)
            {
                WriteMap(w, source, values);
            }

            w.WriteEndObject();
        }

        w.WriteStartArray("discrepancies");
        foreach (var d in r.Discrepancies)
        {
            w.WriteStartObject();
            w.WriteString("variable", d.Variable);
            w.WriteStartArray("sources");
            foreach (var s in d.Sources)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            w.WriteStartArray("values");
            foreach (var v in d.Values)
            {
                NumberValue(w, v);
            }

            w.WriteEndArray();
            Number(w, "relativeError", d.RelativeError);
            Number(w, "tolerance", d.Tolerance);
            if (d.OddOneOut is not null)
            {
                w.WriteString("oddOneOut", d.OddOneOut);
            }

            w.WriteString("message", d.Message);
            if (d.StepScan.Count > 0)
            {
                w.WriteStartArray("stepScan");
                foreach (var s in d.StepScan)
                {
                    w.WriteStartArray();
                    NumberValue(w, s.Step);
                    NumberValue(w, s.Estimate);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (r.Message is not null)
        {
            w.WriteString("message", r.Message);
        }

        if (r.Absent.Count > 0)
        {
            w.WriteStartObject("absent");
            foreach (var (source, why) in r.Absent)
            {
                w.WriteString(source, why);
            }

            w.WriteEndObject();
        }

        if (r.Mode is not null)
        {
            w.WriteString("mode", r.Mode);
        }

        if (r.Float32 is { } f)
        {
            WriteFloat32(w, f);
        }

        w.WriteEndObject();
    }

    private static void WriteFloat32(Utf8JsonWriter w, Float32Result f)
    {
        w.WriteStartObject("float32");
        Number(w, "value", f.Value);
        Number(w, "valueBound", f.ValueBound);
        w.WriteBoolean("withinRounding", f.WithinRounding);
        w.WriteStartObject("gradient");
        foreach (var (source, values) in f.Gradient)
        {
            WriteMap(w, source, values);
        }

        w.WriteEndObject();
        WriteMap(w, "gradientBound", f.GradientBound);
        if (f.Message is not null)
        {
            w.WriteString("message", f.Message);
        }

        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> map)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in map)
        {
            Number(w, k, v);
        }

        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        w.WritePropertyName(name);
        NumberValue(w, v);
    }

    private static void NumberValue(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    /// <summary>
    /// Reads a report written by <see cref="Write(VerificationReport)"/>, strictly: an unknown or
    /// missing field, a value of the wrong type, an unknown verdict or expectation, a
    /// <c>consistent</c> verdict carrying a number that is not finite, or a <c>passed</c> flag or
    /// summary that the verdicts contradict is an error naming the file, case, point and field.
    /// A report is data: nothing read is repaired or re-judged.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for messages (the file).</param>
    /// <returns>The report.</returns>
    /// <exception cref="FormatException">The text is not a report as written by this library; the message says where and why.</exception>
    public static VerificationReport Read(string json, string source = "report") => ReportJsonReader.Read(json, source);
}
