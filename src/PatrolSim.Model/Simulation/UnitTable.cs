using PatrolSim.Engine.Random;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// Owns every unit's state: the pooled slots and every change of a unit's status, made together with what goes with
/// it: position and time stamps, the stamp that makes its pending events stale, membership of the index of available
/// units (<see cref="AvailableUnits"/>), the officers on duty, and what the metrics hear of it (committed time and the
/// unit-state record, officers on patrol, solo exposure of self-initiated work), all derived here from the status
/// left and the status entered. The other parts read units through the indexer and decide which transition happens
/// when; only this type assigns a status.
/// </summary>
internal sealed class UnitTable
{
    private readonly ReplicationContext _x;
    private readonly MetricsCollector _metrics;
    private UnitState[] _units;
    private int[] _nextFree;
    private Xoshiro256[] _rngs;
    private readonly Dictionary<(int Instance, int Number), int> _crewsOfNumber = [];
    private int _count;
    private int _free = -1;
    private long _nextId;

    public UnitTable(ReplicationContext context, MetricsCollector metrics)
    {
        _x = context;
        _metrics = metrics;
        _units = new UnitState[Math.Max(16, context.C.TotalOfficers + 8)];
        _nextFree = new int[_units.Length];
        // The units' streams made together, side by side in memory: a unit's stream is read for every call it leaves (its
        // patrol point), and in a city of thousands of units streams made one by one as units formed lay scattered.
        _rngs = NewStreams(_units.Length, []);

        Available = new AvailableUnits(this, context);
    }

    /// <summary>Idle and returning units (the dispatcher's search index), units on self-initiated work, units by number.</summary>
    public AvailableUnits Available { get; }

    /// <summary>Slots ever used (every unit on duty has a slot below this).</summary>
    public int Count => _count;

    /// <summary>Slots allocated.</summary>
    public int Capacity => _units.Length;

    /// <summary>Officers on duty now (in units of any status but free: pulled units and busy units past their shift's end count).</summary>
    public int OfficersOnDuty { get; private set; }

    /// <summary>Units on duty now.</summary>
    public int UnitsOnDuty { get; private set; }

    /// <summary>Units on patrol now: on duty and not pulled off patrol to a post.</summary>
    public int UnitsOnPatrol { get; private set; }

    /// <summary>Officers on patrol now: on duty and not pulled off patrol to a post.</summary>
    public int OfficersOnPatrol { get; private set; }

    /// <summary>A unit, read-only.</summary>
    public ref readonly UnitState this[int u] => ref _units[u];

    /// <summary>Unit <paramref name="u"/>'s own stream (see <see cref="Form"/>): its patrol points, routine trips, meal break and self-initiated work.</summary>
    public Xoshiro256 Rng(int u) => _rngs[u];

    /// <summary>Whether a unit is committed: on a call, writing its report, or on a meal break (utilisation counts these).</summary>
    public static bool IsCommitted(UnitStatus s) => s is UnitStatus.EnRoute or UnitStatus.OnScene or UnitStatus.Reporting or UnitStatus.OnBreak;

    /// <summary>Whether a unit's officers count on patrol in the metrics (on duty and not pulled to a post).</summary>
    private static bool OnPatrol(UnitStatus s) => s is not (UnitStatus.Free or UnitStatus.Pulled);

    /// <summary>The zone a unit is in now, as travel between zones counts it: the zone it left until it arrives.</summary>
    public int ZoneNow(int u) => _x.Now >= _units[u].ArriveTicks ? _units[u].ToZone : _units[u].FromZone;

    /// <summary>Where a unit is now (linear between its last departure and arrival points).</summary>
    public (double X, double Y) PositionNow(int u)
    {
        ref UnitState unit = ref _units[u];
        return Movement.PointAt(unit.FromX, unit.FromY, unit.DepartTicks, unit.ToX, unit.ToY, unit.ArriveTicks, _x.Now);
    }

    // ---------------------------------------------------------------- on and off duty

    /// <summary>
    /// Puts a new unit of shift <paramref name="shift"/> on duty in a free slot, idle at a random point of its home zone
    /// drawn from its own stream; returns its slot. The stream (<see cref="Rng"/>) belongs to the unit's place in the
    /// roster, not to the order units are formed in: it is seeded by the shift instance, the unit's number and how many
    /// crews that number has had in the instance, so a policy variant keeps each slot's patrol points, breaks and
    /// self-initiated work (common random numbers).
    /// </summary>
    public int Form(int shift, int instance, int number, int officers, int zone, bool backupOnly)
    {
        int u = NewSlot();
        int crews = _crewsOfNumber.TryGetValue((instance, number), out int c) ? c + 1 : 0;
        _crewsOfNumber[(instance, number)] = crews;
        var rng = _rngs[u];
        rng.Reseed(RandomStreams.StreamSeed(_x.UnitSeedBase ^ SplitMix64.Mix(((ulong)(uint)instance << 32) | (uint)number), crews));
        var (x, y) = _x.C.Geometry.PointIn(zone, rng);
        ref UnitState unit = ref _units[u];
        unit.BackupOnly = backupOnly;
        unit.Id = ++_nextId;
        unit.Number = number;
        unit.Officers = officers;
        unit.Instance = instance;
        unit.HomeZone = zone;
        unit.Call = -1;
        unit.NextOnCall = -1;
        unit.EndOfShift = false;
        unit.Reform = false;
        unit.PullWhenFree = false;
        unit.OpportunityPending = false;
        unit.BreakDue = -1;
        Available.RegisterNumber(number, u);
        Available.LinkToZone(u, zone);
        _x.Trace?.Record(new UnitOnDuty(_x.NowMinutes, unit.Id, number, officers, zone, backupOnly, x, y, shift));
        BecomeIdle(u, x, y, zone);
        return u;
    }

    /// <summary>Takes a unit off duty and frees its slot (idle now, or busy past its shift's end: overtime is booked).</summary>
    public void GoOffDuty(int u)
    {
        ref UnitState unit = ref _units[u];
        if (unit.EndOfShift)
        {
            _metrics.Overtime(unit.ShiftEndTicks, _x.Now, unit.Officers);
        }

        Available.UnlinkFromZone(u, unit.HomeZone);
        _x.Trace?.Record(new UnitOffDuty(_x.NowMinutes, unit.Id, unit.EndOfShift));
        Release(u);
    }

    /// <summary>Dissolves a crew whose officers stay on duty (to be re-formed) and frees its slot.</summary>
    public void Dissolve(int u)
    {
        ref UnitState unit = ref _units[u];
        Available.UnlinkFromZone(u, unit.HomeZone);
        Available.UnregisterNumber(unit.Number, u);
        _x.Trace?.Record(new CrewDissolved(_x.NowMinutes, unit.Id));
        Enter(u, UnitStatus.Free);
        unit.Reform = false;
        unit.Stamp++;
        _nextFree[u] = _free;
        _free = u;
    }

    private void Release(int u)
    {
        ref UnitState unit = ref _units[u];
        Enter(u, UnitStatus.Free);
        Available.UnregisterNumber(unit.Number, u);
        unit.Stamp++;
        _nextFree[u] = _free;
        _free = u;
    }

    // ---------------------------------------------------------------- calls

    /// <summary>Commits a unit to the call in <paramref name="slot"/> (in zone <paramref name="toZone"/>): it leaves (x, y) at <paramref name="depart"/> and is there at <paramref name="arrive"/>.</summary>
    public void Dispatch(int u, int slot, double x, double y, double toX, double toY, int toZone, long depart, long arrive, int nextOnCall)
    {
        ref UnitState unit = ref _units[u];
        unit.FromZone = ZoneNow(u);
        unit.ToZone = toZone;
        Enter(u, UnitStatus.EnRoute);
        unit.Stamp++;
        unit.Call = slot;
        unit.FromX = x;
        unit.FromY = y;
        unit.ToX = toX;
        unit.ToY = toY;
        unit.DepartTicks = depart;
        unit.ArriveTicks = arrive;
        unit.DispatchTicks = depart;
        unit.NextOnCall = nextOnCall;
    }

    /// <summary>A unit reached its call at (x, y).</summary>
    public void ArriveOnScene(int u, double x, double y)
    {
        ref UnitState unit = ref _units[u];
        Enter(u, UnitStatus.OnScene);
        unit.FromX = unit.ToX = x;
        unit.FromY = unit.ToY = y;
        unit.FromZone = unit.ToZone;
    }

    /// <summary>Links a unit of a call's crew to the next one (crew lists are kept by the dispatcher and the scene).</summary>
    public void SetNextOnCall(int u, int next) => _units[u].NextOnCall = next;

    /// <summary>A unit on scene at a cleared call writes its report: committed, not on scene; returns its stamp for the event.</summary>
    public int StartReport(int u)
    {
        ref UnitState unit = ref _units[u];
        Enter(u, UnitStatus.Reporting);
        unit.Call = -1;
        unit.NextOnCall = -1;
        return ++unit.Stamp;
    }

    /// <summary>
    /// A unit leaves its call (cleared, report written): it stops at (x, y) now, or where it is on the way when it was
    /// still en route; returns that point. Its status is unchanged until the next transition says what it does.
    /// </summary>
    public (double X, double Y) LeaveCall(int u, double x, double y)
    {
        ref UnitState unit = ref _units[u];
        if (unit.Status == UnitStatus.EnRoute)
        {
            (x, y) = PositionNow(u);
            unit.ToZone = ZoneNow(u);
        }

        unit.FromZone = unit.ToZone;

        unit.Call = -1;
        unit.NextOnCall = -1;
        unit.Stamp++;
        unit.FromX = unit.ToX = x;
        unit.FromY = unit.ToY = y;
        unit.DepartTicks = unit.ArriveTicks = _x.Now;
        return (x, y);
    }

    // ---------------------------------------------------------------- patrol

    /// <summary>A unit is idle on patrol at (x, y) in zone <paramref name="zone"/>: available where it is.</summary>
    public void BecomeIdle(int u, double x, double y, int zone)
    {
        ref UnitState unit = ref _units[u];
        unit.FromX = unit.ToX = x;
        unit.FromY = unit.ToY = y;
        unit.FromZone = unit.ToZone = zone;
        Enter(u, UnitStatus.Idle);
        unit.Stamp++;
    }

    /// <summary>A returning unit past its arrival time, whose arrival had no event, is idle at its beat point (what the arrival event would have made it).</summary>
    public void SettleArrival(int u)
    {
        ref UnitState unit = ref _units[u];
        BecomeIdle(u, unit.ToX, unit.ToY, unit.ToZone);
    }

    /// <summary>A freed unit drives back to (toX, toY) in its beat, reached at <paramref name="arrive"/>; available on the way.</summary>
    public void StartReturn(int u, double toX, double toY, long arrive)
    {
        ref UnitState unit = ref _units[u];
        unit.ToX = toX;
        unit.ToY = toY;
        unit.ToZone = unit.HomeZone;
        unit.ArriveTicks = arrive;
        Enter(u, UnitStatus.Returning);
    }

    /// <summary>An idle unit starts a self-initiated activity; returns its stamp for the activity's end.</summary>
    public int StartProactive(int u)
    {
        ref UnitState unit = ref _units[u];
        Enter(u, UnitStatus.Proactive);
        unit.ActivityStartTicks = _x.Now;
        return ++unit.Stamp;
    }

    /// <summary>A unit starts its meal break; returns its stamp for the break's end.</summary>
    public int StartBreak(int u)
    {
        ref UnitState unit = ref _units[u];
        Enter(u, UnitStatus.OnBreak);
        unit.BreakDue = -1;
        return ++unit.Stamp;
    }

    /// <summary>The meal break of a unit: due at <paramref name="due"/> (-1: none pending), lasting <paramref name="ticks"/>.</summary>
    public void SetBreak(int u, long due, long ticks)
    {
        _units[u].BreakDue = due;
        _units[u].BreakTicks = ticks;
    }

    /// <summary>A staffing window takes a unit off patrol: on duty, at its post.</summary>
    public void Pull(int u)
    {
        Enter(u, UnitStatus.Pulled);
        _units[u].Stamp++;
    }

    // ---------------------------------------------------------------- marks for later

    /// <summary>The unit's shift ended while it was busy: it goes off duty when free, its time from now counted as overtime.</summary>
    public void MarkEndOfShift(int u)
    {
        _units[u].EndOfShift = true;
        _units[u].ShiftEndTicks = _x.Now;
    }

    /// <summary>Whether the unit's next self-initiated opportunity is scheduled (the patrol's clock; see <see cref="Patrol"/>).</summary>
    public void SetOpportunityPending(int u, bool pending) => _units[u].OpportunityPending = pending;

    /// <summary>The crew policy changed while the unit was busy: it is re-formed when it comes free.</summary>
    public void MarkReform(int u) => _units[u].Reform = true;

    /// <summary>A staffing window wants this busy unit (or no longer wants it) when its call clears.</summary>
    public void MarkPullWhenFree(int u, bool pull) => _units[u].PullWhenFree = pull;

    // ---------------------------------------------------------------- the one transition

    /// <summary>
    /// Moves a unit to <paramref name="next"/> and books what the change means: the availability index, committed
    /// officers and the unit-state record, officers on patrol, officers and units on duty, and the solo exposure of a
    /// self-initiated activity that ends.
    /// </summary>
    private void Enter(int u, UnitStatus next)
    {
        ref UnitState unit = ref _units[u];
        UnitStatus old = unit.Status;
        long now = _x.Now;
        switch (old)
        {
            case UnitStatus.Idle:
                Available.RemoveIdle(u);
                break;
            case UnitStatus.Returning:
                Available.RemoveReturning(u);
                break;
            case UnitStatus.Proactive:
                Available.RemoveProactive(u);
                _metrics.ProactiveEnded(unit.Officers, unit.ActivityStartTicks, now);
                break;
        }

        bool committed = IsCommitted(next);
        if (IsCommitted(old) != committed)
        {
            _metrics.CommittedChange(now, committed ? unit.Officers : -unit.Officers, unit.HomeZone);
            _metrics.UnitBusyChange(now, unit.Number, committed);
        }

        bool patrol = OnPatrol(next);
        if (OnPatrol(old) != patrol)
        {
            _metrics.OnDutyChange(now, patrol ? unit.Officers : -unit.Officers, unit.HomeZone);
            UnitsOnPatrol += patrol ? 1 : -1;
            OfficersOnPatrol += patrol ? unit.Officers : -unit.Officers;
        }

        if ((old == UnitStatus.Free) != (next == UnitStatus.Free))
        {
            int sign = next == UnitStatus.Free ? -1 : 1;
            OfficersOnDuty += sign * unit.Officers;
            UnitsOnDuty += sign;
        }

        unit.Status = next;
        switch (next)
        {
            case UnitStatus.Idle:
                Available.AddIdle(u, unit.ToX, unit.ToY);
                break;
            case UnitStatus.Returning:
                Available.AddReturning(u);
                break;
            case UnitStatus.Proactive:
                Available.AddProactive(u);
                break;
        }
    }

    private int NewSlot()
    {
        if (_free >= 0)
        {
            int u = _free;
            _free = _nextFree[u];
            return u;
        }

        if (_count == _units.Length)
        {
            int size = _units.Length * 2;
            Array.Resize(ref _units, size);
            Array.Resize(ref _nextFree, size);
            _rngs = NewStreams(size, _rngs);
            Available.EnsureCapacity(size);
        }

        return _count++;
    }

    /// <summary><paramref name="size"/> unit streams: those of <paramref name="kept"/>, then new ones (seeded when a unit forms).</summary>
    private static Xoshiro256[] NewStreams(int size, Xoshiro256[] kept)
    {
        var streams = new Xoshiro256[size];
        kept.CopyTo(streams, 0);
        for (int u = kept.Length; u < size; u++)
        {
            streams[u] = new Xoshiro256(0);
        }

        return streams;
    }
}
