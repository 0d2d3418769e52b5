using AdVerify.Cli.CommandLine;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Cli.Commands;

/// <summary>Steps the verbs share: reading an expression, a point and the --wrt list, and evaluating with domain diagnostics.</summary>
internal static class CommandSupport
{
    /// <summary>
    /// Parses the expression argument (a parse error becomes a message with a caret). The
    /// argument <c>@path</c> reads the expression from a file and <c>-</c> from standard input,
    /// for expressions longer than a command line may be.
    /// </summary>
    public static Expr ParseExpression(string text) => Infix.Parse(ReadExpressionText(text));

    /// <summary>Parses the expression argument as written (the author's order and grouping), for evaluation and AD.</summary>
    public static Computation ParseWritten(string text) => Computation.Parse(ReadExpressionText(text));

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
    public static Dictionary<string, double> ReadPoint(string? text, Expr expr, bool required) => ReadPoint(text, expr.Variables, required);

    /// <summary>Reads <c>--at</c> and checks it gives every one of the variables.</summary>
    public static Dictionary<string, double> ReadPoint(string? text, IReadOnlyList<string> variables, bool required)
    {
        if (text is null)
        {
            if (required)
            {
                throw new UsageException(variables.Count == 0
                    ? "--at is required (give name=number pairs such as x=2,y=3)"
                    : variables.Count > 10
                        ? $"--at is required: give values for the {variables.Count} variables {string.Join(", ", variables.Take(10))}, …"
                        : $"--at is required: give values for {string.Join(", ", variables)} (for example --at {string.Join(",", variables.Select(v => v + "=1"))})");
            }

            return new Dictionary<string, double>(StringComparer.Ordinal);
        }

        var point = PointParser.Parse(text);
        PointParser.RequireAll(variables, point);
        return point;
    }

    /// <summary>
    /// Reads <c>--wrt</c> (default: every variable of the expression, sorted). A variable the
    /// expression does not use has derivative 0; that is an error unless <c>--allow-unused</c> is
    /// given, so a typo (<c>--wrt X</c> for <c>x</c>) cannot pass for an answer.
    /// </summary>
    public static string[] ReadWrt(string? text, Expr expr, bool allowUnused) => ReadWrt(text, expr.Variables, allowUnused);

    /// <summary>Reads <c>--wrt</c> against a list of variables (see <see cref="ReadWrt(string?, Expr, bool)"/>).</summary>
    public static string[] ReadWrt(string? text, IReadOnlyList<string> variables, bool allowUnused)
    {
        if (text is null)
        {
            return variables.ToArray();
        }

        var wrt = PointParser.ParseNames("--wrt", text);
        var unused = wrt.Where(w => !variables.Contains(w)).ToArray();
        if (unused.Length > 0 && !allowUnused)
        {
            var name = unused[0];
            var used = variables.Count == 0
                ? "it has no variables"
                : variables.Count > 10
                    ? $"it uses {string.Join(", ", variables.Take(10))}, …"
                    : $"it uses {string.Join(", ", variables)}";
            var hint = CliParser.Suggest(name, variables);
            throw new UsageException(
                $"--wrt {name}: the expression does not use {name}{hint}; {used}. Its derivative would be 0; add --allow-unused if that is what you mean");
        }

        return wrt;
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

    /// <summary>Evaluates as written, turning a domain problem into a usage error that names the step as the user wrote it.</summary>
    public static double EvaluateOrExplain(Computation c, IReadOnlyDictionary<string, double> point, string what)
    {
        if (!c.TryEvaluate(point, out var value, out var issue))
        {
            throw new UsageException($"{what} is undefined at the point: {issue!.Message}");
        }

        return value;
    }

    /// <summary>Reads <c>--mode forward|reverse</c>.</summary>
    public static string ReadMode(string? text, string fallback = "reverse") => text switch
    {
        null => fallback,
        "forward" or "reverse" => text,
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

    /// <summary>A point as text, <c>x=2, y=3</c>, naming at most ten variables.</summary>
    public static string Describe(IReadOnlyDictionary<string, double> point)
    {
        const int Shown = 10;
        var pairs = point.Take(Shown).Select(p => $"{p.Key}={Json.Format(p.Value)}");
        return string.Join(", ", pairs) + (point.Count > Shown ? $", … ({point.Count - Shown} more)" : "");
    }
}
