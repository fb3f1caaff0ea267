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
    private const int StreamCallHandling = 6;
    private const int StreamReports = 7;
    private const int StreamDemand = 8;
    private const int StreamExtraCalls = 9;

    public ReplicationContext(CompiledScenario compiled, ulong seed, ITraceSink? trace)
    {
        C = compiled;
        S = compiled.Scenario;
        Seed = seed;
        Trace = trace;
        RngArrivals = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamArrivals));
        RngAttributes = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamCallAttributes));
        RngOnScene = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamOnScene));
        RngCallSeeds = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamTravelNoise));
        UnitSeedBase = RandomStreams.StreamSeed(seed, StreamPatrol);
        RngCallHandling = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamCallHandling));
        RngReports = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamReports));
        RngDemand = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamDemand));
        RngExtraCalls = new Xoshiro256(RandomStreams.StreamSeed(seed, StreamExtraCalls));
        Events = new EventQueue<SimEvent>(1024);
    }

    public CompiledScenario C { get; }

    public Scenario S { get; }

    public ulong Seed { get; }

    /// <summary>The trace, or null when not tracing (events are only built when it is set).</summary>
    public ITraceSink? Trace { get; }

    /// <summary>
    /// Whether anything observes the moment a returning unit reaches its beat: the trace (a UnitIdle line). When
    /// nothing does, the arrival has no event (see <see cref="Patrol.ReturnToBeat"/>) and a unit found arrived by a
    /// search or by a self-initiated opportunity is settled idle then.
    /// </summary>
    public bool ArrivalsObserved => Trace is not null;

    public EventQueue<SimEvent> Events { get; }

    public Xoshiro256 RngArrivals { get; }

    public Xoshiro256 RngAttributes { get; }

    public Xoshiro256 RngOnScene { get; }

    /// <summary>
    /// One seed per base call, drawn at its arrival (common random numbers: the same call gets the same seed under every
    /// policy): its trips' noise and delay come from it (<see cref="TripRng"/>).
    /// </summary>
    public Xoshiro256 RngCallSeeds { get; }

    /// <summary>The root of every unit's own stream (<see cref="UnitTable.Rng"/>): patrol points, routine trips, meal breaks, self-initiated work.</summary>
    public ulong UnitSeedBase { get; }

    /// <summary>Intake, hold and processing times (drawn per call at arrival, only when configured).</summary>
    public Xoshiro256 RngCallHandling { get; }

    /// <summary>Report-writing times (drawn per call at arrival, only for call types that have one).</summary>
    public Xoshiro256 RngReports { get; }

    /// <summary>Thinning of base calls inside demand windows with a multiplier below 1.</summary>
    public Xoshiro256 RngDemand { get; }

    /// <summary>Demand windows' extra calls: their times, attributes and acceptance.</summary>
    public Xoshiro256 RngExtraCalls { get; }


    /// <summary>Simulated time now, ticks (set by the event loop only).</summary>
    public long Now { get; private set; }

    /// <summary>The event loop moves the clock to the event it handles next.</summary>
    public void AdvanceTo(long ticks) => Now = ticks;

    /// <summary>Now, in minutes (for the trace).</summary>
    public double NowMinutes => Minutes(Now);

    public static double Minutes(long ticks) => ticks / (double)SimTime.TicksPerMinute;

    public void Schedule(long ticks, EventKind kind, int target, int stamp) =>
        Events.Schedule(new SimTime(ticks), (int)kind, new SimEvent(kind, target, stamp));

    private readonly Xoshiro256 _trip = new(0);

    /// <summary>
    /// The stream of the <paramref name="trip"/>-th trip to a call with seed <paramref name="callSeed"/> (0 for its first
    /// unit): the same call's same trip draws the same noise and delay whatever the policy (common random numbers).
    /// </summary>
    public Xoshiro256 TripRng(ulong callSeed, int trip)
    {
        _trip.Reseed(RandomStreams.StreamSeed(callSeed, trip));
        return _trip;
    }
}
