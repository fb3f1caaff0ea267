using PatrolSim.Engine;
using PatrolSim.Engine.Random;
using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// The stream of calls: base calls at the weekly profile's rate, the extra calls of demand windows, every call's
/// attributes drawn at its arrival from policy-independent streams (common random numbers), and the call's record
/// opened with the rules in force at its arrival. Calls handled without a unit are counted and closed here.
/// </summary>
internal sealed class CallArrivals
{
    private readonly ReplicationContext _x;
    private readonly CompiledScenario _c;
    private readonly CallTable _calls;
    private readonly PolicyState _policy;
    private readonly MetricsCollector _metrics;
    private readonly ICallSink? _callSink;
    private bool _extraRunning;

    public CallArrivals(ReplicationContext context, CallTable calls, PolicyState policy, MetricsCollector metrics, ICallSink? callSink)
    {
        _x = context;
        _c = context.C;
        _calls = calls;
        _policy = policy;
        _metrics = metrics;
        _callSink = callSink;
    }

    /// <summary>Calls that happened so far (each gets the next id; candidates a demand window thins away get none).</summary>
    public long Generated { get; private set; }

    /// <summary>The hard stop (<see cref="SimulationOptions.MaxCallsPerReplication"/>): one call more throws <see cref="CallLimitExceededException"/>.</summary>
    public long MaxCalls { get; init; } = long.MaxValue;

    /// <summary>The stamp of the current candidate extra call: an extra-call event with another is stale (its window closed).</summary>
    public int ExtraStamp { get; private set; }

    /// <summary>Schedules the first base arrival, and the first candidate extra call if a demand window is open.</summary>
    public void Start()
    {
        ScheduleNextArrival();
        DemandChanged();
    }

    /// <summary>
    /// A policy window opened or closed. Candidate extra calls run only while the demand multiplier in force is above 1:
    /// outside, every one would be thinned away (an event and a call's draws for nothing; the all-features benchmark
    /// city had 28,000 a year). Started from now when a window raises the multiplier above 1 (the candidates are a
    /// Poisson process, memoryless, so starting them at the window's opening gives them the same law), and stopped
    /// when it falls back by making the pending candidate stale.
    /// </summary>
    public void DemandChanged()
    {
        bool run = _c.Arrivals is not null && _c.ExtraDemandPeak > 0 && _policy.DemandMultiplier > 1;
        if (run == _extraRunning)
        {
            return;
        }

        _extraRunning = run;
        ExtraStamp++;
        if (run)
        {
            ScheduleNextExtraArrival();
        }
    }

    /// <summary>
    /// A call arrives (<paramref name="extra"/>: a demand window's own call): the next arrival is scheduled, the call
    /// drawn and opened. Returns its slot when it is ready for dispatch now, else -1 (it is ready later, handled
    /// without a unit, or thinned away by a demand window).
    /// </summary>
    public int OnArrival(bool extra)
    {
        if (extra)
        {
            ScheduleNextExtraArrival();
        }
        else
        {
            ScheduleNextArrival();
        }

        var d = Draw(extra);

        // Demand windows: base calls thinned below a multiplier of 1, extra calls accepted up to the multiplier.
        double m = _policy.DemandMultiplier;
        if (extra ? _x.RngExtraCalls.NextDouble() * _c.ExtraDemandPeak >= m - 1 : m < 1 && _x.RngDemand.NextDouble() >= m)
        {
            return -1;
        }

        long id = Generated++;
        CallLimitExceededException.ThrowIfReached(id, MaxCalls, _x.Now);
        long now = _x.Now;
        var z = _c.Zones[d.Zone];
        var ct = _c.CallTypes[d.Type];
        bool measured = now >= _c.WarmupTicks;
        if (!ct.NeedsUnit)
        {
            if (measured)
            {
                _metrics.CallArrived(ct.Priority, d.Zone);
                _metrics.CallHandledWithoutUnit(ct.Priority, d.Zone);
            }

            _x.Trace?.Record(new CallWithoutUnit(_x.NowMinutes, id));
            _callSink?.Call(new CallRecord(id, ReplicationContext.Minutes(now), ct.Priority, ct.Name, z.Id, d.X, d.Y, null, null, null, 0, 0, false, measured));
            return -1;
        }

        int slot = _calls.Allocate();
        ref CallState call = ref _calls[slot];
        call.Id = id;
        call.Open = true;
        call.ArrivalTicks = now;
        call.Type = d.Type;
        call.Priority = ct.Priority;
        call.X = d.X;
        call.Seed = d.Seed;
        call.Trips = 0;
        call.Y = d.Y;
        call.Zone = d.Zone;
        call.Needed = _policy.NeededOfficers(ct);
        call.FirstUnit = -1;
        call.FirstDispatch = call.FirstEnRoute = call.FirstOnScene = call.SecondOnScene = call.FullOnScene = call.ServiceStart = call.AloneSince = -1;
        call.OnSceneTicks = Math.Max(0, SimTime.FromMinutes(d.OnSceneMinutes).Ticks);
        call.RiskWeight = _c.TypeRiskWeights[d.Type];
        call.RiskLevel = _c.TypeRiskLevels[d.Type];
        call.ReportTicks = d.Report;
        call.ProcessingTicks = d.Processing;
        call.Engage = _policy.Engage;
        call.Rule = _policy.DispatchRule;
        call.Measured = measured;
        if (measured)
        {
            _metrics.CallArrived(ct.Priority, d.Zone);
        }

        _x.Trace?.Record(new CallArrived(_x.NowMinutes, id, ct.Priority, ct.Name, call.Needed, d.X, d.Y));
        call.QueuedTicks = now + d.Intake;
        long ready = d.Intake + d.Hold;
        if (ready > 0)
        {
            _x.Schedule(now + ready, EventKind.CallReady, slot, 0);
            return -1;
        }

        return slot;
    }

    private void ScheduleNextArrival()
    {
        if (_c.Arrivals is null)
        {
            return;
        }

        long next = _c.Arrivals.NextArrival(new SimTime(_x.Now), _x.RngArrivals).Ticks;
        if (next < _c.HorizonTicks)
        {
            _x.Schedule(next, EventKind.CallArrival, 0, 0);
        }
    }

    /// <summary>
    /// Candidate extra calls while a demand window has the multiplier above 1: the base rate × (largest multiplier −
    /// 1), thinned to the multiplier in force, all drawn from their own stream so the base calls stay the same.
    /// </summary>
    private void ScheduleNextExtraArrival()
    {
        long next = _c.Arrivals!.NextArrival(new SimTime(_x.Now), _x.RngExtraCalls, _c.ExtraDemandPeak).Ticks;
        if (next < _c.HorizonTicks)
        {
            _x.Schedule(next, EventKind.ExtraCallArrival, 0, ExtraStamp);
        }
    }

    /// <summary>A call's attributes, drawn at its arrival.</summary>
    private struct CallDraw
    {
        public ulong Seed;
        public int Type;
        public int Zone;
        public double X;
        public double Y;
        public double OnSceneMinutes;
        public long Intake;
        public long Hold;
        public long Processing;
        public long Report;
    }

    /// <summary>
    /// Everything about a call, drawn now in a fixed order from policy-independent streams (common random
    /// numbers): the base calls from their own streams, an event's extra calls all from the extra-calls stream.
    /// </summary>
    private CallDraw Draw(bool extra)
    {
        var rng = extra ? _x.RngExtraCalls : _x.RngAttributes;
        var d = default(CallDraw);
        d.Type = _c.TypeTable.Sample(rng);
        d.Zone = _c.ZoneTable.Sample(rng);
        (d.X, d.Y) = _c.Geometry.CallPointIn(d.Zone, rng);
        var ct = _c.CallTypes[d.Type];
        d.Seed = (extra ? rng : _x.RngCallSeeds).NextUInt64();
        d.OnSceneMinutes = ct.OnScene.Sample(extra ? rng : _x.RngOnScene);
        if (!ct.NeedsUnit)
        {
            return d;
        }

        if (ct.Report is { } report)
        {
            d.Report = Ticks(report, extra ? rng : _x.RngReports);
        }

        if (_c.HasCallHandling)
        {
            var rngHandling = extra ? rng : _x.RngCallHandling;
            d.Intake = Ticks(_c.IntakeByPriority[ct.Priority], rngHandling);
            d.Hold = Ticks(_c.HoldByPriority[ct.Priority], rngHandling);
            d.Processing = Ticks(_c.Processing, rngHandling);
        }

        return d;
    }

    private static long Ticks(Distribution? d, Xoshiro256 rng) =>
        d is null ? 0 : Math.Max(0, SimTime.FromMinutes(d.Sample(rng)).Ticks);
}
