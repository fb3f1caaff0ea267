using PatrolSim.Engine;
using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// Forms, re-forms and releases crews: a shift instance's units are formed at its start per the crew
/// policy in force, idle units go off duty at its end and busy ones when their call clears (overtime).
/// When an immediate policy window changes the crew policy, the officers on duty are re-formed into new
/// crews (idle units at once, busy units as they come free; pairs formed as officers come free): no
/// officer is added or booked as overtime. Unit numbers are stable across instances: shift k's units
/// are numbered after every earlier shift's largest possible unit count. Owns the unit slots' pool and
/// the shift instances.
/// </summary>
internal sealed class ShiftRoster
{
    private readonly ReplicationContext _x;
    private readonly PolicyState _policy;
    private readonly Patrol _patrol;
    private readonly int[] _zoneScratch;
    private readonly int[] _currentInstance;
    private ShiftInstance[] _instances = new ShiftInstance[16];
    private int _instanceCount;
    private int _unitCount;
    private int _freeUnit = -1;
    private long _nextUnitId;
    private int _pulledOfficers;
    private int _pendingPull;

    public ShiftRoster(ReplicationContext context, PolicyState policy, Patrol patrol)
    {
        _x = context;
        _policy = policy;
        _patrol = patrol;
        _zoneScratch = new int[context.S.City.Zones.Count];
        _currentInstance = new int[context.S.Staffing.Shifts.Count];
        Array.Fill(_currentInstance, -1);
    }

    /// <summary>Officers on duty now (in units of active instances, and busy units finishing after their shift).</summary>
    public int OfficersOnDuty { get; private set; }

    /// <summary>Units on duty now (including busy units finishing after their shift).</summary>
    public int UnitsOnDuty { get; private set; }

    /// <summary>Set after construction: offered the units of a new shift.</summary>
    public Dispatcher Dispatcher { get; set; } = null!;

    /// <summary>Puts on duty the instances on duty at time zero and schedules each shift's first start.</summary>
    public void Start()
    {
        var shifts = _x.S.Staffing.Shifts;
        for (int sh = 0; sh < shifts.Count; sh++)
        {
            long start = SimTime.FromMinutes(shifts[sh].StartMinuteOfDay).Ticks;
            long length = SimTime.FromHours(shifts[sh].Hours).Ticks;
            bool continuous = shifts[sh].Hours >= 24;

            // Yesterday's instance still on duty at midnight (night shifts), or a continuous shift.
            long started = continuous ? 0 : start - SimTime.TicksPerDay;
            if ((continuous || start - SimTime.TicksPerDay + length > 0) && shifts[sh].RunsOn(Weekday(started)))
            {
                FormInstance(sh, continuous ? long.MaxValue : start - SimTime.TicksPerDay + length, Weekday(started));
            }

            _x.Schedule(start, EventKind.ShiftStart, sh, 0);
        }
    }

    public void OnShiftStart(int sh)
    {
        var shift = _x.S.Staffing.Shifts[sh];
        _x.Schedule(_x.Now + SimTime.TicksPerDay, EventKind.ShiftStart, sh, 0);
        bool continuous = shift.Hours >= 24;
        int current = _currentInstance[sh];
        int weekday = Weekday(_x.Now);
        if (!shift.RunsOn(weekday))
        {
            // Not on today's roster: a continuous shift stands down until its next day.
            if (continuous && current >= 0 && _instances[current].Active)
            {
                EndInstance(current);
                Dispatcher.DispatchWaiting();
            }

            return;
        }

        if (continuous && current >= 0 && _instances[current].Active && shift.OfficersByWeekday is null)
        {
            // A 24-hour shift carries on unless its crew policy changed.
            if (_instances[current].TwoOfficerShare == (shift.TwoOfficerShare ?? _policy.TwoOfficerShare))
            {
                return;
            }

            EndInstance(current);
        }
        else if (continuous && current >= 0 && _instances[current].Active)
        {
            // Officers by weekday: a continuous shift is re-formed every day with that day's officers.
            EndInstance(current);
        }

        FormInstance(sh, continuous ? long.MaxValue : _x.Now + SimTime.FromHours(shift.Hours).Ticks, weekday);
        if (_x.C.HasPullWindows)
        {
            ApplyPullTarget();
        }

        Dispatcher.DispatchWaiting();
    }

    /// <summary>Weekday of a time (0 = Monday; day 0 is a Monday, and times before it fall on Sunday).</summary>
    private static int Weekday(long ticks) => (int)(((Math.DivRem(ticks, SimTime.TicksPerDay, out long rem) - (rem < 0 ? 1 : 0)) % 7 + 7) % 7);

    /// <summary>
    /// Brings the officers off patrol to the staffing windows' target: pulls idle, returning and proactive units
    /// first (a pair counts as two, so the pull may exceed the target by one officer), then marks busy units to
    /// leave when their call clears; above the target, cancels those marks and sends pulled units back on patrol.
    /// Pulled officers are on duty but not on patrol: they leave the on-duty officer-time of the patrol metrics.
    /// </summary>
    public void ApplyPullTarget()
    {
        int target = _policy.PullOfficers;
        var units = _x.Units;
        for (int u = _unitCount - 1; u >= 0 && _pulledOfficers + _pendingPull > target; u--)
        {
            if (units[u].PullWhenFree)
            {
                units[u].PullWhenFree = false;
                _pendingPull -= units[u].Officers;
            }
        }

        for (int u = _unitCount - 1; u >= 0 && _pulledOfficers + _pendingPull > target; u--)
        {
            if (units[u].Status == UnitStatus.Pulled)
            {
                ref UnitState unit = ref units[u];
                _pulledOfficers -= unit.Officers;
                _x.Metrics.OnDutyChange(_x.Now, unit.Officers);
                var (px, py) = _x.RandomPointIn(unit.HomeZone);
                _x.Trace?.Record(new UnitPulled(_x.NowMinutes, unit.Id, Pulled: false, px, py));
                _patrol.BecomeIdle(u, px, py);
                if (unit.BreakDue >= 0 && _x.Now >= unit.BreakDue)
                {
                    // Back on patrol with its break due: the break's start rule applies now.
                    _patrol.OnBreakDue(u);
                }
            }
        }

        for (int u = 0; u < _unitCount && _pulledOfficers + _pendingPull < target; u++)
        {
            if (units[u].Status is UnitStatus.Idle or UnitStatus.Returning or UnitStatus.Proactive && !units[u].EndOfShift)
            {
                Pull(u);
            }
        }

        for (int u = 0; u < _unitCount && _pulledOfficers + _pendingPull < target; u++)
        {
            ref UnitState unit = ref units[u];
            if (unit.Status is UnitStatus.EnRoute or UnitStatus.OnScene or UnitStatus.Reporting && !unit.EndOfShift && !unit.PullWhenFree && !unit.Reform)
            {
                unit.PullWhenFree = true;
                _pendingPull += unit.Officers;
            }
        }
    }

    /// <summary>A busy unit marked by a staffing window came free: it leaves patrol now.</summary>
    public void PullFreedUnit(int u)
    {
        _x.Units[u].PullWhenFree = false;
        _pendingPull -= _x.Units[u].Officers;
        Pull(u);
    }

    private void Pull(int u)
    {
        ref UnitState unit = ref _x.Units[u];
        if (unit.Status == UnitStatus.Proactive)
        {
            _patrol.EndProactive(u);
        }

        if (_x.Trace is { } trace)
        {
            var (px, py) = _x.PositionNow(unit);
            trace.Record(new UnitPulled(_x.NowMinutes, unit.Id, Pulled: true, px, py));
        }

        _patrol.MakeUnavailable(u);
        unit.Status = UnitStatus.Pulled;
        unit.Stamp++;
        _pulledOfficers += unit.Officers;
        _x.Metrics.OnDutyChange(_x.Now, -unit.Officers);
    }

    /// <summary>The event of a shift instance's end, if it is still the instance that was scheduled.</summary>
    public void OnShiftEnd(int inst, int stamp)
    {
        if (_instances[inst].Active && _instances[inst].Stamp == stamp)
        {
            EndInstance(inst);
            if (_x.C.HasPullWindows)
            {
                ApplyPullTarget();
            }

            // Fewer units on duty lowers the reserve's cap: held calls may go now.
            Dispatcher.DispatchWaiting();
        }
    }

    /// <summary>
    /// The crew policy changed in an immediate window: the officers of every shift on duty are re-formed
    /// now into crews of the new policy, those in busy units as their calls clear.
    /// </summary>
    public void OnCrewPolicyChanged()
    {
        for (int sh = 0; sh < _currentInstance.Length; sh++)
        {
            int inst = _currentInstance[sh];
            if (inst < 0 || !_instances[inst].Active || _x.S.Staffing.Shifts[sh].TwoOfficerShare is not null)
            {
                continue;
            }

            ref ShiftInstance si = ref _instances[inst];
            si.TwoOfficerShare = _policy.TwoOfficerShare;
            int u = si.FirstUnit;
            si.FirstUnit = -1;
            while (u >= 0)
            {
                ref UnitState unit = ref _x.Units[u];
                int next = unit.NextInInstance;
                if (unit.Status is UnitStatus.Pulled or UnitStatus.OnBreak || unit.BackupOnly)
                {
                    // Off patrol at a post, or a backup-only unit: keeps its crew.
                    unit.NextInInstance = _instances[inst].FirstUnit;
                    _instances[inst].FirstUnit = u;
                }
                else if (unit.Status is UnitStatus.EnRoute or UnitStatus.OnScene or UnitStatus.Reporting)
                {
                    // Busy: keeps its crew until its call clears, then joins the pool.
                    unit.Reform = true;
                    _instances[inst].Pending += unit.Officers;
                    unit.NextInInstance = _instances[inst].FirstUnit;
                    _instances[inst].FirstUnit = u;
                }
                else
                {
                    if (unit.Status == UnitStatus.Proactive)
                    {
                        _patrol.EndProactive(u);
                    }

                    Dissolve(u);
                }

                u = next;
            }

            FormFromPool(inst);
        }

        Dispatcher.DispatchWaiting();
    }

    /// <summary>A busy unit of a re-forming shift came free: its officers join the pool and new crews form.</summary>
    public void OnReformingUnitFreed(int u)
    {
        int inst = _x.Units[u].Instance;
        RemoveFromInstance(inst, u);
        _instances[inst].Pending -= _x.Units[u].Officers;
        Dissolve(u);
        FormFromPool(inst);
    }

    /// <summary>Releases a unit whose officers stay on duty in its instance's pool.</summary>
    private void Dissolve(int u)
    {
        ref UnitState unit = ref _x.Units[u];
        _instances[unit.Instance].Pool += unit.Officers;
        if (_x.S.Staffing.Break is not null && unit.BreakDue < 0)
        {
            _instances[unit.Instance].PoolBreakTaken += unit.Officers;
        }

        _patrol.MakeUnavailable(u);
        _patrol.UnlinkFromZone(u);
        _patrol.UnregisterNumber(unit.Number, u);
        _x.Metrics.OnDutyChange(_x.Now, -unit.Officers);
        OfficersOnDuty -= unit.Officers;
        UnitsOnDuty--;
        _x.Trace?.Record(new CrewDissolved(_x.NowMinutes, unit.Id));
        unit.Status = UnitStatus.Free;
        unit.Reform = false;
        unit.Stamp++;
        unit.NextInInstance = _freeUnit;
        _freeUnit = u;
    }

    private void RemoveFromInstance(int inst, int u)
    {
        ref ShiftInstance si = ref _instances[inst];
        if (si.FirstUnit == u)
        {
            si.FirstUnit = _x.Units[u].NextInInstance;
            return;
        }

        for (int v = si.FirstUnit; v >= 0; v = _x.Units[v].NextInInstance)
        {
            if (_x.Units[v].NextInInstance == u)
            {
                _x.Units[v].NextInInstance = _x.Units[u].NextInInstance;
                return;
            }
        }
    }

    /// <summary>
    /// Forms units of the instance's crew policy from its pool: pairs while the instance has fewer than its
    /// policy's pairs (a lone officer waits for a partner while busy officers are still to come free),
    /// solo cars otherwise. Home zones go to the zone with the fewest units for its share of demand.
    /// </summary>
    private void FormFromPool(int inst)
    {
        ref ShiftInstance si = ref _instances[inst];
        int officers = si.Pool + si.Pending;
        int pairsNow = 0;
        for (int v = si.FirstUnit; v >= 0; v = _x.Units[v].NextInInstance)
        {
            if (_x.Units[v].Reform || _x.Units[v].BackupOnly)
            {
                continue;
            }

            officers += _x.Units[v].Officers;
            pairsNow += _x.Units[v].Officers == 2 ? 1 : 0;
        }

        int targetPairs = Staffing.PairsOf(officers, si.TwoOfficerShare);
        while (si.Pool > 0)
        {
            int crew;
            if (pairsNow < targetPairs && si.Pool >= 2)
            {
                crew = 2;
                pairsNow++;
            }
            else if (pairsNow < targetPairs && si.Pending > 0)
            {
                break;
            }
            else
            {
                crew = 1;
            }

            // Officers who have not had their meal break join crews first; a crew with one of them gets a break.
            int untaken = si.Pool - si.PoolBreakTaken;
            si.PoolBreakTaken -= crew - Math.Min(crew, untaken);
            si.Pool -= crew;
            int zone = LeastCoveredZone(inst);
            int u = NewUnit();
            si = ref _instances[inst];
            var (px, py) = _x.RandomPointIn(zone);
            PutOnDuty(u, inst, FreeNumber(si.Shift), crew, zone, px, py);
            if (untaken > 0)
            {
                _patrol.ScheduleBreak(u, ShiftStartOf(_x.S.Staffing.Shifts[si.Shift], si.EndTicks));
            }
        }
    }

    private int LeastCoveredZone(int inst)
    {
        Array.Clear(_zoneScratch);
        int units = 1;
        for (int v = _instances[inst].FirstUnit; v >= 0; v = _x.Units[v].NextInInstance)
        {
            _zoneScratch[_x.Units[v].HomeZone]++;
            units++;
        }

        return MostUnderCovered(units, _zoneScratch);
    }

    /// <summary>The zone furthest below its demand share of <paramref name="units"/> (largest units × share − count; ties to the lower index).</summary>
    private int MostUnderCovered(int units, int[] counts)
    {
        var shares = _x.C.ZoneShares;
        int best = 0;
        double bestGap = double.NegativeInfinity;
        for (int z = 0; z < shares.Length; z++)
        {
            double gap = (units * shares[z]) - counts[z];
            if (gap > bestGap)
            {
                bestGap = gap;
                best = z;
            }
        }

        return best;
    }

    /// <summary>The lowest unit number of the shift's range not held by a unit on duty.</summary>
    private int FreeNumber(int sh)
    {
        int first = _x.C.ShiftNumberOffsets[sh] + 1;
        int number = first;
        while (_patrol.UnitByNumber(number) >= 0)
        {
            number++;
        }

        return number;
    }

    /// <summary>Takes a unit off duty (idle now, or busy past its shift's end: overtime) and frees its slot.</summary>
    public void GoOffDuty(int u)
    {
        ref UnitState unit = ref _x.Units[u];
        if (unit.PullWhenFree)
        {
            unit.PullWhenFree = false;
            _pendingPull -= unit.Officers;
        }

        _patrol.MakeUnavailable(u);
        if (unit.EndOfShift)
        {
            _x.Metrics.Overtime(unit.ShiftEndTicks, _x.Now, unit.Officers);
        }

        _patrol.UnlinkFromZone(u);
        _x.Trace?.Record(new UnitOffDuty(_x.NowMinutes, unit.Id, unit.EndOfShift));
        _x.Metrics.OnDutyChange(_x.Now, -unit.Officers);
        OfficersOnDuty -= unit.Officers;
        UnitsOnDuty--;
        _patrol.UnregisterNumber(unit.Number, u);
        unit.Status = UnitStatus.Free;
        unit.Stamp++;
        unit.NextInInstance = _freeUnit;
        _freeUnit = u;
    }

    /// <summary>Forms the units of a shift instance per the crew policy in force and puts them on patrol.</summary>
    private void FormInstance(int sh, long endTicks, int weekday)
    {
        var s = _x.S;
        var shift = s.Staffing.Shifts[sh];
        int officers = s.Staffing.OfficersOf(shift, weekday);
        double share = shift.TwoOfficerShare ?? _policy.TwoOfficerShare;
        int pairs = Staffing.PairsOf(officers, share);
        int units = officers - pairs;

        int inst = NewInstance();
        ref ShiftInstance si = ref _instances[inst];
        si.Shift = sh;
        si.EndTicks = endTicks;
        si.FirstUnit = -1;
        si.TwoOfficerShare = share;
        si.Pool = 0;
        si.PoolBreakTaken = 0;
        si.Pending = 0;
        si.Active = true;
        si.Stamp++;
        _currentInstance[sh] = inst;
        if (endTicks != long.MaxValue)
        {
            _x.Schedule(endTicks, EventKind.ShiftEnd, inst, si.Stamp);
        }

        _x.Trace?.Record(new ShiftStarted(_x.NowMinutes, shift.Name, officers, units, pairs));
        if (units == 0)
        {
            return;
        }

        // Home zones in proportion to demand (largest remainder), unit numbers in zone order after the
        // shift's offset.
        Apportion(units, _zoneScratch);
        int number = 0;
        int offset = _x.C.ShiftNumberOffsets[sh];
        for (int z = 0; z < _zoneScratch.Length; z++)
        {
            for (int k = 0; k < _zoneScratch[z]; k++)
            {
                // Pairs spread evenly over the units (Bresenham), so every part of the city gets some.
                bool paired = (((long)(number + 1) * pairs) / units) > (((long)number * pairs) / units);
                number++;
                int u = NewUnit();
                var (px, py) = _x.RandomPointIn(z);
                PutOnDuty(u, inst, offset + number, paired ? 2 : 1, z, px, py);
                _patrol.ScheduleBreak(u, ShiftStartOf(shift, endTicks));
            }
        }

        FormBackupOnlyUnits(inst, shift, share, offset + s.Staffing.OfficersOf(shift));
    }

    /// <summary>When an instance ending at <paramref name="endTicks"/> started (a continuous shift: now).</summary>
    private long ShiftStartOf(Shift shift, long endTicks) =>
        endTicks == long.MaxValue ? _x.Now : endTicks - SimTime.FromHours(shift.Hours).Ticks;

    /// <summary>Backup-only units of the shift (LAPD Metro): crews per the shift's share, home zones by demand, numbered after its patrol units.</summary>
    private void FormBackupOnlyUnits(int inst, Shift shift, double share, int offset)
    {
        int officers = _x.S.Staffing.BackupOnlyOf(shift);
        if (officers == 0)
        {
            return;
        }

        int pairs = Staffing.PairsOf(officers, share);
        int units = officers - pairs;
        Apportion(units, _zoneScratch);
        int number = 0;
        for (int z = 0; z < _zoneScratch.Length; z++)
        {
            for (int k = 0; k < _zoneScratch[z]; k++)
            {
                bool paired = (((long)(number + 1) * pairs) / units) > (((long)number * pairs) / units);
                number++;
                int u = NewUnit();
                _x.Units[u].BackupOnly = true;
                var (px, py) = _x.RandomPointIn(z);
                PutOnDuty(u, inst, offset + number, paired ? 2 : 1, z, px, py);
                _patrol.ScheduleBreak(u, ShiftStartOf(shift, _instances[inst].EndTicks));
            }
        }
    }

    private void PutOnDuty(int u, int inst, int number, int officers, int zone, double x, double y)
    {
        ref UnitState unit = ref _x.Units[u];
        unit.Id = ++_nextUnitId;
        unit.Number = number;
        unit.Officers = officers;
        unit.Instance = inst;
        unit.HomeZone = zone;
        unit.Call = -1;
        unit.NextOnCall = -1;
        unit.EndOfShift = false;
        unit.Reform = false;
        unit.PullWhenFree = false;
        unit.NextInInstance = _instances[inst].FirstUnit;
        _instances[inst].FirstUnit = u;
        _patrol.RegisterNumber(number, u);
        _patrol.LinkToZone(u, zone);
        _x.Metrics.OnDutyChange(_x.Now, officers);
        OfficersOnDuty += officers;
        UnitsOnDuty++;
        _x.Trace?.Record(new UnitOnDuty(_x.NowMinutes, unit.Id, number, officers, zone, unit.BackupOnly, x, y));
        unit.BreakDue = -1;
        _patrol.BecomeIdle(u, x, y);
    }

    private void Apportion(int units, int[] counts)
    {
        var shares = _x.C.ZoneShares;
        int given = 0;
        for (int z = 0; z < shares.Length; z++)
        {
            counts[z] = (int)Math.Floor(units * shares[z]);
            given += counts[z];
        }

        while (given < units)
        {
            // Largest remainder.
            counts[MostUnderCovered(units, counts)]++;
            given++;
        }
    }

    private int NewInstance()
    {
        for (int i = 0; i < _instanceCount; i++)
        {
            if (!_instances[i].Active)
            {
                return i;
            }
        }

        if (_instanceCount == _instances.Length)
        {
            Array.Resize(ref _instances, _instances.Length * 2);
        }

        return _instanceCount++;
    }

    /// <summary>Ends a shift instance: idle units go off duty now, busy ones when their call clears (overtime).</summary>
    private void EndInstance(int inst)
    {
        ref ShiftInstance si = ref _instances[inst];
        si.Active = false;
        si.EndTicks = Math.Min(si.EndTicks, _x.Now);
        if (_currentInstance[si.Shift] == inst)
        {
            _currentInstance[si.Shift] = -1;
        }

        _x.Trace?.Record(new ShiftEnded(_x.NowMinutes, _x.S.Staffing.Shifts[si.Shift].Name));
        int u = si.FirstUnit;
        si.FirstUnit = -1;
        while (u >= 0)
        {
            ref UnitState unit = ref _x.Units[u];
            int next = unit.NextInInstance;
            switch (unit.Status)
            {
                case UnitStatus.EnRoute:
                case UnitStatus.OnScene:
                case UnitStatus.Reporting:
                    unit.EndOfShift = true;
                    unit.ShiftEndTicks = _x.Now;
                    break;
                case UnitStatus.Proactive:
                    _patrol.EndProactive(u);
                    GoOffDuty(u);
                    break;
                case UnitStatus.OnBreak:
                    // A break running at the shift's end ends with it.
                    _x.Metrics.CommittedChange(_x.Now, -unit.Officers);
                    _x.Metrics.UnitBusyChange(_x.Now, unit.Number, busy: false);
                    GoOffDuty(u);
                    break;
                case UnitStatus.Pulled:
                    // Off patrol already (not counted on duty): back in the count, then off duty with the rest.
                    _pulledOfficers -= unit.Officers;
                    _x.Metrics.OnDutyChange(_x.Now, unit.Officers);
                    GoOffDuty(u);
                    break;
                default:
                    GoOffDuty(u);
                    break;
            }

            u = next;
        }
    }

    private int NewUnit()
    {
        if (_freeUnit >= 0)
        {
            int u = _freeUnit;
            _freeUnit = _x.Units[u].NextInInstance;
            _x.Units[u].BackupOnly = false;
            return u;
        }

        if (_unitCount == _x.Units.Length)
        {
            int size = _x.Units.Length * 2;
            Array.Resize(ref _x.Units, size);
            _patrol.EnsureCapacity(size);
        }

        return _unitCount++;
    }
}
