using System.Text.Json;

namespace AdVerify.Verification;

/// <summary>The catalogue fields for claimed second and higher derivatives and for the precision.</summary>
public sealed partial class Catalogue
{
    /// <summary>
    /// Checks the keys of a claimed Hessian (<c>"row,column"</c>) or of claimed higher derivatives
    /// (<c>"x,x,y"</c>, order 3 and up, or <c>"[x=1,y=-1]^k"</c>) against the differentiated variables.
    /// </summary>
    /// <param name="field"><c>claimedHessian</c> or <c>claimedDerivatives</c>.</param>
    /// <param name="keys">The keys.</param>
    /// <param name="wrt">The differentiated variables.</param>
    /// <returns>The parsed keys by their text, or the first problem (naming the key).</returns>
    internal static (Dictionary<string, DerivativeKey>? Keys, string? Error) CheckDerivativeKeys(string field, IEnumerable<string> keys, IReadOnlyList<string> wrt)
    {
        var parsed = new Dictionary<string, DerivativeKey>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!DerivativeKey.TryParse(key, wrt, field, out var entry, out var error))
            {
                return (null, error);
            }

            var hessian = field == "claimedHessian";
            if (hessian && (entry!.Direction is not null || entry.Order != 2))
            {
                return (null, $"\"{field}\" key \"{key}\" is not \"row,column\" (two variable names separated by a comma)" +
                              (entry.Order > 2 && entry.Direction is null ? "; higher derivatives go in \"claimedDerivatives\"" : ""));
            }

            if (!hessian && entry!.Direction is null && entry.Order < 3)
            {
                return (null, $"\"{field}\" key \"{key}\" is a derivative of order {entry.Order}: put it in \"{(entry.Order == 1 ? "claimed" : "claimedHessian")}\" (\"{field}\" takes order 3 and up, or a direction such as \"[x=1]^{entry.Order}\")");
            }

            if (seen.TryGetValue(entry!.Text, out var first))
            {
                return (null, $"\"{field}\" keys \"{first}\" and \"{key}\" name the same derivative");
            }

            seen[entry.Text] = key;
            parsed[key] = entry;
        }

        return (parsed, null);
    }

    private static Dictionary<string, string> ParseDerivativeClaims(JsonElement e, string where, string field, IReadOnlyList<string>? variables)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogueException($"{where}: \"{field}\" must be an object mapping derivatives (such as \"x,y\") to expressions");
        }

        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                throw new CatalogueException($"{where}: \"{field}\" key \"{p.Name}\": the claimed derivative must be a string expression");
            }

            if (!claims.TryAdd(p.Name, p.Value.GetString()!))
            {
                throw new CatalogueException($"{where}: \"{field}\" key \"{p.Name}\" is given twice");
            }
        }

        // Without variables (the expression does not parse) the case fails with the parse error when verified.
        if (variables is not null && CheckDerivativeKeys(field, claims.Keys, variables).Error is { } error)
        {
            throw new CatalogueException($"{where}: {error}");
        }

        return claims;
    }

    private static Precision ParsePrecision(JsonElement e, string where) => e.ValueKind == JsonValueKind.String ? e.GetString() switch
    {
        "float64" or "double" => Precision.Float64,
        "float32" or "single" => Precision.Float32,
        var other => throw new CatalogueException($"{where}: \"precision\" is \"{other}\"; use float64 or float32"),
    }
    : throw new CatalogueException($"{where}: \"precision\" must be a string (float64 or float32)");
}
