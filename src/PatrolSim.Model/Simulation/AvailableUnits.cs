namespace PatrolSim.Model.Simulation;

/// <summary>
/// The index the dispatch rules search: idle units in a spatial grid (backup-only units in their own, so first-response
/// searches never see them), returning units in the cells their way back crosses (they move), units on self-initiated work, the on-duty units of
/// each home zone, and units by their stable number. Its membership follows the unit table's transitions (only
/// <see cref="UnitTable"/> adds and removes); everyone may query it. Ties in distance go to the lower unit slot, so
/// no answer depends on the order units joined.
/// </summary>
internal sealed class AvailableUnits
{
    private readonly UnitTable _units;
    private readonly ReplicationContext _x;
    private readonly TravelTimes _travel;
    private readonly SpatialGrid _grid;
    private readonly SpatialGrid _backupGrid;
    private readonly SegmentGrid _returning;
    private readonly SegmentGrid _backupReturning;
    private readonly bool _hasBackupOnly;
    private readonly int[] _zoneHead;
    private int[] _nextInZone;
    private int[] _prevInZone;
    private int[] _listIndex;
    private int[] _proactive;
    private int _proactiveCount;
    private int[] _unitByNumber = [.. Enumerable.Repeat(-1, 64)];

    public AvailableUnits(UnitTable units, ReplicationContext context)
    {
        _x = context;
        var c = context.C;
        _units = units;
        _travel = c.Travel;
        int capacity = units.Capacity;
        _proactive = new int[capacity];
        _listIndex = new int[capacity];
        _nextInZone = new int[capacity];
        _prevInZone = new int[capacity];
        _zoneHead = [.. Enumerable.Repeat(-1, c.Zones.Length)];
        var city = c.Scenario.City;
        // Idle and returning units share one grid of cells, so a search walks the rings once for both (NearestOfBoth).
        // About eight officers' units per cell when all are idle (a returning unit is listed in every cell its way back
        // crosses): measured on the mid-size city scaled 4- to 177-fold, CPU per call fell 8-15% against separate grids
        // (idle cells of officers/2, returning of officers/4), and cells of officers/8 did better than /2 and /4 and as
        // well as /16 (issue 28 item 4).
        int officers = Math.Max(1, c.MaxOfficersPerShift);
        var cells = new GridCells(city.WidthKm, city.HeightKm, officers / 8, _travel.Euclidean);
        _grid = new SpatialGrid(cells, capacity);
        _returning = new SegmentGrid(cells, capacity, collectArrived: !context.ArrivalsObserved);
        _hasBackupOnly = c.HasBackupOnly;
        var one = new GridCells(city.WidthKm, city.HeightKm, 1, _travel.Euclidean);
        _backupGrid = new SpatialGrid(one, _hasBackupOnly ? capacity : 1);
        _backupReturning = new SegmentGrid(one, _hasBackupOnly ? capacity : 1, collectArrived: !context.ArrivalsObserved);
    }

    /// <summary>Officers in available units (idle or returning).</summary>
    public int Officers { get; private set; }

    /// <summary>Available units (idle or returning).</summary>
    public int Units { get; private set; }

    /// <summary>Units on self-initiated work.</summary>
    public int OnProactive => _proactiveCount;

    /// <summary>Whether a unit is available for a call (idle or returning to its beat).</summary>
    public bool IsAvailable(int u) => _units[u].Status is UnitStatus.Idle or UnitStatus.Returning;

    /// <summary>The on-duty unit with this number, or -1.</summary>
    public int UnitByNumber(int number) => number < _unitByNumber.Length ? _unitByNumber[number] : -1;

    /// <summary>
    /// The available unit closest to a call at (x, y) in zone <paramref name="toZone"/> (all, or only those of
    /// <paramref name="homeZone"/>) among patrol units, or among backup-only units when <paramref name="backupOnly"/>;
    /// -1 when none. Closest is by distance (the travel's metric), or by foreseeable travel time between zones when
    /// travel is a zone matrix.
    /// </summary>
    public int Nearest(double x, double y, int homeZone, bool backupOnly = false, int toZone = -1, int priority = 0)
    {
        if (_travel.ByZone && toZone >= 0)
        {
            return NearestByTime(x, y, homeZone, backupOnly, toZone, priority);
        }

        double best = double.PositiveInfinity;
        int bestUnit = -1;
        if (homeZone < 0)
        {
            var returning = backupOnly ? _backupReturning : _returning;
            NearestOfBoth(backupOnly ? _backupGrid : _grid, returning, x, y, _x.Now, ref best, ref bestUnit);
            Settle(returning);
            return bestUnit;
        }

        // One beat's units: its list of on-duty units, idle ones where they stand, returning ones where they are now.
        for (int i = _zoneHead[homeZone]; i >= 0; i = _nextInZone[i])
        {
            ref readonly UnitState unit = ref _units[i];
            if (unit.BackupOnly != backupOnly || unit.Status is not (UnitStatus.Idle or UnitStatus.Returning))
            {
                continue;
            }

            var (ux, uy) = unit.Status == UnitStatus.Idle ? (unit.ToX, unit.ToY) : _units.PositionNow(i);
            Nearer.Offer(_travel.Distance(ux, uy, x, y), i, ref best, ref bestUnit);
        }

        return bestUnit;
    }

    /// <summary>
    /// The nearest of the idle and the returning units (where each is at <paramref name="now"/>) if nearer than
    /// <paramref name="best"/>, ties to the lower slot: those a grid holds few of by a scan, the rest by one ring search
    /// over the cells both grids share, each cell offering its idle and its returning units (one walk of the rings, not
    /// one per grid, and the best of either bounds both). The same unit as the two grids' own searches one after the other.
    /// </summary>
    internal static void NearestOfBoth(SpatialGrid idle, SegmentGrid returning, double x, double y, long now, ref double best, ref int bestUnit)
    {
        if (!idle.Indexed || !returning.Indexed || idle.Cells != returning.Cells)
        {
            idle.Nearest(x, y, ref best, ref bestUnit);
            returning.Nearest(x, y, now, ref best, ref bestUnit);
            return;
        }

        NearestVisitor.Search(idle.Cells, idle, returning, x, y, now, ref best, ref bestUnit);
    }

    /// <summary>
    /// Settles idle the returning units a search met after their arrival time (arrivals have no event when nothing
    /// observes them; see <see cref="ReplicationContext.ArrivalsObserved"/>), so later searches find them among the
    /// idle, at the same point: no answer changes.
    /// </summary>
    private void Settle(SegmentGrid returning)
    {
        foreach (int u in returning.Arrived)
        {
            _units.SettleArrival(u);
        }

        returning.ClearArrived();
    }

    /// <summary><see cref="Nearest"/> by foreseeable travel time (a zone matrix): every idle and returning unit is weighed.</summary>
    private int NearestByTime(double x, double y, int homeZone, bool backupOnly, int toZone, int priority)
    {
        double best = double.PositiveInfinity;
        int bestUnit = -1;
        var grid = backupOnly ? _backupGrid : _grid;
        var returning = backupOnly ? _backupReturning : _returning;
        for (int i = 0; i < grid.Count + returning.Count; i++)
        {
            int u = i < grid.Count ? grid.MemberAt(i) : returning.MemberAt(i - grid.Count);
            ref readonly UnitState unit = ref _units[u];
            if ((homeZone >= 0 && unit.HomeZone != homeZone) || unit.BackupOnly != backupOnly)
            {
                continue;
            }

            Nearer.Offer(TimeTo(u, x, y, toZone, priority), u, ref best, ref bestUnit);
        }

        return bestUnit;
    }

    /// <summary>How far unit <paramref name="u"/> is from a call: foreseeable minutes by zone matrix, else the travel's distance.</summary>
    internal double TimeTo(int u, double x, double y, int toZone, int priority)
    {
        var (ux, uy) = _units.PositionNow(u);
        return _travel.ByZone && toZone >= 0
            ? _travel.EstimateMinutes(ux, uy, _units.ZoneNow(u), x, y, toZone, priority)
            : _travel.Distance(ux, uy, x, y);
    }

    /// <summary>The unit on self-initiated work nearest in L1 distance (of <paramref name="homeZone"/> only when it is not -1), or -1; backup-only units only when allowed.</summary>
    public int NearestOnProactive(double x, double y, bool backupOnlyToo, int homeZone = -1, int toZone = -1, int priority = 0)
    {
        double best = double.PositiveInfinity;
        int bestUnit = -1;
        for (int i = 0; i < _proactiveCount; i++)
        {
            int u = _proactive[i];
            ref readonly UnitState unit = ref _units[u];
            if ((unit.BackupOnly && !backupOnlyToo) || (homeZone >= 0 && unit.HomeZone != homeZone))
            {
                continue;
            }

            double d = _travel.ByZone ? TimeTo(u, x, y, toZone, priority) : _travel.Distance(unit.ToX, unit.ToY, x, y);
            Nearer.Offer(d, u, ref best, ref bestUnit);
        }

        return bestUnit;
    }

    // ---------------------------------------------------------------- membership (the unit table's transitions)

    internal void AddIdle(int u, double x, double y)
    {
        Officers += _units[u].Officers;
        Units++;
        (_units[u].BackupOnly ? _backupGrid : _grid).Insert(u, x, y);
    }

    internal void RemoveIdle(int u)
    {
        Officers -= _units[u].Officers;
        Units--;
        (_units[u].BackupOnly ? _backupGrid : _grid).Remove(u);
    }

    internal void AddReturning(int u)
    {
        Officers += _units[u].Officers;
        Units++;
        ref readonly UnitState unit = ref _units[u];
        (unit.BackupOnly ? _backupReturning : _returning).Insert(u, unit.FromX, unit.FromY, unit.DepartTicks, unit.ToX, unit.ToY, unit.ArriveTicks);
    }

    internal void RemoveReturning(int u)
    {
        Officers -= _units[u].Officers;
        Units--;
        (_units[u].BackupOnly ? _backupReturning : _returning).Remove(u);
    }

    internal void AddProactive(int u)
    {
        _listIndex[u] = _proactiveCount;
        _proactive[_proactiveCount++] = u;
    }

    internal void RemoveProactive(int u) => RemoveAt(_proactive, ref _proactiveCount, _listIndex[u]);

    /// <summary>Swap-remove from a dense list, keeping the moved unit's position (a unit is in one list at a time).</summary>
    private void RemoveAt(int[] list, ref int count, int i)
    {
        int last = list[--count];
        list[i] = last;
        _listIndex[last] = i;
    }

    internal void LinkToZone(int u, int zone)
    {
        _prevInZone[u] = -1;
        _nextInZone[u] = _zoneHead[zone];
        if (_nextInZone[u] >= 0)
        {
            _prevInZone[_nextInZone[u]] = u;
        }

        _zoneHead[zone] = u;
    }

    internal void UnlinkFromZone(int u, int zone)
    {
        if (_prevInZone[u] >= 0)
        {
            _nextInZone[_prevInZone[u]] = _nextInZone[u];
        }
        else
        {
            _zoneHead[zone] = _nextInZone[u];
        }

        if (_nextInZone[u] >= 0)
        {
            _prevInZone[_nextInZone[u]] = _prevInZone[u];
        }
    }

    internal void RegisterNumber(int number, int u)
    {
        if (number + 1 > _unitByNumber.Length)
        {
            int old = _unitByNumber.Length;
            Array.Resize(ref _unitByNumber, Math.Max(number + 1, old * 2));
            Array.Fill(_unitByNumber, -1, old, _unitByNumber.Length - old);
        }

        _unitByNumber[number] = u;
    }

    internal void UnregisterNumber(int number, int u)
    {
        if (number < _unitByNumber.Length && _unitByNumber[number] == u)
        {
            _unitByNumber[number] = -1;
        }
    }

    internal void EnsureCapacity(int units)
    {
        Array.Resize(ref _proactive, units);
        Array.Resize(ref _listIndex, units);
        Array.Resize(ref _nextInZone, units);
        Array.Resize(ref _prevInZone, units);
        _grid.EnsureCapacity(units);
        _returning.EnsureCapacity(units);
        if (_hasBackupOnly)
        {
            _backupGrid.EnsureCapacity(units);
            _backupReturning.EnsureCapacity(units);
        }
    }
}
