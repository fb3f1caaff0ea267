using PatrolSim.Engine;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// One replication: builds the parts, each with the state it owns and the parts it calls (no part calls back into one
/// that calls it), and runs the event loop, one closed switch routing each event to the part it concerns: calls to
/// <see cref="CallArrivals"/>, the <see cref="Dispatcher"/> and the <see cref="Scene"/>; shifts to the
/// <see cref="ShiftRoster"/>; patrol and self-initiated work to <see cref="Patrol"/>; breaks to
/// <see cref="MealBreaks"/>; policy windows to the <see cref="PolicyState"/>, the roster and the
/// <see cref="StaffingWindows"/>. After anything that may free capacity, the loop offers the waiting calls the units.
/// </summary>
internal sealed class Replication
{
    private readonly ReplicationContext _x;
    private readonly CompiledScenario _c;
    private readonly MetricsCollector _metrics;
    private readonly CallTable _calls;
    private readonly UnitTable _units;
    private readonly PolicyState _policy;
    private readonly CallArrivals _arrivals;
    private readonly Patrol _patrol;
    private readonly MealBreaks _breaks;
    private readonly StaffingWindows _windows;
    private readonly ShiftRoster _roster;
    private readonly Scene _scene;
    private readonly Dispatcher _dispatcher;
    private long _eventsProcessed;

    public Replication(CompiledScenario compiled, SimulationOptions options, ulong seed, ITraceSink? trace, ICallSink? calls)
    {
        _x = new ReplicationContext(compiled, seed, trace);
        _c = compiled;
        _metrics = new MetricsCollector(compiled, options.TrackUnitStates, trace);
        _calls = new CallTable();
        _units = new UnitTable(_x, _metrics);
        _policy = new PolicyState(compiled.Scenario.Policy);
        _arrivals = new CallArrivals(_x, _calls, _policy, _metrics, calls) { MaxCalls = options.MaxCallsPerReplication };
        var waiting = new WaitingCalls(_x, _calls, _metrics);
        _patrol = new Patrol(_x, _units);
        _breaks = new MealBreaks(_x, _units, _patrol, waiting);
        _windows = new StaffingWindows(_x, _units, _policy, _patrol, _breaks);
        var instances = new ShiftInstances(compiled.Scenario.Staffing.Shifts.Count);
        var formation = new CrewFormation(_x, _units, instances, _patrol, _breaks);
        _roster = new ShiftRoster(_x, _policy, _units, instances, formation, _windows);
        _scene = new Scene(_x, _calls, _units, _metrics, waiting, calls);
        var rules = new DispatchRules(_units, _calls, compiled);
        _dispatcher = new Dispatcher(_x, _calls, _units, waiting, rules, _scene, _patrol, _breaks, _roster, _windows, _metrics);
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
        _arrivals.Start();
        while (_x.Events.TryDequeue(out var e))
        {
            if (e.Time.Ticks >= end)
            {
                break;
            }

            _x.AdvanceTo(e.Time.Ticks);
            _eventsProcessed++;
            Handle(e.Payload);
        }

        _x.AdvanceTo(end);
        for (int i = 0; i < _calls.Count; i++)
        {
            ref CallState call = ref _calls[i];
            if (call.Open && call.Measured)
            {
                _metrics.CallUnfinished(call.Priority, call.Zone);
            }

            if (call.Open)
            {
                _scene.EmitCall(i, cleared: false);
            }
        }

        return _metrics.Finish(end, replication, _x.Seed, _eventsProcessed, _arrivals.Generated);
    }

    private void Handle(SimEvent p)
    {
        int u = p.Target;
        switch (p.Kind)
        {
            case EventKind.CallArrival:
            case EventKind.ExtraCallArrival when p.Stamp == _arrivals.ExtraStamp:
                int ready = _arrivals.OnArrival(extra: p.Kind == EventKind.ExtraCallArrival);
                if (ready >= 0)
                {
                    _dispatcher.OnCallArrived(ready);
                }

                break;
            case EventKind.CallReady:
                _dispatcher.OnCallArrived(p.Target);
                break;
            case EventKind.UnitArrive when _units[u].Stamp == p.Stamp:
                _scene.OnUnitArrive(u);
                break;
            case EventKind.CallClear when _calls[p.Target].Stamp == p.Stamp:
                _scene.Clear(p.Target);
                _dispatcher.ReleaseCrew(p.Target);
                _calls.Release(p.Target);
                break;
            case EventKind.ReportDone when _units[u].Stamp == p.Stamp:
                _dispatcher.OnUnitFreed(u, _units[u].ToX, _units[u].ToY);
                break;
            case EventKind.ReturnHome when _units[u].Stamp == p.Stamp:
                _patrol.OnReturnHome(u);
                break;
            case EventKind.ProactiveStart when _units[u].Status != UnitStatus.Free && _patrol.OpportunityStamp(u) == p.Stamp:
                _patrol.OnOpportunity(u);
                break;
            case EventKind.ProactiveEnd when _units[u].Stamp == p.Stamp:
                _patrol.OnProactiveEnd(u);
                _breaks.Consider(u);
                _dispatcher.DispatchWaiting();
                break;
            case EventKind.BreakDue when _units[u].Id == p.Stamp:
                _breaks.Consider(u);
                break;
            case EventKind.BreakEnd when _units[u].Stamp == p.Stamp && _units[u].Status == UnitStatus.OnBreak:
                _breaks.OnBreakEnd(u);
                _dispatcher.DispatchWaiting();
                break;
            case EventKind.ShiftStart:
                if (_roster.OnShiftStart(p.Target))
                {
                    _dispatcher.DispatchWaiting();
                }

                break;
            case EventKind.ShiftEnd:
                if (_roster.OnShiftEnd(p.Target, p.Stamp))
                {
                    _dispatcher.DispatchWaiting();
                }

                break;
            case EventKind.PolicyStart:
            case EventKind.PolicyEnd:
                OnPolicyWindow(p.Target, p.Kind == EventKind.PolicyStart);
                break;
            case EventKind.WarmupEnd:
                _metrics.StartMeasuring(_x.Now);
                _x.Trace?.Record(new WarmupEnded(_x.NowMinutes));
                break;
            case EventKind.ExtraCallArrival:
            case EventKind.UnitArrive:
            case EventKind.CallClear:
            case EventKind.ReportDone:
            case EventKind.ReturnHome:
            case EventKind.ProactiveStart:
            case EventKind.ProactiveEnd:
            case EventKind.BreakDue:
            case EventKind.BreakEnd:
                // Stale: the unit or call moved on since the event was scheduled (an extra call: its demand window closed).
                break;
            default:
                throw new InvalidOperationException($"Unknown event kind {p.Kind}.");
        }
    }

    private void OnPolicyWindow(int index, bool open)
    {
        bool crewChanged = _policy.SetWindow(index, open);
        _arrivals.DemandChanged();
        _x.Trace?.Record(new PolicyWindowChanged(_x.NowMinutes, index, open, _policy.TwoOfficerShare, _policy.BackupRule, _policy.Engage, _policy.DispatchRule));
        if (_x.S.Policy.Changes[index].Immediate && crewChanged)
        {
            _roster.OnCrewPolicyChanged();
            _dispatcher.DispatchWaiting();
        }

        if (_c.HasPullWindows)
        {
            _windows.ApplyPullTarget();
            _dispatcher.DispatchWaiting();
        }
    }
}
