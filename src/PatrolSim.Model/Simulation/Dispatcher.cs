using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// Decides when units go to calls: a new call, the waiting calls when units come free, and a unit freed at a cleared
/// call (off duty, pulled, its meal break, re-formed, the first waiting need, or back to its beat). Which unit a call
/// gets is the <see cref="DispatchRules"/>' choice; whether a call may be sent units now (reserve, team) and whether a
/// unit may serve it (backup-only) is one check, <see cref="CallMayGo"/> and <see cref="DispatchRules.MayServe"/>, used
/// alike for arriving calls, freed units and preemption. Waiting calls are served strictly in queue order (priority,
/// then arrival). A call that engages alone gets units one by one as they come free; a call under <c>engage: wait</c>
/// is sent its whole team at once (officers needed, at most the officers on duty), so no unit is ever held staged by a
/// call that cannot be completed, and no set of calls can stall the city.
/// </summary>
internal sealed class Dispatcher
{
    private readonly ReplicationContext _x;
    private readonly CompiledScenario _c;
    private readonly CallTable _calls;
    private readonly UnitTable _units;
    private readonly WaitingCalls _waiting;
    private readonly DispatchRules _rules;
    private readonly Scene _scene;
    private readonly Patrol _patrol;
    private readonly MealBreaks _breaks;
    private readonly ShiftRoster _roster;
    private readonly StaffingWindows _windows;
    private readonly MetricsCollector _metrics;

    public Dispatcher(ReplicationContext context, CallTable calls, UnitTable units, WaitingCalls waiting, DispatchRules rules, Scene scene,
        Patrol patrol, MealBreaks breaks, ShiftRoster roster, StaffingWindows windows, MetricsCollector metrics)
    {
        _x = context;
        _c = context.C;
        _calls = calls;
        _units = units;
        _waiting = waiting;
        _rules = rules;
        _scene = scene;
        _patrol = patrol;
        _breaks = breaks;
        _roster = roster;
        _windows = windows;
        _metrics = metrics;
    }

    /// <summary>
    /// A new call, ready for dispatch: units are sent now as far as available; any need left waits in the
    /// queue. When calls are already waiting, it takes its place in the queue order first, so it never
    /// overtakes a more urgent call that waits for its team or a reserve.
    /// </summary>
    public void OnCallArrived(int slot)
    {
        if (_waiting.Count > 0)
        {
            _waiting.Enqueue(slot);
            DispatchWaiting();
            return;
        }

        if (CallMayGo(slot, freed: -1))
        {
            Send(slot, freed: -1);
        }

        if (NeedOutstanding(slot) > 0)
        {
            _waiting.Enqueue(slot);
        }
    }

    /// <summary>Offers waiting calls, in queue order, to the units available now.</summary>
    public void DispatchWaiting()
    {
        while (_waiting.Count > 0)
        {
            int slot = _waiting.Peek();
            if (slot < 0)
            {
                return;
            }

            if (CallMayGo(slot, freed: -1))
            {
                Send(slot, freed: -1);
            }

            if (NeedOutstanding(slot) > 0)
            {
                return;
            }

            _waiting.RemoveFirst(slot);
        }
    }

    /// <summary>A cleared call's crew leaves it: a unit that was on scene writes its report first, if the call type has one.</summary>
    public void ReleaseCrew(int slot)
    {
        ref CallState call = ref _calls[slot];
        int u = call.FirstUnit;
        double x = call.X, y = call.Y;
        long report = call.ReportTicks;
        while (u >= 0)
        {
            int next = _units[u].NextOnCall;
            if (report > 0 && _units[u].Status == UnitStatus.OnScene)
            {
                // Report writing: busy (committed), not on scene, then freed as from the call.
                int stamp = _units.StartReport(u);
                _x.Schedule(_x.Now + report, EventKind.ReportDone, u, stamp);
            }
            else
            {
                OnUnitFreed(u, x, y);
            }

            u = next;
        }
    }

    /// <summary>A unit leaves a cleared call at (x, y): off duty, pulled, its meal break, re-formed, the first waiting need, or back to its beat.</summary>
    public void OnUnitFreed(int u, double x, double y)
    {
        (x, y) = _units.LeaveCall(u, x, y);
        ref readonly UnitState unit = ref _units[u];
        if (unit.EndOfShift)
        {
            _roster.GoOffDuty(u);
            return;
        }

        if (unit.PullWhenFree)
        {
            // A staffing window wanted this unit: it leaves patrol now.
            _windows.PullFreedUnit(u);
            return;
        }

        if (_breaks.TryStartWhenFreed(u))
        {
            return;
        }

        if (unit.Reform)
        {
            // Crews re-formed while this unit was busy: its officers join their shift's new crews.
            _roster.OnReformingUnitFreed(u);
            DispatchWaiting();
            return;
        }

        if (_waiting.Count > 0)
        {
            // Straight on to the first waiting need unless it waits for a whole team or is held by the reserve, or
            // this unit may not serve it: then the unit goes back on patrol (available). Staying on, the unit stays
            // committed (a team call gets the rest of its team).
            int slot = _waiting.Peek();
            if (slot >= 0 && CallMayGo(slot, freed: u) && _rules.MayServe(u, _calls[slot]))
            {
                Send(slot, freed: u);
                if (NeedOutstanding(slot) <= 0)
                {
                    _waiting.RemoveFirst(slot);

                    // Calls held back (team or reserve) may wait while other units are free: offer them now.
                    if (_waiting.Count > 0 && _units.Available.Units > 0)
                    {
                        DispatchWaiting();
                    }
                }

                return;
            }
        }

        _patrol.ReturnToBeat(u, x, y);

        // Its break is due but an urgent call waits (one this unit may not take): retried while it is free.
        _breaks.Consider(u);
    }

    private int NeedOutstanding(int slot) => _calls[slot].Needed - _calls[slot].Assigned;

    /// <summary>A call under <c>engage: wait</c> not yet sent any unit.</summary>
    private bool IsTeamCall(int slot) => _calls[slot].Engage == Engagement.Wait && _calls[slot].Assigned == 0;

    /// <summary>
    /// The officers a team call is sent: its need, but never more than the officers on patrol (a need no
    /// roster can meet would otherwise wait forever, as would one that counted officers pulled to posts); the
    /// need is lowered to the team sent.
    /// </summary>
    private int TeamSize(int slot)
    {
        int onPatrol = _units.OfficersOnPatrol;
        return onPatrol > 0 ? Math.Min(_calls[slot].Needed, onPatrol) : _calls[slot].Needed;
    }

    /// <summary>
    /// Whether the call may be sent units now, with unit <paramref name="freed"/> (or none: -1) just freed and not yet
    /// counted available. The reserve cut-off: a call of the reserve's priorities is sent a unit only if at least the
    /// reserve's units stay free afterwards (free: idle, returning or on self-initiated work; the reserve never exceeds
    /// the units on patrol less those this call needs, so a small night roster, or one thinned by officers pulled to
    /// posts, still serves low-priority calls when it is idle). A team call needs its whole team's officers available.
    /// </summary>
    private bool CallMayGo(int slot, int freed)
    {
        bool team = IsTeamCall(slot);
        int teamSize = team ? TeamSize(slot) : 0;
        var available = _units.Available;
        if (team && available.Officers + (freed >= 0 ? _units[freed].Officers : 0) < teamSize)
        {
            return false;
        }

        if (_calls[slot].Priority < _c.ReserveFromPriority)
        {
            return true;
        }

        int sending = team ? teamSize : 1;
        int keep = Math.Max(0, Math.Min(_c.ReserveKeepFree, _units.UnitsOnPatrol - sending));
        return available.Units + available.OnProactive + (freed >= 0 ? 1 : 0) - sending >= keep;
    }

    /// <summary>
    /// Sends units to a call that may go (<see cref="CallMayGo"/>): a team call its whole team (its need lowered to the
    /// team), otherwise units until its need is covered or none is left, preempting where allowed. A freed unit goes
    /// first; it alone serves a call that is not a team call (the rest of the need waits its turn in the queue).
    /// </summary>
    private void Send(int slot, int freed)
    {
        bool team = IsTeamCall(slot);
        if (team)
        {
            _calls[slot].Needed = TeamSize(slot);
        }

        if (freed >= 0)
        {
            Assign(freed, slot);
            if (!team)
            {
                return;
            }
        }

        while (NeedOutstanding(slot) > 0)
        {
            int u = _rules.Choose(slot);
            if (u < 0)
            {
                u = Preempt(slot);
                if (u < 0)
                {
                    return;
                }
            }

            Assign(u, slot);
        }
    }

    /// <summary>
    /// Preemption: a call of the preempting priorities that finds no available unit takes a unit on self-initiated
    /// work (the activity is abandoned), else, where allowed, a unit on a call of the preemptible priorities (that call
    /// waits again for it), chosen by the call's dispatch rule like an available unit; counted as preemptions; -1 when
    /// none may be taken.
    /// </summary>
    private int Preempt(int slot)
    {
        ref CallState call = ref _calls[slot];
        if (call.Priority > _c.PreemptUpToPriority)
        {
            return -1;
        }

        if (_c.PreemptSelfInitiated)
        {
            int u = _rules.ChoosePreempted(slot, Candidates.OnProactive);
            if (u >= 0)
            {
                _patrol.InterruptProactive(u, _metrics);
                return u;
            }
        }

        if (_c.PreemptCallsFromPriority != int.MaxValue)
        {
            int u = _rules.ChoosePreempted(slot, Candidates.OnPreemptibleCall);
            if (u >= 0)
            {
                _x.Trace?.Record(new UnitPreempted(_x.NowMinutes, _units[u].Id, _calls[_units[u].Call].Id, call.Id));
                _metrics.Preempted();
                _waiting.EnqueueFront(_scene.Release(u));
                return u;
            }
        }

        return -1;
    }

    /// <summary>Sends unit <paramref name="u"/> (available, on self-initiated work, or freed at a call) to the call in <paramref name="slot"/>.</summary>
    private void Assign(int u, int slot)
    {
        ref CallState call = ref _calls[slot];
        var (ux, uy) = _units.PositionNow(u);
        long travel = _c.Travel.CallTrip(ux, uy, _units.ZoneNow(u), call.X, call.Y, call.Zone, call.Priority, _x.Now, _x.TripRng(call.Seed, call.Trips++));

        // The dispatcher's processing: the unit is committed now and leaves when the call is dispatched.
        long dispatched = _x.Now + call.ProcessingTicks;
        _units.Dispatch(u, slot, ux, uy, call.X, call.Y, call.Zone, dispatched, dispatched + travel, call.FirstUnit);
        call.FirstUnit = u;
        ref readonly UnitState unit = ref _units[u];
        call.Assigned += unit.Officers;
        if (call.FirstDispatch < 0)
        {
            call.FirstDispatch = dispatched;
            call.FirstEnRoute = dispatched + _c.Travel.TurnoutTicks(call.Priority);
        }

        _x.Trace?.Record(new UnitDispatched(_x.NowMinutes, call.Id, unit.Id, unit.Officers, ux, uy, call.X, call.Y));
        if (unit.ArriveTicks == _x.Now)
        {
            // Instantaneous travel: the unit is on scene now; no event needed.
            _scene.OnUnitArrive(u);
        }
        else
        {
            _x.Schedule(unit.ArriveTicks, EventKind.UnitArrive, u, unit.Stamp);
        }
    }
}
