using System.Reflection;
using System.Runtime.Loader;
using AdVerify.Expressions;
using AdVerify.Forward;
using AdVerify.Symbolic;
using FSharp.Compiler.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.FSharp.Control;
using Microsoft.FSharp.Core;
using NUnit.Framework;

namespace AdVerify.Tests.Symbolic;

/// <summary>
/// The generated C# and F# compile on their own (references: the .NET base library, and FSharp.Core for F#;
/// never AdVerify) and agree with the forward engine at sample points.
/// </summary>
public class CodeGeneratorTests
{
    private static readonly (string Text, Dictionary<string, double>[] Points)[] Cases =
    [
        ("log(x*y) + sin(z)", [P(("x", 2), ("y", 3), ("z", 1)), P(("x", 0.5), ("y", 8), ("z", -1.25))]),
        ("(1 - x)^2 + 100*(y - x^2)^2", [P(("x", -1.2), ("y", 1)), P(("x", 0.3), ("y", 0.7))]),
        ("exp(x*y) + sin(exp(x*y)) / (1 + x^4)", [P(("x", 0.4), ("y", -0.9))]),
        ("sqrt(x) + cbrt(y) + tan(x) + sec(y) + csc(x) + cot(y) + asin(x/3) + acos(y/3) + atan(x*y)", [P(("x", 0.7), ("y", 1.3))]),
        ("sinh(x) + cosh(y) + tanh(x*y) + asinh(x) + acosh(y + 1) + atanh(x/2) + log10(y) + log2(x) + log(3, x*y)", [P(("x", 0.7), ("y", 1.3))]),
        ("abs(x - y) + sign(x) * y + min(x, y^2) + max(x, 2*y) + hypot(x, y) + atan2(y, x) + x^y + pow(y, x)", [P(("x", 0.7), ("y", 1.3))]),
        ("sigmoid(x) + softplus(y) + logsumexp(x, y, x*y)", [P(("x", 0.7), ("y", -1.3)), P(("x", 30), ("y", -40))]),
        ("in + type * value", [P(("in", 1.5), ("type", 2), ("value", -3))]),
        ("x^(-2) + 1/sqrt(x) + pi*e*x", [P(("x", 1.7))]),
    ];

    private static Dictionary<string, double> P(params (string, double)[] values) => values.ToDictionary(v => v.Item1, v => v.Item2);

    private static IEnumerable<TestCaseData> All() => Cases.Select(c => new TestCaseData(c.Text, c.Points).SetName(c.Text));

    [TestCaseSource(nameof(All))]
    public void CSharpCompilesAloneAndAgreesWithTheEngines(string text, Dictionary<string, double>[] points)
    {
        var expr = Infix.Parse(text);
        var source = CodeGenerator.CSharp(expr);
        Assert.That(source, Does.Not.Contain("AdVerify.").And.Not.Contain("using AdVerify"), "no dependency");
        var type = CompileCSharp(source).GetType("Generated")!;
        foreach (var point in points)
        {
            var args = expr.Variables.Select(v => (object)point[v]).ToArray();
            var both = ((double Value, double[] Gradient))type.GetMethod("ValueAndGradient")!.Invoke(null, args)!;
            Compare(expr, point, (double)type.GetMethod("Value")!.Invoke(null, args)!, both.Value, both.Gradient);
        }
    }

    [TestCaseSource(nameof(All))]
    public void FSharpCompilesAloneAndAgreesWithTheEngines(string text, Dictionary<string, double>[] points)
    {
        var expr = Infix.Parse(text);
        var source = CodeGenerator.FSharp(expr);
        var type = CompileFSharp(source).GetType("Generated")!;
        foreach (var point in points)
        {
            var args = expr.Variables.Select(v => (object)point[v]).ToArray();
            var both = (Tuple<double, double[]>)type.GetMethod("valueAndGradient")!.Invoke(null, args)!;
            Compare(expr, point, (double)type.GetMethod("value")!.Invoke(null, args)!, both.Item1, both.Item2);
        }
    }

    [Test]
    public void SharedSubexpressionsAreComputedOnce()
    {
        var source = CodeGenerator.CSharp(Infix.Parse("exp(x*y) + sin(exp(x*y))"));
        var body = source[source.IndexOf("ValueAndGradient", StringComparison.Ordinal)..];
        Assert.That(body.Split("Math.Exp(").Length - 1, Is.EqualTo(1), source);
        Assert.That(body.Split("Math.Cos(").Length - 1, Is.EqualTo(1), source);
    }

    [Test]
    public void GradientWithRespectToChosenVariables()
    {
        var expr = Infix.Parse("a*x^2 + b");
        var type = CompileCSharp(CodeGenerator.CSharp(expr, ["x"], "Quadratic")).GetType("Quadratic")!;
        var both = ((double Value, double[] Gradient))type.GetMethod("ValueAndGradient")!.Invoke(null, [2.0, 1.0, 3.0])!;
        Assert.That(both.Value, Is.EqualTo(19));
        Assert.That(both.Gradient, Is.EqualTo(new[] { 12.0 }));
    }

    [Test]
    public void SpecialFunctionsWithoutABclFormAreRefusedByName()
    {
        foreach (var f in new[] { "gamma(x)", "erf(x)", "besselj(1, x)", "airyai(x)", "x + lgamma(x^2)" })
        {
            var ex = Assert.Throws<NotSupportedException>(() => CodeGenerator.FSharp(Infix.Parse(f)));
            var name = f.Contains('+') ? "lgamma" : f[..f.IndexOf('(')];
            Assert.That(ex!.Message, Does.Contain($"'{name}'"));
        }
    }

    private static void Compare(Expr expr, Dictionary<string, double> point, double value, double both, double[] gradient)
    {
        var wrt = expr.Variables.ToArray();
        var (v, g) = ExprForward.Gradient(expr, point, wrt);
        Assert.That(value, Is.EqualTo(v).Within(1e-13 * Math.Max(1, Math.Abs(v))), "value");
        Assert.That(both, Is.EqualTo(value), "the value of ValueAndGradient is the value");
        for (var i = 0; i < wrt.Length; i++)
        {
            Assert.That(gradient[i], Is.EqualTo(g[i]).Within(1e-12 * Math.Max(1, Math.Abs(g[i]))), $"∂/∂{wrt[i]}");
        }
    }

    // The base library only: every trusted platform assembly whose name starts with System, plus netstandard and mscorlib.
    private static IEnumerable<string> BaseLibrary() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard.dll" or "mscorlib.dll"));

    private static Assembly CompileCSharp(string source)
    {
        var compilation = CSharpCompilation.Create("Generated" + Guid.NewGuid().ToString("N"), [CSharpSyntaxTree.ParseText(source)],
            BaseLibrary().Select(p => MetadataReference.CreateFromFile(p)), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.That(result.Success, Is.True, string.Join("\n", result.Diagnostics) + "\n" + source);
        return new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(new MemoryStream(stream.ToArray()));
    }

    private static readonly Lazy<FSharpChecker> Checker = new(() =>
        FSharpChecker.Create(null, null, null, null, null, null, null, null, null, null, null, null, null, null));

    private static Assembly CompileFSharp(string source)
    {
        var dir = Directory.CreateTempSubdirectory("adverify-codegen-");
        try
        {
            var file = Path.Combine(dir.FullName, "Generated.fs");
            var output = Path.Combine(dir.FullName, "Generated.dll");
            File.WriteAllText(file, source);
            var fsharpCore = typeof(FSharpOption<>).Assembly.Location;
            string[] argv =
            [
                "fsc.exe", "-o:" + output, "-a", "--noframework", "--nologo", "--targetprofile:netcore", "--optimize+",
                "-r:" + fsharpCore, .. BaseLibrary().Select(p => "-r:" + p), file,
            ];
            var (diagnostics, exit) = FSharpAsync.RunSynchronously(Checker.Value.Compile(argv, null), null, null).ToValueTuple();
            Assert.That(exit, Is.Null, string.Join("\n", diagnostics.Select(d => d.ToString())) + "\n" + source);
            Assert.That(diagnostics.Where(d => d.Severity == FSharp.Compiler.Diagnostics.FSharpDiagnosticSeverity.Error), Is.Empty, source);
            return new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(new MemoryStream(File.ReadAllBytes(output)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
