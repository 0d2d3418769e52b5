using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace AdVerify.Cli.Tests;

/// <summary>Users' class libraries for adverify verify --assembly: the sample library, and small ones compiled from C# source per test.</summary>
internal static class UserLibraries
{
    /// <summary>samples/AdVerify.Samples.Library's build output (its NuGet packages are not copied there: a class library's are not).</summary>
    public static string Sample { get; } = typeof(UserLibraries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SamplesLibrary").Value!;

    private static readonly Lazy<MetadataReference[]> Framework = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .Append(MetadataReference.CreateFromFile(typeof(VerifyAttribute).Assembly.Location))
        .ToArray());

    /// <summary>A fresh folder for one test's files.</summary>
    public static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "adverify-lib-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Compiles C# source (implicit usings of System, System.Numerics, AdVerify and AdVerify.Definitions) to NAME.dll in a folder.</summary>
    /// <param name="folder">Where the assembly goes.</param>
    /// <param name="name">The assembly name.</param>
    /// <param name="source">The code.</param>
    /// <param name="referenceAssembly">Emit a reference assembly (signatures only, marked [ReferenceAssembly]), as the compiler leaves in obj/…/ref/.</param>
    /// <param name="references">Further assemblies the code uses.</param>
    /// <returns>The assembly's path.</returns>
    public static string Compile(string folder, string name, string source, bool referenceAssembly = false, params string[] references)
    {
        const string Usings = "using System; using System.Numerics; using AdVerify; using AdVerify.Definitions;\n";
        var compilation = CSharpCompilation.Create(name,
            [CSharpSyntaxTree.ParseText(Usings + (referenceAssembly ? "[assembly: System.Runtime.CompilerServices.ReferenceAssembly]\n" : "") + source, new CSharpParseOptions(LanguageVersion.Latest))],
            Framework.Value.Concat(references.Select(r => MetadataReference.CreateFromFile(r))),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var path = Path.Combine(folder, name + ".dll");
        using (var output = File.Create(path))
        {
            var result = compilation.Emit(output, options: new EmitOptions(metadataOnly: referenceAssembly));
            if (!result.Success)
            {
                throw new InvalidOperationException("the test library does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }
        }

        return path;
    }
}
