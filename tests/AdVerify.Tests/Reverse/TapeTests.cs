using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Tests.Forward;
using AdVerify.Tests.Scalars;
using NUnit.Framework;

namespace AdVerify.Tests.Reverse;

public class TapeTests
{
    [Test]
    public void RosenbrockWritesOneNodeWithThreeEdgesPerTerm()
    {
        const int n = 1000;
        var x = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var tape = new Tape<double>();
        using (tape.Activate())
        {
            var inputs = x.Select(tape.Variable).ToArray();
            var y = UserFunctions.Rosenbrock(inputs);
            // n inputs, then one node per term: sum + 100·(x₂ − x₁²)² + (1 − x₁)² has three terms (the sum, x₁, x₂).
            Assert.That(tape.Count, Is.LessThanOrEqualTo(1 + n + (n - 1)));
            Assert.That(tape.EdgeCount, Is.LessThanOrEqualTo(3 * (n - 1)));
            tape.Backward(y);
            var gradient = inputs.Select(tape.Adjoint).ToArray();
            Assert.That(gradient, Is.EqualTo(RosenbrockClosedForm.Gradient(x)).Within(1e-10));
        }
    }

    [Test]
    public void ChainsOfUnaryOperationsAndConstantsWriteNothing()
    {
        var tape = new Tape<double>();
        using (tape.Activate())
        {
            var x = tape.Variable(0.3);
            var before = tape.Count;
            var y = (3 * Var<double>.Exp(Var<double>.Sin(x * x) + 1) / 2) - x;
            Assert.That(tape.Count, Is.EqualTo(before), "every result depends on x alone");
            tape.Backward(y);
            var expected = (3 * Math.Exp(Math.Sin(0.09) + 1) * Math.Cos(0.09) * 0.6 / 2) - 1;
            Assert.That(tape.Adjoint(x), Is.EqualTo(expected).Within(1e-14));
        }
    }

    [Test]
    public void FoldedIntermediatesHaveNoAdjointUnlessRecorded()
    {
        var tape = new Tape<double>();
        using (tape.Activate())
        {
            var x = tape.Variable(2.0);
            var y = tape.Variable(5.0);
            var u = x * y;                   // folded: d(u) = y·dx + x·dy
            var recorded = tape.Record(u);   // now a node of its own
            var z = (recorded * recorded) + x;
            tape.Backward(z);
            Assert.That(() => tape.Adjoint(u), Throws.InvalidOperationException.With.Message.Contains("Tape.Record"));
            Assert.That(tape.Adjoint(recorded), Is.EqualTo(2 * 10.0));
            Assert.That(tape.Adjoint(x), Is.EqualTo((2 * 10.0 * 5) + 1));
            Assert.That(tape.Adjoint(y), Is.EqualTo(2 * 10.0 * 2));
            Assert.That(tape.Adjoint(Var<double>.Lift(3)), Is.Zero);
        }
    }

    [Test]
    public void NumbersFromAnotherTapeOrAResetTapeAreRefused()
    {
        var first = new Tape<double>();
        Var<double> stale;
        using (first.Activate())
        {
            var a = first.Variable(1);
            var b = first.Variable(2);
            stale = first.Record((a * b) + (a * a * b) + b.Value);
        }

        var second = new Tape<double>();
        using (second.Activate())
        {
            second.Variable(1);
            Assert.That(() => second.Backward(stale), Throws.InvalidOperationException.With.Message.Contains("not recorded on this tape"));
        }
    }

    [Test]
    public void ForwardOverReverseKeepsItsDualCoefficients()
    {
        // The coefficients of Var<Dual<double>> carry tangents too: the Hessian of x²y³ at (1.5, −0.5).
        Func<Var<Dual<double>>[], Var<Dual<double>>> f = v => v[0] * v[0] * v[1] * v[1] * v[1];
        var h = ReverseMode.Hessian(f, [1.5, -0.5]);
        Assert.That(h[0, 0], Is.EqualTo(2 * -0.125).Within(1e-14));
        Assert.That(h[0, 1], Is.EqualTo(2 * 1.5 * 3 * 0.25).Within(1e-14));
        Assert.That(h[1, 1], Is.EqualTo(2.25 * 6 * -0.5).Within(1e-14));
        var nested = ForwardMode.Hessian(v => v[0] * v[0] * v[1] * v[1] * v[1], [1.5, -0.5]);
        Assert.That(h, Is.EqualTo(nested).Within(1e-14));
    }
}
