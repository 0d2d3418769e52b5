using System.Globalization;
using System.Reflection;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Verification;
using LinqExpression = System.Linq.Expressions.Expression;

namespace AdVerify.Discovery;

/// <summary>
/// Finds the functions marked with <see cref="VerifyAttribute"/> in an assembly (or among some
/// types) and turns each into a <see cref="MarkedFunction"/>: a marked generic method through
/// <see cref="GenericMethodFunction"/>, a marked one-definition type through a new instance. Every
/// problem (a method of the wrong shape, points that do not parse or miss a variable, a claimed
/// gradient that does not exist or has the wrong signature) is collected and reported together in
/// one <see cref="MarkedFunctionException"/>, each naming the assembly, type and method.
/// </summary>
public static class MarkedFunctions
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <summary>The marked functions of an assembly, in declaration order.</summary>
    /// <param name="assembly">The assembly.</param>
    /// <param name="source">How messages name the assembly (default: its file name).</param>
    /// <returns>The functions (at least one).</returns>
    /// <exception cref="MarkedFunctionException">The assembly's types cannot be loaded, nothing is marked, or a marked function cannot be verified as written.</exception>
    public static IReadOnlyList<MarkedFunction> In(Assembly assembly, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        source ??= assembly.Location.Length > 0 ? Path.GetFileName(assembly.Location) : assembly.GetName().Name ?? "the assembly";
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new MarkedFunctionException($"{source}: its types cannot be loaded: {LoaderProblem(e)}", e);
        }

        var found = In(types, source);
        return found.Count > 0
            ? found
            : throw new MarkedFunctionException(
                $"{source}: no function is marked [Verify]: put [Verify(Points = \"x=1,y=2\")] (namespace AdVerify) on a public static generic method " +
                "or a public IScalarFunction type, and point at the assembly that contains it");
    }

    /// <summary>The marked functions among some types (and their methods), in the order given.</summary>
    /// <param name="types">The types to search.</param>
    /// <param name="source">How messages name where the types come from.</param>
    /// <returns>The functions; empty when nothing is marked.</returns>
    /// <exception cref="MarkedFunctionException">A marked function cannot be verified as written; every problem is listed.</exception>
    public static IReadOnlyList<MarkedFunction> In(IEnumerable<Type> types, string source)
    {
        ArgumentNullException.ThrowIfNull(types);
        var problems = new List<string>();
        var found = new List<MarkedFunction>();
        foreach (var type in types)
        {
            if (type.GetCustomAttribute<VerifyAttribute>() is { } onType)
            {
                Add(FromType(type, onType, source, problems));
            }

            foreach (var method in type.GetMethods(Everything).OrderBy(m => m.MetadataToken))
            {
                if (method.GetCustomAttribute<VerifyAttribute>() is { } onMethod)
                {
                    Add(FromMethod(method, onMethod, source, problems));
                }
            }
        }

        return problems.Count > 0 ? throw new MarkedFunctionException(problems) : found;

        void Add(MarkedFunction? f)
        {
            if (f is not null)
            {
                found.Add(f);
            }
        }
    }

    /// <summary>
    /// Makes case names unique: functions that share <c>Type.Method</c> are qualified by their
    /// namespace, then by their assembly, then by their variables (overloads).
    /// </summary>
    /// <param name="functions">The functions, in report order.</param>
    /// <returns>The same functions with unique names, in the same order.</returns>
    public static IReadOnlyList<MarkedFunction> WithUniqueNames(IReadOnlyList<MarkedFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var named = functions;
        Func<MarkedFunction, string>[] qualifiers =
        [
            f => string.IsNullOrEmpty(f.Namespace) ? f.Name : $"{f.Namespace}.{f.Name}",
            f => $"{f.Source}: {f.Name}",
            f => $"{f.Name}({string.Join(", ", f.Definition.Variables)})",
        ];
        foreach (var qualify in qualifiers)
        {
            var clashes = named.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            named = named.Select(f => clashes.Contains(f.Name) ? f with { Name = qualify(f) } : f).ToArray();
        }

        return named;
    }

    private static MarkedFunction? FromMethod(MethodInfo method, VerifyAttribute mark, string source, List<string> problems)
    {
        var type = method.DeclaringType!;
        var where = $"{source}: {DisplayNames.Of(type)}.{method.Name}";
        if (GenericMethodFunction.ShapeProblem(method) is { } shape)
        {
            problems.Add($"{where}: {shape}");
            return null;
        }

        var function = GenericMethodFunction.Create(method);
        Definition definition;
        try
        {
            definition = Definition.Of(function, [.. function.Variables]);
        }
        catch (ArgumentException e)
        {
            problems.Add($"{where}: a parameter name cannot be a variable name: {FirstClause(e.Message)}; rename the parameter");
            return null;
        }

        var before = problems.Count;
        var points = Points(where, mark.Points, definition.Variables, problems);
        var claimed = Claim(where, type, mark.Claimed, definition.Variables, problems);
        return problems.Count > before
            ? null
            : new MarkedFunction(function.Name, function.Signature, source, definition, points!, claimed, mark.Claimed, mark.Hessian) { Namespace = type.Namespace };
    }

    private static MarkedFunction? FromType(Type type, VerifyAttribute mark, string source, List<string> problems)
    {
        var name = DisplayNames.Of(type);
        var where = $"{source}: {name}";
        if (!typeof(IScalarFunction).IsAssignableFrom(type))
        {
            problems.Add($"{where}: it is marked [Verify] but does not implement AdVerify.Definitions.IScalarFunction; implement it, or mark a public static generic method instead");
            return null;
        }

        if (!type.IsVisible || type.IsAbstract || type.ContainsGenericParameters)
        {
            var what = !type.IsVisible ? "not public" : type.IsAbstract ? "abstract" : "generic";
            problems.Add($"{where}: it is {what}; mark a public, non-abstract, non-generic IScalarFunction type with a parameterless constructor");
            return null;
        }

        if (!type.IsValueType && type.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add($"{where}: it has no public parameterless constructor, so adverify cannot create it; add one (or make it a struct)");
            return null;
        }

        IScalarFunction function;
        try
        {
            function = (IScalarFunction)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            problems.Add($"{where}: its parameterless constructor threw {inner.GetType().Name}: {inner.Message}");
            return null;
        }

        var named = type.GetCustomAttribute<VariablesAttribute>()?.Names;
        var before = problems.Count;
        var variables = named ?? CoordinateNames(where, mark.Points, problems);
        if (variables is null)
        {
            return null;
        }

        Definition definition;
        try
        {
            definition = Definition.Of(function, [.. variables]);
        }
        catch (ArgumentException e)
        {
            problems.Add($"{where}: [Variables] names a coordinate that cannot be a variable name: {FirstClause(e.Message)}");
            return null;
        }

        var points = Points(where, mark.Points, definition.Variables, problems);
        var claimed = Claim(where, type, mark.Claimed, definition.Variables, problems);
        var signature = $"{name}({string.Join(", ", definition.Variables)})";
        return problems.Count > before
            ? null
            : new MarkedFunction(name, signature, source, definition, points!, claimed, mark.Claimed, mark.Hessian) { Namespace = type.Namespace };
    }

    /// <summary>The coordinates of a type without [Variables]: x0, x1, … as many as the first point names.</summary>
    private static IReadOnlyList<string>? CoordinateNames(string where, string text, List<string> problems)
    {
        IReadOnlyList<Dictionary<string, double>> parsed;
        try
        {
            parsed = PointSyntax.ParsePoints(text);
        }
        catch (FormatException)
        {
            // Points reports the parse error itself.
            return ["x0"];
        }

        var names = Enumerable.Range(0, parsed[0].Count).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var odd = parsed[0].Keys.FirstOrDefault(k => !names.Contains(k, StringComparer.Ordinal));
        if (odd is not null)
        {
            problems.Add($"{where}: Points names '{odd}', but a type without [Variables] has the coordinates x0, x1, … " +
                         $"(here {string.Join(", ", names)}); put [Variables(\"{string.Join("\", \"", parsed[0].Keys)}\")] on the type, or name the coordinates x0, x1, …");
            return null;
        }

        return names;
    }

    private static IReadOnlyList<IReadOnlyList<double>>? Points(string where, string text, IReadOnlyList<string> variables, List<string> problems)
    {
        var example = string.Join(",", variables.Select(v => v + "=1"));
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{where}: Points is missing: list the points to verify at, such as [Verify(Points = \"{example}; {example.Replace("=1", "=0.5", StringComparison.Ordinal)}\")]");
            return null;
        }

        IReadOnlyList<Dictionary<string, double>> parsed;
        try
        {
            parsed = PointSyntax.ParsePoints(text);
        }
        catch (FormatException e)
        {
            problems.Add($"{where}: Points = \"{text}\" does not parse: {e.Message}");
            return null;
        }

        var points = new List<IReadOnlyList<double>>();
        for (var k = 0; k < parsed.Count; k++)
        {
            var point = parsed[k];
            var label = parsed.Count > 1 ? $"Points, point {k + 1}" : "Points";
            var unknown = point.Keys.FirstOrDefault(n => !variables.Contains(n, StringComparer.Ordinal));
            if (unknown is not null)
            {
                problems.Add($"{where}: {label} names '{unknown}', which is not one of its variables ({string.Join(", ", variables)}){Suggest(unknown, variables)}");
                return null;
            }

            var missing = variables.Where(v => !point.ContainsKey(v)).ToArray();
            if (missing.Length > 0)
            {
                problems.Add($"{where}: {label} gives no value for {string.Join(", ", missing)} (every point gives every variable: {example})");
                return null;
            }

            points.Add(variables.Select(v => point[v]).ToArray());
        }

        return points;
    }

    private static Func<double[], double[]>? Claim(string where, Type type, string? name, IReadOnlyList<string> variables, List<string> problems)
    {
        if (name is null)
        {
            return null;
        }

        var wanted = $"public static double[] {name}({string.Join(", ", variables.Select(v => "double " + v))}) (or one double[])";
        var candidates = type.GetMethods(Everything).Where(m => m.Name == name).ToArray();
        if (candidates.Length == 0)
        {
            var others = type.GetMethods(Everything).Where(m => m.IsStatic && m.ReturnType == typeof(double[])).Select(m => m.Name).Distinct().ToArray();
            var suggestion = Suggest(name, others);
            problems.Add($"{where}: Claimed = \"{name}\", but {DisplayNames.Of(type)} has no method named {name}" +
                         (suggestion.Length > 0 ? suggestion : $"; the claimed gradient is a method of the same type: {wanted}"));
            return null;
        }

        var perVariable = candidates.FirstOrDefault(m => Usable(m) && m.GetParameters().Length == variables.Count && m.GetParameters().All(p => p.ParameterType == typeof(double)));
        if (perVariable is not null)
        {
            var p = LinqExpression.Parameter(typeof(double[]), "p");
            var args = Enumerable.Range(0, variables.Count).Select(i => LinqExpression.ArrayIndex(p, LinqExpression.Constant(i)));
            return LinqExpression.Lambda<Func<double[], double[]>>(LinqExpression.Call(perVariable, args), p).Compile();
        }

        var array = candidates.FirstOrDefault(m => Usable(m) && m.GetParameters() is [{ ParameterType: var t }] && t == typeof(double[]));
        if (array is not null)
        {
            return array.CreateDelegate<Func<double[], double[]>>();
        }

        problems.Add($"{where}: Claimed = \"{name}\", but {DisplayNames.Of(type)}.{name} {Describe(candidates[0], variables.Count)}; it must be {wanted}");
        return null;

        static bool Usable(MethodInfo m) => m.IsPublic && m.IsStatic && !m.ContainsGenericParameters && m.ReturnType == typeof(double[]);
    }

    private static string Describe(MethodInfo m, int count)
    {
        var parameters = m.GetParameters();
        var list = $"({string.Join(", ", parameters.Select(p => DisplayNames.Of(p.ParameterType)))})";
        return !m.IsPublic ? "is not public"
            : !m.IsStatic ? "is an instance method"
            : m.ContainsGenericParameters ? "is generic"
            : m.ReturnType != typeof(double[]) ? $"returns {DisplayNames.Of(m.ReturnType)}"
            : parameters.Length != count && parameters.All(p => p.ParameterType == typeof(double))
                ? $"takes {parameters.Length} double(s) but the function has {count} variable(s)"
                : $"takes {list}";
    }

    private static string Suggest(string typed, IEnumerable<string> names)
    {
        var best = names.Select(n => (Name: n, Distance: Suggestions.Distance(typed.ToLowerInvariant(), n.ToLowerInvariant())))
            .Where(c => c.Distance <= (c.Name.Length <= 2 ? 1 : 2))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is null ? "" : $" (did you mean {best.Name}?)";
    }

    /// <summary>An ArgumentException's message without the " (Parameter 'x')" the runtime appends.</summary>
    private static string FirstClause(string message)
    {
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string LoaderProblem(ReflectionTypeLoadException e)
    {
        var first = e.LoaderExceptions.FirstOrDefault(x => x is not null);
        return first switch
        {
            FileNotFoundException f => $"a dependency could not be found: {f.FileName ?? f.Message} (it is neither next to the assembly, nor in its .deps.json, nor in the NuGet packages folder; " +
                                       "build the project that references it, or set <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>)",
            null => e.Message,
            _ => $"{first.GetType().Name}: {first.Message}",
        };
    }
}
