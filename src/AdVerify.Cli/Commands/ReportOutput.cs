using System.CommandLine;
using AdVerify.Cli.CommandLine;
using AdVerify.Reporting;
using AdVerify.Verification;

namespace AdVerify.Cli.Commands;

/// <summary>Prints a report in the chosen format and writes all formats to --out.</summary>
internal static class ReportOutput
{
    public static Option<string> FormatOption() => CommonOptions.Format("text", "json", "markdown", "html", "junit");

    public static ReportFormat ReadFormat(string? text) => (text ?? "text") switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "markdown" or "md" => ReportFormat.Markdown,
        "html" => ReportFormat.Html,
        "junit" => ReportFormat.JUnit,
        var other => throw new UsageException($"--format must be text, json, markdown, html or junit, not '{other}'"),
    };

    public static int Emit(VerificationReport report, ReportFormat format, string? outDir, TextWriter stdout, TextWriter stderr)
    {
        stdout.Write(Reports.Render(report, format));
        if (outDir is not null)
        {
            foreach (var path in Reports.WriteAll(report, outDir))
            {
                stderr.WriteLine($"wrote {path}");
            }
        }

        return report.Passed ? CliApp.Ok : CliApp.Failed;
    }
}
