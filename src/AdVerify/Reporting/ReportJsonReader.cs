using System.Globalization;
using System.Text.Json;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>
/// Reads a JSON report back strictly: a report is data, so anything a writer could not have
/// produced — an unknown or missing field, a value of the wrong type, an unknown verdict or
/// expectation, a <c>consistent</c> verdict vouching for a number that is not finite, a
/// <c>passed</c> flag or summary that its own verdicts contradict — is an error naming the file,
/// the case, the point and the field. Nothing is repaired or re-judged.
/// </summary>
internal sealed class ReportJsonReader
{
    private static readonly string[] RootFields = ["summary", "shard", "cases"];
    private static readonly string[] SummaryFields = ["cases", "points", "consistent", "discrepancy", "nondifferentiable", "undefined", "error", "failedCases"];
    private static readonly string[] CaseFields = ["name", "expression", "wrt", "expect", "passed", "results"];
    private static readonly string[] PointFields = ["point", "verdict", "value", "gradient", "finiteDifferenceError", "hessian", "higherDerivatives", "discrepancies", "message", "absent", "mode", "float32"];
    private static readonly string[] Float32Fields = ["value", "valueBound", "withinRounding", "gradient", "gradientBound", "message"];
    private static readonly string[] DiscrepancyFields = ["variable", "sources", "values", "relativeError", "tolerance", "oddOneOut", "message", "stepScan"];

    private readonly string _source;

    private ReportJsonReader(string source) => _source = source;

    public static VerificationReport Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new FormatException($"{source}{where}: not valid JSON, so not a verification report", e);
        }

        using (doc)
        {
            return new ReportJsonReader(source).ReadRoot(doc.RootElement);
        }
    }

    private VerificationReport ReadRoot(JsonElement root)
    {
        var where = _source;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"is JSON but not a verification report (a JSON object with \"summary\" and \"cases\"), but {Kind(root)}");
        }

        foreach (var name in new[] { "summary", "cases" }.Where(n => !root.TryGetProperty(n, out _)))
        {
            throw Error(where, $"is JSON but not a verification report: required field \"{name}\" is missing");
        }

        Fields(root, RootFields, ["summary", "cases"], where);
        (int, int)? shard = root.TryGetProperty("shard", out var s) ? ReadShard(s, where) : null;
        var cases = Array(root, "cases", where).Select((c, i) => ReadCase(c, $"{where}: case {i + 1}")).ToArray();
        var report = VerificationReport.Of(cases) with { Shard = shard };
        var stated = ReadSummary(root.GetProperty("summary"), $"{where}: \"summary\"");
        if (stated != report.Summary)
        {
            throw Error(where, $"\"summary\" says {Describe(stated)}, but the cases hold {Describe(report.Summary)}: the report was edited");
        }

        return report;
    }

    private (int, int) ReadShard(JsonElement e, string where)
    {
        var text = e.ValueKind == JsonValueKind.String ? e.GetString()! : null;
        var parts = text?.Split('/');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || i >= n)
        {
            throw Error(where, $"field \"shard\" must be \"i/n\" with 0 <= i < n, not {e.GetRawText()}");
        }

        return (i, n);
    }

    private Summary ReadSummary(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"must be an object, not {Kind(e)}");
        }

        Fields(e, SummaryFields, SummaryFields, where);
        int Count(string name)
        {
            var v = e.GetProperty(name);
            return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0
                ? n
                : throw Error(where, $"field \"{name}\" must be a count (a whole number >= 0), not {v.GetRawText()}");
        }

        return new Summary(Count("cases"), Count("points"), Count("consistent"), Count("discrepancy"), Count("nondifferentiable"),
            Count("undefined"), Count("error"), Count("failedCases"));
    }

    private CaseResult ReadCase(JsonElement c, string where)
    {
        if (c.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"must be an object, not {Kind(c)}");
        }

        if (c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
        {
            where += $" ('{Quote(n.GetString())}')";
        }

        Fields(c, CaseFields, ["name", "expression", "wrt", "passed", "results"], where);
        var result = new CaseResult
        {
            Name = String(c, "name", where),
            Expression = String(c, "expression", where),
            Wrt = Strings(c, "wrt", where),
            Expect = c.TryGetProperty("expect", out var x) && x.ValueKind != JsonValueKind.Array ? VerdictField(c, "expect", where) : null,
            ExpectPerPoint = x.ValueKind == JsonValueKind.Array ? Array(c, "expect", where).Select((v, i) => VerdictValue(v, $"\"expect\"[{i}]", where)).ToArray() : null,
            Results = Array(c, "results", where).Select((r, i) => ReadPoint(r, $"{where}, point {i + 1}")).ToArray(),
        };
        if (result.ExpectPerPoint is { } each && each.Count != result.Results.Count)
        {
            throw Error(where, $"field \"expect\" lists {each.Count} verdicts for {result.Results.Count} points");
        }

        var passed = c.GetProperty("passed");
        if (passed.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Error(where, $"field \"passed\" must be true or false, not {passed.GetRawText()}");
        }

        if (passed.GetBoolean() != result.Passed)
        {
            throw Error(where, $"field \"passed\" is {(passed.GetBoolean() ? "true" : "false")}, but its verdicts {(result.Passed ? "meet" : "do not meet")} " +
                               $"{(result.ExpectPerPoint is { } list ? $"the expectations \"{string.Join(", ", list.Select(v => v.Name()))}\"" : result.Expect is { } one ? $"the expectation \"{one.Name()}\"" : "the default expectation (no discrepancy, no error)")}: the report was edited");
        }

        return result;
    }

    private PointResult ReadPoint(JsonElement r, string where)
    {
        if (r.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"must be an object, not {Kind(r)}");
        }

        Fields(r, PointFields, ["point", "verdict", "value", "discrepancies"], where);
        var result = new PointResult
        {
            Point = Map(r.GetProperty("point"), $"{where}, field \"point\"", finite: true),
            Verdict = VerdictField(r, "verdict", where),
            Value = Number(r.GetProperty("value"), $"{where}, field \"value\""),
            Gradient = r.TryGetProperty("gradient", out var g) ? BySource(g, $"{where}, field \"gradient\"") : new Dictionary<string, IReadOnlyDictionary<string, double>>(),
            FiniteDifferenceError = r.TryGetProperty("finiteDifferenceError", out var fe) ? Map(fe, $"{where}, field \"finiteDifferenceError\"", finite: false) : new Dictionary<string, double>(),
            Hessian = r.TryGetProperty("hessian", out var h) ? BySource(h, $"{where}, field \"hessian\"") : null,
            HigherDerivatives = r.TryGetProperty("higherDerivatives", out var hd) ? BySource(hd, $"{where}, field \"higherDerivatives\"") : null,
            Discrepancies = Array(r, "discrepancies", where).Select((d, i) => ReadDiscrepancy(d, $"{where}, discrepancy {i + 1}")).ToArray(),
            Message = r.TryGetProperty("message", out _) ? String(r, "message", where) : null,
            Absent = r.TryGetProperty("absent", out var absent) ? Reasons(absent, $"{where}, field \"absent\"") : new Dictionary<string, string>(),
            Mode = r.TryGetProperty("mode", out _) ? String(r, "mode", where) : null,
            Float32 = r.TryGetProperty("float32", out var f32) ? ReadFloat32(f32, $"{where}, field \"float32\"") : null,
        };

        if (result.Verdict == Verdict.Consistent && result.Float32 is { WithinRounding: false })
        {
            throw Error(where, "the verdict is \"consistent\" but field \"float32\" has \"withinRounding\": false: a float32 result beyond rounding is a discrepancy, so the report was edited");
        }

        // The verifier's own rule for what a consistent verdict vouches for; a report that breaks it is refused, not re-judged.
        var guarded = Verification.Pipeline.PointPipeline.RequireFiniteWhenConsistent(result);
        if (!ReferenceEquals(guarded, result))
        {
            var reason = guarded.Message is { } m && result.Message is { } original && m.EndsWith("; " + original, StringComparison.Ordinal)
                ? m[..^(original.Length + 2)]
                : guarded.Message;
            throw Error(where, $"the verdict is \"consistent\" but {reason?.Replace("(NaN)", "(null)", StringComparison.Ordinal)}: a consistent verdict vouches for finite numbers, so the report was edited");
        }

        if (result.Verdict != Verdict.Discrepancy && result.Discrepancies.Count > 0)
        {
            throw Error(where, $"the verdict is \"{result.Verdict.Name()}\" but field \"discrepancies\" lists {result.Discrepancies.Count}: only a discrepancy has them");
        }

        return result;
    }

    private Float32Result ReadFloat32(JsonElement f, string where)
    {
        if (f.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"must be an object, not {Kind(f)}");
        }

        Fields(f, Float32Fields, ["value", "valueBound", "withinRounding", "gradient", "gradientBound"], where);
        var within = f.GetProperty("withinRounding");
        return new Float32Result
        {
            Value = Number(f.GetProperty("value"), $"{where}, field \"value\""),
            ValueBound = Number(f.GetProperty("valueBound"), $"{where}, field \"valueBound\""),
            WithinRounding = within.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? within.GetBoolean()
                : throw Error(where, $"field \"withinRounding\" must be true or false, not {Kind(within)}"),
            Gradient = BySource(f.GetProperty("gradient"), $"{where}, field \"gradient\""),
            GradientBound = Map(f.GetProperty("gradientBound"), $"{where}, field \"gradientBound\"", finite: false),
            Message = f.TryGetProperty("message", out _) ? String(f, "message", where) : null,
        };
    }

    private Discrepancy ReadDiscrepancy(JsonElement d, string where)
    {
        if (d.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"must be an object, not {Kind(d)}");
        }

        Fields(d, DiscrepancyFields, ["variable", "sources", "values", "relativeError", "tolerance", "message"], where);
        var sources = Strings(d, "sources", where);
        var values = Array(d, "values", where).Select((v, i) => Number(v, $"{where}, field \"values\"[{i}]")).ToArray();
        if (values.Length != sources.Length)
        {
            throw Error(where, $"field \"values\" has {values.Length} numbers for {sources.Length} sources");
        }

        var scan = d.TryGetProperty("stepScan", out _)
            ? Array(d, "stepScan", where).Select((p, i) =>
            {
                var at = $"{where}, field \"stepScan\"[{i}]";
                if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() != 2)
                {
                    throw Error(at, $"must be a pair [step, estimate], not {p.GetRawText()}");
                }

                return new StepSample(Number(p[0], at), Number(p[1], at));
            }).ToArray()
            : [];
        return new Discrepancy(String(d, "variable", where), sources, values,
            Number(d.GetProperty("relativeError"), $"{where}, field \"relativeError\""),
            Number(d.GetProperty("tolerance"), $"{where}, field \"tolerance\""),
            d.TryGetProperty("oddOneOut", out _) ? String(d, "oddOneOut", where) : null,
            String(d, "message", where))
        {
            StepScan = scan,
        };
    }

    private void Fields(JsonElement e, string[] known, string[] required, string where)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (!known.Contains(p.Name, StringComparer.Ordinal))
            {
                throw Error(where, $"unknown field \"{Quote(p.Name)}\" (known: {string.Join(", ", known)})");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (!seen.Add(p.Name))
            {
                throw Error(where, $"field \"{p.Name}\" is given twice");
            }
        }

        foreach (var name in required)
        {
            if (!e.TryGetProperty(name, out _))
            {
                throw Error(where, $"required field \"{name}\" is missing");
            }
        }
    }

    private Verdict VerdictField(JsonElement e, string name, string where) => VerdictValue(e.GetProperty(name), $"\"{name}\"", where);

    private Verdict VerdictValue(JsonElement v, string field, string where)
    {
        if (v.ValueKind == JsonValueKind.String && VerdictNames.TryParse(v.GetString(), out var verdict) && verdict.Name() == v.GetString())
        {
            return verdict;
        }

        throw Error(where, $"field {field} must be one of {string.Join(", ", Enum.GetValues<Verdict>().Select(x => $"\"{x.Name()}\""))}, not {Quote(v.GetRawText())}");
    }

    private Dictionary<string, string> Reasons(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"must be an object of reasons by source, not {Kind(e)}");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String || !result.TryAdd(p.Name, p.Value.GetString()!))
            {
                throw Error($"{where}.{Quote(p.Name)}", $"must be a reason (a string) given once, not {Kind(p.Value)}");
            }
        }

        return result;
    }

    private string String(JsonElement e, string name, string where)
    {
        var v = e.GetProperty(name);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error(where, $"field \"{name}\" must be a string, not {Kind(v)}");
    }

    private string[] Strings(JsonElement e, string name, string where) =>
        Array(e, name, where).Select((x, i) => x.ValueKind == JsonValueKind.String
            ? x.GetString()!
            : throw Error(where, $"field \"{name}\"[{i}] must be a string, not {Kind(x)}")).ToArray();

    private JsonElement[] Array(JsonElement e, string name, string where)
    {
        var v = e.GetProperty(name);
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToArray() : throw Error(where, $"field \"{name}\" must be an array, not {Kind(v)}");
    }

    private Dictionary<string, IReadOnlyDictionary<string, double>> BySource(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"must be an object of sources, not {Kind(e)}");
        }

        var result = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (!result.TryAdd(p.Name, Map(p.Value, $"{where}.{Quote(p.Name)}", finite: false)))
            {
                throw Error(where, $"source \"{Quote(p.Name)}\" is given twice");
            }
        }

        return result;
    }

    private Dictionary<string, double> Map(JsonElement e, string where, bool finite)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"must be an object of numbers, not {Kind(e)}");
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            var at = $"{where}.{Quote(p.Name)}";
            var v = Number(p.Value, at);
            if (finite && !double.IsFinite(v))
            {
                throw Error(at, "must be a finite number, not null");
            }

            if (!result.TryAdd(p.Name, v))
            {
                throw Error(where, $"\"{Quote(p.Name)}\" is given twice");
            }
        }

        return result;
    }

    // Reports write numbers that are not finite as null; every other number must be finite.
    private double Number(JsonElement e, string where) => e.ValueKind switch
    {
        JsonValueKind.Null => double.NaN,
        JsonValueKind.Number when e.TryGetDouble(out var v) && double.IsFinite(v) => v,
        JsonValueKind.Number => throw Error(where, $"{e.GetRawText()} is not a finite double"),
        _ => throw Error(where, $"must be a number (or null for one that is not finite), not {Kind(e)}"),
    };

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Quote(e.GetRawText())}",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };

    // User text quoted in a message: visible, and short enough to keep the message one readable line.
    private static string Quote(string? text)
    {
        var visible = ReportText.Visible(text);
        return visible.Length <= 60 ? visible : visible[..59] + "…";
    }

    private static string Describe(Summary s) =>
        $"{s.Cases} cases, {s.Points} points ({s.Consistent} consistent, {s.Discrepancy} discrepancy, {s.Nondifferentiable} nondifferentiable, " +
        $"{s.Undefined} undefined, {s.Error} error; {s.FailedCases} failed)";

    private static FormatException Error(string where, string what) => new($"{where}: {what}");
}
