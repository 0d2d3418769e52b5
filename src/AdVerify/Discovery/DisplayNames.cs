namespace AdVerify.Discovery;

/// <summary>Type names as C# writes them, for messages: <c>INumberBase&lt;T&gt;</c>, <c>Outer.Inner</c>, <c>double[]</c>.</summary>
internal static class DisplayNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(double)] = "double", [typeof(float)] = "float", [typeof(int)] = "int", [typeof(long)] = "long",
        [typeof(bool)] = "bool", [typeof(string)] = "string", [typeof(object)] = "object", [typeof(void)] = "void",
        [typeof(decimal)] = "decimal",
    };

    /// <summary>The name of a type without its namespace; nested types are joined to their outer types with dots.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string Of(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[]";
        }

        if (type.IsByRef)
        {
            return "ref " + Of(type.GetElementType()!);
        }

        var outer = type.IsNested && !type.IsGenericParameter ? Of(type.DeclaringType!) + "." : "";
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick < 0 || !type.IsGenericType)
        {
            return outer + name;
        }

        return $"{outer}{name[..tick]}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
    }
}
