namespace AdVerify.Cli.CommandLine;

/// <summary>
/// The parsed arguments of one verb: positional values, options with a value
/// (<c>--at x=2</c> or <c>--at=x=2</c>) and flags (<c>--json</c>). Each verb declares which
/// options and flags it accepts; anything else is a usage error that names it.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private Arguments()
    {
    }

    /// <summary>The positional arguments in order.</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>Parses the arguments after the verb.</summary>
    /// <param name="verb">The verb, for messages.</param>
    /// <param name="args">The raw arguments after the verb.</param>
    /// <param name="valueOptions">Options that take a value.</param>
    /// <param name="flags">Options that take no value.</param>
    /// <returns>The parsed arguments.</returns>
    /// <exception cref="UsageException">An unknown option, a missing value or a repeated option.</exception>
    public static Arguments Parse(string verb, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        var result = new Arguments();
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (onlyPositionals || !IsOptionShaped(a) || a == "--")
            {
                if (a == "--" && !onlyPositionals)
                {
                    onlyPositionals = true;
                    continue;
                }

                result._positionals.Add(a);
                continue;
            }

            var name = a;
            string? inlineValue = null;
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = a[..eq];
                inlineValue = a[(eq + 1)..];
            }

            if (valueOptions.Contains(name))
            {
                string value;
                if (inlineValue is not null)
                {
                    value = inlineValue;
                }
                else if (i + 1 < args.Count && !(IsOptionShaped(args[i + 1]) && args[i + 1] != "--" && (valueOptions.Contains(OptionName(args[i + 1])) || flags.Contains(OptionName(args[i + 1])))))
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"option {name} needs a value (adverify {verb} --help shows the usage)");
                }

                if (!result._options.TryAdd(name, value))
                {
                    throw new UsageException($"option {name} is given twice");
                }
            }
            else if (flags.Contains(name))
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"option {name} takes no value");
                }

                result._flags.Add(name);
            }
            else
            {
                var known = valueOptions.Concat(flags).OrderBy(o => o, StringComparer.Ordinal);
                throw new UsageException($"unknown option {name} for 'adverify {verb}' (known: {string.Join(", ", known)}; " +
                    $"an expression that starts with '--' goes after the separator: adverify {verb} -- {name})");
            }
        }

        return result;
    }

    /// <summary>
    /// Whether an argument looks like an option: <c>--</c> followed by a letter (then letters, digits
    /// and dashes, optionally <c>=value</c>). Anything else that starts with dashes, such as the
    /// expression <c>---x</c> or <c>--(x)</c>, is a positional argument.
    /// </summary>
    /// <param name="arg">The raw argument.</param>
    /// <returns>True for option-shaped arguments and for the separator <c>--</c>.</returns>
    public static bool IsOptionShaped(string arg)
    {
        if (arg == "--")
        {
            return true;
        }

        if (arg.Length < 3 || !arg.StartsWith("--", StringComparison.Ordinal) || !char.IsAsciiLetter(arg[2]))
        {
            return false;
        }

        var end = arg.IndexOf('=', StringComparison.Ordinal);
        var name = end < 0 ? arg.AsSpan(2) : arg.AsSpan(2, end - 2);
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static string OptionName(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? arg[..eq] : arg;
    }

    /// <summary>The value of an option, or null when absent.</summary>
    /// <param name="name">The option name with its dashes.</param>
    /// <returns>The value or null.</returns>
    public string? Option(string name) => _options.TryGetValue(name, out var v) ? v : null;

    /// <summary>Whether a flag was given.</summary>
    /// <param name="name">The flag name with its dashes.</param>
    /// <returns>True when present.</returns>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The single positional argument the verb requires.</summary>
    /// <param name="verb">The verb, for the message.</param>
    /// <param name="what">What the argument is, for the message.</param>
    /// <returns>The argument.</returns>
    /// <exception cref="UsageException">None or more than one was given.</exception>
    public string Single(string verb, string what)
    {
        if (_positionals.Count == 0)
        {
            throw new UsageException($"'adverify {verb}' needs {what}");
        }

        if (_positionals.Count > 1)
        {
            throw new UsageException($"'adverify {verb}' takes one {what}, got {_positionals.Count}: unexpected '{_positionals[1]}' (quote an expression that contains spaces)");
        }

        return _positionals[0];
    }
}
