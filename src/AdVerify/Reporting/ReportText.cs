using System.Globalization;
using System.Net;
using System.Text;

namespace AdVerify.Reporting;

/// <summary>
/// Makes text a user wrote (case names, expressions, variable names, messages that quote them)
/// safe to show in each report format. Every format first makes invisible characters visible
/// (<see cref="Visible"/>): a case name can never move the cursor, colour a terminal, break a
/// table row or produce a file that an XML parser rejects. Then each format escapes its own
/// markup, so a name such as <c>&lt;script&gt;</c> is shown, never run.
/// </summary>
public static class ReportText
{
    /// <summary>
    /// Replaces every control character (C0, DEL and C1, which includes NUL, ESC and the CSI that
    /// starts terminal escape sequences), every bidirectional-text control, the Unicode line and
    /// paragraph separators, the non-characters U+FFFE/U+FFFF and every unpaired surrogate by a
    /// visible escape: <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\0</c> or <c>\uXXXX</c>. Other text is
    /// returned unchanged (the same string when nothing needs escaping).
    /// </summary>
    /// <param name="text">The text; null is treated as empty.</param>
    /// <returns>Text with only visible characters, on one line.</returns>
    public static string Visible(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var first = FirstInvisible(text);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!NeedsEscape(c))
            {
                sb.Append(c);
                continue;
            }

            sb.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '\0' => @"\0",
                _ => @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        return sb.ToString();
    }

    /// <summary>Escapes text for HTML element content or a quoted attribute value (after <see cref="Visible"/>).</summary>
    /// <param name="text">The text; null is treated as empty.</param>
    /// <returns>The escaped text.</returns>
    public static string Html(string? text) => WebUtility.HtmlEncode(Visible(text));

    /// <summary>
    /// Prepares text for an XML attribute or element: <see cref="Visible"/> removes every character
    /// XML 1.0 forbids (NUL and the other C0 controls, unpaired surrogates, U+FFFE, U+FFFF), and the
    /// XML writer escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes.
    /// </summary>
    /// <param name="text">The text; null is treated as empty.</param>
    /// <returns>Text an XML writer can write.</returns>
    public static string Xml(string? text) => Visible(text);

    /// <summary>
    /// Escapes text for Markdown inline content, including a table cell: after <see cref="Visible"/>
    /// (which also keeps a cell on one line), <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> become
    /// entities (so renderers that allow HTML show them as text), and backslash, backtick, <c>*</c>,
    /// <c>_</c>, <c>[</c>, <c>]</c>, <c>|</c> and <c>~</c> are backslash-escaped, as are the marks
    /// that would start a heading, list or block quote at the beginning of the text.
    /// </summary>
    /// <param name="text">The text; null is treated as empty.</param>
    /// <returns>The escaped text.</returns>
    public static string Markdown(string? text)
    {
        var visible = Visible(text);
        var sb = new StringBuilder(visible.Length + 8);
        for (var i = 0; i < visible.Length; i++)
        {
            var c = visible[i];
            switch (c)
            {
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~':
                    sb.Append('\\').Append(c);
                    break;
                case '#' or '-' or '+' or '=' when sb.Length == 0:
                    sb.Append('\\').Append(c);
                    break;
                case '.' or ')' when IsOrderedListStart(visible, i):
                    sb.Append('\\').Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Writes text as a Markdown code span (outside tables): the fence is one backtick longer than
    /// the longest run of backticks in the text, so no backtick inside can close it, and the text
    /// is made <see cref="Visible"/> first. Code spans show their content literally, so HTML in it
    /// is never run.
    /// </summary>
    /// <param name="text">The text; null is treated as empty.</param>
    /// <returns>The code span, backticks included.</returns>
    public static string MarkdownCode(string? text)
    {
        var visible = Visible(text);
        if (visible.Length == 0)
        {
            return "` `";
        }

        var longest = 0;
        var run = 0;
        foreach (var c in visible)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = visible[0] == '`' || visible[^1] == '`' || (visible[0] == ' ' && visible[^1] == ' ') ? " " : "";
        return fence + pad + visible + pad + fence;
    }

    private static bool IsOrderedListStart(string text, int i)
    {
        // "1." or "12)" at the very start would begin an ordered list.
        if (i == 0 || i > 9)
        {
            return false;
        }

        for (var k = 0; k < i; k++)
        {
            if (!char.IsAsciiDigit(text[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static int FirstInvisible(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (NeedsEscape(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || char.IsSurrogate(c)
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
        || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF';
}
