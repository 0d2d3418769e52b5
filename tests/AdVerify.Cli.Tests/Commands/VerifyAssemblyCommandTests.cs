using System.Text.Json;
using NUnit.Framework;

namespace AdVerify.Cli.Tests.Commands;

/// <summary>adverify verify --assembly: the functions marked [Verify] in a user's class library.</summary>
public class VerifyAssemblyCommandTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = UserLibraries.Folder();

    [TearDown]
    public void DeleteFolder()
    {
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (UnauthorizedAccessException)
        {
            // Still mapped by a load context that has not been collected yet: the temp folder keeps it.
        }
    }

    private const string Loss = """
        namespace MyLib;
        public static class Losses
        {
            [Verify(Points = "w=0.3,b=-0.2; w=1,b=2", Claimed = nameof(LossGradient))]
            public static T Loss<T>(T w, T b) where T : INumberBase<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T> =>
                T.Log(T.One + T.Exp((w * T.CreateChecked(1.5)) + b));

            public static double[] LossGradient(double w, double b)
            {
                var s = 1 / (1 + Math.Exp(-((1.5 * w) + b)));
                return [1.5 * s, SIGN s];
            }
        }
        """;

    private static void AssertBadInput(CliRunner.Result r, params string[] fragments)
    {
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Err + r.Out);
        Assert.That(r.Err, Does.StartWith("adverify: "));
        foreach (var f in fragments)
        {
            Assert.That(r.Err, Does.Contain(f));
        }

        Assert.That(r.Err, Does.Not.Contain("Exception").And.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void TheSampleLibraryIsVerifiedByEverySource()
    {
        var r = CliRunner.Run("verify", "--assembly", UserLibraries.Sample, "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.That(cases.Keys, Is.EquivalentTo(new[] { "Losses.Logistic", "Losses.Huber", "Rosenbrock", "Pricing.Call" }));
        var point = cases["Pricing.Call"].GetProperty("results")[0];
        Assert.That(point.GetProperty("gradient").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "forward", "reverse", "symbolic", "complexStep", "finiteDifference", "claimed",
        }));
        foreach (var huber in cases["Losses.Huber"].GetProperty("results").EnumerateArray())
        {
            Assert.That(huber.GetProperty("message").GetString(), Does.Contain("the code cannot be traced symbolically: the comparison <= depends on a value"));
        }
    }

    [Test]
    public void TheTextReportNamesEachCaseTypeDotMethod()
    {
        var r = CliRunner.Run("verify", "--assembly", UserLibraries.Sample, "--out", _folder);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
        Assert.That(r.Out, Does.Match(@"Pricing\.Call +Pricing\.Call\(S, K, sigma, r, t\) +S=100, K=100, sigma=0\.2, r=0\.03, t=0\.75 +consistent"));
        Assert.That(r.Out, Does.Contain("4 cases, 11 points: 11 consistent"));
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            "verification.txt", "verification.json", "verification.md", "verification.html", "verification.junit.xml",
        }));
    }

    [Test]
    public void ShardsSplitTheMarkedFunctions()
    {
        var names = Enumerable.Range(0, 2).SelectMany(i =>
        {
            var r = CliRunner.Run("verify", "--assembly", UserLibraries.Sample, "--shard", $"{i}/2", "--sequential", "--format", "json");
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Err);
            using var doc = JsonDocument.Parse(r.Out);
            return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        });
        Assert.That(names, Is.EqualTo(new[] { "Losses.Logistic", "Rosenbrock", "Losses.Huber", "Pricing.Call" }));
    }

    [Test]
    public void AWrongClaimedGradientExitsOneNamingTheFunction()
    {
        var lib = UserLibraries.Compile(_folder, "MyLib", Loss.Replace("SIGN", "-", StringComparison.Ordinal));
        var r = CliRunner.Run("verify", "--assembly", lib);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Err + r.Out);
        Assert.That(r.Out, Does.Contain("- Losses.Loss at w=0.3, b=-0.2: discrepancy: ∂f/∂b: claimed gives"));
        Assert.That(r.Out, Does.Contain("claimed is the odd one out"));
    }

    [Test]
    public void AFreshlyCompiledLibraryWithoutADepsFileIsVerified()
    {
        var lib = UserLibraries.Compile(_folder, "MyLib", Loss.Replace("SIGN", "", StringComparison.Ordinal));
        var r = CliRunner.Run("verify", "--assembly", lib, "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err + r.Out);
        Assert.That(r.Out, Does.Contain("\"name\": \"Losses.Loss\""));
    }

    [Test]
    public void SeveralAssembliesAreVerifiedTogether()
    {
        var lib = UserLibraries.Compile(_folder, "MyLib", Loss.Replace("SIGN", "", StringComparison.Ordinal));
        var r = CliRunner.Run("verify", "--assembly", UserLibraries.Sample, "--assembly", lib, "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Err + r.Out);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.That(doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "Losses.Logistic", "Losses.Huber", "Rosenbrock", "Pricing.Call", "Losses.Loss" }));
    }

    [Test]
    public void MarkedFunctionsThatCannotBeVerifiedAsWrittenAreBadInputNamingEach()
    {
        var lib = UserLibraries.Compile(_folder, "Faulty", """
            namespace MyLib;
            public static class Faults
            {
                [Verify(Points = "x=1,y=oops")]
                public static T BadPoints<T>(T x, T y) where T : INumberBase<T> => x * y;

                [Verify(Points = "x=1,y=2", Claimed = "Gradiant")]
                public static T NoSuchClaim<T>(T x, T y) where T : INumberBase<T> => x * y;

                [Verify(Points = "x=1,y=2", Claimed = nameof(WrongSignature))]
                public static T BadClaim<T>(T x, T y) where T : INumberBase<T> => x * y;

                [Verify(Points = "x=1")]
                public static double NotGeneric(double x) => x;

                [Verify(Points = "x=1")]
                public static T Integers<T>(T x) where T : IBinaryInteger<T> => x;

                public static double[] Gradient(double x, double y) => [y, x];

                public static double WrongSignature(double x, double y) => x;
            }
            """);
        var r = CliRunner.Run("verify", "--assembly", lib);
        AssertBadInput(r,
            $"adverify: {lib}: Faults.BadPoints: Points = \"x=1,y=oops\" does not parse: the value of y, 'oops', is not a number",
            $"adverify: {lib}: Faults.NoSuchClaim: Claimed = \"Gradiant\", but Faults has no method named Gradiant (did you mean Gradient?)",
            $"adverify: {lib}: Faults.BadClaim: Claimed = \"WrongSignature\", but Faults.WrongSignature returns double",
            $"adverify: {lib}: Faults.NotGeneric: it is not generic",
            $"adverify: {lib}: Faults.Integers: its type parameter T has the constraint IBinaryInteger<T>");
        Assert.That(r.Out, Is.Empty);
    }

    [Test]
    public void AProblemTooLongForOneMessageLineIsPrintedWhole()
    {
        var name = "y" + new string('z', 300);
        var lib = UserLibraries.Compile(_folder, "Long", $$"""
            public static class F
            {
                [Verify(Points = "x=1,{{name}}=2")]
                public static T G<T>(T x) where T : INumberBase<T> => x;
            }
            """);
        var r = CliRunner.Run("verify", "--assembly", lib);
        AssertBadInput(r, $"adverify: {lib}: F.G: Points names '{name}', which is not one of its variables (x)");
        Assert.That(r.Err, Does.StartWith("adverify: 1 problem(s) with the assemblies given to --assembly; nothing was verified:\n"));
    }

    [Test]
    public void AMissingFileIsBadInput() =>
        AssertBadInput(CliRunner.Run("verify", "--assembly", "bin/Release/net10.0/Missing.dll"), "bin/Release/net10.0/Missing.dll: the file does not exist");

    [Test]
    public void AFileThatIsNotAnAssemblyIsBadInput()
    {
        var path = Path.Combine(_folder, "readme.dll");
        File.WriteAllText(path, "hello");
        AssertBadInput(CliRunner.Run("verify", "--assembly", path), $"{path}: this is not a .NET assembly");
    }

    [Test]
    public void AReferenceAssemblyIsBadInput()
    {
        var lib = UserLibraries.Compile(_folder, "MyLib", Loss.Replace("SIGN", "", StringComparison.Ordinal), referenceAssembly: true);
        AssertBadInput(CliRunner.Run("verify", "--assembly", lib), $"{lib}: this is a reference assembly");
    }

    [Test]
    public void AnAssemblyWithoutMarkedFunctionsIsBadInput()
    {
        var lib = UserLibraries.Compile(_folder, "Plain", "namespace MyLib; public static class Nothing { public static T Id<T>(T x) => x; }");
        AssertBadInput(CliRunner.Run("verify", "--assembly", lib), $"{lib}: no function is marked [Verify]");
    }

    [Test]
    public void AMissingDependencyIsNamed()
    {
        var other = UserLibraries.Folder();
        var dependency = UserLibraries.Compile(other, "Shapes", "namespace Shapes; public abstract class Shape { public abstract double Area(); }");
        var lib = UserLibraries.Compile(_folder, "Uses", """
            namespace MyLib;
            public sealed class Square : Shapes.Shape { public override double Area() => 1; }
            public static class F { [Verify(Points = "x=1")] public static T Id<T>(T x) where T : INumberBase<T> => x; }
            """, references: dependency);
        AssertBadInput(CliRunner.Run("verify", "--assembly", lib), $"{lib}: its types cannot be loaded: a dependency could not be found: Shapes");
    }

    [Test]
    public void AnAssemblyAndACatalogueTogetherAreBadInput()
    {
        AssertBadInput(CliRunner.Run("verify", "catalog.json", "--assembly", UserLibraries.Sample), "give either a catalogue file ('catalog.json') or --assembly, not both");
        AssertBadInput(CliRunner.Run("verify", "--assembly", UserLibraries.Sample, "Other.dll"),
            "'Other.dll' is not preceded by --assembly: repeat the option for each assembly (--assembly A.dll --assembly B.dll)");
        AssertBadInput(CliRunner.Run("verify", "--assembly"), "option --assembly needs a value");
    }

    [Test]
    public void TheHelpShowsTheOption() =>
        Assert.That(CliRunner.Run("verify", "--help").Out, Does.Contain("--assembly PATH.dll").And.Contain("functions marked [Verify]"));
}
