using AdVerify.Sparsity;
using AdVerify.Tests.Scalars;
using NUnit.Framework;

namespace AdVerify.Tests.Sparsity;

public class SparsityPatternTests
{
    [Test]
    public void RosenbrockHessianIsTridiagonal()
    {
        var pattern = SparsityPattern.Hessian(UserFunctions.Rosenbrock, SparseTestFunctions.Point(12, 1));
        var expected = Enumerable.Range(0, 12).SelectMany(i => new[] { i - 1, i, i + 1 }.Where(j => j >= 0 && j < 12).Select(j => (i, j)));
        Assert.That(pattern.Entries(), Is.EquivalentTo(expected));
        Assert.That(pattern.IsSymmetric, Is.True);
    }

    [Test]
    public void ArrowAndBandedPatterns()
    {
        var arrow = SparsityPattern.Hessian(SparseTestFunctions.Arrow, SparseTestFunctions.Point(6, 2));
        Assert.That(arrow.ColumnsOf(0).ToArray(), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
        Assert.That(arrow.ColumnsOf(3).ToArray(), Is.EqualTo(new[] { 0, 3 }));
        var banded = SparsityPattern.Hessian(SparseTestFunctions.Banded, SparseTestFunctions.Point(8, 3));
        Assert.That(banded.ColumnsOf(4).ToArray(), Is.EqualTo(new[] { 2, 3, 4, 5, 6 }), "x₄ meets its two neighbours each side; exp(x₄/4) gives the diagonal");
        Assert.That(banded.ColumnsOf(7).ToArray(), Is.EqualTo(new[] { 5, 6 }), "no exp(x₇/4) term: x₇ only multiplies its neighbours");
        Assert.That(banded.ColumnsOf(0).ToArray(), Is.EqualTo(new[] { 0, 1, 2 }), "exp(x₀/4) gives the diagonal entry");
    }

    [Test]
    public void LinearAndPiecewiseLinearOperationsAddNoHessianEntries()
    {
        var pattern = SparsityPattern.Hessian(
            v => (3 * v[0]) + SparsityTracer.Abs(v[1] - v[2]) + SparsityTracer.Max(v[0], v[3]) + (v[0] * v[1]) + SparsityTracer.Sign(v[2] * v[3]), [1.0, 2, 3, 4]);
        Assert.That(pattern.Entries(), Is.EquivalentTo(new[] { (0, 1), (1, 0), (2, 3), (3, 2) }));
    }

    [Test]
    public void BranchesFollowTheValuesAtThePoint()
    {
        static SparsityTracer[] F(SparsityTracer[] v) => [v[0] > v[1] ? v[0] * v[2] : v[1]];
        Assert.That(SparsityPattern.Jacobian(F, [2.0, 1, 5]).ColumnsOf(0).ToArray(), Is.EqualTo(new[] { 0, 2 }));
        Assert.That(SparsityPattern.Jacobian(F, [1.0, 2, 5]).ColumnsOf(0).ToArray(), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void JacobianPatternOfATridiagonalMap()
    {
        var pattern = SparsityPattern.Jacobian(SparseTestFunctions.TridiagonalMap, SparseTestFunctions.Point(7, 4));
        Assert.That(pattern.Rows, Is.EqualTo(7));
        Assert.That(pattern.ColumnsOf(0).ToArray(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(pattern.ColumnsOf(3).ToArray(), Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(pattern.NonZeroCount, Is.EqualTo((3 * 7) - 2));
    }

    [Test]
    public void FromEntriesMergesDuplicatesAndRefusesEntriesOutside()
    {
        var pattern = SparsityPattern.FromEntries(2, 3, [(1, 2), (0, 1), (1, 2), (1, 0)]);
        Assert.That(pattern.Entries(), Is.EqualTo(new[] { (0, 1), (1, 0), (1, 2) }));
        Assert.That(pattern.IndexOf(1, 2), Is.EqualTo(2));
        Assert.That(pattern.IndexOf(0, 0), Is.EqualTo(-1));
        Assert.That(pattern.ToString(), Does.StartWith("2×3, 3 nonzeros"));
        Assert.That(() => SparsityPattern.FromEntries(2, 2, [(2, 0)]), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("(2, 0)"));
    }
}
