using CsCheck;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// The indexes the dispatcher searches for the nearest available unit (idle units in <see cref="SpatialGrid"/>, units
/// driving back to their beat in <see cref="SegmentGrid"/>) give exactly the unit a scan of every member gives: the
/// nearest by the travel's metric, ties to the lower slot; for returning units, where each is at the time asked.
/// Cities of every shape, grids from one cell to many, members coming and going (so the indexes switch between their
/// scan and their cells both ways).
/// </summary>
public class NearestUnitIndexTests
{
    private const int Slots = 120;

    /// <summary>A segment: from (x0, y0) at t0 to (x1, y1) at t1, possibly outside the city by a little, possibly of length zero.</summary>
    private readonly record struct Trip(double X0, double Y0, long T0, double X1, double Y1, long T1);

    private static Gen<Trip> TripIn(double w, double h) =>
        Gen.Select(Gen.Double[-0.05, 1.05], Gen.Double[-0.05, 1.05], Gen.Double[-0.05, 1.05], Gen.Double[-0.05, 1.05], Gen.Long[0, 100], Gen.Long[0, 200], Gen.Int[0, 9])
            .Select((a, b, c, d, t0, dt, kind) => kind == 0
                ? new Trip(a * w, b * h, t0, a * w, b * h, t0 + dt) // standing still
                : kind == 1
                    ? new Trip(a * w, b * h, t0, a * w, d * h, t0 + dt) // due north or south
                    : new Trip(a * w, b * h, t0, c * w, d * h, t0 + dt));

    private static (double X, double Y) PointAt(Trip s, long now) => Movement.PointAt(s.X0, s.Y0, s.T0, s.X1, s.Y1, s.T1, now);

    /// <summary>A search's answer is what a scan of every member at its point gives: the same unit (ties to the lower slot) at the same distance.</summary>
    private static void AssertAsScan(GridCells cells, bool[] member, Func<int, (double X, double Y)> pointOf, double x, double y, int bestUnit, double best)
    {
        double scanBest = double.PositiveInfinity;
        int scanUnit = -1;
        for (int v = 0; v < member.Length; v++)
        {
            if (member[v])
            {
                var (px, py) = pointOf(v);
                Nearer.Offer(cells.Distance(px, py, x, y), v, ref scanBest, ref scanUnit);
            }
        }

        Assert.Equal(scanUnit, bestUnit);
        Assert.Equal(scanBest, best);
    }

    /// <summary>
    /// Adds each slot of <paramref name="ops"/> if it is not a member, else removes it (<paramref name="change"/>: the slot and
    /// whether it joins), and after every tenth operation checks the searches against a scan (<paramref name="check"/>, given the members).
    /// </summary>
    private static void Churn(int[] ops, Action<int, bool> change, Action<bool[]> check)
    {
        var member = new bool[Slots];
        int step = 0;
        foreach (int u in ops)
        {
            change(u, !member[u]);
            member[u] = !member[u];
            if (++step % 10 == 0)
            {
                check(member);
            }
        }
    }

    [Fact]
    public void SegmentGrid_FindsTheUnitAScanOfEveryReturningUnitFinds()
    {
        Gen.Select(Gen.Double[0.5, 80], Gen.Double[0.5, 80], Gen.Int[1, 400], Gen.Bool)
            .SelectMany((w, h, cells, euclidean) => Gen.Select(
                TripIn(w, h).Array[Slots, Slots],
                Gen.Int[0, Slots - 1].Array[0, 400], // operations: add the slot if absent, else remove it
                Gen.Select(Gen.Double[-0.1, 1.1], Gen.Double[-0.1, 1.1], Gen.Long[0, 320]).Array[40, 40])
            .Select((trips, ops, queries) => (w, h, cells, euclidean, trips, ops, queries)))
            .Sample(t =>
            {
                var cells = new GridCells(t.w, t.h, t.cells, t.euclidean);
                var grid = new SegmentGrid(cells, 8);
                grid.EnsureCapacity(Slots);
                Churn(
                    t.ops,
                    (u, join) =>
                    {
                        var trip = t.trips[u];
                        if (join)
                        {
                            grid.Insert(u, trip.X0, trip.Y0, trip.T0, trip.X1, trip.Y1, trip.T1);
                        }
                        else
                        {
                            grid.Remove(u);
                        }
                    },
                    member =>
                    {
                        foreach (var (qx, qy, now) in t.queries)
                        {
                            double x = qx * t.w, y = qy * t.h;
                            double best = double.PositiveInfinity;
                            int bestUnit = -1;
                            grid.Nearest(x, y, now, ref best, ref bestUnit);
                            AssertAsScan(cells, member, v => PointAt(t.trips[v], now), x, y, bestUnit, best);
                        }
                    });
            }, iter: 60);
    }

    [Fact]
    public void IdleAndReturningTogether_FindTheUnitAScanOfBothFinds()
    {
        // One search over the cells both grids share (AvailableUnits.NearestOfBoth): each slot is idle at a point or
        // returning along a trip, members come and go, so each grid switches between its scan and its cells on its own.
        Gen.Select(Gen.Double[0.5, 80], Gen.Double[0.5, 80], Gen.Int[1, 400], Gen.Bool)
            .SelectMany((w, h, cells, euclidean) => Gen.Select(
                TripIn(w, h).Array[Slots, Slots],
                Gen.Bool.Array[Slots, Slots], // returning (else idle at the trip's end)
                Gen.Int[0, Slots - 1].Array[0, 400],
                Gen.Select(Gen.Double[-0.1, 1.1], Gen.Double[-0.1, 1.1], Gen.Long[0, 320]).Array[40, 40])
            .Select((trips, returning, ops, queries) => (w, h, cells, euclidean, trips, returning, ops, queries)))
            .Sample(t =>
            {
                var cells = new GridCells(t.w, t.h, t.cells, t.euclidean);
                var idle = new SpatialGrid(cells, 8);
                var moving = new SegmentGrid(cells, 8);
                idle.EnsureCapacity(Slots);
                moving.EnsureCapacity(Slots);
                Churn(
                    t.ops,
                    (u, join) =>
                    {
                        var trip = t.trips[u];
                        if (join && t.returning[u])
                        {
                            moving.Insert(u, trip.X0, trip.Y0, trip.T0, trip.X1, trip.Y1, trip.T1);
                        }
                        else if (join)
                        {
                            idle.Insert(u, trip.X1, trip.Y1);
                        }
                        else if (t.returning[u])
                        {
                            moving.Remove(u);
                        }
                        else
                        {
                            idle.Remove(u);
                        }
                    },
                    member =>
                    {
                        foreach (var (qx, qy, now) in t.queries)
                        {
                            double x = qx * t.w, y = qy * t.h;
                            double best = double.PositiveInfinity;
                            int bestUnit = -1;
                            AvailableUnits.NearestOfBoth(idle, moving, x, y, now, ref best, ref bestUnit);
                            AssertAsScan(cells, member, v => t.returning[v] ? PointAt(t.trips[v], now) : (t.trips[v].X1, t.trips[v].Y1), x, y, bestUnit, best);
                        }
                    });
            }, iter: 60);
    }

    [Fact]
    public void SpatialGrid_FindsTheUnitAScanOfEveryIdleUnitFinds()
    {
        Gen.Select(Gen.Double[0.5, 80], Gen.Double[0.5, 80], Gen.Int[1, 400], Gen.Bool)
            .SelectMany((w, h, cells, euclidean) => Gen.Select(
                Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1]).Array[Slots, Slots],
                Gen.Int[0, Slots - 1].Array[0, 400],
                Gen.Select(Gen.Double[-0.1, 1.1], Gen.Double[-0.1, 1.1]).Array[40, 40])
            .Select((points, ops, queries) => (w, h, cells, euclidean, points, ops, queries)))
            .Sample(t =>
            {
                var cells = new GridCells(t.w, t.h, t.cells, t.euclidean);
                var grid = new SpatialGrid(cells, 8);
                grid.EnsureCapacity(Slots);
                Churn(
                    t.ops,
                    (u, join) =>
                    {
                        if (join)
                        {
                            grid.Insert(u, t.points[u].Item1 * t.w, t.points[u].Item2 * t.h);
                        }
                        else
                        {
                            grid.Remove(u);
                        }
                    },
                    member =>
                    {
                        foreach (var (qx, qy) in t.queries)
                        {
                            double x = qx * t.w, y = qy * t.h;
                            double best = double.PositiveInfinity;
                            int bestUnit = -1;
                            grid.Nearest(x, y, ref best, ref bestUnit);
                            AssertAsScan(cells, member, v => (t.points[v].Item1 * t.w, t.points[v].Item2 * t.h), x, y, bestUnit, best);
                        }
                    });
            }, iter: 60);
    }

    /// <summary>Every point of a segment (a thousand along it, and its ends) lies in a cell the segment is listed in.</summary>
    [Fact]
    public void CellsOnSegment_HoldEveryPointOfTheSegment()
    {
        Gen.Select(Gen.Double[0.5, 80], Gen.Double[0.5, 80], Gen.Int[1, 2000], TripIn(1, 1))
            .Sample((w, h, n, trip) =>
            {
                var cells = new GridCells(w, h, n, euclidean: false);
                int[] listed = new int[4];
                int count = cells.CellsOnSegment(trip.X0 * w, trip.Y0 * h, trip.X1 * w, trip.Y1 * h, ref listed);
                var set = listed.Take(count).ToHashSet();
                for (int k = 0; k <= 1000; k++)
                {
                    var (x, y) = Movement.PointAt(trip.X0 * w, trip.Y0 * h, 0, trip.X1 * w, trip.Y1 * h, 1000, k);
                    Assert.Contains(cells.CellOf(x, y), set);
                }
            }, iter: 2000);
    }
}
