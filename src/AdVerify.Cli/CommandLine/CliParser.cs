using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace AdVerify.Cli.CommandLine;

/// <summary>
/// The command line's grammar on System.CommandLine: one subcommand per <see cref="Verb"/>, POSIX
/// long-option syntax (<c>--at x=2</c>, <c>--at=x=2</c>, <c>--at:x=2</c>, options before or after
/// the arguments), <c>--</c> before an
/// expression that starts with dashes, response files (<c>@args.rsp</c>), <c>--help</c> per verb and
/// shell completion through the <c>[suggest]</c> directive that <c>dotnet-suggest</c> uses. The
/// library finds the tokens; this class words every problem as one line that names the option or
/// argument and says what to do, with a "did you mean" for typos.
/// </summary>
internal sealed class CliParser
{
    /// <summary>The extension that marks a response file: <c>@name.rsp</c>. Any other <c>@path</c> is an expression file.</summary>
    public const string ResponseFileExtension = ".rsp";

    private readonly Dictionary<Command, Verb> _verbs = [];
    private readonly Dictionary<Verb, Argument<string[]>> _positionals = [];
    private readonly HelpOption _help;
    private readonly VersionOption _version;

    public CliParser(IReadOnlyList<Verb> verbs)
    {
        Verbs = verbs;
        Root = new RootCommand("adverify: automatic differentiation that checks itself");
        _help = Root.Options.OfType<HelpOption>().Single();
        _version = Root.Options.OfType<VersionOption>().Single();
        foreach (var verb in verbs)
        {
            var command = new Command(verb.Name, verb.Description);
            var positional = new Argument<string[]>(verb.Positionals.HelpName)
            {
                Arity = ArgumentArity.ZeroOrMore,
                Description = verb.Positionals.Description,
            };
            command.Add(positional);
            foreach (var option in verb.Options)
            {
                command.Add(option);
            }

            Root.Add(command);
            _verbs[command] = verb;
            _positionals[verb] = positional;
        }
    }

    public IReadOnlyList<Verb> Verbs { get; }

    public RootCommand Root { get; }

    /// <summary>
    /// The parser settings: response files limited to <c>@*.rsp</c>, and no bundling of
    /// single-letter options (there are none to bundle, and bundling would read the expression
    /// <c>-hypot(x, y)</c> as <c>-h</c>, the help option).
    /// </summary>
    public ParserConfiguration Configuration { get; } = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = ReadResponseFile };

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args, Configuration);

    /// <summary>Whether the command line asked for help (anywhere before <c>--</c>).</summary>
    public bool WantsHelp(ParseResult parse) => parse.GetResult(_help) is { Implicit: false };

    /// <summary>Whether the command line asked for the version.</summary>
    public bool WantsVersion(ParseResult parse) => parse.GetResult(_version) is { Implicit: false };

    /// <summary>Whether the command line starts with a directive such as <c>[suggest]</c>.</summary>
    public static bool IsDirective(ParseResult parse) => parse.Tokens.Count > 0 && parse.Tokens[0].Type == TokenType.Directive;

    /// <summary>The verb the command line names, if any.</summary>
    public Verb? VerbOf(ParseResult parse) => _verbs.GetValueOrDefault(parse.CommandResult.Command);

    /// <summary>
    /// Checks a parsed command line and returns the verb's invocation, or throws one clear
    /// message: an unknown verb or option (with a suggestion), a flag given a value, an option
    /// without its value or given twice, a missing or surplus positional argument, an unreadable
    /// response file.
    /// </summary>
    /// <exception cref="UsageException">The command line is not valid.</exception>
    public (Verb Verb, IReadOnlyList<string> Positionals) Validate(ParseResult parse, IReadOnlyList<string> args)
    {
        // Errors of the tokenizer (response files) have no symbol.
        if (parse.Errors.FirstOrDefault(e => e.SymbolResult is null) is { } tokenizerError)
        {
            throw new UsageException(tokenizerError.Message);
        }

        var verb = VerbOf(parse);
        if (verb is null)
        {
            var first = parse.Tokens.FirstOrDefault(t => t.Type != TokenType.Directive)?.Value ?? args.FirstOrDefault() ?? "";
            var names = Verbs.Select(v => v.Name).ToArray();
            throw new UsageException($"unknown command '{first}'{Suggest(first, names)} (commands: {string.Join(", ", names)}; adverify --help shows usage)");
        }

        var known = verb.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();
        // Tokens the verb's positional argument took (option values are not among them).
        var positionalTokens = new HashSet<Token>(parse.GetResult(_positionals[verb])?.Tokens ?? [], ReferenceEqualityComparer.Instance);
        var afterSeparator = false;
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                afterSeparator = true;
            }
            else if (!afterSeparator && token.Type == TokenType.Argument && positionalTokens.Contains(token) && IsOptionShaped(token.Value))
            {
                var name = OptionName(token.Value);
                throw new UsageException($"unknown option {name} for 'adverify {verb.Name}'{Suggest(name, known)} (known: {string.Join(", ", known)}; " +
                    $"an expression that starts with '--' goes after the separator: adverify {verb.Name} -- {token.Value})");
            }
        }

        foreach (var option in verb.Options)
        {
            if (parse.GetResult(option) is not { Implicit: false } result)
            {
                continue;
            }

            if (option.Arity.MaximumNumberOfValues == 0)
            {
                // The tokenizer splits "--json=1" into "--json" and "1": find the spelled-out value.
                if (args.Any(a => a.StartsWith(option.Name + "=", StringComparison.Ordinal) || a.StartsWith(option.Name + ":", StringComparison.Ordinal)))
                {
                    throw new UsageException($"option {option.Name} takes no value");
                }
            }
            else if (result.IdentifierTokenCount > 1 && option.Arity.MaximumNumberOfValues == 1)
            {
                // Only options that take a list (--assembly) may be repeated.
                throw new UsageException($"option {option.Name} is given twice");
            }
            else if (result.Tokens.Count == 0)
            {
                throw new UsageException($"option {option.Name} needs a value (adverify {verb.Name} --help shows the usage)");
            }
        }

        var positionals = parse.GetValue(_positionals[verb]) ?? [];
        var p = verb.Positionals;
        if (positionals.Length < p.Min)
        {
            throw new UsageException(p.Min == 1
                ? p.Max == 1 ? $"'adverify {verb.Name}' needs {p.What}" : $"'adverify {verb.Name}' needs one or more {p.Plural}"
                : $"'adverify {verb.Name}' needs at least {p.Min} {p.Plural}");
        }

        if (positionals.Length > p.Max)
        {
            var extra = positionals[p.Max];
            throw new UsageException(p.Max == 1
                ? $"'adverify {verb.Name}' takes one {p.HelpNameInMessages()}, got {positionals.Length}: unexpected '{extra}' (quote an expression that contains spaces)"
                : $"'adverify {verb.Name}' takes at most {p.Max} {p.Plural}, got {positionals.Length}: unexpected '{extra}'");
        }

        // Anything the checks above did not word (a library message), as a last resort.
        if (parse.Errors.Count > 0 && parse.UnmatchedTokens.Count == 0)
        {
            throw new UsageException(parse.Errors[0].Message);
        }

        if (parse.UnmatchedTokens.Count > 0)
        {
            throw new UsageException($"unexpected '{parse.UnmatchedTokens[0]}' for 'adverify {verb.Name}' (adverify {verb.Name} --help shows the usage)");
        }

        return (verb, positionals);
    }

    /// <summary>
    /// Whether an argument looks like an option: <c>--</c> followed by a letter (then letters,
    /// digits and dashes, optionally <c>=value</c>). Anything else that starts with dashes, such as
    /// the expression <c>---x</c> or <c>--(x)</c>, is a positional argument.
    /// </summary>
    public static bool IsOptionShaped(string arg)
    {
        if (arg.Length < 3 || !arg.StartsWith("--", StringComparison.Ordinal) || !char.IsAsciiLetter(arg[2]))
        {
            return false;
        }

        var name = OptionName(arg).AsSpan(2);
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the help of a verb (usage, description, arguments and options), or the overview without one.</summary>
    public void WriteHelp(Verb? verb, TextWriter w)
    {
        if (verb is null)
        {
            WriteOverview(w);
            return;
        }

        w.WriteLine("usage: adverify " + verb.Usage);
        w.WriteLine();
        w.WriteLine(verb.Description);
        var rows = new List<(string FirstColumnText, string SecondColumnText)> { (verb.Positionals.HelpName, verb.Positionals.Description) };
        rows.AddRange(verb.Options.Select(o => (o.Arity.MaximumNumberOfValues == 0 ? o.Name : $"{o.Name} {o.HelpName}", o.Description ?? "")));
        rows.Add(("-h, --help", "show this help"));
        w.WriteLine();
        w.WriteLine("arguments and options:");
        var width = rows.Max(r => r.FirstColumnText.Length) + 2;
        foreach (var row in rows)
        {
            w.WriteLine("  " + row.FirstColumnText.PadRight(width) + row.SecondColumnText);
        }

        w.WriteLine();
        w.WriteLine($"Options also read as --name=value; arguments can come from a response file, adverify {verb.Name} @args{ResponseFileExtension} (one or more arguments per line, # starts a comment).");
    }

    /// <summary>The overview: every verb's usage line and the exit codes.</summary>
    public void WriteOverview(TextWriter w)
    {
        w.WriteLine("adverify: automatic differentiation that checks itself");
        w.WriteLine();
        w.WriteLine("usage:");
        foreach (var v in Verbs)
        {
            w.WriteLine("  adverify " + v.Usage);
        }

        w.WriteLine();
        w.WriteLine("adverify VERB --help explains a verb; adverify --version prints the version.");
        w.WriteLine($"exit codes: {CliApp.Ok} success, {CliApp.Failed} verification failed, {CliApp.BadInput} bad input, {CliApp.InternalError} internal error (a bug: please report it)");
    }

    /// <summary>" (did you mean X?)" for the closest name within two edits, or nothing.</summary>
    public static string Suggest(string typed, IEnumerable<string> names)
    {
        var best = names
            .Select(n => (Name: n, Distance: Distance(typed.ToLowerInvariant(), n.ToLowerInvariant())))
            .Where(c => c.Distance <= (c.Name.TrimStart('-').Length switch { <= 2 => 0, <= 5 => 1, _ => 2 }))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is null ? "" : $" (did you mean {best.Name}?)";
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3 || a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static string OptionName(string arg)
    {
        var eq = arg.IndexOfAny(['=', ':']);
        return eq > 0 ? arg[..eq] : arg;
    }

    /// <summary>
    /// Expands <c>@name.rsp</c> into the arguments the file holds: each line is split like a
    /// command line (quotes group words), blank lines and lines starting with <c>#</c> are skipped.
    /// Any other <c>@path</c> stays an argument (an expression read from that file).
    /// </summary>
    private static bool ReadResponseFile(string token, out IReadOnlyList<string>? replacement, out string? error)
    {
        replacement = null;
        error = null;
        if (!token.EndsWith(ResponseFileExtension, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!File.Exists(token))
        {
            error = $"response file '{token}' does not exist";
            return false;
        }

        try
        {
            replacement = File.ReadAllLines(token)
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .SelectMany(CommandLineParser.SplitCommandLine)
                .ToArray();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"response file '{token}' cannot be read: {e.Message}";
            return false;
        }
    }
}

/// <summary>Wording helpers for <see cref="Positionals"/>.</summary>
internal static class PositionalsWording
{
    /// <summary>The singular noun without its article: "expression" for "an expression".</summary>
    public static string HelpNameInMessages(this Positionals p)
    {
        var space = p.What.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? p.What : p.What[(space + 1)..];
    }
}
