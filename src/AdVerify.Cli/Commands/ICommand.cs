using AdVerify.Cli.CommandLine;

namespace AdVerify.Cli.Commands;

/// <summary>One verb of the command line.</summary>
public interface ICommand
{
    /// <summary>The verb, for example <c>eval</c>.</summary>
    string Name { get; }

    /// <summary>The usage line after <c>adverify</c>.</summary>
    string Usage { get; }

    /// <summary>A paragraph saying what the verb does.</summary>
    string Description { get; }

    /// <summary>Options that take a value.</summary>
    IReadOnlyCollection<string> ValueOptions { get; }

    /// <summary>Options without a value.</summary>
    IReadOnlyCollection<string> Flags { get; }

    /// <summary>Runs the verb.</summary>
    /// <param name="args">The parsed arguments.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where diagnostics go.</param>
    /// <returns>The exit code.</returns>
    int Execute(Arguments args, TextWriter stdout, TextWriter stderr);
}
