using System.Numerics;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Reverse;
using NUnit.Framework;

namespace AdVerify.Tests.Scalars;

/// <summary>
/// <c>Dual&lt;float&gt;</c> and <c>Var&lt;float&gt;</c> compute in single precision with the same rule cards as
/// double: every registered function at every sample point gives the double derivative up to float32 rounding.
/// </summary>
public class SinglePrecisionScalarTests
{
    // The sample points rounded to float (so double and float see the same inputs), where the double derivative is finite.
    private static IEnumerable<TestCaseData> Partials() =>
        from t in RegistrySamples.Partials()
        let point = t.Point.Select(v => (double)(float)v).ToArray()
        where point.All(double.IsFinite) && double.IsFinite(Exact(t.F, point, t.Argument).Tangent)
        select new TestCaseData(t.F.Name, point, t.Argument).SetName($"{RegistrySamples.CallText(t.F, point)} by argument {t.Argument}");

    private static Dual<double> Exact(FunctionInfo f, double[] point, int argument) =>
        RegistrySamples.Apply(f, point.Select((v, i) => new Dual<double>(v, i == argument ? 1 : 0)).ToArray());

    [TestCaseSource(nameof(Partials))]
    public void EveryRegisteredFunctionDifferentiatesInFloat(string name, double[] point, int argument)
    {
        var f = Functions.TryGet(name, out var found) ? found! : throw new InvalidOperationException(name);
        var exact = Exact(f, point, argument);

        var forward = RegistrySamples.Apply(f, point.Select((v, i) => new Dual<float>((float)v, i == argument ? 1f : 0f)).ToArray());
        var tape = new Tape<float>();
        using (tape.Activate())
        {
            // An integer order (besselj's n) is a constant, as the engines require.
            var inputs = point.Select((v, i) => f.IntegerArguments.Contains(i) ? (Var<float>)(float)v : tape.Variable((float)v)).ToArray();
            var y = RegistrySamples.Apply(f, inputs);
            tape.Backward(y);
            var reverse = tape.Adjoint(inputs[argument]);

            // Single precision: a few hundred units of 2⁻²³, scaled by the derivative and the value (cancellation in the rule).
            var tolerance = 2e-5 * Math.Max(1, Math.Max(Math.Abs(exact.Tangent), Math.Abs(exact.Value)));
            Assert.That((double)forward.Value, Is.EqualTo(exact.Value).Within(tolerance), "value");
            Assert.That((double)forward.Tangent, Is.EqualTo(exact.Tangent).Within(tolerance), "Dual<float>");
            Assert.That((double)reverse, Is.EqualTo(exact.Tangent).Within(tolerance), "Var<float>");
        }
    }

    [Test]
    public void GenericCodeRunsOnFloatNumbersAndTheirConstantsAreFloats()
    {
        static T F<T>(T x)
            where T : IFloatingPointIeee754<T> => (T.CreateChecked(0.1) * x) + AdMath.Erf(x) + T.Atan2(x, T.One);

        var d = F(new Dual<float>(0.5f, 1f));
        Assert.That(d.Value, Is.EqualTo((0.1f * 0.5f) + (float)MathNet.Numerics.SpecialFunctions.Erf(0.5) + MathF.Atan2(0.5f, 1f)));
        Assert.That((double)d.Tangent, Is.EqualTo(0.1 + (2 / Math.Sqrt(Math.PI) * Math.Exp(-0.25)) + 0.8).Within(1e-6));

        // asin(1)·0 inside a function is a constant, not NaN, in float as in double.
        var flat = new Dual<float>(1f, 0f);
        Assert.That(Dual<float>.Asin(flat).Tangent, Is.EqualTo(0f));
    }
}
