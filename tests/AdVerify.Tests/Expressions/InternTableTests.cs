using System.Runtime.CompilerServices;
using AdVerify.Expressions;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

/// <summary>The striped hash-consing table: equal nodes built at the same moment on different threads are one object; dead nodes are swept.</summary>
[NonParallelizable] // the sweep count assumes no other test interns meanwhile
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
    public void NodesNobodyHoldsAreCollectedAndSwept()
    {
        var seed = Environment.TickCount ^ 0x5A5A5A;
        var weak = BuildAndForget(seed);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(weak.Count(w => w.TryGetTarget(out _)), Is.Zero, "the table holds its nodes weakly");

        // Each of the 2,000 forgotten terms left at least its sin call, sum and product behind: 6,000 dead entries.
        Assert.That(InternTable.SweepAll(), Is.GreaterThanOrEqualTo(6_000));
        Assert.That(Build(seed)[7], Is.SameAs(Build(seed)[7]), "interning still works after the sweep");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference<Expr>> BuildAndForget(int seed) => Build(seed).Select(e => new WeakReference<Expr>(e)).ToList();
}
