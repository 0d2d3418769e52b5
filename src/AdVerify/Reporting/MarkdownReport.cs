using System.Text;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>A Markdown report: summary, one table per case, and every discrepancy in full.</summary>
public static class MarkdownReport
{
    /// <summary>Renders a report as Markdown.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The Markdown text.</returns>
    public static string Write(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Summary;
        var sb = new StringBuilder();
        sb.AppendLine("# AdVerify verification report");
        sb.AppendLine();
        sb.AppendLine(Reports.Headline(s));
        sb.AppendLine();
        sb.AppendLine("| cases | points | consistent | discrepancy | nondifferentiable | undefined | error | failed cases |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        sb.AppendLine($"| {s.Cases} | {s.Points} | {s.Consistent} | {s.Discrepancy} | {s.Nondifferentiable} | {s.Undefined} | {s.Error} | {s.FailedCases} |");
        foreach (var c in report.Cases)
        {
            sb.AppendLine();
            sb.AppendLine($"## {(c.Passed ? "✅" : "❌")} {Escape(c.Name)}");
            sb.AppendLine();
            sb.AppendLine($"`{c.Expression}` — differentiated by {string.Join(", ", c.Wrt)}{(c.Expect is { } e ? $"; expected: {e.Name()}" : "")}");
            sb.AppendLine();
            sb.AppendLine("| point | verdict | value | gradient (reverse) | notes |");
            sb.AppendLine("|---|---|---:|---|---|");
            foreach (var r in c.Results)
            {
                var grad = r.Gradient.TryGetValue(Sources.Reverse, out var g) ? string.Join(", ", g.Select(kv => $"{kv.Key}: {Reports.Short(kv.Value)}")) : "";
                sb.AppendLine($"| {Reports.PointText(r.Point)} | {r.Verdict.Name()} | {Reports.Short(r.Value)} | {grad} | {Escape(Reports.Detail(r))} |");
            }

            foreach (var d in c.Results.SelectMany(r => r.Discrepancies))
            {
                sb.AppendLine();
                sb.AppendLine($"- **{d.Variable}**: {string.Join(" vs ", d.Sources)} = {string.Join(" vs ", d.Values.Select(Reports.Num))}, " +
                    $"relative error {Reports.Short(d.RelativeError)}, tolerance {Reports.Short(d.Tolerance)}" +
                    (d.OddOneOut is null ? "" : $", odd one out: **{d.OddOneOut}**"));
            }
        }

        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
