using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>Taylor mode is a source of second derivatives in the verifier, next to AD, symbolic and finite differences.</summary>
public class TaylorHessianSourceTests
{
    [TestCase("log(x*y) + sin(z)", new[] { "x", "y", "z" }, new[] { 2.0, 3, 1 })]
    [TestCase("besselj(2, x)*y + gamma(x*y) + logsumexp(x, y, x*y)", new[] { "x", "y" }, new[] { 1.3, 0.7 })]
    [TestCase("atan2(y, x) * hypot(x, y) + sigmoid(x - y)", new[] { "x", "y" }, new[] { 0.4, -1.1 })]
    public void AgreesWithForwardOverReverseEntryByEntry(string text, string[] names, double[] at)
    {
        var point = names.Select((n, i) => (n, at[i])).ToDictionary(t => t.n, t => t.Item2);
        var r = Verifier.Check(text, point, hessian: true);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        var taylor = r.Hessian![Sources.Taylor];
        var ad = r.Hessian[Sources.Ad];
        Assert.That(taylor.Keys, Is.EquivalentTo(ad.Keys));
        foreach (var (key, value) in ad)
        {
            Assert.That(taylor[key], Is.EqualTo(value).Within(1e-12 * Math.Max(1, Math.Abs(value))), key);
        }
    }
}
