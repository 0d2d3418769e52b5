using System.Reflection;
using System.Text.Json;

namespace AdVerify.Discovery;

/// <summary>
/// Finds the NuGet packages a class library depends on in the NuGet packages folder
/// (<c>NUGET_PACKAGES</c>, or <c>~/.nuget/packages</c>), from the runtime assets its
/// <c>.deps.json</c> lists: a class library's build output does not contain its packages (an
/// application's does), so this is where <c>dotnet build</c> left them.
/// </summary>
internal sealed class PackageFolderProbe
{
    private readonly Dictionary<string, string> _paths;

    private PackageFolderProbe(Dictionary<string, string> paths) => _paths = paths;

    /// <summary>The probe for an assembly, from the <c>.deps.json</c> beside it (none: an empty probe).</summary>
    public static PackageFolderProbe For(string assemblyPath)
    {
        var deps = Path.ChangeExtension(assemblyPath, ".deps.json");
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(deps) || !Directory.Exists(root))
        {
            return new PackageFolderProbe(paths);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(deps));
            Read(doc.RootElement, root, paths);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or KeyNotFoundException)
        {
            // An unreadable .deps.json only means fewer places to look; a missing dependency is reported when it is needed.
        }

        return new PackageFolderProbe(paths);
    }

    /// <summary>The file of a package assembly, or null when the packages folder does not have it.</summary>
    public string? Resolve(AssemblyName name) => name.Name is { } simple && _paths.TryGetValue(simple, out var path) ? path : null;

    private static void Read(JsonElement deps, string root, Dictionary<string, string> paths)
    {
        var target = deps.GetProperty("runtimeTarget").GetProperty("name").GetString() ?? "";
        var libraries = deps.GetProperty("libraries");
        foreach (var library in deps.GetProperty("targets").GetProperty(target).EnumerateObject())
        {
            if (!libraries.TryGetProperty(library.Name, out var info) || info.GetProperty("type").GetString() != "package" ||
                !info.TryGetProperty("path", out var folder) || !library.Value.TryGetProperty("runtime", out var runtime))
            {
                continue;
            }

            foreach (var asset in runtime.EnumerateObject())
            {
                var file = Path.Combine(root, folder.GetString()!, asset.Name);
                if (File.Exists(file))
                {
                    paths.TryAdd(Path.GetFileNameWithoutExtension(asset.Name), file);
                }
            }
        }
    }
}
