using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Numeric;
using AdVerify.Reverse;
using AdVerify.Symbolic;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests;

/// <summary>
/// The one registry of functions is the source of truth: every consumer must know every
/// registered function. Each test walks the registry, so adding a function without teaching
/// an engine, the parser, the printers, the compiler or the default catalogue fails here.
/// </summary>
public class RegistryConsistencyTests
{
    private static IEnumerable<FunctionInfo> BuiltIns() => Functions.BuiltIn;

    private static string CallText(FunctionInfo f) =>
        f.Name + "(" + string.Join(", ", f.SamplePoints[0].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + ")";

    [TestCaseSource(nameof(BuiltIns))]
    public void ParserAndPrintersKnowIt(FunctionInfo f)
    {
        var args = Enumerable.Range(0, f.Arity).Select(i => Expr.Symbol("a" + i)).ToArray();
        var call = Expr.Call(f, args);
        var text = f.Name + "(" + string.Join(", ", args.Select(a => a.ToString())) + ")";
        Assert.That(Infix.Parse(text), Is.SameAs(call), "parser");
        Assert.That(Infix.Parse(Infix.Format(call)), Is.SameAs(call), "infix printer round trip");
        Assert.That(LaTeX.Format(call), Is.Not.Empty, "LaTeX printer");
    }

    [TestCaseSource(nameof(BuiltIns))]
    public void EveryEngineHasARule(FunctionInfo f)
    {
        Assert.That(DerivativeRules.Covers(f), Is.True, "symbolic");
        Assert.That(ForwardRules.Supports(f), Is.True, "forward");
        Assert.That(ReverseRules.Supports(f), Is.True, "reverse");
        Assert.That(Compiler.HasDirectMapping(f), Is.True, "compiler");
        if (f.IsAnalytic)
        {
            Assert.That(ComplexEvaluator.HasComplexForm(f), Is.True, "complex step");
        }
    }

    [TestCaseSource(nameof(BuiltIns))]
    public void EveryConsumerAgreesOnTheValue(FunctionInfo f)
    {
        var expr = Infix.Parse(CallText(f));
        var expected = f.Evaluate(f.SamplePoints[0]);
        var none = new Dictionary<string, double>();
        Assert.That(Evaluation.Evaluate(expr, none), Is.EqualTo(expected).Within(1e-15 * Math.Max(1, Math.Abs(expected))), "evaluation");
        Assert.That(Compiler.Compile(expr)([]), Is.EqualTo(expected).Within(1e-15 * Math.Max(1, Math.Abs(expected))), "compiled");
        Assert.That(ExprForward.Evaluate(expr, none), Is.EqualTo(expected).Within(1e-14 * Math.Max(1, Math.Abs(expected))), "forward");
    }

    [TestCaseSource(nameof(BuiltIns))]
    public void TheDefaultCatalogueCoversIt(FunctionInfo f)
    {
        var used = Catalogue.Default.Cases
            .SelectMany(c => Traversal.PostOrder(Infix.Parse(c.Expression)))
            .OfType<CallExpr>().Select(c => c.Function)
            .ToHashSet();

        // sqrt and pow are stored as powers; their cases are found by the text.
        var covered = used.Contains(f) || Catalogue.Default.Cases.Any(c => c.Expression.Contains(f.Name + "(", StringComparison.Ordinal));
        Assert.That(covered, Is.True, $"no case of the default catalogue uses {f.Name}");
    }
}
