using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdVerify.Verification;

namespace AdVerify.Benchmarks;

/// <summary>
/// Measures how much parallel verification contends on locks (the hash-consing table's above
/// all): verifies the generated 10,000-case catalogue sequentially and with two threads, several
/// times each, and prints the wall time and <see cref="Monitor.LockContentionCount"/> (the
/// number of times a thread had to wait for a lock another held) per run.
/// Run with <c>dotnet run -c Release --project benchmarks/AdVerify.Benchmarks -- --intern-contention</c>.
/// </summary>
public static class InternContention
{
    /// <summary>Runs the measurement.</summary>
    /// <param name="repetitions">Runs per schedule, after one warm-up run each.</param>
    /// <returns>A small table: schedule, median wall time, median lock contentions, and the speed-up.</returns>
    public static string Measure(int repetitions = 5)
    {
        var catalogue = Catalogue.Parse(VerifierBenchmarks.GeneratedJson(10_000));
        var sequential = Run(catalogue, new VerifierOptions { Parallel = false }, repetitions);
        var parallel = Run(catalogue, new VerifierOptions { Parallel = true }, repetitions);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"generated-10000, {Environment.ProcessorCount} threads for the parallel run, {repetitions} runs each (median):");
        sb.AppendLine("schedule    wall time   lock contentions");
        sb.AppendLine(CultureInfo.InvariantCulture, $"sequential  {sequential.Seconds,7:F2} s   {sequential.Contentions,10:N0}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"parallel    {parallel.Seconds,7:F2} s   {parallel.Contentions,10:N0}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"speed-up {sequential.Seconds / parallel.Seconds:F2}x");
        return sb.ToString();
    }

    private static (double Seconds, long Contentions) Run(Catalogue catalogue, VerifierOptions options, int repetitions)
    {
        Verifier.Verify(catalogue, options);
        var seconds = new List<double>();
        var contentions = new List<long>();
        for (var k = 0; k < repetitions; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = Monitor.LockContentionCount;
            var clock = Stopwatch.StartNew();
            Verifier.Verify(catalogue, options);
            seconds.Add(clock.Elapsed.TotalSeconds);
            contentions.Add(Monitor.LockContentionCount - before);
        }

        return (seconds.Order().ElementAt(repetitions / 2), contentions.Order().ElementAt(repetitions / 2));
    }
}
