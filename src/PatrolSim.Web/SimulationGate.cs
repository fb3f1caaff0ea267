namespace PatrolSim.Web;

/// <summary>
/// At most <see cref="WebLimits.MaxConcurrentSimulations"/> simulations at once: a request that finds every slot taken is
/// refused at once (429) rather than queued, so a class sees "busy" instead of a page that hangs.
/// </summary>
public sealed class SimulationGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Creates a gate with <paramref name="slots"/> slots.</summary>
    public SimulationGate(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _slots = new SemaphoreSlim(slots, slots);
        Slots = slots;
    }

    /// <summary>Number of slots.</summary>
    public int Slots { get; }

    /// <summary>Takes a slot if one is free (dispose the result to give it back); null when all are taken.</summary>
    public IDisposable? TryEnter() => _slots.Wait(0) ? new Slot(_slots) : null;

    /// <inheritdoc/>
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
