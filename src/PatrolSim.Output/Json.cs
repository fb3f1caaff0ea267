using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PatrolSim.Output;

/// <summary>
/// The JSON setup of every file PatrolSim writes, through System.Text.Json: records serialised indented with LF line
/// ends, camelCase property names (dictionary keys as given: metric names, priorities, variant names), and NaN or
/// infinities (not applicable) as null. Each library describes its file as records and a source-generated
/// <see cref="JsonSerializerContext"/> built on <see cref="NewSerializerOptions"/>, so no writer is hand-written and no
/// reflection runs at start-up.
/// </summary>
public static class Json
{
    /// <summary>
    /// A new instance of the shared serializer options (a source-generated context binds to the options it is given,
    /// so each library's context takes its own instance of the one setup).
    /// </summary>
    public static JsonSerializerOptions NewSerializerOptions() => new()
    {
        WriteIndented = true,
        NewLine = TextOutput.NewLine,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectRequiredConstructorParameters = true,
        Converters = { new FiniteOrNullConverter() },
    };

    /// <summary>Writes <paramref name="value"/> as JSON in the shared setup, without a final line end.</summary>
    public static void Write<T>(Stream stream, T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(stream, value, typeInfo);

    /// <summary>Reads a value written by <see cref="Write"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON of that shape.</exception>
    public static T? Read<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(utf8, typeInfo);

    /// <summary>A number, or null where it is not finite; null reads back as NaN.</summary>
    private sealed class FiniteOrNullConverter : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
