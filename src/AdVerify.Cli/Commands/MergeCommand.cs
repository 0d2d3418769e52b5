using System.CommandLine;
using AdVerify.Cli.CommandLine;
using AdVerify.Reporting;
using AdVerify.Verification;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify merge A.json B.json … [--out DIR] [--format …]</c>: combines shard reports into one.</summary>
public sealed class MergeCommand : Verb
{
    private readonly Option<string> _out = CommonOptions.Out();
    private readonly Option<string> _format = ReportOutput.FormatOption();

    /// <inheritdoc />
    public override string Name => "merge";

    /// <inheritdoc />
    public override string Usage => "merge A.json B.json ... [--out DIR] [--format text|json|markdown|html|junit]";

    /// <inheritdoc />
    public override string Description => "Combines JSON reports (for example from 'adverify verify --shard i/n') into one report, recounting the summary. " +
        "Reports are read strictly (an edited or unknown field is an error naming the file, case and field); a report, shard or case given twice is refused.";

    /// <inheritdoc />
    public override Positionals Positionals { get; } = new("REPORT.json", "a JSON report file", "JSON report files", 1, int.MaxValue,
        "the JSON reports to combine (written by adverify verify --format json or --out)");

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_out, _format];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        var parts = new List<(string Source, VerificationReport Report)>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in run.Positionals)
        {
            if (!File.Exists(path))
            {
                throw new UsageException($"report file '{path}' does not exist");
            }

            if (!paths.TryAdd(Path.GetFullPath(path), path))
            {
                throw new UsageException($"'{path}' is given twice (as '{paths[Path.GetFullPath(path)]}' too): each report may be merged once");
            }

            try
            {
                parts.Add((path, ReportJson.Read(File.ReadAllText(path), path)));
            }
            catch (FormatException e)
            {
                throw new UsageException(NotAReport(path, e));
            }
        }

        VerificationReport merged;
        try
        {
            merged = ReportMerge.Merge(parts, warning => run.Err.WriteLine($"adverify: warning: {warning}"));
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        return ReportOutput.Emit(merged, ReportOutput.ReadFormat(run.Value(_format)), run.Value(_out), run.Out, run.Err);
    }

    /// <summary>Says what is wrong with a file that is not a report, without the reader's internal exception text.</summary>
    private static string NotAReport(string path, FormatException e) => e.InnerException switch
    {
        System.Text.Json.JsonException j => $"report file '{path}' is not valid JSON ({j.Message.Split(" Path:")[0].TrimEnd('.')}); merge takes the JSON reports that adverify verify --format json or --out writes",
        KeyNotFoundException or InvalidOperationException =>
            $"report file '{path}' is JSON but not a verification report: merge takes the JSON reports that adverify verify --format json or --out writes " +
            "(an object with a \"cases\" array whose cases have \"name\", \"expression\" and \"results\")",
        // The strict reader's own messages start with the file name; say it the way the other messages do.
        _ when e.Message.StartsWith(path + ": is JSON", StringComparison.Ordinal) =>
            $"report file '{path}' {e.Message[(path.Length + 2)..]}",
        _ when e.Message.StartsWith(path + ": ", StringComparison.Ordinal) => $"report file '{path}': {e.Message[(path.Length + 2)..]}",
        _ => e.Message,
    };
}
