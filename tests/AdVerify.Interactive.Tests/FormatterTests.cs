using AdVerify.Expressions;
using AdVerify.Graphs;
using AdVerify.Interactive;
using AdVerify.Verification;
using Microsoft.DotNet.Interactive.Formatting;
using NUnit.Framework;

namespace AdVerify.Interactive.Tests;

[TestFixture]
public sealed class FormatterTests
{
    private static readonly Dictionary<string, double> SeedPoint = new() { ["x"] = 2, ["y"] = 3, ["z"] = 1 };
    private static readonly string[] Wrt = ["x", "y", "z"];

    private static Expr Seed => Infix.Parse("log(x*y) + sin(z)");

    [OneTimeSetUp]
    public void RegisterOnce() => Formatters.Register();

    [Test]
    public void RegisterIsIdempotent()
    {
        Formatters.Register();
        Assert.That(Formatters.IsRegistered, Is.True);
        Assert.That(Formatter.ToDisplayString(Seed, "text/plain"), Is.EqualTo("log(x*y) + sin(z)"));
    }

    [Test]
    public void ExpressionShowsAsLatexInHtml()
    {
        var html = Formatter.ToDisplayString(Seed, "text/html");
        Assert.That(html, Does.StartWith("<div class=\"adverify-expr\""));
        Assert.That(html, Does.Contain("$$\\ln\\left(x y\\right) + \\sin\\left(z\\right)$$"));
        Assert.That(html, Does.Contain("title=\"log(x*y) + sin(z)\""));
    }

    [Test]
    public void ExpressionShowsAsLatex()
    {
        var derivative = Symbolic.Calculus.Differentiate(Seed, "x");
        Assert.That(Formatter.ToDisplayString(derivative, "text/latex"), Is.EqualTo("$$" + LaTeX.Format(derivative) + "$$"));
    }

    [Test]
    public void EveryExpressionKindPrefersHtmlThenLatexThenText()
    {
        foreach (var e in new[] { Infix.Parse("x"), Infix.Parse("2"), Infix.Parse("pi"), Infix.Parse("x*y"), Infix.Parse("x+y"), Infix.Parse("x^3"), Seed })
        {
            Assert.That(Formatter.GetPreferredMimeTypesFor(e.GetType()), Is.EqualTo(new[] { "text/html", "text/latex", "text/plain" }), e.GetType().Name);
            Assert.That(Formatter.ToDisplayString(e, "text/html"), Does.Contain("$$"), e.GetType().Name);
        }
    }

    [Test]
    public void ComputationGraphShowsMermaidAndTextTable()
    {
        var graph = ComputationGraph.Build(Seed, Wrt);
        var html = Formatter.ToDisplayString(graph, "text/html");
        Assert.That(html, Does.Contain("<pre class=\"mermaid\">"));
        Assert.That(html, Does.Contain("flowchart LR"));
        Assert.That(html, Does.Contain("n0 --&gt; n3"));
        Assert.That(html, Does.Contain("<script type=\"module\">"));
        Assert.That(html, Does.Contain("v2 = log(v1)"));
        Assert.That(html, Does.Contain("<pre class=\"adverify-table\">computation graph"));
        Assert.That(Formatter.ToDisplayString(graph, "text/plain"), Is.EqualTo(GraphRenderer.Render(graph, GraphFormat.Text)));
    }

    [Test]
    public void ForwardTraceShowsTangentsOnTheDiagramAndInTheTable()
    {
        var trace = Tracer.Forward(Seed, SeedPoint, Wrt);
        var html = Formatter.ToDisplayString(trace, "text/html");
        Assert.That(html, Does.Contain("forward mode: values and tangents"));
        Assert.That(html, Does.Contain("∂/∂z = 0.540302"));
        Assert.That(html, Does.Contain("forward mode: each step computes its value"));
        Assert.That(Formatter.ToDisplayString(trace, "text/plain"), Is.EqualTo(GraphRenderer.Render(trace, GraphFormat.Text)));
    }

    [Test]
    public void ReverseTraceShowsTheGradientGraph()
    {
        var trace = Tracer.Reverse(Seed, SeedPoint, Wrt);
        var html = Formatter.ToDisplayString(trace, "text/html");
        Assert.That(html, Does.Contain("flowchart RL"));
        Assert.That(html, Does.Contain("reverse mode: gradient graph"));
        Assert.That(html, Does.Contain(".-&gt;"), "dashed gradient edges");
        Assert.That(html, Does.Contain("adjoint = 0.166667"), "adjoint of v1 = 1/v1");
        Assert.That(html, Does.Contain("reverse mode, backward sweep"));
    }

    [Test]
    public void DiagramsKeepTheirLineBreaks()
    {
        // Mermaid reads one statement per line: an escaped "\n" would leave an unreadable diagram.
        var html = Render.GraphHtml(ComputationGraph.Build(Seed, Wrt));
        Assert.That(html, Does.Contain("flowchart LR\n  n0").And.Not.Contain("\\n"));
    }

        [Test]
    public void DiagramsGetDistinctIds()
    {
        var graph = ComputationGraph.Build(Seed, Wrt);
        static string Id(string html) => html[(html.IndexOf("id=\"", StringComparison.Ordinal) + 4)..].Split('"')[0];
        Assert.That(Id(Render.GraphHtml(graph)), Is.Not.EqualTo(Id(Render.GraphHtml(graph))));
    }

    [Test]
    public void DiagramEscapesMarkup()
    {
        var html = Render.Diagram("a --> b[\"<script>\"]", "x < y & z");
        Assert.That(html, Does.Contain("a --&gt; b[&quot;&lt;script&gt;&quot;]"));
        Assert.That(html, Does.Contain("x &lt; y &amp; z"));
    }

    [Test]
    public void ConsistentPointShowsEverySourceInAnHtmlTable()
    {
        var result = Verifier.Check("log(x*y) + sin(z)", SeedPoint, Wrt,
            claimed: new Dictionary<string, string> { ["x"] = "1/x", ["y"] = "1/y", ["z"] = "cos(z)" });
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Consistent));
        var html = Formatter.ToDisplayString(result, "text/html");
        Assert.That(html, Does.StartWith("<div class=\"adverify-report\">"));
        Assert.That(html, Does.Contain("<td class=\"consistent\">consistent</td>"));
        foreach (var source in new[] { Sources.Forward, Sources.Reverse, Sources.Symbolic, Sources.FiniteDifference, Sources.Claimed })
        {
            Assert.That(html, Does.Contain($"<td>{source}</td>"), source);
        }

        Assert.That(html, Does.Not.Contain("<html"), "a fragment, not a page");
        Assert.That(Formatter.ToDisplayString(result, "text/plain"), Does.Contain("consistent"));
    }

    [Test]
    public void DiscrepancyCaseShowsTheVerdictAndThePlot()
    {
        var c = Verifier.VerifyCase(new VerificationCase
        {
            Name = "planted mistake",
            Expression = "x^2*sin(y)",
            Points = [new Dictionary<string, double> { ["x"] = 0.5, ["y"] = 1.25 }],
            Claimed = new Dictionary<string, string> { ["x"] = "2*x*sin(y)", ["y"] = "x^2*sin(y)" },
        });
        Assert.That(c.Passed, Is.False);
        var html = Formatter.ToDisplayString(c, "text/html");
        Assert.That(html, Does.Contain("✘ planted mistake"));
        Assert.That(html, Does.Contain("<td class=\"discrepancy\">discrepancy</td>"));
        Assert.That(html, Does.Contain("<svg"), "the step-size plot");
        Assert.That(html, Does.Contain("∂f/∂y"));
        Assert.That(Formatter.ToDisplayString(c, "text/plain"), Does.Contain("planted mistake").And.Contain("discrepancy"));
    }

    [Test]
    public void ReportShowsSummaryAndEveryCase()
    {
        var report = Verifier.Verify(new Catalogue(
        [
            new VerificationCase { Name = "seed", Expression = "log(x*y) + sin(z)", Points = [SeedPoint] },
            new VerificationCase { Name = "square", Expression = "x^2", Points = [new Dictionary<string, double> { ["x"] = 3 }] },
        ]));
        var html = Formatter.ToDisplayString(report, "text/html");
        Assert.That(html, Does.Contain("<h2 class=\"pass\">✔ seed</h2>"));
        Assert.That(html, Does.Contain("<h2 class=\"pass\">✔ square</h2>"));
        Assert.That(html, Does.Contain("<th>failed cases</th>"));
        Assert.That(html, Does.Contain(".adverify-report table{"), "styles scoped to the fragment");
        Assert.That(Formatter.ToDisplayString(report, "text/plain"), Is.EqualTo(Reporting.TextReport.Write(report)));
    }

    [Test]
    public void FragmentMatchesThePageBody()
    {
        var report = Verifier.Verify(new Catalogue([new VerificationCase { Name = "seed", Expression = "log(x*y) + sin(z)", Points = [SeedPoint] }]));
        var page = Reporting.HtmlReport.Write(report);
        var fragment = Reporting.HtmlReport.WriteFragment(report);
        var body = fragment[fragment.IndexOf("<p class=", StringComparison.Ordinal)..fragment.LastIndexOf("</div>", StringComparison.Ordinal)];
        Assert.That(page, Does.Contain(body), "the notebook shows the same tables as the HTML report");
    }

    [Test]
    public void AGradientShowsAsOneFormulaNotATableOfTypeNames()
    {
        // Issue 12: a symbolic gradient (Expr[]) showed a table with "AdVerify.Expressions.PowerExpr" in it.
        var gradient = Symbolic.Calculus.Gradient(Seed, Wrt);
        var html = Formatter.ToDisplayString(gradient, "text/html");
        Assert.That(html, Does.Not.Contain("AdVerify.Expressions"));
        Assert.That(html, Is.EqualTo("<div class=\"adverify-expr\" title=\"(1/x, 1/y, cos(z))\">$$\\left(\\frac{1}{x},\\; \\frac{1}{y},\\; \\cos\\left(z\\right)\\right)$$</div>"));
        Assert.That(Formatter.ToDisplayString(gradient.ToList(), "text/plain"), Is.EqualTo("(1/x, 1/y, cos(z))"));
        Assert.That(Formatter.GetPreferredMimeTypesFor(typeof(Expr[])), Is.EqualTo(new[] { "text/html", "text/latex", "text/plain" }));
        var hessian = Symbolic.Calculus.Hessian(Infix.Parse("x^2*y"), "x", "y");
        Assert.That(Formatter.ToDisplayString(hessian, "text/latex"), Is.EqualTo("$$\\begin{pmatrix}2 y & 2 x \\\\ 2 x & 0\\end{pmatrix}$$"));
        Assert.That(Formatter.ToDisplayString(hessian, "text/html"), Does.Contain("2 y &amp; 2 x"));
    }

    [Test]
    public void APointResultHasNoCaseColumn()
    {
        // Issue 12: the check table's case column said "point".
        var result = Verifier.Check("log(x*y) + sin(z)", SeedPoint, Wrt);
        var text = Formatter.ToDisplayString(result, "text/plain");
        var lines = text.Split('\n');
        Assert.That(lines[0], Is.EqualTo("consistent at x=2, y=3, z=1 (f = 2.63323)"));
        Assert.That(lines[1], Does.StartWith("∂f/∂  forward"));
        Assert.That(lines[2], Does.StartWith("x     0.5"));
        Assert.That(text, Does.Not.Contain("case").And.Not.Contain("point "));
    }
}
