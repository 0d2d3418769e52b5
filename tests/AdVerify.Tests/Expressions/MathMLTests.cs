using System.Xml.Linq;
using AdVerify.Expressions;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

/// <summary>Presentation MathML: well-formed, the expected layout elements, and every registered function.</summary>
public class MathMLTests
{
    private static readonly XNamespace M = "http://www.w3.org/1998/Math/MathML";

    private static XElement Parse(string text) => XElement.Parse(MathML.Format(Infix.Parse(text)));

    [Test]
    public void QuotientsRootsPowersAndCalls()
    {
        var seed = Parse("log(x*y) + sin(z)");
        Assert.That(seed.Name, Is.EqualTo(M + "math"));
        Assert.That(seed.Descendants(M + "mi").Select(e => e.Value), Is.SupersetOf(new[] { "ln", "sin", "x", "y", "z" }));
        Assert.That(Parse("x/(1 + y)").Descendants(M + "mfrac").Count(), Is.EqualTo(1));
        Assert.That(Parse("sqrt(x + 1)").Descendants(M + "msqrt").Count(), Is.EqualTo(1));
        Assert.That(Parse("cbrt(x)").Descendants(M + "mroot").Single().Elements().Last().Value, Is.EqualTo("3"));
        Assert.That(Parse("exp(-x^2)").Descendants(M + "msup").First().Elements().First().Value, Is.EqualTo("e"));
        Assert.That(Parse("abs(x)").Descendants(M + "mo").Count(e => e.Value == "|"), Is.EqualTo(2));
        Assert.That(Parse("(x + 1)*y").Descendants(M + "mo").Count(e => e.Value == "("), Is.EqualTo(1), "a sum inside a product is parenthesized");
        Assert.That(Parse("x - 2*y").Descendants(M + "mo").Any(e => e.Value == "−"), Is.True);
    }

    [Test]
    public void OrdersAndBasesAreSubscripts()
    {
        var bessel = Parse("besselj(2, x)").Descendants(M + "msub").Single();
        Assert.That(bessel.Elements().Select(e => e.Value), Is.EqualTo(new[] { "J", "2" }));
        var log = Parse("log(b, x)").Descendants(M + "msub").Single();
        Assert.That(log.Elements().Select(e => e.Value), Is.EqualTo(new[] { "log", "b" }));
        Assert.That(Parse("log10(x)").Descendants(M + "msub").Single().Value, Is.EqualTo("log10"));
        Assert.That(Parse("polygamma(1, x)").Descendants(M + "msup").Single().Value, Is.EqualTo("ψ(1)"));
        Assert.That(Parse("gamma(x)").Descendants(M + "mi").First().Value, Is.EqualTo("Γ"));
        Assert.That(Parse("x_1 + alpha").Descendants(M + "msub").Single().Value, Is.EqualTo("x1"));
    }

    [Test]
    public void EveryRegisteredFunctionRendersWithItsArguments()
    {
        foreach (var f in Functions.BuiltIn)
        {
            var (call, _) = RegistrySamples.SymbolicCall(f, f.SamplePoints[0]);
            var math = XElement.Parse(MathML.Format(call));
            var identifiers = math.Descendants(M + "mi").Select(e => e.Value).ToList();
            foreach (var v in call.Variables)
            {
                Assert.That(identifiers.Any(i => i == v) || math.Descendants(M + "msub").Any(s => s.Value == v.Replace("_", "")), Is.True, $"{f}: {v}");
            }

            Assert.That(math.ToString(), Does.Not.Contain("\\").And.Not.Contain("#"), $"{f}: no LaTeX left over");
        }
    }
}
