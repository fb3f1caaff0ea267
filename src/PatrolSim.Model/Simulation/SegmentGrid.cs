namespace PatrolSim.Model.Simulation;

/// <summary>
/// Units driving back to their beat (available on the way, at a point that moves along a straight segment), for the
/// same nearest-unit search as idle units (<see cref="SpatialGrid"/>). A moving unit is listed in every cell its
/// segment passes through, so wherever it is now, the ring search (<see cref="GridCells.Search"/>) meets it in the
/// cell it is in, and its exact distance is taken from where it is now (<see cref="Movement.PointAt"/>, the unit table's
/// formula, over the segment and times it was listed with, kept here side by side). While at
/// most <see cref="LinearScanMax"/> units are returning, a scan of the dense list is cheaper and the cells are not kept.
/// Before this index the dispatcher scanned every returning unit for every call: in a city of 1,800 units on duty,
/// hundreds (issue 28, item 4).
/// </summary>
internal sealed class SegmentGrid
{
    private const int LinearScanMax = 16;

    private readonly GridCells _cells;
    private readonly int[][] _cellUnits;
    private readonly int[] _cellCount;

    // By unit, the cells it is listed in (written by Link, read back by Unlink instead of walking the segment again).
    private int[]?[] _unitCells;
    private int[] _unitCellCount;

    // Members a search met after their arrival time, when the grid collects them (no event marks arrivals): the
    // owner settles them idle after the search; _met[unit] says a unit is already listed.
    private readonly bool _collectArrived;
    private int[] _arrived = new int[16];
    private int _arrivedCount;
    private bool[] _met;

    // The members; the segment and times each was listed with, by unit, in one record (a search reads a candidate's
    // in one or two cache lines, not six arrays: in a city of thousands of units those are misses each).
    private readonly DenseUnits _members;
    private Segment[] _segments;
    private bool _indexed;

    public SegmentGrid(GridCells cells, int unitCapacity, bool collectArrived = false)
    {
        _cells = cells;
        _collectArrived = collectArrived;
        _met = new bool[unitCapacity];
        _cellUnits = new int[cells.Count][];
        _cellCount = new int[cells.Count];
        _members = new DenseUnits(unitCapacity);
        _segments = new Segment[unitCapacity];
        _unitCells = new int[]?[unitCapacity];
        _unitCellCount = new int[unitCapacity];
    }

    /// <summary>Units in the grid.</summary>
    public int Count => _members.Count;

    /// <summary>The cells the units are listed in.</summary>
    public GridCells Cells => _cells;

    /// <summary>Whether the cells hold the units now (else <see cref="Nearest"/> scans them).</summary>
    public bool Indexed => _indexed;

    /// <summary>The <paramref name="i"/>-th unit of the grid (0 ≤ i &lt; <see cref="Count"/>; the order changes as units come and go).</summary>
    public int MemberAt(int i) => _members[i];

    public void EnsureCapacity(int units)
    {
        if (units > _segments.Length)
        {
            int size = Math.Max(units, _segments.Length * 2);
            _members.EnsureCapacity(size);
            Array.Resize(ref _segments, size);
            Array.Resize(ref _unitCells, size);
            Array.Resize(ref _unitCellCount, size);
            Array.Resize(ref _met, size);
        }
    }

    /// <summary>Adds a unit moving from (x0, y0) at <paramref name="depart"/> to (x1, y1) at <paramref name="arrive"/> (it stays on this segment until it is removed).</summary>
    public void Insert(int unit, double x0, double y0, long depart, double x1, double y1, long arrive)
    {
        _segments[unit] = new Segment(x0, y0, depart, x1, y1, arrive);
        _members.Add(unit);
        if (_indexed)
        {
            Link(unit);
        }
        else if (_members.Count > LinearScanMax)
        {
            _indexed = true;
            for (int k = 0; k < _members.Count; k++)
            {
                Link(_members[k]);
            }
        }
    }

    public void Remove(int unit)
    {
        if (_indexed && _members.PositionOf(unit) >= 0)
        {
            Unlink(unit);
        }

        if (!_members.Remove(unit, out _, out _))
        {
            return;
        }

        if (_indexed && _members.Count <= LinearScanMax / 2)
        {
            _indexed = false;
            for (int k = 0; k < _members.Count; k++)
            {
                Unlink(_members[k]);
            }
        }
    }

    private void Link(int unit)
    {
        ref readonly Segment g = ref _segments[unit];
        ref int[]? cells = ref _unitCells[unit];
        cells ??= new int[8];
        int n = _cells.CellsOnSegment(g.X0, g.Y0, g.X1, g.Y1, ref cells);
        _unitCellCount[unit] = n;
        for (int k = 0; k < n; k++)
        {
            int c = cells[k];
            ref int[] list = ref _cellUnits[c];
            list ??= new int[4];
            if (_cellCount[c] == list.Length)
            {
                Array.Resize(ref list, list.Length * 2);
            }

            list[_cellCount[c]++] = unit;
        }
    }

    private void Unlink(int unit)
    {
        int[] cells = _unitCells[unit]!;
        for (int k = _unitCellCount[unit] - 1; k >= 0; k--)
        {
            int c = cells[k];
            int[] list = _cellUnits[c];
            int count = _cellCount[c];
            int at = Array.IndexOf(list, unit, 0, count);
            list[at] = list[count - 1];
            _cellCount[c] = count - 1;
        }
    }

    /// <summary>
    /// The returning unit nearest to (x, y) at time <paramref name="now"/> (where each is then) if it is nearer than <paramref name="bestDistance"/>, or as near and of
    /// a lower slot than <paramref name="bestUnit"/>: both are updated (ties go to the lower unit slot).
    /// </summary>
    public void Nearest(double x, double y, long now, ref double bestDistance, ref int bestUnit)
    {
        if (!_indexed)
        {
            for (int i = 0; i < _members.Count; i++)
            {
                Consider(_members[i], x, y, now, ref bestDistance, ref bestUnit);
            }

            return;
        }

        NearestVisitor.Search(_cells, null, this, x, y, now, ref bestDistance, ref bestUnit);
    }

    /// <summary>The members the searches since <see cref="ClearArrived"/> met after their arrival time (when the grid collects them).</summary>
    public ReadOnlySpan<int> Arrived => _arrived.AsSpan(0, _arrivedCount);

    /// <summary>Forgets the members met arrived (their owner has settled them).</summary>
    public void ClearArrived()
    {
        foreach (int u in Arrived)
        {
            _met[u] = false;
        }

        _arrivedCount = 0;
    }

    private void Consider(int u, double x, double y, long now, ref double best, ref int bestUnit)
    {
        ref readonly Segment g = ref _segments[u];
        if (_collectArrived && now >= g.T1 && !_met[u])
        {
            _met[u] = true;
            if (_arrivedCount == _arrived.Length)
            {
                Array.Resize(ref _arrived, _arrived.Length * 2);
            }

            _arrived[_arrivedCount++] = u;
        }

        var (ux, uy) = Movement.PointAt(g.X0, g.Y0, g.T0, g.X1, g.Y1, g.T1, now);
        Nearer.Offer(_cells.Distance(ux, uy, x, y), u, ref best, ref bestUnit);
    }

    /// <summary>Offers every returning unit listed in cell <paramref name="cell"/> (while <see cref="Indexed"/>) as in <see cref="Nearest"/>, where it is at <paramref name="now"/>.</summary>
    public void OfferCell(int cell, double x, double y, long now, ref double best, ref int bestUnit)
    {
        int[]? list = _cellUnits[cell];
        for (int k = _cellCount[cell] - 1; k >= 0; k--)
        {
            Consider(list![k], x, y, now, ref best, ref bestUnit);
        }
    }

    /// <summary>A returning unit's way back: from (X0, Y0) at T0 to (X1, Y1) at T1.</summary>
    private readonly record struct Segment(double X0, double Y0, long T0, double X1, double Y1, long T1);
}
