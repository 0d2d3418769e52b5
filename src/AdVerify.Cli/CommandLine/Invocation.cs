using System.CommandLine;

namespace AdVerify.Cli.CommandLine;

/// <summary>
/// What a verb gets when it runs: the parsed command line (positional arguments, option values
/// and flags, already checked for unknown options, missing values and repeats), the output
/// writers and the interruption token.
/// </summary>
public sealed class Invocation
{
    private readonly ParseResult _parse;

    internal Invocation(Verb verb, ParseResult parse, IReadOnlyList<string> positionals, TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        Verb = verb;
        _parse = parse;
        Positionals = positionals;
        Out = stdout;
        Err = stderr;
        Interrupt = interrupt;
    }

    /// <summary>The verb being run.</summary>
    public Verb Verb { get; }

    /// <summary>The positional arguments in order (their count is within the verb's bounds).</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Where results go.</summary>
    public TextWriter Out { get; }

    /// <summary>Where warnings and progress go.</summary>
    public TextWriter Err { get; }

    /// <summary>Cancelled when the caller interrupts the run (Ctrl-C is handled by the verbs that can stop early).</summary>
    public CancellationToken Interrupt { get; }

    /// <summary>The value of an option that takes one, or null when it was not given.</summary>
    /// <param name="option">One of the verb's options.</param>
    /// <returns>The value as typed.</returns>
    public string? Value(Option<string> option) => _parse.GetResult(option) is { Implicit: false } ? _parse.GetValue(option) : null;

    /// <summary>The values of a repeatable option, in the order given (empty when it was not given).</summary>
    /// <param name="option">One of the verb's repeatable options.</param>
    /// <returns>The values as typed.</returns>
    public IReadOnlyList<string> Values(Option<string[]> option) => _parse.GetResult(option) is { Implicit: false } ? _parse.GetValue(option) ?? [] : [];

    /// <summary>Whether a flag was given.</summary>
    /// <param name="flag">One of the verb's flags.</param>
    /// <returns>True when present.</returns>
    public bool Flag(Option<bool> flag) => _parse.GetResult(flag) is { Implicit: false };

    /// <summary>The single positional argument of a verb that takes exactly one.</summary>
    /// <returns>The argument.</returns>
    public string Single() => Positionals[0];
}
