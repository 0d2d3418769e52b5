using System.Globalization;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>The formats a verification report can be written in.</summary>
public enum ReportFormat
{
    /// <summary>A plain-text console table.</summary>
    Text,

    /// <summary>The JSON contract.</summary>
    Json,

    /// <summary>Markdown (for pull requests and wikis).</summary>
    Markdown,

    /// <summary>A self-contained HTML page with tables and step-size plots.</summary>
    Html,

    /// <summary>JUnit XML for CI systems.</summary>
    JUnit,
}

/// <summary>Writes reports in any <see cref="ReportFormat"/> and names their files.</summary>
public static class Reports
{
    /// <summary>Renders a report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="format">The format.</param>
    /// <returns>The text.</returns>
    public static string Render(VerificationReport report, ReportFormat format) => format switch
    {
        ReportFormat.Text => TextReport.Write(report),
        ReportFormat.Json => ReportJson.Write(report),
        ReportFormat.Markdown => MarkdownReport.Write(report),
        ReportFormat.Html => HtmlReport.Write(report),
        _ => JUnitReport.Write(report),
    };

    /// <summary>The file name used for a format in an output folder.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The file name, for example <c>verification.json</c>.</returns>
    public static string FileName(ReportFormat format) => format switch
    {
        ReportFormat.Text => "verification.txt",
        ReportFormat.Json => "verification.json",
        ReportFormat.Markdown => "verification.md",
        ReportFormat.Html => "verification.html",
        _ => "verification.junit.xml",
    };

    /// <summary>
    /// Writes every format into a folder. Each file is written to a temporary name first and then
    /// renamed over the target, so an interrupted run never leaves a half-written report.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="directory">The folder (created when missing).</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> WriteAll(VerificationReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            var path = Path.Combine(directory, FileName(format));
            AtomicFile.WriteAllText(path, Render(report, format));
            written.Add(path);
        }

        return written;
    }

    internal static string Num(double v) =>
        double.IsNaN(v) ? "—" : v.ToString("R", CultureInfo.InvariantCulture);

    internal static string Short(double v) =>
        double.IsNaN(v) ? "—" : v.ToString("G6", CultureInfo.InvariantCulture);

    internal static string PointText(IReadOnlyDictionary<string, double> point) =>
        point.Count == 0 ? "(none)" : string.Join(", ", point.Select(kv => $"{kv.Key}={Num(kv.Value)}"));

    internal static string Headline(Summary s) =>
        $"{s.Cases} cases, {s.Points} points: {s.Consistent} consistent, {s.Discrepancy} discrepancy, " +
        $"{s.Nondifferentiable} nondifferentiable, {s.Undefined} undefined, {s.Error} error; " +
        (s.FailedCases == 0 ? "all cases passed" : $"{s.FailedCases} case(s) FAILED");

    internal static string Detail(PointResult r)
    {
        var parts = new List<string>();
        if (r.Discrepancies.Count > 0)
        {
            parts.Add(string.Join(" | ", r.Discrepancies.Select(d => d.Message)));
        }
        else if (r.Message is { } message)
        {
            parts.Add(message);
        }

        if (r.Mode is { } mode && mode != "per entry")
        {
            parts.Add("compared by " + mode);
        }

        if (r.Absent.Count > 0)
        {
            // Every format says which sources took no part and why.
            parts.Add("not taking part: " + string.Join("; ", r.Absent.Select(kv => $"{kv.Key} ({kv.Value})")));
        }

        return string.Join(" | ", parts);
    }
}

/// <summary>Writes files so that readers never see a half-written file.</summary>
public static class AtomicFile
{
    /// <summary>Writes text to a temporary file beside the target, then renames it over the target.</summary>
    /// <param name="path">The target path.</param>
    /// <param name="text">The content.</param>
    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
