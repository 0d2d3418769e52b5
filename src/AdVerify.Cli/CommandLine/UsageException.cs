namespace AdVerify.Cli.CommandLine;

/// <summary>Bad input from the user: reported as one clear message (plus optional detail lines) with exit code 2.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The one-line message.</param>
    /// <param name="detail">Optional further lines (for example the input with a caret under an error).</param>
    public UsageException(string message, string? detail = null)
        : base(message) => Detail = detail;

    /// <summary>Optional lines printed after the message.</summary>
    public string? Detail { get; }
}
