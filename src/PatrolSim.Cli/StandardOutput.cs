using System.Text;

namespace PatrolSim.Cli;

/// <summary>
/// Standard output as the commands see it: every write goes to the real one, and a failure to write (a full disk,
/// <c>&gt; /dev/full</c>, a closed pipe) becomes an <see cref="OutputException"/> (exit 1, a plain message) instead of
/// an unexpected exception.
/// </summary>
internal sealed class StandardOutput : TextWriter
{
    private readonly TextWriter _inner;

    public StandardOutput(TextWriter inner)
        : base(inner.FormatProvider)
    {
        _inner = inner;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value) => Guard(() => _inner.Write(value));

    public override void Write(string? value) => Guard(() => _inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => _inner.Write(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        string text = buffer.ToString();
        Guard(() => _inner.Write(text));
    }

    public override void Flush() => Guard(_inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            throw new OutputException($"standard output: cannot write: {OutputFiles.Reason(e)}", e);
        }
    }
}
