namespace PatrolSim.Engine.Queues;

/// <summary>
/// The operations every future-event-list implementation offers, so that tests and benchmarks can
/// hold the public <see cref="EventQueue{TPayload}"/> and the alternative kept for comparison to the
/// same contract. Callers use the concrete types (no interface dispatch on the hot path).
/// </summary>
/// <typeparam name="TPayload">The model's event data.</typeparam>
internal interface IEventQueue<TPayload>
    where TPayload : struct
{
    int Count { get; }

    long ScheduledCount { get; }

    SimTime PeekTime { get; }

    void EnsureCapacity(int capacity);

    long Schedule(SimTime time, int priority, in TPayload payload);

    ScheduledEvent<TPayload> Peek();

    ScheduledEvent<TPayload> Dequeue();

    bool TryDequeue(out ScheduledEvent<TPayload> next);

    void Clear();
}
