using AdVerify.Expressions;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

/// <summary>Whole-DAG properties are computed once per node and cannot be changed by a caller.</summary>
public class ExprTests
{
    [Test]
    public void VariablesAndDagSizeAreCachedOnTheNode()
    {
        var e = Expr.Add(Enumerable.Range(1, 200).Select(k => Expr.Call(Functions.Sin, Expr.Number(k) * Expr.Symbol($"v{k:D3}"))));
        var first = e.Variables;
        Assert.That(e.Variables, Is.SameAs(first), "a second read returns the cached list instead of walking the DAG again");
        Assert.That(first, Has.Count.EqualTo(200));
        Assert.That(first, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(first, Is.Not.InstanceOf<string[]>(), "the cached list is read-only: no caller can reorder it for everyone");
        Assert.That(() => ((IList<string>)first)[0] = "zzz", Throws.TypeOf<NotSupportedException>());

        Assert.That(e.DagSize, Is.EqualTo(Traversal.DagSize(e)));
        Assert.That(e.DagSize, Is.EqualTo(e.DagSize));
        Assert.That(Infix.Parse("x*y + sin(x*y)").Variables, Is.EqualTo(new[] { "x", "y" }));
        Assert.That(Expr.Symbol("q").DagSize, Is.EqualTo(1));
        Assert.That(Expr.Two.Variables, Is.Empty);
    }
}
