using System.CommandLine;
using AdVerify.Cli.CommandLine;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify eval EXPR --at x=2,y=3 [--json]</c>: prints the value of an expression at a point.</summary>
public sealed class EvalCommand : Verb
{
    private readonly Option<string> _at = CommonOptions.At();
    private readonly Option<bool> _json = CommonOptions.Json();

    /// <inheritdoc />
    public override string Name => "eval";

    /// <inheritdoc />
    public override string Usage => "eval EXPR --at x=2,y=3 [--json]";

    /// <inheritdoc />
    public override string Description => "Evaluates EXPR at the point given by --at, as written (in its own order and grouping), and prints the value (with --json: {\"value\": …}).";

    /// <inheritdoc />
    public override Positionals Positionals => Positionals.OneExpression;

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_at, _json];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        // The value of what the user wrote, in their order and grouping (a + (b - c) is not (a + b) - c).
        var written = CommandSupport.ParseWritten(run.Single());
        var point = CommandSupport.ReadPoint(run.Value(_at), written.Inputs, required: written.Inputs.Count > 0);
        var value = CommandSupport.EvaluateOrExplain(written, point, "the expression");
        run.Out.WriteLine(run.Flag(_json) ? Json.Write(w =>
        {
            w.WriteStartObject();
            Json.Number(w, "value", value);
            w.WriteEndObject();
        }) : Json.Format(value));
        return CliApp.Ok;
    }
}
