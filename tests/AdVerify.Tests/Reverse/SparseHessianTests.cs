using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Sparsity;
using AdVerify.Tests.Forward;
using AdVerify.Tests.Scalars;
using AdVerify.Tests.Sparsity;
using NUnit.Framework;

namespace AdVerify.Tests.Reverse;

public class SparseHessianTests
{
    private static void AssertMatchesDense(SparseMatrix sparse, double[,] dense, double tolerance)
    {
        var n = dense.GetLength(0);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Assert.That(sparse[i, j], Is.EqualTo(dense[i, j]).Within(tolerance * Math.Max(1, Math.Abs(dense[i, j]))), $"H[{i}, {j}]");
            }
        }
    }

    [Test]
    public void RosenbrockHessianFromThreeProducts()
    {
        var x = SparseTestFunctions.Point(100, 5);
        var sparse = ReverseMode.SparseHessian(UserFunctions.Rosenbrock, UserFunctions.Rosenbrock, x);
        AssertMatchesDense(sparse, RosenbrockClosedForm.Hessian(x), 1e-12);
        Assert.That(Coloring.Star(sparse.Pattern).ColorCount, Is.EqualTo(3));
        Assert.That(sparse.Pattern.NonZeroCount, Is.EqualTo((3 * 100) - 2));
    }

    [Test]
    public void ArrowAndBandedHessiansMatchTheDenseOnes()
    {
        foreach (var (name, f, g) in new (string, Func<Var<Dual<double>>[], Var<Dual<double>>>, Func<SparsityTracer[], SparsityTracer>)[]
        {
            ("arrow", SparseTestFunctions.Arrow, SparseTestFunctions.Arrow),
            ("banded", SparseTestFunctions.Banded, SparseTestFunctions.Banded),
        })
        {
            var x = SparseTestFunctions.Point(30, 6);
            var sparse = ReverseMode.SparseHessian(f, g, x);
            Assert.That(Coloring.Star(sparse.Pattern).ColorCount, Is.LessThanOrEqualTo(name == "arrow" ? 2 : 5), name);
            AssertMatchesDense(sparse, ReverseMode.Hessian(f, x), 1e-12);
        }
    }

    [Test]
    public void RandomPatternsMatchTheDenseHessian()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var n = 5 + (seed % 25);
            var f = SparseTestFunctions.RandomGraph<Var<Dual<double>>>(n, 0.15, seed);
            var g = SparseTestFunctions.RandomGraph<SparsityTracer>(n, 0.15, seed);
            var x = SparseTestFunctions.Point(n, seed);
            var pattern = SparsityPattern.Hessian(g, x);
            var star = Coloring.Star(pattern);
            Assert.That(star.IsValidStarColoringOf(pattern), Is.True);
            var dense = ReverseMode.Hessian(f, x);
            AssertMatchesDense(ReverseMode.SparseHessian(f, x, pattern, star), dense, 1e-12);
            AssertMatchesDense(ReverseMode.SparseHessian(f, x, pattern, Coloring.Columns(pattern)), dense, 1e-12);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    Assert.That(pattern.Contains(i, j) || dense[i, j] == 0, Is.True, $"seed {seed}: H[{i}, {j}] = {dense[i, j]} lies outside the detected pattern");
                }
            }
        }
    }

    [Test]
    public void AMismatchedPatternIsRefusedByName()
    {
        var pattern = SparsityPattern.Hessian(UserFunctions.Rosenbrock, [1.0, 2, 3]);
        Assert.That(() => ReverseMode.SparseHessian(UserFunctions.Rosenbrock, [1.0, 2], pattern, Coloring.Star(pattern)),
            Throws.ArgumentException.With.Message.Contains("must match the 2 inputs"));
    }
}
