using BenchmarkDotNet.Attributes;
using PatrolSim.Engine;
using PatrolSim.Engine.Queues;
using PatrolSim.Engine.Random;

namespace PatrolSim.Benchmarks;

/// <summary>How the hold model draws the increment added to the time of each dequeued event.</summary>
public enum Increment
{
    /// <summary>Exponential with mean 60 000 ticks (one minute).</summary>
    Exponential,

    /// <summary>Uniform on [0, 120 000] ticks (mean one minute).</summary>
    Uniform,

    /// <summary>
    /// A mixture that defeats naive bucket sizing: with probability 0.9 uniform on [0, 12 000] ticks,
    /// otherwise uniform on [540 000, 660 000] ticks (ten times the mean of the rest).
    /// </summary>
    Bimodal,
}

/// <summary>
/// The classic hold model (Jones 1986): with <see cref="Pending"/> events in the queue, repeatedly
/// dequeue the minimum and schedule it again at its time plus a random increment. Increments are
/// drawn up front into a table shared by every queue, so only queue work is timed.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class HoldBenchmarks
{
    /// <summary>Hold operations (one dequeue plus one schedule) per invocation.</summary>
    public const int Holds = 100_000;

    private const int TableMask = (1 << 16) - 1;

    private long[] _increments = [];
    private PriorityQueue<HoldPayload, TimeSequence> _baseline = null!;
    private EventQueue<HoldPayload> _queue = null!;
    private HeapEventQueue<HoldPayload> _alternative = null!;
    private long _baselineSequence;
    private int _next;

    /// <summary>Events pending throughout the run.</summary>
    [Params(100, 1_000, 10_000, 100_000, 1_000_000)]
    public int Pending { get; set; }

    /// <summary>The increment distribution.</summary>
    [Params(Increment.Exponential, Increment.Uniform, Increment.Bimodal)]
    public Increment Distribution { get; set; }

    /// <summary>Draws the increment table and fills every queue with <see cref="Pending"/> events.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _increments = DrawIncrements(Distribution, TableMask + 1, seed: 2026);
        _baseline = new PriorityQueue<HoldPayload, TimeSequence>(Pending, TimeSequenceComparer.Instance);
        _queue = new EventQueue<HoldPayload>(Pending);
        _alternative = new HeapEventQueue<HoldPayload>(Pending);
        _baselineSequence = 0;
        for (int i = 0; i < Pending; i++)
        {
            long t = _increments[i & TableMask];
            _baseline.Enqueue(new HoldPayload(i), new TimeSequence(t, _baselineSequence++));
            _queue.Schedule(new SimTime(t), 0, new HoldPayload(i));
            _alternative.Schedule(new SimTime(t), 0, new HoldPayload(i));
        }

        _next = Pending;
    }

    /// <summary>System.Collections.Generic.PriorityQueue with a (time, sequence) struct priority and comparer.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Holds)]
    public long PriorityQueueBaseline()
    {
        var q = _baseline;
        long[] inc = _increments;
        int next = _next;
        long seq = _baselineSequence;
        long last = 0;
        for (int i = 0; i < Holds; i++)
        {
            q.TryDequeue(out HoldPayload payload, out TimeSequence key);
            last = key.Time;
            q.Enqueue(payload, new TimeSequence(last + inc[next++ & TableMask], seq++));
        }

        _next = next;
        _baselineSequence = seq;
        return last;
    }

    /// <summary>PatrolSim's <see cref="EventQueue{TPayload}"/>.</summary>
    [Benchmark(OperationsPerInvoke = Holds)]
    public long EventQueue()
    {
        var q = _queue;
        long[] inc = _increments;
        int next = _next;
        long last = 0;
        for (int i = 0; i < Holds; i++)
        {
            q.TryDequeue(out var e);
            last = e.Time.Ticks;
            q.Schedule(new SimTime(last + inc[next++ & TableMask]), 0, e.Payload);
        }

        _next = next;
        return last;
    }

    /// <summary>The alternative structure kept for comparison (see docs/engine.md).</summary>
    [Benchmark(OperationsPerInvoke = Holds)]
    public long Alternative()
    {
        var q = _alternative;
        long[] inc = _increments;
        int next = _next;
        long last = 0;
        for (int i = 0; i < Holds; i++)
        {
            q.TryDequeue(out var e);
            last = e.Time.Ticks;
            q.Schedule(new SimTime(last + inc[next++ & TableMask]), 0, e.Payload);
        }

        _next = next;
        return last;
    }

    /// <summary>Draws <paramref name="count"/> increments (ticks) of the given distribution.</summary>
    public static long[] DrawIncrements(Increment distribution, int count, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var table = new long[count];
        for (int i = 0; i < count; i++)
        {
            double x = distribution switch
            {
                Increment.Exponential => rng.Exponential(60_000),
                Increment.Uniform => rng.Uniform(0, 120_000),
                Increment.Bimodal => rng.NextDouble() < 0.9 ? rng.Uniform(0, 12_000) : rng.Uniform(540_000, 660_000),
                _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
            };
            table[i] = (long)x;
        }

        return table;
    }
}

/// <summary>The payload carried by hold-model events (an entity id).</summary>
public readonly record struct HoldPayload(int Id);

/// <summary>The baseline's priority: event time, then the sequence number given at scheduling.</summary>
public readonly record struct TimeSequence(long Time, long Sequence);

/// <summary>Orders <see cref="TimeSequence"/> by time, then sequence.</summary>
public sealed class TimeSequenceComparer : IComparer<TimeSequence>
{
    /// <summary>The single instance.</summary>
    public static readonly TimeSequenceComparer Instance = new();

    /// <inheritdoc/>
    public int Compare(TimeSequence x, TimeSequence y)
    {
        int c = x.Time.CompareTo(y.Time);
        return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
    }
}
