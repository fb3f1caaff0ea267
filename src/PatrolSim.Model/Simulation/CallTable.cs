namespace PatrolSim.Model.Simulation;

/// <summary>
/// The open calls' slots: allocated at arrival, released when the call clears (LIFO reuse; a slot's stamp survives
/// reuse so that an earlier call's events can never match). Fields of a call belong to the part that changes them:
/// its attributes to <see cref="CallArrivals"/>, its queue state, need and crew list to the <see cref="Dispatcher"/>,
/// what happens on scene to the <see cref="Scene"/>, its time alone to the <see cref="MetricsCollector"/>.
/// </summary>
internal sealed class CallTable
{
    private CallState[] _calls = new CallState[256];
    private int[] _nextFree = new int[256];
    private int _count;
    private int _free = -1;

    /// <summary>Slots ever used (every open call has a slot below this).</summary>
    public int Count => _count;

    /// <summary>The slots; replaced when they grow, so read it anew after an allocation.</summary>
    public CallState[] Slots => _calls;

    /// <summary>A call.</summary>
    public ref CallState this[int slot] => ref _calls[slot];

    /// <summary>A slot for a new call, cleared but for its stamp, which moves on.</summary>
    public int Allocate()
    {
        int slot;
        if (_free >= 0)
        {
            slot = _free;
            _free = _nextFree[slot];
        }
        else
        {
            if (_count == _calls.Length)
            {
                Array.Resize(ref _calls, _calls.Length * 2);
                Array.Resize(ref _nextFree, _nextFree.Length * 2);
            }

            slot = _count++;
        }

        ref CallState call = ref _calls[slot];
        int stamp = call.Stamp;
        call = default;
        call.Stamp = stamp + 1;
        return slot;
    }

    /// <summary>The call cleared: its slot may be reused.</summary>
    public void Release(int slot)
    {
        _calls[slot].Open = false;
        _nextFree[slot] = _free;
        _free = slot;
    }
}
