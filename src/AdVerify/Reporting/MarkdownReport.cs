using System.Text;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>
/// A Markdown report: summary, one table per case, and every discrepancy in full. Everything a
/// user wrote (names, expressions, variables, messages) is escaped with <see cref="ReportText"/>,
/// so it shows as text in every renderer, including those that allow HTML.
/// </summary>
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
        sb.AppendLine(M(Reports.Headline(s)));
        sb.AppendLine();
        sb.AppendLine("| cases | points | consistent | discrepancy | nondifferentiable | undefined | error | failed cases |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        sb.AppendLine($"| {s.Cases} | {s.Points} | {s.Consistent} | {s.Discrepancy} | {s.Nondifferentiable} | {s.Undefined} | {s.Error} | {s.FailedCases} |");
        foreach (var c in report.Cases)
        {
            sb.AppendLine();
            sb.AppendLine($"## {(c.Passed ? "✅" : "❌")} {M(c.Name)}");
            sb.AppendLine();
            sb.AppendLine($"{ReportText.MarkdownCode(c.Expression)} — differentiated by {M(string.Join(", ", c.Wrt))}{(c.Expect is { } e ? $"; expected: {e.Name()}" : "")}");
            sb.AppendLine();
            sb.AppendLine("| point | verdict | value | gradient (reverse) | notes |");
            sb.AppendLine("|---|---|---:|---|---|");
            foreach (var r in c.Results)
            {
                var grad = r.Gradient.TryGetValue(Sources.Reverse, out var g) ? string.Join(", ", g.Select(kv => $"{kv.Key}: {Reports.Short(kv.Value)}")) : "";
                sb.AppendLine($"| {M(Reports.PointText(r.Point))} | {r.Verdict.Name()} | {M(Reports.Short(r.Value))} | {M(grad)} | {M(Reports.Detail(r))} |");
            }

            foreach (var d in c.Results.SelectMany(r => r.Discrepancies))
            {
                sb.AppendLine();
                sb.AppendLine($"- **{M(d.Variable)}**: {M(string.Join(" vs ", d.Sources))} = {M(string.Join(" vs ", d.Values.Select(Reports.Num)))}, " +
                    $"relative error {M(Reports.Short(d.RelativeError))}, tolerance {M(Reports.Short(d.Tolerance))}" +
                    (d.OddOneOut is null ? "" : $", odd one out: **{M(d.OddOneOut)}**"));
            }
        }

        return sb.ToString();
    }

    private static string M(string s) => ReportText.Markdown(s);
}
