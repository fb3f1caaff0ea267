using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Precision;
using NetTopologySuite.Triangulate;
using PatrolSim.Engine.Random;

namespace PatrolSim.Geography.Tests.Bundled;

/// <summary>
/// Draws Riverside, the fictional city of <c>scenarios/geo/riverside-beats.geojson</c> (no outside data): an irregular
/// outline of about 42 km² cut by a river, with police beats as Voronoi cells of jittered sites on each bank, a lake
/// left out of its beat (a hole), an island in the river that belongs to a north-bank beat (a MultiPolygon), three
/// districts (North; the south bank split into Southwest and Southeast) and demand weights that fall off from
/// downtown by the bridge. Deterministic: a fixed seed, NTS's Voronoi builder, coordinates rounded to 1e-7° (1 cm).
/// <c>RiversideBeatsTests</c> checks that the committed file is what this draws
/// (<c>PATROLSIM_UPDATE_GEO=1</c> rewrites it).
/// </summary>
internal static class RiversideBeats
{
    /// <summary>Where the city is put on the globe: open country, chosen for looks; no real city is drawn.</summary>
    public const double CentreLongitude = -86.4217, CentreLatitude = 40.3561;

    private const double RiverHalfWidth = 150;   // m
    private const double BeatSpacing = 1400;     // m between jittered sites

    private static readonly GeometryFactory Factory = new();

    /// <summary>The GeoJSON text of the city.</summary>
    public static string Generate()
    {
        var projection = new LocalTransverseMercator(CentreLongitude, CentreLatitude);
        var outline = Outline();
        var river = River(outline.EnvelopeInternal);
        var land = outline.Difference(river);
        var banks = Enumerable.Range(0, land.NumGeometries).Select(land.GetGeometryN).OrderByDescending(g => g.Area).Take(2).ToList();
        var north = banks.MaxBy(b => b.Centroid.Y)!;
        var south = banks.MinBy(b => b.Centroid.Y)!;
        var rng = new Xoshiro256(2025_0522);

        var beats = new List<(Geometry Area, string District)>();
        foreach (var (bank, name) in new[] { (north, "North"), (south, "South") })
        {
            foreach (var cell in Cells(bank, rng))
            {
                string district = name == "North" ? "North" : cell.Centroid.X < 0 ? "Southwest" : "Southeast";
                beats.Add((cell, district));
            }
        }

        // The lake: a wobbly disc in the middle of the north bank's beat nearest (-1.6 km, 1.9 km), left out of it.
        int lakeBeat = beats.Select((b, i) => (b, i)).Where(x => x.b.District == "North").MinBy(x => x.b.Area.Distance(Point(-1600, 1900))).i;
        var lakeHost = beats[lakeBeat].Area;
        var lakeCentre = lakeHost.InteriorPoint.Coordinate;
        double lakeRadius = Math.Min(380, 0.45 * lakeHost.Boundary.Distance(Point(lakeCentre.X, lakeCentre.Y)));
        var lake = Wobbly(lakeCentre.X, lakeCentre.Y, lakeRadius, lakeRadius * 0.75, 28, 0.08);
        beats[lakeBeat] = (lakeHost.Difference(lake), beats[lakeBeat].District);

        // The island: an ellipse in the river south of downtown, part of the north-bank beat nearest to it.
        double islandX = 900, islandY = RiverY(islandX);
        var island = Wobbly(islandX, islandY, 420, 0.55 * RiverHalfWidth, 24, 0.04);
        int islandBeat = beats.Select((b, i) => (b, i)).Where(x => x.b.District == "North").MinBy(x => x.b.Area.Distance(island)).i;
        beats[islandBeat] = (Factory.CreateMultiPolygon([.. Polygons(beats[islandBeat].Area), (Polygon)island]), beats[islandBeat].District);

        // Ids: district number then 1, 2, ... from west to east (north to south on ties); weights from downtown.
        string[] districts = ["North", "Southwest", "Southeast"];
        var ordered = beats
            .OrderBy(b => Array.IndexOf(districts, b.District))
            .ThenBy(b => Math.Round(b.Area.Centroid.X / 100))
            .ThenByDescending(b => b.Area.Centroid.Y)
            .ToList();
        var features = new List<string>();
        var counter = new int[districts.Length];
        foreach (var (area, district) in ordered)
        {
            int d = Array.IndexOf(districts, district);
            string id = string.Create(CultureInfo.InvariantCulture, $"{d + 1}{++counter[d]}");
            var c = area.Centroid;
            double fromDowntownKm = Math.Sqrt((c.X * c.X) + ((c.Y - RiverY(0)) * (c.Y - RiverY(0)))) / 1000;
            double weight = Math.Round(area.Area / 1e6 * (0.5 + (2.5 * Math.Exp(-fromDowntownKm * fromDowntownKm / (2 * 1.6 * 1.6)))), 2);
            var lonLat = GeometryPrecisionReducer.Reduce(ToLonLat(area, projection), new PrecisionModel(1e7));
            features.Add(Feature(id, district, weight, lonLat));
        }

        return "{\n  \"type\": \"FeatureCollection\",\n  \"name\": \"riverside-beats\",\n"
            + "  \"description\": \"Riverside, a fictional city of about 40 km2 drawn by tests/PatrolSim.Geography.Tests/Bundled/RiversideBeats.cs: police beats (id), their district and demand weight; lon/lat WGS 84.\",\n"
            + "  \"features\": [\n" + string.Join(",\n", features) + "\n  ]\n}\n";
    }

    /// <summary>The city limits: a wobbly ellipse 7.8 km × 6.8 km (about 42 km²), 64 vertices.</summary>
    private static Geometry Outline() => Wobbly(0, 0, 3900, 3400, 64, 0.07);

    /// <summary>The river's centre line: it meanders west to east, a little south of the middle.</summary>
    private static double RiverY(double x) => (280 * Math.Sin(x / 1400)) + (160 * Math.Cos((x / 800) + 0.4)) - 350;

    private static Geometry River(Envelope around)
    {
        var line = new List<Coordinate>();
        for (double x = around.MinX - 500; x <= around.MaxX + 500; x += 100)
        {
            line.Add(new Coordinate(x, RiverY(x)));
        }

        return Factory.CreateLineString([.. line]).Buffer(RiverHalfWidth);
    }

    /// <summary>Voronoi cells of jittered grid sites that lie well inside the bank, clipped to the bank.</summary>
    private static IEnumerable<Geometry> Cells(Geometry bank, Xoshiro256 rng)
    {
        var inner = bank.Buffer(-250);
        var env = bank.EnvelopeInternal;
        var sites = new List<Coordinate>();
        for (double y = env.MinY + (BeatSpacing / 2); y < env.MaxY; y += BeatSpacing)
        {
            for (double x = env.MinX + (BeatSpacing / 2); x < env.MaxX; x += BeatSpacing)
            {
                var site = new Coordinate(x + rng.Uniform(-0.3, 0.3) * BeatSpacing, y + rng.Uniform(-0.3, 0.3) * BeatSpacing);
                if (inner.Contains(Factory.CreatePoint(site)))
                {
                    sites.Add(site);
                }
            }
        }

        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites);
        var clip = env.Copy();
        clip.ExpandBy(2000);
        builder.ClipEnvelope = clip;
        var diagram = builder.GetDiagram(Factory);
        var cells = Enumerable.Range(0, diagram.NumGeometries).Select(diagram.GetGeometryN)
            .Select(c => c.Intersection(bank))
            .Select(c => c is MultiPolygon m ? Enumerable.Range(0, m.NumGeometries).Select(m.GetGeometryN).MaxBy(p => p.Area)! : c)
            .ToList();
        return cells;
    }

    private static IEnumerable<Polygon> Polygons(Geometry g) => Enumerable.Range(0, g.NumGeometries).Select(i => (Polygon)g.GetGeometryN(i));

    private static Point Point(double x, double y) => Factory.CreatePoint(new Coordinate(x, y));

    /// <summary>A closed ring around (cx, cy) with radii (rx, ry), its radius wobbling by up to ±<paramref name="wobble"/>.</summary>
    private static Polygon Wobbly(double cx, double cy, double rx, double ry, int vertices, double wobble)
    {
        var ring = new Coordinate[vertices + 1];
        for (int k = 0; k < vertices; k++)
        {
            double t = 2 * Math.PI * k / vertices;
            double f = 1 + (wobble * ((0.6 * Math.Sin((3 * t) + 0.5)) + (0.4 * Math.Cos((5 * t) + 1.2))));
            ring[k] = new Coordinate(cx + (rx * f * Math.Cos(t)), cy + (ry * f * Math.Sin(t)));
        }

        ring[vertices] = ring[0].Copy();
        return Factory.CreatePolygon(ring);
    }

    private static Geometry ToLonLat(Geometry metres, LocalTransverseMercator projection)
    {
        var copy = metres.Copy();
        foreach (var c in copy.Coordinates)
        {
            (c.X, c.Y) = projection.ToLonLat(c.X, c.Y);
        }

        copy.GeometryChanged();
        return copy;
    }

    private static string Feature(string id, string district, double weight, Geometry lonLat)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"    {{\"type\": \"Feature\", \"properties\": {{\"id\": \"{id}\", \"district\": \"{district}\", \"weight\": {weight}}},\n");
        var polygons = Polygons(lonLat).ToList();
        string body = string.Join(", ", polygons.Select(PolygonCoordinates));
        sb.Append(polygons.Count == 1
            ? $"     \"geometry\": {{\"type\": \"Polygon\", \"coordinates\": {body}}}}}"
            : $"     \"geometry\": {{\"type\": \"MultiPolygon\", \"coordinates\": [{body}]}}}}");
        return sb.ToString();
    }

    /// <summary>RFC 7946 orientation: the outer ring counter-clockwise, holes clockwise.</summary>
    private static string PolygonCoordinates(Polygon p)
    {
        var rings = new List<string> { Ring(p.ExteriorRing.Coordinates, counterClockwise: true) };
        rings.AddRange(p.InteriorRings.Select(h => Ring(h.Coordinates, counterClockwise: false)));
        return "[" + string.Join(", ", rings) + "]";
    }

    private static string Ring(Coordinate[] ring, bool counterClockwise)
    {
        if (Orientation.IsCCW(ring) != counterClockwise)
        {
            ring = [.. ring.Reverse()];
        }

        return "[" + string.Join(", ", ring.Select(c => string.Create(CultureInfo.InvariantCulture, $"[{c.X:0.0######}, {c.Y:0.0######}]"))) + "]";
    }

    /// <summary>The file parses as JSON (a guard for the hand-built text).</summary>
    public static void CheckIsJson(string text) => JsonDocument.Parse(text).Dispose();
}
