namespace PatrolSim.Model.Simulation;

/// <summary>
/// A uniform grid of cells over the city holding idle units at fixed points, for nearest-unit
/// search in L1 or straight-line (Euclidean) distance by expanding rings of cells, so dispatch does not scan every unit of a big city.
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

    private readonly int _nx;
    private readonly int _ny;
    private readonly double _cw;
    private readonly double _ch;
    private readonly bool _euclidean;
    private readonly int[] _head;
    private int[] _next;
    private int[] _prev;
    private int[] _cell;

    // The dense list of members: unit, x and y by position; _dense[unit] is the unit's position.
    private int[] _members;
    private double[] _memberX;
    private double[] _memberY;
    private int[] _dense;
    private int _count;

    // The cell lists are kept only while many units are idle: linked when the count first exceeds
    // LinearScanMax, emptied when it falls to half of that (hysteresis, so a count wobbling around the
    // limit does not relink every time).
    private bool _indexed;

    public SpatialGrid(double widthKm, double heightKm, int expectedUnits, int unitCapacity, bool euclidean = false)
    {
        _euclidean = euclidean;
        // About two units per cell when all are idle.
        int cells = Math.Clamp(expectedUnits / 2, 1, 4096);
        double aspect = Math.Max(widthKm, 1e-9) / Math.Max(heightKm, 1e-9);
        _nx = Math.Max(1, (int)Math.Round(Math.Sqrt(cells * aspect)));
        _ny = Math.Max(1, (int)Math.Round(cells / (double)_nx));
        _cw = Math.Max(widthKm, 1e-9) / _nx;
        _ch = Math.Max(heightKm, 1e-9) / _ny;
        _head = new int[_nx * _ny];
        Array.Fill(_head, -1);
        _next = new int[unitCapacity];
        _prev = new int[unitCapacity];
        _cell = new int[unitCapacity];
        _members = new int[unitCapacity];
        _memberX = new double[unitCapacity];
        _memberY = new double[unitCapacity];
        _dense = new int[unitCapacity];
        Array.Fill(_cell, -1);
        Array.Fill(_dense, -1);
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
            Array.Resize(ref _members, size);
            Array.Resize(ref _memberX, size);
            Array.Resize(ref _memberY, size);
            Array.Resize(ref _dense, size);
            Array.Fill(_cell, -1, old, size - old);
            Array.Fill(_dense, -1, old, size - old);
        }
    }

    public bool Contains(int unit) => _dense[unit] >= 0;

    /// <summary>Units in the grid.</summary>
    public int Count => _count;

    /// <summary>The <paramref name="i"/>-th unit of the grid (0 ≤ i &lt; <see cref="Count"/>; the order changes as units come and go).</summary>
    public int MemberAt(int i) => _members[i];

    /// <summary>The distance the grid measures: L1, or Euclidean.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private double Distance(double ux, double uy, double x, double y) => _euclidean
        ? Math.Sqrt(((ux - x) * (ux - x)) + ((uy - y) * (uy - y)))
        : Math.Abs(ux - x) + Math.Abs(uy - y);

    public void Insert(int unit, double x, double y)
    {
        int i = _count++;
        _members[i] = unit;
        _memberX[i] = x;
        _memberY[i] = y;
        _dense[unit] = i;
        if (_indexed)
        {
            Link(unit, x, y);
        }
        else if (_count > LinearScanMax)
        {
            // Too many idle units for the scan: from now on the cells hold them.
            _indexed = true;
            for (int k = 0; k < _count; k++)
            {
                Link(_members[k], _memberX[k], _memberY[k]);
            }
        }
    }

    public void Remove(int unit)
    {
        int i = _dense[unit];
        if (i < 0)
        {
            return;
        }

        if (_indexed)
        {
            Unlink(unit);
        }

        int last = --_count;
        int moved = _members[last];
        _members[i] = moved;
        _memberX[i] = _memberX[last];
        _memberY[i] = _memberY[last];
        _dense[moved] = i;
        _dense[unit] = -1;
        if (_indexed && _count <= LinearScanMax / 2)
        {
            // Few idle units again: the scan serves; empty the cells (every linked unit is a member).
            _indexed = false;
            for (int k = 0; k < _count; k++)
            {
                int m = _members[k];
                _head[_cell[m]] = -1;
                _cell[m] = -1;
            }
        }
    }

    private void Link(int unit, double x, double y)
    {
        int cx = Math.Clamp((int)(x / _cw), 0, _nx - 1);
        int cy = Math.Clamp((int)(y / _ch), 0, _ny - 1);
        int c = (cy * _nx) + cx;
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
    /// The idle unit nearest to (x, y) in L1 distance with distance below <paramref name="bestDistance"/>
    /// (updated), or -1. Ties go to the lower unit index.
    /// </summary>
    public int Nearest(double x, double y, ref double bestDistance)
    {
        if (_count <= LinearScanMax)
        {
            return NearestByScan(x, y, ref bestDistance);
        }

        int best = -1;
        int cx = Math.Clamp((int)(x / _cw), 0, _nx - 1);
        int cy = Math.Clamp((int)(y / _ch), 0, _ny - 1);
        int maxRing = Math.Max(Math.Max(cx, _nx - 1 - cx), Math.Max(cy, _ny - 1 - cy));
        for (int r = 0; r <= maxRing; r++)
        {
            if (r > 0)
            {
                // Every point in ring r is outside the block of rings < r, so at least this far in L∞ ≤ L2 ≤ L1.
                double gap = Math.Min(
                    Math.Min(x - ((cx - r + 1) * _cw), ((cx + r) * _cw) - x),
                    Math.Min(y - ((cy - r + 1) * _ch), ((cy + r) * _ch) - y));
                if (gap > bestDistance)
                {
                    break;
                }
            }

            int y0 = cy - r, y1 = cy + r;
            for (int gy = Math.Max(y0, 0); gy <= Math.Min(y1, _ny - 1); gy++)
            {
                bool edgeRow = gy == y0 || gy == y1;
                int step = edgeRow ? 1 : Math.Max(2 * r, 1);
                for (int gx = cx - r; gx <= cx + r; gx += step)
                {
                    if (gx < 0 || gx >= _nx)
                    {
                        continue;
                    }

                    for (int u = _head[(gy * _nx) + gx]; u >= 0; u = _next[u])
                    {
                        int i = _dense[u];
                        double d = Distance(_memberX[i], _memberY[i], x, y);
                        if (d < bestDistance || (d == bestDistance && best >= 0 && u < best))
                        {
                            bestDistance = d;
                            best = u;
                        }
                    }
                }
            }
        }

        return best;
    }

    /// <summary><see cref="Nearest"/> by a scan of the dense member list.</summary>
    private int NearestByScan(double x, double y, ref double bestDistance)
    {
        int best = -1;
        double bestD = bestDistance;
        int[] members = _members;
        double[] xs = _memberX, ys = _memberY;
        for (int i = 0; i < _count; i++)
        {
            double d = Distance(xs[i], ys[i], x, y);
            if (d < bestD || (d == bestD && best >= 0 && members[i] < best))
            {
                bestD = d;
                best = members[i];
            }
        }

        bestDistance = bestD;
        return best;
    }
}
