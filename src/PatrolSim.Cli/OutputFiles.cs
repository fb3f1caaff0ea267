using System.Text;
using PatrolSim.Output;

namespace PatrolSim.Cli;

/// <summary>
/// The CLI's output files: checked before any work (<c>Check</c>), written atomically
/// (<see cref="AtomicFile"/>: a symlink is written through, a FIFO or device as a stream), <c>-</c> meaning
/// standard output; an I/O failure while writing becomes an <see cref="OutputException"/> naming the file (exit 1).
/// </summary>
public static class OutputFiles
{
    /// <summary>The path that means standard output.</summary>
    public const string StandardOutput = "-";

    /// <summary>
    /// Checks output files before any work: each file's folder exists, the path is not a folder, the folder is
    /// writable, and at most one output is <c>-</c>. A symbolic link is checked where it points (it is written
    /// through): a link to a missing folder, a link loop or a link into a read-only folder is refused here. Null
    /// paths (options not given) are skipped.
    /// </summary>
    /// <exception cref="UserException">A path cannot be written (exit 2; nothing was done).</exception>
    public static void Check(params (string Flag, string? Path)[] files) => Check(files, []);

    /// <summary>As <see cref="Check(ValueTuple{string, string}[])"/>, and output folders (created if missing) too: each exists or can be created, and is writable.</summary>
    /// <exception cref="UserException">A path cannot be written (exit 2; nothing was done).</exception>
    public static void Check((string Flag, string? Path)[] files, (string Flag, string? Path)[] folders)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(folders);
        var problems = new List<string>();
        var toStdout = files.Where(o => o.Path == StandardOutput).Select(o => o.Flag).ToList();
        if (toStdout.Count > 1)
        {
            problems.Add($"{string.Join(" and ", toStdout)}: only one output can go to standard output ('-')");
        }

        foreach (var (flag, path) in files)
        {
            if (path is not null && path != StandardOutput && Problem(path) is { } problem)
            {
                problems.Add($"{flag} {path}: {problem}");
            }
        }

        foreach (var (flag, path) in folders)
        {
            if (path is not null && FolderProblem(path) is { } problem)
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
        if (LinkTarget(new FileInfo(full)) is not { } target)
        {
            return "is a symbolic link that never ends (a loop, or too many links); point it at a file";
        }

        bool link = target != full;
        switch (AtomicFile.KindOf(target))
        {
            case FileKind.Folder:
                return link ? $"is a symbolic link to the folder '{target}'; give a file name" : "is a folder; give a file name";
            case FileKind.Special:
                return null;
        }

        string dir = Path.GetDirectoryName(target) ?? ".";
        string whose = link ? $"is a symbolic link to '{target}', whose " : "";
        return !Directory.Exists(dir)
            ? $"{whose}folder '{dir}' does not exist; create it or choose another path"
            : Unwritable(dir, Path.GetFileName(target)) is { } why ? $"{whose}folder '{dir}' is not writable ({why})" : null;
    }

    /// <summary>What stops a folder being written or created (with its missing parents), or null.</summary>
    private static string? FolderProblem(string path)
    {
        string full = Path.GetFullPath(path);
        if (LinkTarget(new DirectoryInfo(full)) is not { } target)
        {
            return "is a symbolic link that never ends (a loop, or too many links); point it at a folder";
        }

        bool link = target != full;
        if (File.Exists(target))
        {
            return link ? $"is a symbolic link to the file '{target}'; give a folder (created if missing)" : "is a file; give a folder (created if missing)";
        }

        // The nearest folder that exists is where the rest will be created.
        string existing = target;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        if (Unwritable(existing, "folder") is not { } why)
        {
            return null;
        }

        string whose = link ? $"is a symbolic link to '{target}', whose " : "";
        return existing == target
            ? (link ? $"is a symbolic link to the folder '{target}', which is not writable ({why})" : $"folder '{target}' is not writable ({why})")
            : $"{whose}folder '{existing}' is not writable ({why}), so '{target}' cannot be created";
    }

    /// <summary>The path a file or folder is written at: itself, or the final target of a symbolic link; null for a link that never ends.</summary>
    private static string? LinkTarget(FileSystemInfo info)
    {
        if (info.LinkTarget is null)
        {
            return info.FullName;
        }

        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Why nothing can be created in <paramref name="dir"/> (tried with a probe file deleted at once), or null when it can.</summary>
    private static string? Unwritable(string dir, string name)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(dir, $".{name}.probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "permission denied";
        }
        catch (IOException e)
        {
            return Reason(e);
        }
    }

    /// <summary>What an I/O error says, without the path .NET appends ("Read-only file system : '/x/.y.probe'").</summary>
    internal static string Reason(IOException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        int at = e.Message.IndexOf(" : '", StringComparison.Ordinal);
        return at > 0 ? e.Message[..at] : e.Message;
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
