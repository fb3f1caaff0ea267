using PatrolSim.Engine.Random;
using PatrolSim.Geography;
using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// The city's zones as the event loop reads them: a uniform point of a zone (area-exact inside real shapes, holes
/// excluded; two uniforms over a rectangle), each zone's neighbours (zones sharing a stretch of boundary), and its
/// district. Prepared once; immutable; shared by replications.
/// </summary>
internal sealed class CityGeometry
{
    // The zones' rectangles side by side (a patrol point is drawn for every call a unit leaves: in a city of thousands
    // of beats, reading each zone's record is a cache miss).
    private readonly Rectangle[] _rectangles;
    private readonly ZoneSet? _shapes;
    private readonly int[][] _neighbours;
    private readonly CallPoint[][]? _callPoints;

    public CityGeometry(City city)
    {
        var zones = city.Zones;
        _rectangles = [.. zones.Select(z => new Rectangle(z.XKm, z.YKm, z.WidthKm, z.HeightKm))];
        _shapes = city.Shapes;
        _callPoints = city.CallPoints is { } points ? [.. points.Select(p => p.ToArray())] : null;
        _neighbours = new int[zones.Count][];
        for (int z = 0; z < zones.Count; z++)
        {
            _neighbours[z] = _shapes is { } s ? s.Neighbours(z).ToArray() : RectangleNeighbours(z);
        }

        var districts = city.Districts().ToList();
        Districts = districts;
        DistrictOf = [.. zones.Select(z => z.District is { } d ? districts.IndexOf(d) : -1)];
    }

    /// <summary>The districts, in order of first appearance among the zones (empty when the city has none).</summary>
    public IReadOnlyList<string> Districts { get; }

    /// <summary>Each zone's district index, or -1.</summary>
    public int[] DistrictOf { get; }

    /// <summary>The zones that share a stretch of boundary with <paramref name="zone"/>, ascending.</summary>
    public int[] Neighbours(int zone) => _neighbours[zone];

    /// <summary>A uniformly random point of a zone, its uniforms drawn from <paramref name="rng"/> (two for a rectangle, three for a shape).</summary>
    public (double X, double Y) PointIn(int zone, Xoshiro256 rng)
    {
        if (_shapes is { } s)
        {
            return s.SamplePoint(zone, rng);
        }

        ref readonly Rectangle r = ref _rectangles[zone];
        return (r.X + (r.Width * rng.NextDouble()), r.Y + (r.Height * rng.NextDouble()));
    }

    /// <summary>A zone's rectangle: south-west corner and size, km.</summary>
    private readonly record struct Rectangle(double X, double Y, double Width, double Height);

    /// <summary>Where a call of the zone happens: one of the zone's observed points, drawn uniformly, or else <see cref="PointIn"/>.</summary>
    public (double X, double Y) CallPointIn(int zone, Xoshiro256 rng)
    {
        if (_callPoints is { } all && all[zone] is { Length: > 0 } points)
        {
            var p = points[rng.NextInt(points.Length)];
            return (p.XKm, p.YKm);
        }

        return PointIn(zone, rng);
    }

    /// <summary>Rectangles that share an edge of positive length with zone <paramref name="z"/> (corners do not count).</summary>
    private int[] RectangleNeighbours(int z)
    {
        const double Eps = 1e-9;
        var a = _rectangles[z];
        var list = new List<int>();
        for (int o = 0; o < _rectangles.Length; o++)
        {
            var b = _rectangles[o];
            if (o == z)
            {
                continue;
            }

            double overlapX = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
            double overlapY = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
            bool sideBySide = Math.Abs(overlapX) <= Eps && overlapY > Eps;
            bool aboveBelow = Math.Abs(overlapY) <= Eps && overlapX > Eps;
            if (sideBySide || aboveBelow)
            {
                list.Add(o);
            }
        }

        return [.. list];
    }
}
