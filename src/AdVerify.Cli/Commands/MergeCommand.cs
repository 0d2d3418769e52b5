using AdVerify.Cli.CommandLine;
using AdVerify.Reporting;
using AdVerify.Verification;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify merge A.json B.json … [--out DIR] [--format …]</c>: combines shard reports into one.</summary>
public sealed class MergeCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "merge";

    /// <inheritdoc />
    public string Usage => "merge A.json B.json ... [--out DIR] [--format text|json|markdown|html|junit]";

    /// <inheritdoc />
    public string Description => "Combines JSON reports (for example from 'adverify verify --shard i/n') into one report, recounting the summary. " +
        "Reports are read strictly (an edited or unknown field is an error naming the file, case and field); a report, shard or case given twice is refused.";

    /// <inheritdoc />
    public IReadOnlyCollection<string> ValueOptions { get; } = ["--out", "--format"];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Flags { get; } = [];

    /// <inheritdoc />
    public int Execute(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positionals.Count == 0)
        {
            throw new UsageException("'adverify merge' needs one or more JSON report files");
        }

        var parts = new List<(string Source, VerificationReport Report)>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in args.Positionals)
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
                throw new UsageException(e.Message);
            }
        }

        VerificationReport merged;
        try
        {
            merged = ReportMerge.Merge(parts, warning => stderr.WriteLine($"adverify: warning: {warning}"));
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        return ReportOutput.Emit(merged, ReportOutput.ReadFormat(args), args.Option("--out"), stdout, stderr);
    }
}
