using System.Globalization;
using System.Text;

namespace AdVerify.Cli.Tests.Fuzzing;

/// <summary>One generated invocation: the arguments, and the files it needs (written before the run, deleted after).</summary>
/// <param name="Args">The command line after <c>adverify</c>.</param>
/// <param name="Files">Path → content of temporary files the arguments refer to.</param>
/// <param name="OutDir">The --out folder, when the case writes reports (checked for leftover *.tmp files).</param>
public sealed record FuzzCase(string[] Args, IReadOnlyDictionary<string, string> Files, string? OutDir)
{
    /// <summary>A short, printable description for failure messages.</summary>
    public string Describe()
    {
        var parts = Args.Select(a => a.Length > 200 ? a[..200] + $"…({a.Length} chars)" : a);
        return string.Join(" ", parts.Select(p => "«" + p + "»"));
    }
}

/// <summary>
/// Generates hostile input for the parser and every verb of the command line: random bytes and
/// Unicode, mutations of valid expressions (deleted, duplicated and swapped tokens, unbalanced
/// parentheses, stray commas), huge and tiny numbers, <c>-0</c>, <c>nan</c>/<c>inf</c> spelled as
/// names and as values, Unicode letters and digits, 10^6-character inputs (through <c>@file</c>),
/// deep nesting, empty points, duplicate and missing variables, bad options, broken catalogues
/// and broken reports. Deterministic for a seed.
/// </summary>
public sealed class FuzzInputGenerator
{
    private static readonly string[] Unary =
    [
        "sqrt", "cbrt", "exp", "log", "ln", "log10", "log2", "sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan",
        "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "abs", "sign", "erf",
    ];

    private static readonly string[] Binary = ["pow", "atan2", "hypot", "min", "max"];

    private static readonly string[] Variables = ["x", "y", "z", "t", "α", "x1", "_a", "变量", "nan", "inf", "NaN", "Infinity", "x٣"];

    private static readonly string[] Numbers =
    [
        "0", "1", "2", "0.5", ".5", "3.25", "1e-8", "6.02E23", "1e400", "-1e400", "1e-400", "5e-324", "1e308", "1.7976931348623157e308",
        "2.2250738585072014e-308", "-0", "0.0", "1e10000", "1e10001", "123456789012345678901234567890", "1e", "1e+", "1.2.3", "00012",
    ];

    private static readonly string[] Values =
    [
        "2", "-3.5", "1e-3", "0", "-0", "5e-324", "-5e-324", "1e308", "1e-308", "1e400", "-1e400", "nan", "NaN", "inf", "-inf",
        "Infinity", "-Infinity", "∞", "0x10", "1_000", "١", "", " ", "1e", ".5", "5.", "+1", "--1", "1,5", "700", "-700", "1000", "-1000",
        "3.141592653589793", "1e-320",
    ];

    private const string NoiseCharacters = "()+-*/^,.e1x𝑥\uD83D\uDE00\uDC00\uFEFF\u202E٣Ⅻ";

    private static readonly string[] Verbs = ["eval", "diff", "grad", "graph", "check", "verify", "merge"];

    private readonly Random _random;
    private readonly string _tempDir;
    private int _fileCounter;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed: the same seed gives the same cases.</param>
    /// <param name="tempDir">A folder for the temporary files cases need.</param>
    public FuzzInputGenerator(int seed, string tempDir)
    {
        _random = new Random(seed);
        _tempDir = tempDir;
    }

    /// <summary>The verbs the generator covers.</summary>
    public static IReadOnlyList<string> AllVerbs => Verbs;

    /// <summary>The next case for a verb.</summary>
    /// <param name="verb">One of <see cref="AllVerbs"/>, or <c>parse</c> for bare expression text.</param>
    public FuzzCase Next(string verb)
    {
        var files = new Dictionary<string, string>();
        return verb switch
        {
            "verify" => NextVerify(files),
            "merge" => NextMerge(files),
            _ => NextExpressionVerb(verb, files),
        };
    }

    /// <summary>An expression text: valid, mutated, random noise, deep or huge.</summary>
    public string NextExpressionText()
    {
        return Pick(10) switch
        {
            < 3 => ValidExpression(4),
            < 6 => Mutate(ValidExpression(4)),
            6 => RandomText(_random.Next(0, 40)),
            7 => Deep(),
            8 => SpecialNames(),
            _ => Mutate(Mutate(ValidExpression(3))),
        };
    }

    private FuzzCase NextExpressionVerb(string verb, Dictionary<string, string> files)
    {
        var args = new List<string> { verb };
        string expr;
        if (Pick(200) == 0)
        {
            // 10^6 characters, through @file (an argv string is limited to 128 KiB on Linux).
            expr = Huge();
            var path = NewFile(files, expr);
            args.Add("@" + path);
        }
        else
        {
            expr = NextExpressionText();
            if (Pick(40) == 0)
            {
                args.Add("@" + NewFile(files, expr));
            }
            else if (Pick(60) == 0)
            {
                args.Add("@" + Path.Combine(_tempDir, "missing-" + Guid.NewGuid().ToString("N")));
            }
            else
            {
                args.Add(expr);
            }
        }

        if (Pick(30) == 0)
        {
            args.Add(ValidExpression(2)); // a second positional
        }

        var vars = VariablesIn(expr);
        if (Pick(10) != 0)
        {
            AddOption(args, "--at", Point(vars));
        }

        switch (verb)
        {
            case "diff":
                if (Pick(8) != 0)
                {
                    AddOption(args, "--wrt", Pick(5) == 0 ? NameList(vars) : vars.Count > 0 ? vars[_random.Next(vars.Count)] : "x");
                }

                MaybeFlag(args, "--json");
                break;
            case "grad":
                MaybeOption(args, "--wrt", () => NameList(vars));
                MaybeOption(args, "--mode", () => OneOf("forward", "reverse", "sideways", ""));
                MaybeFlag(args, "--hessian");
                MaybeFlag(args, "--json");
                break;
            case "graph":
                MaybeOption(args, "--wrt", () => NameList(vars));
                MaybeOption(args, "--mode", () => OneOf("forward", "reverse", "both"));
                MaybeOption(args, "--format", () => OneOf("text", "dot", "mermaid", "svg"));
                break;
            case "check":
                MaybeOption(args, "--wrt", () => NameList(vars));
                MaybeOption(args, "--claimed", () => Claimed(vars));
                MaybeFlag(args, "--hessian");
                if (Pick(2) == 0)
                {
                    AddOption(args, "--format", OneOf("json", "json", "json", "text", "xml"));
                }

                break;
            default:
                MaybeFlag(args, "--json");
                break;
        }

        BadOptions(args);
        return new FuzzCase(args.ToArray(), files, null);
    }

    private FuzzCase NextVerify(Dictionary<string, string> files)
    {
        var args = new List<string> { "verify" };
        var catalogue = Pick(6) switch
        {
            0 => RandomText(_random.Next(0, 200)),
            1 => Truncate(CatalogueJson()),
            _ => CatalogueJson(),
        };
        var which = Pick(30);
        args.Add(which == 0 ? Path.Combine(_tempDir, "no-such-catalogue.json") : which == 1 ? _tempDir : NewFile(files, catalogue));
        string? outDir = null;
        if (Pick(4) == 0)
        {
            outDir = Path.Combine(_tempDir, "out-" + Interlocked.Increment(ref _fileCounter).ToString(CultureInfo.InvariantCulture));
            AddOption(args, "--out", outDir);
        }

        AddOption(args, "--format", OneOf("json", "json", "text", "markdown", "html", "junit", "md", "pdf"));
        MaybeOption(args, "--shard", () => OneOf("0/1", "1/2", "0/2", "2/2", "a/b", "0/0", "-1/3", "1", "0/2147483647"));
        args.Add("--sequential");
        BadOptions(args);
        return new FuzzCase(args.ToArray(), files, outDir);
    }

    private FuzzCase NextMerge(Dictionary<string, string> files)
    {
        var args = new List<string> { "merge" };
        var count = _random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            var which = Pick(12);
            args.Add(which switch
            {
                0 => Path.Combine(_tempDir, "no-such-report.json"),
                1 => _tempDir,
                2 => NewFile(files, RandomText(_random.Next(0, 100))),
                3 => NewFile(files, Truncate(ReportText())),
                4 => NewFile(files, MutateJson(ReportText())),
                5 => NewFile(files, ""),
                _ => NewFile(files, ReportText()),
            });
        }

        string? outDir = null;
        if (Pick(4) == 0)
        {
            outDir = Path.Combine(_tempDir, "merged-" + Interlocked.Increment(ref _fileCounter).ToString(CultureInfo.InvariantCulture));
            AddOption(args, "--out", outDir);
        }

        AddOption(args, "--format", OneOf("json", "json", "text", "markdown", "html", "junit", "csv"));
        BadOptions(args);
        return new FuzzCase(args.ToArray(), files, outDir);
    }

    /// <summary>A small catalogue with generated (sometimes broken) cases.</summary>
    private string CatalogueJson()
    {
        var sb = new StringBuilder("{\"cases\": [");
        var n = _random.Next(0, 3);
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            var expr = Pick(3) == 0 ? NextExpressionText() : ValidExpression(3);
            var vars = VariablesIn(expr);
            sb.Append("{\"name\": ").Append(JsonString("case " + i)).Append(", \"expression\": ").Append(JsonString(expr));
            if (Pick(5) != 0)
            {
                sb.Append(", \"points\": [");
                var points = _random.Next(0, 3);
                for (var k = 0; k < points; k++)
                {
                    sb.Append(k > 0 ? ", " : "").Append('{');
                    var names = vars.Where(_ => Pick(8) != 0).ToList();
                    if (Pick(10) == 0)
                    {
                        names.Add(names.Count > 0 ? names[0] : "x"); // duplicate key
                    }

                    sb.Append(string.Join(", ", names.Select(v => JsonString(v) + ": " + JsonNumber())));
                    sb.Append('}');
                }

                sb.Append(']');
            }
            else
            {
                sb.Append(", \"generate\": ").Append(OneOf("1", "2", "3", "0", "-1", "1.5", "\"many\"", "2000"));
            }

            if (Pick(4) == 0)
            {
                sb.Append(", \"wrt\": [").Append(string.Join(", ", NameList(vars).Split(',').Select(JsonString))).Append(']');
            }

            if (Pick(4) == 0 && vars.Count > 0)
            {
                sb.Append(", \"claimed\": {").Append(JsonString(vars[0])).Append(": ").Append(JsonString(Pick(2) == 0 ? ValidExpression(2) : NextExpressionText())).Append('}');
            }

            if (Pick(4) == 0)
            {
                sb.Append(", \"hessian\": ").Append(OneOf("true", "false", "1"));
            }

            if (Pick(4) == 0)
            {
                sb.Append(", \"expect\": ").Append(OneOf("\"consistent\"", "\"undefined\"", "\"error\"", "\"maybe\"", "3"));
            }

            if (Pick(20) == 0)
            {
                sb.Append(", \"bogus\": 1");
            }

            sb.Append('}');
        }

        sb.Append("]}");
        return sb.ToString();
    }

    private string JsonNumber() => OneOf("2", "-3.5", "0", "-0", "5e-324", "1e308", "1e400", "-1e-400", "0.75", "700", "1000", "\"2\"", "null", "NaN", "true");

    /// <summary>A genuine report of a tiny run, in JSON.</summary>
    private string ReportText()
    {
        var expr = ValidExpression(2);
        var vars = VariablesIn(expr);
        var point = vars.ToDictionary(v => v, _ => OneOf(1.5, 2.0, -0.5, 0.0, 700.0), StringComparer.Ordinal);
        var report = AdVerify.Verification.VerificationReport.Of(
        [
            AdVerify.Verification.Verifier.VerifyCase(new AdVerify.Verification.VerificationCase
            {
                Name = "fuzz", Expression = expr, Points = [point],
            }),
        ]);
        return AdVerify.Reporting.ReportJson.Write(report);
    }

    private string MutateJson(string json)
    {
        var sb = new StringBuilder(json);
        for (var k = 0; k < 1 + _random.Next(3); k++)
        {
            if (sb.Length == 0)
            {
                break;
            }

            var at = _random.Next(sb.Length);
            switch (Pick(5))
            {
                case 0:
                    sb.Remove(at, 1);
                    break;
                case 1:
                    sb.Insert(at, OneOf("\"NaN\"", "null", "1e400", "{", "]", ",", "\"verdict\": \"bogus\"", "-0"));
                    break;
                case 2:
                    sb.Replace("consistent", OneOf("undefined", "CONSISTENT", "weird", ""));
                    break;
                case 3:
                    sb.Replace("\"value\": ", "\"value\": " + OneOf("\"NaN\"", "\"Infinity\"", "null", "true", "1e400") + ", \"x\": ");
                    break;
                default:
                    sb[at] = (char)_random.Next(0x20, 0x7f);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A random well-formed expression of at most the given depth.</summary>
    public string ValidExpression(int depth)
    {
        if (depth <= 0 || Pick(4) == 0)
        {
            return Pick(3) switch
            {
                0 => Numbers[_random.Next(10)],
                1 when Pick(4) == 0 => OneOf("pi", "e"),
                _ => Variables[Pick(6) == 0 ? _random.Next(Variables.Length) : _random.Next(4)],
            };
        }

        return Pick(9) switch
        {
            0 => ValidExpression(depth - 1) + OneOf(" + ", "-", "*", " / ", "^") + ValidExpression(depth - 1),
            1 => "(" + ValidExpression(depth - 1) + ")",
            2 => "-" + ValidExpression(depth - 1),
            3 => Binary[_random.Next(Binary.Length)] + "(" + ValidExpression(depth - 1) + ", " + ValidExpression(depth - 1) + ")",
            4 => ValidExpression(depth - 1) + "^" + OneOf("2", "3", "0.5", "-1", "1000", "4097", "(1/3)", "-0.5"),
            _ => Unary[_random.Next(Unary.Length)] + "(" + ValidExpression(depth - 1) + ")",
        };
    }

    /// <summary>Token-level mutations of an expression: delete, duplicate, swap, insert stray tokens, unbalance.</summary>
    public string Mutate(string text)
    {
        var tokens = Tokenize(text);
        var stray = new[] { "(", ")", ",", "+", "-", "*", "/", "^", ".", "e", "E", "1e", "sin", "pi", " ", "\t", "\n", "=", ";", "@", "'", "\"", "\u0000", "\u200B", "\uD800", "𝑥", "½", "²" };
        switch (Pick(7))
        {
            case 0 when tokens.Count > 0:
                tokens.RemoveAt(_random.Next(tokens.Count));
                break;
            case 1 when tokens.Count > 0:
                {
                    var i = _random.Next(tokens.Count);
                    tokens.Insert(i, tokens[i]);
                    break;
                }

            case 2 when tokens.Count > 1:
                {
                    var i = _random.Next(tokens.Count - 1);
                    (tokens[i], tokens[i + 1]) = (tokens[i + 1], tokens[i]);
                    break;
                }

            case 3:
                tokens.Insert(_random.Next(tokens.Count + 1), OneOf("(", ")", "((", "))"));
                break;
            case 4:
                tokens.Insert(_random.Next(tokens.Count + 1), ",");
                break;
            case 5 when tokens.Count > 0:
                tokens = tokens.Take(_random.Next(tokens.Count)).ToList();
                break;
            default:
                tokens.Insert(_random.Next(tokens.Count + 1), stray[_random.Next(stray.Length)]);
                break;
        }

        return string.Concat(tokens);
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            tokens.Add(text[start..i]);
        }

        return tokens;
    }

    private string RandomText(int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(Pick(4) switch
            {
                0 => (char)_random.Next(0, 0x20),
                1 => (char)_random.Next(0x20, 0x7f),
                2 => (char)_random.Next(0x80, 0xD800),
                _ => NoiseCharacters[_random.Next(NoiseCharacters.Length)],
            });
        }

        return sb.ToString();
    }

    private string Deep()
    {
        var n = OneOf(10, 999, 1000, 1001, 5000, 100_000);
        return Pick(6) switch
        {
            0 => new string('(', n) + "x" + new string(')', n),
            1 => new string('-', n) + "x",
            2 => string.Concat(Enumerable.Repeat("sin(", n)) + "x" + new string(')', n),
            3 => string.Concat(Enumerable.Repeat("x^", n)) + "2",
            4 => new string('(', n) + "x", // unbalanced
            _ => string.Concat(Enumerable.Repeat("-(", n)) + "1" + new string(')', n),
        };
    }

    private string Huge()
    {
        const int Size = 1_000_000;
        return Pick(5) switch
        {
            0 => string.Join("+", Enumerable.Repeat("x", Size / 2)),
            1 => new string('9', Size),
            2 => string.Join("*", Enumerable.Repeat("(x+1)", Size / 6)),
            3 => RandomText(Size),
            _ => string.Join("+", Enumerable.Range(0, Size / 8).Select(k => "x" + k.ToString(CultureInfo.InvariantCulture))),
        };
    }

    private string SpecialNames() => OneOf(
        "nan", "inf", "NaN", "Infinity", "-Infinity", "nan*x", "inf - inf", "Infinity/Infinity", "exp(1000)", "exp(-1000)", "log(0)",
        "0/0", "1/0", "x/0", "0^0", "0^-1", "(-8)^(1/3)", "1e400", "-1e400*x", "1e-400", "x*1e-400", "exp(x)", "sqrt(-0)", "-0", "0*-0",
        "log(-0)", "1/-0", "x^1e400", "2^10000", "2^4097", "10^-400", "x^2^2^2^2^2", "sin(1e300)", "tan(pi/2)", "atanh(1)", "acosh(1)",
        "asin(1)", "x^0.5", "abs(x)", "min(x,x)", "max(x, y)", "atan2(0, -0)", "atan2(-0, -1)", "hypot(1e308, 1e308)", "erf(x)",
        "α*β + γ", "x٣ + 1", "变量^2", "𝑥 + 1", "x²", "½x", "١+1", "x\u200By", "e^x", "pi", "e", "e(x)", "pi(1)", "sin", "sin()",
        "sin(x, y)", "pow(x)", "x,y", "(x,y)", "x y", "2x", "x..y", "1..2", ".e1", "1e5e5", "x**2", "x//2", "x^^2", "++x", "+-+-x");

    private string Point(IReadOnlyList<string> vars)
    {
        var names = vars.ToList();
        switch (Pick(12))
        {
            case 0 when names.Count > 0:
                names.RemoveAt(_random.Next(names.Count)); // a point missing a variable
                break;
            case 1 when names.Count > 0:
                names.Add(names[_random.Next(names.Count)]); // duplicate variable
                break;
            case 2:
                names.Add(OneOf("w", "nan", "pi", "sin", "e", "1x", "x y", "", "𝑥"));
                break;
            case 3:
                return OneOf("", " ", ",", "x", "x=", "=1", "x==1", ",,", "x=1,,y=2", "x=1;y=2");
        }

        var values = names.Select(n => n + "=" + (Pick(3) == 0 ? Values[_random.Next(Values.Length)] : OneOf("2", "0.5", "-1.25", "3"))).ToList();
        return string.Join(",", values);
    }

    private string NameList(IReadOnlyList<string> vars)
    {
        var names = vars.Where(_ => Pick(4) != 0).ToList();
        switch (Pick(8))
        {
            case 0:
                names.Add(OneOf("w", "pi", "e", "sin", "1x", "", "x,x"));
                break;
            case 1 when names.Count > 0:
                names.Add(names[0]);
                break;
        }

        return names.Count == 0 ? OneOf("x", "", ",") : string.Join(",", names);
    }

    private string Claimed(IReadOnlyList<string> vars)
    {
        if (Pick(6) == 0)
        {
            return OneOf("", ";", "x", "=1/x", "x=", "x=1;x=2", "w=1", "x==1", "x=1/x;;y=1/y");
        }

        return string.Join("; ", vars.Where(_ => Pick(3) != 0).Select(v => v + "=" + (Pick(3) == 0 ? NextExpressionText().Replace(";", "", StringComparison.Ordinal) : ValidExpression(2))));
    }

    private void BadOptions(List<string> args)
    {
        switch (Pick(14))
        {
            case 0:
                args.Add(OneOf("--frobnicate", "--", "-", "---at", "--AT", "--at", "--json=1", "--hessian=true", "-x", "--out"));
                break;
            case 1:
                args.Add(OneOf("--help", "-h"));
                break;
            case 2:
                {
                    var i = _random.Next(1, args.Count + 1);
                    args.Insert(i, OneOf("--at", "--wrt", "--format", "--mode"));
                    break;
                }

            case 3 when args.Count > 2:
                args.RemoveAt(_random.Next(1, args.Count));
                break;
        }
    }

    private void MaybeOption(List<string> args, string name, Func<string> value)
    {
        if (Pick(3) == 0)
        {
            AddOption(args, name, value());
        }
    }

    private void MaybeFlag(List<string> args, string name)
    {
        if (Pick(3) == 0)
        {
            args.Add(name);
        }
    }

    private void AddOption(List<string> args, string name, string value)
    {
        if (Pick(6) == 0)
        {
            args.Add(name + "=" + value);
        }
        else
        {
            args.Add(name);
            args.Add(value);
        }
    }

    private static List<string> VariablesIn(string expr)
    {
        var found = new List<string>();
        if (expr.Length > 10_000)
        {
            return ["x"];
        }

        foreach (var t in Tokenize(expr))
        {
            if (t.Length > 0 && (char.IsLetter(t[0]) || t[0] == '_') && !Unary.Contains(t) && !Binary.Contains(t) && t is not ("pi" or "e") && !found.Contains(t))
            {
                found.Add(t);
            }
        }

        return found;
    }

    private string NewFile(Dictionary<string, string> files, string content)
    {
        var path = Path.Combine(_tempDir, $"fuzz-{Interlocked.Increment(ref _fileCounter).ToString(CultureInfo.InvariantCulture)}.txt");
        files[path] = content;
        return path;
    }

    private string Truncate(string text) => text.Length == 0 ? text : text[.._random.Next(text.Length)];

    private static string JsonString(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private int Pick(int n) => _random.Next(n);

    private T OneOf<T>(params T[] options) => options[_random.Next(options.Length)];
}
