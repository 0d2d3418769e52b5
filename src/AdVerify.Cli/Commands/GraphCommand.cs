using AdVerify.Cli.CommandLine;
using AdVerify.Graphs;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify graph EXPR --at … [--mode forward|reverse] [--format text|dot|mermaid]</c>: the seed's pictures for any expression.</summary>
public sealed class GraphCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "graph";

    /// <inheritdoc />
    public string Usage => "graph EXPR --at x=2,y=3,z=1 [--wrt x,y] [--mode forward|reverse] [--format text|dot|mermaid]";

    /// <inheritdoc />
    public string Description =>
        "Shows the computation graph of EXPR at a point: with --mode forward (the default) every step's value and tangents " +
        "with respect to each input; with --mode reverse the gradient graph with local partials and each node's adjoint " +
        "after the backward sweep. --format dot prints Graphviz DOT, --format mermaid a Mermaid flowchart.";

    /// <inheritdoc />
    public IReadOnlyCollection<string> ValueOptions { get; } = ["--at", "--wrt", "--mode", "--format"];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Flags { get; } = [];

    /// <inheritdoc />
    public int Execute(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var expr = CommandSupport.ParseExpression(args.Single(Name, "an expression"));
        var wrt = args.Option("--wrt") is { } w ? PointParser.ParseNames("--wrt", w) : expr.Variables.ToArray();
        var point = CommandSupport.ReadPoint(args, expr, required: expr.Variables.Count > 0 || wrt.Length > 0);
        CommandSupport.AddUnusedWrt(point, wrt);
        CommandSupport.EvaluateOrExplain(expr, point, "the expression");
        var format = (args.Option("--format") ?? "text") switch
        {
            "text" => GraphFormat.Text,
            "dot" => GraphFormat.Dot,
            "mermaid" => GraphFormat.Mermaid,
            var other => throw new UsageException($"--format must be text, dot or mermaid, not '{other}'"),
        };

        stdout.Write(CommandSupport.ReadMode(args, "forward") == "forward"
            ? GraphRenderer.Render(Tracer.Forward(expr, point, wrt), format)
            : GraphRenderer.Render(Tracer.Reverse(expr, point, wrt), format));
        return CliApp.Ok;
    }
}
