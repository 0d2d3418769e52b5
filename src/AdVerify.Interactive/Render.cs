using System.Globalization;
using System.Net;
using System.Text;
using AdVerify.Expressions;
using AdVerify.Graphs;
using AdVerify.Reporting;
using AdVerify.Verification;

namespace AdVerify.Interactive;

/// <summary>
/// The renderings behind <see cref="Formatters"/>, usable without a notebook (for tests, or to
/// write a page by hand). Each returns markup built from the library's own renderers:
/// <see cref="LaTeX"/>, <see cref="GraphRenderer"/>, <see cref="HtmlReport"/> and <see cref="TextReport"/>.
/// </summary>
public static class Render
{
    /// <summary>The Mermaid version loaded by diagrams when the page has no <c>mermaid</c> object yet.</summary>
    public const string MermaidModule = "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs";

    private static long _diagrams;

    /// <summary>An expression as display-math LaTeX, <c>$$…$$</c>, for the <c>text/latex</c> mime type.</summary>
    /// <param name="expr">The expression.</param>
    /// <returns>The LaTeX.</returns>
    public static string ExpressionLatex(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        return "$$" + LaTeX.Format(expr) + "$$";
    }

    /// <summary>
    /// An expression as HTML: the display-math LaTeX (typeset by the notebook's MathJax or KaTeX)
    /// with the infix form as its tooltip.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <returns>The HTML.</returns>
    public static string ExpressionHtml(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        return $"<div class=\"adverify-expr\" title=\"{E(Infix.Format(expr))}\">{E(ExpressionLatex(expr))}</div>";
    }

    /// <summary>A computation graph as HTML: its Mermaid diagram, then its text table.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The HTML.</returns>
    public static string GraphHtml(ComputationGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Diagram(GraphRenderer.Render(graph, GraphFormat.Mermaid), GraphRenderer.Render(graph, GraphFormat.Text));
    }

    /// <summary>A forward-mode trace as HTML: its Mermaid diagram (values and tangents on the nodes), then its step table.</summary>
    /// <param name="trace">The trace.</param>
    /// <returns>The HTML.</returns>
    public static string GraphHtml(ForwardTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return Diagram(GraphRenderer.Render(trace, GraphFormat.Mermaid), GraphRenderer.Render(trace, GraphFormat.Text));
    }

    /// <summary>A reverse-mode trace as HTML: the Mermaid gradient graph (local partials on the edges, adjoints on the nodes), then its tables.</summary>
    /// <param name="trace">The trace.</param>
    /// <returns>The HTML.</returns>
    public static string GraphHtml(ReverseTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return Diagram(GraphRenderer.Render(trace, GraphFormat.Mermaid), GraphRenderer.Render(trace, GraphFormat.Text));
    }

    /// <summary>
    /// Mermaid source as HTML: a <c>pre class="mermaid"</c> block, a module script that renders it
    /// with the page's <c>mermaid</c> (or loads <see cref="MermaidModule"/>), and the given text
    /// beneath it, so the numbers stay readable where scripts do not run.
    /// </summary>
    /// <param name="mermaid">The Mermaid source.</param>
    /// <param name="text">Plain text shown under the diagram.</param>
    /// <returns>The HTML.</returns>
    public static string Diagram(string mermaid, string text)
    {
        ArgumentNullException.ThrowIfNull(mermaid);
        ArgumentNullException.ThrowIfNull(text);
        var id = "adverify-diagram-" + Interlocked.Increment(ref _diagrams).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var sb = new StringBuilder();
        sb.AppendLine($"<div class=\"adverify-diagram\" id=\"{id}\">");
        sb.AppendLine($"<pre class=\"mermaid\">{E(mermaid)}</pre>");
        sb.AppendLine("<script type=\"module\">");
        sb.AppendLine($"const root = document.getElementById('{id}');");
        sb.AppendLine($"const mermaid = globalThis.mermaid ?? (await import('{MermaidModule}')).default;");
        sb.AppendLine("mermaid.initialize({ startOnLoad: false });");
        sb.AppendLine("await mermaid.run({ nodes: root.querySelectorAll('pre.mermaid') });");
        sb.AppendLine("</script>");
        sb.AppendLine($"<pre class=\"adverify-table\">{E(text)}</pre>");
        sb.AppendLine("</div>");
        return sb.ToString();
    }

    /// <summary>One case's results as a plain-text table, in the layout of <see cref="TextReport"/> (what <c>adverify verify</c> prints).</summary>
    /// <param name="result">The case's results.</param>
    /// <returns>The text.</returns>
    public static string Text(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return TextReport.Write(VerificationReport.Of([result]));
    }

    /// <summary>
    /// The result at one point as plain text: the point, verdict and value, then one row per
    /// variable with the derivative from each source, then the message and any discrepancy.
    /// A single point has no case, so there is no case column.
    /// </summary>
    /// <param name="result">The result at one point.</param>
    /// <returns>The text.</returns>
    public static string Text(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        var point = string.Join(", ", result.Point.Select(p => $"{p.Key}={G(p.Value)}"));
        sb.AppendLine($"{result.Verdict.ToString().ToLowerInvariant()} at {point}" + (double.IsFinite(result.Value) ? $" (f = {G(result.Value)})" : ""));
        var sources = result.Gradient.Keys.ToArray();
        var variables = result.Gradient.Values.SelectMany(g => g.Keys).Distinct(StringComparer.Ordinal).ToArray();
        if (sources.Length > 0)
        {
            var rows = new List<string[]> { sources.Prepend("∂f/∂").ToArray() };
            rows.AddRange(variables.Select(v => sources.Select(s => result.Gradient[s].TryGetValue(v, out var d) ? d.ToString("R", CultureInfo.InvariantCulture) : "").Prepend(v).ToArray()));
            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                sb.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            }
        }

        if (!string.IsNullOrEmpty(result.Message))
        {
            sb.AppendLine(result.Message);
        }

        foreach (var d in result.Discrepancies)
        {
            sb.AppendLine("- " + d.Message);
        }

        return sb.ToString();
    }

    /// <summary>Several expressions (a gradient, say) as one display-math LaTeX tuple, <c>$$\left(…\right)$$</c>.</summary>
    /// <param name="exprs">The expressions, in order.</param>
    /// <returns>The LaTeX.</returns>
    public static string ExpressionsLatex(IEnumerable<Expr> exprs)
    {
        ArgumentNullException.ThrowIfNull(exprs);
        return "$$\\left(" + string.Join(",\\; ", exprs.Select(LaTeX.Format)) + "\\right)$$";
    }

    /// <summary>Several expressions as HTML: their LaTeX tuple, with the infix forms as the tooltip.</summary>
    /// <param name="exprs">The expressions, in order.</param>
    /// <returns>The HTML.</returns>
    public static string ExpressionsHtml(IEnumerable<Expr> exprs)
    {
        ArgumentNullException.ThrowIfNull(exprs);
        var list = exprs.ToArray();
        return $"<div class=\"adverify-expr\" title=\"{E(ExpressionsText(list))}\">{E(ExpressionsLatex(list))}</div>";
    }

    /// <summary>Several expressions as plain text: <c>(1/x, 1/y, cos(z))</c>.</summary>
    /// <param name="exprs">The expressions, in order.</param>
    /// <returns>The text.</returns>
    public static string ExpressionsText(IEnumerable<Expr> exprs)
    {
        ArgumentNullException.ThrowIfNull(exprs);
        return "(" + string.Join(", ", exprs.Select(Infix.Format)) + ")";
    }

    /// <summary>A matrix of expressions (a symbolic Hessian) as display-math LaTeX, <c>$$\begin{pmatrix}…\end{pmatrix}$$</c>.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <returns>The LaTeX.</returns>
    public static string MatrixLatex(Expr[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = Enumerable.Range(0, matrix.GetLength(0))
            .Select(r => string.Join(" & ", Enumerable.Range(0, matrix.GetLength(1)).Select(c => LaTeX.Format(matrix[r, c]))));
        return "$$\\begin{pmatrix}" + string.Join(" \\\\ ", rows) + "\\end{pmatrix}$$";
    }

    private static string G(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(string s) => AdVerify.Reporting.ReportText.Html(s);
}
