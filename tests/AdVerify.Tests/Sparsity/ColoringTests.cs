using AdVerify.Sparsity;
using NUnit.Framework;

namespace AdVerify.Tests.Sparsity;

public class ColoringTests
{
    private static SparsityPattern Symmetric(int n, IEnumerable<(int, int)> offDiagonal) =>
        SparsityPattern.FromEntries(n, n, offDiagonal.SelectMany(e => new[] { e, (e.Item2, e.Item1) }).Concat(Enumerable.Range(0, n).Select(i => (i, i))));

    [Test]
    public void TridiagonalNeedsThreeColoursWhateverItsSize()
    {
        foreach (var n in new[] { 3, 4, 10, 1000 })
        {
            var pattern = Symmetric(n, Enumerable.Range(0, n - 1).Select(i => (i, i + 1)));
            var star = Coloring.Star(pattern);
            Assert.That(star.ColorCount, Is.EqualTo(n == 3 ? 2 : 3), $"n = {n} (a path on three vertices is a star)");
            Assert.That(star.IsValidStarColoringOf(pattern), Is.True);
            var columns = Coloring.Columns(pattern);
            Assert.That(columns.ColorCount, Is.EqualTo(3));
            Assert.That(columns.IsValidColumnColoringOf(pattern), Is.True);
        }
    }

    [Test]
    public void ArrowNeedsTwoStarColoursButEveryColumnAsAJacobian()
    {
        const int n = 50;
        var pattern = Symmetric(n, Enumerable.Range(1, n - 1).Select(i => (0, i)));
        var star = Coloring.Star(pattern);
        Assert.That(star.ColorCount, Is.EqualTo(2));
        Assert.That(star.IsValidStarColoringOf(pattern), Is.True);
        Assert.That(Coloring.Columns(pattern).ColorCount, Is.EqualTo(n));
    }

    [Test]
    public void RandomGraphsGetValidColourings()
    {
        var random = new Random(20240601);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(1, 40);
            var density = random.NextDouble() * 0.3;
            var edges = new List<(int, int)>();
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    if (random.NextDouble() < density)
                    {
                        edges.Add((i, j));
                    }
                }
            }

            var pattern = Symmetric(n, edges);
            var star = Coloring.Star(pattern);
            Assert.That(star.IsValidStarColoringOf(pattern), Is.True, $"trial {trial}: star colouring of {pattern}");
            var columns = Coloring.Columns(pattern);
            Assert.That(columns.IsValidColumnColoringOf(pattern), Is.True, $"trial {trial}: column colouring");
            Assert.That(star.ColorCount, Is.LessThanOrEqualTo(columns.ColorCount + 1), "symmetry should not cost colours");
        }
    }

    [Test]
    public void TheValidityChecksRejectBadColourings()
    {
        // A path 0–1–2–3 coloured 0,1,0,1 is proper but two-coloured on four vertices.
        var path = Symmetric(4, [(0, 1), (1, 2), (2, 3)]);
        Assert.That(Coloring.FromColors([0, 1, 0, 1], symmetric: true).IsValidStarColoringOf(path), Is.False);
        Assert.That(Coloring.FromColors([0, 0, 1, 2], symmetric: true).IsValidStarColoringOf(path), Is.False, "not proper");
        Assert.That(Coloring.FromColors([0, 1, 0, 2], symmetric: true).IsValidStarColoringOf(path), Is.True);
        var star = Coloring.Star(path);
        Assert.That(star.ColorCount, Is.EqualTo(3));
        var rows = SparsityPattern.FromEntries(2, 3, [(0, 0), (0, 1), (1, 1), (1, 2)]);
        Assert.That(Coloring.Columns(rows).IsValidColumnColoringOf(rows), Is.True);
        Assert.That(Coloring.FromColors([0, 1, 0], symmetric: false).IsValidColumnColoringOf(rows), Is.True);
        Assert.That(Coloring.FromColors([0, 1, 1], symmetric: false).IsValidColumnColoringOf(rows), Is.False, "columns 1 and 2 share row 1");
        Assert.That(() => Coloring.FromColors([0, -1], symmetric: false), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Column 1"));
        Assert.That(star.IsValidColumnColoringOf(rows), Is.False, "wrong number of columns");
    }

    [Test]
    public void StarColouringRefusesANonSymmetricPattern()
    {
        var pattern = SparsityPattern.FromEntries(2, 2, [(0, 1)]);
        Assert.That(() => Coloring.Star(pattern), Throws.ArgumentException.With.Message.Contains("symmetric"));
    }

    [Test]
    public void SeedsAreTheIndicatorVectorsOfTheColours()
    {
        var pattern = Symmetric(4, [(0, 1), (1, 2), (2, 3)]);
        var coloring = Coloring.Star(pattern);
        var total = new double[4];
        var seed = new double[4];
        for (var k = 0; k < coloring.ColorCount; k++)
        {
            coloring.Seed(k, seed);
            for (var j = 0; j < 4; j++)
            {
                Assert.That(seed[j], Is.EqualTo(coloring.Colors[j] == k ? 1 : 0));
                total[j] += seed[j];
            }
        }

        Assert.That(total, Is.All.EqualTo(1));
        Assert.That(() => coloring.Seed(0, new double[3]), Throws.ArgumentException.With.Message.Contains("4 entries"));
    }
}
