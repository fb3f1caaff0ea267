namespace PatrolSim.Model.Simulation;

/// <summary>
/// Calls waiting for units, in the dispatcher's order (priority, then arrival; a call that lost a unit to preemption
/// goes back to the head of its priority). Owns the calls' <see cref="CallState.Waiting"/> flag and the count, and is
/// the one place the queue's length changes: the metrics and the trace hear it from here.
/// </summary>
internal sealed class WaitingCalls
{
    private readonly ReplicationContext _x;
    private readonly CallTable _calls;
    private readonly MetricsCollector _metrics;
    private readonly CallQueue _queue;

    public WaitingCalls(ReplicationContext context, CallTable calls, MetricsCollector metrics)
    {
        _x = context;
        _calls = calls;
        _metrics = metrics;
        _queue = new CallQueue(context.C.MaxPriority);
    }

    /// <summary>Calls waiting now.</summary>
    public int Count { get; private set; }

    /// <summary>The first waiting call, or -1.</summary>
    public int Peek() => _queue.Peek(_calls.Slots);

    /// <summary>Whether a call of priority ≤ <paramref name="maxPriority"/> is waiting (it defers meal breaks).</summary>
    public bool AnyUpTo(int maxPriority) => Count > 0 && _queue.AnyUpTo(maxPriority, _calls.Slots);

    /// <summary>A call joins the queue in its place.</summary>
    public void Enqueue(int slot) => Join(slot, front: false);

    /// <summary>A call that lost a unit to preemption waits again, at the head of its priority (unless it still waits).</summary>
    public void EnqueueFront(int slot)
    {
        if (!_calls[slot].Waiting)
        {
            Join(slot, front: true);
        }
    }

    private void Join(int slot, bool front)
    {
        ref CallState call = ref _calls[slot];
        call.Waiting = true;
        Count++;
        if (front)
        {
            _queue.EnqueueFront(call.Priority, slot, call.Id);
        }
        else
        {
            _queue.Enqueue(call.Priority, slot, call.Id);
        }

        Changed();
    }

    /// <summary>The first waiting call (just returned by <see cref="Peek"/>) has all its units.</summary>
    public void RemoveFirst(int slot)
    {
        ref CallState call = ref _calls[slot];
        call.Waiting = false;
        Count--;
        _queue.PopFirst(call.Priority);
        Changed();
    }

    /// <summary>A call cleared while part of its need still waited: the need is dropped (its queue entry goes stale).</summary>
    public void Drop(int slot)
    {
        _calls[slot].Waiting = false;
        Count--;
        Changed();
    }

    private void Changed()
    {
        _metrics.QueueLength(_x.Now, Count);
        _x.Trace?.Record(new QueueChanged(_x.NowMinutes, Count));
    }
}
