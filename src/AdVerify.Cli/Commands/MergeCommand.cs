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
    public override string Description => "Combines JSON reports (for example from 'adverify verify --shard i/n') into one report, recounting the summary.";

    /// <inheritdoc />
    public override Positionals Positionals { get; } = new("REPORT.json", "a JSON report file", "JSON report files", 1, int.MaxValue,
        "the JSON reports to combine (written by adverify verify --format json or --out)");

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_out, _format];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        var cases = new List<CaseResult>();
        foreach (var path in run.Positionals)
        {
            if (!File.Exists(path))
            {
                throw new UsageException($"report file '{path}' does not exist");
            }

            try
            {
                cases.AddRange(ReportJson.Read(File.ReadAllText(path), path).Cases);
            }
            catch (FormatException e)
            {
                throw new UsageException(NotAReport(path, e));
            }
        }

        return ReportOutput.Emit(VerificationReport.Of(cases), ReportOutput.ReadFormat(run.Value(_format)), run.Value(_out), run.Out, run.Err);
    }

    /// <summary>Says what is wrong with a file that is not a report, without the reader's internal exception text.</summary>
    private static string NotAReport(string path, FormatException e) => e.InnerException switch
    {
        System.Text.Json.JsonException j => $"report file '{path}' is not valid JSON ({j.Message.Split(" Path:")[0].TrimEnd('.')}); merge takes the JSON reports that adverify verify --format json or --out writes",
        KeyNotFoundException or InvalidOperationException =>
            $"report file '{path}' is JSON but not a verification report: merge takes the JSON reports that adverify verify --format json or --out writes " +
            "(an object with a \"cases\" array whose cases have \"name\", \"expression\" and \"results\")",
        _ => e.Message,
    };
}
