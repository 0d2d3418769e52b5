using System.CommandLine;
using AdVerify.Cli.CommandLine;
using AdVerify.Discovery;
using AdVerify.Reporting;
using AdVerify.Verification;

namespace AdVerify.Cli.Commands;

/// <summary>
/// <c>adverify verify [CATALOG.json | --assembly PATH.dll …] [--out DIR] [--format …] [--shard i/n]</c>: runs a
/// catalogue (the embedded default without a file), or the functions marked <c>[Verify]</c> in the user's assemblies.
/// </summary>
public sealed class VerifyCommand : Verb
{
    private readonly Option<string> _out = CommonOptions.Out();
    private readonly Option<string> _format = ReportOutput.FormatOption();
    private readonly Option<string> _shard = CommonOptions.Value("--shard", "i/n", "run every n-th case starting at i (0-based), to spread a catalogue over machines");
    private readonly Option<string[]> _assembly = CommonOptions.Repeatable(
        "--assembly", "PATH.dll", "verify the functions marked [Verify] in this assembly instead of a catalogue (repeat for several assemblies)");
    private readonly Option<bool> _sequential = CommonOptions.Flag("--sequential", "verify one case at a time (the report is the same; the default uses every core)");

    /// <inheritdoc />
    public override string Name => "verify";

    /// <inheritdoc />
    public override string Usage => "verify [CATALOG.json | --assembly PATH.dll …] [--out DIR] [--format text|json|markdown|html|junit] [--shard i/n] [--sequential]";

    /// <inheritdoc />
    public override string Description =>
        "Verifies every case of a catalogue; without a file, the embedded default catalogue (every registered function, the seed, " +
        "classic test functions, hard points, kinks, domain edges and planted faults). With --assembly PATH.dll (repeatable), verifies instead " +
        "every function marked [Verify] in your assemblies (loaded with their dependencies in an isolated context), each as a case named Type.Method " +
        "at the points the mark lists, by every source and against the hand-written gradient it names. Prints a report in --format (text by default); " +
        "--out DIR also writes every format there (json, md, html, junit xml, txt), each file atomically. --shard i/n runs every n-th case " +
        "starting at i (0-based), for spreading a catalogue over machines; 'adverify merge' combines the shard reports. " +
        "Ctrl-C stops the run between cases and reports the cases that finished (exit code 1: the run is incomplete). " +
        "Exit code 0 when every case meets its expectation, 1 otherwise, 2 on bad input.";

    /// <inheritdoc />
    public override Positionals Positionals { get; } = new("CATALOG.json", "a catalogue file", "catalogue files", 0, 1,
        "the catalogue to verify (JSON); without it, the embedded default catalogue");

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_assembly, _out, _format, _shard, _sequential];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        var assemblies = run.Values(_assembly);
        if (assemblies.Count > 0 && run.Positionals.Count > 0)
        {
            var extra = run.Positionals[0];
            throw new UsageException(extra.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? $"'{extra}' is not preceded by --assembly: repeat the option for each assembly (--assembly A.dll --assembly B.dll)"
                : $"give either a catalogue file ('{extra}') or --assembly, not both: verify them in two runs");
        }

        var format = ReportOutput.ReadFormat(run.Value(_format));
        var shard = ReadShard(run.Value(_shard));
        if (assemblies.Count == 0)
        {
            var catalogue = ReadCatalogue(run);
            return Run(run, format, shard, catalogue.Cases.Count, options => Verifier.Verify(catalogue, options));
        }

        UserAssemblies user;
        try
        {
            user = UserAssemblies.Load(assemblies);
        }
        catch (MarkedFunctionException e)
        {
            throw AsUsage(e.Problems);
        }

        using (user)
        {
            return Run(run, format, shard, user.Functions.Count, options => Verifier.Verify(user.Functions, options));
        }
    }

    /// <summary>
    /// One line per problem, each naming the assembly, type and method: the first is the message; a
    /// first problem too long for one message line (a long path and a long signature) goes whole into
    /// the detail lines under a headline instead of being shortened.
    /// </summary>
    private static UsageException AsUsage(IReadOnlyList<string> problems)
    {
        const int Longest = 300;
        var whole = problems[0].Length <= Longest;
        var detail = problems.Skip(whole ? 1 : 0).Select(p => "adverify: " + p).ToArray();
        var message = whole ? problems[0] : $"{problems.Count} problem(s) with the assemblies given to --assembly; nothing was verified:";
        return new UsageException(message, detail.Length > 0 ? string.Join("\n", detail) : null);
    }

    private static Catalogue ReadCatalogue(Invocation run)
    {
        try
        {
            return run.Positionals.Count == 1 ? Catalogue.Load(run.Positionals[0]) : Catalogue.Default;
        }
        catch (CatalogueException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Verifies with a progress bar and Ctrl-C handling, and emits the report.</summary>
    private int Run(Invocation run, ReportFormat format, (int Index, int Count)? shard, int cases, Func<VerifierOptions, VerificationReport> verify)
    {
        var (stdout, stderr) = (run.Out, run.Err);
        var total = shard is { } s ? (cases - s.Index + s.Count - 1) / s.Count : cases;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(run.Interrupt);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var progress = new Progress(stderr, total);
            var report = verify(new VerifierOptions
            {
                Parallel = !run.Flag(_sequential),
                Shard = shard,
                Progress = progress.Advance,
                Cancellation = cancel.Token,
            });
            progress.Done();
            var interrupted = cancel.IsCancellationRequested && report.Cases.Count < total;
            if (interrupted)
            {
                stderr.WriteLine($"adverify: interrupted; {report.Cases.Count} of {total} cases were finished and are reported");
            }

            var exit = ReportOutput.Emit(report, format, run.Value(_out), stdout, stderr);

            // An interrupted run verified less than asked: never report it as a success.
            return interrupted ? CliApp.Failed : exit;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static (int Index, int Count)? ReadShard(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var i) || !int.TryParse(parts[1], out var n) || n < 1 || i < 0 || i >= n)
        {
            throw new UsageException($"--shard must be i/n with 0 <= i < n (for example 0/4), not '{text}'");
        }

        return (i, n);
    }

    /// <summary>A one-line progress bar on an interactive terminal; silent when standard error is redirected.</summary>
    private sealed class Progress(TextWriter stderr, int total)
    {
        private readonly bool _enabled = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && total > 0;
        private int _done;

        public void Advance(CaseResult result)
        {
            var done = Interlocked.Increment(ref _done);
            if (_enabled)
            {
                lock (this)
                {
                    var width = 30;
                    var filled = width * done / total;
                    var name = ReportText.Visible(result.Name); // a case name must not drive the terminal
                    var line = $"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} {name,-40}";
                    stderr.Write(line[..Math.Min(line.Length, 110)]);
                }
            }
        }

        public void Done()
        {
            if (_enabled)
            {
                stderr.Write("\r" + new string(' ', 110) + "\r");
            }
        }
    }
}
