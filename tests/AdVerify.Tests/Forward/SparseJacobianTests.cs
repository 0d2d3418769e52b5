using AdVerify.Forward;
using AdVerify.Sparsity;
using AdVerify.Tests.Sparsity;
using NUnit.Framework;

namespace AdVerify.Tests.Forward;

public class SparseJacobianTests
{
    private static void AssertMatchesDense(SparseMatrix sparse, double[,] dense)
    {
        for (var i = 0; i < dense.GetLength(0); i++)
        {
            for (var j = 0; j < dense.GetLength(1); j++)
            {
                Assert.That(sparse[i, j], Is.EqualTo(dense[i, j]).Within(1e-13 * Math.Max(1, Math.Abs(dense[i, j]))), $"J[{i}, {j}]");
            }
        }
    }

    [Test]
    public void TridiagonalJacobianFromThreePasses()
    {
        var x = SparseTestFunctions.Point(200, 7);
        var pattern = SparsityPattern.Jacobian(SparseTestFunctions.TridiagonalMap, x);
        var coloring = Coloring.Columns(pattern);
        Assert.That(coloring.ColorCount, Is.EqualTo(3));
        AssertMatchesDense(ForwardMode.SparseJacobian(SparseTestFunctions.TridiagonalMap, x, pattern, coloring),
            ForwardMode.JacobianByColumns(SparseTestFunctions.TridiagonalMap, x));
        Assert.That(ForwardMode.SparseJacobian(SparseTestFunctions.TridiagonalMap, SparseTestFunctions.TridiagonalMap, x).ToDense(),
            Is.EqualTo(ForwardMode.JacobianByColumns(SparseTestFunctions.TridiagonalMap, x)).Within(1e-13));
    }

    [Test]
    public void RandomPatternsMatchTheDenseJacobian()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var (m, n) = (3 + (seed % 17), 4 + (seed % 23));
            var f = SparseTestFunctions.RandomMap<Dual<double>>(m, n, 3, seed);
            var g = SparseTestFunctions.RandomMap<SparsityTracer>(m, n, 3, seed);
            var x = SparseTestFunctions.Point(n, seed);
            var sparse = ForwardMode.SparseJacobian(f, g, x);
            Assert.That(Coloring.Columns(sparse.Pattern).IsValidColumnColoringOf(sparse.Pattern), Is.True);
            AssertMatchesDense(sparse, ForwardMode.JacobianByColumns(f, x));
        }
    }

    [Test]
    public void AStarColouringOrAWrongPatternIsRefused()
    {
        var x = SparseTestFunctions.Point(4, 1);
        var pattern = SparsityPattern.Jacobian(SparseTestFunctions.TridiagonalMap, x);
        Assert.That(() => ForwardMode.SparseJacobian(SparseTestFunctions.TridiagonalMap, x, pattern, Coloring.Star(pattern)),
            Throws.ArgumentException.With.Message.Contains("column colouring"));
        var wrongRows = SparsityPattern.FromEntries(3, 4, [(0, 0)]);
        Assert.That(() => ForwardMode.SparseJacobian(SparseTestFunctions.TridiagonalMap, x, wrongRows, Coloring.Columns(wrongRows)),
            Throws.ArgumentException.With.Message.Contains("3 rows but the function returned 4 outputs"));
    }
}
