using System.Text;
using PatrolSim.Output;

namespace PatrolSim.Cli;

/// <summary>
/// The CLI's output files: checked before any work (<see cref="Check"/>), written atomically
/// (<see cref="AtomicFile"/>: a symlink is written through, a FIFO or device as a stream), <c>-</c> meaning
/// standard output; an I/O failure while writing becomes an <see cref="OutputException"/> naming the file (exit 1).
/// </summary>
public static class OutputFiles
{
    /// <summary>The path that means standard output.</summary>
    public const string StandardOutput = "-";

    /// <summary>
    /// Checks output options before any work: each file's folder exists, the path is not a folder, the folder is
    /// writable, and at most one output is <c>-</c>. Null paths (options not given) are skipped.
    /// </summary>
    /// <exception cref="UserException">A path cannot be written (exit 2; nothing was simulated).</exception>
    public static void Check(params (string Flag, string? Path)[] outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var problems = new List<string>();
        var toStdout = outputs.Where(o => o.Path == StandardOutput).Select(o => o.Flag).ToList();
        if (toStdout.Count > 1)
        {
            problems.Add($"{string.Join(" and ", toStdout)}: only one output can go to standard output ('-')");
        }

        foreach (var (flag, path) in outputs)
        {
            if (path is not null && path != StandardOutput && Problem(path) is { } problem)
            {
                problems.Add($"{flag} {path}: {problem}");
            }
        }

        if (problems.Count > 0)
        {
            problems[^1] += "; nothing was done";
            throw new UserException(problems);
        }
    }

    /// <summary>Whether any of the paths is <c>-</c> (standard output is taken by a file).</summary>
    public static bool AnyToStandardOutput(params string?[] paths) => paths.Contains(StandardOutput);

    /// <summary>Writes a file through a stream (<c>-</c>: to <paramref name="ctx"/>'s standard output).</summary>
    /// <exception cref="OutputException">The file cannot be written.</exception>
    public static void Write(CliContext ctx, string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(write);
        if (path == StandardOutput)
        {
            using var buffer = new MemoryStream();
            write(buffer);
            ctx.Out.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            ctx.Out.Flush();
            return;
        }

        if (Problem(path) is { } problem)
        {
            throw new OutputException($"{path}: cannot write: {problem}");
        }

        try
        {
            AtomicFile.Write(Path.GetFullPath(path), write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"{path}: cannot write: {e.Message}", e);
        }
    }

    /// <summary>Writes a text file (UTF-8 without BOM, LF line ends as written).</summary>
    public static void WriteText(CliContext ctx, string path, Action<TextWriter> write) => Write(ctx, path, TextOutput.Writing(write));

    private static string? Problem(string path)
    {
        string full = Path.GetFullPath(path);
        switch (AtomicFile.KindOf(full))
        {
            case FileKind.Folder:
                return "is a folder; give a file name";
            case FileKind.Special:
                return null;
        }

        string? dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
        {
            return $"folder '{dir}' does not exist; create it or choose another path";
        }

        try
        {
            using var probe = new FileStream(Path.Combine(dir ?? ".", $".{Path.GetFileName(full)}.probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"folder '{dir}' is not writable ({e.Message})";
        }
    }
}

/// <summary>An output could not be written (disk full, permissions): exit code <see cref="ExitCodes.Failure"/>, not an input error.</summary>
public sealed class OutputException : PatrolSimException
{
    /// <summary>Creates the exception with the message the user sees.</summary>
    public OutputException(string message)
        : base(message, ExitCodes.Failure)
    {
    }

    /// <summary>Creates the exception with the message the user sees and its cause.</summary>
    public OutputException(string message, Exception innerException)
        : base(message, ExitCodes.Failure, innerException)
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public OutputException()
        : base("An output could not be written.", ExitCodes.Failure)
    {
    }
}
