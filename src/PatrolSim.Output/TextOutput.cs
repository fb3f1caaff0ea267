using System.Text;

namespace PatrolSim.Output;

/// <summary>Text files PatrolSim writes: UTF-8 without BOM, LF line ends, whatever the platform.</summary>
public static class TextOutput
{
    /// <summary>The line end of every output file.</summary>
    public const string NewLine = "\n";

    /// <summary>UTF-8 without a byte-order mark.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A writer over <paramref name="stream"/> in the output encoding, with <see cref="NewLine"/> for <c>WriteLine</c>.</summary>
    public static StreamWriter CreateWriter(Stream stream, bool leaveOpen = false) =>
        new(stream, Encoding, bufferSize: -1, leaveOpen) { NewLine = NewLine };

    /// <summary>Adapts a text writer action to a stream action, writing through <see cref="CreateWriter"/> (the stream stays open).</summary>
    public static Action<Stream> Writing(Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return stream =>
        {
            using var w = CreateWriter(stream, leaveOpen: true);
            write(w);
        };
    }
}
