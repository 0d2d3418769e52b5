using System.CommandLine;
using AdVerify.Cli.CommandLine;
using AdVerify.Graphs;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify graph EXPR --at … [--mode forward|reverse] [--format text|dot|mermaid]</c>: the seed's pictures for any expression.</summary>
public sealed class GraphCommand : Verb
{
    private readonly Option<string> _at = CommonOptions.At();
    private readonly Option<string> _wrt = CommonOptions.Wrt("the inputs whose tangents or adjoints are shown (default: every variable of the expression, sorted)");
    private readonly Option<bool> _allowUnused = CommonOptions.AllowUnused();
    private readonly Option<string> _mode = CommonOptions.Mode("forward");
    private readonly Option<string> _format = CommonOptions.Format("text", "dot", "mermaid");

    /// <inheritdoc />
    public override string Name => "graph";

    /// <inheritdoc />
    public override string Usage => "graph EXPR --at x=2,y=3,z=1 [--wrt x,y] [--allow-unused] [--mode forward|reverse] [--format text|dot|mermaid]";

    /// <inheritdoc />
    public override string Description =>
        "Shows the computation graph of EXPR at a point: with --mode forward (the default) every step's value and tangents " +
        "with respect to each input; with --mode reverse the gradient graph with local partials and each node's adjoint " +
        "after the backward sweep. --format dot prints Graphviz DOT, --format mermaid a Mermaid flowchart. " +
        "Intermediate nodes are named v1, v2, … unless a variable of the expression already has such a name (then w1, w2, …).";

    /// <inheritdoc />
    public override Positionals Positionals => Positionals.OneExpression;

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_at, _wrt, _allowUnused, _mode, _format];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        var expr = CommandSupport.ParseExpression(run.Single());
        var wrt = CommandSupport.ReadWrt(run.Value(_wrt), expr, run.Flag(_allowUnused));
        var point = CommandSupport.ReadPoint(run.Value(_at), expr, required: expr.Variables.Count > 0 || wrt.Length > 0);
        CommandSupport.AddUnusedWrt(point, wrt);
        CommandSupport.EvaluateOrExplain(expr, point, "the expression");
        var format = (run.Value(_format) ?? "text") switch
        {
            "text" => GraphFormat.Text,
            "dot" => GraphFormat.Dot,
            "mermaid" => GraphFormat.Mermaid,
            var other => throw new UsageException($"--format must be text, dot or mermaid, not '{other}'"),
        };

        run.Out.Write(CommandSupport.ReadMode(run.Value(_mode), "forward") == "forward"
            ? GraphRenderer.Render(Tracer.Forward(expr, point, wrt), format)
            : GraphRenderer.Render(Tracer.Reverse(expr, point, wrt), format));
        return CliApp.Ok;
    }
}
