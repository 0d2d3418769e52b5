namespace AdVerify.Expressions;

/// <summary>"Did you mean" hints for misspelt function names, by edit distance.</summary>
internal static class Suggestions
{
    /// <summary>A hint for an unknown function name: the closest known names, or the list of all names.</summary>
    /// <param name="name">The unknown name.</param>
    /// <returns>Text such as <c>did you mean 'cos'?</c> or <c>known functions: sqrt, cbrt, …</c>.</returns>
    public static string ForFunction(string name)
    {
        var known = Functions.All.SelectMany(f => f.Aliases.Prepend(f.Name)).Distinct(StringComparer.Ordinal).ToArray();
        var limit = name.Length <= 2 ? 1 : 2;
        var close = known
            .Select(k => (Name: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(k => k.Distance <= limit)
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal)
            .Take(3).Select(k => $"'{k.Name}'").ToArray();
        return close.Length switch
        {
            0 => "known functions: " + string.Join(", ", known),
            1 => $"did you mean {close[0]}?",
            _ => $"did you mean {string.Join(" or ", close)}?",
        };
    }

    /// <summary>The Levenshtein distance (insertions, deletions and substitutions each cost 1).</summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <returns>The edit distance.</returns>
    public static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return Math.Max(a.Length, b.Length);
        }

        var previous = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, row) = (row, previous);
        }

        return previous[b.Length];
    }
}
