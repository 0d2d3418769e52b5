using AdVerify.Cli.CommandLine;
using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify diff EXPR --wrt x [--at …] [--json]</c>: prints the simplified symbolic derivative.</summary>
public sealed class DiffCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "diff";

    /// <inheritdoc />
    public string Usage => "diff EXPR --wrt x [--at x=2,y=3] [--json]";

    /// <inheritdoc />
    public string Description =>
        "Differentiates EXPR symbolically with respect to the variable given by --wrt and prints the simplified derivative; " +
        "with --at also its value there. --json prints {\"expression\", \"wrt\", \"derivative\", \"latex\", \"value\"}.";

    /// <inheritdoc />
    public IReadOnlyCollection<string> ValueOptions { get; } = ["--wrt", "--at"];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Flags { get; } = ["--json"];

    /// <inheritdoc />
    public int Execute(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var expr = CommandSupport.ParseExpression(args.Single(Name, "an expression"));
        var wrtText = args.Option("--wrt") ?? throw new UsageException(expr.Variables.Count > 0
            ? $"--wrt is required: the variable to differentiate by (one of {string.Join(", ", expr.Variables.Take(10))}{(expr.Variables.Count > 10 ? ", …" : "")})"
            : "--wrt is required: the variable to differentiate by");
        var wrt = PointParser.ParseNames("--wrt", wrtText);
        if (wrt.Length != 1)
        {
            throw new UsageException("--wrt takes one variable for 'adverify diff' (use 'adverify grad' for several)");
        }

        var derivative = Calculus.Differentiate(expr, wrt[0]);
        double? value = null;
        if (args.Option("--at") is not null)
        {
            var point = CommandSupport.ReadPoint(args, expr, required: true);
            value = CommandSupport.EvaluateOrExplain(derivative, point, "the derivative");
        }

        if (args.Flag("--json"))
        {
            stdout.WriteLine(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("expression", Infix.Format(expr));
                w.WriteString("wrt", wrt[0]);
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
            stdout.WriteLine(Infix.Format(derivative));
            if (value is { } v)
            {
                stdout.WriteLine(Json.Format(v));
            }
        }

        return CliApp.Ok;
    }
}
