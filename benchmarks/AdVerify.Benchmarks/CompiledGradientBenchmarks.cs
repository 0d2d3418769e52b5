using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using AdVerify.Compilation;
using AdVerify.Definitions;
using AdVerify.Symbolic;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// The compiled path (<c>Compiler.Compile</c> of a one-definition function): value, value and
/// gradient, and Hessian-vector product, each against the plain function on doubles (the same
/// struct invoked as <c>Invoke&lt;double&gt;</c>) in the same run. Rosenbrock in n variables and
/// a tanh network with 8 fixed inputs and n/10 hidden units (n parameters). Build times are
/// printed by <c>-- --compile-times</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class CompiledGradientBenchmarks
{
    private CompiledFunction? _compiled;
    private bool _rosenbrock;
    private double[] _x = [];
    private double[] _v = [];
    private double[] _g = [];
    private double[] _hv = [];

    /// <summary>The function: Rosenbrock written as a loop, or the tanh network.</summary>
    [Params("rosenbrock", "tanh-network")]
    public string Function { get; set; } = "rosenbrock";

    /// <summary>The number of inputs.</summary>
    [Params(10, 1_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = Stopwatch.StartNew();
        _rosenbrock = Function == "rosenbrock";
        _compiled = _rosenbrock ? Compiler.Compile(new Rosenbrock(), N) : Compiler.Compile(new TanhNetwork(), N);
        Console.WriteLine($"// {Function} n={N}: built in {clock.Elapsed.TotalMilliseconds:0} ms; {_compiled.Reason}");
        _x = Enumerable.Range(0, N).Select(i => 0.5 + (0.4 * Math.Sin(i))).ToArray();
        _v = Enumerable.Range(0, N).Select(i => Math.Cos(i)).ToArray();
        _g = new double[N];
        _hv = new double[N];
    }

    /// <summary>The plain function on doubles.</summary>
    [Benchmark(Baseline = true)]
    public double Plain() => _rosenbrock ? new Rosenbrock().Invoke<double>(_x) : new TanhNetwork().Invoke<double>(_x);

    /// <summary>The compiled value.</summary>
    [Benchmark]
    public double Value() => _compiled!.Value(_x);

    /// <summary>The compiled value and gradient into a reused buffer.</summary>
    [Benchmark]
    public double ValueAndGradient() => _compiled!.ValueAndGradient(_x, _g);

    /// <summary>The compiled Hessian-vector product into a reused buffer.</summary>
    [Benchmark]
    public double HessianVectorProduct() => _compiled!.HessianVectorProduct(_x, _v, _hv);

    /// <summary>Build times (trace and compile value and gradient; then the first Hessian-vector product, which compiles its code), median of three.</summary>
    /// <returns>A Markdown table.</returns>
    public static string CompileTimes()
    {
        var table = new StringBuilder("| function | n | traced steps | build (trace + value + gradient) | first H·v (compiles its code) | path |\n|---|---:|---:|---:|---:|---|\n");
        foreach (var function in new[] { "rosenbrock", "tanh-network" })
        {
            foreach (var n in new[] { 10, 1_000, 100_000, 1_000_000 })
            {
                var builds = new List<double>();
                var hvps = new List<double>();
                CompiledFunction? compiled = null;
                for (var rep = 0; rep < 3; rep++)
                {
                    GC.Collect();
                    var clock = Stopwatch.StartNew();
                    compiled = function == "rosenbrock" ? Compiler.Compile(new Rosenbrock(), n) : Compiler.Compile(new TanhNetwork(), n);
                    builds.Add(clock.Elapsed.TotalMilliseconds);
                    var x = new double[n];
                    clock.Restart();
                    compiled.HessianVectorProduct(x, x, new double[n]);
                    hvps.Add(clock.Elapsed.TotalMilliseconds);
                }

                var steps = compiled!.IsCompiled ? compiled.Reason.Split(" traced steps")[0].Split(": ")[^1] : "—";
                table.Append(CultureInfo.InvariantCulture,
                    $"| {function} | {n:N0} | {steps} | {builds.Order().ElementAt(1):N0} ms | {hvps.Order().ElementAt(1):N0} ms | {(compiled.IsCompiled ? "compiled" : "tape")} |\n");
            }
        }

        return table.ToString();
    }

    /// <summary>Σⱼ vⱼ·tanh(Σᵢ wⱼᵢ·dataᵢ + bⱼ): 8 fixed inputs, parameters [wⱼ₀ … wⱼ₇, bⱼ, vⱼ] per hidden unit.</summary>
    public readonly struct TanhNetwork : IScalarFunction
    {
        private static readonly double[] Data = [0.5, -1.25, 2.0, 0.75, -0.3, 1.1, 0.05, -2.2];

        /// <inheritdoc />
        public T Invoke<T>(ReadOnlySpan<T> p)
            where T : IFloatingPointIeee754<T>
        {
            const int width = 10;
            var y = T.Zero;
            for (var j = 0; j + width <= p.Length; j += width)
            {
                var s = p[j + 8];
                for (var i = 0; i < 8; i++)
                {
                    s += p[j + i] * T.CreateChecked(Data[i]);
                }

                y += p[j + 9] * T.Tanh(s);
            }

            return y;
        }
    }
}
