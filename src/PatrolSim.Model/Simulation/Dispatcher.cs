using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// The only place that decides which unit serves which call: a new call, waiting calls when units come
/// free, and a unit freed at a cleared call (next waiting call, or back to its beat). Owns the queue of
/// waiting calls (priority, then arrival; strictly in that order) and sends units (travel, arrival events).
/// A call that engages alone gets units one by one as they come free; a call under <c>engage: wait</c>
/// is sent its whole team at once (officers needed, at most the officers on duty), so no unit is ever
/// held staged by a call that cannot be completed, and no set of calls can stall the city.
/// </summary>
internal sealed class Dispatcher
{
    private readonly ReplicationContext _x;
    private readonly Patrol _patrol;
    private readonly CallQueue _queue;
    private int _waitingCalls;

    public Dispatcher(ReplicationContext context, Patrol patrol)
    {
        _x = context;
        _patrol = patrol;
        _queue = new CallQueue(context.C.MaxPriority);
    }

    /// <summary>Set after construction: receives units that reach a call.</summary>
    public Replication Scene { get; set; } = null!;

    /// <summary>Set after construction: takes units whose shift has ended off duty.</summary>
    public ShiftRoster Roster { get; set; } = null!;

    /// <summary>Whether a call of priority ≤ <paramref name="maxPriority"/> is waiting (it defers meal breaks).</summary>
    public bool UrgentWaiting(int maxPriority) => _waitingCalls > 0 && _queue.AnyUpTo(maxPriority, _x.Calls);

    /// <summary>
    /// A new call, ready for dispatch: units are sent now as far as available; any need left waits in the
    /// queue. When calls are already waiting, it takes its place in the queue order first, so it never
    /// overtakes a more urgent call that waits for its team or a reserve.
    /// </summary>
    public void OnCallArrived(int slot)
    {
        if (_waitingCalls > 0)
        {
            Enqueue(slot);
            DispatchWaiting();
            return;
        }

        DispatchTo(slot);
        if (NeedOutstanding(slot) > 0)
        {
            Enqueue(slot);
        }
    }

    /// <summary>A call that lost a unit to preemption waits again, at the head of its priority's queue.</summary>
    public void Requeue(int slot)
    {
        ref CallState call = ref _x.Calls[slot];
        if (call.Waiting)
        {
            return;
        }

        call.Waiting = true;
        _waitingCalls++;
        _queue.EnqueueFront(call.Priority, slot, call.Id);
        QueueChanged();
    }

    private void Enqueue(int slot)
    {
        ref CallState call = ref _x.Calls[slot];
        call.Waiting = true;
        _waitingCalls++;
        _queue.Enqueue(call.Priority, slot, call.Id);
        QueueChanged();
    }

    /// <summary>Offers waiting calls, in queue order, to the units available now.</summary>
    public void DispatchWaiting()
    {
        while (_waitingCalls > 0)
        {
            int slot = _queue.Peek(_x.Calls);
            if (slot < 0)
            {
                return;
            }

            DispatchTo(slot);
            if (NeedOutstanding(slot) > 0)
            {
                return;
            }

            LeaveQueue(slot);
        }
    }

    /// <summary>A call cleared while part of its need was still queued: the need is dropped (the queue entry goes stale).</summary>
    public void OnCallClearedWhileWaiting(int slot)
    {
        _x.Calls[slot].Waiting = false;
        _waitingCalls--;
        QueueChanged();
    }

    /// <summary>A unit leaves a cleared call at (x, y): off duty, the first waiting need, or back to its beat.</summary>
    public void OnUnitFreed(int u, double x, double y)
    {
        ref UnitState unit = ref _x.Units[u];
        if (unit.Status == UnitStatus.EnRoute)
        {
            (x, y) = _x.PositionNow(unit);
        }

        unit.Call = -1;
        unit.NextOnCall = -1;
        unit.Stamp++;
        unit.FromX = unit.ToX = x;
        unit.FromY = unit.ToY = y;
        unit.DepartTicks = unit.ArriveTicks = _x.Now;
        if (unit.EndOfShift)
        {
            SetCommitted(-unit.Officers, unit.Number, busy: false);
            Roster.GoOffDuty(u);
            return;
        }

        if (unit.PullWhenFree)
        {
            // A staffing window wanted this unit: it leaves patrol now.
            SetCommitted(-unit.Officers, unit.Number, busy: false);
            Roster.PullFreedUnit(u);
            return;
        }

        if (unit.BreakDue >= 0 && _x.Now >= unit.BreakDue && !UrgentWaiting(_x.S.Staffing.Break!.DeferWhilePriorityAtMost))
        {
            // A meal break due meanwhile comes before the next call unless an urgent call waits; the unit stays committed.
            _patrol.StartBreak(u, committed: true);
            return;
        }

        if (unit.Reform)
        {
            // Crews re-formed while this unit was busy: its officers join their shift's new crews.
            SetCommitted(-unit.Officers, unit.Number, busy: false);
            Roster.OnReformingUnitFreed(u);
            DispatchWaiting();
            return;
        }

        if (_waitingCalls > 0)
        {
            int slot = _queue.Peek(_x.Calls);
            if (slot >= 0 && ((IsTeamCall(slot) && _patrol.AvailableOfficers + unit.Officers < TeamSize(slot)) || !ReserveAllows(slot, 1) || !MayServe(u, slot)))
            {
                // The first waiting call waits for its whole team, or is held by the reserve: this unit goes back
                // on patrol (available).
                slot = -1;
            }

            if (slot >= 0)
            {
                // Straight on to the first waiting need: the unit stays committed (a team call gets the rest of its team).
                bool team = IsTeamCall(slot);
                if (team)
                {
                    _x.Calls[slot].Needed = TeamSize(slot);
                }

                Assign(u, slot);
                if (team)
                {
                    DispatchTo(slot, checkReserve: false);
                }

                if (NeedOutstanding(slot) <= 0)
                {
                    LeaveQueue(slot);

                    // Calls held back (team or reserve) may wait while other units are free: offer them now.
                    if (_waitingCalls > 0 && _patrol.AvailableUnits > 0)
                    {
                        DispatchWaiting();
                    }
                }

                return;
            }
        }

        SetCommitted(-unit.Officers, unit.Number, busy: false);
        _patrol.ReturnToBeat(u, x, y);
        if (unit.BreakDue >= 0 && _x.Now >= unit.BreakDue)
        {
            // Its break is due but an urgent call waits (one this unit may not take): retried while it is free.
            _patrol.OnBreakDue(u);
        }
    }

    /// <summary>The queue's length changed: the metrics and the trace hear it from here.</summary>
    private void QueueChanged()
    {
        _x.Metrics.QueueLength(_x.Now, _waitingCalls);
        _x.Trace?.Record(new QueueChanged(_x.NowMinutes, _waitingCalls));
    }

    private int NeedOutstanding(int slot) => _x.Calls[slot].Needed - _x.Calls[slot].Assigned;

    /// <summary>A backup-only unit may serve a call as backup, or first only at or above its risk level; any other unit may.</summary>
    private bool MayServe(int u, int slot)
    {
        ref CallState call = ref _x.Calls[slot];
        return !_x.Units[u].BackupOnly || call.Assigned > 0 || call.RiskLevel >= _x.C.BackupOnlyFirstFromRisk;
    }

    /// <summary>A call under <c>engage: wait</c> not yet sent any unit.</summary>
    private bool IsTeamCall(int slot) => _x.Calls[slot].Engage == Engagement.Wait && _x.Calls[slot].Assigned == 0;

    /// <summary>
    /// The officers a team call is sent: its need, but never more than the officers on duty (a need no
    /// roster can meet would otherwise wait forever); the need is lowered to the team sent.
    /// </summary>
    private int TeamSize(int slot)
    {
        ref CallState call = ref _x.Calls[slot];
        int onDuty = Roster.OfficersOnDuty;
        return onDuty > 0 ? Math.Min(call.Needed, onDuty) : call.Needed;
    }

    /// <summary>
    /// The reserve cut-off: a call of the reserve's priorities is sent a unit only if at least the reserve's
    /// units stay free afterwards (<paramref name="extraFree"/>: a freed unit not yet counted as free).
    /// A team call needs its whole team's officers beyond the reserve.
    /// </summary>
    private bool ReserveAllows(int slot, int extraFree)
    {
        ref CallState call = ref _x.Calls[slot];
        if (call.Priority < _x.C.ReserveFromPriority)
        {
            return true;
        }

        // Units on self-initiated work count as free (not committed to calls). The reserve never exceeds the
        // units on duty less those this call needs, so a small night roster still serves low-priority calls.
        int sending = IsTeamCall(slot) ? TeamSize(slot) : 1;
        int keep = Math.Max(0, Math.Min(_x.C.ReserveKeepFree, Roster.UnitsOnDuty - sending));
        return _patrol.AvailableUnits + _patrol.ProactiveUnits + extraFree - sending >= keep;
    }

    /// <summary>
    /// Assigns available units to the call until its need is covered or none is left (team calls: all or
    /// none). The reserve is checked once, before the first unit of this round (<paramref name="checkReserve"/>
    /// false: the caller has checked it).
    /// </summary>
    private void DispatchTo(int slot, bool checkReserve = true)
    {
        if (checkReserve && !ReserveAllows(slot, 0))
        {
            return;
        }

        if (IsTeamCall(slot))
        {
            int team = TeamSize(slot);
            if (_patrol.AvailableOfficers < team)
            {
                return;
            }

            _x.Calls[slot].Needed = team;
        }

        while (NeedOutstanding(slot) > 0)
        {
            int u = FindUnit(slot);
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
    /// Preemption: a call of the preempting priorities that finds no available unit takes the nearest unit on
    /// self-initiated work (the activity is abandoned), else, where allowed, the nearest unit on a call of the
    /// preemptible priorities (that call waits again for it); counted as preemptions; -1 when none may be taken.
    /// </summary>
    private int Preempt(int slot)
    {
        ref CallState call = ref _x.Calls[slot];
        if (call.Priority > _x.C.PreemptUpToPriority)
        {
            return -1;
        }

        if (_x.C.PreemptSelfInitiated)
        {
            int u = _patrol.NearestOnProactive(call.X, call.Y, backupOnlyToo: call.Assigned > 0 || call.RiskLevel >= _x.C.BackupOnlyFirstFromRisk);
            if (u >= 0)
            {
                _patrol.InterruptProactive(u);
                return u;
            }
        }

        if (_x.C.PreemptCallsFromPriority != int.MaxValue)
        {
            int u = NearestOnPreemptibleCall(call.X, call.Y);
            if (u >= 0)
            {
                var units = _x.Units;
                _x.Trace?.Record(new UnitPreempted(_x.NowMinutes, units[u].Id, _x.Calls[units[u].Call].Id, call.Id));
                _x.Metrics.Preempted();
                Scene.ReleaseForPreemption(u);
                return u;
            }
        }

        return -1;
    }

    /// <summary>The unit nearest (L1, from where it is now) among those on calls of the preemptible priorities, or -1.</summary>
    private int NearestOnPreemptibleCall(double x, double y)
    {
        var units = _x.Units;
        double best = double.PositiveInfinity;
        int bestUnit = -1;
        for (int u = 0; u < units.Length; u++)
        {
            ref UnitState unit = ref units[u];
            if (unit.Status is not (UnitStatus.EnRoute or UnitStatus.OnScene) || unit.EndOfShift || unit.Reform || unit.BackupOnly
                || _x.Calls[unit.Call].Priority < _x.C.PreemptCallsFromPriority)
            {
                continue;
            }

            var (ux, uy) = _x.PositionNow(unit);
            double d = Math.Abs(ux - x) + Math.Abs(uy - y);
            if (d < best)
            {
                best = d;
                bestUnit = u;
            }
        }

        return bestUnit;
    }

    private void LeaveQueue(int slot)
    {
        ref CallState call = ref _x.Calls[slot];
        call.Waiting = false;
        _waitingCalls--;
        _queue.PopFirst(call.Priority);
        QueueChanged();
    }

    private int FindUnit(int slot)
    {
        ref CallState call = ref _x.Calls[slot];
        if (!_x.C.HasBackupOnly)
        {
            return FindPatrolUnit(slot, backupOnlyToo: false);
        }

        // Backup-only units: as backup (preferred when configured), or first to calls at or above their risk level.
        bool backup = call.Assigned > 0;
        bool mayUseBackupOnly = backup || call.RiskLevel >= _x.C.BackupOnlyFirstFromRisk;
        if (backup && _x.C.PreferBackupOnly)
        {
            int b = _patrol.NearestAvailable(call.X, call.Y, -1, backupOnly: true);
            if (b >= 0)
            {
                return b;
            }
        }

        int u = FindPatrolUnit(slot, mayUseBackupOnly);
        return u >= 0 || !mayUseBackupOnly ? u : _patrol.NearestAvailable(call.X, call.Y, -1, backupOnly: true);
    }

    /// <summary>The unit the call's dispatch rule chooses among patrol units (preference lists may also name backup-only units when allowed).</summary>
    private int FindPatrolUnit(int slot, bool backupOnlyToo)
    {
        ref CallState call = ref _x.Calls[slot];
        switch (call.Rule)
        {
            case DispatchRule.Preference:
                foreach (int number in _x.C.Preferences[call.Zone])
                {
                    int u = _patrol.UnitByNumber(number);
                    if (u >= 0 && _patrol.IsAvailable(u) && (backupOnlyToo || !_x.Units[u].BackupOnly))
                    {
                        return u;
                    }
                }

                break;
            case DispatchRule.HomeBeatFirst:
                {
                    int u = _patrol.NearestAvailable(call.X, call.Y, call.Zone);
                    if (u >= 0)
                    {
                        return u;
                    }

                    break;
                }
        }

        return _patrol.NearestAvailable(call.X, call.Y, -1);
    }

    /// <summary>Sends unit <paramref name="u"/> (available, or freed at a call) to the call in <paramref name="slot"/>.</summary>
    private void Assign(int u, int slot)
    {
        ref UnitState unit = ref _x.Units[u];
        ref CallState call = ref _x.Calls[slot];
        var (ux, uy) = _x.PositionNow(unit);
        _patrol.MakeUnavailable(u);
        bool wasFree = unit.Status is UnitStatus.Idle or UnitStatus.Returning or UnitStatus.Proactive;
        long travel = _x.TravelTicks(Math.Abs(ux - call.X) + Math.Abs(uy - call.Y), _x.C.Speeds[call.Priority], turnout: true);

        // The dispatcher's processing: the unit is committed now and leaves when the call is dispatched.
        long dispatched = _x.Now + call.ProcessingTicks;
        unit.Status = UnitStatus.EnRoute;
        unit.Stamp++;
        unit.Call = slot;
        unit.FromX = ux;
        unit.FromY = uy;
        unit.ToX = call.X;
        unit.ToY = call.Y;
        unit.DepartTicks = dispatched;
        unit.ArriveTicks = dispatched + travel;
        unit.DispatchTicks = dispatched;
        unit.NextOnCall = call.FirstUnit;
        call.FirstUnit = u;
        call.Assigned += unit.Officers;
        if (call.FirstDispatch < 0)
        {
            call.FirstDispatch = dispatched;
        }

        if (wasFree)
        {
            SetCommitted(unit.Officers, unit.Number, busy: true);
        }

        _x.Trace?.Record(new UnitDispatched(_x.NowMinutes, call.Id, unit.Id, unit.Officers, ux, uy, call.X, call.Y));
        if (unit.ArriveTicks == _x.Now)
        {
            // Instantaneous travel: the unit is on scene now; no event needed.
            Scene.OnUnitArrive(u);
        }
        else
        {
            _x.Schedule(unit.ArriveTicks, EventKind.UnitArrive, u, unit.Stamp);
        }
    }

    /// <summary>Books a unit's change between committed (on a call) and free, for utilisation and unit states.</summary>
    private void SetCommitted(int officersDelta, int unitNumber, bool busy)
    {
        _x.Metrics.CommittedChange(_x.Now, officersDelta);
        _x.Metrics.UnitBusyChange(_x.Now, unitNumber, busy);
    }
}
