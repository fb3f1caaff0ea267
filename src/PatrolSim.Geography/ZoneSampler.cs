using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate.Polygon;
using PatrolSim.Engine.Random;

namespace PatrolSim.Geography;

/// <summary>
/// Area-exact uniform points inside zones. Each zone is triangulated once (NTS's constrained Delaunay
/// triangulation, holes respected); a draw picks a triangle with probability proportional to its area (an alias
/// table: one uniform) and a uniform point in it (two uniforms, folded into the triangle). Sampling reads arrays
/// only: no allocation, no search. Immutable after construction, so safe to share between threads.
/// </summary>
internal sealed class ZoneSampler
{
    // Triangle t's corners a, b, c are _corners[6t .. 6t+5] = ax, ay, bx, by, cx, cy.
    private readonly double[] _corners;
    private readonly int[] _firstTriangle;
    private readonly AliasTable[] _pick;

    public ZoneSampler(IReadOnlyList<Geometry> zonesKm)
    {
        var corners = new List<double>();
        _firstTriangle = new int[zonesKm.Count + 1];
        _pick = new AliasTable[zonesKm.Count];
        for (int z = 0; z < zonesKm.Count; z++)
        {
            _firstTriangle[z] = corners.Count / 6;
            var triangles = ConstrainedDelaunayTriangulator.Triangulate(zonesKm[z]);
            var areas = new List<double>(triangles.NumGeometries);
            for (int i = 0; i < triangles.NumGeometries; i++)
            {
                var ring = ((Polygon)triangles.GetGeometryN(i)).ExteriorRing.CoordinateSequence;
                for (int k = 0; k < 3; k++)
                {
                    corners.Add(ring.GetX(k));
                    corners.Add(ring.GetY(k));
                }

                areas.Add(triangles.GetGeometryN(i).Area);
            }

            double total = areas.Sum();
            double expected = zonesKm[z].Area;
            if (!(Math.Abs(total - expected) <= 1e-9 * expected))
            {
                throw new InvalidOperationException($"The triangulation of zone {z} covers {total} km² of its {expected} km².");
            }

            _pick[z] = new AliasTable(areas);
        }

        _firstTriangle[zonesKm.Count] = corners.Count / 6;
        _corners = [.. corners];
    }

    /// <summary>Number of triangles of a zone.</summary>
    public int TriangleCount(int zone) => _firstTriangle[zone + 1] - _firstTriangle[zone];

    /// <summary>The point of <paramref name="zone"/> drawn by three uniforms in [0, 1): one picks the triangle, two place the point.</summary>
    public (double X, double Y) Point(int zone, double u0, double u1, double u2) =>
        PointInTriangle(_firstTriangle[zone] + _pick[zone].Sample(u0), u1, u2);

    /// <summary>
    /// A uniform point of triangle <paramref name="triangle"/> (index over all zones) from two uniforms: the point
    /// a + u1 (b − a) + u2 (c − a) is uniform on the parallelogram; the half beyond the diagonal (u1 + u2 &gt; 1) is
    /// folded back by (u1, u2) → (1 − u1, 1 − u2), which maps it onto the triangle preserving area.
    /// </summary>
    public (double X, double Y) PointInTriangle(int triangle, double u1, double u2)
    {
        if (u1 + u2 > 1.0)
        {
            u1 = 1.0 - u1;
            u2 = 1.0 - u2;
        }

        int o = 6 * triangle;
        double ax = _corners[o], ay = _corners[o + 1];
        return (ax + (u1 * (_corners[o + 2] - ax)) + (u2 * (_corners[o + 4] - ax)),
                ay + (u1 * (_corners[o + 3] - ay)) + (u2 * (_corners[o + 5] - ay)));
    }

    /// <summary>Index (over all zones) of the first triangle of <paramref name="zone"/>.</summary>
    public int FirstTriangle(int zone) => _firstTriangle[zone];
}
