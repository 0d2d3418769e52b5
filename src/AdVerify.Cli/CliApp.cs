using System.CommandLine;
using AdVerify.Cli.CommandLine;
using AdVerify.Cli.Commands;
using AdVerify.Expressions;

namespace AdVerify.Cli;

/// <summary>
/// The command line as a testable object: parses with System.CommandLine (<see cref="CliParser"/>),
/// runs a <see cref="Verb"/>, turns every bad input into a one-line message on standard error with
/// exit code 2, and an internal failure into a one-line apology with exit code 3; never a stack trace.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code when verification finds a problem.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a failure inside adverify (a bug, not the user's input).</summary>
    public const int InternalError = 3;

    /// <summary>Stack size of the worker thread: deep expressions are refused by limits, and this leaves headroom.</summary>
    private const int WorkerStackBytes = 256 * 1024 * 1024;

    /// <summary>The longest message line printed; longer ones (which echo huge input) are cut in the middle.</summary>
    private const int MaxMessageLength = 300;

    /// <summary>The caller's interruption token for the invocation running on this worker thread.</summary>
    [ThreadStatic]
    private static CancellationToken _interrupt;

    /// <summary>The verbs, in the order the overview lists them. A new verb is one <see cref="Verb"/> subclass added here.</summary>
    /// <returns>Fresh instances (options belong to one command tree).</returns>
    public static IReadOnlyList<Verb> Verbs() =>
    [
        new EvalCommand(), new DiffCommand(), new GradCommand(), new GraphCommand(),
        new CheckCommand(), new VerifyCommand(), new MergeCommand(), new TaylorCommand(), new CodegenCommand(),
    ];

    /// <summary>The interruption token of the invocation running on the current thread.</summary>
    internal static CancellationToken Interrupt
    {
        get => _interrupt;
        private set => _interrupt = value;
    }

    /// <summary>Runs one invocation.</summary>
    /// <param name="args">The arguments, starting with the verb.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CancellationToken.None);

    /// <summary>
    /// Runs one invocation that can be interrupted: cancelling <paramref name="cancellation"/> has the
    /// same effect as Ctrl-C (which <c>verify</c> also listens to): the run stops between cases and
    /// reports what finished.
    /// </summary>
    /// <param name="args">The arguments, starting with the verb.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="cancellation">Interrupts a long-running verb.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation) =>
        Run(args, stdout, stderr, cancellation, Verbs());

    /// <summary>Runs one invocation with a given set of verbs (tests add verbs this way).</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation, IReadOnlyList<Verb> verbs)
    {
        ArgumentNullException.ThrowIfNull(args);
        var exit = InternalError;
        var worker = new Thread(() =>
        {
            Interrupt = cancellation;
            exit = RunGuarded(args, stdout, stderr, verbs);
        }, WorkerStackBytes);
        worker.Start();
        worker.Join();
        return exit;
    }

    private static int RunGuarded(string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyList<Verb> verbs)
    {
        try
        {
            return Dispatch(args, stdout, stderr, verbs);
        }
        catch (ParseException e)
        {
            stderr.WriteLine("adverify: " + OneLine(e.Message) + "\n" + string.Join("\n", e.FormatWithCaret().Split('\n').Skip(1)));
            return BadInput;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("adverify: " + OneLine(e.Message));
            if (e.Detail is not null)
            {
                stderr.WriteLine(e.Detail);
            }

            return BadInput;
        }
        catch (InsufficientExecutionStackException)
        {
            stderr.WriteLine("adverify: the expression is nested too deeply to process (see the documented limits in the README)");
            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Files the user named: missing folders, no permission, a full disk.
            stderr.WriteLine("adverify: " + OneLine(e.Message));
            return BadInput;
        }
        catch (Exception e)
        {
            // A bug of ours, not bad input: apologise in one line and name what to report.
            stderr.WriteLine(OneLine(
                $"adverify: internal error, sorry: this is a bug in adverify, not a problem with your input ({e.GetType().Name}: {e.Message}). " +
                $"Please report it with the command that caused it: {Quote(args)}"));
            return InternalError;
        }
    }

    /// <summary>
    /// Makes a message one readable line whatever input it echoes: control characters (a newline
    /// inside an option value, say) become spaces, and a message longer than
    /// <see cref="MaxMessageLength"/> keeps its beginning and end around an ellipsis.
    /// </summary>
    internal static string OneLine(string message)
    {
        var chars = message.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var line = new string(chars);
        if (line.Length <= MaxMessageLength)
        {
            return line;
        }

        const int Tail = 80;
        var head = MaxMessageLength - Tail - 30;
        return $"{line[..head]}… ({line.Length - head - Tail} characters left out) …{line[^Tail..]}";
    }

    /// <summary>The command line as a user would type it again (arguments quoted; long ones shortened).</summary>
    internal static string Quote(IEnumerable<string> args) =>
        "adverify " + string.Join(" ", args.Select(a =>
        {
            var shown = a.Length <= 60 ? a : a[..40] + $"…({a.Length} characters)";
            return shown.Length > 0 && shown.All(c => char.IsAsciiLetterOrDigit(c) || "-_=,./@:+".Contains(c)) ? shown : "'" + shown.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        }));

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyList<Verb> verbs)
    {
        var parser = new CliParser(verbs);
        if (args.Length == 0)
        {
            parser.WriteOverview(stderr);
            return BadInput;
        }

        if (args[0] == "help")
        {
            var named = args.Length > 1 ? verbs.FirstOrDefault(v => v.Name == args[1]) : null;
            if (args.Length > 1 && named is null)
            {
                throw new UsageException($"unknown command '{args[1]}'{CliParser.Suggest(args[1], verbs.Select(v => v.Name))} (commands: {string.Join(", ", verbs.Select(v => v.Name))})");
            }

            parser.WriteHelp(named, stdout);
            return Ok;
        }

        var parse = parser.Parse(args);
        if (CliParser.IsDirective(parse))
        {
            // [suggest] (shell completion through dotnet-suggest) and the library's other directives.
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }

        if (parser.WantsHelp(parse))
        {
            parser.WriteHelp(parser.VerbOf(parse), stdout);
            return Ok;
        }

        if (parser.WantsVersion(parse) && parser.VerbOf(parse) is null)
        {
            stdout.WriteLine(typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            return Ok;
        }

        var (verb, positionals) = parser.Validate(parse, args);
        return verb.Execute(new Invocation(verb, parse, positionals, stdout, stderr, Interrupt));
    }
}
