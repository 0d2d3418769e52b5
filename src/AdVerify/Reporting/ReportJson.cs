using System.Globalization;
using System.Text;
using System.Text.Json;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>
/// The JSON form of a verification report (the contract other tools read): a summary of
/// verdict counts and, per case and point, the verdict, value, gradient by source, Hessian by
/// source, discrepancies and message. Numbers that are not finite are written as null.
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
        if (c.Expect is { } e)
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

    /// <summary>Reads a report written by <see cref="Write(VerificationReport)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for messages (the file).</param>
    /// <returns>The report (its summary recomputed from the cases).</returns>
    /// <exception cref="FormatException">The text is not a report; the message says where.</exception>
    public static VerificationReport Read(string json, string source = "report")
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var cases = doc.RootElement.GetProperty("cases").EnumerateArray().Select(ReadCase).ToArray();
            return VerificationReport.Of(cases);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{source}: not a verification report ({e.Message})", e);
        }
    }

    private static CaseResult ReadCase(JsonElement c) => new()
    {
        Name = c.GetProperty("name").GetString()!,
        Expression = c.GetProperty("expression").GetString()!,
        Wrt = c.TryGetProperty("wrt", out var wrt) ? wrt.EnumerateArray().Select(x => x.GetString()!).ToArray() : [],
        Expect = c.TryGetProperty("expect", out var e) && VerdictNames.TryParse(e.GetString(), out var v) ? v : null,
        Results = c.GetProperty("results").EnumerateArray().Select(ReadPoint).ToArray(),
    };

    private static PointResult ReadPoint(JsonElement r)
    {
        if (!VerdictNames.TryParse(r.GetProperty("verdict").GetString(), out var verdict))
        {
            throw new FormatException($"unknown verdict '{r.GetProperty("verdict").GetString()}'");
        }

        // A report read back (say, an edited shard) must not vouch for a number that is not finite.
        return Verification.Pipeline.PointPipeline.RequireFiniteWhenConsistent(new PointResult
        {
            Point = ReadMap(r.GetProperty("point")),
            Verdict = verdict,
            Value = ReadNumber(r.GetProperty("value")),
            Gradient = r.TryGetProperty("gradient", out var g) ? ReadSources(g) : new Dictionary<string, IReadOnlyDictionary<string, double>>(),
            FiniteDifferenceError = r.TryGetProperty("finiteDifferenceError", out var fe) ? ReadMap(fe) : new Dictionary<string, double>(),
            Hessian = r.TryGetProperty("hessian", out var h) ? ReadSources(h) : null,
            Discrepancies = r.TryGetProperty("discrepancies", out var ds) ? ds.EnumerateArray().Select(ReadDiscrepancy).ToArray() : [],
            Message = r.TryGetProperty("message", out var m) ? m.GetString() : null,
        });
    }

    private static Discrepancy ReadDiscrepancy(JsonElement d) =>
        new(d.GetProperty("variable").GetString()!,
            d.GetProperty("sources").EnumerateArray().Select(x => x.GetString()!).ToArray(),
            d.GetProperty("values").EnumerateArray().Select(ReadNumber).ToArray(),
            ReadNumber(d.GetProperty("relativeError")),
            ReadNumber(d.GetProperty("tolerance")),
            d.TryGetProperty("oddOneOut", out var o) ? o.GetString() : null,
            d.GetProperty("message").GetString()!)
        {
            StepScan = d.TryGetProperty("stepScan", out var s)
                ? s.EnumerateArray().Select(p => new StepSample(ReadNumber(p[0]), ReadNumber(p[1]))).ToArray()
                : [],
        };

    private static Dictionary<string, IReadOnlyDictionary<string, double>> ReadSources(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlyDictionary<string, double>)ReadMap(p.Value), StringComparer.Ordinal);

    private static Dictionary<string, double> ReadMap(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => ReadNumber(p.Value), StringComparer.Ordinal);

    private static double ReadNumber(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.Null => double.NaN,
        JsonValueKind.String => double.Parse(e.GetString()!, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"expected a number, found {e.ValueKind}"),
    };
}
