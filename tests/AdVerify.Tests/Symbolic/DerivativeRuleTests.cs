using AdVerify.Expressions;
using AdVerify.Symbolic;
using AdVerify.Forward;
using NUnit.Framework;

namespace AdVerify.Tests.Symbolic;

public class DerivativeRuleTests
{
    /// <summary>Every differentiable argument of every built-in at every sample point.</summary>
    public static IEnumerable<TestCaseData> RegistryPartials() =>
        RegistrySamples.Partials().Select(t => new TestCaseData(t.F, t.Point, t.Argument).SetName($"{RegistrySamples.CallText(t.F, t.Point)} d/da{t.Argument}"));

    [Test]
    public void CardCoversEveryBuiltInFunction() =>
        Assert.That(Functions.BuiltIn.Where(f => !DerivativeRules.Covers(f)).Select(f => f.ToString()), Is.Empty);

    // The symbolic card against finite differences of the registry's value (an oracle with no rules at all).
    [TestCaseSource(nameof(RegistryPartials))]
    public void SymbolicPartialMatchesCentralDifference(FunctionInfo f, double[] sample, int argument)
    {
        var (call, point) = RegistrySamples.SymbolicCall(f, sample);
        var symbolic = call.Differentiate("a" + argument).Evaluate(point);
        var numeric = NumericDerivative.Central(t =>
        {
            var shifted = (double[])sample.Clone();
            shifted[argument] = t;
            return f.Evaluate(shifted);
        }, sample[argument]);

        Assert.That(NumericDerivative.Close(symbolic, numeric, 1e-7), $"symbolic {symbolic:R}, numeric {numeric:R}");
    }

    // The symbolic card against the forward engine's own card (independent rules), to rounding.
    [TestCaseSource(nameof(RegistryPartials))]
    public void CardMatchesTheForwardEngine(FunctionInfo f, double[] sample, int argument)
    {
        var (call, point) = RegistrySamples.SymbolicCall(f, sample);
        var args = sample.Select((v, i) => f.IntegerArguments.Contains(i) ? Expr.Number(v) : Expr.Symbol("a" + i)).ToArray();
        var fromCard = DerivativeRules.Partial(f, args, argument).Evaluate(point);
        var seeded = sample.Select((v, i) => new Dual<double>(v, i == argument ? 1 : 0)).ToArray();
        var forward = RegistrySamples.Apply(f, seeded).Tangent;
        Assert.That(fromCard, Is.EqualTo(forward).Within(1e-12 * Math.Max(1, Math.Abs(forward))));
    }

    // Second derivatives: differentiating the card's partial again (the cards of derivative functions such as
    // airyaiprime, polygamma, sigmoid) against nested forward mode, which uses the forward card twice.
    [TestCaseSource(nameof(RegistryPartials))]
    public void SecondPartialMatchesNestedForwardMode(FunctionInfo f, double[] sample, int argument)
    {
        var (call, point) = RegistrySamples.SymbolicCall(f, sample);
        var symbolic = call.Differentiate("a" + argument).Differentiate("a" + argument).Evaluate(point);
        var seeded = sample.Select((v, i) => i == argument
            ? new Dual<Dual<double>>(new Dual<double>(v, 1), new Dual<double>(1, 0))
            : new Dual<Dual<double>>(new Dual<double>(v, 0), new Dual<double>(0, 0))).ToArray();
        var nested = RegistrySamples.Apply(f, seeded).Tangent.Tangent;
        Assert.That(symbolic, Is.EqualTo(nested).Within(1e-11 * Math.Max(1, Math.Abs(nested))));
    }

    [Test]
    public void ADerivativeByAnIntegerOrderIsRefusedNamingIt()
    {
        var (n, x) = (Expr.Symbol("n"), Expr.Symbol("x"));
        foreach (var f in Functions.BuiltIn.Where(f => f.IntegerArguments.Count > 0))
        {
            var call = Expr.Call(f, n, x);
            var ex = Assert.Throws<NotSupportedException>(() => call.Differentiate("n"));
            Assert.That(ex!.Message, Does.Contain($"{f.Name}(n, x)").And.Contain("integer order n"));
            Assert.That(call.Differentiate("x"), Is.Not.SameAs(Expr.Zero), "the derivative in x needs no partial in n");
        }
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
