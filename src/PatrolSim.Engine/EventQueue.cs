using System.Numerics;
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
/// number of ticks; bucket <c>(time ≫ shift) mod buckets</c> holds a singly linked list sorted by the
/// full key, with its tail kept. A new event at or after the tail (the usual case, ties included) is
/// appended in O(1); dequeueing scans forward from the current bucket. The bucket count covers both
/// the number of pending events and how far ahead events are scheduled (so that a calendar "year"
/// spans the pending events, up to 16 buckets per event), and the width follows the measured mean gap
/// between dequeued events, with an octave of hysteresis; both re-bucket in O(n), amortised over at
/// least as many operations.
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
    private const int CheckInterval = 1024;
    /// <summary>At most this many buckets per pending event, however far ahead events are scheduled.</summary>
    private const int MaxBucketsPerEvent = 16;
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
    private double _meanGap = -1;
    private long _checkStart = long.MinValue;
    private int _checkCountdown = CheckInterval;
    private long _maxAhead;
    private long _prevMaxAhead;
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
    public SimTime PeekTime => _count == 0 ? SimTime.Never : new SimTime(_nodes[_buckets[FindFirstBucket()].Head].Time);

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
            Rebuild(DesiredBuckets(_count), ShiftFor(IdealLog2Width()));
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

        ref Bucket bucket = ref _buckets[FindFirstBucket()];
        int h = bucket.Head;
        ref Node node = ref _nodes[h];
        long time = node.Time;
        next = ToEvent(in node);
        int following = node.Next;
        bucket.Head = following;
        if (following < 0)
        {
            bucket.Tail = -1;
        }

        if (RuntimeHelpers.IsReferenceOrContainsReferences<TPayload>())
        {
            node.Payload = default;
        }

        node.Next = _free;
        _free = h;
        _count--;
        if (--_checkCountdown <= 0)
        {
            Retune(time);
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
        _meanGap = -1;
        _checkStart = long.MinValue;
        _checkCountdown = CheckInterval;
        _maxAhead = 0;
        _prevMaxAhead = 0;
        _sinceRebuild = 0;
        _wasted = 0;
    }

    /// <summary>Links node <paramref name="n"/> (time and order set) into its bucket.</summary>
    private void Insert(int n)
    {
        Node[] nodes = _nodes;
        ref Node node = ref nodes[n];
        long time = node.Time;
        long bucketIndex = time >> _shift;
        // How many buckets ahead of the current one events are scheduled: the year should cover it.
        long ahead = bucketIndex - _current;
        if (ahead < 0 || _count == 0)
        {
            _current = bucketIndex;
        }
        else if (ahead > _maxAhead)
        {
            _maxAhead = ahead;
        }

        ref Bucket bucket = ref _buckets[(int)(bucketIndex & _mask)];
        node.Next = -1;
        int tail = bucket.Tail;
        if (tail < 0)
        {
            bucket.Head = n;
            bucket.Tail = n;
            return;
        }

        ref Node last = ref nodes[tail];
        long order = node.Order;
        if (time > last.Time || (time == last.Time && order > last.Order))
        {
            // The usual case: at or after everything in the bucket (a new event carries the largest
            // sequence number, so it follows every event of its own time and kind priority).
            last.Next = n;
            bucket.Tail = n;
            return;
        }

        int p = bucket.Head;
        ref Node first = ref nodes[p];
        if (time < first.Time || (time == first.Time && order < first.Order))
        {
            node.Next = p;
            bucket.Head = n;
            return;
        }

        // Before the tail but not before the head: walk forward to the last event that leaves before this one (it exists and is not the tail).
        while (true)
        {
            int q = nodes[p].Next;
            ref Node qn = ref nodes[q];
            if (time < qn.Time || (time == qn.Time && order < qn.Order))
            {
                break;
            }

            p = q;
            _wasted++;
        }

        node.Next = nodes[p].Next;
        nodes[p].Next = n;
    }

    /// <summary>The bucket whose head is the earliest event; moves the current bucket there. Count must be positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindFirstBucket()
    {
        long current = _current;
        int shift = _shift;
        int mask = _mask;
        Bucket[] buckets = _buckets;
        Node[] nodes = _nodes;
        int steps = 0;
        while (true)
        {
            int b = (int)(current & mask);
            int h = buckets[b].Head;
            if (h >= 0 && (nodes[h].Time >> shift) == current)
            {
                _current = current;
                _wasted += steps;
                return b;
            }

            current++;
            if (++steps > mask)
            {
                current = DirectSearch();
                steps = 0;
            }
        }
    }

    /// <summary>The bucket index (time ≫ shift) of the earliest pending event, by scanning every bucket head.</summary>
    private long DirectSearch()
    {
        long min = long.MaxValue;
        foreach (ref readonly Bucket bucket in ActiveBuckets)
        {
            if (bucket.Head >= 0)
            {
                min = Math.Min(min, _nodes[bucket.Head].Time);
            }
        }

        return min >> _shift;
    }

    private void Retune(long now)
    {
        // Checked every CheckInterval dequeues, so a bad geometry is noticed quickly. The mean gap
        // between dequeued events is (now − time at the last check) / CheckInterval, smoothed over
        // about eight checks. A rebuild costs O(n), so it waits until as many operations have passed
        // since the last one, or until list walks and empty-bucket scans have already wasted that much.
        _checkCountdown = CheckInterval;
        _sinceRebuild += CheckInterval;
        if (_checkStart != long.MinValue)
        {
            double gap = Math.Max(0, (double)now - _checkStart) / CheckInterval;
            _meanGap = _meanGap < 0 ? gap : _meanGap + ((gap - _meanGap) / 8);
        }

        _checkStart = now;
        int buckets = _mask + 1;
        if (_sinceRebuild >= buckets / 4 || _wasted >= _count)
        {
            int desired = DesiredBuckets(_count);
            int target = desired > buckets || (desired < buckets / 4 && buckets > MinBuckets) ? desired : buckets;
            // Re-bucket when the ideal width has left the current octave by more than an octave
            // (hysteresis: the gap estimate swings by 2× with waves of far events).
            double ideal = IdealLog2Width();
            int shift = ShiftFor(ideal);
            if (target != buckets || (shift != _shift && (ideal < _shift - 1 || ideal > _shift + 2)))
            {
                Rebuild(target, shift);
                return;
            }
        }

        _prevMaxAhead = _maxAhead;
        _maxAhead = 0;
    }

    /// <summary>Enough buckets for the pending events and for a year that covers how far ahead events are scheduled.</summary>
    private int DesiredBuckets(int count)
    {
        long ahead = Math.Max(_maxAhead, _prevMaxAhead) + 1;
        long want = Math.Max(Math.Max(count, MinBuckets), Math.Min(ahead, (long)MaxBucketsPerEvent * count));
        return (int)Math.Min(1L << 30, (long)BitOperations.RoundUpToPowerOf2((ulong)want));
    }

    private static int ShiftFor(double log2Width) => (int)Math.Clamp(Math.Floor(log2Width), 0, 62);

    /// <summary>
    /// log2 of the ideal bucket width, <see cref="WidthFactor"/> mean gaps between successive dequeued
    /// events (below 0 for sub-tick widths); before the first check, the spread of pending times over
    /// their number stands in.
    /// </summary>
    private double IdealLog2Width()
    {
        double width;
        if (_meanGap >= 0)
        {
            width = WidthFactor * _meanGap;
        }
        else
        {
            long min = long.MaxValue;
            long max = long.MinValue;
            foreach (ref readonly Bucket bucket in ActiveBuckets)
            {
                if (bucket.Head >= 0)
                {
                    min = Math.Min(min, _nodes[bucket.Head].Time);
                    max = Math.Max(max, _nodes[bucket.Tail].Time);
                }
            }

            if (min > max)
            {
                return _shift + 0.5;
            }

            width = WidthFactor * ((double)max - min) / Math.Max(1, _count);
        }

        return Math.Log2(Math.Max(width, 1.0 / 1024));
    }

    private void Rebuild(int buckets, int shift)
    {
        Rebuilds++;

        // Chain every pending node into one list, then reinsert under the new geometry.
        int chain = -1;
        foreach (ref readonly Bucket bucket in ActiveBuckets)
        {
            if (bucket.Head >= 0)
            {
                _nodes[bucket.Tail].Next = chain;
                chain = bucket.Head;
            }
        }

        // The new unit of "ahead" is the new bucket width.
        int delta = shift - _shift;
        _maxAhead = delta >= 0 ? _maxAhead >> delta : _maxAhead << -delta;
        _prevMaxAhead = delta >= 0 ? _prevMaxAhead >> delta : _prevMaxAhead << -delta;
        long keepAhead = _maxAhead;
        // The array only grows: a calendar that shrinks keeps its larger array and uses the front of it, so a pending count
        // that swings every simulated day (units going on and off shift) stops allocating once it has seen its peak.
        if (buckets > _buckets.Length)
        {
            _buckets = new Bucket[buckets];
        }

        _mask = buckets - 1;

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
        _maxAhead = keepAhead;
        _sinceRebuild = 0;
        _wasted = 0;
    }

    /// <summary>A pending node as the event it stands for (time, kind priority, sequence, payload).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScheduledEvent<TPayload> ToEvent(in Node n) =>
        new(new SimTime(n.Time), (int)(n.Order >>> SequenceBits), n.Order & SequenceMask, n.Payload);

    /// <summary>The buckets of the current calendar: the first <c>_mask + 1</c> of the array.</summary>
    private Span<Bucket> ActiveBuckets => _buckets.AsSpan(0, _mask + 1);

    private void ResetBuckets()
    {
        ActiveBuckets.Fill(new Bucket { Head = -1, Tail = -1 });
        _current = long.MaxValue >> _shift;
    }

    private static void ThrowEmpty() => throw new InvalidOperationException("The event queue is empty.");

    private static void ThrowPriority(int priority) =>
        throw new ArgumentOutOfRangeException(nameof(priority), priority, $"Kind priority must be in [0, {MaxPriority}].");

    private struct Node
    {
        public long Time;
        public long Order;
        public int Next;
        public TPayload Payload;
    }

    /// <summary>One bucket: the ends of its list (−1 when empty); the head's time is read from its node.</summary>
    private struct Bucket
    {
        public int Head;
        public int Tail;
    }
}
