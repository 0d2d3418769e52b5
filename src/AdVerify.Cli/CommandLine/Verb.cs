using System.CommandLine;

namespace AdVerify.Cli.CommandLine;

/// <summary>
/// One verb of the command line (<c>eval</c>, <c>diff</c>, …): its name, help text, positional
/// arguments, options and what it does. A new verb is one small subclass listed in
/// <see cref="CliApp.Verbs"/>; the shared options (<c>--at</c>, <c>--wrt</c>, <c>--json</c>, …) come
/// from <see cref="CommonOptions"/>, and parsing, help, response files, shell completion and
/// error messages are handled once for every verb by <see cref="CliParser"/>.
/// </summary>
public abstract class Verb
{
    /// <summary>The verb as typed, for example <c>eval</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The usage line after <c>adverify</c>, for example <c>eval EXPR --at x=2,y=3 [--json]</c>.</summary>
    public abstract string Usage { get; }

    /// <summary>A paragraph saying what the verb does, shown by <c>adverify VERB --help</c>.</summary>
    public abstract string Description { get; }

    /// <summary>What the positional arguments are and how many the verb takes.</summary>
    public abstract Positionals Positionals { get; }

    /// <summary>The options the verb accepts; anything else is reported as an unknown option.</summary>
    public abstract IReadOnlyList<Option> Options { get; }

    /// <summary>Runs the verb on parsed arguments.</summary>
    /// <param name="run">The parsed arguments and the output writers.</param>
    /// <returns>The exit code (see <see cref="CliApp"/>).</returns>
    /// <exception cref="UsageException">Bad input; reported as one line with exit code 2.</exception>
    public abstract int Execute(Invocation run);
}

/// <summary>The positional arguments of a verb: how they are shown in help and messages, and how many are allowed.</summary>
/// <param name="HelpName">The placeholder in help, for example <c>EXPR</c>.</param>
/// <param name="What">One of them with its article, for messages, for example <c>an expression</c>.</param>
/// <param name="Plural">Several of them, for messages, for example <c>expressions</c>.</param>
/// <param name="Min">The fewest allowed.</param>
/// <param name="Max">The most allowed.</param>
/// <param name="Description">One line for the help's argument list.</param>
public sealed record Positionals(string HelpName, string What, string Plural, int Min, int Max, string Description)
{
    /// <summary>Exactly one expression, given inline, as <c>@file</c> or as <c>-</c> (standard input).</summary>
    public static Positionals OneExpression { get; } = new(
        "EXPR", "an expression", "expressions", 1, 1,
        "the expression, for example \"log(x*y) + sin(z)\"; @file reads it from a file, - from standard input");
}
