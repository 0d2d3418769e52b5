using System.CommandLine;
using AdVerify.Cli.CommandLine;
using AdVerify.Forward;
using AdVerify.Reverse;

namespace AdVerify.Cli.Commands;

/// <summary><c>adverify grad EXPR --at … [--wrt x,y] [--mode forward|reverse] [--hessian] [--json]</c>.</summary>
public sealed class GradCommand : Verb
{
    private readonly Option<string> _at = CommonOptions.At();
    private readonly Option<string> _wrt = CommonOptions.Wrt();
    private readonly Option<bool> _allowUnused = CommonOptions.AllowUnused();
    private readonly Option<string> _mode = CommonOptions.Mode("reverse");
    private readonly Option<bool> _hessian = CommonOptions.Hessian("also compute the Hessian (forward over reverse, or forward over forward)");
    private readonly Option<bool> _json = CommonOptions.Json();

    /// <inheritdoc />
    public override string Name => "grad";

    /// <inheritdoc />
    public override string Usage => "grad EXPR --at x=2,y=3,z=1 [--wrt x,y] [--allow-unused] [--mode forward|reverse] [--hessian] [--json]";

    /// <inheritdoc />
    public override string Description =>
        "Computes the value and gradient of EXPR at a point by automatic differentiation (reverse mode by default). " +
        "--wrt defaults to every variable of the expression, sorted; a --wrt variable the expression does not use is an error unless --allow-unused is given (then its derivative is 0). " +
        "--hessian adds the Hessian (keys \"row,column\" in JSON). A derivative that is not a finite number at the point " +
        "(a singularity, a domain edge, an overflow) is reported as undefined with exit code 2, never printed as NaN or Infinity.";

    /// <inheritdoc />
    public override Positionals Positionals => Positionals.OneExpression;

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [_at, _wrt, _allowUnused, _mode, _hessian, _json];

    /// <inheritdoc />
    public override int Execute(Invocation run)
    {
        var stdout = run.Out;
        // AD differentiates the program the user wrote, in its own order and grouping.
        var text = run.Single();
        var parsed = CommandSupport.ParseWritten(text);
        var wrt = CommandSupport.ReadWrt(run.Value(_wrt), parsed.Inputs, run.Flag(_allowUnused));
        var point = CommandSupport.ReadPoint(run.Value(_at), parsed.Inputs, required: parsed.Inputs.Count > 0 || wrt.Length > 0);
        CommandSupport.AddUnusedWrt(point, wrt);
        var mode = CommandSupport.ReadMode(run.Value(_mode));
        var written = parsed.WithInputs(parsed.Inputs.Union(wrt, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
        var x = written.InputValues(point);
        var index = wrt.Select(w => written.Inputs.ToList().IndexOf(w)).ToArray();

        // A point outside the domain is reported, not differentiated.
        var value = CommandSupport.EvaluateOrExplain(written, point, "the expression");
        var full = mode == "forward" ? ForwardMode.Gradient(written, x).Gradient : ReverseMode.Gradient(written, x).Gradient;
        var gradient = index.Select(i => full[i]).ToArray();
        double[,]? hessian = null;
        if (run.Flag(_hessian))
        {
            var h = mode == "forward" ? ForwardMode.Hessian(written, x) : ReverseMode.Hessian(written, x);
            hessian = new double[wrt.Length, wrt.Length];
            for (var r = 0; r < wrt.Length; r++)
            {
                for (var c = 0; c < wrt.Length; c++)
                {
                    hessian[r, c] = h[index[r], index[c]];
                }
            }
        }
        RequireFinite(wrt, gradient, hessian, mode);

        if (run.Flag(_json))
        {
            stdout.WriteLine(Json.Write(j =>
            {
                j.WriteStartObject();
                j.WriteString("expression", parsed.Text ?? parsed.ToString());
                j.WriteString("mode", mode);
                Json.Number(j, "value", value);
                j.WriteStartObject("gradient");
                for (var i = 0; i < wrt.Length; i++)
                {
                    Json.Number(j, wrt[i], gradient[i]);
                }

                j.WriteEndObject();
                if (hessian is not null)
                {
                    j.WriteStartObject("hessian");
                    for (var r = 0; r < wrt.Length; r++)
                    {
                        for (var c = 0; c < wrt.Length; c++)
                        {
                            Json.Number(j, wrt[r] + "," + wrt[c], hessian[r, c]);
                        }
                    }

                    j.WriteEndObject();
                }

                j.WriteEndObject();
            }));
            return CliApp.Ok;
        }

        stdout.WriteLine($"value = {Json.Format(value)}");
        for (var i = 0; i < wrt.Length; i++)
        {
            stdout.WriteLine($"∂f/∂{wrt[i]} = {Json.Format(gradient[i])}");
        }

        if (hessian is not null)
        {
            stdout.WriteLine("Hessian (rows and columns: " + string.Join(", ", wrt) + "):");
            for (var r = 0; r < wrt.Length; r++)
            {
                stdout.WriteLine("  " + string.Join("  ", Enumerable.Range(0, wrt.Length).Select(c => Json.Format(hessian[r, c]))));
            }
        }

        return CliApp.Ok;
    }

    /// <summary>A derivative that is not a real number where the value is one is reported, never printed as a result.</summary>
    private static void RequireFinite(string[] wrt, double[] gradient, double[,]? hessian, string mode)
    {
        for (var i = 0; i < wrt.Length; i++)
        {
            if (!double.IsFinite(gradient[i]))
            {
                throw new UsageException($"the derivative with respect to {wrt[i]} is undefined at the point: {mode} mode gives {Json.Format(gradient[i])} (the point is a singularity or domain edge of the derivative, or it overflows)");
            }
        }

        for (var r = 0; r < wrt.Length && hessian is not null; r++)
        {
            for (var c = 0; c < wrt.Length; c++)
            {
                if (!double.IsFinite(hessian[r, c]))
                {
                    throw new UsageException($"the second derivative with respect to {wrt[r]} and {wrt[c]} is undefined at the point: {mode} mode gives {Json.Format(hessian[r, c])}");
                }
            }
        }
    }
}
