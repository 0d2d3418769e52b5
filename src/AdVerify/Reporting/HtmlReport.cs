using System.Globalization;
using System.Text;
using AdVerify.Verification;

namespace AdVerify.Reporting;

/// <summary>
/// A self-contained HTML page (no scripts, no external files): summary, one table per case,
/// and for each gradient discrepancy an SVG plot of the finite-difference error against the
/// step size, measured against each of the two disagreeing values — the curve that dips
/// towards rounding level shows which value the function's differences approach.
/// </summary>
public static class HtmlReport
{
    private static readonly string[] Colors = ["#d62728", "#1f77b4"];

    /// <summary>Renders a report as HTML.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The HTML page.</returns>
    public static string Write(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html>");
        sb.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>AdVerify verification report</title>");
        sb.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}" + Styles("") + "</style></head><body>");
        sb.AppendLine("<h1>AdVerify verification report</h1>");
        AppendBody(sb, report);
        sb.AppendLine("</body></html>");
        return sb.ToString();
    }

    /// <summary>
    /// Renders a report as an HTML fragment for embedding in another page (a notebook cell):
    /// the same summary and tables as <see cref="Write"/>, inside a <c>div</c> whose styles
    /// apply to that <c>div</c> only.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>The HTML fragment.</returns>
    public static string WriteFragment(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        OpenFragment(sb);
        AppendBody(sb, report);
        return sb.AppendLine("</div>").ToString();
    }

    /// <summary>Renders one case's results as an HTML fragment: its heading, its table of points and its discrepancy plots.</summary>
    /// <param name="result">The case's results.</param>
    /// <returns>The HTML fragment.</returns>
    public static string WriteFragment(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        OpenFragment(sb);
        AppendCase(sb, result);
        return sb.AppendLine("</div>").ToString();
    }

    /// <summary>
    /// Renders the result at one point as an HTML fragment: the verdict, the value, the gradient
    /// of every source side by side, the notes, and a plot for each gradient discrepancy.
    /// </summary>
    /// <param name="result">The result at one point.</param>
    /// <returns>The HTML fragment.</returns>
    public static string WriteFragment(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        OpenFragment(sb);
        AppendPointTable(sb, [result]);
        AppendPlots(sb, [result]);
        return sb.AppendLine("</div>").ToString();
    }

    private static string Styles(string scope) =>
        $"{scope}table{{border-collapse:collapse;margin:.5em 0 1.5em}}" +
        $"{scope}td,{scope}th{{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}}{scope}th{{background:#f4f4f4}}" +
        $"{scope}.consistent{{color:#1a7f37}}{scope}.discrepancy,{scope}.error{{color:#cf222e;font-weight:bold}}{scope}.nondifferentiable,{scope}.undefined{{color:#9a6700}}" +
        $"{scope}code{{background:#f6f8fa;padding:0 .3em}}{scope}.fail{{color:#cf222e}}{scope}.pass{{color:#1a7f37}}";

    private static void OpenFragment(StringBuilder sb)
    {
        sb.AppendLine("<div class=\"adverify-report\">");
        sb.AppendLine("<style>" + Styles(".adverify-report ") + "</style>");
    }

    private static void AppendBody(StringBuilder sb, VerificationReport report)
    {
        var s = report.Summary;
        sb.AppendLine($"<p class=\"{(s.FailedCases == 0 ? "pass" : "fail")}\">{E(Reports.Headline(s))}</p>");
        sb.AppendLine("<table><tr><th>cases</th><th>points</th><th>consistent</th><th>discrepancy</th><th>nondifferentiable</th><th>undefined</th><th>error</th><th>failed cases</th></tr>");
        sb.AppendLine($"<tr><td>{s.Cases}</td><td>{s.Points}</td><td>{s.Consistent}</td><td>{s.Discrepancy}</td><td>{s.Nondifferentiable}</td><td>{s.Undefined}</td><td>{s.Error}</td><td>{s.FailedCases}</td></tr></table>");
        foreach (var c in report.Cases)
        {
            AppendCase(sb, c);
        }
    }

    private static void AppendCase(StringBuilder sb, CaseResult c)
    {
        sb.AppendLine($"<h2 class=\"{(c.Passed ? "pass" : "fail")}\">{(c.Passed ? "✔" : "✘")} {E(c.Name)}</h2>");
        sb.AppendLine($"<p><code>{E(c.Expression)}</code> — by {E(string.Join(", ", c.Wrt))}{(c.Expect is { } ex ? $"; expected <b>{ex.Name()}</b>" : "")}</p>");
        AppendPointTable(sb, c.Results);
        AppendPlots(sb, c.Results);
    }

    private static void AppendPointTable(StringBuilder sb, IEnumerable<PointResult> results)
    {
        sb.AppendLine("<table><tr><th>point</th><th>verdict</th><th>value</th><th>gradient by source</th><th>notes</th></tr>");
        foreach (var r in results)
        {
            sb.AppendLine($"<tr><td>{E(Reports.PointText(r.Point))}</td><td class=\"{r.Verdict.Name()}\">{r.Verdict.Name()}</td><td>{E(Reports.Short(r.Value))}</td>" +
                          $"<td>{GradientTable(r)}</td><td>{E(Reports.Detail(r))}</td></tr>");
        }

        sb.AppendLine("</table>");
    }

    private static void AppendPlots(StringBuilder sb, IEnumerable<PointResult> results)
    {
        foreach (var d in results.SelectMany(r => r.Discrepancies).Where(d => d.StepScan.Count > 1))
        {
            sb.AppendLine($"<figure><figcaption>Finite-difference error against step size for ∂f/∂{E(d.Variable)}: " +
                          $"|D(h) − value| for {E(d.Sources[0])} ({E(Reports.Num(d.Values[0]))}) and {E(d.Sources[1])} ({E(Reports.Num(d.Values[1]))})</figcaption>");
            sb.AppendLine(Plot(d));
            sb.AppendLine("</figure>");
        }
    }

    private static string GradientTable(PointResult r)
    {
        if (r.Gradient.Count == 0)
        {
            return "";
        }

        var vars = r.Gradient.Values.SelectMany(g => g.Keys).Distinct().ToArray();
        var sb = new StringBuilder("<table><tr><th></th>");
        foreach (var v in vars)
        {
            sb.Append($"<th>{E(v)}</th>");
        }

        sb.Append("</tr>");
        foreach (var (source, values) in r.Gradient.Concat(r.Float32?.Gradient ?? new Dictionary<string, IReadOnlyDictionary<string, double>>()))
        {
            sb.Append($"<tr><td>{E(source)}</td>");
            foreach (var v in vars)
            {
                sb.Append($"<td>{(values.TryGetValue(v, out var x) ? E(Reports.Num(x)) : "")}</td>");
            }

            sb.Append("</tr>");
        }

        if (r.Float32 is { } f)
        {
            sb.Append("<tr><td>±float32 bound</td>");
            foreach (var v in vars)
            {
                sb.Append($"<td>{(f.GradientBound.TryGetValue(v, out var x) ? E(Reports.Short(x)) : "")}</td>");
            }

            sb.Append("</tr>");
        }

        return sb.Append("</table>").ToString();
    }

    private static string Plot(Discrepancy d)
    {
        const double W = 520, H = 300, L = 60, R = 20, T = 15, B = 45;
        var series = d.Values.Select(v => d.StepScan
            .Select(p => (X: Math.Log10(p.Step), Y: Math.Log10(Math.Max(Math.Abs(p.Estimate - v), 1e-17))))
            .ToArray()).ToArray();
        var xs = series.SelectMany(p => p.Select(q => q.X)).ToArray();
        var ys = series.SelectMany(p => p.Select(q => q.Y)).ToArray();
        double x0 = xs.Min(), x1 = xs.Max(), y0 = Math.Floor(ys.Min()), y1 = Math.Ceiling(ys.Max());
        if (x1 - x0 < 1e-9)
        {
            x1 = x0 + 1;
        }

        if (y1 - y0 < 1)
        {
            y1 = y0 + 1;
        }

        double Px(double x) => L + ((x - x0) / (x1 - x0) * (W - L - R));
        double Py(double y) => T + ((y1 - y) / (y1 - y0) * (H - T - B));
        static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\">");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{L}\" y=\"{T}\" width=\"{W - L - R}\" height=\"{H - T - B}\" fill=\"none\" stroke=\"#999\"/>");
        for (var y = (int)y0; y <= (int)y1; y += Math.Max(1, (int)((y1 - y0) / 6)))
        {
            sb.Append($"<text x=\"{F(L - 5)}\" y=\"{F(Py(y) + 4)}\" font-size=\"11\" text-anchor=\"end\">1e{y}</text>");
            sb.Append($"<line x1=\"{F(L)}\" x2=\"{F(W - R)}\" y1=\"{F(Py(y))}\" y2=\"{F(Py(y))}\" stroke=\"#eee\"/>");
        }

        for (var x = (int)Math.Ceiling(x0); x <= (int)Math.Floor(x1); x += 2)
        {
            sb.Append($"<text x=\"{F(Px(x))}\" y=\"{F(H - B + 16)}\" font-size=\"11\" text-anchor=\"middle\">1e{x}</text>");
        }

        sb.Append($"<text x=\"{F((L + W - R) / 2)}\" y=\"{F(H - 8)}\" font-size=\"12\" text-anchor=\"middle\">step h</text>");
        for (var k = 0; k < series.Length; k++)
        {
            var pts = string.Join(" ", series[k].Select(p => $"{F(Px(p.X))},{F(Py(p.Y))}"));
            sb.Append($"<polyline fill=\"none\" stroke=\"{Colors[k % Colors.Length]}\" stroke-width=\"2\" points=\"{pts}\"/>");
            sb.Append($"<text x=\"{F(L + 8)}\" y=\"{F(T + 16 + (k * 15))}\" font-size=\"12\" fill=\"{Colors[k % Colors.Length]}\">{E(d.Sources[k])}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    private static string E(string? s) => ReportText.Html(s);
}
