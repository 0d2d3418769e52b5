using System.Text;

namespace AdVerify.Expressions;

/// <summary>
/// The error raised when infix text is not a valid expression. It records where the problem
/// is (<see cref="Position"/>, <see cref="Line"/>, <see cref="Column"/>), what the parser
/// expected there, and can render the offending line with a caret under the error.
/// </summary>
public sealed class ParseException : FormatException
{
    /// <summary>How many characters of a long line <see cref="FormatWithCaret"/> shows around the error.</summary>
    private const int Window = 60;

    /// <summary>Creates a parse error.</summary>
    /// <param name="message">A one-line description of the problem.</param>
    /// <param name="input">The whole text that was parsed.</param>
    /// <param name="position">The 0-based character index of the problem (the input length for end of input).</param>
    /// <param name="expected">What the parser expected at that position.</param>
    public ParseException(string message, string input, int position, string expected)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = input;
        Position = Math.Clamp(position, 0, input.Length);
        Expected = expected;
        (Line, Column, _) = Locate(input, Position);
    }

    /// <summary>The text that was parsed.</summary>
    public string Input { get; }

    /// <summary>The 0-based character index of the problem; equal to the input length at end of input.</summary>
    public int Position { get; }

    /// <summary>The 1-based line of the problem (lines are separated by <c>'\n'</c>).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem within its line; for one-line input this is <see cref="Position"/> + 1.</summary>
    public int Column { get; }

    /// <summary>What the parser expected at <see cref="Position"/>, for example <c>')'</c> or <c>an expression</c>.</summary>
    public string Expected { get; }

    /// <summary>
    /// The message followed by the input line holding the error and a caret <c>^</c> under the
    /// error column; long lines are cut to a window of about 60 characters around the error.
    /// </summary>
    /// <returns>Three lines of text separated by <c>'\n'</c>.</returns>
    public string FormatWithCaret()
    {
        var (_, _, lineStart) = Locate(Input, Position);
        var lineEnd = Input.IndexOf('\n', lineStart);
        if (lineEnd < 0)
        {
            lineEnd = Input.Length;
        }

        var start = lineStart;
        var end = lineEnd;
        if (end - start > Window)
        {
            start = Math.Max(lineStart, Position - (Window / 2));
            end = Math.Min(lineEnd, start + Window);
            start = Math.Max(lineStart, Math.Min(start, end - Window));
        }

        var shown = new StringBuilder();
        if (start > lineStart)
        {
            shown.Append("...");
        }

        var caret = shown.Length + (Position - start);
        for (var i = start; i < end; i++)
        {
            shown.Append(char.IsControl(Input[i]) ? ' ' : Input[i]);
        }

        if (end < lineEnd)
        {
            shown.Append("...");
        }

        return Message + "\n" + shown + "\n" + new string(' ', caret) + "^";
    }

    /// <summary>Describes a location for use inside messages: <c>column 3</c>, or <c>line 2, column 3</c> for multi-line input.</summary>
    /// <param name="input">The text.</param>
    /// <param name="position">The 0-based index.</param>
    /// <returns>The description.</returns>
    internal static string DescribeLocation(string input, int position)
    {
        var (line, column, _) = Locate(input, position);
        return input.Contains('\n') ? $"line {line}, column {column}" : $"column {column}";
    }

    private static (int Line, int Column, int LineStart) Locate(string input, int position)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position && i < input.Length; i++)
        {
            if (input[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, position - lineStart + 1, lineStart);
    }
}
