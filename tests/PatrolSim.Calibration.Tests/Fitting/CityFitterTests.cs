using System.Globalization;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Scenarios;

namespace PatrolSim.Calibration.Tests.Fitting;

/// <summary>The city of a calibrated scenario from the data's coordinates, a zones file or a given area; every call without a usable location counted and named.</summary>
public sealed class CityFitterTests : IDisposable
{
    private static readonly DateTime Monday = new(2025, 1, 6);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patrolsim-city-" + Guid.NewGuid().ToString("N"));

    public CityFitterTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CadCall Call(int line, double? x, double? y, bool self = false) =>
        new(line, Monday.AddMinutes(line), 2) { X = x, Y = y, SelfInitiated = self, Dispatched = TimeSpan.FromMinutes(2), Arrived = TimeSpan.FromMinutes(9) };

    [Fact]
    public void Degrees_AreProjected_TheCityIsTheirExtentInKm_TheirBeatsWeightedByTheirCalls()
    {
        // An 11 x 11 grid of calls, 0.1 degree each way, around Alexandria, VA.
        var calls = Enumerable.Range(0, 121).Select(i => Call(i + 2, -77.13 + (0.01 * (i % 11)), 38.77 + (0.01 * (i / 11)))).ToArray();

        var city = CityFitter.Fit(calls, FitOptions.Default with { CallPointsFile = "c.callpoints.csv" });

        // WGS 84, independent of the projection: 0.1 degree of longitude at 38.77 N (the widest parallel of the grid) is
        // 0.1 * pi/180 * a cos(phi) / sqrt(1 - e^2 sin^2 phi) = 8.6906 km; the meridian arc 38.77..38.87 N is 11.1012 km.
        // The size is rounded up to 0.01 km.
        Assert.InRange(city.WidthKm, 8.6906, 8.6906 + 0.0101);
        Assert.InRange(city.HeightKm, 11.1012, 11.1012 + 0.0101);
        Assert.StartsWith("the extent of 121 citizen calls' locations (longitude/latitude, projected); their convex hull covers 96.", city.Note, StringComparison.Ordinal);
        Assert.Equal(["121 of 121 citizen calls located (longitude/latitude)"], city.CoordinateNotes);
        // About 20 beats, as square as the 8.7 x 11.1 km rectangle allows: round(sqrt(20 x 8.69 / 11.10)) = 4 columns, 5 rows.
        Assert.Equal((5, 4), (city.BeatRows, city.BeatCols));
        Assert.Equal(121, city.CallPoints.Count);
        Assert.All(city.CallPoints, p => Assert.True(p.XKm >= 0 && p.XKm <= city.WidthKm && p.YKm >= 0 && p.YKm <= city.HeightKm));
        Assert.Equal(city.BeatWeights, Enumerable.Range(1, 20).Select(b => (double)city.CallPoints.Count(p => p.Zone == b.ToString(CultureInfo.InvariantCulture))));
        // The south-west call is on the west edge; the parallels curve up away from the central meridian, by about 1 m here.
        Assert.Equal((0, "1"), (city.CallPoints[0].XKm, city.CallPoints[0].Zone));
        Assert.InRange(city.CallPoints[0].YKm, 0, 0.002);
    }

    [Fact]
    public void BadCoordinates_AreCountedByReason_WithTheirLines_NeverSilentlyLost()
    {
        var good = Enumerable.Range(0, 40).Select(i => Call(i + 2, -77.10 + (0.002 * (i % 8)), 38.80 + (0.003 * (i / 8))));
        CadCall[] calls =
        [
            .. good,
            Call(42, null, null),         // no coordinates
            Call(43, 0, 0),               // (0, 0)
            Call(44, 500, 38.8),          // not a longitude
            Call(45, -76.0, 38.8),        // 95 km east of the rest: a geocoding error
            Call(46, -60.0, 10.0, self: true), // self-initiated: not a citizen call, never counted
        ];

        var city = CityFitter.Fit(calls, FitOptions.Default with { CallPointsFile = "c.callpoints.csv" });

        Assert.Equal(
            [
                "41 of 44 citizen calls located (longitude/latitude)",
                "1 citizen call left out: no coordinates (missing, or unparseable: see the read summary) (line 42)",
                "1 citizen call left out: at (0, 0), a missing location (line 43)",
                "1 citizen call left out: coordinates outside longitude -180..180 / latitude -90..90 (line 44)",
                "1 citizen call left out: more than 3 interquartile ranges beyond the quartiles of the others (a geocoding error?) (line 45)",
            ],
            city.CoordinateNotes);
        Assert.Equal(40, city.CallPoints.Count);
        Assert.Equal(40, city.BeatWeights!.Sum());
    }

    [Fact]
    public void Metres_AreTakenAsTheyAre_AndTheScenarioLoadsWithItsCallPoints()
    {
        var calls = Enumerable.Range(0, 30).Select(i => Call(i + 2, 1000 + (250.0 * (i % 6)), 2000 + (400.0 * (i / 6)))).ToArray();
        var result = ScenarioFitter.Fit(calls, FitOptions.Default with { CallPointsFile = "c.callpoints.csv" });

        Assert.Equal(1.25, result.City.WidthKm); // 5 x 250 m
        Assert.Equal(1.6, result.City.HeightKm);  // 4 x 400 m
        Assert.Equal("30 of 30 citizen calls located (coordinates taken as metres)", result.City.CoordinateNotes[0]);
        var path = Path.Combine(_dir, "c.yaml");
        var scenario = ScenarioLoader.Parse(result.ToYaml(), path, files: result.Files(path));
        Assert.Equal(30, scenario.City.CallPoints!.Sum(z => z.Count));
        Assert.Equal(result.City.BeatWeights, scenario.City.Zones.Select(z => z.Weight));
        Assert.Contains(new PatrolSim.Model.Definition.CallPoint(0.25, 0.4), scenario.City.CallPoints!.SelectMany(z => z));
    }

    [Fact]
    public void NoCoordinates_AGivenArea_IsASquare_ElseTheDefaultIsSaidToBeOne()
    {
        var calls = Enumerable.Range(0, 30).Select(i => Call(i + 2, null, null)).ToArray();

        var square = CityFitter.Fit(calls, FitOptions.Default with { AreaKm2 = 39.6 });
        Assert.Equal((6.29, 6.29), (square.WidthKm, square.HeightKm)); // sqrt(39.6) = 6.293
        Assert.Equal("a square of the given area, 39.6 km2 (calibrate --area-km2)", square.Note);
        Assert.Empty(square.CallPoints);

        var fallback = CityFitter.Fit(calls, FitOptions.Default);
        Assert.Equal((12.0, 10.0), (fallback.WidthKm, fallback.HeightKm));
        Assert.Equal("not in the data (no coordinates) and no --area-km2 or --zones: a default size, set by hand", fallback.Note);
    }

    /// <summary>Two lon/lat zones side by side: A from -77.10 to -77.05, B from -77.05 to -77.00, latitude 38.80 to 38.85.</summary>
    private string Zones()
    {
        static string Square(string id, double west) => string.Create(CultureInfo.InvariantCulture,
            $"{{ \"type\": \"Feature\", \"properties\": {{ \"id\": \"{id}\", \"weight\": 1 }}, \"geometry\": {{ \"type\": \"Polygon\", \"coordinates\": [[[{west}, 38.80], [{west + 0.05}, 38.80], [{west + 0.05}, 38.85], [{west}, 38.85], [{west}, 38.80]]] }} }}");
        var path = Path.Combine(_dir, "beats.geojson");
        File.WriteAllText(path, $"{{ \"type\": \"FeatureCollection\", \"features\": [{Square("A", -77.10)}, {Square("B", -77.05)}] }}");
        return path;
    }

    [Fact]
    public void Zones_AreWeightedByTheCallsLocatedInThem_CallsOutsideEveryZoneCounted()
    {
        var zones = Zones();
        CadCall[] calls =
        [
            .. Enumerable.Range(0, 4).Select(i => Call(i + 2, -77.09 + (0.01 * i), 38.82)),  // in A
            .. Enumerable.Range(0, 8).Select(i => Call(i + 6, -77.04 + (0.005 * i), 38.81)), // in B
            Call(14, -76.90, 38.82),                                                            // east of B
        ];

        var result = ScenarioFitter.Fit(calls, FitOptions.Default with { ZonesFile = zones, ZonesFileName = "beats.geojson", CallPointsFile = "c.callpoints.csv" });

        var city = result.City;
        Assert.Equal("beats.geojson", city.ZonesFile);
        Assert.Equal([("A", 4.0), ("B", 8.0)], city.ZoneWeights);
        Assert.Equal("citizen calls located in each zone (12 calls)", city.WeightsNote);
        Assert.Equal(
            ["13 of 13 citizen calls located (longitude/latitude)", "1 citizen call left out: outside every zone of beats.geojson (line 14)"],
            city.CoordinateNotes);
        var path = Path.Combine(_dir, "c.yaml");
        var scenario = ScenarioLoader.Parse(result.ToYaml(), path, files: result.Files(path));
        Assert.Equal([4.0, 8.0], scenario.City.Zones.Select(z => z.Weight));
        Assert.Equal([4, 8], scenario.City.CallPoints!.Select(z => z.Count));
        Assert.NotNull(scenario.City.Shapes);
    }

    [Fact]
    public void Zones_WithoutCoordinates_AreWeightedByTheBeatColumn_ElseKeepTheirOwnWeights()
    {
        var zones = Zones();
        var calls = Enumerable.Range(0, 10).Select(i => Call(i + 2, null, null) with { Beat = i < 3 ? "A" : i < 9 ? "B" : "Z" }).ToArray();

        var byBeat = CityFitter.Fit(calls, FitOptions.Default with { ZonesFile = zones });
        Assert.Equal([("A", 3.0), ("B", 6.0)], byBeat.ZoneWeights);
        Assert.Equal("citizen calls by the data's beat column (9 calls; 1 without a beat naming a zone left out)", byBeat.WeightsNote);

        var own = CityFitter.Fit([.. calls.Select(c => c with { Beat = null })], FitOptions.Default with { ZonesFile = zones });
        Assert.Null(own.ZoneWeights);
        Assert.Equal("the zones file's own weights (the data locate no calls in its zones)", own.WeightsNote);
    }

    [Fact]
    public void Zones_InAnotherFrameThanTheCoordinates_AreRefused()
    {
        var path = Path.Combine(_dir, "projected.geojson");
        File.WriteAllText(path, """{ "type": "FeatureCollection", "features": [{ "type": "Feature", "properties": { "id": "A" }, "geometry": { "type": "Polygon", "coordinates": [[[500000, 4300000], [501000, 4300000], [501000, 4301000], [500000, 4301000], [500000, 4300000]]] } }] }""");
        var calls = Enumerable.Range(0, 12).Select(i => Call(i + 2, -77.09, 38.82)).ToArray();

        var e = Assert.Throws<ArgumentException>(() => CityFitter.Fit(calls, FitOptions.Default with { ZonesFile = path, ZonesFileName = "projected.geojson" }));
        Assert.Equal("the data's coordinates are longitude/latitude but the zones file projected.geojson is projected: they cannot be put in one frame; give a lon/lat zones file (or leave the coordinates out with --map x=,y=)", e.Message);
    }
}
