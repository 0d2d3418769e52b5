using System.Globalization;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Verification;

/// <summary>
/// The design's bar: zero false alarms on correct hand-written gradients — at ordinary and at
/// hard points (huge and tiny scales, steep slopes, near domain edges, cancellation) — while
/// faults of relative size 1e-5 are always caught and 1e-8 in almost all cases.
/// </summary>
public class FaultCorpusTests
{
    /// <summary>Hand-written gradients: (expression, claimed partials, point).</summary>
    private static readonly (string F, Dictionary<string, string> G, Dictionary<string, double> At)[] Corpus =
    [
        ("log(x*y) + sin(z)", new() { ["x"] = "1/x", ["y"] = "1/y", ["z"] = "cos(z)" }, new() { ["x"] = 2, ["y"] = 3, ["z"] = 1 }),
        ("x^2*exp(x)", new() { ["x"] = "(2*x + x^2)*exp(x)" }, new() { ["x"] = 0.7 }),
        ("x/(1 + abs(x))", new() { ["x"] = "1/(1 + abs(x))^2" }, new() { ["x"] = -3 }),
        ("1/(1 + exp(-x))", new() { ["x"] = "exp(-x)/(1 + exp(-x))^2" }, new() { ["x"] = 4.5 }),
        ("log(1 + exp(x))", new() { ["x"] = "1/(1 + exp(-x))" }, new() { ["x"] = -30 }),
        ("tanh(a*x + b)", new() { ["a"] = "x*(1 - tanh(a*x + b)^2)", ["b"] = "1 - tanh(a*x + b)^2" }, new() { ["a"] = 0.3, ["b"] = -0.2, ["x"] = 1.7 }),
        ("(1 - x)^2 + 100*(y - x^2)^2", new() { ["x"] = "-2*(1 - x) - 400*x*(y - x^2)", ["y"] = "200*(y - x^2)" }, new() { ["x"] = -1.2, ["y"] = 1 }),
        ("sqrt(x^2 + y^2)", new() { ["x"] = "x/sqrt(x^2 + y^2)", ["y"] = "y/sqrt(x^2 + y^2)" }, new() { ["x"] = 3, ["y"] = -4 }),
        ("atan2(y, x)", new() { ["x"] = "-y/(x^2 + y^2)", ["y"] = "x/(x^2 + y^2)" }, new() { ["x"] = -1.5, ["y"] = 0.25 }),
        ("exp(-x^2/2)/sqrt(2*pi)", new() { ["x"] = "-x*exp(-x^2/2)/sqrt(2*pi)" }, new() { ["x"] = 1.3 }),
        ("erf(x/sqrt(2))/2", new() { ["x"] = "exp(-x^2/2)/sqrt(2*pi)" }, new() { ["x"] = -0.8 }),
        ("x*log(x) - x", new() { ["x"] = "log(x)" }, new() { ["x"] = 12.5 }),
        ("sin(x)*cos(y)", new() { ["x"] = "cos(x)*cos(y)", ["y"] = "-sin(x)*sin(y)" }, new() { ["x"] = 0.4, ["y"] = 2.1 }),
        ("acos(x/2)", new() { ["x"] = "-1/sqrt(4 - x^2)" }, new() { ["x"] = 1.2 }),
        ("asinh(x) + acosh(y)", new() { ["x"] = "1/sqrt(x^2 + 1)", ["y"] = "1/sqrt(y^2 - 1)" }, new() { ["x"] = -2, ["y"] = 3.5 }),
        ("x^y", new() { ["x"] = "y*x^(y - 1)", ["y"] = "x^y*log(x)" }, new() { ["x"] = 1.7, ["y"] = 2.3 }),
        ("log10(x) + log2(y)", new() { ["x"] = "1/(x*log(10))", ["y"] = "1/(y*log(2))" }, new() { ["x"] = 40, ["y"] = 0.3 }),
        ("cbrt(x)*sec(y)", new() { ["x"] = "sec(y)/(3*cbrt(x)^2)", ["y"] = "cbrt(x)*sec(y)*tan(y)" }, new() { ["x"] = -5, ["y"] = 0.3 }),
        // hard: huge and tiny scales
        ("x^3 - 3*x*y^2", new() { ["x"] = "3*x^2 - 3*y^2", ["y"] = "-6*x*y" }, new() { ["x"] = 1e8, ["y"] = -3e7 }),
        ("log(x)", new() { ["x"] = "1/x" }, new() { ["x"] = 1e-300 }),
        ("sin(x)/x", new() { ["x"] = "(x*cos(x) - sin(x))/x^2" }, new() { ["x"] = 0.001 }),
        ("exp(50*x)", new() { ["x"] = "50*exp(50*x)" }, new() { ["x"] = 1 }),
        ("1/(1e-4 + x^2)", new() { ["x"] = "-2*x/(1e-4 + x^2)^2" }, new() { ["x"] = 0.01 }),
        // hard: near domain edges
        ("log(x)", new() { ["x"] = "1/x" }, new() { ["x"] = 1e-7 }),
        ("sqrt(x)", new() { ["x"] = "1/(2*sqrt(x))" }, new() { ["x"] = 1e-10 }),
        ("asin(x)", new() { ["x"] = "1/sqrt(1 - x^2)" }, new() { ["x"] = 0.999999 }),
        ("atanh(x)", new() { ["x"] = "1/(1 - x^2)" }, new() { ["x"] = -0.9999 }),
        // hard: steep and cancelling
        ("tan(x)", new() { ["x"] = "1 + tan(x)^2" }, new() { ["x"] = 1.5707 }),
        ("(1 - cos(x))/x^2", new() { ["x"] = "(x*sin(x) - 2*(1 - cos(x)))/x^3" }, new() { ["x"] = 0.01 }),
        ("exp(x) - 1 - x", new() { ["x"] = "exp(x) - 1" }, new() { ["x"] = 1e-5 }),
    ];

    private static IEnumerable<TestCaseData> Correct() =>
        Corpus.Select((c, i) => new TestCaseData(i).SetName($"Correct_{i:00}_{c.F}"));

    [TestCaseSource(nameof(Correct))]
    public void CorrectGradientsRaiseNoAlarm(int index)
    {
        var (f, g, at) = Corpus[index];
        var r = Verifier.Check(f, at, claimed: g);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Consistent), () => $"{f} at {string.Join(", ", at)}: {r.Message} {string.Join(" | ", r.Discrepancies.Select(d => d.Message))}");
    }

    private static int Caught(double relative)
    {
        var caught = 0;
        foreach (var (f, g, at) in Corpus)
        {
            // Plant the fault in the first claimed partial.
            var first = g.Keys.First();
            var faulty = new Dictionary<string, string>(g)
            {
                [first] = $"({g[first]})*(1 + {relative.ToString("R", CultureInfo.InvariantCulture)})",
            };
            var r = Verifier.Check(f, at, claimed: faulty);
            if (r.Verdict == Verdict.Discrepancy && r.Discrepancies.Any(d => d.Variable == first && d.OddOneOut == Sources.Claimed))
            {
                caught++;
            }
            else
            {
                TestContext.Out.WriteLine($"missed {relative}: {f} at {string.Join(", ", at)}: {r.Verdict} {r.Message} {string.Join(" | ", r.Discrepancies.Select(d => d.Message))}");
            }
        }

        return caught;
    }

    [Test]
    public void FaultsOfRelativeSize1e5AreAlwaysCaught() => Assert.That(Caught(1e-5), Is.EqualTo(Corpus.Length));

    [Test]
    public void FaultsOfRelativeSize1e8AreCaughtInAlmostAllCases() => Assert.That(Caught(1e-8), Is.GreaterThanOrEqualTo(Corpus.Length - 2));

    [Test]
    public void OffsetsOf1e3AreAlwaysCaughtWhereDoublesCanSeeThem()
    {
        var caught = 0;
        var visible = 0;
        foreach (var (f, g, at) in Corpus)
        {
            var first = g.Keys.First();
            var exact = Verifier.Check(f, at).Gradient[Sources.Reverse][first];
            if (Math.Abs(exact) > 1e9)
            {
                continue; // 0.001 is below the rounding of a derivative this large (exp(50x) at 1 is 2.6e23).
            }

            visible++;
            var r = Verifier.Check(f, at, claimed: new Dictionary<string, string>(g) { [first] = $"({g[first]}) + 0.001" });
            caught += r.Verdict == Verdict.Discrepancy ? 1 : 0;
            if (r.Verdict != Verdict.Discrepancy)
            {
                TestContext.Out.WriteLine($"missed offset: {f} at {string.Join(", ", at)}: {r.Verdict} {r.Message}");
            }
        }

        Assert.That(caught, Is.EqualTo(visible));
        Assert.That(visible, Is.GreaterThanOrEqualTo(Corpus.Length - 4));
    }
}
