namespace PatrolSim.Model.Simulation;

/// <summary>
/// What happens at a call: officers arriving on scene (first, second, all required), the start of service under the
/// engagement rule in force when the call arrived, service paused when a preemption takes the last officer off scene
/// and resumed with the on-scene time still needed, and the call's clearance (its record to the metrics and the call
/// sink). The metrics hear every change of officers on scene, so "alone at a risky call" is decided there, once.
/// Freed units are the dispatcher's to place.
/// </summary>
internal sealed class Scene
{
    private readonly ReplicationContext _x;
    private readonly CompiledScenario _c;
    private readonly CallTable _calls;
    private readonly UnitTable _units;
    private readonly MetricsCollector _metrics;
    private readonly WaitingCalls _waiting;
    private readonly ICallSink? _callSink;

    public Scene(ReplicationContext context, CallTable calls, UnitTable units, MetricsCollector metrics, WaitingCalls waiting, ICallSink? callSink)
    {
        _x = context;
        _c = context.C;
        _calls = calls;
        _units = units;
        _metrics = metrics;
        _waiting = waiting;
        _callSink = callSink;
    }

    /// <summary>A unit reaches its call: officers on scene, backup arrival, and the start (or resumption) of service.</summary>
    public void OnUnitArrive(int u)
    {
        long now = _x.Now;
        int slot = _units[u].Call;
        ref CallState call = ref _calls[slot];
        _units.ArriveOnScene(u, call.X, call.Y);
        ref readonly UnitState unit = ref _units[u];
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

            _metrics.OnSceneChanged(ref call, now);
        }

        if (call.FullOnScene < 0 && call.OnScene >= call.Needed)
        {
            call.FullOnScene = now;
        }

        bool engaged = call.Engage == Definition.Engagement.Alone || call.OnScene >= call.Needed;
        if (call.ServiceStart < 0 && engaged)
        {
            call.ServiceStart = now;
            _metrics.OnSceneChanged(ref call, now);
            _x.Trace?.Record(new ServiceStarted(_x.NowMinutes, call.Id));
            call.ClearTicks = now + call.OnSceneTicks;
            _x.Schedule(call.ClearTicks, EventKind.CallClear, slot, call.Stamp);
        }
        else if (call.Paused && engaged)
        {
            // Service interrupted by a preemption resumes with the on-scene time it still needed.
            call.Paused = false;
            _metrics.OnSceneChanged(ref call, now);
            call.ClearTicks = now + call.RemainingTicks;
            _x.Schedule(call.ClearTicks, EventKind.CallClear, slot, call.Stamp);
        }
    }

    /// <summary>
    /// A more urgent call takes unit <paramref name="u"/> from its call (preemption): the unit leaves the call's crew; a
    /// call left with nobody on scene pauses its service (the on-scene time still needed is kept). Returns the call's
    /// slot: it waits again for the officers it lost.
    /// </summary>
    public int Release(int u)
    {
        long now = _x.Now;
        ref readonly UnitState unit = ref _units[u];
        int slot = unit.Call;
        ref CallState call = ref _calls[slot];
        if (call.FirstUnit == u)
        {
            call.FirstUnit = unit.NextOnCall;
        }
        else
        {
            for (int v = call.FirstUnit; v >= 0; v = _units[v].NextOnCall)
            {
                if (_units[v].NextOnCall == u)
                {
                    _units.SetNextOnCall(v, unit.NextOnCall);
                    break;
                }
            }
        }

        _units.SetNextOnCall(u, -1);
        call.Assigned -= unit.Officers;
        if (unit.Status == UnitStatus.OnScene)
        {
            call.OnScene -= unit.Officers;
            if (call.ServiceStart >= 0 && !call.Paused && call.OnScene == 0)
            {
                call.Paused = true;
                call.RemainingTicks = Math.Max(0, call.ClearTicks - now);
                call.Stamp++; // cancels the scheduled clearance
            }

            _metrics.OnSceneChanged(ref call, now);
        }

        return slot;
    }

    /// <summary>A call's service ends: its record goes to the metrics and the call sink; its crew is freed next.</summary>
    public void Clear(int slot)
    {
        long now = _x.Now;
        ref CallState call = ref _calls[slot];
        _metrics.SceneCleared(ref call, now);
        _x.Trace?.Record(new CallCleared(_x.NowMinutes, call.Id));
        if (call.Waiting)
        {
            _waiting.Drop(slot);
        }

        _metrics.CallCleared(in call);
        if (call.Measured)
        {
            _metrics.CallServed(in call, _c.Targets[call.Priority], now);
        }

        if (_callSink is not null)
        {
            EmitCall(slot, cleared: true);
        }

        call.Open = false;
    }

    /// <summary>A call's history to the call sink (at its clearance, or still open at the horizon).</summary>
    public void EmitCall(int slot, bool cleared)
    {
        if (_callSink is null)
        {
            return;
        }

        ref CallState call = ref _calls[slot];
        int units = 0;
        for (int u = call.FirstUnit; u >= 0; u = _units[u].NextOnCall)
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
            call.QueuedTicks <= _x.Now ? ReplicationContext.Minutes(call.QueuedTicks) : null,
            call.FirstEnRoute >= 0 && call.FirstEnRoute <= _x.Now ? ReplicationContext.Minutes(call.FirstEnRoute) : null));
    }
}
