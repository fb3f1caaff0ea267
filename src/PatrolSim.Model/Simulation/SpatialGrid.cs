namespace PatrolSim.Model.Simulation;

/// <summary>
/// Idle units at fixed points in the cells of a <see cref="GridCells"/>, for nearest-unit search in L1 or
/// straight-line (Euclidean) distance by expanding rings of cells, so dispatch does not scan every unit of a big city.
/// Cells hold their units' entries (unit and point) in arrays that grow as a cell fills and are then re-used. The members
/// are also kept in one dense list (positions side by side); while at most <see cref="LinearScanMax"/>
/// units are idle, a scan of that list finds the same unit as the ring search at a fraction of its cost
/// (the ring search only ever skips units strictly farther than the best, so both return the nearest
/// unit, ties to the lower index), and the cell lists are not kept at all.
/// </summary>
internal sealed class SpatialGrid
{
    /// <summary>Idle units up to which a linear scan beats the ring search (M/M/10: 2 idle on average).</summary>
    private const int LinearScanMax = 16;

    private readonly GridCells _cells;

    // Each cell's units with their points side by side (a search reads a cell's entries in a line or two, not a
    // linked list through the unit arrays: in a city of thousands of units those are cache misses each); by unit,
    // its cell (-1 when not linked) and its place among the cell's entries.
    private readonly Entry[]?[] _cellEntries;
    private readonly int[] _cellCount;
    private int[] _cell;
    private int[] _slot;

    // The members, and their x and y by position in that dense list.
    private readonly DenseUnits _members;
    private double[] _memberX;
    private double[] _memberY;

    // The cell lists are kept only while many units are idle: linked when the count first exceeds
    // LinearScanMax, emptied when it falls to half of that (hysteresis, so a count wobbling around the
    // limit does not relink every time).
    private bool _indexed;

    public SpatialGrid(GridCells cells, int unitCapacity)
    {
        _cells = cells;
        _cellEntries = new Entry[]?[cells.Count];
        _cellCount = new int[cells.Count];
        _cell = new int[unitCapacity];
        _slot = new int[unitCapacity];
        _members = new DenseUnits(unitCapacity);
        _memberX = new double[unitCapacity];
        _memberY = new double[unitCapacity];
        Array.Fill(_cell, -1);
    }

    public void EnsureCapacity(int units)
    {
        if (units > _cell.Length)
        {
            int old = _cell.Length;
            int size = Math.Max(units, old * 2);
            Array.Resize(ref _cell, size);
            Array.Resize(ref _slot, size);
            Array.Resize(ref _memberX, size);
            Array.Resize(ref _memberY, size);
            Array.Fill(_cell, -1, old, size - old);
            _members.EnsureCapacity(size);
        }
    }

    public bool Contains(int unit) => _members.PositionOf(unit) >= 0;

    /// <summary>The cells the units are listed in.</summary>
    public GridCells Cells => _cells;

    /// <summary>Whether the cells hold the units now (else <see cref="Nearest"/> scans them).</summary>
    public bool Indexed => _indexed;

    /// <summary>Units in the grid.</summary>
    public int Count => _members.Count;

    /// <summary>The <paramref name="i"/>-th unit of the grid (0 ≤ i &lt; <see cref="Count"/>; the order changes as units come and go).</summary>
    public int MemberAt(int i) => _members[i];

    public void Insert(int unit, double x, double y)
    {
        int i = _members.Add(unit);
        _memberX[i] = x;
        _memberY[i] = y;
        if (_indexed)
        {
            Link(unit, x, y);
        }
        else if (_members.Count > LinearScanMax)
        {
            // Too many idle units for the scan: from now on the cells hold them.
            _indexed = true;
            for (int k = 0; k < _members.Count; k++)
            {
                Link(_members[k], _memberX[k], _memberY[k]);
            }
        }
    }

    public void Remove(int unit)
    {
        if (_indexed && _members.PositionOf(unit) >= 0)
        {
            Unlink(unit);
        }

        if (!_members.Remove(unit, out int hole, out int last))
        {
            return;
        }

        _memberX[hole] = _memberX[last];
        _memberY[hole] = _memberY[last];
        if (_indexed && _members.Count <= LinearScanMax / 2)
        {
            // Few idle units again: the scan serves; empty the cells (every linked unit is a member).
            _indexed = false;
            for (int k = 0; k < _members.Count; k++)
            {
                int m = _members[k];
                _cellCount[_cell[m]] = 0;
                _cell[m] = -1;
            }
        }
    }

    private void Link(int unit, double x, double y)
    {
        int c = _cells.CellOf(x, y);
        ref Entry[]? list = ref _cellEntries[c];
        list ??= new Entry[4];
        int n = _cellCount[c];
        if (n == list.Length)
        {
            Array.Resize(ref list, n * 2);
        }

        list[n] = new Entry(x, y, unit);
        _cellCount[c] = n + 1;
        _cell[unit] = c;
        _slot[unit] = n;
    }

    private void Unlink(int unit)
    {
        int c = _cell[unit];
        int s = _slot[unit];
        var list = _cellEntries[c]!;
        int last = --_cellCount[c];
        if (s != last)
        {
            list[s] = list[last];
            _slot[list[s].Unit] = s;
        }

        _cell[unit] = -1;
    }

    /// <summary>
    /// The idle unit nearest to (x, y) if it is nearer than <paramref name="bestDistance"/>, or as near and of a lower
    /// slot than <paramref name="bestUnit"/>: both are updated (ties go to the lower unit slot).
    /// </summary>
    public void Nearest(double x, double y, ref double bestDistance, ref int bestUnit)
    {
        if (_members.Count <= LinearScanMax)
        {
            NearestByScan(x, y, ref bestDistance, ref bestUnit);
            return;
        }

        NearestVisitor.Search(_cells, this, null, x, y, 0, ref bestDistance, ref bestUnit);
    }

    /// <summary><see cref="Nearest"/> by a scan of the dense member list.</summary>
    private void NearestByScan(double x, double y, ref double bestDistance, ref int bestUnit)
    {
        int best = bestUnit;
        double bestD = bestDistance;
        var members = _members;
        double[] xs = _memberX, ys = _memberY;
        for (int i = 0; i < members.Count; i++)
        {
            Nearer.Offer(_cells.Distance(xs[i], ys[i], x, y), members[i], ref bestD, ref best);
        }

        bestDistance = bestD;
        bestUnit = best;
    }

    /// <summary>Offers every idle unit listed in cell <paramref name="cell"/> (while <see cref="Indexed"/>) as in <see cref="Nearest"/>.</summary>
    public void OfferCell(int cell, double x, double y, ref double best, ref int bestUnit)
    {
        var list = _cellEntries[cell];
        for (int k = _cellCount[cell] - 1; k >= 0; k--)
        {
            ref readonly Entry e = ref list![k];
            Nearer.Offer(_cells.Distance(e.X, e.Y, x, y), e.Unit, ref best, ref bestUnit);
        }
    }

    /// <summary>An idle unit listed in a cell, at its point.</summary>
    private readonly record struct Entry(double X, double Y, int Unit);
}
