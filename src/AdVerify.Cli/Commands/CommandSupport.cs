using AdVerify.Cli.CommandLine;
using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Cli.Commands;

/// <summary>Steps the verbs share: reading an expression and a point, and evaluating with domain diagnostics.</summary>
internal static class CommandSupport
{
    /// <summary>
    /// Parses the expression argument (a parse error becomes a message with a caret). The
    /// argument <c>@path</c> reads the expression from a file and <c>-</c> from standard input,
    /// for expressions longer than a command line may be.
    /// </summary>
    public static Expr ParseExpression(string text) => Infix.Parse(ReadExpressionText(text));

    private static string ReadExpressionText(string text)
    {
        if (text == "-")
        {
            return Console.In.ReadToEnd();
        }

        if (text.StartsWith('@'))
        {
            var path = text[1..];
            if (!File.Exists(path))
            {
                throw new UsageException($"expression file '{path}' does not exist");
            }

            return File.ReadAllText(path).Trim();
        }

        return text;
    }

    /// <summary>Reads <c>--at</c> and checks it gives every variable the expression uses.</summary>
    public static Dictionary<string, double> ReadPoint(Arguments args, Expr expr, bool required)
    {
        var text = args.Option("--at");
        if (text is null)
        {
            if (required)
            {
                throw new UsageException(expr.Variables.Count == 0
                    ? "--at is required (give name=number pairs such as x=2,y=3)"
                    : expr.Variables.Count > 10
                        ? $"--at is required: give values for the {expr.Variables.Count} variables {string.Join(", ", expr.Variables.Take(10))}, …"
                        : $"--at is required: give values for {string.Join(", ", expr.Variables)} (for example --at {string.Join(",", expr.Variables.Select(v => v + "=1"))})");
            }

            return new Dictionary<string, double>(StringComparer.Ordinal);
        }

        var point = PointParser.Parse(text);
        PointParser.RequireAll(expr.Variables, point);
        return point;
    }

    /// <summary>Evaluates, turning a domain problem into a usage error that names the function and argument.</summary>
    public static double EvaluateOrExplain(Expr expr, IReadOnlyDictionary<string, double> point, string what)
    {
        if (!Evaluation.TryEvaluate(expr, point, out var value, out var issue))
        {
            throw new UsageException($"{what} is undefined at the point: {issue!.Message}");
        }

        return value;
    }

    /// <summary>Reads <c>--mode forward|reverse</c>.</summary>
    public static string ReadMode(Arguments args, string fallback = "reverse") => args.Option("--mode") switch
    {
        null => fallback,
        "forward" or "reverse" => args.Option("--mode")!,
        var other => throw new UsageException($"--mode must be forward or reverse, not '{other}'"),
    };

    /// <summary>Gives --wrt variables the expression does not use (derivative 0) a value when the point lacks one.</summary>
    public static void AddUnusedWrt(Dictionary<string, double> point, IEnumerable<string> wrt)
    {
        foreach (var w in wrt)
        {
            point.TryAdd(w, 0);
        }
    }
}
