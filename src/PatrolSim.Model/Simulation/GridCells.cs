using System.Runtime.CompilerServices;

namespace PatrolSim.Model.Simulation;

/// <summary>The one rule of every nearest-unit search: nearer wins, and at equal distance the lower unit slot, so no answer depends on the order units are met.</summary>
internal static class Nearer
{
    /// <summary>Takes unit <paramref name="u"/> at distance <paramref name="d"/> as the best so far if it beats it; true when it does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Offer(double d, int u, ref double best, ref int bestUnit)
    {
        if (d < best || (d == best && u < bestUnit))
        {
            best = d;
            bestUnit = u;
            return true;
        }

        return false;
    }
}

/// <summary>What a ring search does with each cell it visits, and the distance beyond which it may stop.</summary>
internal interface ICellVisitor
{
    /// <summary>The best distance found so far: rings wholly farther than this are not visited.</summary>
    double Bound { get; }

    /// <summary>Examines the members of cell <paramref name="cell"/>.</summary>
    void Visit(int cell);
}

/// <summary>
/// The ring search for the nearest available unit, over the grid of idle units, of returning units, or both on the
/// same cells: each cell visited offers its idle units, then its returning units (where each is at the time asked),
/// and the best so far bounds the search. One walk of the rings serves both grids (issue 28 item 4).
/// </summary>
internal struct NearestVisitor(SpatialGrid? idle, SegmentGrid? returning, double x, double y, long now, double best, int bestUnit) : ICellVisitor
{
    public double Best = best;
    public int BestUnit = bestUnit;

    public readonly double Bound => Best;

    /// <summary>
    /// The unit nearest to (x, y) among the cells' members if it is nearer than <paramref name="best"/>, or as near and
    /// of a lower slot than <paramref name="bestUnit"/>: both are updated. The grids given hold their units in
    /// <paramref name="cells"/>.
    /// </summary>
    public static void Search(GridCells cells, SpatialGrid? idle, SegmentGrid? returning, double x, double y, long now, ref double best, ref int bestUnit)
    {
        var visitor = new NearestVisitor(idle, returning, x, y, now, best, bestUnit);
        cells.Search(x, y, ref visitor);
        best = visitor.Best;
        bestUnit = visitor.BestUnit;
    }

    public void Visit(int cell)
    {
        idle?.OfferCell(cell, x, y, ref Best, ref BestUnit);
        returning?.OfferCell(cell, x, y, now, ref Best, ref BestUnit);
    }
}

/// <summary>
/// A uniform grid of cells over the city (about <c>cells</c> of them, square-ish for the city's aspect) and its ring
/// search: the cells around a point in expanding square rings, stopping when every cell of the next ring is farther
/// than the best distance found. Shared by the grid of idle units (<see cref="SpatialGrid"/>) and the grid of
/// returning units (<see cref="SegmentGrid"/>), which differ only in what a cell holds. The distance is the travel's:
/// L1, or straight-line (Euclidean), the same formula as <see cref="TravelTimes.Distance"/>.
/// </summary>
internal sealed class GridCells
{
    public GridCells(double widthKm, double heightKm, int cells, bool euclidean)
    {
        Euclidean = euclidean;
        cells = Math.Clamp(cells, 1, 16384);
        double aspect = Math.Max(widthKm, 1e-9) / Math.Max(heightKm, 1e-9);
        Nx = Math.Max(1, (int)Math.Round(Math.Sqrt(cells * aspect)));
        Ny = Math.Max(1, (int)Math.Round(cells / (double)Nx));
        CellWidth = Math.Max(widthKm, 1e-9) / Nx;
        CellHeight = Math.Max(heightKm, 1e-9) / Ny;
    }

    /// <summary>Cells across.</summary>
    public int Nx { get; }

    /// <summary>Cells up.</summary>
    public int Ny { get; }

    /// <summary>All cells.</summary>
    public int Count => Nx * Ny;

    /// <summary>A cell's width, km.</summary>
    public double CellWidth { get; }

    /// <summary>A cell's height, km.</summary>
    public double CellHeight { get; }

    /// <summary>Whether distance is straight-line rather than L1.</summary>
    public bool Euclidean { get; }

    /// <summary>The column of x (points outside the city fall in the edge cells).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Column(double x) => Math.Clamp((int)(x / CellWidth), 0, Nx - 1);

    /// <summary>The row of y (points outside the city fall in the edge cells).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Row(double y) => Math.Clamp((int)(y / CellHeight), 0, Ny - 1);

    /// <summary>The cell of a point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CellOf(double x, double y) => (Row(y) * Nx) + Column(x);

    /// <summary>The distance the grid measures: L1, or Euclidean.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Distance(double ux, double uy, double x, double y) => Euclidean
        ? Math.Sqrt(((ux - x) * (ux - x)) + ((uy - y) * (uy - y)))
        : Math.Abs(ux - x) + Math.Abs(uy - y);

    /// <summary>
    /// Visits the cells around (x, y) ring by ring, stopping before a ring whose every point is farther than the
    /// visitor's <see cref="ICellVisitor.Bound"/>, and within a ring skipping each cell wholly farther than it. A member
    /// listed in every cell its position can be in is then found if it is nearer than the bound.
    /// </summary>
    public void Search<TVisitor>(double x, double y, ref TVisitor visitor)
        where TVisitor : struct, ICellVisitor
    {
        int cx = Column(x);
        int cy = Row(y);
        double cw = CellWidth, ch = CellHeight;
        int nx = Nx, ny = Ny;
        int maxRing = Math.Max(Math.Max(cx, nx - 1 - cx), Math.Max(cy, ny - 1 - cy));
        for (int r = 0; r <= maxRing; r++)
        {
            if (r > 0)
            {
                // Every point in ring r is outside the block of rings < r, so at least this far in L∞ ≤ L2 ≤ L1.
                double gap = Math.Min(
                    Math.Min(x - ((cx - r + 1) * cw), ((cx + r) * cw) - x),
                    Math.Min(y - ((cy - r + 1) * ch), ((cy + r) * ch) - y));
                if (gap > visitor.Bound)
                {
                    break;
                }
            }

            int y0 = cy - r, y1 = cy + r;
            for (int gy = Math.Max(y0, 0); gy <= Math.Min(y1, ny - 1); gy++)
            {
                bool edgeRow = gy == y0 || gy == y1;
                int step = edgeRow ? 1 : Math.Max(2 * r, 1);

                // How far the row's cells lie from the point up or down (edge cells reach without bound outwards, as
                // CellOf puts points there, but always on their side away from the point's own row or column).
                double dy = gy == cy ? 0 : gy < cy ? y - ((gy + 1) * ch) : (gy * ch) - y;
                for (int gx = cx - r; gx <= cx + r; gx += step)
                {
                    if (gx < 0 || gx >= nx)
                    {
                        continue;
                    }

                    // A cell wholly farther than the best so far holds nobody nearer: not read at all (in a city of
                    // thousands of units each cell read is a cache miss). The bound is relaxed by a hair so that
                    // rounding at a cell border never skips a cell a member nearer than the best is placed in.
                    double dx = gx == cx ? 0 : gx < cx ? x - ((gx + 1) * cw) : (gx * cw) - x;
                    double near = Euclidean ? Math.Sqrt((Math.Max(dx, 0) * Math.Max(dx, 0)) + (Math.Max(dy, 0) * Math.Max(dy, 0))) : Math.Max(dx, 0) + Math.Max(dy, 0);
                    if (r > 0 && near > visitor.Bound + (1e-9 * (cw + ch)))
                    {
                        continue;
                    }

                    visitor.Visit((gy * nx) + gx);
                }
            }
        }
    }

    /// <summary>
    /// The cells a straight segment from (x0, y0) to (x1, y1) passes through, as the cells of its points are computed
    /// by <see cref="CellOf"/> (edge cells extend outwards without bound), padded by a hair so that rounding at a cell
    /// border never leaves out a cell a point of the segment falls in. Written to <paramref name="cells"/> (grown as
    /// needed); returns how many.
    /// </summary>
    public int CellsOnSegment(double x0, double y0, double x1, double y1, ref int[] cells)
    {
        if (x1 < x0)
        {
            (x0, y0, x1, y1) = (x1, y1, x0, y0);
        }

        int c0 = Column(x0), c1 = Column(x1);
        double slope = x1 > x0 ? (y1 - y0) / (x1 - x0) : 0;
        double pad = 1e-9 * CellHeight, padX = 1e-9 * CellWidth;
        int n = 0;
        for (int gx = c0; gx <= c1; gx++)
        {
            // The part of the segment in this column (the edge columns reach to infinity).
            double xa = gx == c0 ? x0 : Math.Max(x0, (gx * CellWidth) - padX);
            double xb = gx == c1 ? x1 : Math.Min(x1, ((gx + 1) * CellWidth) + padX);
            double ya = x1 > x0 ? y0 + (slope * (xa - x0)) : y0;
            double yb = x1 > x0 ? y0 + (slope * (xb - x0)) : y1;
            int r0 = Row(Math.Min(ya, yb) - pad), r1 = Row(Math.Max(ya, yb) + pad);
            int need = n + (r1 - r0 + 1);
            if (need > cells.Length)
            {
                Array.Resize(ref cells, Math.Max(need, cells.Length * 2));
            }

            for (int gy = r0; gy <= r1; gy++)
            {
                cells[n++] = (gy * Nx) + gx;
            }
        }

        return n;
    }
}
