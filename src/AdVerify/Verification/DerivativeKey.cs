using System.Globalization;

namespace AdVerify.Verification;

/// <summary>
/// A derivative named by a claim's key: either partial derivatives by variables in order
/// (<c>"x,y"</c> is ∂²f/∂x∂y, <c>"x,x,y"</c> is ∂³f/∂x²∂y) or the k-th derivative along a direction
/// (<c>"[x=1,y=-1]^3"</c> is D³f along u = (1, −1); variables left out of the brackets have component 0).
/// </summary>
/// <param name="Text">The key as written.</param>
/// <param name="Variables">For partial derivatives: the positions (into the differentiated variables) of each index; null for a direction.</param>
/// <param name="Direction">For a directional derivative: one component per differentiated variable; null for partials.</param>
/// <param name="Order">The order of the derivative.</param>
internal sealed record DerivativeKey(string Text, int[]? Variables, double[]? Direction, int Order)
{
    /// <summary>The derivative as a symbol: ∂³f/∂x∂x∂y, or D³f along [x=1,y=-1].</summary>
    public string Label(IReadOnlyList<string> names) => Variables is { } v
        ? $"∂{Superscript(Order)}f/{string.Concat(v.Select(i => "∂" + names[i]))}"
        : $"D{Superscript(Order)}f along {Text[..(Text.LastIndexOf('^') is var caret && caret > 0 ? caret : Text.Length)]}";

    /// <summary>The directions whose k-th directional derivatives combine (polarization) into this derivative, with their weights.</summary>
    public IReadOnlyList<(double[] Direction, double Weight)> Polarization(int n)
    {
        if (Direction is { } u)
        {
            return [(u, 1.0)];
        }

        // L(v₁, …, v_k) = (1/k!) Σ_{S ≠ ∅} (−1)^(k−|S|) q(Σ_{i∈S} vᵢ), q(v) = Dᵏf along v; equal sums are merged.
        var k = Order;
        var factorial = 1.0;
        for (var i = 2; i <= k; i++)
        {
            factorial *= i;
        }

        var terms = new Dictionary<string, (double[] Direction, double Weight)>(StringComparer.Ordinal);
        for (var mask = 1; mask < 1 << k; mask++)
        {
            var d = new double[n];
            var size = 0;
            for (var i = 0; i < k; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    d[Variables![i]] += 1;
                    size++;
                }
            }

            var sign = (k - size) % 2 == 0 ? 1.0 : -1.0;
            var id = string.Join(",", d.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            terms[id] = terms.TryGetValue(id, out var t) ? (t.Direction, t.Weight + (sign / factorial)) : (d, sign / factorial);
        }

        return terms.Values.Where(t => t.Weight != 0).ToArray();
    }

    /// <summary>The superscript digits of an order (² ³ ⁴ …).</summary>
    public static string Superscript(int k) =>
        string.Concat(k.ToString(CultureInfo.InvariantCulture).Select(c => "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));

    /// <summary>
    /// Reads a key against the differentiated variables; on failure, the reason (naming the key) for
    /// the caller to put after the case's name.
    /// </summary>
    /// <param name="key">The key text.</param>
    /// <param name="wrt">The differentiated variables.</param>
    /// <param name="field">The catalogue field, for messages (<c>claimedHessian</c>, <c>claimedDerivatives</c>).</param>
    /// <param name="entry">The derivative.</param>
    /// <param name="error">Why the key is not usable.</param>
    /// <returns>True when the key names a derivative of the variables.</returns>
    public static bool TryParse(string key, IReadOnlyList<string> wrt, string field, out DerivativeKey? entry, out string? error)
    {
        entry = null;
        error = null;
        var text = key.Trim();
        var variables = $"({string.Join(", ", wrt)})";
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]^", StringComparison.Ordinal);
            if (close < 0 || !int.TryParse(text[(close + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out var order) || order < 1 || order > MaxOrder)
            {
                error = $"\"{field}\" key \"{key}\" is not a direction and an order such as \"[x=1,y=-1]^3\" (order 1 to {MaxOrder})";
                return false;
            }

            var u = new double[wrt.Count];
            foreach (var part in text[1..close].Split(',', StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var name = eq > 0 ? part[..eq].Trim() : part;
                var index = IndexOf(wrt, name);
                if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var component) || !double.IsFinite(component))
                {
                    error = $"\"{field}\" key \"{key}\": \"{part}\" is not variable=number";
                    return false;
                }

                if (index < 0)
                {
                    error = $"\"{field}\" key \"{key}\": {name} is not among the variables differentiated by {variables}";
                    return false;
                }

                u[index] = component;
            }

            if (u.All(c => c == 0))
            {
                error = $"\"{field}\" key \"{key}\": the direction is zero";
                return false;
            }

            entry = new DerivativeKey(text, null, u, order);
            return true;
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length < 1 || names.Length > MaxOrder || names.Any(n => n.Length == 0))
        {
            error = $"\"{field}\" key \"{key}\" is not a list of variables such as \"x,y\" (1 to {MaxOrder} names separated by commas)";
            return false;
        }

        var indices = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            indices[i] = IndexOf(wrt, names[i]);
            if (indices[i] < 0)
            {
                error = $"\"{field}\" key \"{key}\": {names[i]} is not among the variables differentiated by {variables}";
                return false;
            }
        }

        entry = new DerivativeKey(string.Join(",", names), indices, null, names.Length);
        return true;
    }

    /// <summary>The highest order a claimed derivative may have.</summary>
    public const int MaxOrder = 8;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
