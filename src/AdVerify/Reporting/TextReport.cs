using System.Text;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>A plain-text console table of a report: one row per point, then the details of every problem.</summary>
public static class TextReport
{
    /// <summary>Renders a report as text.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public static string Write(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<string[]> { new[] { "case", "point", "verdict", "expected", "value" } };
        foreach (var c in report.Cases)
        {
            foreach (var r in c.Results)
            {
                var expected = c.Expect is { } e ? (e == r.Verdict ? "yes" : "NO: " + e.Name()) : "";
                rows.Add([Clip(c.Name, 40), Clip(Reports.PointText(r.Point), 40), r.Verdict.Name(), expected, Reports.Short(r.Value)]);
            }
        }

        var sb = new StringBuilder();
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        for (var k = 0; k < rows.Count; k++)
        {
            sb.AppendLine(string.Join("  ", rows[k].Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            if (k == 0)
            {
                sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }

        var details = report.Cases.SelectMany(c => c.Results.Where(r => r.Verdict != Verdict.Consistent || r.Message is not null)
            .Select(r => $"- {c.Name} at {Reports.PointText(r.Point)}: {r.Verdict.Name()}: {Reports.Detail(r)}")).ToList();
        if (details.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("details:");
            foreach (var d in details)
            {
                sb.AppendLine(d);
            }
        }

        sb.AppendLine();
        sb.AppendLine(Reports.Headline(report.Summary));
        return sb.ToString();
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
