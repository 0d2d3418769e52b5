using System.Text;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>
/// A plain-text console table of a report: one row per point (case name, expression, point,
/// verdict, expectation, value), then the details of every problem, then the headline. User text
/// is made <see cref="ReportText.Visible"/>, so no name can emit a terminal escape sequence or
/// break a row; long cells are clipped with an ellipsis.
/// </summary>
public static class TextReport
{
    /// <summary>The widest a case name is shown in the table (longer names are clipped; the details show them in full).</summary>
    public const int NameWidth = 36;

    /// <summary>The widest an expression is shown in the table (longer expressions are clipped).</summary>
    public const int ExpressionWidth = 32;

    private const int PointWidth = 40;

    /// <summary>Renders a report as text.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public static string Write(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<string[]> { new[] { "case", "expression", "point", "verdict", "expected", "value" } };
        foreach (var c in report.Cases)
        {
            var name = Clip(ReportText.Visible(c.Name), NameWidth);
            var expression = Clip(ExpressionCell(c.Expression), ExpressionWidth);
            for (var i = 0; i < c.Results.Count; i++)
            {
                var r = c.Results[i];
                var stated = c.ExpectPerPoint is { } each ? (i < each.Count ? each[i] : (Verdict?)null) : c.Expect;
                var expected = stated is { } e ? (c.PointPassed(i) ? "yes" : "NO: " + e.Name()) : "";
                rows.Add([name, expression, Clip(ReportText.Visible(Reports.PointText(r.Point)), PointWidth), r.Verdict.Name(), expected, Reports.Short(r.Value)]);
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

        var details = report.Cases.SelectMany(c => c.Results.Where(r => r.Verdict != Verdict.Consistent || r.Message is not null || r.Absent.Count > 0)
            .Select(r => ReportText.Visible($"- {c.Name} at {Reports.PointText(r.Point)}: {r.Verdict.Name()}: {Reports.Detail(r)}"))).ToList();
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

    // Whitespace is insignificant in the expression language: a catalogue's line breaks and runs of
    // spaces become one space, so the cell shows the formula, not the layout.
    private static string ExpressionCell(string expression) =>
        ReportText.Visible(string.Join(' ', expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    private static string Clip(string s, int max)
    {
        if (s.Length <= max)
        {
            return s;
        }

        // Never cut a surrogate pair in half.
        var cut = max - 1;
        if (char.IsHighSurrogate(s[cut - 1]))
        {
            cut--;
        }

        return s[..cut] + "…";
    }
}
