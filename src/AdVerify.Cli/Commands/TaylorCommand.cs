using System.CommandLine;
using System.Globalization;
using AdVerify.Cli.CommandLine;
using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify taylor EXPR --at x=0 --order 5 [--json]</c>: the symbolic Taylor series about a point.</summary>
public sealed class TaylorCommand : Verb
{
    private readonly Option<string> _at = CommonOptions.Value("--at", "x=0", "the expansion point: one name=number pair (other variables stay symbols)");
    private readonly Option<string> _order = CommonOptions.Value("--order", "N", "the highest power kept (default: 5, at most 100)");
    private readonly Option<bool> _latex = CommonOptions.Flag("--latex", "print the series as LaTeX");
    private readonly Option<bool> _json = CommonOptions.Json();

    /// <inheritdoc />
    public override string Name => "taylor";

    /// <inheritdoc />
    public override string Usage => "taylor EXPR --at x=0 [--order 5] [--latex] [--json]";

    /// <inheritdoc />
    public override string Description =>
        "Expands EXPR in a Taylor series about the point given by --at (one variable; the others stay symbols) up to the power --order, " +
        "with exact coefficients f⁽ʲ⁾(a)/j!, and prints it in ascending powers with its order term. --latex prints LaTeX; --json prints " +
        "{\"expression\", \"variable\", \"at\", \"order\", \"series\", \"latex\", \"polynomial\", \"coefficients\"}.";

    /// <inheritdoc />
    public override Positionals Positionals => Positionals.OneExpression;

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_at, _order, _latex, _json];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        var expr = CommandSupport.ParseExpression(run.Single());
        var atText = run.Value(_at) ?? throw new UsageException(
            $"--at is required: the expansion point, for example --at {(expr.Variables.Count > 0 ? expr.Variables[0] : "x")}=0");
        var point = PointParser.Parse(atText);
        if (point.Count != 1)
        {
            throw new UsageException($"--at takes one variable for 'adverify taylor' (the expansion variable), got {point.Count}");
        }

        var (variable, at) = point.Single();
        var order = 5;
        if (run.Value(_order) is { } orderText
            && (!int.TryParse(orderText, NumberStyles.None, CultureInfo.InvariantCulture, out order) || order > 100))
        {
            throw new UsageException($"--order {orderText}: expected a whole number from 0 to 100");
        }

        TaylorSeries series;
        try
        {
            series = expr.Taylor(variable, at, order);
        }
        catch (NotSupportedException e)
        {
            // For example an expansion in the integer order of besselj(n, x): the message names the function and argument.
            throw new UsageException(e.Message);
        }
        if (run.Flag(_json))
        {
            run.Out.WriteLine(Json.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("expression", Infix.Format(expr));
                w.WriteString("variable", variable);
                Json.Number(w, "at", at);
                w.WriteNumber("order", order);
                w.WriteString("series", series.ToString());
                w.WriteString("latex", series.ToLaTeX());
                w.WriteString("polynomial", Infix.Format(series.Polynomial));
                w.WriteStartArray("coefficients");
                foreach (var c in series.Coefficients)
                {
                    w.WriteStringValue(Infix.Format(c));
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }
        else
        {
            run.Out.WriteLine(run.Flag(_latex) ? series.ToLaTeX() : series.ToString());
        }

        return CliApp.Ok;
    }
}
