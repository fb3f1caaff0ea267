using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PatrolSim.Engine.Queues;

/// <summary>
/// The alternative future-event list, kept for the benchmarks and the same contract tests: a 4-ary
/// min-heap over a packed key (the engine's first queue; see docs/engine.md for why the calendar
/// queue in <see cref="EventQueue{TPayload}"/> replaced it). Events leave in the total order
/// (time, kind priority, sequence), where the sequence number is assigned at scheduling, so ties never
/// depend on heap shape or capacity. No operation allocates once the backing array has grown to the
/// peak number of pending events (call <see cref="EnsureCapacity"/> to grow it up front).
/// </summary>
/// <remarks>
/// Cancellation is lazy and lives in the model: keep the <see cref="ScheduledEvent{T}.Sequence"/>
/// returned by <see cref="Schedule"/> (or a version number inside the payload) and ignore an event whose
/// handle no longer matches. This costs one comparison per event and nothing in the queue.
/// See docs/engine.md for why this structure was chosen.
/// </remarks>
/// <typeparam name="TPayload">The model's event data.</typeparam>
internal sealed class HeapEventQueue<TPayload> : IEventQueue<TPayload>
    where TPayload : struct
{
    private const int Arity = 4;
    private const int Log2Arity = 2;

    private const int MaxPriority = EventQueue<TPayload>.MaxPriority;

    private const int SequenceBits = 56;
    private const long SequenceMask = (1L << SequenceBits) - 1;

    private Node[] _nodes;
    private int _count;
    private long _nextSequence;

    /// <summary>Creates an empty queue with room for <paramref name="capacity"/> pending events.</summary>
    public HeapEventQueue(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _nodes = new Node[Math.Max(capacity, 4)];
    }

    /// <summary>Number of pending events.</summary>
    public int Count => _count;

    /// <summary>Number of events scheduled since creation or the last <see cref="Clear"/>.</summary>
    public long ScheduledCount => _nextSequence;

    /// <summary>Grows the backing store so that <paramref name="capacity"/> events fit without reallocation.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _nodes.Length)
        {
            Array.Resize(ref _nodes, capacity);
        }
    }

    /// <summary>Schedules an event and returns its sequence number (its handle).</summary>
    /// <param name="time">When it happens.</param>
    /// <param name="priority">Kind priority in [0, <see cref="MaxPriority"/>]; lower leaves first at equal times.</param>
    /// <param name="payload">The model's data.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Schedule(SimTime time, int priority, in TPayload payload)
    {
        if ((uint)priority > MaxPriority)
        {
            ThrowPriority(priority);
        }

        long sequence = _nextSequence++;
        long order = ((long)priority << SequenceBits) | (sequence & SequenceMask);
        int index = _count;
        if (index == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        _count = index + 1;
        SiftUp(index, new Node(time.Ticks, order, payload));
        return sequence;
    }

    /// <summary>The earliest event without removing it.</summary>
    /// <exception cref="InvalidOperationException">The queue is empty.</exception>
    public ScheduledEvent<TPayload> Peek()
    {
        if (_count == 0)
        {
            ThrowEmpty();
        }

        return ToEvent(in _nodes[0]);
    }

    /// <summary>Time of the earliest event, or <see cref="SimTime.Never"/> when empty.</summary>
    public SimTime PeekTime => _count == 0 ? SimTime.Never : new SimTime(_nodes[0].Time);

    /// <summary>Removes and returns the earliest event.</summary>
    /// <exception cref="InvalidOperationException">The queue is empty.</exception>
    public ScheduledEvent<TPayload> Dequeue()
    {
        if (!TryDequeue(out var e))
        {
            ThrowEmpty();
        }

        return e;
    }

    /// <summary>Removes the earliest event if there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out ScheduledEvent<TPayload> next)
    {
        int count = _count;
        if (count == 0)
        {
            next = default;
            return false;
        }

        Node[] nodes = _nodes;
        next = ToEvent(in nodes[0]);
        count--;
        _count = count;
        if (count > 0)
        {
            SiftDown(nodes[count], count);
        }

        if (RuntimeHelpers.IsReferenceOrContainsReferences<TPayload>())
        {
            nodes[count] = default;
        }

        return true;
    }

    /// <summary>Removes every pending event and restarts the sequence numbers at zero.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TPayload>())
        {
            Array.Clear(_nodes, 0, _count);
        }

        _count = 0;
        _nextSequence = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScheduledEvent<TPayload> ToEvent(in Node n) =>
        new(new SimTime(n.Time), (int)(n.Order >>> SequenceBits), n.Order & SequenceMask, n.Payload);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Node a, in Node b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);

    private void SiftUp(int index, in Node node)
    {
        Node[] nodes = _nodes;
        while (index > 0)
        {
            int parent = (index - 1) >> Log2Arity;
            ref Node p = ref nodes[parent];
            if (!Less(in node, in p))
            {
                break;
            }

            nodes[index] = p;
            index = parent;
        }

        nodes[index] = node;
    }

    private void SiftDown(in Node node, int count)
    {
        Node[] nodes = _nodes;
        int index = 0;
        while (true)
        {
            int first = (index << Log2Arity) + 1;
            if (first >= count)
            {
                break;
            }

            int best = first;
            int last = Math.Min(first + Arity, count);
            for (int c = first + 1; c < last; c++)
            {
                if (Less(in nodes[c], in nodes[best]))
                {
                    best = c;
                }
            }

            if (!Less(in nodes[best], in node))
            {
                break;
            }

            nodes[index] = nodes[best];
            index = best;
        }

        nodes[index] = node;
    }

    [Conditional("DEBUG")]
    internal void AssertHeap()
    {
        for (int i = 1; i < _count; i++)
        {
            Debug.Assert(!Less(in _nodes[i], in _nodes[(i - 1) >> Log2Arity]), "heap order violated");
        }
    }

    private static void ThrowEmpty() => throw new InvalidOperationException("The event queue is empty.");

    private static void ThrowPriority(int priority) =>
        throw new ArgumentOutOfRangeException(nameof(priority), priority, $"Kind priority must be in [0, {MaxPriority}].");

    private readonly struct Node(long time, long order, TPayload payload)
    {
        public readonly long Time = time;
        public readonly long Order = order;
        public readonly TPayload Payload = payload;
    }
}
