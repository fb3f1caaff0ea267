using System.Text;
using static PatrolSim.Geography.Tests.GeoJsonText;

namespace PatrolSim.Geography.Tests;

public class ZoneFileTests
{
    private const string Fix = "fix it in a GIS (QGIS: Vector › Geometry Tools › Check Validity finds it, Fix Geometries repairs it)";
    private const string Shape = "a zones file is a JSON object with \"type\": \"FeatureCollection\" and a \"features\" array, one Feature per zone";

    // A 0.02° × 0.02° cell around (77.05°W, 38.81°N), as lon/lat.
    private static readonly string LonLatCell = Polygon([(-77.06, 38.80), (-77.04, 38.80), (-77.04, 38.82), (-77.06, 38.82)]);

    [Fact]
    public void BrokenSet_EveryProblemReportedAtOnce_Verbatim()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "broken-zones.geojson");
        var e = Assert.Throws<GeographyException>(() => ZoneFile.Parse(File.ReadAllBytes(path), "broken-zones.geojson"));
        string f = "broken-zones.geojson: ";
        Assert.Equal(
        [
            f + "features[0] (id 'A'): geometry: overlaps features[6] (id 'O') over 0.5 km² (50% of the smaller zone); zones must not overlap: make the two share one boundary line",
            f + "features[1] (id 'P'): geometry: is a Point, not a Polygon or MultiPolygon; a zone is an area: draw its boundary as a Polygon",
            f + "features[2] (id 'E'): geometry.coordinates: is empty; give the zone's boundary as a Polygon of at least one ring",
            f + "features[3] (id 'X'): geometry: is not a valid polygon: Self-intersection at (2500, 500); " + Fix,
            f + "features[4] (id 'A'): properties.id: 'A' is also the id of features[0]; give each zone its own id",
            f + "features[5]: properties.id: is missing; give each zone a unique id (a string or an integer), or name the property that holds its id (this feature has: name, weight)",
            f + "features[7] (id 'W'): properties.weight: is the string \"3\"; a weight is a number ≥ 0 (write 3, without quotes)",
            f + "features[8] (id 'N'): properties.weight: is the number -1; a weight is a number ≥ 0 (the zone's share of calls is its weight over the sum of all weights; 1 when absent)",
            f + "features[9] (id 'U'): geometry.coordinates: cannot be read as a Polygon (points must form a closed linestring); a Polygon is an array of rings, a ring an array of [x, y] positions whose last repeats its first",
            f + "features[10] (id 'L'): geometry: is a LineString, not a Polygon or MultiPolygon; a zone is an area: close its boundary into a ring and give it as a Polygon",
            f + "features[11] (id 'T'): type: is the string \"Featur\", not \"Feature\"; each element of \"features\" is a Feature",
            f + "features[12] (id 'H'): geometry: is not a valid polygon: Hole lies outside shell at (18000, 0); " + Fix,
            f + "features[13]: properties.id: is the number 7.5; an id is a non-empty string or an integer",
            f + "features[13]: geometry: is missing; a zone's geometry is a Polygon or MultiPolygon",
        ], e.Errors.Select(x => x.ToString()));
        Assert.StartsWith("14 problems:", e.Message, StringComparison.Ordinal);

        var overlap = e.Errors[0];
        Assert.Equal((0, "A", "geometry"), (overlap.FeatureIndex, overlap.ZoneId, overlap.Key));
    }

    [Fact]
    public void Read_PathNamesTheFileInEveryError()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "broken-zones.geojson");
        var e = Assert.Throws<GeographyException>(() => ZoneFile.Read(path));
        Assert.All(e.Errors, x => Assert.Equal(path, x.Source));
    }

    [Fact]
    public void Read_MissingFile_SaysSoAndWhatToGive()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "no-such-zones.geojson");
        var error = Assert.Single(Assert.Throws<GeographyException>(() => ZoneFile.Read(path)).Errors);
        Assert.Equal($"{path}: cannot be read (Could not find file '{path}'.); give the path of a GeoJSON file of zones", error.ToString());
    }

    [Theory]
    [InlineData("id,weight\nA,1\n", "test.geojson: is not JSON (line 1, column 1: 'i' is an invalid start of a value); " + Shape)]
    [InlineData("{\"type\": \"FeatureCollection\", \"features\": [ }", "test.geojson: is not JSON (line 1, column 45: '}' is an invalid start of a value); " + Shape)]
    [InlineData("", "test.geojson: is empty; " + Shape)]
    [InlineData(" \n", "test.geojson: is empty; " + Shape)]
    [InlineData("[1, 2]", "test.geojson: is a JSON array, not a GeoJSON FeatureCollection; " + Shape)]
    [InlineData("{\"features\": []}", "test.geojson: has no \"type\": \"FeatureCollection\"; " + Shape)]
    [InlineData("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}", "test.geojson: is a GeoJSON Polygon, not a FeatureCollection; " + Shape)]
    [InlineData("{\"type\": \"Feature\", \"properties\": {}, \"geometry\": null}", "test.geojson: is a GeoJSON Feature, not a FeatureCollection; " + Shape)]
    [InlineData("{\"type\": \"Topology\"}", "test.geojson: has \"type\": \"Topology\", not \"FeatureCollection\"; " + Shape)]
    [InlineData("{\"type\": \"FeatureCollection\"}", "test.geojson: has no \"features\" array; " + Shape)]
    [InlineData("{\"type\": \"FeatureCollection\", \"features\": []}", "test.geojson: has no features; give one Feature per zone")]
    public void Parse_NotAFeatureCollection_NamesWhatWasFound(string text, string expected) =>
        Assert.Equal([expected], Errors(text));

    [Fact]
    public void Parse_FeatureNotAnObjectAndGeometryNotGeoJson_Verbatim() =>
        Assert.Equal(
        [
            "test.geojson: features[0]: is a JSON number, not a Feature; give {\"type\": \"Feature\", \"geometry\": ..., \"properties\": ...}",
            "test.geojson: features[1] (id 'G'): geometry: is the string \"POLYGON((0 0, 1 0, 1 1, 0 0))\", not a GeoJSON geometry; give {\"type\": \"Polygon\", \"coordinates\": [[[x, y], ...]]}",
            "test.geojson: features[2] (id 'C'): geometry: is a GeometryCollection, not a Polygon or MultiPolygon; give the zone's polygons as one MultiPolygon",
            "test.geojson: features[3] (id 'K'): geometry: has \"type\": \"Circle\", not \"Polygon\" or \"MultiPolygon\"",
            "test.geojson: features[4] (id 'S'): geometry.coordinates: cannot be read as a MultiPolygon (Expected token is 'Number' but was 'String' (Value 'x')); a MultiPolygon is an array of polygons, each an array of rings, a ring an array of [x, y] positions whose last repeats its first",
        ],
        Errors(Collection(
            "42",
            Zone("G", "\"POLYGON((0 0, 1 0, 1 1, 0 0))\""),
            Zone("C", "{\"type\": \"GeometryCollection\", \"geometries\": []}"),
            Zone("K", "{\"type\": \"Circle\", \"coordinates\": [0, 0], \"radius\": 5}"),
            Zone("S", "{\"type\": \"MultiPolygon\", \"coordinates\": [[[[\"x\", 0]]]]}"))));

    [Fact]
    public void Parse_DistrictsOnSomeZonesOnly_NamesTheOthers() =>
        Assert.Equal(
            ["test.geojson: features[1] (id 'B'): properties.district: is missing while 2 other zones name theirs; give every zone a district, or none"],
            Errors(Collection(
                Zone("A", BoxPolygon(0, 0, 1, 1), district: "north"),
                Zone("B", BoxPolygon(1, 0, 2, 1)),
                Zone("C", BoxPolygon(2, 0, 3, 1), district: "south"))));

    [Fact]
    public void Parse_DistrictNotALabel_Verbatim() =>
        Assert.Equal(
            ["test.geojson: features[0] (id 'A'): properties.district: is a JSON array; a district is a non-empty string or an integer"],
            Errors(Collection(Feature("{\"id\": \"A\", \"district\": [1]}", BoxPolygon(0, 0, 1, 1)))));

    [Fact]
    public void Parse_EveryWeightZero_IsAnError() =>
        Assert.Equal(
            ["test.geojson: every zone has weight 0; at least one zone must have demand"],
            Errors(Collection(Zone("A", BoxPolygon(0, 0, 1, 1), 0), Zone("B", BoxPolygon(1, 0, 2, 1), 0))));

    [Fact]
    public void Parse_SliverOverlapBelowTolerance_Accepted_AboveIt_Reported()
    {
        // B overlaps A by a 0.5 m strip along 1 km: 500 m², 0.05 % of 1 km², under the default 0.1 %.
        string sliver = Collection(Zone("A", BoxPolygon(0, 0, 1000, 1000, 1)), Zone("B", BoxPolygon(999.5, 0, 2000, 1000, 1)));
        Assert.Equal(2, Read(sliver).Count);
        Assert.Equal(
            ["test.geojson: features[0] (id 'A'): geometry: overlaps features[1] (id 'B') over 0.0005 km² (0.1% of the smaller zone); zones must not overlap: make the two share one boundary line"],
            Errors(sliver, new ZoneFileOptions { OverlapTolerance = 0.0001 }));
    }

    [Fact]
    public void Parse_PropertyNamesConfigurable_IntegerIdsAndDistricts()
    {
        string file = Collection(
            Feature("{\"BEAT\": 101, \"CALLS\": 3.5, \"SECTOR\": 1}", BoxPolygon(0, 0, 1, 1)),
            Feature("{\"BEAT\": \"102\", \"CALLS\": 0, \"SECTOR\": \"North\"}", BoxPolygon(1, 0, 2, 1)));
        var zones = Read(file, new ZoneFileOptions { IdProperty = "BEAT", WeightProperty = "CALLS", DistrictProperty = "SECTOR" });
        Assert.Equal(["101", "102"], zones.Ids);
        Assert.Equal([3.5, 0], new[] { zones.Weight(0), zones.Weight(1) });
        Assert.Equal(["1", "North"], zones.Districts);

        // With the default names, the same file lacks ids; the message lists the properties there are.
        Assert.Equal(
        [
            "test.geojson: features[0]: properties.id: is missing; give each zone a unique id (a string or an integer), or name the property that holds its id (this feature has: BEAT, CALLS, SECTOR)",
            "test.geojson: features[1]: properties.id: is missing; give each zone a unique id (a string or an integer), or name the property that holds its id (this feature has: BEAT, CALLS, SECTOR)",
        ], Errors(file));
    }

    [Fact]
    public void Parse_NoProperties_SaysSo() =>
        Assert.Equal(
            ["test.geojson: features[0]: properties.id: is missing; give each zone a unique id (a string or an integer); this feature has no properties"],
            Errors(Collection(Feature("null", BoxPolygon(0, 0, 1, 1)))));

    [Fact]
    public void LonLat_NoCrsAndPositionsInRange_ProjectedCentredOnTheZones_AreaMatchesTheEllipsoid()
    {
        var zones = Read(Collection(Zone("Z", LonLatCell)));
        Assert.NotNull(zones.Projection);
        Assert.Equal(-77.05, zones.Projection.CentreLongitude, 1e-12);
        Assert.Equal(38.81, zones.Projection.CentreLatitude, 1e-12);

        // Area of the cell on the WGS 84 ellipsoid: ρ N cos φ Δφ Δλ at the mid latitude (error O(Δφ²) ≈ 1e-7).
        const double a = 6378137.0, f = 1 / 298.257223563;
        double e2 = f * (2 - f), phi = 38.81 * Math.PI / 180, w = 1 - (e2 * Math.Sin(phi) * Math.Sin(phi));
        double rho = a * (1 - e2) / Math.Pow(w, 1.5), n = a / Math.Sqrt(w), step = 0.02 * Math.PI / 180;
        double expectedKm2 = rho * n * Math.Cos(phi) * step * step / 1e6;
        Assert.Equal(expectedKm2, zones.AreaKm2(0), expectedKm2 * 1e-5);

        // Lon/lat points go through the same projection into the km frame.
        var (x, y) = zones.ToKm(-77.05, 38.81);
        Assert.Equal(0, zones.Locate(x, y));
        Assert.Equal(-1, zones.Locate(zones.ToKm(-77.07, 38.81).X, zones.ToKm(-77.07, 38.81).Y));
    }

    [Fact]
    public void Projected_NoCrsAndPositionsOutOfLonLatRange_KeptAsMetres()
    {
        var zones = Read(Collection(Zone("Z", BoxPolygon(300, 4300, 302, 4301))));
        Assert.Null(zones.Projection);
        Assert.Equal(2, zones.AreaKm2(0), 1e-9);
        Assert.Equal((300_000.0, 4_300_000.0), zones.OriginMetres);
        Assert.Throws<InvalidOperationException>(() => zones.ToKm(-77, 38));
    }

    [Theory]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84", true)]
    [InlineData("EPSG:4326", true)]
    [InlineData("urn:ogc:def:crs:EPSG::4269", true)]
    [InlineData("EPSG:26918", false)] // UTM 18N (NAD83): projected, even with positions that look like degrees
    public void Crs_NamedInTheFile_DecidesOverTheRanges(string crs, bool lonLat)
    {
        var zones = Read(WithCrs(crs, Zone("Z", Polygon(GeoJsonText.Box(10, 10, 10.01, 10.01)))));
        Assert.Equal(lonLat, zones.Projection is not null);
        if (lonLat)
        {
            Assert.InRange(zones.AreaKm2(0), 1.1, 1.3); // 0.01° × 0.01° at 10°N: about 1.096 km × 1.106 km
        }
        else
        {
            Assert.Equal(1e-10, zones.AreaKm2(0), 1e-15); // 0.01 m × 0.01 m
        }
    }

    [Fact]
    public void Crs_LonLatButPositionsOutOfRange_Verbatim()
    {
        string file = WithCrs("EPSG:4326", Zone("Z", BoxPolygon(300, 4300, 302, 4301)));
        Assert.Equal(
            ["test.geojson: features[0] (id 'Z'): geometry.coordinates: reach from (300000, 4300000) to (302000, 4301000), outside longitude -180..180 and latitude -90..90, but the file is read as lon/lat as its crs 'EPSG:4326' says; give positions as [longitude, latitude], or say the coordinates are projected"],
            Errors(file));
    }

    private static string WithCrs(string name, string feature) =>
        "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"" + name + "\"}}, \"features\": [" + feature + "]}";

    [Fact]
    public void Crs_WithoutAName_Verbatim()
    {
        string file = $$"""{"type": "FeatureCollection", "crs": {"type": "link"}, "features": [{{Zone("Z", LonLatCell)}}]}""";
        Assert.Equal(
            ["test.geojson: crs: has no name; give {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4326\"}} (or the projected CRS's name), or remove it: GeoJSON without crs is lon/lat"],
            Errors(file));
    }

    [Fact]
    public void Options_CoordinatesOverrideTheFile()
    {
        // Positions that look like degrees, declared projected: a 0.02 × 0.02 m square.
        var projected = Read(Collection(Zone("Z", LonLatCell)), new ZoneFileOptions { Coordinates = CoordinateKind.Projected });
        Assert.Null(projected.Projection);
        Assert.Equal(0.02 * 0.02 / 1e6, projected.AreaKm2(0), 1e-15);

        Assert.Equal(
            ["test.geojson: features[0] (id 'Z'): geometry.coordinates: reach from (300000, 4300000) to (302000, 4301000), outside longitude -180..180 and latitude -90..90, but the file is read as lon/lat as the options say; give positions as [longitude, latitude], or say the coordinates are projected"],
            Errors(Collection(Zone("Z", BoxPolygon(300, 4300, 302, 4301))), new ZoneFileOptions { Coordinates = CoordinateKind.LonLat }));
    }

    [Fact]
    public void Options_ProjectedUnitInFeet_ScalesToMetres()
    {
        // A state-plane square of 1000 US survey feet: 304.8006096 m a side.
        var zones = Read(Collection(Zone("Z", BoxPolygon(2_000_000, 500_000, 2_001_000, 501_000, 1))), new ZoneFileOptions { ProjectedUnitMetres = 0.3048006096 });
        Assert.Equal(0.3048006096 * 0.3048006096, zones.AreaKm2(0), 1e-12);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_Tolerated()
    {
        string file = "// zones drawn by hand\n" + Collection(Zone("A", BoxPolygon(0, 0, 1, 1))).Replace("]}", "],}", StringComparison.Ordinal);
        Assert.Equal(1, ZoneFile.Parse(Encoding.UTF8.GetBytes(file), "t").Count);
    }

    [Fact]
    public void Options_OutOfRange_AreProgrammingErrors()
    {
        string file = Collection(Zone("A", BoxPolygon(0, 0, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Read(file, new ZoneFileOptions { ProjectedUnitMetres = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Read(file, new ZoneFileOptions { OverlapTolerance = -0.1 }));
        Assert.Throws<ArgumentException>(() => Read(file, new ZoneFileOptions { IdProperty = " " }));
    }
}
