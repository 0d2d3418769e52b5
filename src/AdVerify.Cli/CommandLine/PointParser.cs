using AdVerify.Expressions;
using AdVerify.Verification;

namespace AdVerify.Cli.CommandLine;

/// <summary>Parses points and variable lists given on the command line.</summary>
public static class PointParser
{
    /// <summary>
    /// Parses <c>name=number</c> pairs separated by commas (invariant culture), for example
    /// <c>x=2,y=-3.5,z=1e-3</c>, with the library's <see cref="PointSyntax"/> (the syntax of
    /// <see cref="VerifyAttribute.Points"/> too).
    /// </summary>
    /// <param name="text">The text of the <c>--at</c> option.</param>
    /// <returns>The point, in the order given.</returns>
    /// <exception cref="UsageException">A malformed pair, a bad name, a non-finite number or a duplicate.</exception>
    public static Dictionary<string, double> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("--at is empty: give name=number pairs such as x=2,y=3");
        }

        try
        {
            return PointSyntax.ParsePoint(text);
        }
        catch (FormatException e)
        {
            throw new UsageException("--at: " + e.Message);
        }
    }

    /// <summary>Parses a comma-separated list of variable names such as <c>x,y</c>.</summary>
    /// <param name="option">The option name, for messages.</param>
    /// <param name="text">The text.</param>
    /// <returns>The names, in the order given, without duplicates.</returns>
    /// <exception cref="UsageException">An empty list, a bad name or a duplicate.</exception>
    public static string[] ParseNames(string option, string text)
    {
        var names = text.Split(',').Select(n => n.Trim()).ToArray();
        if (names.Length == 0 || names.Any(n => n.Length == 0))
        {
            throw new UsageException($"{option}: give variable names separated by commas, such as x,y");
        }

        foreach (var n in names)
        {
            if (!Expr.IsValidName(n) || Functions.ReservedNames.Contains(n))
            {
                throw new UsageException($"{option}: '{n}' is not a variable name");
            }
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UsageException($"{option}: {duplicate.Key} is given twice");
        }

        return names;
    }

    /// <summary>Checks that the point gives every variable the expression uses.</summary>
    /// <param name="variables">The expression's variables.</param>
    /// <param name="point">The point.</param>
    /// <exception cref="UsageException">A variable is missing; the message names it.</exception>
    public static void RequireAll(IEnumerable<string> variables, IReadOnlyDictionary<string, double> point)
    {
        var missing = variables.Where(v => !point.ContainsKey(v)).ToArray();
        if (missing.Length > 0)
        {
            // A generated expression may have 100,000 variables: name the first few.
            const int Shown = 10;
            var list = string.Join(", ", missing.Take(Shown)) + (missing.Length > Shown ? $" and {missing.Length - Shown} more" : "");
            throw new UsageException(missing.Length == 1
                ? $"--at gives no value for the variable {list}"
                : $"--at gives no value for the variables {list}");
        }
    }
}
