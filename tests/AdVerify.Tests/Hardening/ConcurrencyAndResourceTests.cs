using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdVerify.Expressions;
using AdVerify.Reporting;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Hardening;

/// <summary>
/// Parallel runs give the same report as a sequential run (expression interning and the
/// thread-local tapes are shared state); a large catalogue keeps memory bounded; an
/// interrupted run keeps the finished cases and leaves no temporary files.
/// </summary>
public class ConcurrencyAndResourceTests
{
    /// <summary>Cases of the generated catalogue in the default suite; the LongFuzz category runs <see cref="LargeCases"/>.</summary>
    private const int DefaultCases = 2_000;

    private const int LargeCases = 10_000;

    private static Catalogue Subset(int count) => new(Catalogue.Default.Cases.Take(count).ToArray());

    [Test]
    public void ParallelRunsMatchTheSequentialRun()
    {
        var catalogue = Subset(40);
        var sequential = ReportJson.Write(Verifier.Verify(catalogue, new VerifierOptions { Parallel = false }));

        // Parallel.For inside the verifier.
        Assert.That(ReportJson.Write(Verifier.Verify(catalogue, new VerifierOptions { Parallel = true })), Is.EqualTo(sequential));

        // Several whole runs at once on the thread pool, each itself parallel or sequential.
        var runs = Enumerable.Range(0, 4)
            .Select(k => Task.Run(() => ReportJson.Write(Verifier.Verify(catalogue, new VerifierOptions { Parallel = k % 2 == 0 }))))
            .ToArray();
        Task.WaitAll(runs);
        Assert.That(runs.Select(r => r.Result), Is.All.EqualTo(sequential));
    }

    [Test]
    public void ParallelCasesInterningTheSameExpressionsAgree()
    {
        // Every case builds the same subexpressions at once: the intern table and the tapes are hit concurrently.
        var cases = Enumerable.Range(0, 200).Select(k => new VerificationCase
        {
            Name = "c" + k.ToString(CultureInfo.InvariantCulture),
            Expression = $"log(x*y) + sin(z)*x^{1 + (k % 5)} + tanh(x*y*z)",
            Points = [new Dictionary<string, double> { ["x"] = 1 + (k % 7), ["y"] = 2, ["z"] = 0.5 }],
            Hessian = k % 3 == 0,
        }).ToArray();
        var sequential = cases.Select(c => ReportJson.Write(VerificationReport.Of([Verifier.VerifyCase(c)]))).ToArray();
        var parallel = new string[cases.Length];
        Parallel.For(0, cases.Length, k => parallel[k] = ReportJson.Write(VerificationReport.Of([Verifier.VerifyCase(cases[k])])));
        Assert.That(parallel, Is.EqualTo(sequential));
        Assert.That(ReferenceEquals(Infix.Parse("log(x*y)"), Infix.Parse("log(y*x)")), Is.True, "interning still canonical after the concurrent run");
    }

    [Test]
    public void MemoryStaysBoundedOnALargeCatalogue() => RunLargeCatalogue(DefaultCases, TimeSpan.FromSeconds(60));

    [Test]
    [Explicit("long run: 10,000 cases")]
    [Category("LongFuzz")]
    public void MemoryStaysBoundedOnATenThousandCaseCatalogue() => RunLargeCatalogue(LargeCases, TimeSpan.FromSeconds(300));

    private static void RunLargeCatalogue(int count, TimeSpan limit)
    {
        var path = Path.Combine(Path.GetTempPath(), $"adverify-large-{Guid.NewGuid():N}.json");
        var forms = new[] { "x^{0} + y", "sin({0}*x)*y", "log(x + {0})", "exp(x/{0}) - y^2", "sqrt(x + {0}) * cos(y)" };
        var sb = new StringBuilder("{\"cases\": [");
        for (var k = 0; k < count; k++)
        {
            var expr = string.Format(CultureInfo.InvariantCulture, forms[k % forms.Length], 2 + (k % 97));
            sb.Append(k > 0 ? ",\n" : "\n").Append(CultureInfo.InvariantCulture, $"{{\"name\": \"case {k}\", \"expression\": \"{expr}\", \"points\": [{{\"x\": {1 + (k % 13) * 0.25}, \"y\": 0.5}}]}}");
        }

        File.WriteAllText(path, sb.Append("]}").ToString());
        try
        {
            var watch = Stopwatch.StartNew();
            var report = Verifier.Verify(Catalogue.Load(path));
            watch.Stop();
            Assert.That(report.Cases, Has.Count.EqualTo(count));
            Assert.That(report.Passed, Is.True, Reports.Headline(report.Summary));
            var bytes = GC.GetTotalMemory(forceFullCollection: true);
            TestContext.Out.WriteLine($"{count} cases in {watch.Elapsed.TotalSeconds:F1} s; {bytes / 1e6:F0} MB live after a full GC (report held)");
            Assert.That(bytes, Is.LessThan(500_000_000L));
            Assert.That(watch.Elapsed, Is.LessThan(limit));
            GC.KeepAlive(report);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void CancellationKeepsTheFinishedCasesAndWritesCompleteFiles()
    {
        var catalogue = Subset(20);
        using var cancel = new CancellationTokenSource();
        var finished = 0;
        var report = Verifier.Verify(catalogue, new VerifierOptions
        {
            Parallel = false,
            Cancellation = cancel.Token,
            Progress = _ =>
            {
                if (++finished == 5)
                {
                    cancel.Cancel();
                }
            },
        });
        Assert.That(report.Cases, Has.Count.EqualTo(5));
        Assert.That(report.Cases.Select(c => c.Name), Is.EqualTo(catalogue.Cases.Take(5).Select(c => c.Name)));
        Assert.That(report.Summary.Cases, Is.EqualTo(5));

        var dir = Path.Combine(Path.GetTempPath(), $"adverify-cancel-{Guid.NewGuid():N}");
        try
        {
            Reports.WriteAll(report, dir);
            Assert.That(Directory.GetFiles(dir, "*.tmp"), Is.Empty);
            Assert.That(ReportJson.Read(File.ReadAllText(Path.Combine(dir, "verification.json")), "written").Cases, Has.Count.EqualTo(5));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void ParallelCancellationKeepsOnlyWholeCases()
    {
        var catalogue = Subset(40);
        using var cancel = new CancellationTokenSource();
        var finished = 0;
        var report = Verifier.Verify(catalogue, new VerifierOptions
        {
            Parallel = true,
            Cancellation = cancel.Token,
            Progress = _ =>
            {
                if (Interlocked.Increment(ref finished) == 3)
                {
                    cancel.Cancel();
                }
            },
        });
        Assert.That(report.Cases.Count, Is.InRange(3, 39));
        var full = Verifier.Verify(catalogue, new VerifierOptions { Parallel = false }).Cases.ToDictionary(c => c.Name);
        foreach (var c in report.Cases)
        {
            Assert.That(ReportJson.Write(VerificationReport.Of([c])), Is.EqualTo(ReportJson.Write(VerificationReport.Of([full[c.Name]]))));
        }
    }

    [Test]
    public void AtomicWriteLeavesNoTemporaryFileWhenTheTargetCannotBeReplaced()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"adverify-atomic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dir, "verification.json")); // a folder where the file should go
        try
        {
            Assert.That(() => AtomicFile.WriteAllText(Path.Combine(dir, "verification.json"), "{}"), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
            Assert.That(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
