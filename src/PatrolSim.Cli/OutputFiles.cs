using PatrolSim.Output;

namespace PatrolSim.Cli;

/// <summary>
/// Writes output files atomically (<see cref="AtomicFile"/>), so a crash never leaves a half-written file, and turns
/// I/O failures into a clear message naming the file.
/// </summary>
public static class OutputFiles
{
    /// <summary>Writes a file through a stream.</summary>
    /// <exception cref="UserException">The file cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
        {
            throw new UserException($"{path}: cannot write: folder '{dir}' does not exist; create it or choose another path");
        }

        try
        {
            AtomicFile.Write(full, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserException($"{path}: cannot write: {e.Message}", e);
        }
    }

    /// <summary>Writes a text file (UTF-8 without BOM, LF line ends as written).</summary>
    public static void WriteText(string path, Action<TextWriter> write) => Write(path, TextOutput.Writing(write));
}
