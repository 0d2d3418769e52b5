using System.Reflection;

namespace AdVerify.Discovery;

/// <summary>
/// The user's assemblies, each loaded with its dependencies into an isolated, collectible load
/// context (AdVerify itself is shared with the host), and the functions marked in them with
/// <see cref="VerifyAttribute"/>. Disposing unloads the assemblies: verify first, then dispose.
/// <code>
/// using var user = UserAssemblies.Load(["bin/Release/net10.0/MyLib.dll"]);
/// var report = Verifier.Verify(user.Functions);
/// </code>
/// </summary>
public sealed class UserAssemblies : IDisposable
{
    /// <summary>The runtime's HRESULT for "reference assemblies cannot be loaded for execution".</summary>
    private const int LoadingReferenceAssembly = unchecked((int)0x80131058);

    private readonly IReadOnlyList<UserLoadContext> _contexts;

    private UserAssemblies(IReadOnlyList<UserLoadContext> contexts, IReadOnlyList<MarkedFunction> functions)
    {
        _contexts = contexts;
        Functions = functions;
    }

    /// <summary>Every marked function, assemblies in the order given, functions in declaration order; names are unique.</summary>
    public IReadOnlyList<MarkedFunction> Functions { get; }

    /// <summary>Loads assemblies and finds their marked functions.</summary>
    /// <param name="paths">The assembly files (.dll), as the user named them (messages repeat them).</param>
    /// <returns>The loaded assemblies and their functions.</returns>
    /// <exception cref="MarkedFunctionException">
    /// A file is missing, given twice, not a .NET assembly or a reference assembly; its types or
    /// dependencies cannot be loaded; it marks nothing; or a marked function cannot be verified as
    /// written. Every problem of every assembly is listed.
    /// </exception>
    public static UserAssemblies Load(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var problems = new List<string>();
        var contexts = new List<UserLoadContext>();
        var functions = new List<MarkedFunction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!seen.Add(full))
            {
                problems.Add($"{path}: the assembly is given twice");
                continue;
            }

            var assembly = Open(path, full, contexts, problems);
            if (assembly is null)
            {
                continue;
            }

            try
            {
                functions.AddRange(MarkedFunctions.In(assembly, path));
            }
            catch (MarkedFunctionException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        if (problems.Count > 0)
        {
            contexts.ForEach(c => c.Unload());
            throw new MarkedFunctionException(problems);
        }

        return new UserAssemblies(contexts, MarkedFunctions.WithUniqueNames(functions));
    }

    /// <summary>Unloads the assemblies (they are collected once nothing refers to their types or functions any more).</summary>
    public void Dispose()
    {
        foreach (var context in _contexts)
        {
            context.Unload();
        }
    }

    private static Assembly? Open(string path, string full, List<UserLoadContext> contexts, List<string> problems)
    {
        if (!File.Exists(full))
        {
            problems.Add(Directory.Exists(full)
                ? $"{path}: this is a folder; give the assembly file inside it (for example bin/Release/net10.0/MyLib.dll)"
                : $"{path}: the file does not exist (build the project first; the assembly is in its bin/<configuration>/<framework>/ folder)");
            return null;
        }

        AssemblyName name;
        try
        {
            name = AssemblyName.GetAssemblyName(full);
        }
        catch (BadImageFormatException)
        {
            problems.Add($"{path}: this is not a .NET assembly (give the .dll that building your class library produced)");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: the file cannot be read: {e.Message}");
            return null;
        }

        if (UserLoadContext.IsShared(name))
        {
            // AdVerify itself: already loaded (its types must stay the host's).
            return typeof(VerifyAttribute).Assembly;
        }

        var context = new UserLoadContext(full);
        contexts.Add(context);
        try
        {
            return context.LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException e)
        {
            problems.Add(e.HResult == LoadingReferenceAssembly
                ? $"{path}: this is a reference assembly (signatures without code, from an obj/…/ref/ folder); give the assembly in the bin/ folder"
                : $"{path}: the assembly cannot be loaded: {e.Message}");
        }
        catch (FileLoadException e)
        {
            problems.Add($"{path}: the assembly cannot be loaded: {e.Message}");
        }

        return null;
    }
}
