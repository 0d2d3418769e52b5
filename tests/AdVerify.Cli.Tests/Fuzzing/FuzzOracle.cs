using System.Globalization;
using System.Text.Json;
using AdVerify.Cli;
using AdVerify.Expressions;

namespace AdVerify.Cli.Tests.Fuzzing;

/// <summary>
/// Runs generated cases and judges them. The property: every run either exits 0 or 1 with sane
/// output (no NaN or Infinity vouched for by a <c>consistent</c> verdict or printed as a value),
/// or exits 2 with one clear line on standard error (a parse error may add the input and a caret),
/// without stack-trace lines, exception type names or "internal error"; and finishes within the
/// time bound. Exit code 3 (adverify's internal error) is always a violation: it is a bug. Reports written with --out leave no temporary files.
/// </summary>
public static class FuzzOracle
{
    /// <summary>
    /// The longest a single case may take before it counts as a hang. This detects hangs, not speed
    /// (speed is measured in benchmarks): the largest inputs take a few seconds alone, and test
    /// assemblies run in parallel on the same cores.
    /// </summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs one case and returns why it violates the property, or null when it holds.</summary>
    /// <param name="c">The case.</param>
    /// <param name="exitCode">The exit code (−1 when the case timed out).</param>
    /// <returns>The violation, or null.</returns>
    public static string? Judge(FuzzCase c, out int exitCode)
    {
        exitCode = -1;
        foreach (var (path, content) in c.Files)
        {
            // Lone surrogates become U+FFFD: the file is what a user's editor would have saved.
            File.WriteAllText(path, content, new System.Text.UTF8Encoding(false, false));
        }

        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var run = Task.Run(() => CliApp.Run(c.Args, stdout, stderr));
            if (!run.Wait(CaseTimeout))
            {
                return $"did not finish within {CaseTimeout.TotalSeconds} s";
            }

            exitCode = run.Result;
            return Check(c, run.Result, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            foreach (var path in c.Files.Keys)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Parses bare text and returns why the parser misbehaved, or null when it threw only <see cref="ParseException"/> or succeeded.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The violation, or null.</returns>
    public static string? JudgeParse(string text)
    {
        try
        {
            var e = Infix.Parse(text);
            var printed = Infix.Format(e);
            var again = Infix.Parse(printed);
            return ReferenceEquals(e, again) ? null : $"printing and re-parsing changed the expression: '{printed}'";
        }
        catch (ParseException p)
        {
            var caret = p.FormatWithCaret();
            return caret.Split('\n').Length == 3 && p.Message.Length < 400 ? null : $"unclear parse error: {Shorten(caret)}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name} escaped the parser: {e.Message}";
        }
    }

    private static string? Check(FuzzCase c, int code, string stdout, string stderr)
    {
        var verb = c.Args[0];
        if (code == CliApp.InternalError)
        {
            // adverify's own failure (exit code 3): a bug whatever the input, even with a clean apology.
            return $"internal error (exit code {code}), a bug: {Shorten(stderr)}";
        }

        if (stderr.Contains("   at ", StringComparison.Ordinal) || stderr.Contains("Exception", StringComparison.Ordinal) ||
            stderr.Contains("internal error", StringComparison.Ordinal))
        {
            return $"exit {code}, stack trace or exception on stderr: {Shorten(stderr)}";
        }

        if (c.OutDir is not null && Directory.Exists(c.OutDir))
        {
            var leftovers = Directory.GetFiles(c.OutDir, "*.tmp");
            Directory.Delete(c.OutDir, true);
            if (leftovers.Length > 0)
            {
                return $"left temporary files: {string.Join(", ", leftovers)}";
            }
        }

        switch (code)
        {
            case 2:
                {
                    var lines = stderr.TrimEnd('\n', '\r').Split('\n');
                    if (lines.Length == 0 || !lines[0].StartsWith("adverify: ", StringComparison.Ordinal) || lines[0].Length > 400)
                    {
                        return $"exit 2 without one clear line: {Shorten(stderr)}";
                    }

                    var caret = lines.Length == 3 && lines[2].TrimEnd().EndsWith('^');
                    if (lines.Length != 1 && !caret)
                    {
                        return $"exit 2 with more than one line and no caret: {Shorten(stderr)}";
                    }

                    return null;
                }

            case 0 or 1:
                if (code == 1 && verb is not ("check" or "verify" or "merge"))
                {
                    return $"exit 1 from {verb}, which cannot fail verification";
                }

                if (c.Args.Contains("--help") || c.Args.Contains("-h"))
                {
                    return stdout.Contains("usage:", StringComparison.Ordinal) ? null : "help without usage";
                }

                return CheckOutput(c, verb, stdout);
            default:
                return $"exit code {code}";
        }
    }

    private static string? CheckOutput(FuzzCase c, string verb, string stdout)
    {
        if (string.IsNullOrWhiteSpace(stdout))
        {
            return "success with empty output";
        }

        var json = c.Args.Contains("--json") || c.Args.Contains("--format=json") || FormatIs(c, "json");
        if (json)
        {
            try
            {
                using var doc = JsonDocument.Parse(stdout);
                return verb switch
                {
                    "check" => CheckPoint(doc.RootElement),
                    "verify" or "merge" => doc.RootElement.GetProperty("cases").EnumerateArray()
                        .SelectMany(k => k.GetProperty("results").EnumerateArray()).Select(CheckPoint).FirstOrDefault(v => v is not null),
                    "diff" or "eval" => doc.RootElement.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Number
                        ? $"{verb} printed a value that is not a finite number: {Shorten(stdout)}"
                        : null,
                    "grad" => FiniteNumbers(doc.RootElement, "value", "gradient", "hessian"),
                    _ => null,
                };
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return $"success, but the JSON output does not parse: {e.Message}: {Shorten(stdout)}";
            }
        }

        return verb switch
        {
            "eval" => double.TryParse(stdout.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? null
                : $"eval printed something other than a finite number: {Shorten(stdout)}",
            "diff" when c.Args.Any(a => a.StartsWith("--at", StringComparison.Ordinal)) => NoNonFinite(stdout.TrimEnd().Split('\n')[^1]),
            "grad" => NoNonFinite(string.Join("\n", stdout.Split('\n').Where(l => !l.StartsWith("Hessian (", StringComparison.Ordinal))
                .Select(l => l.Contains(" = ", StringComparison.Ordinal) ? l[(l.LastIndexOf(" = ", StringComparison.Ordinal) + 3)..] : l))),
            _ => null,
        };
    }

    private static string? FiniteNumbers(JsonElement root, params string[] names)
    {
        foreach (var name in names)
        {
            if (!root.TryGetProperty(name, out var p))
            {
                continue;
            }

            var values = p.ValueKind == JsonValueKind.Object ? p.EnumerateObject().Select(e => e.Value) : [p];
            if (values.Any(v => v.ValueKind != JsonValueKind.Number))
            {
                return $"printed a {name} that is not a finite number: {Shorten(root.ToString())}";
            }
        }

        return null;
    }

    private static bool FormatIs(FuzzCase c, string format)
    {
        var i = Array.IndexOf(c.Args, "--format");
        return i >= 0 && i + 1 < c.Args.Length && c.Args[i + 1] == format;
    }

    private static string? NoNonFinite(string stdout)
    {
        foreach (var word in stdout.Split([' ', '\n', '\r', '"', ',', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word is "NaN" or "Infinity" or "-Infinity" or "∞" or "-∞")
            {
                return $"printed a non-finite number as a result: {Shorten(stdout)}";
            }
        }

        return null;
    }

    /// <summary>A consistent point must carry a finite value and finite derivatives (a missing finite-difference estimate is noted in the message).</summary>
    private static string? CheckPoint(JsonElement point)
    {
        if (point.GetProperty("verdict").GetString() != "consistent")
        {
            return null;
        }

        if (point.GetProperty("value").ValueKind != JsonValueKind.Number)
        {
            return $"consistent with a value that is not a finite number: {Shorten(point.ToString())}";
        }

        foreach (var section in new[] { "gradient", "hessian" })
        {
            if (!point.TryGetProperty(section, out var bySource) || bySource.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var source in bySource.EnumerateObject())
            {
                foreach (var entry in source.Value.EnumerateObject())
                {
                    if (entry.Value.ValueKind != JsonValueKind.Number && source.Name != "finiteDifference")
                    {
                        return $"consistent with a non-finite {section} entry {source.Name}/{entry.Name}: {Shorten(point.ToString())}";
                    }
                }
            }
        }

        return null;
    }

    private static string Shorten(string s) => s.Length <= 600 ? s : s[..600] + $"…({s.Length} chars)";
}
