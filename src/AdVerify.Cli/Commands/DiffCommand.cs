using System.CommandLine;
using AdVerify.Cli.CommandLine;
using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify diff EXPR --wrt x [--at …] [--json]</c>: prints the simplified symbolic derivative.</summary>
public sealed class DiffCommand : Verb
{
    private readonly Option<string> _wrt = CommonOptions.Wrt("the variable to differentiate by (required)");
    private readonly Option<string> _at = CommonOptions.At();
    private readonly Option<bool> _allowUnused = CommonOptions.AllowUnused();
    private readonly Option<bool> _json = CommonOptions.Json();

    /// <inheritdoc />
    public override string Name => "diff";

    /// <inheritdoc />
    public override string Usage => "diff EXPR --wrt x [--at x=2,y=3] [--allow-unused] [--json]";

    /// <inheritdoc />
    public override string Description =>
        "Differentiates EXPR symbolically with respect to the variable given by --wrt and prints the simplified derivative; " +
        "with --at also its value there, labelled with the point. --json prints {\"expression\", \"wrt\", \"derivative\", \"latex\", \"value\"}. " +
        "A --wrt variable the expression does not use is an error unless --allow-unused is given (then the derivative is 0).";

    /// <inheritdoc />
    public override Positionals Positionals => Positionals.OneExpression;

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_wrt, _at, _allowUnused, _json];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        var expr = CommandSupport.ParseExpression(run.Single());
        var wrtText = run.Value(_wrt) ?? throw new UsageException(expr.Variables.Count > 0
            ? $"--wrt is required: the variable to differentiate by (one of {string.Join(", ", expr.Variables.Take(10))}{(expr.Variables.Count > 10 ? ", …" : "")})"
            : "--wrt is required: the variable to differentiate by");
        if (PointParser.ParseNames("--wrt", wrtText).Length != 1)
        {
            throw new UsageException("--wrt takes one variable for 'adverify diff' (use 'adverify grad' for several)");
        }

        var wrt = CommandSupport.ReadWrt(wrtText, expr, run.Flag(_allowUnused))[0];
        var derivative = Calculus.Differentiate(expr, wrt);
        double? value = null;
        Dictionary<string, double>? point = null;
        if (run.Value(_at) is { } at)
        {
            point = CommandSupport.ReadPoint(at, expr, required: true);
            value = CommandSupport.EvaluateOrExplain(derivative, point, "the derivative");
        }

        if (run.Flag(_json))
        {
            run.Out.WriteLine(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("expression", Infix.Format(expr));
                w.WriteString("wrt", wrt);
                w.WriteString("derivative", Infix.Format(derivative));
                w.WriteString("latex", LaTeX.Format(derivative));
                if (value is { } v)
                {
                    Json.Number(w, "value", v);
                }

                w.WriteEndObject();
            }));
        }
        else
        {
            run.Out.WriteLine(Infix.Format(derivative));
            if (value is { } v)
            {
                run.Out.WriteLine($"∂f/∂{wrt} at {CommandSupport.Describe(point!)} = {Json.Format(v)}");
            }
        }

        return CliApp.Ok;
    }
}
