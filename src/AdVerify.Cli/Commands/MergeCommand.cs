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
    public string Description => "Combines JSON reports (for example from 'adverify verify --shard i/n') into one report, recounting the summary.";

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

        var cases = new List<CaseResult>();
        foreach (var path in args.Positionals)
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
                throw new UsageException(e.Message);
            }
        }

        return ReportOutput.Emit(VerificationReport.Of(cases), ReportOutput.ReadFormat(args), args.Option("--out"), stdout, stderr);
    }
}
