using System.Text.Json;

namespace PatrolSim.Output;

/// <summary>The JSON setup of every file PatrolSim writes: indented, LF line ends, NaN and infinities as null.</summary>
public static class Json
{
    /// <summary>Writer options shared by all JSON outputs.</summary>
    public static JsonWriterOptions Options { get; } = new() { Indented = true, NewLine = TextOutput.NewLine };

    /// <summary>A JSON writer in the shared setup.</summary>
    public static Utf8JsonWriter CreateWriter(Stream stream) => new(stream, Options);

    /// <summary>Writes a number property, or null where the value is not finite (not applicable).</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
