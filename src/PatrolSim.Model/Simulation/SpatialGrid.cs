namespace PatrolSim.Model.Simulation;

/// <summary>
/// Idle units at fixed points in the cells of a <see cref="GridCells"/>, for nearest-unit search in L1 or
/// straight-line (Euclidean) distance by expanding rings of cells, so dispatch does not scan every unit of a big city.
/// Cells hold intrusive doubly linked lists in arrays: insert and remove allocate nothing. The members
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
    private readonly int[] _head;
    private int[] _next;
    private int[] _prev;
    private int[] _cell;

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
        _head = new int[cells.Count];
        Array.Fill(_head, -1);
        _next = new int[unitCapacity];
        _prev = new int[unitCapacity];
        _cell = new int[unitCapacity];
        _members = new DenseUnits(unitCapacity);
        _memberX = new double[unitCapacity];
        _memberY = new double[unitCapacity];
        Array.Fill(_cell, -1);
    }

    public void EnsureCapacity(int units)
    {
        if (units > _next.Length)
        {
            int old = _next.Length;
            int size = Math.Max(units, old * 2);
            Array.Resize(ref _next, size);
            Array.Resize(ref _prev, size);
            Array.Resize(ref _cell, size);
            Array.Resize(ref _memberX, size);
            Array.Resize(ref _memberY, size);
            Array.Fill(_cell, -1, old, size - old);
            _members.EnsureCapacity(size);
        }
    }

    public bool Contains(int unit) => _members.PositionOf(unit) >= 0;

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
                _head[_cell[m]] = -1;
                _cell[m] = -1;
            }
        }
    }

    private void Link(int unit, double x, double y)
    {
        int c = _cells.CellOf(x, y);
        _cell[unit] = c;
        _prev[unit] = -1;
        _next[unit] = _head[c];
        if (_head[c] >= 0)
        {
            _prev[_head[c]] = unit;
        }

        _head[c] = unit;
    }

    private void Unlink(int unit)
    {
        int c = _cell[unit];
        int p = _prev[unit];
        int n = _next[unit];
        if (p >= 0)
        {
            _next[p] = n;
        }
        else
        {
            _head[c] = n;
        }

        if (n >= 0)
        {
            _prev[n] = p;
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

        var visitor = new Visitor(this, x, y, bestDistance, bestUnit);
        _cells.Search(x, y, ref visitor);
        bestDistance = visitor.Best;
        bestUnit = visitor.BestUnit;
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

    /// <summary>The ring search's work in a cell: every idle unit listed there.</summary>
    private struct Visitor(SpatialGrid grid, double x, double y, double best, int bestUnit) : ICellVisitor
    {
        public double Best = best;
        public int BestUnit = bestUnit;

        public readonly double Bound => Best;

        public void Visit(int cell)
        {
            for (int u = grid._head[cell]; u >= 0; u = grid._next[u])
            {
                int i = grid._members.PositionOf(u);
                Nearer.Offer(grid._cells.Distance(grid._memberX[i], grid._memberY[i], x, y), u, ref Best, ref BestUnit);
            }
        }
    }
}
