using AdVerify.Expressions;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Symbolic;

public class DerivativeRuleTests
{
    private static readonly string[] ArgNames = ["a", "b"];

    public static IEnumerable<TestCaseData> RegistryPartials() =>
        from f in Functions.BuiltIn
        from sample in f.SamplePoints
        from i in Enumerable.Range(0, f.Arity)
        select new TestCaseData(f, sample, i).SetName($"{f.Name}({string.Join(", ", sample)}) d/d{ArgNames[i]}");

    [Test]
    public void CardCoversEveryBuiltInFunction() =>
        Assert.That(Functions.BuiltIn.Where(f => !DerivativeRules.Covers(f)).Select(f => f.Name), Is.Empty);

    [TestCaseSource(nameof(RegistryPartials))]
    public void SymbolicPartialMatchesCentralDifference(FunctionInfo f, double[] sample, int argument)
    {
        var args = ArgNames.Take(f.Arity).Select(Expr.Symbol).ToArray();
        var call = Expr.Call(f, args);
        var derivative = call.Differentiate(ArgNames[argument]);
        var point = Enumerable.Range(0, f.Arity).ToDictionary(k => ArgNames[k], k => sample[k]);

        var symbolic = derivative.Evaluate(point);
        var numeric = NumericDerivative.Central(t =>
        {
            var shifted = (double[])sample.Clone();
            shifted[argument] = t;
            return f.Evaluate(shifted);
        }, sample[argument]);

        Assert.That(NumericDerivative.Close(symbolic, numeric, 1e-7), $"symbolic {symbolic:R}, numeric {numeric:R}");
    }

    [TestCaseSource(nameof(RegistryPartials))]
    public void PartialsFromTheCardMatchDifferentiation(FunctionInfo f, double[] sample, int argument)
    {
        // Asking the card directly agrees with differentiating the call (sqrt and pow are stored as powers).
        var args = ArgNames.Take(f.Arity).Select(Expr.Symbol).ToArray();
        var point = Enumerable.Range(0, f.Arity).ToDictionary(k => ArgNames[k], k => sample[k]);
        var fromCard = DerivativeRules.Partials(f, args)[argument].Evaluate(point);
        var fromCall = Expr.Call(f, args).Differentiate(ArgNames[argument]).Evaluate(point);
        Assert.That(fromCard, Is.EqualTo(fromCall).Within(1e-12).Percent);
    }

    [Test]
    public void KinksGetTheDocumentedValues()
    {
        var x = Expr.Symbol("x");
        var y = Expr.Symbol("y");
        var atZero = new Dictionary<string, double> { ["x"] = 0 };
        var tie = new Dictionary<string, double> { ["x"] = 1.5, ["y"] = 1.5 };
        var apart = new Dictionary<string, double> { ["x"] = 2, ["y"] = 1 };
        var max = Expr.Call(Functions.Max, x, y);
        var min = Expr.Call(Functions.Min, x, y);
        Assert.Multiple(() =>
        {
            Assert.That(Expr.Call(Functions.Abs, x).Differentiate("x"), Is.SameAs(Expr.Call(Functions.Sign, x)));
            Assert.That(Expr.Call(Functions.Abs, x).Differentiate("x").Evaluate(atZero), Is.EqualTo(0));
            Assert.That(Expr.Call(Functions.Sign, x).Differentiate("x"), Is.SameAs(Expr.Zero));
            Assert.That(max.Differentiate("x").Evaluate(tie), Is.EqualTo(0.5));
            Assert.That(max.Differentiate("y").Evaluate(tie), Is.EqualTo(0.5));
            Assert.That(min.Differentiate("x").Evaluate(tie), Is.EqualTo(0.5));
            Assert.That(min.Differentiate("y").Evaluate(tie), Is.EqualTo(0.5));
            Assert.That(max.Differentiate("x").Evaluate(apart), Is.EqualTo(1));
            Assert.That(max.Differentiate("y").Evaluate(apart), Is.EqualTo(0));
            Assert.That(min.Differentiate("x").Evaluate(apart), Is.EqualTo(0));
            Assert.That(min.Differentiate("y").Evaluate(apart), Is.EqualTo(1));
        });
    }

    [Test]
    public void Atan2PartialsFollowTheConvention()
    {
        var (y, x) = (Expr.Symbol("y"), Expr.Symbol("x"));
        var atan2 = Expr.Call(Functions.Atan2, y, x);
        var r2 = Expr.Pow(x, 2) + Expr.Pow(y, 2);
        Assert.That(atan2.Differentiate("y"), Is.SameAs(x / r2));
        Assert.That(atan2.Differentiate("x"), Is.SameAs(-y / r2));
    }

    [Test]
    public void CustomPrimitiveWithoutRuleIsNotSupported()
    {
        var custom = new FunctionInfo("softplus_sym_test", 1, @"\operatorname{softplus}", "all real x", _ => true, [[0.5]],
            t => Math.Log(1 + Math.Exp(t)), null, true, true, null, isBuiltIn: false);
        var x = Expr.Symbol("x");
        var call = Expr.Call(custom, x);
        var ex = Assert.Throws<NotSupportedException>(() => call.Differentiate("x"));
        Assert.That(ex!.Message, Does.Contain("softplus_sym_test"));
        Assert.That(call.Differentiate("y"), Is.SameAs(Expr.Zero), "a call free of the variable needs no rule");
    }
}
