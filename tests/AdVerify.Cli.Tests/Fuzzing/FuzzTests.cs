using System.Diagnostics;
using System.Globalization;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.Fuzzing;

/// <summary>
/// Fuzzes the parser and every verb with <see cref="FuzzInputGenerator"/> and judges each run with
/// <see cref="FuzzOracle"/>. The default suite runs a bounded number of cases (a few thousand, well
/// under a minute). The long run is the test <see cref="LongRun"/>, tagged with the category
/// <c>LongFuzz</c> and <c>[Explicit]</c>; it reads its size from the environment variable
/// <c>ADVERIFY_FUZZ_CASES</c> (default 100,000) and its seed from <c>ADVERIFY_FUZZ_SEED</c>:
/// <code>ADVERIFY_FUZZ_CASES=100000 dotnet test tests/AdVerify.Cli.Tests -c Release --filter TestCategory=LongFuzz</code>
/// See docs/hardening.md.
/// </summary>
public class FuzzTests
{
    /// <summary>Cases per verb in the default (bounded) suite.</summary>
    private const int BoundedCasesPerVerb = 300;

    /// <summary>Bare parser inputs in the default suite.</summary>
    private const int BoundedParserCases = 2000;

    private string _tempDir = "";

    [SetUp]
    public void CreateTempDir()
    {
        _tempDir = Path.Combine(Path.GetTempPath(), "adverify-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_tempDir);
    }

    [TearDown]
    public void DeleteTempDir()
    {
        if (Directory.Exists(_tempDir))
        {
            Directory.Delete(_tempDir, true);
        }
    }

    [Test]
    public void ParserThrowsOnlyParseExceptionsAndRoundTrips()
    {
        var g = new FuzzInputGenerator(seed: 20250101, _tempDir);
        var failures = new List<string>();
        for (var i = 0; i < BoundedParserCases && failures.Count < 10; i++)
        {
            var text = g.NextExpressionText();
            if (FuzzOracle.JudgeParse(text) is { } problem)
            {
                failures.Add($"{Show(text)}: {problem}");
            }
        }

        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
    }

    [TestCaseSource(nameof(VerbsForBoundedRun))]
    public void EveryVerbSurvivesHostileInput(string verb)
    {
        var cases = verb is "verify" or "merge" ? BoundedCasesPerVerb / 3 : BoundedCasesPerVerb;
        var failures = Run(verb, seed: 7 + Array.IndexOf(FuzzInputGenerator.AllVerbs.ToArray(), verb), cases, out _);
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// The long run: <c>ADVERIFY_FUZZ_CASES</c> cases (default 100,000) spread over the parser and
    /// every verb, seeded by <c>ADVERIFY_FUZZ_SEED</c> (default 1). Prints counts and timings.
    /// </summary>
    [Test]
    [Explicit("long fuzz run: set ADVERIFY_FUZZ_CASES")]
    [Category("LongFuzz")]
    public void LongRun()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("ADVERIFY_FUZZ_CASES"), CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ADVERIFY_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 1;
        var verbs = FuzzInputGenerator.AllVerbs;

        // Parser-only inputs are cheap: a third of the budget; the rest is shared by the verbs,
        // verify and merge (which run whole verifications) getting a smaller share.
        var parserCases = total / 3;
        var weights = verbs.Select(v => v is "verify" or "merge" ? 1 : 3).ToArray();
        var perWeight = (total - parserCases) / weights.Sum();
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        var g = new FuzzInputGenerator(seed, _tempDir);
        for (var i = 0; i < parserCases && failures.Count < 50; i++)
        {
            var text = g.NextExpressionText();
            if (FuzzOracle.JudgeParse(text) is { } problem)
            {
                failures.Add($"parse {Show(text)}: {problem}");
            }
        }

        TestContext.Out.WriteLine($"parser: {parserCases} cases in {watch.Elapsed.TotalSeconds:F1} s");
        var lockObj = new object();
        var counts = new Dictionary<string, (int Cases, int[] Codes, double Seconds)>();
        Parallel.For(0, verbs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
        {
            var verb = verbs[k];
            var w = Stopwatch.StartNew();
            var f = Run(verb, seed * 31 + k, perWeight * weights[k], out var codes, maxFailures: 20);
            lock (lockObj)
            {
                failures.AddRange(f);
                counts[verb] = (perWeight * weights[k], codes, w.Elapsed.TotalSeconds);
            }
        });

        foreach (var verb in verbs)
        {
            var (cases, codes, seconds) = counts[verb];
            TestContext.Out.WriteLine($"{verb}: {cases} cases in {seconds:F1} s; exit 0: {codes[0]}, exit 1: {codes[1]}, exit 2: {codes[2]}");
        }

        TestContext.Out.WriteLine($"total {total} cases in {watch.Elapsed.TotalSeconds:F1} s, {failures.Count} failures");
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
    }

    private static IEnumerable<string> VerbsForBoundedRun() => FuzzInputGenerator.AllVerbs;

    private List<string> Run(string verb, int seed, int cases, out int[] codes, int maxFailures = 10)
    {
        var dir = Path.Combine(_tempDir, verb);
        Directory.CreateDirectory(dir);
        var g = new FuzzInputGenerator(seed, dir);
        var failures = new List<string>();
        codes = new int[3];
        for (var i = 0; i < cases && failures.Count < maxFailures; i++)
        {
            var c = g.Next(verb);
            var problem = FuzzOracle.Judge(c, out var code);
            if (code is >= 0 and <= 2)
            {
                codes[code]++;
            }

            if (problem is not null)
            {
                failures.Add($"adverify {c.Describe()}: {problem}");
            }
        }

        return failures;
    }

    private static string Show(string text) => text.Length <= 200 ? "«" + text + "»" : $"«{text[..200]}…» ({text.Length} chars)";
}
