using PatrolSim.Engine;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// Units that are not on a call: idle in their beat, returning to it, or on self-initiated work. Keeps
/// the index the dispatcher searches (a spatial grid of idle units, the list of returning units, the
/// on-duty units of each home zone, units by number) and runs self-initiated activities.
/// </summary>
internal sealed class Patrol
{
    private readonly ReplicationContext _x;
    private readonly SpatialGrid _grid;
    private readonly SpatialGrid _backupGrid;
    private readonly int[] _zoneHead;
    private int[] _returning;
    private int _returningCount;
    private int[] _proactive;
    private int _proactiveCount;
    private int[] _unitByNumber = [.. Enumerable.Repeat(-1, 64)];

    public Patrol(ReplicationContext context)
    {
        _x = context;
        var s = context.S;
        _returning = new int[context.Units.Length];
        _proactive = new int[context.Units.Length];
        _zoneHead = [.. Enumerable.Repeat(-1, s.City.Zones.Count)];
        _grid = new SpatialGrid(s.City.WidthKm, s.City.HeightKm, Math.Max(1, context.C.MaxOfficersPerShift), context.Units.Length);

        // Idle backup-only units have their own grid, so first-response searches never see them.
        _backupGrid = new SpatialGrid(s.City.WidthKm, s.City.HeightKm, 1, context.C.HasBackupOnly ? context.Units.Length : 1);
    }

    /// <summary>Set after construction: proactive work ends by offering the freed unit to waiting calls.</summary>
    public Dispatcher Dispatcher { get; set; } = null!;

    /// <summary>Grows the per-unit arrays with the unit table.</summary>
    public void EnsureCapacity(int units)
    {
        Array.Resize(ref _returning, units);
        Array.Resize(ref _proactive, units);
        _grid.EnsureCapacity(units);
        if (_x.C.HasBackupOnly)
        {
            _backupGrid.EnsureCapacity(units);
        }
    }

    /// <summary>Officers in available units (idle or returning).</summary>
    public int AvailableOfficers { get; private set; }

    /// <summary>Available units (idle or returning).</summary>
    public int AvailableUnits { get; private set; }

    /// <summary>Units on self-initiated work.</summary>
    public int ProactiveUnits => _proactiveCount;

    public bool IsAvailable(int u) => _x.Units[u].Status is UnitStatus.Idle or UnitStatus.Returning;

    /// <summary>The on-duty unit with this number, or -1.</summary>
    public int UnitByNumber(int number) => number < _unitByNumber.Length ? _unitByNumber[number] : -1;

    public void RegisterNumber(int number, int u)
    {
        if (number + 1 > _unitByNumber.Length)
        {
            int old = _unitByNumber.Length;
            Array.Resize(ref _unitByNumber, Math.Max(number + 1, old * 2));
            Array.Fill(_unitByNumber, -1, old, _unitByNumber.Length - old);
        }

        _unitByNumber[number] = u;
    }

    public void UnregisterNumber(int number, int u)
    {
        if (number < _unitByNumber.Length && _unitByNumber[number] == u)
        {
            _unitByNumber[number] = -1;
        }
    }

    /// <summary>Puts a unit on patrol at (x, y): idle, in the search index, with its next self-initiated start drawn.</summary>
    public void BecomeIdle(int u, double x, double y)
    {
        ref UnitState unit = ref _x.Units[u];
        unit.Status = UnitStatus.Idle;
        unit.FromX = unit.ToX = x;
        unit.FromY = unit.ToY = y;
        unit.Stamp++;
        AvailableOfficers += unit.Officers;
        AvailableUnits++;
        (unit.BackupOnly ? _backupGrid : _grid).Insert(u, x, y);
        ScheduleProactiveCandidate(u);
    }

    /// <summary>
    /// Draws the next self-initiated start of an idle unit: exponential at the rate (at its peak hourly
    /// multiplier when the rate varies by hour, thinned at the start).
    /// </summary>
    private void ScheduleProactiveCandidate(int u)
    {
        var si = _x.S.Demand.SelfInitiated;
        if (si is not null && si.RatePerUnitHour > 0)
        {
            double hours = _x.RngProactive.Exponential(1.0 / (si.RatePerUnitHour * _x.C.SelfInitiatedPeak));
            _x.Schedule(_x.Now + SimTime.FromHours(hours).Ticks, EventKind.ProactiveStart, u, _x.Units[u].Stamp);
        }
    }

    /// <summary>A candidate self-initiated start of an idle unit: started, or (rate varying by hour) thinned away.</summary>
    public void OnProactiveCandidate(int u)
    {
        if (_x.C.SelfInitiatedHourly is { } hourly)
        {
            int hour = (int)(_x.Now / SimTime.TicksPerHour % 24);
            if (_x.RngProactive.NextDouble() * _x.C.SelfInitiatedPeak >= hourly[hour])
            {
                ScheduleProactiveCandidate(u);
                return;
            }
        }

        OnProactiveStart(u);
    }

    /// <summary>The unit on self-initiated work nearest in L1 distance, or -1.</summary>
    public int NearestOnProactive(double x, double y, bool backupOnlyToo)
    {
        double best = double.PositiveInfinity;
        int bestUnit = -1;
        for (int i = 0; i < _proactiveCount; i++)
        {
            int u = _proactive[i];
            ref UnitState unit = ref _x.Units[u];
            if (unit.BackupOnly && !backupOnlyToo)
            {
                continue;
            }

            double d = Math.Abs(unit.ToX - x) + Math.Abs(unit.ToY - y);
            if (d < best || (d == best && u < bestUnit))
            {
                best = d;
                bestUnit = u;
            }
        }

        return bestUnit;
    }

    /// <summary>Abandons a unit's self-initiated activity now (preempted by a call): its exposure so far is booked.</summary>
    public void InterruptProactive(int u)
    {
        EndProactive(u);
        _x.Metrics.Preempted();
        _x.Trace?.Record(new ProactiveEnded(_x.NowMinutes, _x.Units[u].Id));
    }

    /// <summary>Takes a unit out of the search index (idle or returning units).</summary>
    public void MakeUnavailable(int u)
    {
        ref UnitState unit = ref _x.Units[u];
        if (unit.Status == UnitStatus.Idle)
        {
            AvailableOfficers -= unit.Officers;
            AvailableUnits--;
            (unit.BackupOnly ? _backupGrid : _grid).Remove(u);
        }
        else if (unit.Status == UnitStatus.Proactive)
        {
            int i = unit.ProactiveIndex;
            int last = _proactive[--_proactiveCount];
            _proactive[i] = last;
            _x.Units[last].ProactiveIndex = i;
        }
        else if (unit.Status == UnitStatus.Returning)
        {
            AvailableOfficers -= unit.Officers;
            AvailableUnits--;
            int i = unit.ReturnIndex;
            int last = _returning[--_returningCount];
            _returning[i] = last;
            _x.Units[last].ReturnIndex = i;
        }
    }

    /// <summary>Sends a freed unit at (x, y) back to a random point of its beat; it is available on the way.</summary>
    public void ReturnToBeat(int u, double x, double y)
    {
        ref UnitState unit = ref _x.Units[u];
        var (hx, hy) = _x.RandomPointIn(unit.HomeZone);
        long arrive = _x.Now + _x.TravelTicks(Math.Abs(hx - x) + Math.Abs(hy - y), _x.C.RoutineSpeed, turnout: false);
        _x.Trace?.Record(new UnitReturning(_x.NowMinutes, unit.Id, x, y, hx, hy));
        if (arrive <= _x.Now)
        {
            BecomeIdle(u, hx, hy);
            _x.Trace?.Record(new UnitIdle(_x.NowMinutes, unit.Id, hx, hy));
            return;
        }

        unit.Status = UnitStatus.Returning;
        AvailableOfficers += unit.Officers;
        AvailableUnits++;
        unit.ToX = hx;
        unit.ToY = hy;
        unit.ArriveTicks = arrive;
        unit.ReturnIndex = _returningCount;
        _returning[_returningCount++] = u;
        _x.Schedule(arrive, EventKind.ReturnHome, u, unit.Stamp);
    }

    public void OnReturnHome(int u)
    {
        MakeUnavailable(u);
        ref UnitState unit = ref _x.Units[u];
        BecomeIdle(u, unit.ToX, unit.ToY);
        _x.Trace?.Record(new UnitIdle(_x.NowMinutes, unit.Id, unit.ToX, unit.ToY));
    }

    public void LinkToZone(int u, int zone)
    {
        ref UnitState unit = ref _x.Units[u];
        unit.PrevInZone = -1;
        unit.NextInZone = _zoneHead[zone];
        if (unit.NextInZone >= 0)
        {
            _x.Units[unit.NextInZone].PrevInZone = u;
        }

        _zoneHead[zone] = u;
    }

    public void UnlinkFromZone(int u)
    {
        ref UnitState unit = ref _x.Units[u];
        if (unit.PrevInZone >= 0)
        {
            _x.Units[unit.PrevInZone].NextInZone = unit.NextInZone;
        }
        else
        {
            _zoneHead[unit.HomeZone] = unit.NextInZone;
        }

        if (unit.NextInZone >= 0)
        {
            _x.Units[unit.NextInZone].PrevInZone = unit.PrevInZone;
        }
    }

    /// <summary>
    /// The available unit nearest in L1 distance (all, or only those of <paramref name="homeZone"/>) among patrol
    /// units, or among backup-only units when <paramref name="backupOnly"/>; -1 when none.
    /// </summary>
    public int NearestAvailable(double x, double y, int homeZone, bool backupOnly = false)
    {
        var units = _x.Units;
        double best = double.PositiveInfinity;
        int bestUnit = -1;
        if (homeZone < 0)
        {
            bestUnit = (backupOnly ? _backupGrid : _grid).Nearest(x, y, ref best);
        }
        else
        {
            for (int i = _zoneHead[homeZone]; i >= 0; i = units[i].NextInZone)
            {
                ref UnitState unit = ref units[i];
                if (unit.Status == UnitStatus.Idle && unit.BackupOnly == backupOnly)
                {
                    double d = Math.Abs(unit.ToX - x) + Math.Abs(unit.ToY - y);
                    if (d < best || (d == best && i < bestUnit))
                    {
                        best = d;
                        bestUnit = i;
                    }
                }
            }
        }

        for (int i = 0; i < _returningCount; i++)
        {
            int u = _returning[i];
            if ((homeZone >= 0 && units[u].HomeZone != homeZone) || units[u].BackupOnly != backupOnly)
            {
                continue;
            }

            var (ux, uy) = _x.PositionNow(units[u]);
            double d = Math.Abs(ux - x) + Math.Abs(uy - y);
            if (d < best || (d == best && u < bestUnit))
            {
                best = d;
                bestUnit = u;
            }
        }

        return bestUnit;
    }

    // ---------------------------------------------------------------- self-initiated work

    private void OnProactiveStart(int u)
    {
        ref UnitState unit = ref _x.Units[u];
        var si = _x.S.Demand.SelfInitiated!;
        MakeUnavailable(u);
        unit.Status = UnitStatus.Proactive;
        unit.ProactiveIndex = _proactiveCount;
        _proactive[_proactiveCount++] = u;
        unit.Stamp++;
        unit.ActivityStartTicks = _x.Now;
        double minutes = si.Duration.Sample(_x.RngProactive);
        _x.Trace?.Record(new ProactiveStarted(_x.NowMinutes, unit.Id));
        _x.Schedule(_x.Now + SimTime.FromMinutes(minutes).Ticks, EventKind.ProactiveEnd, u, unit.Stamp);
    }

    public void OnProactiveEnd(int u)
    {
        EndProactive(u);
        MakeUnavailable(u);
        ref UnitState unit = ref _x.Units[u];
        _x.Trace?.Record(new ProactiveEnded(_x.NowMinutes, unit.Id));
        BecomeIdle(u, unit.ToX, unit.ToY);
        if (unit.BreakDue >= 0 && _x.Now >= unit.BreakDue)
        {
            OnBreakDue(u);
        }

        Dispatcher.DispatchWaiting();
    }

    // ---------------------------------------------------------------- meal breaks

    /// <summary>Draws a new unit's meal break for the shift that started at <paramref name="shiftStart"/> (when breaks are configured).</summary>
    public void ScheduleBreak(int u, long shiftStart)
    {
        ref UnitState unit = ref _x.Units[u];
        unit.BreakDue = -1;
        if (_x.S.Staffing.Break is not { } b)
        {
            return;
        }

        double hours = b.EarliestHours + ((b.LatestHours - b.EarliestHours) * _x.RngBreaks.NextDouble());
        unit.BreakTicks = Math.Max(0, SimTime.FromMinutes(b.Duration.Sample(_x.RngBreaks)).Ticks);
        unit.BreakDue = Math.Max(_x.Now, shiftStart + SimTime.FromHours(hours).Ticks);
        _x.Schedule(unit.BreakDue, EventKind.BreakDue, u, (int)unit.Id);
    }

    /// <summary>
    /// A unit's break is due (or it came free with a break due): taken now if the unit is idle or returning and no
    /// urgent call waits; otherwise deferred — retried when it comes free, ends self-initiated work, or in 5 minutes.
    /// </summary>
    public void OnBreakDue(int u)
    {
        ref UnitState unit = ref _x.Units[u];
        if (unit.BreakDue < 0 || _x.Now < unit.BreakDue)
        {
            return;
        }

        bool free = unit.Status is UnitStatus.Idle or UnitStatus.Returning;
        if (free && !Dispatcher.UrgentWaiting(_x.S.Staffing.Break!.DeferWhilePriorityAtMost))
        {
            StartBreak(u, committed: false);
        }
        else if (free)
        {
            _x.Schedule(_x.Now + SimTime.FromMinutes(5).Ticks, EventKind.BreakDue, u, (int)unit.Id);
        }
    }

    /// <summary>Starts a unit's meal break: unavailable and committed for its length.</summary>
    public void StartBreak(int u, bool committed)
    {
        ref UnitState unit = ref _x.Units[u];
        MakeUnavailable(u);
        if (!committed)
        {
            _x.Metrics.CommittedChange(_x.Now, unit.Officers);
            _x.Metrics.UnitBusyChange(_x.Now, unit.Number, busy: true);
        }

        unit.Status = UnitStatus.OnBreak;
        unit.BreakDue = -1;
        unit.Stamp++;
        _x.Trace?.Record(new MealBreakChanged(_x.NowMinutes, unit.Id, Started: true));
        _x.Schedule(_x.Now + unit.BreakTicks, EventKind.BreakEnd, u, unit.Stamp);
    }

    /// <summary>A meal break ends: the unit is back on patrol where it was.</summary>
    public void OnBreakEnd(int u)
    {
        ref UnitState unit = ref _x.Units[u];
        _x.Metrics.CommittedChange(_x.Now, -unit.Officers);
        _x.Metrics.UnitBusyChange(_x.Now, unit.Number, busy: false);
        _x.Trace?.Record(new MealBreakChanged(_x.NowMinutes, unit.Id, Started: false));
        BecomeIdle(u, unit.ToX, unit.ToY);
        Dispatcher.DispatchWaiting();
    }

    /// <summary>Books the solo exposure of a self-initiated activity that ends now.</summary>
    public void EndProactive(int u)
    {
        ref UnitState unit = ref _x.Units[u];
        var si = _x.S.Demand.SelfInitiated!;
        if (unit.Officers == 1)
        {
            _x.Metrics.ProactiveSolo(unit.ActivityStartTicks, _x.Now, (int)si.Risk, _x.S.RiskWeights.Of(si.Risk));
        }
    }
}
