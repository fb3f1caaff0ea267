using System.Runtime.InteropServices;

namespace PatrolSim.Output;

/// <summary>
/// How every output file is written: to a temporary file beside the target, flushed to disk, then renamed over it,
/// so an interrupted run never leaves half a file. A symbolic link is written through (the file it points at is
/// replaced, the link stays); a target that is not a regular file (a FIFO, a device such as <c>/dev/stdout</c> or
/// <c>/dev/null</c>, a socket) is written as a stream and never replaced by a regular file.
/// </summary>
public static partial class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through a stream. On failure the temporary file is removed and the target is left as it was.</summary>
    /// <exception cref="IOException">The file cannot be written, or <paramref name="path"/> is a folder.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        switch (KindOf(path))
        {
            case FileKind.Folder:
                throw new IOException($"'{path}' is a folder, not a file");
            case FileKind.Special:
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                {
                    write(stream);
                    stream.Flush();
                }

                return;
        }

        string target = new FileInfo(path).LinkTarget is null ? path : new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        string tmp = target + ".tmp";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tmp, target, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Writes a text file in the output encoding and line ends (<see cref="TextOutput"/>).</summary>
    public static void WriteText(string path, Action<TextWriter> write) => Write(path, TextOutput.Writing(write));

    /// <summary>What <paramref name="path"/> is, following symbolic links.</summary>
    public static FileKind KindOf(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKind.Folder;
        }

        if (!File.Exists(path))
        {
            return FileKind.Missing;
        }

        return OperatingSystem.IsWindows() || UnixStat.IsRegular(path) ? FileKind.Regular : FileKind.Special;
    }

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

    /// <summary>
    /// The file type from stat(2). .NET has no public API for it, so this calls the runtime's own native shim
    /// (libSystem.Native's SystemNative_Stat, whose result starts with two ints: flags, then st_mode) rather than libc,
    /// whose struct stat layout differs between architectures.
    /// </summary>
    private static partial class UnixStat
    {
        private const int TypeMask = 0xF000;
        private const int Regular = 0x8000;

        public static bool IsRegular(string path)
        {
            var status = new byte[512];
            try
            {
                return SystemNativeStat(path, status) != 0 || (BitConverter.ToInt32(status, 4) & TypeMask) == Regular;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return true;
            }
        }

        [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int SystemNativeStat(string path, [Out] byte[] status);
    }
}

/// <summary>What a path names.</summary>
public enum FileKind
{
    /// <summary>Nothing yet.</summary>
    Missing,

    /// <summary>A regular file (or a link to one).</summary>
    Regular,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>A FIFO, device or socket: written as a stream, never replaced.</summary>
    Special,
}
