using AdVerify.Compilation;
using AdVerify.Definitions;
using NUnit.Framework;
using static AdVerify.Tests.Compilation.TestFunctions;

namespace AdVerify.Tests.Compilation;

/// <summary>The shape of the generated programs: what is stored, recomputed, combined and folded.</summary>
public class ProgramTests
{
    private static Plan PlanOf(IScalarFunction f, int n)
    {
        var c = Trace.Symbolic(f, Enumerable.Range(0, n).Select(i => $"x{i}").ToArray());
        return new Plan(c, [c.Output]);
    }

    private static int Count(string listing, string text) => listing.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    [Test]
    public void RosenbrocksGradientRecomputesInsteadOfStoringAndUpdatesEachGradientElementOnce()
    {
        var program = Programs.Gradient(PlanOf(new Rosenbrock(), 100));
        var listing = IrText.Write(program);
        Assert.That(program.Workspace, Is.Zero, listing);
        Assert.That(program.Blocks.Count(b => b.IsLoop), Is.EqualTo(2), listing);
        var reverse = program.Blocks.Last(b => b.IsLoop);
        Assert.That(reverse.Code.Count(i => i.Op == Op.Accumulate && i.Array == Arr.G), Is.EqualTo(1), "xₖ and xₖ₊₁ combined through a loop variable");
        Assert.That(Count(listing, "W["), Is.Zero);
    }

    [Test]
    public void TheTanhNetworkStoresOnlyItsTanhValues()
    {
        var program = Programs.Gradient(PlanOf(new TanhNetwork(), 10 * 20));
        var forward = program.Blocks.First(b => b.IsLoop);
        Assert.That(forward.Code.Count(i => i.Op == Op.Write && i.Array == Arr.W), Is.EqualTo(1), IrText.Write(program));
        Assert.That(forward.Code.Count(i => i.Op == Op.Call), Is.EqualTo(1));
        var reverse = program.Blocks.Last(b => b.IsLoop);
        Assert.That(reverse.Code.Count(i => i.Op == Op.Call), Is.Zero, "tanh′ = 1 − tanh² reuses the stored value");
    }

    [Test]
    public void TheHessianVectorProgramWritesHInsteadOfG()
    {
        var program = Programs.HessianVectorProduct(PlanOf(new Logistic(30), 2));
        var code = program.Blocks.SelectMany(b => b.Code).ToList();
        Assert.That(code.Any(i => i.Array == Arr.H && i.Op == Op.Accumulate), Is.True);
        Assert.That(code.Any(i => i.Array == Arr.G), Is.False);
        Assert.That(code.Any(i => i.Array == Arr.V && i.Op == Op.Read), Is.True);
    }

    [Test]
    public void ValueCodeFoldsOnlyWhatKeepsEveryBit()
    {
        // x·1 is x for every x; x + 0 is not (−0 + 0 = +0), so it stays.
        var c = Computation.Parse("x*1 + 0");
        var program = Programs.Value(new Plan(c, [c.Output]), 1);
        var code = program.Blocks.SelectMany(b => b.Code).ToList();
        Assert.That(code.Count(i => i.Op == Op.Mul), Is.Zero, IrText.Write(program));
        Assert.That(code.Count(i => i.Op == Op.Add), Is.EqualTo(1));
        Assert.That(double.IsNegative(AdVerify.Symbolic.Compiler.Compile(c).Value([-0.0])), Is.False);
    }

    private readonly struct WithUnusedWork : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : System.Numerics.IFloatingPointIeee754<T>
        {
            var unused = T.Exp(x[1]) * T.Sin(x[2]);
            _ = unused;
            return x[0] * x[0];
        }
    }

    [Test]
    public void StepsNoOutputDependsOnGetNoCode()
    {
        var plan = PlanOf(new WithUnusedWork(), 3);
        foreach (var program in new[] { Programs.Value(plan, 1), Programs.Gradient(plan), Programs.HessianVectorProduct(plan) })
        {
            var code = program.Blocks.SelectMany(b => b.Code).ToList();
            Assert.That(code.Any(i => i.Op == Op.Call || (i.Op == Op.Read && i.Index.Base > 0)), Is.False, IrText.Write(program));
        }
    }
}
