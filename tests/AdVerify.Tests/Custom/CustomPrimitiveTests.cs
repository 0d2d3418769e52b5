using System.Collections.Concurrent;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Numeric;
using AdVerify.Reverse;
using AdVerify.Scalars;
using AdVerify.Symbolic;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Custom;

public class CustomPrimitiveTests
{
    // The registry is global and shared by every test in the run: each test defines its own names.
    private static string Unique(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    private static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static FunctionInfo DefineSoftplus(bool asText, string? name = null, bool wrong = false)
    {
        name ??= Unique("sp");
        if (asText)
        {
            return Functions.Define(name, Softplus, wrong ? "1/(1 + exp(x))" : "1/(1 + exp(-x))");
        }

        return Functions.Define(name, Softplus, wrong ? x => 1 / (1 + Math.Exp(x)) : Sigmoid);
    }

    private static readonly Dictionary<string, double> Point = new() { ["x"] = 0.7, ["y"] = -1.3 };

    // softplus(x*y) + x: ∂x = σ(xy)·y + 1, ∂y = σ(xy)·x.
    private static double[] Expected(double x, double y) => [(Sigmoid(x * y) * y) + 1, Sigmoid(x * y) * x];

    [TestCase(false)]
    [TestCase(true)]
    public void EveryEngineUsesTheRegisteredRule(bool asText)
    {
        var sp = DefineSoftplus(asText);
        var expr = Infix.Parse($"{sp.Name}(x*y) + x");
        var expected = Expected(0.7, -1.3);
        var value = Softplus(0.7 * -1.3) + 0.7;
        string[] wrt = ["x", "y"];

        var (fv, fg) = ExprForward.Gradient(expr, Point, wrt);
        var (rv, rg) = ExprReverse.Gradient(expr, Point, wrt);
        var symbolic = Calculus.Gradient(expr, wrt).Select(d => d.Evaluate(Point)).ToArray();
        var (cv, cg) = Compiler.CompileGradient(expr, wrt).Evaluate([0.7, -1.3]);

        Assert.That(expr.Evaluate(Point), Is.EqualTo(value).Within(1e-15));
        Assert.That(Compiler.Compile(expr, wrt)([0.7, -1.3]), Is.EqualTo(value).Within(1e-15));
        Assert.That(fv, Is.EqualTo(value).Within(1e-15));
        Assert.That(rv, Is.EqualTo(value).Within(1e-15));
        Assert.That(cv, Is.EqualTo(value).Within(1e-15));
        foreach (var g in new[] { fg, rg, symbolic, cg })
        {
            Assert.That(g, Is.EqualTo(expected).Within(1e-14));
        }

        // Generic user code: Primitives.Call works on doubles and on every AD number type.
        T F<T>(T[] v)
            where T : System.Numerics.INumberBase<T> => Primitives.Call(sp, v[0] * v[1]) + v[0];
        Assert.That(F([0.7, -1.3]), Is.EqualTo(value).Within(1e-15));
        Assert.That(ForwardMode.Gradient(F, [0.7, -1.3]).Gradient, Is.EqualTo(expected).Within(1e-14));
        Assert.That(ForwardMode.GradientOnePass(F, [0.7, -1.3]).Gradient, Is.EqualTo(expected).Within(1e-14));
        Assert.That(ReverseMode.Gradient(F, [0.7, -1.3]).Gradient, Is.EqualTo(expected).Within(1e-14));
        Assert.That(ForwardRules.Supports(sp) && ReverseRules.Supports(sp) && DerivativeRules.Covers(sp), Is.True);
    }

    [Test]
    public void DelegateDerivativeIsADerivedFunctionSymbolically()
    {
        var sp = DefineSoftplus(asText: false);
        var derived = sp.Rule!.DerivedFunctions.Single();
        Assert.That(derived.Name, Is.EqualTo("d_" + sp.Name));
        Assert.That(derived.DerivativeOf, Is.SameAs(sp));
        Assert.That(Functions.TryGet(derived.Name, out var found) && ReferenceEquals(found, derived), Is.True);

        var d = Infix.Parse($"{sp.Name}(x^2)").Differentiate("x");
        Assert.That(Infix.Format(d), Does.Contain($"d_{sp.Name}(x^2)"));
        Assert.That(d.Evaluate(new Dictionary<string, double> { ["x"] = 0.9 }), Is.EqualTo(2 * 0.9 * Sigmoid(0.81)).Within(1e-15));

        var again = Assert.Throws<NotSupportedException>(() => d.Differentiate("x"))!;
        Assert.That(again.Message, Does.Contain($"'d_{sp.Name}'").And.Contain("expression text"));
        var forward = Assert.Throws<NotSupportedException>(() => ExprForward.Gradient(d, new Dictionary<string, double> { ["x"] = 0.9 }, ["x"]))!;
        Assert.That(forward.Message, Does.Contain($"d_{sp.Name}"));
    }

    [Test]
    public void TextDerivativeGivesAnExactSymbolicRule()
    {
        var sp = DefineSoftplus(asText: true);
        Assert.That(sp.Rule!.IsExpression, Is.True);
        Assert.That(sp.Rule.DerivedFunctions, Is.Empty);
        Assert.That(Functions.TryGet("d_" + sp.Name, out _), Is.False);
        var d = Infix.Parse($"{sp.Name}(2*x)").Differentiate("x");
        Assert.That(d, Is.EqualTo(Infix.Parse("2/(1 + exp(-2*x))")));
    }

    [Test]
    public void ParsePrintAndLaTeXRoundTrip()
    {
        var sp = DefineSoftplus(asText: false);
        var expr = Infix.Parse($"{sp.Name}(x*y) + x");
        var text = Infix.Format(expr);
        Assert.That(text, Does.Contain($"{sp.Name}(x*y)"));
        Assert.That(Infix.Parse(text), Is.EqualTo(expr));
        Assert.That(LaTeX.Format(expr), Does.Contain(@"\operatorname{sp\_" + sp.Name[3..] + @"}\left("));

        var named = Functions.Define(Unique("gauss"), x => Math.Exp(-x * x), "-2*x*exp(-x^2)", latex: @"\mathcal{G}");
        Assert.That(LaTeX.Format(Infix.Parse($"{named.Name}(x)")), Is.EqualTo(@"\mathcal{G}\left(x\right)"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void CheckPrimitiveAcceptsACorrectRule(bool asText)
    {
        var result = Verifier.CheckPrimitive(DefineSoftplus(asText));
        Assert.That(result.Results, Has.Count.EqualTo(3));
        Assert.That(result.Results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Consistent), () => string.Join("\n", result.Results.Select(r => r.Message)));
        Assert.That(result.Passed, Is.True);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void CheckPrimitiveCatchesTheSignSlip(bool asText)
    {
        var sp = DefineSoftplus(asText, wrong: true);
        var result = Verifier.CheckPrimitive(sp);
        Assert.That(result.Passed, Is.False);
        var bad = result.Results.Where(r => r.Verdict == Verdict.Discrepancy).ToList();
        Assert.That(bad, Has.Count.EqualTo(3)); // none of the default samples is x = 0, where the slip cancels
        var discrepancy = bad[0].Discrepancies.Single();
        Assert.That(discrepancy.OddOneOut, Is.EqualTo(Sources.PrimitiveRule));
        Assert.That(discrepancy.Message, Does.StartWith($"the derivative rule registered for {sp.Name} disagrees with finite differences"));
    }

    [Test]
    public void VerifierDoesNotDismissFiniteDifferencesForPrimitivesInsideExpressions()
    {
        var sp = DefineSoftplus(asText: false, wrong: true);
        var result = Verifier.Check($"{sp.Name}(x*y) + x", Point);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Discrepancy));
        Assert.That(result.Discrepancies.Select(d => d.OddOneOut), Is.All.EqualTo(Sources.PrimitiveRule));
        Assert.That(result.Discrepancies.Select(d => d.Variable), Is.EquivalentTo(new[] { "x", "y" }));

        var good = DefineSoftplus(asText: false);
        Assert.That(Verifier.Check($"{good.Name}(x*y) + x", Point).Verdict, Is.EqualTo(Verdict.Consistent));
    }

    [Test]
    public void ComplexStepRefusesCustomPrimitives()
    {
        var sp = DefineSoftplus(asText: true);
        Assert.That(sp.IsAnalytic, Is.False);
        Assert.That(sp.IsBuiltIn, Is.False);
        var cs = ComplexStep.Gradient(Infix.Parse($"{sp.Name}(x) + sin(y)"), Point);
        Assert.That(cs.Gradient.ContainsKey("y"), Is.True);
        Assert.That(cs.NotApplicable["x"], Does.Contain(sp.Name).And.Contain("user-defined primitive"));
    }

    [Test]
    public void TwoArgumentPrimitive()
    {
        // f(x, y) = x·e^y.
        var f = Functions.Define(Unique("xe"), (x, y) => x * Math.Exp(y), (_, y) => Math.Exp(y), (x, y) => x * Math.Exp(y));
        Assert.That(f.Rule!.DerivedFunctions.Select(d => d.Name), Is.EqualTo(new[] { "d1_" + f.Name, "d2_" + f.Name }));
        var expr = Infix.Parse($"{f.Name}(x^2, y) - y");
        double[] expected = [2 * 0.7 * Math.Exp(-1.3), (0.49 * Math.Exp(-1.3)) - 1];
        Assert.That(ExprForward.Gradient(expr, Point, ["x", "y"]).Gradient, Is.EqualTo(expected).Within(1e-14));
        Assert.That(ExprReverse.Gradient(expr, Point, ["x", "y"]).Gradient, Is.EqualTo(expected).Within(1e-14));
        Assert.That(Calculus.Gradient(expr, "x", "y").Select(d => d.Evaluate(Point)), Is.EqualTo(expected).Within(1e-14));
        Assert.That(Verifier.CheckPrimitive(f).Results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Consistent));

        var wrong = Functions.Define(Unique("xe"), (x, y) => x * Math.Exp(y), "exp(y)", "exp(y)");
        var result = Verifier.CheckPrimitive(wrong);
        Assert.That(result.Results.SelectMany(r => r.Discrepancies).Select(d => d.Variable).Distinct(), Is.EqualTo(new[] { "y" }));
    }

    [Test]
    public void NamesAreValidatedAndDuplicatesRejected()
    {
        var sp = DefineSoftplus(asText: false);
        var dup = Assert.Throws<ArgumentException>(() => Functions.Define(sp.Name, Math.Exp, Math.Exp))!;
        Assert.That(dup.Message, Does.Contain("already registered"));
        Assert.That(Assert.Throws<ArgumentException>(() => Functions.Define("sin", Math.Exp, Math.Exp))!.Message, Does.Contain("built-in"));
        Assert.That(Assert.Throws<ArgumentException>(() => Functions.Define("ln", Math.Exp, "exp(x)"))!.Message, Does.Contain("alias of log"));
        Assert.That(Assert.Throws<ArgumentException>(() => Functions.Define("pi", Math.Exp, Math.Exp))!.Message, Does.Contain("constant"));
        Assert.That(Assert.Throws<ArgumentException>(() => Functions.Define("2fast", Math.Exp, Math.Exp))!.Message, Does.Contain("not a valid function name"));
        Assert.That(Assert.Throws<ArgumentException>(() => Functions.Define("d_" + sp.Name, Math.Exp, Math.Exp))!.Message, Does.Contain("already registered"));

        // A derived name that is taken blocks a delegate-only definition, which then registers nothing.
        var name = Unique("blocked");
        Functions.Define("d_" + name, Math.Exp, "exp(x)");
        var blocked = Assert.Throws<ArgumentException>(() => Functions.Define(name, Math.Exp, Math.Exp))!;
        Assert.That(blocked.Message, Does.Contain("d_" + name));
        Assert.That(Functions.TryGet(name, out _), Is.False);
        Assert.That(Functions.Define(name, Math.Exp, "exp(x)").Rule!.IsExpression, Is.True);
    }

    [Test]
    public void BadDerivativeTextIsRejectedAndNothingStaysRegistered()
    {
        var name = Unique("bad");
        var e = Assert.Throws<ArgumentException>(() => Functions.Define(name, Math.Exp, "exp(z)"))!;
        Assert.That(e.Message, Does.Contain("only the variable x").And.Contain("z"));
        Assert.That(Functions.TryGet(name, out _), Is.False);
        Assert.Throws<ArgumentException>(() => Functions.Define(name, Math.Exp, "exp(x"));
        Assert.That(Functions.TryGet(name, out _), Is.False);
        Assert.Throws<ArgumentException>(() => Functions.Define(name, Math.Log, Math.Log, inDomain: x => x > 0, samplePoints: [-1.0]));
        Assert.That(Functions.TryGet(name, out _), Is.False);
    }

    [Test]
    public void SecondDerivativesNeedAnExpressionRule()
    {
        var byDelegate = DefineSoftplus(asText: false);
        var expr = Infix.Parse($"{byDelegate.Name}(x*y)");
        var e = Assert.Throws<NotSupportedException>(() => ExprForward.Hessian(expr, Point, ["x", "y"]))!;
        Assert.That(e.Message, Does.Contain($"'{byDelegate.Name}'").And.Contain("Second derivatives").And.Contain("expression"));
        Assert.Throws<NotSupportedException>(() => ExprReverse.Hessian(expr, Point, ["x", "y"]));
        Assert.Throws<NotSupportedException>(() => ForwardMode.Derivative(d => Primitives.Call(byDelegate, d), new Dual<double>(0.3, 1)));

        // First derivatives still work with a delegate rule, at the outer level too.
        Assert.That(ForwardMode.Derivative(d => Primitives.Call(byDelegate, d), 0.3), Is.EqualTo(Sigmoid(0.3)).Within(1e-15));
    }

    [Test]
    public void SelfReferentialTextRuleGivesHessians()
    {
        var name = Unique("sig");
        var s = Functions.Define(name, Sigmoid, $"{name}(x)*(1 - {name}(x))");
        var expr = Infix.Parse($"{name}(x*y)");
        string[] wrt = ["x", "y"];
        var symbolic = Calculus.Hessian(expr, wrt);
        var forward = ExprForward.Hessian(expr, Point, wrt);
        var reverse = ExprReverse.Hessian(expr, Point, wrt);
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                var exact = symbolic[i, j].Evaluate(Point);
                Assert.That(forward[i, j], Is.EqualTo(exact).Within(1e-13));
                Assert.That(reverse[i, j], Is.EqualTo(exact).Within(1e-13));
            }
        }

        // σ'' = σ(1 − σ)(1 − 2σ); ∂²/∂x² σ(xy) = y²σ''(xy).
        var sv = Sigmoid(0.7 * -1.3);
        Assert.That(forward[0, 0], Is.EqualTo(1.69 * sv * (1 - sv) * (1 - (2 * sv))).Within(1e-13));
        Assert.That(ForwardMode.Derivative(d => Primitives.Call(s, d), new Dual<double>(0.3, 1)).Tangent,
            Is.EqualTo(Sigmoid(0.3) * (1 - Sigmoid(0.3)) * (1 - (2 * Sigmoid(0.3)))).Within(1e-14));
        Assert.That(Verifier.Check($"{name}(x*y)", Point, hessian: true).Verdict, Is.EqualTo(Verdict.Consistent));
    }

    [Test]
    public void RegistrationIsThreadSafe()
    {
        var names = Enumerable.Range(0, 64).Select(i => Unique("par" + i)).ToArray();
        var contested = Unique("contested");
        var wins = 0;
        var losses = new ConcurrentBag<ArgumentException>();
        Parallel.For(0, names.Length * 2, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            if (k < names.Length)
            {
                _ = k % 2 == 0 ? Functions.Define(names[k], Math.Sinh, "cosh(x)") : Functions.Define(names[k], Math.Sinh, Math.Cosh);
                return;
            }

            try
            {
                Functions.Define(contested, Math.Exp, Math.Exp);
                Interlocked.Increment(ref wins);
            }
            catch (ArgumentException e)
            {
                losses.Add(e);
            }
        });

        Assert.That(wins, Is.EqualTo(1));
        Assert.That(losses, Has.Count.EqualTo(names.Length - 1));
        Assert.That(names.All(n => Functions.TryGet(n, out var f) && f.Rule is not null), Is.True);
        Assert.That(Functions.TryGet("d_" + contested, out var d) && d.DerivativeOf!.Name == contested, Is.True);
        Assert.That(Functions.All.Count(f => f.Name == contested), Is.EqualTo(1));
    }
}
