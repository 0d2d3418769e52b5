using System.CommandLine;

namespace AdVerify.Cli.CommandLine;

/// <summary>
/// Factories for the options several verbs share, so each means the same everywhere. Values are
/// read as text and checked by the verbs (<see cref="PointParser"/>, …), which word the errors;
/// the listed choices feed shell completion (<c>dotnet-suggest</c>) and the help.
/// </summary>
public static class CommonOptions
{
    /// <summary>An option that takes one value.</summary>
    /// <param name="name">The name with its dashes, for example <c>--at</c>.</param>
    /// <param name="helpName">The value's placeholder in help, for example <c>x=2,y=3</c>.</param>
    /// <param name="description">One line for the help.</param>
    /// <param name="choices">The allowed values, when there is a fixed set (offered as completions).</param>
    /// <returns>The option.</returns>
    public static Option<string> Value(string name, string helpName, string description, params string[] choices)
    {
        var option = new Option<string>(name) { HelpName = helpName, Description = description, Arity = ArgumentArity.ExactlyOne };
        if (choices.Length > 0)
        {
            option.CompletionSources.Add(choices);
        }

        return option;
    }

    /// <summary>An option that takes one value and may be repeated (<c>--assembly A.dll --assembly B.dll</c>).</summary>
    /// <param name="name">The name with its dashes, for example <c>--assembly</c>.</param>
    /// <param name="helpName">The value's placeholder in help, for example <c>PATH.dll</c>.</param>
    /// <param name="description">One line for the help.</param>
    /// <returns>The option.</returns>
    public static Option<string[]> Repeatable(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    /// <summary>An option without a value.</summary>
    /// <param name="name">The name with its dashes, for example <c>--json</c>.</param>
    /// <param name="description">One line for the help.</param>
    /// <returns>The flag.</returns>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary><c>--at x=2,y=3</c>: the point.</summary>
    /// <returns>The option.</returns>
    public static Option<string> At() => Value("--at", "x=2,y=3", "the point: name=number pairs separated by commas");

    /// <summary><c>--wrt x,y</c>: the variables to differentiate by.</summary>
    /// <param name="description">One line for the help.</param>
    /// <returns>The option.</returns>
    public static Option<string> Wrt(string description = "the variables to differentiate by, separated by commas (default: every variable of the expression, sorted)") =>
        Value("--wrt", "x,y", description);

    /// <summary><c>--allow-unused</c>: accept <c>--wrt</c> variables the expression does not use.</summary>
    /// <returns>The flag.</returns>
    public static Option<bool> AllowUnused() =>
        Flag("--allow-unused", "accept --wrt variables the expression does not use (their derivative is 0); without it they are an error, since a typo would otherwise look like an answer");

    /// <summary><c>--mode forward|reverse</c>.</summary>
    /// <param name="fallback">The default mode, named in the help.</param>
    /// <returns>The option.</returns>
    public static Option<string> Mode(string fallback) =>
        Value("--mode", "forward|reverse", $"the automatic differentiation mode (default: {fallback})", "forward", "reverse");

    /// <summary><c>--json</c>.</summary>
    /// <returns>The flag.</returns>
    public static Option<bool> Json() => Flag("--json", "print JSON instead of text");

    /// <summary><c>--hessian</c>.</summary>
    /// <param name="description">One line for the help.</param>
    /// <returns>The flag.</returns>
    public static Option<bool> Hessian(string description) => Flag("--hessian", description);

    /// <summary><c>--format</c> with a fixed set of values.</summary>
    /// <param name="choices">The formats, the default first.</param>
    /// <returns>The option.</returns>
    public static Option<string> Format(params string[] choices) =>
        Value("--format", string.Join("|", choices), $"the output format (default: {choices[0]})", choices);

    /// <summary><c>--out DIR</c>: write every report format to a folder.</summary>
    /// <returns>The option.</returns>
    public static Option<string> Out() =>
        Value("--out", "DIR", "also write every report format (json, md, html, junit xml, txt) to this folder, each file atomically");
}
