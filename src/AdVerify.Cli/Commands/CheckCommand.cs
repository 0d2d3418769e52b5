using AdVerify.Cli.CommandLine;
using AdVerify.Reporting;
using AdVerify.Verification;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify check EXPR --at … [--wrt …] [--claimed "x=1/x; y=1/y"] [--hessian] [--format text|json]</c>: verifies one case.</summary>
public sealed class CheckCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "check";

    /// <inheritdoc />
    public string Usage => "check EXPR --at x=2,y=3 [--wrt x,y] [--claimed \"x=1/x; y=1/y\"] [--hessian] [--format text|json]";

    /// <inheritdoc />
    public string Description =>
        "Verifies EXPR at one point: forward mode, reverse mode, the symbolic derivative, complex step and finite differences " +
        "(and a claimed gradient, given as var=expression pairs separated by ';') are compared with error-model tolerances. " +
        "Prints the verdict (consistent, discrepancy, nondifferentiable, undefined, error) and every disagreement. " +
        "Exit code 0 when consistent, nondifferentiable or undefined; 1 on a discrepancy; 2 on bad input.";

    /// <inheritdoc />
    public IReadOnlyCollection<string> ValueOptions { get; } = ["--at", "--wrt", "--claimed", "--format"];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Flags { get; } = ["--hessian"];

    /// <inheritdoc />
    public int Execute(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var text = args.Single(Name, "an expression");
        var expr = CommandSupport.ParseExpression(text);
        var wrt = args.Option("--wrt") is { } w ? PointParser.ParseNames("--wrt", w) : null;
        var point = CommandSupport.ReadPoint(args, expr, required: true);
        var claimed = args.Option("--claimed") is { } c ? ParseClaimed(c) : null;
        foreach (var (variable, derivative) in claimed ?? [])
        {
            CommandSupport.ParseExpression(derivative); // a bad claim is bad input: show the caret
        }

        var format = args.Option("--format") ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new UsageException($"--format must be text or json, not '{format}'");
        }

        var result = Verifier.VerifyCase(new VerificationCase
        {
            Name = text,
            Expression = Expressions.Infix.Format(expr),
            Points = [point],
            Wrt = wrt,
            Claimed = claimed,
            Hessian = args.Flag("--hessian"),
        });
        var r = result.Results[0];
        if (r.Verdict == Verdict.Error)
        {
            throw new UsageException(r.Message ?? "the input is not valid");
        }

        stdout.Write(format == "json" ? ReportJson.Write(r) + Environment.NewLine : TextReport.Write(VerificationReport.Of([result])));
        return r.Verdict == Verdict.Discrepancy ? CliApp.Failed : CliApp.Ok;
    }

    private static Dictionary<string, string> ParseClaimed(string text)
    {
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--claimed: '{part}' is not a var=expression pair (example: --claimed \"x=1/x; y=1/y\")");
            }

            var name = part[..eq].Trim();
            if (!claimed.TryAdd(name, part[(eq + 1)..].Trim()))
            {
                throw new UsageException($"--claimed: {name} is given twice");
            }
        }

        if (claimed.Count == 0)
        {
            throw new UsageException("--claimed is empty: give var=expression pairs separated by ';'");
        }

        return claimed;
    }
}
