using System.Numerics;
using System.Runtime.CompilerServices;

namespace PatrolSim.Engine.Queues;

/// <summary>
/// A calendar queue (Brown 1988) with the exact total order (time, kind priority, sequence): events
/// live in a pool of nodes linked into power-of-two many buckets of a power-of-two width in ticks;
/// each bucket is a list sorted by the full key, with a tail pointer so that the common insertion
/// behind everything already in the bucket costs O(1). The bucket count follows the number of
/// pending events, and the width follows the measured mean gap between successive dequeued events.
/// </summary>
/// <typeparam name="TPayload">The model's event data.</typeparam>
internal sealed class CalendarEventQueue<TPayload> : IEventQueue<TPayload>
    where TPayload : struct
{
    private const int SequenceBits = 56;
    private const long SequenceMask = (1L << SequenceBits) - 1;
    private const int MinBuckets = 16;
    private const int MinCheckInterval = 256;

    /// <summary>Width ≈ this many mean dequeue gaps.</summary>
    internal static double WidthFactor { get; set; } = 2.0;

    private Node[] _nodes;
    private int _used;
    private int _free = -1;

    private int[] _head;
    private int[] _tail;
    private long[] _headTime;
    private int _mask;
    private int _shift;
    private long _current;

    private int _count;
    private long _nextSequence;

    // Tuning statistics since the last check.
    private long _lastDequeued;
    private double _gapSum;
    private long _dequeues;
    private long _scanSteps;
    private long _insertSteps;
    private long _inserts;
    private long _checkCountdown = MinCheckInterval;

    public CalendarEventQueue(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _nodes = new Node[Math.Max(capacity, 4)];
        _head = new int[MinBuckets];
        _tail = new int[MinBuckets];
        _headTime = new long[MinBuckets];
        _mask = MinBuckets - 1;
        ResetBuckets();
    }

    public int Count => _count;

    public long ScheduledCount => _nextSequence;

    internal int BucketCount => _mask + 1;

    internal int WidthShift => _shift;

    public void EnsureCapacity(int capacity)
    {
        if (capacity > _nodes.Length)
        {
            Array.Resize(ref _nodes, capacity);
        }
    }

    public long Schedule(SimTime time, int priority, in TPayload payload)
    {
        if ((uint)priority > EventQueue<TPayload>.MaxPriority)
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
        _inserts++;
        if (++_count > 2 * (_mask + 1))
        {
            Rebuild((_mask + 1) * 2, ChooseShift());
        }

        return sequence;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

        int b = (int)(bucketIndex & _mask);
        int t = _tail[b];
        if (t < 0)
        {
            node.Next = -1;
            _head[b] = n;
            _tail[b] = n;
            _headTime[b] = time;
            return;
        }

        ref Node tailNode = ref nodes[t];
        if (time > tailNode.Time || (time == tailNode.Time && order > tailNode.Order))
        {
            node.Next = -1;
            tailNode.Next = n;
            _tail[b] = n;
            return;
        }

        int h = _head[b];
        if (time < _headTime[b] || (time == nodes[h].Time && order < nodes[h].Order))
        {
            node.Next = h;
            _head[b] = n;
            _headTime[b] = time;
            return;
        }

        // Somewhere strictly between head and tail.
        int p = h;
        int q = nodes[p].Next;
        long steps = 1;
        while (time > nodes[q].Time || (time == nodes[q].Time && order > nodes[q].Order))
        {
            p = q;
            q = nodes[p].Next;
            steps++;
        }

        node.Next = q;
        nodes[p].Next = n;
        _insertSteps += steps;
    }

    public SimTime PeekTime => _count == 0 ? SimTime.Never : new SimTime(_nodes[_head[FindFirstBucket()]].Time);

    public ScheduledEvent<TPayload> Peek()
    {
        if (_count == 0)
        {
            ThrowEmpty();
        }

        return ToEvent(in _nodes[_head[FindFirstBucket()]]);
    }

    public ScheduledEvent<TPayload> Dequeue()
    {
        if (!TryDequeue(out var e))
        {
            ThrowEmpty();
        }

        return e;
    }

    public bool TryDequeue(out ScheduledEvent<TPayload> next)
    {
        if (_count == 0)
        {
            next = default;
            return false;
        }

        int b = FindFirstBucket();
        Node[] nodes = _nodes;
        int h = _head[b];
        ref Node node = ref nodes[h];
        next = ToEvent(in node);
        int following = node.Next;
        _head[b] = following;
        if (following < 0)
        {
            _tail[b] = -1;
            _headTime[b] = long.MaxValue;
        }
        else
        {
            _headTime[b] = nodes[following].Time;
        }

        if (RuntimeHelpers.IsReferenceOrContainsReferences<TPayload>())
        {
            node.Payload = default;
        }

        node.Next = _free;
        _free = h;
        _count--;

        long gap = node.Time - _lastDequeued;
        if (gap >= 0)
        {
            _gapSum += gap;
            _dequeues++;
        }

        _lastDequeued = node.Time;
        if (--_checkCountdown <= 0)
        {
            Retune();
        }

        return true;
    }

    /// <summary>The bucket whose head is the earliest event; moves the current bucket there. Count must be positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindFirstBucket()
    {
        long current = _current;
        int shift = _shift;
        int mask = _mask;
        long[] headTime = _headTime;
        int steps = 0;
        while (true)
        {
            int b = (int)(current & mask);
            if ((headTime[b] >> shift) == current && _head[b] >= 0)
            {
                _current = current;
                _scanSteps += steps;
                return b;
            }

            current++;
            if (++steps > mask)
            {
                current = DirectSearch();
                _scanSteps += steps;
                steps = 0;
            }
        }
    }

    /// <summary>The bucket index (time ≫ shift) of the earliest pending event, by scanning every bucket head.</summary>
    private long DirectSearch()
    {
        long min = long.MaxValue;
        for (int b = 0; b <= _mask; b++)
        {
            if (_head[b] >= 0 && _headTime[b] < min)
            {
                min = _headTime[b];
            }
        }

        return min >> _shift;
    }

    private void Retune()
    {
        int buckets = _mask + 1;
        _checkCountdown = Math.Max(MinCheckInterval, buckets);
        long ops = Math.Max(1, _dequeues + _inserts);
        double cost = (double)(_scanSteps + _insertSteps) / ops;
        int shift = ChooseShift();
        int target = buckets;
        if (_count < buckets / 4 && buckets > MinBuckets)
        {
            target = buckets / 2;
        }

        int drift = Math.Abs(shift - _shift);
        if (target != buckets || drift >= 2 || (drift == 1 && cost > 2.0))
        {
            Rebuild(target, shift);
        }

        _gapSum = 0;
        _dequeues = 0;
        _scanSteps = 0;
        _insertSteps = 0;
        _inserts = 0;
    }

    /// <summary>log2 of the bucket width: from the mean dequeue gap when known, else from the spread of pending times.</summary>
    private int ChooseShift()
    {
        double width;
        if (_dequeues >= 32)
        {
            width = WidthFactor * _gapSum / _dequeues;
        }
        else
        {
            long min = long.MaxValue;
            long max = long.MinValue;
            for (int b = 0; b <= _mask; b++)
            {
                if (_head[b] >= 0)
                {
                    min = Math.Min(min, _headTime[b]);
                    max = Math.Max(max, _nodes[_tail[b]].Time);
                }
            }

            if (min > max)
            {
                return _shift;
            }

            width = WidthFactor * ((double)max - min) / Math.Max(1, _count);
        }

        if (!(width >= 2))
        {
            return 0;
        }

        return Math.Min(62, BitOperations.Log2((ulong)Math.Min(width, 4e18)));
    }

    private void Rebuild(int buckets, int shift)
    {
        // Chain every pending node into one list, then reinsert under the new geometry.
        int chain = -1;
        for (int b = 0; b <= _mask; b++)
        {
            int h = _head[b];
            if (h >= 0)
            {
                _nodes[_tail[b]].Next = chain;
                chain = h;
            }
        }

        if (buckets != _mask + 1)
        {
            _head = new int[buckets];
            _tail = new int[buckets];
            _headTime = new long[buckets];
            _mask = buckets - 1;
        }

        _shift = shift;
        ResetBuckets();
        int count = _count;
        _count = 0;
        long insertSteps = _insertSteps;
        while (chain >= 0)
        {
            int n = chain;
            chain = _nodes[n].Next;
            Insert(n);
            _count++;
        }

        _insertSteps = insertSteps;
        _count = count;
        _checkCountdown = Math.Max(MinCheckInterval, buckets);
    }

    private void ResetBuckets()
    {
        Array.Fill(_head, -1);
        Array.Fill(_tail, -1);
        Array.Fill(_headTime, long.MaxValue);
        _current = long.MaxValue >> _shift;
    }

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
        _dequeues = 0;
        _scanSteps = 0;
        _insertSteps = 0;
        _inserts = 0;
        _checkCountdown = MinCheckInterval;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScheduledEvent<TPayload> ToEvent(in Node n) =>
        new(new SimTime(n.Time), (int)(n.Order >>> SequenceBits), n.Order & SequenceMask, n.Payload);

    private static void ThrowEmpty() => throw new InvalidOperationException("The event queue is empty.");

    private static void ThrowPriority(int priority) =>
        throw new ArgumentOutOfRangeException(nameof(priority), priority, $"Kind priority must be in [0, {EventQueue<TPayload>.MaxPriority}].");

    private struct Node
    {
        public long Time;
        public long Order;
        public int Next;
        public TPayload Payload;
    }
}
