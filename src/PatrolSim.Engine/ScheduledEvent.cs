namespace PatrolSim.Engine;

/// <summary>
/// An event taken from an <see cref="EventQueue{TPayload}"/>: its time, its kind priority (lower leaves
/// first among events at the same time), the sequence number it got when scheduled (ties leave in
/// schedule order; also a handle for ignoring stale events), and its payload.
/// </summary>
/// <typeparam name="TPayload">The model's event data, a struct so that scheduling allocates nothing.</typeparam>
public readonly record struct ScheduledEvent<TPayload>(SimTime Time, int Priority, long Sequence, TPayload Payload)
    where TPayload : struct;
