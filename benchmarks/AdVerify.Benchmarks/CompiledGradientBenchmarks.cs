using AdVerify.Expressions;
using AdVerify.Symbolic;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// Compiled gradients: an expression compiled to IL together with its symbolic gradient
/// (shared subexpressions computed once) against the compiled function alone. The Ratio column
/// is the cost of value-and-gradient relative to the value.
/// </summary>
[MemoryDiagnoser]
public class CompiledGradientBenchmarks
{
    private Func<double[], double> _value = _ => 0;
    private CompiledGradient? _gradient;
    private double[] _x = [];
    private double[] _g = [];

    /// <summary>The function: Rosenbrock in 10 or 100 variables, or a small tanh network (8 hidden units, 4 inputs).</summary>
    [Params("rosenbrock10", "rosenbrock100", "tanh-network")]
    public string Function { get; set; } = "rosenbrock10";

    [GlobalSetup]
    public void Setup()
    {
        var (expr, names) = Build(Function);
        _value = Compiler.Compile(expr, names);
        _gradient = Compiler.CompileGradient(expr, names);
        _x = names.Select((_, i) => 0.3 + (0.1 * Math.Sin(i))).ToArray();
        _g = new double[names.Length];
    }

    private static (Expr Expr, string[] Names) Build(string name)
    {
        if (name.StartsWith("rosenbrock", StringComparison.Ordinal))
        {
            var n = int.Parse(name["rosenbrock".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var x = Enumerable.Range(0, n).Select(i => Expr.Symbol("x" + i)).ToArray();
            var terms = Enumerable.Range(0, n - 1).Select(i =>
                (100 * Expr.Pow(x[i + 1] - Expr.Pow(x[i], 2), 2)) + Expr.Pow(1 - x[i], 2));
            return (Expr.Add(terms), x.Select(v => ((SymbolExpr)v).Name).ToArray());
        }

        // y = Σ_j v_j · tanh(Σ_i w_ji · x_i + b_j), differentiated by the 4·8 + 8 + 8 parameters.
        var inputs = new[] { 0.5, -1.25, 2.0, 0.75 };
        var names = new List<string>();
        var hidden = new List<Expr>();
        for (var j = 0; j < 8; j++)
        {
            var sum = new List<Expr>();
            for (var i = 0; i < inputs.Length; i++)
            {
                names.Add($"w{j}_{i}");
                sum.Add(Expr.Symbol($"w{j}_{i}") * inputs[i]);
            }

            names.Add($"b{j}");
            names.Add($"v{j}");
            sum.Add(Expr.Symbol($"b{j}"));
            hidden.Add(Expr.Symbol($"v{j}") * Expr.Call(Functions.Tanh, Expr.Add(sum)));
        }

        return (Expr.Add(hidden), names.ToArray());
    }

    /// <summary>The compiled function.</summary>
    [Benchmark(Baseline = true)]
    public double Value() => _value(_x);

    /// <summary>The compiled value and symbolic gradient in one call.</summary>
    [Benchmark]
    public double ValueAndGradient() => _gradient!.Evaluate(_x, _g);
}
