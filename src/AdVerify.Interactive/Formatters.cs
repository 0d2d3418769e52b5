using AdVerify.Expressions;
using AdVerify.Graphs;
using AdVerify.Reporting;
using AdVerify.Verification;
using Microsoft.DotNet.Interactive.Formatting;

namespace AdVerify.Interactive;

/// <summary>
/// Rich display of AdVerify objects in .NET Interactive (Polyglot) notebooks. One call,
/// <c>AdVerify.Interactive.Formatters.Register();</c>, makes a cell that ends in an
/// <see cref="Expr"/> show it typeset as LaTeX, a <see cref="ComputationGraph"/>,
/// <see cref="ForwardTrace"/> or <see cref="ReverseTrace"/> show a Mermaid diagram above its
/// text table, and a <see cref="VerificationReport"/>, <see cref="CaseResult"/> or
/// <see cref="PointResult"/> show the HTML tables of the verification report. The formatters
/// only lay out what the objects already hold (through <see cref="Render"/>); they compute nothing.
/// </summary>
public static class Formatters
{
    private const string Html = "text/html";
    private const string Plain = "text/plain";
    private const string Latex = "text/latex";
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>True once <see cref="Register"/> has run in this process.</summary>
    public static bool IsRegistered
    {
        get
        {
            lock (Gate)
            {
                return _registered;
            }
        }
    }

    /// <summary>
    /// Registers the formatters with <see cref="Formatter"/>; calling it again does nothing.
    /// Expressions are offered as HTML, LaTeX and plain text (the notebook front end picks the
    /// richest it can show); graphs, traces and verification results as HTML and plain text.
    /// </summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            Formatter.Register<Expr>((e, w) => w.Write(Render.ExpressionHtml(e)), Html);
            Formatter.Register<Expr>((e, w) => w.Write(Render.ExpressionLatex(e)), Latex);
            Formatter.Register<Expr>((e, w) => w.Write(Infix.Format(e)), Plain);

            // Collections of expressions (a symbolic gradient) as one formula, not a table of type names.
            Formatter.Register<IEnumerable<Expr>>((e, w) => w.Write(Render.ExpressionsHtml(e)), Html);
            Formatter.Register<IEnumerable<Expr>>((e, w) => w.Write(Render.ExpressionsLatex(e)), Latex);
            Formatter.Register<IEnumerable<Expr>>((e, w) => w.Write(Render.ExpressionsText(e)), Plain);
            Formatter.Register<Expr[,]>((m, w) => w.Write($"<div class=\"adverify-expr\">{AdVerify.Reporting.ReportText.Html(Render.MatrixLatex(m))}</div>"), Html);
            Formatter.Register<Expr[,]>((m, w) => w.Write(Render.MatrixLatex(m)), Latex);

            Formatter.Register<ComputationGraph>((g, w) => w.Write(Render.GraphHtml(g)), Html);
            Formatter.Register<ComputationGraph>((g, w) => w.Write(GraphRenderer.Render(g, GraphFormat.Text)), Plain);
            Formatter.Register<ForwardTrace>((t, w) => w.Write(Render.GraphHtml(t)), Html);
            Formatter.Register<ForwardTrace>((t, w) => w.Write(GraphRenderer.Render(t, GraphFormat.Text)), Plain);
            Formatter.Register<ReverseTrace>((t, w) => w.Write(Render.GraphHtml(t)), Html);
            Formatter.Register<ReverseTrace>((t, w) => w.Write(GraphRenderer.Render(t, GraphFormat.Text)), Plain);

            Formatter.Register<VerificationReport>((r, w) => w.Write(HtmlReport.WriteFragment(r)), Html);
            Formatter.Register<VerificationReport>((r, w) => w.Write(TextReport.Write(r)), Plain);
            Formatter.Register<CaseResult>((c, w) => w.Write(HtmlReport.WriteFragment(c)), Html);
            Formatter.Register<CaseResult>((c, w) => w.Write(Render.Text(c)), Plain);
            Formatter.Register<PointResult>((p, w) => w.Write(HtmlReport.WriteFragment(p)), Html);
            Formatter.Register<PointResult>((p, w) => w.Write(Render.Text(p)), Plain);

            foreach (var type in new[] { typeof(Expr), typeof(NumberExpr), typeof(ConstantExpr), typeof(SymbolExpr), typeof(SumExpr), typeof(ProductExpr), typeof(PowerExpr), typeof(CallExpr) })
            {
                Formatter.SetPreferredMimeTypesFor(type, Html, Latex, Plain);
            }

            foreach (var type in new[] { typeof(Expr[]), typeof(IEnumerable<Expr>), typeof(IReadOnlyList<Expr>), typeof(List<Expr>), typeof(Expr[,]) })
            {
                Formatter.SetPreferredMimeTypesFor(type, Html, Latex, Plain);
            }

            foreach (var type in new[] { typeof(ComputationGraph), typeof(ForwardTrace), typeof(ReverseTrace), typeof(VerificationReport), typeof(CaseResult), typeof(PointResult) })
            {
                Formatter.SetPreferredMimeTypesFor(type, Html, Plain);
            }

            _registered = true;
        }
    }
}
