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
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var exit = BadInput;
        var worker = new Thread(() => exit = RunGuarded(args, stdout, stderr), WorkerStackBytes);
        worker.Start();
        worker.Join();
        return exit;
    }

    private static int RunGuarded(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Dispatch(args, stdout, stderr);
        }
        catch (ParseException e)
        {
            stderr.WriteLine("adverify: " + e.FormatWithCaret());
            return BadInput;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("adverify: " + e.Message);
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
            stderr.WriteLine("adverify: " + e.Message);
            return BadInput;
        }
        catch (IOException e)
        {
            stderr.WriteLine("adverify: " + e.Message);
            return BadInput;
        }
        catch (Exception e)
        {
            // A bug of ours: still no stack trace, but say so plainly.
            stderr.WriteLine($"adverify: internal error ({e.GetType().Name}): {e.Message}. Please report it with the command line that caused it.");
            return BadInput;
        }
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
