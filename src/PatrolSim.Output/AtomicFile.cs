namespace PatrolSim.Output;

/// <summary>
/// How every output file is written: to a temporary file beside the target, flushed to disk, then renamed over it,
/// so an interrupted run never leaves half a file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through a stream. On failure the temporary file is removed and the target is left as it was.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string tmp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Writes a text file in the output encoding and line ends (<see cref="TextOutput"/>).</summary>
    public static void WriteText(string path, Action<TextWriter> write) => Write(path, TextOutput.Writing(write));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover .tmp file is harmless.
        }
    }
}
