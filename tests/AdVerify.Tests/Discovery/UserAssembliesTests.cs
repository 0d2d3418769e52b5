using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using AdVerify.Discovery;
using AdVerify.Verification;
using NUnit.Framework;

namespace AdVerify.Tests.Discovery;

/// <summary>Loading a user's class library (samples/AdVerify.Samples.Library) as adverify verify --assembly does.</summary>
public class UserAssembliesTests
{
    /// <summary>The sample library's build output (a class library: its NuGet packages are not copied there).</summary>
    public static string SamplesLibrary { get; } = typeof(UserAssembliesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SamplesLibrary").Value!;

    private static string Scratch(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "adverify-user-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Test]
    public void FindsEveryMarkedFunctionOfTheSampleLibrary()
    {
        using var user = UserAssemblies.Load([SamplesLibrary]);
        Assert.That(user.Functions.Select(f => f.Name), Is.EquivalentTo(new[] { "Losses.Logistic", "Losses.Huber", "Rosenbrock", "Pricing.Call" }));
        var call = user.Functions.Single(f => f.Name == "Pricing.Call");
        Assert.That(call.Signature, Is.EqualTo("Pricing.Call(S, K, sigma, r, t)"));
        Assert.That(call.Source, Is.EqualTo(SamplesLibrary));
        Assert.That(call.Points, Has.Count.EqualTo(3));
        Assert.That(user.Functions.Single(f => f.Name == "Rosenbrock").Hessian, Is.True);
    }

    [Test]
    public void LoadsIntoAnIsolatedContextThatSharesAdVerifyAndFindsPackagesInTheNuGetFolder()
    {
        using var user = UserAssemblies.Load([SamplesLibrary]);
        var context = AssemblyLoadContext.All.Single(c => c.Name == "adverify: AdVerify.Samples.Library.dll" && c.Assemblies.Any());
        Assert.That(context.IsCollectible, Is.True);
        Assert.That(context.Assemblies.Select(a => a.GetName().Name), Does.Not.Contain("AdVerify"), "AdVerify is the host's");

        // The hand-written Greeks call MathNet, which the class library's bin folder does not have: found in the packages folder, loaded in isolation.
        var call = user.Functions.Single(f => f.Name == "Pricing.Call");
        Assert.That(call.Claimed!([100, 100, 0.2, 0.03, 0.75])[0], Is.EqualTo(0.5857).Within(1e-4));
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(SamplesLibrary)!, "MathNet.Numerics.dll")), Is.False);
        Assert.That(context.Assemblies.Select(a => a.GetName().Name), Does.Contain("MathNet.Numerics"));
    }

    [Test]
    public void UnloadsWhenDisposed()
    {
        var context = LoadAndDispose();
        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(context.IsAlive, Is.False, "the user's assemblies stay loaded after Dispose");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndDispose()
    {
        var user = UserAssemblies.Load([SamplesLibrary]);
        var report = Verifier.Verify(user.Functions.Where(f => f.Name == "Losses.Logistic").ToArray());
        Assert.That(report.Passed, Is.True);
        var context = AssemblyLoadContext.All.Last(c => c.Name == "adverify: AdVerify.Samples.Library.dll");
        user.Dispose();
        return new WeakReference(context);
    }

    [Test]
    public void VerifiesTheSampleLibraryWithEverySource()
    {
        using var user = UserAssemblies.Load([SamplesLibrary]);
        var report = Verifier.Verify(user.Functions);
        Assert.That(report.Passed, Is.True, () => string.Join("\n", report.Cases.SelectMany(c => c.Results.Select(r => $"{c.Name}: {r.Verdict} {r.Message}"))));
        Assert.That(report.Cases.Select(c => c.Name), Is.EqualTo(user.Functions.Select(f => f.Name)));

        var call = report.Cases.Single(c => c.Name == "Pricing.Call");
        Assert.That(call.Expression, Is.EqualTo("Pricing.Call(S, K, sigma, r, t)"));
        Assert.That(call.Results.Select(r => r.Gradient.Keys.Order()), Is.All.EqualTo(new[]
        {
            Sources.Claimed, Sources.ComplexStep, Sources.FiniteDifference, Sources.Forward, Sources.Reverse, Sources.Symbolic,
        }.Order()));
        Assert.That(report.Cases.Single(c => c.Name == "Rosenbrock").Results.Select(r => r.Hessian), Is.All.Not.Null);

        // Huber branches on the value: symbolic cannot trace it once, so it is traced at each point, and the report says why.
        var huber = report.Cases.Single(c => c.Name == "Losses.Huber");
        Assert.That(huber.Results.Select(r => r.Message), Is.All.Contains("the code cannot be traced symbolically: the comparison <= depends on a value"));
    }

    [Test]
    public void AWrongClaimIsADiscrepancyNamingTheFunction()
    {
        using var user = UserAssemblies.Load([SamplesLibrary]);
        var logistic = user.Functions.Single(f => f.Name == "Losses.Logistic");
        var wrong = logistic with { Claimed = p => [logistic.Claimed!(p)[0], -logistic.Claimed!(p)[1]] };
        var result = Verifier.Verify(wrong);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Name, Is.EqualTo("Losses.Logistic"));
        Assert.That(result.Results[0].Discrepancies.Single().OddOneOut, Is.EqualTo(Sources.Claimed));
    }

    [Test]
    public void AMissingFileAFolderAndAFileThatIsNotAnAssemblyAreNamed()
    {
        var text = Scratch("notes.dll");
        File.WriteAllText(text, "not an assembly");
        var folder = Path.GetDirectoryName(text)!;
        var e = Assert.Throws<MarkedFunctionException>(() => UserAssemblies.Load(["missing/Nothing.dll", folder, text, SamplesLibrary, SamplesLibrary]))!;
        Assert.That(e.Problems, Is.EqualTo(new[]
        {
            "missing/Nothing.dll: the file does not exist (build the project first; the assembly is in its bin/<configuration>/<framework>/ folder)",
            $"{folder}: this is a folder; give the assembly file inside it (for example bin/Release/net10.0/MyLib.dll)",
            $"{text}: this is not a .NET assembly (give the .dll that building your class library produced)",
            $"{SamplesLibrary}: the assembly is given twice",
        }));
        Directory.Delete(folder, true);
    }

    [Test]
    public void AnAssemblyWithoutMarksIsNamed()
    {
        var e = Assert.Throws<MarkedFunctionException>(() => MarkedFunctions.In(typeof(MarkedFunction).Assembly, "AdVerify.dll"))!;
        Assert.That(e.Message, Does.StartWith("AdVerify.dll: no function is marked [Verify]"));
    }
}
