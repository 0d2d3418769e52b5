using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>A claimed Hessian is compared entry by entry with every second-derivative source, and a wrong entry is named.</summary>
public class ClaimedHessianTests
{
    private static readonly Dictionary<string, double> Seed = new() { ["x"] = 2, ["y"] = 3, ["z"] = 1 };

    [Test]
    public void ACorrectWrittenHessianIsConsistentAndReported()
    {
        var r = Verifier.Check("log(x*y) + sin(z)", Seed, claimedHessian: new Dictionary<string, string>
        {
            ["x,x"] = "-1/x^2", ["y,y"] = "-1/y^2", ["z,z"] = "-sin(z)", ["x,y"] = "0", ["z,x"] = "0", ["y,z"] = "0",
        });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), r.Message);
        var claimed = r.Hessian![Sources.Claimed];
        Assert.That(claimed["x,x"], Is.EqualTo(-0.25));
        Assert.That(claimed["x,z"], Is.EqualTo(0), "a symmetric entry given once is reported in both orientations");
        Assert.That(claimed["z,z"], Is.EqualTo(-Math.Sin(1)));
    }

    [Test]
    public void AWrongEntryIsNamedAndTheClaimIsTheOddOneOut()
    {
        var r = Verifier.Check("x^2*y + cos(y)", new Dictionary<string, double> { ["x"] = 1.5, ["y"] = 0.5 },
            claimedHessian: new Dictionary<string, string> { ["x,x"] = "2*y", ["y,x"] = "x", ["y,y"] = "-cos(y)" });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy));
        var d = r.Discrepancies.Single();
        Assert.Multiple(() =>
        {
            Assert.That(d.Variable, Is.EqualTo("x,y"));
            Assert.That(d.OddOneOut, Is.EqualTo(Sources.Claimed));
            Assert.That(d.Values[0], Is.EqualTo(1.5));
            Assert.That(d.Values[1], Is.EqualTo(3.0).Within(1e-12));
            Assert.That(d.Message, Does.StartWith("∂²f/∂x∂y: claimed gives 1.5, ad gives 3"));
            Assert.That(d.Message, Does.EndWith("claimed is the odd one out (4 other sources agree with ad)"));
        });
    }

    [Test]
    public void AWrittenClaimIsChargedForItsOwnRounding()
    {
        // 2(1 + x) − 2x is exactly 2, but at x = 1e16 the sum 1 + x rounds away the 1 and the formula gives 0:
        // the claim is right as written, and its rounding bound (about 9) says so.
        var r = Verifier.Check("(1 + x)^2", new Dictionary<string, double> { ["x"] = 1e16 },
            claimedHessian: new Dictionary<string, string> { ["x,x"] = "2*(1 + x) - 2*x" });
        Assert.That(r.Hessian![Sources.Claimed]["x,x"], Is.EqualTo(0));
        Assert.That(r.Discrepancies.Where(d => d.Variable == "x,x"), Is.Empty, r.Message);
    }

    [Test]
    public void AnUndefinedClaimedEntryIsADiscrepancyWithTheReason()
    {
        var r = Verifier.Check("x^3", new Dictionary<string, double> { ["x"] = 0.5 },
            claimedHessian: new Dictionary<string, string> { ["x,x"] = "6*x + log(x - 1)" });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy));
        Assert.That(r.Discrepancies.Single().Message, Does.StartWith("∂²f/∂x∂x: claimed gives NaN"));
        Assert.That(r.Message, Does.Contain("the claimed second derivative ∂²f/∂x∂x is undefined at the point"));
    }

    [Variables("x", "y")]
    private readonly struct Product : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> v)
            where T : IFloatingPointIeee754<T> => (v[0] * v[0] * T.Sin(v[1])) + T.Exp(v[0] * v[1]);
    }

    private static double[,] ProductHessian(double[] p)
    {
        double x = p[0], y = p[1], e = Math.Exp(x * y);
        var xy = (2 * x * Math.Cos(y)) + e + (x * y * e);
        return new[,] { { (2 * Math.Sin(y)) + (y * y * e), xy }, { xy, (-x * x * Math.Sin(y)) + (x * x * e) } };
    }

    [Test]
    public void CodeReturningTheWholeMatrixIsCheckedInBothOrientations()
    {
        var d = Definition.Of(new Product());
        Assert.That(Verifier.Check(d, [0.7, -0.4], claimedHessian: ProductHessian).Verdict, Is.EqualTo(Verdict.Consistent));

        var r = Verifier.Check(d, [0.7, -0.4], claimedHessian: p =>
        {
            var h = ProductHessian(p);
            h[1, 0] *= 1 + 1e-6;   // a slip in the lower triangle only
            return h;
        });
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Discrepancy));
        Assert.That(r.Discrepancies.Select(x => x.Variable), Is.EqualTo(new[] { "y,x" }));
        Assert.That(r.Discrepancies[0].OddOneOut, Is.EqualTo(Sources.Claimed));
        Assert.That(r.Message, Does.StartWith("∂²f/∂y∂x: claimed gives"));
    }

    [Test]
    public void AMatrixOfTheWrongShapeOrCodeThatThrowsIsAnError()
    {
        var d = Definition.Of(new Product());
        var wrongShape = Verifier.Check(d, [0.7, -0.4], claimedHessian: _ => new double[3, 3]);
        Assert.That(wrongShape.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(wrongShape.Message, Is.EqualTo("the claimed Hessian is a 3×3 matrix but the function has 2 variable(s) (x, y): it must be 2×2"));

        var throws = Verifier.Check(d, [0.7, -0.4], claimedHessian: _ => throw new InvalidOperationException("not written yet"));
        Assert.That(throws.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(throws.Message, Is.EqualTo("the claimed Hessian threw InvalidOperationException: not written yet"));
    }

    [TestCase("{\"cases\": [{\"name\": \"h\", \"expression\": \"x*y\", \"claimedHessian\": {\"x,q\": \"1\"}}]}",
        "catalogue: case 1 ('h'): \"claimedHessian\" key \"x,q\": q is not among the variables differentiated by (x, y)")]
    [TestCase("{\"cases\": [{\"name\": \"h\", \"expression\": \"x*y\", \"wrt\": [\"x\"], \"claimedHessian\": {\"x,y\": \"1\"}}]}",
        "catalogue: case 1 ('h'): \"claimedHessian\" key \"x,y\": y is not among the variables differentiated by (x)")]
    [TestCase("{\"cases\": [{\"name\": \"h\", \"expression\": \"x*y\", \"claimedHessian\": {\"x\": \"1\"}}]}",
        "catalogue: case 1 ('h'): \"claimedHessian\" key \"x\" is not \"row,column\" (two variable names separated by a comma)")]
    [TestCase("{\"cases\": [{\"name\": \"h\", \"expression\": \"x*y\", \"claimedHessian\": {\"x,y,x\": \"0\"}}]}",
        "catalogue: case 1 ('h'): \"claimedHessian\" key \"x,y,x\" is not \"row,column\" (two variable names separated by a comma); higher derivatives go in \"claimedDerivatives\"")]
    [TestCase("{\"cases\": [{\"name\": \"h\", \"expression\": \"x*y\", \"claimedHessian\": {\"x,\": \"0\"}}]}",
        "catalogue: case 1 ('h'): \"claimedHessian\" key \"x,\" is not a list of variables such as \"x,y\" (1 to 8 names separated by commas)")]
    [TestCase("{\"cases\": [{\"name\": \"h\", \"expression\": \"x*y\", \"claimedHessian\": {\"x,y\": 1}}]}",
        "catalogue: case 1 ('h'): \"claimedHessian\" key \"x,y\": the claimed derivative must be a string expression")]
    [TestCase("{\"cases\": [{\"name\": \"h\", \"expression\": \"x*y\", \"claimedHessian\": {\"x,y\": \"1\", \"x , y\": \"1\"}}]}",
        "catalogue: case 1 ('h'): \"claimedHessian\" keys \"x,y\" and \"x , y\" name the same derivative")]
    public void ABadKeyIsACatalogueErrorNamingCaseAndKey(string json, string message)
    {
        var e = Assert.Throws<CatalogueException>(() => Catalogue.Parse(json));
        Assert.That(e!.Message, Is.EqualTo(message));
    }

    [Test]
    public void ACatalogueCaseWithAClaimedHessianRunsAndACaseBuiltInCodeIsCheckedToo()
    {
        var catalogue = Catalogue.Parse("""
            {"cases": [{"name": "good", "expression": "x^2*y", "points": [{"x": 1.5, "y": 2}],
                        "claimedHessian": {"x,x": "2*y", "x,y": "2*x"}, "expect": "consistent"},
                       {"name": "bad", "expression": "x^2*y", "points": [{"x": 1.5, "y": 2}],
                        "claimedHessian": {"y,y": "1"}, "expect": "discrepancy"}]}
            """);
        var report = Verifier.Verify(catalogue, new VerifierOptions { Parallel = false });
        Assert.That(report.Passed, Is.True, report.ToString());
        Assert.That(report.Cases[1].Results[0].Discrepancies.Single().Variable, Is.EqualTo("y,y"));

        // A case made in code is held to the same rules as a catalogue file.
        var inCode = Verifier.VerifyCase(new VerificationCase
        {
            Name = "typo", Expression = "x*y", Points = [new Dictionary<string, double> { ["x"] = 1, ["y"] = 2 }],
            ClaimedHessian = new Dictionary<string, string> { ["x,z"] = "0" },
        });
        Assert.That(inCode.Results[0].Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(inCode.Results[0].Message, Is.EqualTo("\"claimedHessian\" key \"x,z\": z is not among the variables differentiated by (x, y)"));
    }

    private readonly struct Chain : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var sum = T.Zero;
            for (var i = 0; i + 1 < x.Length; i++)
            {
                sum += x[i] * x[i] * x[i + 1];
            }

            return sum;
        }

        // ∂²/∂xᵢ² = 2xᵢ₊₁, ∂²/∂xᵢ∂xᵢ₊₁ = 2xᵢ.
        public static double[,] Hessian(double[] x)
        {
            var h = new double[x.Length, x.Length];
            for (var i = 0; i + 1 < x.Length; i++)
            {
                h[i, i] += 2 * x[i + 1];
                h[i, i + 1] += 2 * x[i];
                h[i + 1, i] += 2 * x[i];
            }

            return h;
        }
    }

    [Test]
    public void ByProjectionsTheClaimedMatrixIsComparedAsUtHvAndAWrongEntryIsLocalised()
    {
        var d = Definition.Of(new Chain(), 40);
        var x = Enumerable.Range(0, 40).Select(i => 0.5 + (0.25 * Math.Cos(i))).ToArray();
        var good = Verifier.Check(d, x, claimedHessian: Chain.Hessian);
        Assert.That(good.Verdict, Is.EqualTo(Verdict.Consistent), good.Message);
        Assert.That(good.Mode, Does.StartWith("projections"));
        Assert.That(good.Hessian![Sources.Claimed].Keys, Is.EquivalentTo(new[] { "u1,v1", "u2,v2", "u3,v3" }));

        var bad = Verifier.Check(d, x, claimedHessian: p =>
        {
            var h = Chain.Hessian(p);
            h[17, 18] = h[18, 17] *= 1 + 1e-7;
            return h;
        });
        Assert.That(bad.Verdict, Is.EqualTo(Verdict.Discrepancy), bad.Message);
        Assert.That(bad.Mode, Does.Contain("localised"));
        Assert.That(bad.Discrepancies.Select(e => e.Variable), Is.SupersetOf(new[] { "x17,x18" }));
        Assert.That(bad.Discrepancies.All(e => e.OddOneOut == Sources.Claimed), Is.True, bad.Message);
    }

    [Test]
    public void ByProjectionsAPartialWrittenClaimIsCheckedEntryByEntry()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"x{i}").ToArray();
        var text = string.Join(" + ", names.Take(29).Select((n, i) => $"{n}^2*{names[i + 1]}"));
        var point = names.Select((n, i) => (n, 0.5 + (0.1 * i))).ToDictionary(t => t.n, t => t.Item2);
        var good = Verifier.Check(text, point, claimedHessian: new Dictionary<string, string> { ["x3,x4"] = "2*x3", ["x4,x4"] = "2*x5" });
        Assert.That(good.Verdict, Is.EqualTo(Verdict.Consistent), good.Message);
        Assert.That(good.Message, Does.Contain("the claimed Hessian entries checked one by one"));

        var bad = Verifier.Check(text, point, claimedHessian: new Dictionary<string, string> { ["x3,x4"] = "2*x3", ["x4,x4"] = "2*x4" });
        Assert.That(bad.Verdict, Is.EqualTo(Verdict.Discrepancy), bad.Message);
        Assert.That(bad.Discrepancies.Select(e => e.Variable), Does.Contain("x4,x4"));
        Assert.That(bad.Discrepancies.First(e => e.Variable == "x4,x4").OddOneOut, Is.EqualTo(Sources.Claimed));
    }
}
