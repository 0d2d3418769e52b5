using AdVerify.Expressions;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

/// <summary>The striped hash-consing table: equal nodes built at the same moment on different threads are one object; dead nodes are swept.</summary>
public class InternTableTests
{
    private static Expr[] Build(int seed)
    {
        // Fresh structure (the seed keeps it apart from other tests' nodes), identical in every thread.
        var x = Expr.Symbol($"intern{seed}");
        return Enumerable.Range(1, 2_000).Select(k => Expr.Call(Functions.Sin, (Expr.Number(k) * x) + Expr.Number(seed))).ToArray();
    }

    [Test]
    public void ThreadsBuildingTheSameNodesAtOnceGetTheSameObjects()
    {
        var seed = Environment.TickCount;
        using var start = new Barrier(4);
        var built = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return Build(seed);
        })).ToArray();
        var results = Task.WhenAll(built).GetAwaiter().GetResult();
        for (var t = 1; t < results.Length; t++)
        {
            for (var k = 0; k < results[0].Length; k++)
            {
                Assert.That(results[t][k], Is.SameAs(results[0][k]));
            }
        }
    }

    [Test]
    public void NodesNobodyHoldsAreSwept()
    {
        static int BuildAndDrop(int seed) => Build(seed).Length;

        var before = InternTable.Count;
        for (var round = 0; round < 20; round++)
        {
            BuildAndDrop(1_000_000 + round);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        for (var round = 0; round < 20; round++)
        {
            BuildAndDrop(2_000_000 + round); // new inserts trigger the stripes' sweeps
        }

        Assert.That(InternTable.Count, Is.LessThan(before + (20 * 4 * 2_000)), "far fewer than the 160,000+ nodes built stay in the table");
    }
}
