using PatrolSim.Engine;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// One replication: the event loop (one closed switch over event kinds) and the life of a call from
/// arrival to clearance, including what happens on scene. Decisions are delegated: which unit serves a
/// call to the <see cref="Dispatcher"/>, crews to the <see cref="ShiftRoster"/>, the rules in force to
/// the <see cref="PolicyState"/>, idle units and self-initiated work to <see cref="Patrol"/>, and
/// statistics to the <see cref="MetricsCollector"/>.
/// </summary>
internal sealed class Replication
{
    private readonly ReplicationContext _x;
    private readonly CompiledScenario _c;
    private readonly ICallSink? _callSink;
    private readonly PolicyState _policy;
    private readonly Patrol _patrol;
    private readonly Dispatcher _dispatcher;
    private readonly ShiftRoster _roster;

    private int _callCount;
    private int _freeCall = -1;
    private int[] _nextFreeCall = new int[256];
    private long _nextCallId;
    private long _eventsProcessed;

    public Replication(CompiledScenario compiled, SimulationOptions options, ulong seed, ITraceSink? trace, ICallSink? calls)
    {
        _x = new ReplicationContext(compiled, options, seed, trace);
        _c = compiled;
        _callSink = calls;
        _policy = new PolicyState(compiled.Scenario.Policy);
        _patrol = new Patrol(_x);
        _dispatcher = new Dispatcher(_x, _patrol);
        _roster = new ShiftRoster(_x, _policy, _patrol);
        _patrol.Dispatcher = _dispatcher;
        _dispatcher.Scene = this;
        _dispatcher.Roster = _roster;
        _roster.Dispatcher = _dispatcher;
    }

    public ReplicationResult Execute(int replication)
    {
        var s = _x.S;
        long end = _c.HorizonTicks;
        _x.Schedule(_c.WarmupTicks, EventKind.WarmupEnd, 0, 0);
        for (int i = 0; i < s.Policy.Changes.Count; i++)
        {
            var ch = s.Policy.Changes[i];
            long at = SimTime.FromMinutes(ch.AtMinutes).Ticks;
            _x.Schedule(at, EventKind.PolicyStart, i, 0);
            _x.Schedule(at + SimTime.FromHours(ch.DurationHours).Ticks, EventKind.PolicyEnd, i, 0);
        }

        _roster.Start();
        ScheduleNextArrival();
        ScheduleNextExtraArrival();

        var units = _x.Units;
        while (_x.Events.TryDequeue(out var e))
        {
            if (e.Time.Ticks >= end)
            {
                break;
            }

            _x.Now = e.Time.Ticks;
            _eventsProcessed++;
            var p = e.Payload;
            units = _x.Units;
            switch (p.Kind)
            {
                case EventKind.CallArrival:
                    OnCallArrival(extra: false);
                    break;
                case EventKind.ExtraCallArrival:
                    OnCallArrival(extra: true);
                    break;
                case EventKind.BreakDue:
                    if (units[p.Target].Id == p.Stamp)
                    {
                        _patrol.OnBreakDue(p.Target);
                    }

                    break;
                case EventKind.BreakEnd:
                    if (units[p.Target].Stamp == p.Stamp && units[p.Target].Status == UnitStatus.OnBreak)
                    {
                        _patrol.OnBreakEnd(p.Target);
                    }

                    break;
                case EventKind.ReportDone:
                    if (units[p.Target].Stamp == p.Stamp)
                    {
                        _dispatcher.OnUnitFreed(p.Target, units[p.Target].ToX, units[p.Target].ToY);
                    }

                    break;
                case EventKind.CallReady:
                    _dispatcher.OnCallArrived(p.Target);
                    break;
                case EventKind.UnitArrive:
                    if (units[p.Target].Stamp == p.Stamp)
                    {
                        OnUnitArrive(p.Target);
                    }

                    break;
                case EventKind.CallClear:
                    if (_x.Calls[p.Target].Stamp == p.Stamp)
                    {
                        OnCallClear(p.Target);
                    }

                    break;
                case EventKind.ReturnHome:
                    if (units[p.Target].Stamp == p.Stamp)
                    {
                        _patrol.OnReturnHome(p.Target);
                    }

                    break;
                case EventKind.ProactiveStart:
                    if (units[p.Target].Stamp == p.Stamp && units[p.Target].Status == UnitStatus.Idle)
                    {
                        _patrol.OnProactiveCandidate(p.Target);
                    }

                    break;
                case EventKind.ProactiveEnd:
                    if (units[p.Target].Stamp == p.Stamp)
                    {
                        _patrol.OnProactiveEnd(p.Target);
                    }

                    break;
                case EventKind.ShiftStart:
                    _roster.OnShiftStart(p.Target);
                    break;
                case EventKind.ShiftEnd:
                    _roster.OnShiftEnd(p.Target, p.Stamp);
                    break;
                case EventKind.PolicyStart:
                case EventKind.PolicyEnd:
                    OnPolicyWindow(p.Target, p.Kind == EventKind.PolicyStart);
                    break;
                case EventKind.WarmupEnd:
                    _x.Metrics.StartMeasuring(_x.Now);
                    _x.Trace?.Record(new WarmupEnded(_x.NowMinutes));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown event kind {p.Kind}.");
            }
        }

        _x.Now = end;
        for (int i = 0; i < _callCount; i++)
        {
            ref CallState call = ref _x.Calls[i];
            if (call.Open && call.Measured)
            {
                _x.Metrics.CallUnfinished(call.Priority);
            }

            if (call.Open)
            {
                EmitCall(i, cleared: false);
            }
        }

        return _x.Metrics.Finish(end, replication, _x.Seed, _eventsProcessed, _nextCallId);
    }

    // ---------------------------------------------------------------- policy windows

    private void OnPolicyWindow(int index, bool open)
    {
        bool crewChanged = _policy.SetWindow(index, open);
        _x.Trace?.Record(new PolicyWindowChanged(_x.NowMinutes, index, open, _policy.TwoOfficerShare, _policy.BackupRule, _policy.Engage, _policy.DispatchRule));
        if (_x.S.Policy.Changes[index].Immediate && crewChanged)
        {
            _roster.OnCrewPolicyChanged();
        }

        if (_c.HasPullWindows)
        {
            _roster.ApplyPullTarget();
            _dispatcher.DispatchWaiting();
        }
    }

    // ---------------------------------------------------------------- calls

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
    /// Candidate extra calls of demand windows with a multiplier above 1: the base rate × (largest multiplier − 1),
    /// thinned to the multiplier in force, all drawn from their own stream so the base calls stay the same.
    /// </summary>
    private void ScheduleNextExtraArrival()
    {
        if (_c.Arrivals is null || _c.ExtraDemandPeak <= 0)
        {
            return;
        }

        long next = _c.Arrivals.NextArrival(new SimTime(_x.Now), _x.RngExtraCalls, _c.ExtraDemandPeak).Ticks;
        if (next < _c.HorizonTicks)
        {
            _x.Schedule(next, EventKind.ExtraCallArrival, 0, 0);
        }
    }

    /// <summary>A call's attributes, drawn at its arrival.</summary>
    private struct CallDraw
    {
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
        var z = _c.Zones[d.Zone];
        d.X = z.XKm + (z.WidthKm * rng.NextDouble());
        d.Y = z.YKm + (z.HeightKm * rng.NextDouble());
        var ct = _c.CallTypes[d.Type];
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

    private void OnCallArrival(bool extra)
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
            return;
        }

        long id = _nextCallId++;
        long now = _x.Now;
        int type = d.Type, zone = d.Zone;
        var z = _c.Zones[zone];
        double x = d.X, y = d.Y;
        var ct = _c.CallTypes[type];
        bool measured = now >= _c.WarmupTicks;

        if (!ct.NeedsUnit)
        {
            if (measured)
            {
                _x.Metrics.CallArrived(ct.Priority);
                _x.Metrics.CallHandledWithoutUnit(ct.Priority);
            }

            _x.Trace?.Record(new CallWithoutUnit(_x.NowMinutes, id));
            _callSink?.Call(new CallRecord(id, ReplicationContext.Minutes(now), ct.Priority, ct.Name, z.Id, x, y, null, null, null, 0, 0, false, measured));
            return;
        }

        int slot = AllocateCall();
        ref CallState call = ref _x.Calls[slot];
        int stamp = call.Stamp;
        call = default;
        call.Stamp = stamp + 1; // events of an earlier call in this slot can never match
        call.Id = id;
        call.Open = true;
        call.ArrivalTicks = now;
        call.Type = type;
        call.Priority = ct.Priority;
        call.X = x;
        call.Y = y;
        call.Zone = zone;
        call.Needed = _policy.NeededOfficers(ct);
        call.FirstUnit = -1;
        call.FirstDispatch = call.FirstOnScene = call.SecondOnScene = call.FullOnScene = call.ServiceStart = call.AloneSince = -1;
        call.OnSceneTicks = Math.Max(0, SimTime.FromMinutes(d.OnSceneMinutes).Ticks);
        call.RiskWeight = _c.TypeRiskWeights[type];
        call.RiskLevel = _c.TypeRiskLevels[type];
        call.ReportTicks = d.Report;
        call.ProcessingTicks = d.Processing;
        call.Engage = _policy.Engage;
        call.Rule = _policy.DispatchRule;
        call.Measured = measured;
        if (measured)
        {
            _x.Metrics.CallArrived(ct.Priority);
        }

        _x.Trace?.Record(new CallArrived(_x.NowMinutes, id, ct.Priority, ct.Name, call.Needed, x, y));
        call.QueuedTicks = now + d.Intake;
        long ready = d.Intake + d.Hold;
        if (ready > 0)
        {
            _x.Schedule(now + ready, EventKind.CallReady, slot, 0);
        }
        else
        {
            _dispatcher.OnCallArrived(slot);
        }
    }

    private static long Ticks(Distribution? d, Engine.Random.Xoshiro256 rng) =>
        d is null ? 0 : Math.Max(0, SimTime.FromMinutes(d.Sample(rng)).Ticks);

    private int AllocateCall()
    {
        if (_freeCall >= 0)
        {
            int s = _freeCall;
            _freeCall = _nextFreeCall[s];
            return s;
        }

        if (_callCount == _x.Calls.Length)
        {
            Array.Resize(ref _x.Calls, _x.Calls.Length * 2);
            Array.Resize(ref _nextFreeCall, _nextFreeCall.Length * 2);
        }

        return _callCount++;
    }

    private void ReleaseCall(int slot)
    {
        _x.Calls[slot].Open = false;
        _nextFreeCall[slot] = _freeCall;
        _freeCall = slot;
    }

    /// <summary>A unit reaches its call: officers on scene, backup arrival, and the start of service.</summary>
    public void OnUnitArrive(int u)
    {
        long now = _x.Now;
        ref UnitState unit = ref _x.Units[u];
        int slot = unit.Call;
        ref CallState call = ref _x.Calls[slot];
        unit.Status = UnitStatus.OnScene;
        unit.FromX = unit.ToX = call.X;
        unit.FromY = unit.ToY = call.Y;
        _x.Trace?.Record(new UnitOnScene(_x.NowMinutes, call.Id, unit.Id, call.X, call.Y));

        int before = call.OnScene;
        call.OnScene += unit.Officers;
        call.Contacts += unit.Officers;
        if (before == 0)
        {
            call.FirstOnScene = now;
            call.FirstTravel = now - unit.DispatchTicks;
        }

        if (before < 2 && call.OnScene >= 2)
        {
            if (call.SecondOnScene < 0)
            {
                call.SecondOnScene = now;
            }

            EndAlone(ref call);
        }

        if (call.FullOnScene < 0 && call.OnScene >= call.Needed)
        {
            call.FullOnScene = now;
        }

        if (call.ServiceStart < 0 && (call.Engage == Engagement.Alone || call.OnScene >= call.Needed))
        {
            call.ServiceStart = now;
            if (call.OnScene == 1 && call.RiskLevel > 0)
            {
                StartAlone(ref call);
            }

            _x.Trace?.Record(new ServiceStarted(_x.NowMinutes, call.Id));
            call.ClearTicks = now + call.OnSceneTicks;
            _x.Schedule(call.ClearTicks, EventKind.CallClear, slot, call.Stamp);
        }
        else if (call.Paused && (call.Engage == Engagement.Alone || call.OnScene >= call.Needed))
        {
            // Service interrupted by a preemption resumes with the on-scene time it still needed.
            call.Paused = false;
            if (call.OnScene == 1 && call.RiskLevel > 0)
            {
                StartAlone(ref call);
            }

            call.ClearTicks = now + call.RemainingTicks;
            _x.Schedule(call.ClearTicks, EventKind.CallClear, slot, call.Stamp);
        }
    }

    /// <summary>
    /// A more urgent call takes unit <paramref name="u"/> from its call (preemption): the unit leaves the call's
    /// crew; a call left with nobody on scene pauses its service (the on-scene time still needed is kept);
    /// the call goes back to the head of its priority's queue for the officers it lost.
    /// </summary>
    public void ReleaseForPreemption(int u)
    {
        long now = _x.Now;
        ref UnitState unit = ref _x.Units[u];
        int slot = unit.Call;
        ref CallState call = ref _x.Calls[slot];
        if (call.FirstUnit == u)
        {
            call.FirstUnit = unit.NextOnCall;
        }
        else
        {
            for (int v = call.FirstUnit; v >= 0; v = _x.Units[v].NextOnCall)
            {
                if (_x.Units[v].NextOnCall == u)
                {
                    _x.Units[v].NextOnCall = unit.NextOnCall;
                    break;
                }
            }
        }

        unit.NextOnCall = -1;
        call.Assigned -= unit.Officers;
        if (unit.Status == UnitStatus.OnScene)
        {
            call.OnScene -= unit.Officers;
            if (call.OnScene != 1)
            {
                EndAlone(ref call);
            }

            if (call.ServiceStart >= 0 && !call.Paused && call.OnScene == 0)
            {
                call.Paused = true;
                call.RemainingTicks = Math.Max(0, call.ClearTicks - now);
                call.Stamp++; // cancels the scheduled clearance
            }
            else if (call.OnScene == 1 && call.RiskLevel > 0 && call.AloneSince < 0 && call.ServiceStart >= 0 && !call.Paused)
            {
                StartAlone(ref call);
            }
        }

        _dispatcher.Requeue(slot);
    }

    private void OnCallClear(int slot)
    {
        long now = _x.Now;
        ref CallState call = ref _x.Calls[slot];
        EndAlone(ref call);
        _x.Trace?.Record(new CallCleared(_x.NowMinutes, call.Id));
        if (call.Waiting)
        {
            _dispatcher.OnCallClearedWhileWaiting(slot);
        }

        if (call.Measured)
        {
            _x.Metrics.CallServed(in call, _c.Targets[call.Priority], now);
        }

        if (_callSink is not null)
        {
            EmitCall(slot, cleared: true);
        }

        int u = call.FirstUnit;
        double x = call.X, y = call.Y;
        call.Open = false;
        while (u >= 0)
        {
            ref UnitState unit = ref _x.Units[u];
            int next = unit.NextOnCall;
            if (call.ReportTicks > 0 && unit.Status == UnitStatus.OnScene)
            {
                // Report writing: busy (committed), not on scene, then freed as from the call.
                unit.Status = UnitStatus.Reporting;
                unit.Call = -1;
                unit.NextOnCall = -1;
                unit.Stamp++;
                _x.Schedule(now + call.ReportTicks, EventKind.ReportDone, u, unit.Stamp);
            }
            else
            {
                _dispatcher.OnUnitFreed(u, x, y);
            }

            u = next;
        }

        ReleaseCall(slot);
    }

    /// <summary>One officer is now alone on scene at the risky call: the model starts counting its minutes alone.</summary>
    private void StartAlone(ref CallState call)
    {
        call.AloneSince = _x.Now;
        _x.Trace?.Record(new AloneChanged(_x.NowMinutes, call.Id, Alone: true));
    }

    /// <summary>The officer alone at the call has company, left or the call cleared: the minutes alone so far are booked.</summary>
    private void EndAlone(ref CallState call)
    {
        if (call.AloneSince < 0)
        {
            return;
        }

        call.SoloMinutes += (_x.Now - call.AloneSince) / (double)SimTime.TicksPerMinute;
        call.AloneSince = -1;
        _x.Trace?.Record(new AloneChanged(_x.NowMinutes, call.Id, Alone: false));
    }

    private void EmitCall(int slot, bool cleared)
    {
        if (_callSink is null)
        {
            return;
        }

        ref CallState call = ref _x.Calls[slot];
        int units = 0;
        for (int u = call.FirstUnit; u >= 0; u = _x.Units[u].NextOnCall)
        {
            units++;
        }

        var ct = _c.CallTypes[call.Type];
        _callSink.Call(new CallRecord(
            call.Id, ReplicationContext.Minutes(call.ArrivalTicks), call.Priority, ct.Name, _c.Zones[call.Zone].Id, call.X, call.Y,
            call.FirstDispatch >= 0 ? ReplicationContext.Minutes(call.FirstDispatch) : null,
            call.FirstOnScene >= 0 ? ReplicationContext.Minutes(call.FirstOnScene) : null,
            cleared ? ReplicationContext.Minutes(_x.Now) : null,
            units, call.Contacts, true, call.Measured,
            call.QueuedTicks <= _x.Now ? ReplicationContext.Minutes(call.QueuedTicks) : null));
    }
}
