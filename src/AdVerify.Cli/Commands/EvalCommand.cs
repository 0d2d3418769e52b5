using AdVerify.Cli.CommandLine;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify eval EXPR --at x=2,y=3 [--json]</c>: prints the value of an expression at a point.</summary>
public sealed class EvalCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "eval";

    /// <inheritdoc />
    public string Usage => "eval EXPR --at x=2,y=3 [--json]";

    /// <inheritdoc />
    public string Description => "Evaluates EXPR at the point given by --at and prints the value (with --json: {\"value\": …}).";

    /// <inheritdoc />
    public IReadOnlyCollection<string> ValueOptions { get; } = ["--at"];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Flags { get; } = ["--json"];

    /// <inheritdoc />
    public int Execute(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var expr = CommandSupport.ParseExpression(args.Single(Name, "an expression"));
        var point = CommandSupport.ReadPoint(args, expr, required: expr.Variables.Count > 0);
        var value = CommandSupport.EvaluateOrExplain(expr, point, "the expression");
        stdout.WriteLine(args.Flag("--json") ? Json.Write(w =>
        {
            w.WriteStartObject();
            Json.Number(w, "value", value);
            w.WriteEndObject();
        }) : Json.Format(value));
        return CliApp.Ok;
    }
}
