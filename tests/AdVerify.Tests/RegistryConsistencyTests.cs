using System.Reflection;
using System.Text.RegularExpressions;
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
/// registered function. Each test walks the registry and calls the consumer on the function
/// itself (matched by reference, so <c>log(b, x)</c> is not mistaken for <c>log(x)</c> nor
/// <c>sin</c> for <c>asin</c>): adding a function without teaching an engine, the parser, a
/// printer, the compiler, complex step, AdMath or the default catalogue fails here.
/// </summary>
public class RegistryConsistencyTests
{
    private static IEnumerable<TestCaseData> BuiltIns() => Functions.BuiltIn.Select(f => new TestCaseData(f).SetName(f.ToString()));

    [TestCaseSource(nameof(BuiltIns))]
    public void ParserAndPrintersKnowIt(FunctionInfo f)
    {
        var (call, _) = RegistrySamples.SymbolicCall(f, f.SamplePoints[0]);
        var args = f.SamplePoints[0].Select((v, i) => f.IntegerArguments.Contains(i) ? Expr.Number(v) : Expr.Symbol("a" + i)).ToArray();
        var text = f.Name + "(" + string.Join(", ", args.Select(Infix.Format)) + ")";
        Assert.That(Infix.Parse(text), Is.SameAs(call), "parser");
        if (call is CallExpr) // sqrt and pow are stored as powers
        {
            Assert.That(((CallExpr)Infix.Parse(text)).Function, Is.SameAs(f), "the parser picks this function by name and argument count");
        }

        Assert.That(Infix.Parse(Infix.Format(call)), Is.SameAs(call), "infix printer round trip");
        var mathml = System.Xml.Linq.XElement.Parse(MathML.Format(call)).ToString();
        Assert.That(mathml, Does.Not.Contain("#").And.Not.Contain("\\"), "MathML printer leaves no LaTeX behind");
        var latex = LaTeX.Format(call);
        Assert.That(latex, Does.Not.Contain("#"), "LaTeX printer fills every hole");
        foreach (var a in args)
        {
            Assert.That(latex, Does.Contain(LaTeX.Format(a)), "LaTeX printer shows every argument");
        }
    }

    [TestCaseSource(nameof(BuiltIns))]
    public void EveryEngineHasARule(FunctionInfo f)
    {
        Assert.That(DerivativeRules.Covers(f), Is.True, "symbolic");
        Assert.That(ForwardRules.Supports(f), Is.True, "forward");
        Assert.That(ReverseRules.Supports(f), Is.True, "reverse");
        Assert.That(Compiler.HasDirectMapping(f), Is.True, "compiler");
        // Complex step for every analytic function except those whose complex form is still missing (see ComplexSpecial).
        var missing = new[] { Functions.BesselY, Functions.AiryAi, Functions.AiryBi, Functions.AiryAiPrime, Functions.AiryBiPrime };
        Assert.That(f.SupportsComplexStep, Is.EqualTo(f.IsAnalytic && !missing.Contains(f)), "complex step");
    }

    [TestCaseSource(nameof(BuiltIns))]
    public void EveryEngineDifferentiatesItAtItsSamples(FunctionInfo f)
    {
        foreach (var sample in f.SamplePoints)
        {
            var (call, point) = RegistrySamples.SymbolicCall(f, sample);
            var wrt = point.Keys.Order(StringComparer.Ordinal).ToArray();
            var forward = ExprForward.Gradient(call, point, wrt).Gradient;
            var reverse = ExprReverse.Gradient(call, point, wrt).Gradient;
            var fd = FiniteDifference.Gradient(a => f.Evaluate(Place(sample, wrt, a)), wrt.Select(w => point[w]).ToArray());
            var complex = ComplexStep.Gradient(call, point, wrt);
            Assert.That(complex.IsApplicable, Is.EqualTo(f.SupportsComplexStep), $"complex step at {RegistrySamples.CallText(f, sample)}: {complex.Reason}");
            for (var i = 0; i < wrt.Length; i++)
            {
                var symbolic = call.Differentiate(wrt[i]).Evaluate(point);
                var scale = Math.Max(1, Math.Abs(symbolic));
                var where = $"{RegistrySamples.CallText(f, sample)} d/d{wrt[i]}";
                Assert.That(forward[i], Is.EqualTo(symbolic).Within(1e-12 * scale), "forward " + where);
                Assert.That(reverse[i], Is.EqualTo(symbolic).Within(1e-12 * scale), "reverse " + where);
                Assert.That(fd[i].Value, Is.EqualTo(symbolic).Within(1e-7 * scale), "finite differences " + where);
                if (complex.IsApplicable)
                {
                    Assert.That(complex.Gradient[wrt[i]], Is.EqualTo(symbolic).Within(1e-12 * scale), "complex step " + where);
                }
            }
        }
    }

    [TestCaseSource(nameof(BuiltIns))]
    public void EveryConsumerAgreesOnTheValue(FunctionInfo f)
    {
        foreach (var sample in f.SamplePoints)
        {
            var expr = Infix.Parse(RegistrySamples.CallText(f, sample));
            var expected = f.Evaluate(sample);
            var none = new Dictionary<string, double>();
            var tolerance = 1e-14 * Math.Max(1, Math.Abs(expected));
            Assert.That(Evaluation.Evaluate(expr, none), Is.EqualTo(expected).Within(tolerance), "evaluation");
            Assert.That(Compiler.Compile(expr)([]), Is.EqualTo(expected).Within(tolerance), "compiled");
            Assert.That(ExprForward.Evaluate(expr, none), Is.EqualTo(expected).Within(tolerance), "forward");
            Assert.That(ExprReverse.Gradient(expr, none, []).Value, Is.EqualTo(expected).Within(tolerance), "reverse");
            Assert.That(ComplexEvaluator.Evaluate(expr, new Dictionary<string, System.Numerics.Complex>()).Real, Is.EqualTo(expected).Within(tolerance), "complex evaluator");
        }
    }

    [TestCaseSource(nameof(BuiltIns))]
    public void AdMathHasAWrapperForIt(FunctionInfo f)
    {
        // AdMath.X for function x (its name in lower case), taking the function's arguments (an array when variadic).
        var sample = f.SamplePoints[0];
        var method = typeof(AdMath).GetMethods(BindingFlags.Public | BindingFlags.Static).SingleOrDefault(m =>
            m.Name.ToLowerInvariant() == f.Name && m.IsGenericMethodDefinition
            && (f.IsVariadic ? m.GetParameters() is [{ ParameterType.IsArray: true }]
                : m.GetParameters().Length == f.Arity && m.GetParameters().All(p => p.ParameterType.IsGenericParameter)));
        Assert.That(method, Is.Not.Null, $"AdMath has no wrapper for {f}");
        object[] Args<T>(Func<double, T> lift) => f.IsVariadic ? [sample.Select(lift).ToArray()] : sample.Select(v => (object)lift(v)!).ToArray();
        var onDouble = (double)method!.MakeGenericMethod(typeof(double)).Invoke(null, Args(v => v))!;
        Assert.That(onDouble, Is.EqualTo(f.Evaluate(sample)), "AdMath on double");
        var onDual = (Dual<double>)method.MakeGenericMethod(typeof(Dual<double>)).Invoke(null, Args(v => new Dual<double>(v, 0)))!;
        Assert.That(onDual.Value, Is.EqualTo(f.Evaluate(sample)).Within(1e-14 * Math.Max(1, Math.Abs(onDual.Value))), "AdMath on Dual<double>");
        var onFloat = (float)method.MakeGenericMethod(typeof(float)).Invoke(null, Args(v => (float)v))!;
        Assert.That(onFloat, Is.EqualTo((float)f.Evaluate(sample.Select(v => (double)(float)v).ToArray())).Within(1e-6 * Math.Max(1, Math.Abs(onFloat))), "AdMath on float");
    }

    [TestCaseSource(nameof(BuiltIns))]
    public void TheDefaultCatalogueCoversIt(FunctionInfo f)
    {
        var used = Catalogue.Default.Cases
            .SelectMany(c => Traversal.PostOrder(Infix.Parse(c.Expression)))
            .OfType<CallExpr>().Select(c => c.Function)
            .ToHashSet();

        // sqrt and pow are stored as powers: their cases are found by the name as a whole word before '('.
        var rewritten = f == Functions.Sqrt || f == Functions.Pow;
        var byName = new Regex(@"(?<![\p{L}\p{Nd}_])" + Regex.Escape(f.Name) + @"\s*\(");
        var covered = used.Contains(f) || (rewritten && Catalogue.Default.Cases.Any(c => byName.IsMatch(c.Expression)));
        Assert.That(covered, Is.True, $"no case of the default catalogue uses {f}");
    }

    private static double[] Place(double[] sample, string[] wrt, double[] values)
    {
        var full = (double[])sample.Clone();
        for (var i = 0; i < wrt.Length; i++)
        {
            full[int.Parse(wrt[i][1..], System.Globalization.CultureInfo.InvariantCulture)] = values[i];
        }

        return full;
    }
}
