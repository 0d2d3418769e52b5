using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace AdVerify.Expressions;

/// <summary>
/// A scope for user-defined primitives, begun with <see cref="Functions.BeginScope"/>. While it is
/// active, <c>Functions.Define</c> and <see cref="Functions.Register"/> register into it, and
/// <see cref="Functions.TryGet"/> (so the parser and every engine) sees its functions before
/// those of enclosing scopes and of the process-wide registry; a scope may therefore redefine a
/// user function of an outer scope, but never a built-in. The scope flows like an
/// <see cref="AsyncLocal{T}"/>: into tasks, <c>Parallel.For</c> bodies and awaits started inside
/// it, and not into code running elsewhere, so two tests that define a function of the same name
/// in their own scopes do not see each other's. Disposing the scope ends it everywhere;
/// expressions already built keep working (they hold their functions), but the names no longer
/// parse.
/// </summary>
public sealed class FunctionScope : IDisposable
{
    private static readonly AsyncLocal<FunctionScope?> CurrentScope = new();

    private readonly ConcurrentDictionary<string, FunctionInfo> _byName = new(StringComparer.Ordinal);
    private volatile bool _ended;

    private FunctionScope(FunctionScope? parent) => Parent = parent;

    /// <summary>The process-wide registry: where functions go when no scope is active.</summary>
    internal static FunctionScope Global { get; } = new(null);

    /// <summary>The scope that encloses this one; null for a scope begun outside any other.</summary>
    internal FunctionScope? Parent { get; }

    /// <summary>Serialises definitions into this scope (lookups need no lock).</summary>
    internal object Gate { get; } = new();

    /// <summary>The functions defined in this scope (including derived <c>d_name</c> functions), sorted by name.</summary>
    public IReadOnlyList<FunctionInfo> Defined => _byName.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();

    /// <summary>True once the scope has been disposed.</summary>
    public bool HasEnded => _ended;

    /// <summary>The innermost active scope, or <see cref="Global"/> when none is active: where definitions go.</summary>
    internal static FunctionScope Target => Active ?? Global;

    private static FunctionScope? Active
    {
        get
        {
            var s = CurrentScope.Value;
            while (s is not null && s._ended)
            {
                s = s.Parent;
            }

            return s;
        }
    }

    /// <summary>Begins a scope nested in the current one and makes it current.</summary>
    /// <returns>The scope.</returns>
    internal static FunctionScope Begin()
    {
        var scope = new FunctionScope(Active);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Every live scope from the innermost outwards, then the process-wide registry.</summary>
    internal static IEnumerable<FunctionScope> Visible()
    {
        for (var s = Active; s is not null; s = s.Parent)
        {
            if (!s._ended)
            {
                yield return s;
            }
        }

        yield return Global;
    }

    /// <summary>Finds a user function by name in the visible scopes, innermost first.</summary>
    internal static bool TryFind(string name, [NotNullWhen(true)] out FunctionInfo? function)
    {
        for (var s = Active; s is not null; s = s.Parent)
        {
            if (!s._ended && s._byName.TryGetValue(name, out function))
            {
                return true;
            }
        }

        return Global._byName.TryGetValue(name, out function);
    }

    internal bool Contains(string name) => _byName.ContainsKey(name);

    internal bool TryGetOwn(string name, [NotNullWhen(true)] out FunctionInfo? function) => _byName.TryGetValue(name, out function);

    internal bool TryAdd(FunctionInfo function) => _byName.TryAdd(function.Name, function);

    internal void Remove(FunctionInfo function) =>
        ((ICollection<KeyValuePair<string, FunctionInfo>>)_byName).Remove(new KeyValuePair<string, FunctionInfo>(function.Name, function));

    /// <summary>Ends the scope: its functions are no longer found by name anywhere, and the enclosing scope becomes current again.</summary>
    public void Dispose()
    {
        if (ReferenceEquals(this, Global) || _ended)
        {
            return;
        }

        _ended = true;
        if (ReferenceEquals(CurrentScope.Value, this))
        {
            CurrentScope.Value = Parent;
        }
    }
}
