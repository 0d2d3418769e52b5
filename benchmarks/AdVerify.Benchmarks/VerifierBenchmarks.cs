using System.Globalization;
using System.Text;
using AdVerify.Reporting;
using AdVerify.Verification;
using BenchmarkDotNet.Attributes;

namespace AdVerify.Benchmarks;

/// <summary>
/// The verifier end to end, sequential (the baseline) and parallel, on the default catalogue and
/// on a generated catalogue of 10,000 smooth two-variable cases with one point each. The Ratio
/// column of the parallel row is parallel time / sequential time (its inverse is the speed-up).
/// </summary>
[MemoryDiagnoser]
public class VerifierBenchmarks
{
    private static readonly VerifierOptions ParallelOptions = new() { Parallel = true };
    private static readonly VerifierOptions SequentialOptions = new() { Parallel = false };

    private Catalogue _catalogue = AdVerify.Verification.Catalogue.Default;

    /// <summary>The catalogue: "default" (the shipped one) or "generated-10000".</summary>
    [Params("default", "generated-10000")]
    public string Source { get; set; } = "default";

    /// <summary>Builds (and for the generated one, parses) the catalogue; <c>--verifier-check</c> compares the two schedules' reports.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _catalogue = Source == "default" ? Catalogue.Default : Catalogue.Parse(GeneratedJson(10_000));
    }

    /// <summary>Verifies the catalogue on one thread.</summary>
    /// <returns>The number of cases verified.</returns>
    [Benchmark(Baseline = true)]
    public int Sequential() => Verifier.Verify(_catalogue, SequentialOptions).Cases.Count;

    /// <summary>Verifies the catalogue with cases spread across the cores.</summary>
    /// <returns>The number of cases verified.</returns>
    [Benchmark]
    public int Parallel() => Verifier.Verify(_catalogue, ParallelOptions).Cases.Count;

    /// <summary>Verifies a catalogue both ways and compares the JSON reports byte for byte.</summary>
    /// <param name="catalogue">The catalogue.</param>
    /// <returns>A one-line statement of the outcome.</returns>
    public static string IdentityCheck(Catalogue catalogue)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var parallel = ReportJson.Write(Verifier.Verify(catalogue, ParallelOptions));
        var parallelSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var sequential = ReportJson.Write(Verifier.Verify(catalogue, SequentialOptions));
        var sequentialSeconds = clock.Elapsed.TotalSeconds;
        var verdict = parallel == sequential
            ? $"parallel and sequential reports identical ({parallel.Length:N0} chars of JSON)"
            : "parallel and sequential reports DIFFER";
        return string.Create(CultureInfo.InvariantCulture, $"{verdict}; cold single runs: parallel {parallelSeconds:F2} s, sequential {sequentialSeconds:F2} s");
    }

    /// <summary>A catalogue of smooth cases sin(k·x)·exp(−x²/k) + y², with k and the point varying per case.</summary>
    /// <param name="count">The number of cases.</param>
    /// <returns>The catalogue JSON.</returns>
    public static string GeneratedJson(int count)
    {
        var json = new StringBuilder("{ \"cases\": [\n");
        for (var c = 0; c < count; c++)
        {
            var k = 1 + ((c % 97) / 8.0);
            var x = -1.5 + (3.0 * ((c * 37) % 101) / 101.0);
            var y = -1 + (2.0 * ((c * 53) % 89) / 89.0);
            json.Append(CultureInfo.InvariantCulture,
                $"{{ \"name\": \"generated {c}\", \"expression\": \"sin({k:R}*x)*exp(-x^2/{k:R}) + y^2\", \"points\": [ {{ \"x\": {x:R}, \"y\": {y:R} }} ] }}");
            json.Append(c + 1 < count ? ",\n" : "\n");
        }

        return json.Append("] }").ToString();
    }
}
