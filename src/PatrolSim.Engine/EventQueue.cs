using System.Runtime.CompilerServices;
using PatrolSim.Engine.Queues;

namespace PatrolSim.Engine;

/// <summary>
/// The future-event list. Events leave in the total order (time, kind priority, sequence), where the
/// sequence number is assigned at scheduling, so ties never depend on the queue's shape or capacity.
/// No operation allocates once the node pool and bucket table have grown to the peak number of
/// pending events (call <see cref="EnsureCapacity"/> to grow the pool up front).
/// </summary>
/// <remarks>
/// <para>
/// A calendar queue (Brown 1988), chosen over a 4-ary heap by measurement (docs/engine.md): events
/// live in a pool of nodes linked into a power-of-two number of buckets, each covering a power-of-two
/// number of ticks; bucket <c>(time ≫ shift) mod buckets</c> holds a doubly linked list sorted by the
/// full key. Insertion walks back from the bucket's tail, so a new event at or after everything in its
/// bucket (the usual case, ties included) costs O(1); dequeueing scans forward from the current bucket.
/// The bucket count follows the number of pending events (between it and four times it) and the width
/// follows the measured mean gap between dequeued events, with hysteresis; both re-bucket in O(n),
/// amortised over at least as many operations.
/// </para>
/// <para>
/// Cancellation is lazy and lives in the model: keep the <see cref="ScheduledEvent{T}.Sequence"/>
/// returned by <see cref="Schedule"/> (or a version number inside the payload) and ignore an event whose
/// handle no longer matches. This costs one comparison per event and nothing in the queue.
/// </para>
/// </remarks>
/// <typeparam name="TPayload">The model's event data.</typeparam>
public sealed class EventQueue<TPayload> : IEventQueue<TPayload>
    where TPayload : struct
{
    /// <summary>Largest kind priority: the priority shares a 64-bit word with the sequence number.</summary>
    public const int MaxPriority = 127;

    private const int SequenceBits = 56;
    private const long SequenceMask = (1L << SequenceBits) - 1;
    private const int MinBuckets = 16;
    private const int MinCheckInterval = 1024;

    /// <summary>Bucket width ≈ this many mean gaps between successive dequeued events.</summary>
    private const double WidthFactor = 2.0;

    private Node[] _nodes;
    private int _used;
    private int _free = -1;

    private Bucket[] _buckets;
    private int _mask;
    private int _shift;
    private long _current;

    private int _count;
    private long _nextSequence;

    // Tuning statistics.
    private long _lastDequeued;
    private double _gapSum;
    private double _gapCount;
    private long _checkCountdown = MinCheckInterval;
    private long _sinceRebuild;
    private long _wasted;

    /// <summary>Creates an empty queue with room for <paramref name="capacity"/> pending events.</summary>
    public EventQueue(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _nodes = new Node[Math.Max(capacity, 4)];
        _buckets = new Bucket[MinBuckets];
        _mask = MinBuckets - 1;
        ResetBuckets();
    }

    /// <summary>Number of pending events.</summary>
    public int Count => _count;

    /// <summary>Number of events scheduled since creation or the last <see cref="Clear"/>.</summary>
    public long ScheduledCount => _nextSequence;

    /// <summary>Time of the earliest event, or <see cref="SimTime.Never"/> when empty.</summary>
    public SimTime PeekTime => _count == 0 ? SimTime.Never : new SimTime(_buckets[FindFirstBucket()].HeadTime);

    internal int BucketCount => _mask + 1;

    internal int WidthShift => _shift;

    internal int Rebuilds { get; private set; }

    /// <summary>Grows the node pool so that <paramref name="capacity"/> events fit without reallocation.</summary>
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
    public long Schedule(SimTime time, int priority, in TPayload payload)
    {
        if ((uint)priority > MaxPriority)
        {
            ThrowPriority(priority);
        }

        long sequence = _nextSequence++;
        int n = _free;
        if (n >= 0)
        {
            _free = _nodes[n].Next;
        }
        else
        {
            n = _used;
            if (n == _nodes.Length)
            {
                Array.Resize(ref _nodes, _nodes.Length * 2);
            }

            _used = n + 1;
        }

        ref Node node = ref _nodes[n];
        node.Time = time.Ticks;
        node.Order = ((long)priority << SequenceBits) | (sequence & SequenceMask);
        node.Payload = payload;
        Insert(n);
        if (++_count > _mask + 1)
        {
            Rebuild((_mask + 1) * 2, ShiftFor(IdealLog2Width()));
        }

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

        return ToEvent(in _nodes[_buckets[FindFirstBucket()].Head]);
    }

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
    public bool TryDequeue(out ScheduledEvent<TPayload> next)
    {
        if (_count == 0)
        {
            next = default;
            return false;
        }

        Node[] nodes = _nodes;
        ref Bucket bucket = ref _buckets[FindFirstBucket()];
        int h = bucket.Head;
        ref Node node = ref nodes[h];
        next = ToEvent(in node);
        int following = node.Next;
        bucket.Head = following;
        if (following < 0)
        {
            bucket.Tail = -1;
            bucket.HeadTime = long.MaxValue;
        }
        else
        {
            ref Node second = ref nodes[following];
            second.Prev = -1;
            bucket.HeadTime = second.Time;
        }

        if (RuntimeHelpers.IsReferenceOrContainsReferences<TPayload>())
        {
            node.Payload = default;
        }

        node.Next = _free;
        _free = h;
        _count--;

        long time = node.Time;
        long gap = time - _lastDequeued;
        if (gap >= 0)
        {
            _gapSum += gap;
            _gapCount++;
        }

        _lastDequeued = time;
        if (--_checkCountdown <= 0)
        {
            Retune();
        }

        return true;
    }

    /// <summary>Removes every pending event and restarts the sequence numbers at zero.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TPayload>())
        {
            Array.Clear(_nodes, 0, _used);
        }

        ResetBuckets();
        _used = 0;
        _free = -1;
        _count = 0;
        _nextSequence = 0;
        _lastDequeued = 0;
        _gapSum = 0;
        _gapCount = 0;
        _checkCountdown = MinCheckInterval;
        _sinceRebuild = 0;
        _wasted = 0;
    }

    /// <summary>Links node <paramref name="n"/> (time and order set) into its bucket.</summary>
    private void Insert(int n)
    {
        Node[] nodes = _nodes;
        ref Node node = ref nodes[n];
        long time = node.Time;
        long order = node.Order;
        long bucketIndex = time >> _shift;
        if (bucketIndex < _current || _count == 0)
        {
            _current = bucketIndex;
        }

        ref Bucket bucket = ref _buckets[(int)(bucketIndex & _mask)];
        int p = bucket.Tail;
        if (p < 0)
        {
            node.Next = -1;
            node.Prev = -1;
            bucket.Head = n;
            bucket.Tail = n;
            bucket.HeadTime = time;
            return;
        }

        // Walk back from the tail past every event that must leave after this one. A new event
        // carries the largest sequence number, so it passes no event of its own time and kind
        // priority: in a simulation this walk is usually empty.
        while (p >= 0 && (time < nodes[p].Time || (time == nodes[p].Time && order < nodes[p].Order)))
        {
            p = nodes[p].Prev;
            _wasted++;
        }

        if (p < 0)
        {
            int h = bucket.Head;
            node.Prev = -1;
            node.Next = h;
            nodes[h].Prev = n;
            bucket.Head = n;
            bucket.HeadTime = time;
            return;
        }

        int q = nodes[p].Next;
        node.Prev = p;
        node.Next = q;
        nodes[p].Next = n;
        if (q < 0)
        {
            bucket.Tail = n;
        }
        else
        {
            nodes[q].Prev = n;
        }
    }

    /// <summary>The bucket whose head is the earliest event; moves the current bucket there. Count must be positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindFirstBucket()
    {
        // Invariant: every pending event has (time ≫ shift) ≥ _current. The earliest event is the head
        // of the first bucket, from _current on, whose head lies in that bucket's current "year".
        long current = _current;
        int shift = _shift;
        int mask = _mask;
        Bucket[] buckets = _buckets;
        int steps = 0;
        while (true)
        {
            int b = (int)(current & mask);
            ref Bucket bucket = ref buckets[b];
            if ((bucket.HeadTime >> shift) == current && bucket.Head >= 0)
            {
                _current = current;
                _wasted += steps;
                return b;
            }

            current++;
            if (++steps > mask)
            {
                // A whole year of empty buckets: jump straight to the earliest head.
                current = DirectSearch();
                steps = 0;
            }
        }
    }

    /// <summary>The bucket index (time ≫ shift) of the earliest pending event, by scanning every bucket head.</summary>
    private long DirectSearch()
    {
        long min = long.MaxValue;
        foreach (ref readonly Bucket bucket in _buckets.AsSpan())
        {
            if (bucket.Head >= 0 && bucket.HeadTime < min)
            {
                min = bucket.HeadTime;
            }
        }

        return min >> _shift;
    }

    private void Retune()
    {
        // Checked every MinCheckInterval dequeues, so a bad width is noticed quickly. A rebuild costs
        // O(n), so it waits until as many operations have passed since the last one, or until list
        // walks and empty-bucket scans have already wasted that much work.
        _checkCountdown = MinCheckInterval;
        _sinceRebuild += MinCheckInterval;
        int buckets = _mask + 1;
        if (_sinceRebuild >= buckets / 4 || _wasted >= _count)
        {
            int target = _count < buckets / 4 && buckets > MinBuckets ? buckets / 2 : buckets;

            // Re-bucket when the ideal width has left the current octave by more than half an octave
            // (hysteresis: the estimate wobbles).
            double ideal = IdealLog2Width();
            if (target != buckets || ideal < _shift - 0.5 || ideal > _shift + 1.5)
            {
                Rebuild(target, ShiftFor(ideal));
            }
        }

        // Keep half of the gap history: smooth, yet following a change of regime.
        _gapSum *= 0.5;
        _gapCount *= 0.5;
    }

    private static int ShiftFor(double log2Width) => (int)Math.Clamp(Math.Floor(log2Width), 0, 62);

    /// <summary>
    /// log2 of the ideal bucket width, <see cref="WidthFactor"/> mean gaps between successive dequeued
    /// events; before enough dequeues, the spread of pending times over their number stands in.
    /// </summary>
    private double IdealLog2Width()
    {
        double width;
        if (_gapCount >= 32)
        {
            width = WidthFactor * _gapSum / _gapCount;
        }
        else
        {
            long min = long.MaxValue;
            long max = long.MinValue;
            foreach (ref readonly Bucket bucket in _buckets.AsSpan())
            {
                if (bucket.Head >= 0)
                {
                    min = Math.Min(min, bucket.HeadTime);
                    max = Math.Max(max, _nodes[bucket.Tail].Time);
                }
            }

            if (min > max)
            {
                return _shift + 0.5;
            }

            width = WidthFactor * ((double)max - min) / Math.Max(1, _count);
        }

        return width > 1 ? Math.Log2(width) : 0;
    }

    private void Rebuild(int buckets, int shift)
    {
        Rebuilds++;

        // Chain every pending node into one list, then reinsert under the new geometry.
        int chain = -1;
        foreach (ref readonly Bucket bucket in _buckets.AsSpan())
        {
            if (bucket.Head >= 0)
            {
                _nodes[bucket.Tail].Next = chain;
                chain = bucket.Head;
            }
        }

        if (buckets != _mask + 1)
        {
            _buckets = new Bucket[buckets];
            _mask = buckets - 1;
        }

        _shift = shift;
        ResetBuckets();
        int count = _count;
        _count = 0;
        while (chain >= 0)
        {
            int n = chain;
            chain = _nodes[n].Next;
            Insert(n);
            _count++;
        }

        _count = count;
        _sinceRebuild = 0;
        _wasted = 0;
    }

    private void ResetBuckets()
    {
        _buckets.AsSpan().Fill(new Bucket { Head = -1, Tail = -1, HeadTime = long.MaxValue });
        _current = long.MaxValue >> _shift;
    }

    private static ScheduledEvent<TPayload> ToEvent(in Node n) =>
        new(new SimTime(n.Time), (int)(n.Order >>> SequenceBits), n.Order & SequenceMask, n.Payload);

    private static void ThrowEmpty() => throw new InvalidOperationException("The event queue is empty.");

    private static void ThrowPriority(int priority) =>
        throw new ArgumentOutOfRangeException(nameof(priority), priority, $"Kind priority must be in [0, {MaxPriority}].");

    private struct Node
    {
        public long Time;
        public long Order;
        public int Next;
        public int Prev;
        public TPayload Payload;
    }

    /// <summary>One bucket: its list ends and the time of its head (long.MaxValue when empty), in one cache line.</summary>
    private struct Bucket
    {
        public long HeadTime;
        public int Head;
        public int Tail;
    }
}
