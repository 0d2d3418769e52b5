using System.Globalization;
using AdVerify.Expressions;

namespace AdVerify.Verification;

/// <summary>
/// Reads points written as on the command line: <c>name=number</c> pairs separated by commas
/// (<c>x=2,y=-3.5,z=1e-3</c>, invariant culture), and lists of them separated by semicolons
/// (<c>x=2,y=3; x=0.5,y=1</c>), as <see cref="VerifyAttribute.Points"/> takes them.
/// </summary>
public static class PointSyntax
{
    /// <summary>Parses one point.</summary>
    /// <param name="text">The pairs, for example <c>x=2,y=3</c>.</param>
    /// <returns>The point, in the order given.</returns>
    /// <exception cref="FormatException">A malformed pair, a bad name, a number that is not finite or a name given twice; the message says which.</exception>
    public static Dictionary<string, double> ParsePoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("no point is given: write name=number pairs such as x=2,y=3");
        }

        var point = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split(','))
        {
            var pair = raw.Trim();
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw new FormatException($"'{pair}' is not a name=number pair (example: x=2,y=3)");
            }

            var name = pair[..eq].Trim();
            var number = pair[(eq + 1)..].Trim();
            if (!Expr.IsValidName(name) || Functions.ReservedNames.Contains(name))
            {
                throw new FormatException($"'{name}' is not a variable name");
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"the value of {name}, '{number}', is not a number");
            }

            if (!double.IsFinite(value))
            {
                throw new FormatException($"the value of {name}, '{number}', is not a finite number");
            }

            if (!point.TryAdd(name, value))
            {
                throw new FormatException($"{name} is given twice");
            }
        }

        return point;
    }

    /// <summary>Parses points separated by semicolons (empty entries, such as a trailing semicolon, are ignored).</summary>
    /// <param name="text">The points, for example <c>x=2,y=3; x=0.5,y=1</c>.</param>
    /// <returns>The points, in the order given (at least one).</returns>
    /// <exception cref="FormatException">No point, or a point that does not parse; the message numbers the point when there are several.</exception>
    public static IReadOnlyList<Dictionary<string, double>> ParsePoints(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(';').Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
        if (parts.Length == 0)
        {
            throw new FormatException("no point is given: write name=number pairs, points separated by semicolons, such as \"x=2,y=3; x=0.5,y=1\"");
        }

        var points = new List<Dictionary<string, double>>(parts.Length);
        for (var k = 0; k < parts.Length; k++)
        {
            try
            {
                points.Add(ParsePoint(parts[k]));
            }
            catch (FormatException e) when (parts.Length > 1)
            {
                throw new FormatException($"point {k + 1} ('{parts[k].Trim()}'): {e.Message}", e);
            }
        }

        return points;
    }
}
