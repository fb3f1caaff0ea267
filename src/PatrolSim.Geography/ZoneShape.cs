using NetTopologySuite.Geometries;

namespace PatrolSim.Geography;

/// <summary>One zone as given to <see cref="ZoneSet.Create(IReadOnlyList{ZoneShape})"/>: its area in a projected plane (metres).</summary>
/// <param name="Id">The zone's id, unique in the set.</param>
/// <param name="Area">A valid, non-empty <see cref="Polygon"/> or <see cref="MultiPolygon"/> in metres (holes allowed).</param>
/// <param name="Weight">Demand weight (finite, ≥ 0).</param>
/// <param name="District">The district it belongs to, or null when the city has no districts.</param>
public sealed record ZoneShape(string Id, Geometry Area, double Weight, string? District);

/// <summary>An axis-aligned box in the city's km frame (x east, y north, from the south-west corner of all zones).</summary>
public readonly record struct BoxKm(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>Width (km).</summary>
    public double Width => MaxX - MinX;

    /// <summary>Height (km).</summary>
    public double Height => MaxY - MinY;
}
