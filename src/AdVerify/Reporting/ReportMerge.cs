using System.Globalization;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>
/// Combines reports (typically the shards of one catalogue run with <c>--shard i/n</c>) into one,
/// refusing anything that would count a case twice: the same report given twice, two reports of
/// the same shard, or the same case (name, expression and points) in two reports. Verdicts are
/// taken as they are; the summary is recounted from them.
/// </summary>
public static class ReportMerge
{
    /// <summary>Merges reports.</summary>
    /// <param name="parts">Each report with a name for messages (its file).</param>
    /// <param name="warn">Receives warnings that do not stop the merge (shards missing from a split); may be null.</param>
    /// <returns>
    /// The merged report. When every part is a shard of the same split, cases are put back in
    /// catalogue order, so merging every shard gives exactly the report of the whole run.
    /// </returns>
    /// <exception cref="ArgumentException">No reports were given.</exception>
    /// <exception cref="FormatException">The reports overlap; the message names the files and the case or shard.</exception>
    public static VerificationReport Merge(IReadOnlyList<(string Source, VerificationReport Report)> parts, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("merging needs at least one report", nameof(parts));
        }

        var sources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (source, _) in parts)
        {
            if (!sources.Add(source))
            {
                throw new FormatException($"{source} is given twice: each report may be merged once");
            }
        }

        CheckShards(parts, warn);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, report) in parts)
        {
            var own = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in report.Cases)
            {
                var key = Key(c);
                if (own.Add(key) && !seen.TryAdd(key, source))
                {
                    throw new FormatException(
                        $"case '{Clip(c.Name)}' ({Clip(c.Expression)}) at the same points is in both {seen[key]} and {source}: " +
                        "merging them would count it twice (the same shard or run given twice?)");
                }
            }
        }

        var split = parts.Select(p => p.Report.Shard).Distinct().ToArray();
        var allShardsOfOneSplit = split.All(s => s is not null) && split.Select(s => s!.Value.Count).Distinct().Count() == 1;
        var cases = allShardsOfOneSplit
            ? parts.SelectMany(p => p.Report.Cases.Select((c, j) => (Position: p.Report.Shard!.Value.Index + ((long)j * p.Report.Shard.Value.Count), Case: c)))
                .OrderBy(x => x.Position).Select(x => x.Case).ToArray()
            : parts.SelectMany(p => p.Report.Cases).ToArray();
        return VerificationReport.Of(cases);
    }

    private static void CheckShards(IReadOnlyList<(string Source, VerificationReport Report)> parts, Action<string>? warn)
    {
        var shards = parts.Where(p => p.Report.Shard is not null).ToArray();
        if (shards.Length == 0)
        {
            return;
        }

        var counts = shards.Select(p => p.Report.Shard!.Value.Count).Distinct().ToArray();
        if (counts.Length > 1)
        {
            throw new FormatException(
                $"the reports come from different splits ({string.Join(", ", shards.Select(p => $"{p.Source} is shard {Name(p.Report.Shard!.Value)}"))}): merge the shards of one split");
        }

        var byIndex = new Dictionary<int, string>();
        foreach (var (source, report) in shards)
        {
            var shard = report.Shard!.Value;
            if (!byIndex.TryAdd(shard.Index, source))
            {
                throw new FormatException($"{byIndex[shard.Index]} and {source} are both shard {Name(shard)}: each shard may be merged once");
            }
        }

        var n = counts[0];
        var missing = Enumerable.Range(0, n).Where(i => !byIndex.ContainsKey(i)).ToArray();
        if (missing.Length > 0 && shards.Length == parts.Count)
        {
            warn?.Invoke($"shard{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing.Select(i => Name((i, n))))} " +
                         $"{(missing.Length == 1 ? "is" : "are")} missing: the merged report covers only part of the catalogue");
        }
    }

    private static string Clip(string text)
    {
        var visible = ReportText.Visible(text);
        return visible.Length <= 60 ? visible : visible[..59] + "…";
    }

    private static string Name((int Index, int Count) shard) => string.Create(CultureInfo.InvariantCulture, $"{shard.Index}/{shard.Count}");

    private static string Key(CaseResult c) =>
        string.Join('\u0001', new[] { c.Name, c.Expression }.Concat(c.Results.Select(r =>
            string.Join(',', r.Point.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value.ToString("R", CultureInfo.InvariantCulture))))));
}
