using AdVerify.Expressions;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Symbolic;

public class CompilerTests
{
    private static readonly Expr X = Expr.Symbol("x");
    private static readonly Expr Y = Expr.Symbol("y");
    private static readonly string[] XY = ["x", "y"];

    private static IEnumerable<Expr> Samples()
    {
        yield return Expr.Pow(X, 3) * Y - Expr.Call(Functions.Sin, X * Y) / (1 + Expr.Pow(Y, 2));
        yield return Expr.Call(Functions.Sqrt, Expr.Pow(X, 2) + Expr.Pow(Y, 2)) + Expr.Pow(X * X + 1, -Expr.Half);
        yield return Expr.Call(Functions.Hypot, X, Y) * Expr.Call(Functions.Atan2, Y, X) + Expr.Call(Functions.Max, X, Y);
        yield return Expr.Pow(Expr.Call(Functions.Cosh, X), Y) + Expr.Pow(X, 17) - Expr.Pow(Y, -5) + Expr.Pow(X, 40);
        yield return Expr.Call(Functions.Erf, X) * Expr.Call(Functions.Sign, Y) + Expr.Call(Functions.Abs, X - Y) + Expr.E * Expr.Pi;
        yield return CalculusTests.LogisticMap(12).Differentiate("x");
        foreach (var f in Functions.BuiltIn)
        {
            yield return f.Arity == 1 ? Expr.Call(f, X * Y) : Expr.Call(f, X, Y);
        }
    }

    [Test]
    public void EveryBuiltInHasADirectMapping() =>
        Assert.That(Functions.BuiltIn.Where(f => !Compiler.HasDirectMapping(f)).Select(f => f.Name), Is.Empty);

    [Test]
    public void CompiledAgreesWithEvaluateOnRandomPoints()
    {
        var random = new Random(1234);
        foreach (var f in Samples())
        {
            var vars = f.Variables.Contains("r") ? new[] { "r", "x" } : XY;
            var compiled = Compiler.Compile(f, vars);
            for (var trial = 0; trial < 50; trial++)
            {
                var args = vars.Select(_ => (random.NextDouble() * 4) - 2).ToArray();
                var point = vars.Select((v, i) => (v, args[i])).ToDictionary(p => p.v, p => p.Item2);
                var expected = f.Evaluate(point);
                var actual = compiled(args);
                Assert.That(actual, Is.EqualTo(expected), $"at ({string.Join(", ", args)})");
            }
        }
    }

    [Test]
    public void SharedNodesAreComputedOnce()
    {
        var calls = 0;
        var counted = new FunctionInfo("counted_sym_test", 1, "c", "all real x", _ => true, [[0.5]],
            t => { calls++; return t * 2; }, null, true, true, null, isBuiltIn: false);
        var shared = Expr.Call(counted, X);
        var f = Expr.Call(Functions.Sin, shared) + Expr.Call(Functions.Cos, shared) * shared;
        var compiled = Compiler.Compile(f, "x");
        Assert.That(compiled([0.25]), Is.EqualTo(Math.Sin(0.5) + (Math.Cos(0.5) * 0.5)));
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public void MissingVariablesAreNamed()
    {
        var ex = Assert.Throws<ArgumentException>(() => Compiler.Compile(X + Y + Expr.Symbol("z"), "x"));
        Assert.That(ex!.Message, Does.Contain("'y', 'z'"));
        Assert.Throws<ArgumentException>(() => Compiler.Compile(X, "x", "x"));
    }

    [Test]
    public void WrongInputLengthIsRejected() =>
        Assert.Throws<ArgumentException>(() => Compiler.Compile(X + Y, XY)([1.0]));

    [Test]
    public void CompileManyAndInto()
    {
        Expr[] exprs = [X + Y, X * Y, Expr.Call(Functions.Exp, X + Y)];
        var many = Compiler.CompileMany(exprs, XY);
        Assert.That(many([1, 2]), Is.EqualTo(new[] { 3, 2, Math.Exp(3) }));
        var into = Compiler.CompileInto(exprs, XY);
        var output = new double[3];
        into([1, 2], output);
        Assert.That(output, Is.EqualTo(new[] { 3, 2, Math.Exp(3) }));
    }

    [Test]
    public void GradientIsCompiledWithTheValue()
    {
        var f = Expr.Pow(X, 2) * Y + Expr.Call(Functions.Sin, X * Y);
        var compiled = Compiler.CompileGradient(f, "x", "y");
        var (value, gradient) = compiled.Evaluate([0.7, -1.3]);
        var point = new Dictionary<string, double> { ["x"] = 0.7, ["y"] = -1.3 };
        Assert.Multiple(() =>
        {
            Assert.That(value, Is.EqualTo(f.Evaluate(point)));
            Assert.That(gradient[0], Is.EqualTo(f.Differentiate("x").Evaluate(point)));
            Assert.That(gradient[1], Is.EqualTo(f.Differentiate("y").Evaluate(point)));
            Assert.That(compiled.Gradient[0], Is.SameAs(f.Differentiate("x")));
        });
    }

    [TestCase(5_000)]
    [TestCase(50_000)]
    public void DeepExpressionCompilesWithoutStackOverflow(int depth)
    {
        var f = CalculusTests.DeepSin(depth);
        var compiled = Compiler.Compile(f, "x");
        Assert.That(compiled([0.5]), Is.EqualTo(f.Evaluate(new Dictionary<string, double> { ["x"] = 0.5 })));
    }

    [Test]
    public void DeepSumsAndProductsCompile()
    {
        // gₖ = 0.9·sin(gₖ₋₁) + x: alternating sums, products and calls, 15,000 levels deep.
        var g = X;
        for (var k = 0; k < 5_000; k++)
        {
            g = (Expr.Call(Functions.Sin, g) * 0.9) + X;
        }

        var compiled = Compiler.CompileGradient(g, "x");
        var point = new Dictionary<string, double> { ["x"] = 0.3 };
        var (value, gradient) = compiled.Evaluate([0.3]);
        Assert.That(value, Is.EqualTo(g.Evaluate(point)));
        Assert.That(gradient[0], Is.EqualTo(compiled.Gradient[0].Evaluate(point)));
    }

    [Test]
    public void HugeSumCompiles()
    {
        var terms = Enumerable.Range(1, 10_000).Select(k => Expr.Number(new Rational(1, k)) * Expr.Pow(X, k)).ToArray();
        var sum = Expr.Add(terms);
        Assert.That(sum.Operands, Has.Count.EqualTo(10_000));
        var compiled = Compiler.Compile(sum, "x");
        var point = new Dictionary<string, double> { ["x"] = 0.999 };
        Assert.That(compiled([0.999]), Is.EqualTo(sum.Evaluate(point)));
    }
}
