using AdVerify.Cli.CommandLine;
using AdVerify.Cli.Commands;
using AdVerify.Expressions;

namespace AdVerify.Cli;

/// <summary>
/// The command line as a testable object: dispatches a verb, turns every bad input into a
/// one-line message on standard error with exit code 2, and never lets a stack trace out.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code when verification finds a problem.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;

    /// <summary>Stack size of the worker thread: deep expressions are refused by limits, and this leaves headroom.</summary>
    private const int WorkerStackBytes = 256 * 1024 * 1024;

    private static readonly ICommand[] Commands =
    [
        new EvalCommand(), new DiffCommand(), new GradCommand(), new GraphCommand(),
        new CheckCommand(), new VerifyCommand(), new MergeCommand(),
    ];

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
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var exit = BadInput;
        var worker = new Thread(() =>
        {
            Interrupt = cancellation;
            exit = RunGuarded(args, stdout, stderr);
        }, WorkerStackBytes);
        worker.Start();
        worker.Join();
        return exit;
    }

    /// <summary>The caller's interruption token for the invocation running on this worker thread.</summary>
    [ThreadStatic]
    private static CancellationToken _interrupt;

    /// <summary>The interruption token of the invocation running on the current thread.</summary>
    internal static CancellationToken Interrupt
    {
        get => _interrupt;
        private set => _interrupt = value;
    }

    private static int RunGuarded(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Dispatch(args, stdout, stderr);
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
        catch (Exception e) when (e is InsufficientExecutionStackException)
        {
            stderr.WriteLine("adverify: the expression is nested too deeply to process (see the documented limits in the README)");
            return BadInput;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or FormatException or OverflowException or ArithmeticException)
        {
            stderr.WriteLine("adverify: " + OneLine(e.Message));
            return BadInput;
        }
        catch (IOException e)
        {
            stderr.WriteLine("adverify: " + OneLine(e.Message));
            return BadInput;
        }
        catch (Exception e)
        {
            // A bug of ours: still no stack trace, but say so plainly.
            stderr.WriteLine($"adverify: internal error ({e.GetType().Name}): {OneLine(e.Message)}. Please report it with the command line that caused it.");
            return BadInput;
        }
    }

    /// <summary>The longest message line printed; longer ones (which echo huge input) are cut in the middle.</summary>
    private const int MaxMessageLength = 300;

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

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            if (args.Length > 1 && args[0] == "help")
            {
                return Dispatch([args[1], "--help"], stdout, stderr);
            }

            WriteUsage(args.Length == 0 ? stderr : stdout);
            return args.Length == 0 ? BadInput : Ok;
        }

        if (args[0] == "--version")
        {
            stdout.WriteLine(typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            return Ok;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            throw new UsageException($"unknown command '{args[0]}' (commands: {string.Join(", ", Commands.Select(c => c.Name))}; adverify --help shows usage)");
        }

        var rest = args.Skip(1).ToArray();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            stdout.WriteLine("usage: adverify " + command.Usage);
            stdout.WriteLine();
            stdout.WriteLine(command.Description);
            return Ok;
        }

        var parsed = Arguments.Parse(command.Name, rest, command.ValueOptions, command.Flags);
        return command.Execute(parsed, stdout, stderr);
    }

    private static void WriteUsage(TextWriter w)
    {
        w.WriteLine("adverify: automatic differentiation that checks itself");
        w.WriteLine();
        w.WriteLine("usage:");
        foreach (var c in Commands)
        {
            w.WriteLine("  adverify " + c.Usage);
        }

        w.WriteLine();
        w.WriteLine("exit codes: 0 success, 1 verification failed, 2 bad input");
    }
}
