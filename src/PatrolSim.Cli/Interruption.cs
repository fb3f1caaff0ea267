using System.Runtime.InteropServices;

namespace PatrolSim.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM while a command that can stop cleanly runs (run, compare, staff, sweep): they cancel
/// <see cref="Token"/> instead of killing the process, so the command ends with exit code 130 and says what was kept
/// (a sweep: every finished job and how to resume; the others: nothing was written). Commands that do not observe the
/// token do not listen, and a signal ends them at once as usual.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    private Interruption()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
    }

    /// <summary>Cancelled by Ctrl-C or SIGTERM.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Starts listening; dispose to stop (a later signal then ends the process as usual).</summary>
    public static Interruption Listen() => new();

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command has finished meanwhile; there is nothing left to stop.
        }
    }
}
