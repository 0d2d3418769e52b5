using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Symbolic;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

/// <summary>User primitives registered in a scope are seen only inside it (and what it starts), so tests can define the same name differently.</summary>
public class FunctionScopeTests
{
    private static readonly Dictionary<string, double> At1 = new() { ["x"] = 1 };

    private static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    [Test]
    public void AScopedDefinitionIsVisibleInsideAndGoneAfter()
    {
        Expr built;
        using (var scope = Functions.BeginScope())
        {
            var f = Functions.Define("scopedsoftplus", Softplus, "1/(1 + exp(-x))");
            Assert.That(Functions.TryGet("scopedsoftplus", out var found), Is.True);
            Assert.That(found, Is.SameAs(f));
            Assert.That(Functions.All, Does.Contain(f));
            Assert.That(scope.Defined, Is.EqualTo(new[] { f }));
            built = Infix.Parse("scopedsoftplus(2*x)");
        }

        Assert.That(Functions.TryGet("scopedsoftplus", out var after), Is.False);
        Assert.That(after, Is.Null);
        Assert.That(() => Infix.Parse("scopedsoftplus(x)"), Throws.TypeOf<ParseException>().With.Message.Contain("unknown function 'scopedsoftplus'"));

        // What was built inside keeps its function.
        Assert.That(built.Evaluate(At1), Is.EqualTo(Softplus(2)).Within(1e-15));
        Assert.That(built.Differentiate("x").Evaluate(At1), Is.EqualTo(2 / (1 + Math.Exp(-2))).Within(1e-15));
    }

    [Test]
    public void InnerScopesHideOuterDefinitionsAndEndInnermostFirst()
    {
        using var outer = Functions.BeginScope();
        Functions.Define("myramp", x => 2 * x, "2");
        using (Functions.BeginScope())
        {
            Functions.Define("myramp", x => 3 * x, "3");
            Assert.That(Infix.Parse("myramp(x)").Evaluate(At1), Is.EqualTo(3));
            Assert.That(() => Functions.Define("myramp", x => 4 * x, "4"), Throws.ArgumentException.With.Message.Contain("already registered in this scope"));
        }

        Assert.That(Infix.Parse("myramp(x)").Evaluate(At1), Is.EqualTo(2));
        Assert.That(() => Functions.Define("sin", Math.Sin, "cos(x)"), Throws.ArgumentException.With.Message.Contain("built-in"));
        Assert.That(() => Functions.Define("ln", Math.Log, "1/x"), Throws.ArgumentException.With.Message.Contain("alias of log"));
    }

    [Test]
    public void DisposingAnOuterScopeEndsItEverywhere()
    {
        var outer = Functions.BeginScope();
        Functions.Define("mystep", x => x, "1");
        var inner = Functions.BeginScope();
        outer.Dispose();
        Assert.That(outer.HasEnded, Is.True);
        Assert.That(Functions.TryGet("mystep", out _), Is.False, "an ended scope is invisible even from a scope nested in it");
        inner.Dispose();
        Assert.That(Functions.TryGet("mystep", out _), Is.False);
    }

    [Test]
    public void TheScopeFlowsIntoParallelVerification()
    {
        using (Functions.BeginScope())
        {
            Functions.Define("scopedsoftplus", Softplus, "1/(1 + exp(-x))");
            var catalogue = Catalogue.Parse("""
                {"cases": [{"name": "a", "expression": "scopedsoftplus(x*y)", "points": [{"x": 0.5, "y": 2}]},
                           {"name": "b", "expression": "x*scopedsoftplus(x)", "points": [{"x": -1}]}]}
                """);
            var report = Verifier.Verify(catalogue, new VerifierOptions { Parallel = true });
            Assert.That(report.Cases.SelectMany(c => c.Results).Select(r => r.Verdict), Is.All.EqualTo(Verdict.Consistent), report.ToString());
        }
    }

    [Test]
    public void TwoConcurrentScopesDefiningTheSameNameDoNotInterfere()
    {
        using var bothDefined = new Barrier(2);
        double Run(double scale) // each task: scopedsoftplus(x) = scale·softplus(x)
        {
            using (Functions.BeginScope())
            {
                Functions.Define("scopedsoftplus", x => scale * Softplus(x), $"{scale}/(1 + exp(-x))");
                bothDefined.SignalAndWait();
                var e = Infix.Parse("scopedsoftplus(x)");
                return ExprForward.Gradient(e, At1, ["x"]).Gradient[0] + e.Evaluate(At1);
            }
        }

        var results = Task.WhenAll(Task.Run(() => Run(1)), Task.Run(() => Run(10))).GetAwaiter().GetResult();
        var sigmoid = 1 / (1 + Math.Exp(-1));
        Assert.That(results[0], Is.EqualTo(sigmoid + Softplus(1)).Within(1e-14));
        Assert.That(results[1], Is.EqualTo(10 * (sigmoid + Softplus(1))).Within(1e-13));
        Assert.That(Functions.TryGet("scopedsoftplus", out _), Is.False);
    }

    [Test]
    public void TryGetIsAnnotatedForNullability()
    {
        var method = typeof(Functions).GetMethod(nameof(Functions.TryGet), [typeof(string), typeof(FunctionInfo).MakeByRefType()])!;
        var output = method.GetParameters()[1];
        Assert.That(new NullabilityInfoContext().Create(output).WriteState, Is.EqualTo(NullabilityState.Nullable), "out FunctionInfo? function");
        Assert.That(output.GetCustomAttribute<NotNullWhenAttribute>()?.ReturnValue, Is.True);
        Assert.That(Functions.TryGet(null, out var none), Is.False);
        Assert.That(none, Is.Null);
    }
}

/// <summary>Two fixtures that run in parallel and define <c>scopedsoftplus</c> differently, each in a scope begun in its set-up.</summary>
[Parallelizable(ParallelScope.Self)]
public class ScopedSoftplusTimesTwo
{
    private FunctionScope? _scope;

    [SetUp]
    public void Define()
    {
        _scope = Functions.BeginScope();
        Functions.Define("scopedsoftplus", x => 2 * Math.Log(1 + Math.Exp(x)), "2/(1 + exp(-x))");
    }

    [TearDown]
    public void End() => _scope?.Dispose();

    [Test]
    public void SeesItsOwnDefinition() => ScopedSoftplusCheck.Repeatedly(2);
}

/// <summary>The other definition of <c>scopedsoftplus</c> (see <see cref="ScopedSoftplusTimesTwo"/>).</summary>
[Parallelizable(ParallelScope.Self)]
public class ScopedSoftplusTimesThree
{
    private FunctionScope? _scope;

    [SetUp]
    public void Define()
    {
        _scope = Functions.BeginScope();
        Functions.Define("scopedsoftplus", x => 3 * Math.Log(1 + Math.Exp(x)), "3/(1 + exp(-x))");
    }

    [TearDown]
    public void End() => _scope?.Dispose();

    [Test]
    public void SeesItsOwnDefinition() => ScopedSoftplusCheck.Repeatedly(3);
}

internal static class ScopedSoftplusCheck
{
    public static void Repeatedly(double scale)
    {
        var point = new Dictionary<string, double> { ["x"] = 0.5 };
        for (var k = 0; k < 200; k++)
        {
            var e = Infix.Parse("scopedsoftplus(x) + x");
            Assert.That(e.Evaluate(point), Is.EqualTo((scale * Math.Log(1 + Math.Exp(0.5))) + 0.5).Within(1e-14));
            Assert.That(e.Differentiate("x").Evaluate(point), Is.EqualTo((scale / (1 + Math.Exp(-0.5))) + 1).Within(1e-14));
        }
    }
}
