using System.Globalization;

namespace PatrolSim.Experiments.Sweeps;

/// <summary>
/// One process per sweep folder: an operating-system lock on <c>sweep.lock</c> (opened with
/// <see cref="FileShare.None"/>, which is <c>flock(LOCK_EX)</c> on Unix and a sharing lock on Windows) held for the
/// whole run. The operating system releases it when the process ends in any way, <c>kill -9</c> included, so a lock
/// left by a dead process never blocks. The file is never deleted (deleting a lock file lets two processes lock two
/// different files); <c>sweep.lock.owner</c> names the holder for the message a second process prints.
/// </summary>
public sealed class SweepLock : IDisposable
{
    /// <summary>The lock file's name in a sweep folder.</summary>
    public const string FileName = "sweep.lock";

    /// <summary>The file naming the process that holds the lock.</summary>
    public const string OwnerFileName = "sweep.lock.owner";

    private readonly FileStream _stream;

    private SweepLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of <paramref name="dir"/> (which must exist) or fails at once.</summary>
    /// <param name="dir">The sweep folder.</param>
    /// <param name="resumeHint">The command that continues the sweep, for the message.</param>
    /// <exception cref="SweepException">Another process holds the lock.</exception>
    public static SweepLock Acquire(string dir, string resumeHint)
    {
        string path = Path.Combine(dir, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new SweepException($"{dir}: another patrolsim process is running this sweep ({Owner(dir)}); two processes on one folder would write the same jobs twice. Wait for it to finish, or stop it and continue with: {resumeHint}", e);
        }

        string owner = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on {Environment.MachineName}\n");
        File.WriteAllText(Path.Combine(dir, OwnerFileName), owner);
        return new SweepLock(stream);
    }

    /// <summary>Releases the lock (the file stays).</summary>
    public void Dispose() => _stream.Dispose();

    private static string Owner(string dir)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(dir, OwnerFileName)).Trim();
            return text.Length > 0 ? text : "process unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "process unknown";
        }
    }
}
