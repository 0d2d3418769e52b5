using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.Commands;

/// <summary>
/// Runs the <c>adverify</c> lines of the documented CI workflow (docs/ci/github-actions-verify.yml)
/// the way its matrix would, on this machine: every shard, then the merge; the merged report must
/// equal one unsharded run, case for case.
/// </summary>
public class ShardedWorkflowTests
{
    private static readonly string Workflow = Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", "github-actions-verify.yml");

    [Test]
    public void TheWorkflowsShardsMergeIntoTheUnshardedReport()
    {
        var yaml = File.ReadAllText(Workflow);
        var count = int.Parse(Regex.Match(yaml, @"(?m)^\s*SHARD_COUNT:\s*(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var matrix = Regex.Match(yaml, @"(?m)^\s*shard:\s*\[([0-9, ]+)\]").Groups[1].Value.Split(',').Select(s => s.Trim()).ToArray();
        Assert.That(matrix, Is.EqualTo(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))), "the matrix lists shards 0 … SHARD_COUNT - 1");
        var verify = Commands(yaml, "verify").Single();
        var merge = Commands(yaml, "merge").Single();

        var dir = Path.Combine(Path.GetTempPath(), "adverify-workflow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var shard in matrix)
            {
                var args = Expand(verify, dir, new() { ["SHARD_INDEX"] = shard, ["SHARD_COUNT"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                var run = CliRunner.Run(args);
                Assert.That(run.ExitCode, Is.EqualTo(CliApp.Ok), $"adverify {string.Join(" ", args)}: {run.Err}");

                // The artifact each job uploads, where download-artifact puts it in the merge job.
                var shardDir = Path.Combine(dir, "shards", "shard-" + shard);
                Directory.CreateDirectory(shardDir);
                File.Copy(Path.Combine(dir, "shard-" + shard, "verification.json"), Path.Combine(shardDir, "verification.json"));
            }

            var mergeArgs = Expand(merge, dir, []);
            var merged = CliRunner.Run(mergeArgs);
            Assert.That(merged.ExitCode, Is.EqualTo(CliApp.Ok), $"adverify {string.Join(" ", mergeArgs)}: {merged.Err}");
            Assert.That(merged.Out, Does.Contain("| cases | points |"), "the Markdown table for the run summary");

            var whole = CliRunner.Run("verify", "--format", "json");
            using var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "merged", "verification.json")));
            using var b = JsonDocument.Parse(whole.Out);
            Assert.That(a.RootElement.GetProperty("summary").ToString(), Is.EqualTo(b.RootElement.GetProperty("summary").ToString()));
            Assert.That(ByName(a), Is.EqualTo(ByName(b)), "every case of the unsharded run, with the same results");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>The arguments of each workflow line that runs <c>adverify VERB</c>.</summary>
    private static List<string> Commands(string yaml, string verb) =>
        yaml.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("adverify " + verb + " ", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Turns a workflow line into arguments as bash would for these simple lines: variables
    /// substituted, redirections dropped, globs expanded in the job's folder, paths made absolute.
    /// </summary>
    private static string[] Expand(string line, string dir, Dictionary<string, string> env)
    {
        var words = new List<string>();
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is ">" or ">>")
            {
                i++;
                continue;
            }

            var word = Regex.Replace(parts[i], @"\$(\w+)", m => env[m.Groups[1].Value]);
            if (word.Contains('*', StringComparison.Ordinal))
            {
                var pattern = new Regex("^" + Regex.Escape(word).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
                words.AddRange(Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Where(f => pattern.IsMatch(f)).Order(StringComparer.Ordinal)
                    .Select(f => Path.Combine(dir, f)));
            }
            else
            {
                words.Add(words.Count > 0 && words[^1] == "--out" ? Path.Combine(dir, word) : word);
            }
        }

        return [.. words];
    }

    private static Dictionary<string, string> ByName(JsonDocument report) =>
        report.RootElement.GetProperty("cases").EnumerateArray()
            .Select((c, i) => (Key: c.GetProperty("name").GetString() + "#" + c.GetProperty("expression").GetString(), Json: c.ToString()))
            .ToDictionary(c => c.Key, c => c.Json);
}
