using AdVerify.Expressions;
using AdVerify.Symbolic;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>Symbolic differentiation, evaluation and compilation of large and of deeply shared expressions.</summary>
[MemoryDiagnoser]
public class SymbolicBenchmarks
{
    private Expr _sinSum = Expr.Zero;
    private Expr _polynomial = Expr.Zero;
    private Expr _logistic = Expr.Zero;
    private Expr _logistic80 = Expr.Zero;
    private Expr _nestedSin = Expr.Zero;
    private Expr _logisticDerivative = Expr.Zero;
    private Func<double[], double> _compiledLogisticDerivative = _ => 0;
    private readonly Dictionary<string, double> _point = new() { ["x"] = 0.3, ["r"] = 3.2 };

    [GlobalSetup]
    public void Setup()
    {
        var x = Expr.Symbol("x");
        // Σ sin(k·x_k), 10,000 distinct terms in 10,000 variables.
        _sinSum = Expr.Add(Enumerable.Range(1, 10_000).Select(k => Expr.Call(Functions.Sin, k * Expr.Symbol("x" + k))));
        // Σ x^k / k, 10,000 distinct terms in one variable: every term depends on x.
        _polynomial = Expr.Add(Enumerable.Range(1, 10_000).Select(k => Expr.Number(new Rational(1, k)) * Expr.Pow(x, k)));
        // x_{k+1} = r·x_k·(1 − x_k), 20 times.
        var r = Expr.Symbol("r");
        var xk = x;
        for (var k = 0; k < 20; k++)
        {
            xk = r * xk * (1 - xk);
        }

        _logistic = xk;
        for (var k = 20; k < 80; k++)
        {
            xk = r * xk * (1 - xk);
        }

        _logistic80 = xk;
        // sin(sin(…sin(x))), 10,000 deep.
        _nestedSin = x;
        for (var k = 0; k < 10_000; k++)
        {
            _nestedSin = Expr.Call(Functions.Sin, _nestedSin);
        }

        _logisticDerivative = _logistic.Differentiate("x");
        _compiledLogisticDerivative = Compiler.Compile(_logisticDerivative, "r", "x");
    }

    /// <summary>d/dx₁ of Σ sin(k·x_k): 10,000 terms visited, one depends on the variable.</summary>
    [Benchmark]
    public Expr DifferentiateSinSum10000() => _sinSum.Differentiate("x1");

    /// <summary>d/dx of Σ x^k/k: 10,000 terms, all depending on the variable.</summary>
    [Benchmark]
    public Expr DifferentiatePolynomial10000() => _polynomial.Differentiate("x");

    /// <summary>d/dx of the logistic map iterated 20 times.</summary>
    [Benchmark]
    public Expr DifferentiateLogistic20() => _logistic.Differentiate("x");

    /// <summary>d/dx of the logistic map iterated 80 times (derivative DAG 2.5× the input).</summary>
    [Benchmark]
    public Expr DifferentiateLogistic80() => _logistic80.Differentiate("x");

    /// <summary>d/dx of sin nested 10,000 deep: one product of 10,000 cosines.</summary>
    [Benchmark]
    public Expr DifferentiateNestedSin10000() => _nestedSin.Differentiate("x");

    /// <summary>Evaluating that derivative by walking the DAG.</summary>
    [Benchmark]
    public double EvaluateLogistic20Derivative() => _logisticDerivative.Evaluate(_point);

    /// <summary>Running the compiled derivative.</summary>
    [Benchmark]
    public double CompiledLogistic20Derivative() => _compiledLogisticDerivative([3.2, 0.3]);

    /// <summary>Compiling the derivative of the 10,000-term polynomial.</summary>
    [Benchmark]
    public Func<double[], double> CompilePolynomial10000Derivative() => Compiler.Compile(_polynomial.Differentiate("x"), "x");
}
