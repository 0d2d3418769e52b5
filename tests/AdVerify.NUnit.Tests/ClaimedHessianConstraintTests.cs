using AdVerify.NUnit;
using AdVerify.Verification;
using NUnit.Framework;
using NUnit.Framework.Constraints;
using NUnit.Framework.Internal;
using Is = AdVerify.NUnit.Syntax.Is;
using static AdVerify.NUnit.Tests.Messages;

namespace AdVerify.NUnit.Tests;

/// <summary><c>.ClaimedHessian(…)</c> on both kinds of subject: the Hessian you wrote is checked entry by entry.</summary>
public class ClaimedHessianConstraintTests
{
    // The logistic loss log(1 + exp(−y(wx + b))): H = σ(z)σ(−z)·y²·[[x², x], [x, 1]] with z = y(wx + b),
    // and σ(z)σ(−z) = 1/((1 + eᶻ)(1 + e⁻ᶻ)) has no cancellation (s(1 − s) would lose every digit where s ≈ 1).
    private static double[,] LogisticHessian(double[] p)
    {
        var z = Functions.Y * ((p[0] * Functions.X) + p[1]);
        var c = Functions.Y * Functions.Y / ((1 + Math.Exp(z)) * (1 + Math.Exp(-z)));
        return new[,] { { c * Functions.X * Functions.X, c * Functions.X }, { c * Functions.X, c } };
    }

    [Test]
    public void ACorrectHessianOfADefinitionPassesAndAWrongEntryIsNamed()
    {
        Assert.That(Gradient.Of(new Functions.LogisticLoss()).ClaimedHessian(LogisticHessian), Is.VerifiedAt(("w", 0.3), ("b", -0.2)));
        Assert.That(Gradient.Of(new Functions.LogisticLoss()).ClaimedHessian(LogisticHessian), Is.VerifiedInDomain(count: 4, seed: 5));

        var wrong = Gradient.Of(new Functions.LogisticLoss()).ClaimedHessian(p =>
        {
            var h = LogisticHessian(p);
            h[0, 1] = h[1, 0] = -h[0, 1];
            return h;
        });
        var result = (GradientConstraintResult)Verifies.At(("w", 0.3), ("b", -0.2)).ApplyTo(wrong);
        Assert.That(result.IsSuccess, Is.False);
        var message = Message(result);
        Assert.That(message, Does.Contain("against the claimed Hessian").Or.Contain("and the claimed Hessian"));
        Assert.That(message, Does.Match(@"w,b\s+\| claimed vs ad\s+\|"));
        Assert.That(result.Result.Results[0].Discrepancies.Select(d => d.Variable), Is.EquivalentTo(new[] { "w,b", "b,w" }));
    }

    [Test]
    public void AnExpressionTakesItsClaimedHessianAsText()
    {
        Assert.That(Gradient.Of("log(x*y) + sin(z)").ClaimedHessian("x,x=-1/x^2; y,y=-1/y^2; z,z=-sin(z); x,y=0"),
            Is.VerifiedAt(("x", 2), ("y", 3), ("z", 1)));

        using (new TestExecutionContext.IsolatedContext())
        {
            var e = Assert.Throws<AssertionException>(() =>
                Assert.That(Gradient.Of("x^3*y").ClaimedHessian("x,x=6*x; x,y=3*x^2"), Verifies.At(("x", 2), ("y", 0.5))));
            Assert.That(e!.Message, Does.Contain("with claimed Hessian x,x=6*x; x,y=3*x^2").And.Contain("x,x").And.Contain("claimed vs ad"));
        }

        Assert.That(() => Gradient.Of("x").ClaimedHessian("x,x 0"), Throws.ArgumentException.With.Message.Contains("row,column=derivative"));
    }
}
