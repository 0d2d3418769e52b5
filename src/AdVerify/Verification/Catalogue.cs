using System.Text.Json;
using AdVerify.Expressions;

namespace AdVerify.Verification;

/// <summary>
/// One case of a verification catalogue: an expression, the points to check it at (or how
/// many to generate), the variables to differentiate by, an optional claimed gradient, whether
/// to check the Hessian, and an optional expected verdict.
/// </summary>
public sealed record VerificationCase
{
    /// <summary>The case name.</summary>
    public required string Name { get; init; }

    /// <summary>The expression in infix syntax.</summary>
    public required string Expression { get; init; }

    /// <summary>The points; when empty, <see cref="GeneratedPoints"/> points are generated in the domain.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Points { get; init; } = [];

    /// <summary>The variables to differentiate by; null means every variable of the expression, sorted.</summary>
    public IReadOnlyList<string>? Wrt { get; init; }

    /// <summary>The claimed gradient: variable → derivative expression.</summary>
    public IReadOnlyDictionary<string, string>? Claimed { get; init; }

    /// <summary>Whether to verify the Hessian too.</summary>
    public bool Hessian { get; init; }

    /// <summary>
    /// The claimed Hessian: <c>"row,column"</c> → second-derivative expression (a symmetric entry may be
    /// given once). A claim implies <see cref="Hessian"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ClaimedHessian { get; init; }

    /// <summary>
    /// Claimed higher derivatives: <c>"x,x,y"</c> (∂³f/∂x∂x∂y, order 3 and up) or <c>"[x=1,y=-1]^3"</c>
    /// (the third derivative along a direction) → derivative expression.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ClaimedDerivatives { get; init; }

    /// <summary>The precision the function is also verified in (<c>"precision": "float32"</c>); double by default.</summary>
    public Precision Precision { get; init; }

    /// <summary>The expected verdict at every point, when stated.</summary>
    public Verdict? Expect { get; init; }

    /// <summary>
    /// The expected verdict per point, in the order of <see cref="Points"/> (or of the generated
    /// points), when the catalogue gives <c>"expect"</c> as a list: a fault invisible at one point
    /// (a dropped factor where the gradient is 0) then does not fail the case.
    /// </summary>
    public IReadOnlyList<Verdict>? ExpectPerPoint { get; init; }

    /// <summary>Per entry, projections first, or chosen by the number of variables (<c>"mode"</c>: <c>auto</c>, <c>per-entry</c>, <c>projections</c>).</summary>
    public VerificationMode Mode { get; init; }

    /// <summary>How many points to generate when none are given.</summary>
    public int GeneratedPoints { get; init; } = 4;

    /// <summary>The seed of the point generator.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>Thrown when a catalogue cannot be read; the message names the file, line and column or the case.</summary>
public sealed class CatalogueException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public CatalogueException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A verification catalogue (JSON): <c>{"cases": [{"name", "expression", "points", "wrt",
/// "claimed", "hessian", "expect"}]}</c>. Also the embedded default catalogue, which covers
/// every registered function, the seed, classic test functions, kinks and domain edges.
/// </summary>
public sealed partial class Catalogue
{
    /// <summary>Creates a catalogue from cases.</summary>
    /// <param name="cases">The cases.</param>
    public Catalogue(IReadOnlyList<VerificationCase> cases) => Cases = cases;

    /// <summary>The cases, in order.</summary>
    public IReadOnlyList<VerificationCase> Cases { get; }

    /// <summary>The built-in default catalogue (embedded in the library).</summary>
    public static Catalogue Default { get; } = LoadDefault();

    /// <summary>Reads a catalogue file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="CatalogueException">The file is missing, not JSON, or not a catalogue.</exception>
    public static Catalogue Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CatalogueException($"catalogue file '{path}' does not exist");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses catalogue JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for messages (file name).</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="CatalogueException">The text is not JSON or not a catalogue; the message says where.</exception>
    public static Catalogue Parse(string json, string source = "catalogue")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new CatalogueException($"{source}{where}: not valid JSON ({FirstSentence(e.Message)})", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array)
            {
                throw new CatalogueException($"{source}: expected an object with a \"cases\" array");
            }

            var list = new List<VerificationCase>();
            var i = 0;
            foreach (var c in cases.EnumerateArray())
            {
                i++;
                list.Add(ParseCase(c, $"{source}: case {i}"));
            }

            return new Catalogue(list);
        }
    }

    private static VerificationCase ParseCase(JsonElement c, string where)
    {
        if (c.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogueException($"{where}: expected an object");
        }

        var name = c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null;
        if (name is not null)
        {
            where += $" ('{name}')";
        }

        var known = new HashSet<string>(StringComparer.Ordinal) { "name", "expression", "points", "wrt", "claimed", "hessian", "expect", "generate", "seed", "mode", "claimedHessian", "claimedDerivatives", "precision" };
        foreach (var p in c.EnumerateObject())
        {
            if (!known.Contains(p.Name))
            {
                throw new CatalogueException($"{where}: unknown field \"{p.Name}\" (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
            }
        }

        if (!c.TryGetProperty("expression", out var e) || e.ValueKind != JsonValueKind.String)
        {
            throw new CatalogueException($"{where}: \"expression\" (a string) is missing");
        }

        var points = new List<IReadOnlyDictionary<string, double>>();
        if (c.TryGetProperty("points", out var ps))
        {
            if (ps.ValueKind != JsonValueKind.Array)
            {
                throw new CatalogueException($"{where}: \"points\" must be an array of objects such as {{\"x\": 2}}");
            }

            var k = 0;
            foreach (var p in ps.EnumerateArray())
            {
                k++;
                points.Add(ParsePoint(p, $"{where}, point {k}"));
            }
        }

        var wrt = c.TryGetProperty("wrt", out var w) ? ParseNames(w, $"{where}: \"wrt\"") : null;
        var variables = wrt ?? (InfixParser.TryParseComputation(e.GetString()!, out var parsed, out _) ? parsed.Inputs : null);
        return new VerificationCase
        {
            Name = name ?? e.GetString()!,
            Expression = e.GetString()!,
            Points = points,
            Wrt = wrt,
            Claimed = c.TryGetProperty("claimed", out var cl) ? ParseClaimed(cl, where) : null,
            ClaimedHessian = c.TryGetProperty("claimedHessian", out var ch) ? ParseDerivativeClaims(ch, where, "claimedHessian", variables) : null,
            ClaimedDerivatives = c.TryGetProperty("claimedDerivatives", out var cd) ? ParseDerivativeClaims(cd, where, "claimedDerivatives", variables) : null,
            Precision = c.TryGetProperty("precision", out var pr) ? ParsePrecision(pr, where) : Precision.Float64,
            Hessian = c.TryGetProperty("hessian", out var h) && (h.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? h.GetBoolean()
                : throw new CatalogueException($"{where}: \"hessian\" must be true or false")),
            Expect = c.TryGetProperty("expect", out var x) && x.ValueKind != JsonValueKind.Array ? ParseExpect(x, where) : null,
            ExpectPerPoint = c.TryGetProperty("expect", out var xs) && xs.ValueKind == JsonValueKind.Array ? ParseExpectList(xs, where, points.Count, c) : null,
            Mode = c.TryGetProperty("mode", out var m) ? ParseMode(m, where) : VerificationMode.Auto,
            GeneratedPoints = c.TryGetProperty("generate", out var g) ? PositiveInt(g, $"{where}: \"generate\"", 1000) : 4,
            Seed = c.TryGetProperty("seed", out var s) ? PositiveInt(s, $"{where}: \"seed\"", int.MaxValue) : 1,
        };
    }

    private static Dictionary<string, double> ParsePoint(JsonElement p, string where)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogueException($"{where}: expected an object such as {{\"x\": 2}}");
        }

        var point = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var v in p.EnumerateObject())
        {
            if (v.Value.ValueKind != JsonValueKind.Number || !v.Value.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                throw new CatalogueException($"{where}: the value of \"{v.Name}\" must be a finite number");
            }

            if (!point.TryAdd(v.Name, d))
            {
                throw new CatalogueException($"{where}: \"{v.Name}\" is given twice");
            }
        }

        return point;
    }

    private static string[] ParseNames(JsonElement w, string where)
    {
        if (w.ValueKind != JsonValueKind.Array || w.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
        {
            throw new CatalogueException($"{where} must be an array of variable names");
        }

        var names = w.EnumerateArray().Select(x => x.GetString()!).ToArray();
        var dup = names.GroupBy(x => x, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new CatalogueException($"{where} names \"{dup.Key}\" twice");
        }

        return names;
    }

    private static Dictionary<string, string> ParseClaimed(JsonElement cl, string where)
    {
        if (cl.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogueException($"{where}: \"claimed\" must be an object mapping variables to derivative expressions");
        }

        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in cl.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                throw new CatalogueException($"{where}: the claimed derivative for \"{p.Name}\" must be a string expression");
            }

            claimed[p.Name] = p.Value.GetString()!;
        }

        return claimed;
    }

    private static Verdict ParseExpect(JsonElement x, string where) =>
        x.ValueKind == JsonValueKind.String && VerdictNames.TryParse(x.GetString(), out var v)
            ? v
            : throw new CatalogueException($"{where}: \"expect\" must be one of consistent, discrepancy, nondifferentiable, undefined, error");

    private static Verdict[] ParseExpectList(JsonElement xs, string where, int pointCount, JsonElement c)
    {
        var list = xs.EnumerateArray().Select((x, i) => ParseExpect(x, $"{where}, expect[{i}]")).ToArray();
        var expected = pointCount > 0 ? pointCount : c.TryGetProperty("generate", out var g) && g.TryGetInt32(out var k) ? k : 4;
        return list.Length == expected
            ? list
            : throw new CatalogueException($"{where}: \"expect\" lists {list.Length} verdict(s) but the case has {expected} point(s): give one verdict per point, in order");
    }

    private static VerificationMode ParseMode(JsonElement m, string where) => m.GetString() switch
    {
        _ when m.ValueKind != JsonValueKind.String => throw new CatalogueException($"{where}: \"mode\" must be a string"),
        "auto" => VerificationMode.Auto,
        "per-entry" => VerificationMode.PerEntry,
        "projections" => VerificationMode.Projections,
        var other => throw new CatalogueException($"{where}: \"mode\" is \"{other}\"; use auto, per-entry or projections"),
    };

    private static int PositiveInt(JsonElement g, string where, int max) =>
        g.ValueKind == JsonValueKind.Number && g.TryGetInt32(out var k) && k >= 1 && k <= max
            ? k
            : throw new CatalogueException($"{where} must be a whole number from 1 to {max}");

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }

    private static Catalogue LoadDefault()
    {
        using var stream = typeof(Catalogue).Assembly.GetManifestResourceStream("AdVerify.Verification.DefaultCatalogue.json")
            ?? throw new InvalidOperationException("The default catalogue is missing from the AdVerify assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "default catalogue");
    }
}
