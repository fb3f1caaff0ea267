using PatrolSim.Geography.Travel;
using PatrolSim.Model.Definition;

namespace PatrolSim.Scenarios.Tests;

/// <summary>The geography keys (issue 22): a city of zones from a GeoJSON file, and the curve and matrix travel models; every error word for word.</summary>
public sealed class ScenarioBinderGeographyKeysTests : IDisposable
{
    private const string Demand = "demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } }, { name: b, share: 1, priority: 3, onScene: { dist: exponential, mean: 30 } } ] }\nstaffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }\n";

    /// <summary>Two 2 × 1 km squares side by side, in metres (projected), districts North and South.</summary>
    private const string Zones = """
        { "type": "FeatureCollection", "features": [
          { "type": "Feature", "properties": { "BEAT": "A1", "CALLS": 3, "SECTOR": "North" },
            "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [2000, 0], [2000, 1000], [0, 1000], [0, 0]]] } },
          { "type": "Feature", "properties": { "BEAT": "B2", "CALLS": 1, "SECTOR": "South" },
            "geometry": { "type": "Polygon", "coordinates": [[[2000, 0], [4000, 0], [4000, 1000], [2000, 1000], [2000, 0]]] } } ] }
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patrolsim-geo-keys-" + Path.GetRandomFileName());

    public ScenarioBinderGeographyKeysTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "beats.geojson"), Zones);
        File.WriteAllText(Path.Combine(_dir, "plain.geojson"), Zones.Replace("BEAT", "id", StringComparison.Ordinal).Replace("CALLS", "weight", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_dir, "times.csv"), "from,to,minutes\nA1,B2,6\nB2,A1,7\n");
        File.WriteAllText(Path.Combine(_dir, "points.csv"), "xKm,yKm,zone\n0.5,0.5,\n1.5,0.25,A1\n3.5,0.5,\n");
        File.WriteAllText(Path.Combine(_dir, "badpoints.csv"), "xKm,yKm,zone\n9,9,\nx,0.5,\n1,1,Z\n");
        File.WriteAllText(Path.Combine(_dir, "bad.geojson"), """{ "type": "FeatureCollection", "features": [ { "type": "Feature", "properties": { "id": "P" }, "geometry": { "type": "Point", "coordinates": [1, 2] } } ] }""");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Scenario Parse(string yaml) => ScenarioLoader.Load(Write(yaml));

    private string[] Errors(string yaml) => [.. Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Write(yaml))).Errors.Select(e => e.ToString().Replace(_dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))];

    private string Write(string yaml)
    {
        string path = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(path, "name: t\nhorizon: { days: 14 }\n" + yaml);
        return path;
    }

    [Fact]
    public void ZonesFile_WithItsPropertyNames_GivesTheZonesShapesAndSize()
    {
        var s = Parse("city:\n  zones: { file: beats.geojson, idProperty: BEAT, weightProperty: CALLS, districtProperty: SECTOR }\n" + Demand);
        Assert.Equal(4.0, s.City.WidthKm, 9);
        Assert.Equal(1.0, s.City.HeightKm, 9);
        Assert.Equal(["A1", "B2"], s.City.Zones.Select(z => z.Id));
        Assert.Equal([3.0, 1.0], s.City.Zones.Select(z => z.Weight));
        Assert.Equal(["North", "South"], s.City.Zones.Select(z => z.District));
        Assert.Equal(new Zone("B2", 2, 0, 2, 1, 1) { District = "South" }, s.City.Zones[1]);
        Assert.NotNull(s.City.Shapes);
        Assert.Equal([1], s.City.Shapes!.Neighbours(0).ToArray());
    }

    [Fact]
    public void ZonesFile_Weights_OverrideTheFilesByZoneId_UnknownIdsAndBadWeightsNamed()
    {
        var s = Parse("city:\n  zones: { file: beats.geojson, idProperty: BEAT, weightProperty: CALLS, weights: { B2: 7.5 } }\n" + Demand);
        Assert.Equal([3.0, 7.5], s.City.Zones.Select(z => z.Weight)); // A1 keeps the file's 3

        Assert.Equal(
            [
                "s.yaml:4:85: city.zones.weights.Z9: 'Z9' is not a zone of the zones file (A1, B2); use the file's zone ids",
                "s.yaml:4:96: city.zones.weights.B2: is -1; it must be at least 0; a demand weight, a number ≥ 0",
            ],
            Errors("city:\n  zones: { file: beats.geojson, idProperty: BEAT, weightProperty: CALLS, weights: { Z9: 1, B2: -1 } }\n" + Demand));
        Assert.Equal(
            ["s.yaml:4:3: city: every zone has weight 0; at least one zone must have demand"],
            Errors("city:\n  zones: { file: beats.geojson, idProperty: BEAT, weightProperty: CALLS, weights: { A1: 0, B2: 0 } }\n" + Demand));
    }

    [Theory]
    [InlineData("city:\n  zones: missing.geojson\n",
        "s.yaml:4:10: city.zones.file: 'missing.geojson' does not exist; names are relative to the scenario file's folder")]
    [InlineData("city:\n  widthKm: 4\n  zones: plain.geojson\n",
        "s.yaml:4:12: city.widthKm: cannot be given with a zones file, which gives the city's size and zones; remove it")]
    [InlineData("city:\n  zones: bad.geojson\n",
        "s.yaml:4:10: city.zones.file: the zones file bad.geojson has a problem (listed after this)",
        "bad.geojson: features[0] (id 'P'): geometry: is a Point, not a Polygon or MultiPolygon; a zone is an area: draw its boundary as a Polygon")]
    [InlineData("city: { beats: { rows: 1, cols: 2 } }\n",
        "s.yaml:3:7: city.widthKm: is missing; give the city's size in km, or its zones as a GeoJSON file (zones: beats.geojson)",
        "s.yaml:3:7: city.heightKm: is missing; give the city's size in km, or its zones as a GeoJSON file (zones: beats.geojson)")]
    public void ZonesFile_Error_IsReportedVerbatim(string city, params string[] expected) =>
        Assert.Equal(expected, Errors(city + Demand));

    [Fact]
    public void CallPoints_AreGroupedByTheirZone_GivenOrLocated()
    {
        var s = Parse("city:\n  zones: plain.geojson\n  callPoints: points.csv\n" + Demand);
        Assert.Equal([new CallPoint(0.5, 0.5), new CallPoint(1.5, 0.25)], s.City.CallPoints![0]);
        Assert.Equal([new CallPoint(3.5, 0.5)], s.City.CallPoints[1]);
        Assert.Equal(
            [
                "s.yaml:5:15: city.callPoints: the call locations file badpoints.csv has 3 problems (listed after this)",
                "badpoints.csv:2: the point (9, 9) km lies in no zone; give its zone, or leave the row out",
                "badpoints.csv:3: xKm: is 'x'; give a number",
                "badpoints.csv:4: zone: 'Z' is not a zone of the city; use the zones' ids",
            ],
            Errors("city:\n  zones: plain.geojson\n  callPoints: badpoints.csv\n" + Demand));
    }

    [Fact]
    public void CurveAndMatrix_Bind_ByPriorityOrForAll()
    {
        var s = Parse("city: { zones: { file: beats.geojson, idProperty: BEAT, weightProperty: CALLS } }\n" + Demand + """
            travel:
              model: curve
              detour: 1.25
              turnoutMinutes: { 1: 0.4, 3: 1.2 }
              accelerationMps2: 1.5
              speedKmh: { 1: 60, 3: 40 }
              hourFactors: [1, 1, 1, 1, 1, 1, 1, 1.3, 1.3, 1, 1, 1, 1, 1, 1, 1, 1.3, 1.3, 1, 1, 1, 1, 1, 1]
              delayMinutes: { 3: { dist: constant, value: 4 } }
            """);
        var t = s.Travel;
        Assert.Equal(TravelModel.Curve, t.Model);
        Assert.Equal(DistanceMetric.Euclidean, t.Metric);
        Assert.Equal(new Dictionary<int, double> { [1] = 0.4, [3] = 1.2 }, t.TurnoutByPriority);
        Assert.Equal(new Dictionary<int, double> { [1] = 1.5 }, t.AccelerationMps2);
        Assert.Equal(1.3, t.HourFactors![7]);
        Assert.Equal(new ConstantDistribution(4), t.DelayByPriority![3]);

        var m = Parse("city: { zones: { file: beats.geojson, idProperty: BEAT, weightProperty: CALLS } }\n" + Demand + "travel: { model: matrix, matrix: times.csv, speedKmh: { 1: 30 } }\n");
        Assert.Equal(6.0, m.Travel.Matrix!.Minutes(0, 1, 12));
        Assert.Equal(7.0, m.Travel.Matrix.Minutes(1, 0, 3));
        Assert.Null(t.AtSceneShare);
    }

    [Fact]
    public void AtSceneShare_BindsForEveryPriorityOrByPriority_NoneWhenZero()
    {
        const string City = "city: { zones: { file: beats.geojson, idProperty: BEAT, weightProperty: CALLS } }\n";
        var byPriority = Parse(City + Demand + "travel: { model: curve, accelerationMps2: 1, speedKmh: { 1: 50 }, atSceneShare: { 2: 0.12, 4: 0.2 } }\n");
        Assert.Equal(new Dictionary<int, double> { [2] = 0.12, [4] = 0.2 }, byPriority.Travel.AtSceneShare);
        var all = Parse(City + Demand + "travel: { model: manhattan, speedKmh: { 1: 50 }, atSceneShare: 0.05 }\n");
        Assert.Equal(Enumerable.Range(1, 9).ToDictionary(p => p, _ => 0.05), all.Travel.AtSceneShare);
        Assert.Null(Parse(City + Demand + "travel: { model: manhattan, speedKmh: { 1: 50 }, atSceneShare: 0 }\n").Travel.AtSceneShare);
        var errors = Errors(City + Demand + "travel: { model: manhattan, speedKmh: { 1: 50 }, atSceneShare: { 2: 1.5 } }\n");
        Assert.Single(errors);
        Assert.EndsWith("travel.atSceneShare.2: is 1.5; it must be between 0 and 1; a share from 0 to 1", errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("travel: { model: curve, speedKmh: { 1: 50 } }",
        "s.yaml:6:9: travel.accelerationMps2: is missing; the curve needs the effective acceleration in m/s² (a number, or by priority), e.g. accelerationMps2: 1.5")]
    [InlineData("travel: { model: manhattan, accelerationMps2: 2, speedKmh: { 1: 50 } }",
        "s.yaml:6:47: travel.accelerationMps2: applies to the curve (and a matrix's trips inside a zone); set model: curve, or remove it")]
    [InlineData("travel: { model: manhattan, distance: euclidean, speedKmh: { 1: 50 } }",
        "s.yaml:6:39: travel.distance: applies to the curve and the matrix (manhattan is L1 distance by definition); set model: curve, or remove it")]
    [InlineData("travel: { model: matrix, speedKmh: { 1: 50 } }",
        "s.yaml:6:9: travel.matrix: is missing; the matrix model needs a CSV of zone × zone travel times, e.g. matrix: travel-times.csv")]
    [InlineData("travel: { model: curve, accelerationMps2: 1, speedKmh: { 1: 50 }, hourFactors: [1, 2] }",
        "s.yaml:6:80: travel.hourFactors: has 2 values; it needs 24: factors on trip times by hour of day, from midnight")]
    public void Travel_Error_IsReportedVerbatim(string travel, params string[] expected) =>
        Assert.Equal(expected, Errors("city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 } }\n" + Demand + travel + "\n"));
}
