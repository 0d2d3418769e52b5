using System.Reflection;
using System.Runtime.Loader;

namespace AdVerify.Discovery;

/// <summary>
/// An isolated, collectible load context for one of the user's assemblies: its dependencies are
/// resolved from its own folder and <c>.deps.json</c> (<see cref="AssemblyDependencyResolver"/>),
/// then from the NuGet packages folder for packages a class library's build does not copy
/// (<see cref="PackageFolderProbe"/>); AdVerify itself is shared with the host, so the marks,
/// interfaces and scalars the user's code was compiled against are the host's own types. Anything
/// else (the framework) comes from the default context.
/// </summary>
internal sealed class UserLoadContext : AssemblyLoadContext
{
    private static readonly Assembly Shared = typeof(VerifyAttribute).Assembly;
    private readonly AssemblyDependencyResolver? _resolver;
    private readonly PackageFolderProbe _packages;

    public UserLoadContext(string mainAssemblyPath)
        : base("adverify: " + Path.GetFileName(mainAssemblyPath), isCollectible: true)
    {
        try
        {
            _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        }
        catch (InvalidOperationException)
        {
            // A .deps.json the host cannot read: fall back to the packages folder and the default context.
            _resolver = null;
        }

        _packages = PackageFolderProbe.For(mainAssemblyPath);
    }

    /// <summary>Whether an assembly name is AdVerify itself, which the user's code shares with the host.</summary>
    public static bool IsShared(AssemblyName name) => string.Equals(name.Name, Shared.GetName().Name, StringComparison.OrdinalIgnoreCase);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return Shared;
        }

        var path = _resolver?.ResolveAssemblyToPath(assemblyName) ?? _packages.Resolve(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
