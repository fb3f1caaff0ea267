namespace PatrolSim.Model.Simulation;

/// <summary>
/// Calls waiting for units, ordered by priority, then arrival (FIFO per priority). Entries are
/// (slot, call id) so that a call cleared while waiting (its slot reused) is skipped lazily: an entry
/// is live while its slot holds that open call and the call still waits. The call table is passed
/// in (it grows by replacement), not reached through a delegate: the check runs for every unit freed
/// while calls wait. Ring buffers grow by doubling and are reused: no allocation in steady state.
/// </summary>
internal sealed class CallQueue
{
    private readonly Ring[] _byPriority;

    public CallQueue(int maxPriority)
    {
        _byPriority = new Ring[maxPriority + 1];
        for (int i = 0; i < _byPriority.Length; i++)
        {
            _byPriority[i] = new Ring();
        }
    }

    public void Enqueue(int priority, int slot, long id) => _byPriority[priority].Push(slot, id);

    /// <summary>Puts a call at the head of its priority (a call that lost its unit to preemption).</summary>
    public void EnqueueFront(int priority, int slot, long id) => _byPriority[priority].PushFront(slot, id);

    /// <summary>The first live waiting call in <paramref name="calls"/>, dropping stale entries; -1 when none.</summary>
    public int Peek(CallState[] calls) => PeekUpTo(int.MaxValue, calls);

    /// <summary>Whether a live call of priority ≤ <paramref name="maxPriority"/> waits (stale entries are dropped on the way).</summary>
    public bool AnyUpTo(int maxPriority, CallState[] calls) => PeekUpTo(maxPriority, calls) >= 0;

    /// <summary>The first live waiting call of priority ≤ <paramref name="maxPriority"/>, dropping stale entries; -1 when none.</summary>
    private int PeekUpTo(int maxPriority, CallState[] calls)
    {
        for (int p = 0; p < _byPriority.Length && p <= maxPriority; p++)
        {
            Ring ring = _byPriority[p];
            while (ring.Count > 0)
            {
                var (slot, id) = ring.PeekFirst();
                ref CallState call = ref calls[slot];
                if (call.Open && call.Id == id && call.Waiting)
                {
                    return slot;
                }

                ring.PopFirst();
            }
        }

        return -1;
    }

    /// <summary>Removes the first entry of the given priority (after <see cref="Peek"/> returned it).</summary>
    public void PopFirst(int priority) => _byPriority[priority].PopFirst();

    public void Clear()
    {
        foreach (var r in _byPriority)
        {
            r.Clear();
        }
    }

    private sealed class Ring
    {
        private int[] _slots = new int[16];
        private long[] _ids = new long[16];
        private int _head;

        public int Count { get; private set; }

        public void Push(int slot, long id)
        {
            if (Count == _slots.Length)
            {
                Grow();
            }

            int i = (_head + Count) & (_slots.Length - 1);
            _slots[i] = slot;
            _ids[i] = id;
            Count++;
        }

        public void PushFront(int slot, long id)
        {
            if (Count == _slots.Length)
            {
                Grow();
            }

            _head = (_head - 1) & (_slots.Length - 1);
            _slots[_head] = slot;
            _ids[_head] = id;
            Count++;
        }

        public (int Slot, long Id) PeekFirst() => (_slots[_head], _ids[_head]);

        public void PopFirst()
        {
            _head = (_head + 1) & (_slots.Length - 1);
            Count--;
        }

        public void Clear()
        {
            _head = 0;
            Count = 0;
        }

        private void Grow()
        {
            var slots = new int[_slots.Length * 2];
            var ids = new long[_ids.Length * 2];
            for (int k = 0; k < Count; k++)
            {
                int i = (_head + k) & (_slots.Length - 1);
                slots[k] = _slots[i];
                ids[k] = _ids[i];
            }

            _slots = slots;
            _ids = ids;
            _head = 0;
        }
    }
}
