using System.CommandLine;
using AdVerify.Cli.CommandLine;
using AdVerify.Reporting;
using AdVerify.Verification;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify check EXPR --at … [--wrt …] [--claimed "x=1/x; y=1/y"] [--hessian] [--float32] [--format text|json]</c>: verifies one case.</summary>
public sealed class CheckCommand : Verb
{
    private readonly Option<string> _at = CommonOptions.At();
    private readonly Option<string> _wrt = CommonOptions.Wrt();
    private readonly Option<bool> _allowUnused = CommonOptions.AllowUnused();
    private readonly Option<string> _claimed = CommonOptions.Value("--claimed", "\"x=1/x; y=1/y\"", "a hand-written gradient to verify: var=expression pairs separated by ';'");
    private readonly Option<bool> _hessian = CommonOptions.Hessian("also verify the Hessian");
    private readonly Option<bool> _float32 = CommonOptions.Flag("--float32", "also verify in single precision: float, Dual<float> and Var<float> against the same expression in double, allowed float32 rounding");
    private readonly Option<string> _format = CommonOptions.Format("text", "json");

    /// <inheritdoc />
    public override string Name => "check";

    /// <inheritdoc />
    public override string Usage => "check EXPR --at x=2,y=3 [--wrt x,y] [--allow-unused] [--claimed \"x=1/x; y=1/y\"] [--hessian] [--float32] [--format text|json]";

    /// <inheritdoc />
    public override string Description =>
        "Verifies EXPR at one point: forward mode, reverse mode, the symbolic derivative, complex step and finite differences " +
        "(and a claimed gradient, given as var=expression pairs separated by ';') are compared with error-model tolerances. " +
        "Prints the verdict (consistent, discrepancy, nondifferentiable, undefined, error) and every disagreement. " +
        "Exit code 0 when consistent, nondifferentiable or undefined; 1 on a discrepancy; 2 on bad input.";

    /// <inheritdoc />
    public override Positionals Positionals => Positionals.OneExpression;

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_at, _wrt, _allowUnused, _claimed, _hessian, _float32, _format];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        var text = run.Single();
        var expr = CommandSupport.ParseExpression(text);
        var wrt = run.Value(_wrt) is { } w ? CommandSupport.ReadWrt(w, expr, run.Flag(_allowUnused)) : null;
        var point = CommandSupport.ReadPoint(run.Value(_at), expr, required: true);
        var claimed = run.Value(_claimed) is { } c ? ParseClaimed(c) : null;
        foreach (var (variable, derivative) in claimed ?? [])
        {
            CommandSupport.ParseExpression(derivative); // a bad claim is bad input: show the caret
        }

        var format = run.Value(_format) ?? "text";
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
            Hessian = run.Flag(_hessian),
            Precision = run.Flag(_float32) ? Precision.Float32 : Precision.Float64,
        });
        var r = result.Results[0];
        if (r.Verdict == Verdict.Error)
        {
            throw new UsageException(r.Message ?? "the input is not valid");
        }

        run.Out.Write(format == "json" ? ReportJson.Write(r) + Environment.NewLine : TextReport.Write(VerificationReport.Of([result])));
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
