using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AdVerify.Cli.CommandLine;

/// <summary>Writes the command line's JSON output: indented, invariant, doubles in round-trip form.</summary>
public static class Json
{
    /// <summary>Builds a JSON document with a writer callback and returns it as text.</summary>
    /// <param name="write">Writes the document.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a double property; non-finite values (which JSON cannot hold) are written as strings.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    public static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Formats a double for text output (shortest round-trip form, invariant culture).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
