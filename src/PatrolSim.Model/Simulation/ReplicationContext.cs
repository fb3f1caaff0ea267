using PatrolSim.Engine;
using PatrolSim.Engine.Random;
using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// What every part of one replication reads: the compiled scenario, the clock (advanced only by the event loop), the
/// event queue, the random streams and the trace. State that changes (units, calls, the queue of waiting calls,
/// metrics) is owned by the part that changes it and handed to the parts that need it when they are built.
/// One per replication; not thread-safe.
/// </summary>
internal sealed class ReplicationContext
{
    private const int StreamArrivals = 0;
    private const int StreamCallAttributes = 1;
    private const int StreamOnScene = 2;
    private const int StreamTravelNoise = 3;
    private const int StreamPatrol = 4;
    private const int StreamProactive = 5;
    private const int StreamCallHandling = 6;
    private const int StreamReports = 7;
    private const int StreamDemand = 8;
    private const int StreamExtraCalls = 9;
    private const int StreamBreaks = 10;

    public ReplicationContext(CompiledScenario compiled, ulong seed, ITraceSink? trace)
    {
        C = compiled;
        S = compiled.Scenario;
        Seed = seed;
        Trace = trace;
        RngArrivals = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamArrivals));
        RngAttributes = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamCallAttributes));
        RngOnScene = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamOnScene));
        RngNoise = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamTravelNoise));
        RngPatrol = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamPatrol));
        RngProactive = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamProactive));
        RngCallHandling = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamCallHandling));
        RngReports = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamReports));
        RngDemand = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamDemand));
        RngExtraCalls = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamExtraCalls));
        RngBreaks = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamBreaks));
        Events = new EventQueue<SimEvent>(1024);
    }

    public CompiledScenario C { get; }

    public Scenario S { get; }

    public ulong Seed { get; }

    /// <summary>The trace, or null when not tracing (events are only built when it is set).</summary>
    public ITraceSink? Trace { get; }

    public EventQueue<SimEvent> Events { get; }

    public Xoshiro256 RngArrivals { get; }

    public Xoshiro256 RngAttributes { get; }

    public Xoshiro256 RngOnScene { get; }

    public Xoshiro256 RngNoise { get; }

    public Xoshiro256 RngPatrol { get; }

    public Xoshiro256 RngProactive { get; }

    /// <summary>Intake, hold and processing times (drawn per call at arrival, only when configured).</summary>
    public Xoshiro256 RngCallHandling { get; }

    /// <summary>Report-writing times (drawn per call at arrival, only for call types that have one).</summary>
    public Xoshiro256 RngReports { get; }

    /// <summary>Thinning of base calls inside demand windows with a multiplier below 1.</summary>
    public Xoshiro256 RngDemand { get; }

    /// <summary>Demand windows' extra calls: their times, attributes and acceptance.</summary>
    public Xoshiro256 RngExtraCalls { get; }

    /// <summary>Meal breaks: due times and lengths.</summary>
    public Xoshiro256 RngBreaks { get; }

    /// <summary>Simulated time now, ticks (set by the event loop only).</summary>
    public long Now { get; private set; }

    /// <summary>The event loop moves the clock to the event it handles next.</summary>
    public void AdvanceTo(long ticks) => Now = ticks;

    /// <summary>Now, in minutes (for the trace).</summary>
    public double NowMinutes => Minutes(Now);

    public static double Minutes(long ticks) => ticks / (double)SimTime.TicksPerMinute;

    public void Schedule(long ticks, EventKind kind, int target, int stamp) =>
        Events.Schedule(new SimTime(ticks), (int)kind, new SimEvent(kind, target, stamp));

    /// <summary>A uniformly random point of a zone, from the patrol stream.</summary>
    public (double X, double Y) RandomPointIn(int zone) => C.Geometry.PointIn(zone, RngPatrol);
}
