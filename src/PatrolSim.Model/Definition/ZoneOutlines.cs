using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Geometries;

namespace PatrolSim.Model.Definition;

/// <summary>
/// A zone drawn on a map, in the city's km frame: its polygons (each a shell then its holes, every ring closed) and a
/// point inside it for its label. A city of rectangles gives one rectangle per zone.
/// </summary>
/// <param name="Id">The zone's id.</param>
/// <param name="District">Its district, or null.</param>
/// <param name="Polygons">Its polygons: each a list of rings (the shell first, then holes), each ring a list of (x, y) km.</param>
/// <param name="Label">A point inside the zone for its label (km).</param>
public sealed record ZoneOutline(string Id, string? District, IReadOnlyList<IReadOnlyList<IReadOnlyList<(double X, double Y)>>> Polygons, (double X, double Y) Label)
{
    /// <summary>The outlines of every zone of the city, in the city's zone order.</summary>
    public static IReadOnlyList<ZoneOutline> Of(City city)
    {
        ArgumentNullException.ThrowIfNull(city);
        return [.. city.Zones.Select((z, i) => city.Shapes is { } shapes ? FromShape(z, shapes.Shape(i)) : FromRectangle(z))];
    }

    private static ZoneOutline FromRectangle(Zone z)
    {
        (double X, double Y)[] ring = [(z.XKm, z.YKm), (z.XKm + z.WidthKm, z.YKm), (z.XKm + z.WidthKm, z.YKm + z.HeightKm), (z.XKm, z.YKm + z.HeightKm), (z.XKm, z.YKm)];
        return new ZoneOutline(z.Id, z.District, [[ring]], (z.XKm + (z.WidthKm / 2), z.YKm + (z.HeightKm / 2)));
    }

    private static ZoneOutline FromShape(Zone z, Geometry shape)
    {
        var polygons = new List<IReadOnlyList<IReadOnlyList<(double X, double Y)>>>();
        for (int i = 0; i < shape.NumGeometries; i++)
        {
            var p = (Polygon)shape.GetGeometryN(i);
            polygons.Add([Ring(p.Shell), .. p.Holes.Select(Ring)]);
        }

        // The label goes at the pole of inaccessibility of the largest part: the point farthest from every edge and hole.
        var largest = Enumerable.Range(0, shape.NumGeometries).Select(shape.GetGeometryN).MaxBy(g => g.Area)!;
        var inside = MaximumInscribedCircle.GetCenter(largest, Math.Sqrt(largest.Area) / 200);
        return new ZoneOutline(z.Id, z.District, polygons, (inside.X, inside.Y));
    }

    private static (double X, double Y)[] Ring(LineString ring) => [.. ring.Coordinates.Select(c => (c.X, c.Y))];
}
