using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using PatrolSim.Engine.Random;

namespace PatrolSim.Geography;

/// <summary>
/// A city's zones prepared once for the event loop: each zone's shape in the city's km frame (x east, y north, from
/// the south-west corner of all zones), area, centroid, bounding box, demand weight, district and neighbours;
/// area-exact uniform points inside a zone; and which zone holds a given point. Sampling, neighbours and the
/// per-zone values read arrays only (no allocation, no polygon search). Immutable, so one set serves every
/// replication and thread.
/// </summary>
/// <remarks>
/// Build it with <see cref="ZoneFile"/> (a GeoJSON file, validated and projected) or <see cref="Create(IReadOnlyList{ZoneShape})"/>
/// (shapes already in metres and already valid, e.g. a grid of rectangles).
/// </remarks>
public sealed class ZoneSet
{
    /// <summary>Zone boundaries closer than this (km) count as one line when finding neighbours: 5 m absorbs digitising slop.</summary>
    internal const double NeighbourSnapKm = 0.005;

    /// <summary>
    /// Zones are neighbours when their boundaries run within <see cref="NeighbourSnapKm"/> of each other along at least
    /// this much (km): 25 m. Zones meeting only at a corner measure about 10 m (5 m along each edge from the corner)
    /// and are not neighbours.
    /// </summary>
    internal const double MinSharedBoundaryKm = 0.025;

    private readonly string[] _ids;
    private readonly Dictionary<string, int> _indexOf;
    private readonly double[] _weights;
    private readonly double[] _areas;
    private readonly (double X, double Y)[] _centroids;
    private readonly BoxKm[] _bounds;
    private readonly int[] _districtOf;
    private readonly string[] _districts;
    private readonly Geometry[] _shapes;
    private readonly int[] _neighbourStart;
    private readonly int[] _neighbours;
    private readonly ZoneSampler _sampler;
    private readonly ZoneLocator _locator;

    private ZoneSet(IReadOnlyList<ZoneShape> zones, LocalTransverseMercator? projection)
    {
        ArgumentNullException.ThrowIfNull(zones);
        if (zones.Count == 0)
        {
            throw new ArgumentException("A city needs at least one zone.", nameof(zones));
        }

        Projection = projection;
        var all = new Envelope();
        foreach (var z in zones)
        {
            all.ExpandToInclude(z.Area.EnvelopeInternal);
        }

        OriginMetres = (all.MinX, all.MinY);
        WidthKm = all.Width / 1000.0;
        HeightKm = all.Height / 1000.0;
        var toKm = AffineTransformation.TranslationInstance(-all.MinX, -all.MinY).Scale(0.001, 0.001);

        int n = zones.Count;
        _ids = new string[n];
        _indexOf = new Dictionary<string, int>(n, StringComparer.Ordinal);
        _weights = new double[n];
        _areas = new double[n];
        _centroids = new (double, double)[n];
        _bounds = new BoxKm[n];
        _districtOf = new int[n];
        _shapes = new Geometry[n];
        var districts = new List<string>();
        for (int i = 0; i < n; i++)
        {
            var z = zones[i];
            if (z.Area is not (Polygon or MultiPolygon) || z.Area.IsEmpty)
            {
                throw new ArgumentException($"Zone '{z.Id}' is a {z.Area.GeometryType}{(z.Area.IsEmpty ? " (empty)" : "")}; a zone is a non-empty Polygon or MultiPolygon.", nameof(zones));
            }

            if (!(z.Weight >= 0) || double.IsPositiveInfinity(z.Weight))
            {
                throw new ArgumentException($"Zone '{z.Id}' has weight {z.Weight}; a weight is finite and ≥ 0.", nameof(zones));
            }

            if (!_indexOf.TryAdd(z.Id, i))
            {
                throw new ArgumentException($"Zone id '{z.Id}' is repeated.", nameof(zones));
            }

            _ids[i] = z.Id;
            _weights[i] = z.Weight;
            _shapes[i] = toKm.Transform(z.Area);
            _areas[i] = _shapes[i].Area;
            var c = _shapes[i].Centroid;
            _centroids[i] = (c.X, c.Y);
            var e = _shapes[i].EnvelopeInternal;
            _bounds[i] = new BoxKm(e.MinX, e.MinY, e.MaxX, e.MaxY);
            if (z.District is null)
            {
                _districtOf[i] = -1;
            }
            else
            {
                int d = districts.IndexOf(z.District);
                if (d < 0)
                {
                    d = districts.Count;
                    districts.Add(z.District);
                }

                _districtOf[i] = d;
            }
        }

        _districts = [.. districts];
        (_neighbourStart, _neighbours) = FindNeighbours(_shapes);
        _sampler = new ZoneSampler(_shapes);
        _locator = new ZoneLocator(_shapes, WidthKm, HeightKm);
    }

    /// <summary>
    /// Prepares zones given in a projected plane (metres): shapes must be valid, non-empty polygons or multipolygons
    /// that do not overlap, ids unique. Input from a file goes through <see cref="ZoneFile"/>, which checks all that
    /// and reports every problem; this overload only guards against programming errors.
    /// </summary>
    public static ZoneSet Create(IReadOnlyList<ZoneShape> zones) => new(zones, null);

    /// <summary>Prepares zones projected from lon/lat with <paramref name="projection"/>.</summary>
    internal static ZoneSet Create(IReadOnlyList<ZoneShape> zones, LocalTransverseMercator? projection) => new(zones, projection);

    /// <summary>Number of zones.</summary>
    public int Count => _ids.Length;

    /// <summary>Zone ids, in file order (a zone's index is its position here).</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Width of the box around all zones (km): x runs from 0 to this.</summary>
    public double WidthKm { get; }

    /// <summary>Height of the box around all zones (km): y runs from 0 to this.</summary>
    public double HeightKm { get; }

    /// <summary>
    /// The projection that took the file's lon/lat to metres, or null when the file was already projected (or the
    /// set was made by <see cref="Create(IReadOnlyList{ZoneShape})"/>).
    /// </summary>
    public LocalTransverseMercator? Projection { get; }

    /// <summary>The km frame's origin (the south-west corner of all zones) in the projected plane (metres).</summary>
    public (double X, double Y) OriginMetres { get; }

    /// <summary>District names, in order of first appearance; empty when the zones name none.</summary>
    public IReadOnlyList<string> Districts => _districts;

    /// <summary>The index of the zone with this id, or -1.</summary>
    public int IndexOf(string id) => _indexOf.GetValueOrDefault(id, -1);

    /// <summary>Demand weight of a zone (≥ 0).</summary>
    public double Weight(int zone) => _weights[zone];

    /// <summary>Area of a zone (km², holes excluded).</summary>
    public double AreaKm2(int zone) => _areas[zone];

    /// <summary>Centroid of a zone (km frame; area-weighted over its parts; may lie outside a concave zone).</summary>
    public (double X, double Y) Centroid(int zone) => _centroids[zone];

    /// <summary>Bounding box of a zone (km frame).</summary>
    public BoxKm Bounds(int zone) => _bounds[zone];

    /// <summary>Index of a zone's district in <see cref="Districts"/>, or -1 when the zones name no districts.</summary>
    public int DistrictOf(int zone) => _districtOf[zone];

    /// <summary>
    /// The zones sharing a boundary of positive length with this one (their boundaries run within 5 m of each other
    /// along at least 25 m), in ascending index order; zones meeting only at a corner are not neighbours.
    /// </summary>
    public ReadOnlySpan<int> Neighbours(int zone) =>
        _neighbours.AsSpan(_neighbourStart[zone], _neighbourStart[zone + 1] - _neighbourStart[zone]);

    /// <summary>A copy of a zone's shape in the km frame (a Polygon or MultiPolygon), for drawing.</summary>
    public Geometry Shape(int zone) => _shapes[zone].Copy();

    /// <summary>A uniform point of the zone (area-exact, holes respected), drawing three uniforms from <paramref name="rng"/>.</summary>
    public (double X, double Y) SamplePoint(int zone, Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double u0 = rng.NextDouble();
        double u1 = rng.NextDouble();
        double u2 = rng.NextDouble();
        return _sampler.Point(zone, u0, u1, u2);
    }

    /// <summary>
    /// The point of the zone that three uniforms in [0, 1) give (<paramref name="u0"/> picks a triangle of the
    /// zone's triangulation by area, <paramref name="u1"/> and <paramref name="u2"/> place the point in it); with
    /// independent uniforms the point is uniform over the zone. For callers that draw from a stream of their own.
    /// </summary>
    public (double X, double Y) PointFromUniforms(int zone, double u0, double u1, double u2) => _sampler.Point(zone, u0, u1, u2);

    /// <summary>
    /// The zone holding the point (km frame), or -1 when it lies in none; a point on a boundary shared by two zones
    /// goes to one of them, always the same. For given points (CAD locations), not the event loop.
    /// </summary>
    public int Locate(double xKm, double yKm) => _locator.Locate(xKm, yKm);

    /// <summary>A longitude and latitude (degrees) in the km frame; only for zones read from lon/lat (<see cref="Projection"/> not null).</summary>
    public (double X, double Y) ToKm(double longitude, double latitude)
    {
        if (Projection is null)
        {
            throw new InvalidOperationException("These zones were given in projected coordinates: a longitude and latitude cannot be placed among them.");
        }

        var (x, y) = Projection.ToMetres(longitude, latitude);
        return ((x - OriginMetres.X) / 1000.0, (y - OriginMetres.Y) / 1000.0);
    }

    internal ZoneSampler Sampler => _sampler;

    internal ZoneLocator Locator => _locator;

    private static (int[] Start, int[] Neighbours) FindNeighbours(Geometry[] shapes)
    {
        int n = shapes.Length;
        var tree = new STRtree<int>();
        for (int i = 0; i < n; i++)
        {
            tree.Insert(shapes[i].EnvelopeInternal, i);
        }

        var near = new Geometry?[n];
        var lists = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            lists[i] = [];
        }

        for (int i = 0; i < n; i++)
        {
            var search = shapes[i].EnvelopeInternal.Copy();
            search.ExpandBy(NeighbourSnapKm);
            foreach (int j in tree.Query(search))
            {
                if (j <= i)
                {
                    continue;
                }

                near[i] ??= shapes[i].Boundary.Buffer(NeighbourSnapKm);
                double shared = near[i]!.Intersection(shapes[j].Boundary).Length;
                if (shared >= MinSharedBoundaryKm)
                {
                    lists[i].Add(j);
                    lists[j].Add(i);
                }
            }
        }

        var start = new int[n + 1];
        var all = new List<int>();
        for (int i = 0; i < n; i++)
        {
            start[i] = all.Count;
            lists[i].Sort();
            all.AddRange(lists[i]);
        }

        start[n] = all.Count;
        return (start, [.. all]);
    }
}
