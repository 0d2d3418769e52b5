using System.Globalization;
using System.Text;
using AdVerify.Numeric;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Differentiation;

namespace AdVerify.Benchmarks;

/// <summary>
/// First derivatives by finite differences: our adaptive <see cref="FiniteDifference.Derivative"/>
/// (Richardson tableau with an error estimate) against MathNet's <see cref="NumericalDerivative"/>
/// with its default 3-point stencil and with 5- and 7-point stencils, each on the same five test
/// functions. <see cref="AccuracyTable"/> prints the accuracy side of the comparison.
/// </summary>
[MemoryDiagnoser]
public class FiniteDifferenceBenchmarks
{
    private static readonly NumericalDerivative MathNet3 = new();
    private static readonly NumericalDerivative MathNet5 = new(5, 2);
    private static readonly NumericalDerivative MathNet7 = new(7, 3);

    /// <summary>The test cases: name, function, point and closed-form derivative.</summary>
    public static IReadOnlyList<(string Name, Func<double, double> F, double X, double Exact)> Cases { get; } =
    [
        ("sin′(1)", Math.Sin, 1.0, Math.Cos(1.0)),
        ("exp′(2)", Math.Exp, 2.0, Math.Exp(2.0)),
        ("log′(0.1)", Math.Log, 0.1, 10.0),
        ("atan′(10)", Math.Atan, 10.0, 1.0 / 101.0),
        ("(1/(1+x²))′ at 0.3", x => 1 / (1 + (x * x)), 0.3, -2 * 0.3 / ((1 + (0.3 * 0.3)) * (1 + (0.3 * 0.3)))),
    ];

    /// <summary>The index of the test case in <see cref="Cases"/>.</summary>
    [Params(0, 1, 2, 3, 4)]
    public int Case { get; set; }

    /// <summary>Our adaptive finite difference.</summary>
    /// <returns>The estimate.</returns>
    [Benchmark(Baseline = true)]
    public double AdVerify() => FiniteDifference.Derivative(Cases[Case].F, Cases[Case].X).Value;

    /// <summary>MathNet's default (3-point central) stencil.</summary>
    /// <returns>The estimate.</returns>
    [Benchmark]
    public double MathNet3Point() => MathNet3.EvaluateDerivative(Cases[Case].F, Cases[Case].X, 1);

    /// <summary>MathNet's 5-point central stencil.</summary>
    /// <returns>The estimate.</returns>
    [Benchmark]
    public double MathNet5Point() => MathNet5.EvaluateDerivative(Cases[Case].F, Cases[Case].X, 1);

    /// <summary>MathNet's 7-point central stencil.</summary>
    /// <returns>The estimate.</returns>
    [Benchmark]
    public double MathNet7Point() => MathNet7.EvaluateDerivative(Cases[Case].F, Cases[Case].X, 1);

    /// <summary>
    /// The accuracy table as markdown: absolute error against the closed form and the number of
    /// function evaluations, per method and test case (our estimator also reports its error estimate).
    /// </summary>
    /// <returns>The markdown table.</returns>
    public static string AccuracyTable()
    {
        var methods = new (string Name, Func<Func<double, double>, double, double> Estimate)[]
        {
            ("MathNet 3-point (default)", (f, x) => new NumericalDerivative().EvaluateDerivative(f, x, 1)),
            ("MathNet 5-point", (f, x) => new NumericalDerivative(5, 2).EvaluateDerivative(f, x, 1)),
            ("MathNet 7-point", (f, x) => new NumericalDerivative(7, 3).EvaluateDerivative(f, x, 1)),
        };
        var text = new StringBuilder();
        text.Append("| derivative | exact | AdVerify error (estimate) | evals |");
        foreach (var m in methods)
        {
            text.Append(CultureInfo.InvariantCulture, $" {m.Name} error | evals |");
        }

        text.AppendLine();
        text.Append("|---|---:|---:|---:|");
        text.AppendLine(string.Concat(Enumerable.Repeat("---:|---:|", methods.Length)));
        foreach (var (name, f, x, exact) in Cases)
        {
            var count = 0;
            double Counted(double t)
            {
                count++;
                return f(t);
            }

            var ours = FiniteDifference.Derivative(Counted, x);
            text.Append(CultureInfo.InvariantCulture,
                $"| {name} | {exact:G6} | {Format(Math.Abs(ours.Value - exact))} ({Format(ours.ErrorEstimate)}) | {count} |");
            foreach (var m in methods)
            {
                count = 0;
                var estimate = m.Estimate(Counted, x);
                text.Append(CultureInfo.InvariantCulture, $" {Format(Math.Abs(estimate - exact))} | {count} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Format(double value) => value == 0 ? "0" : value.ToString("0.0e+0", CultureInfo.InvariantCulture);
}
