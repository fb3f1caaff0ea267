using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PatrolSim.Geography.Tests.Bundled;

/// <summary>
/// The bundled city <c>scenarios/geo/riverside-beats.geojson</c>: it is what <see cref="RiversideBeats"/> draws
/// (regenerate with <c>PATROLSIM_UPDATE_GEO=1 dotnet test tests/PatrolSim.Geography.Tests --filter RiversideBeats</c>),
/// it reads without a problem, and it has what it is there to show.
/// </summary>
public class RiversideBeatsTests
{
    private static readonly string FilePath = Path.Combine(RepoPaths.Root(), "scenarios", "geo", "riverside-beats.geojson");

    private static bool Update => Environment.GetEnvironmentVariable("PATROLSIM_UPDATE_GEO") == "1";

    [Fact]
    public void CommittedFile_IsWhatTheGeneratorDraws()
    {
        string drawn = RiversideBeats.Generate();
        RiversideBeats.CheckIsJson(drawn);
        if (Update)
        {
            File.WriteAllText(FilePath, drawn, new UTF8Encoding(false));
        }

        Assert.True(File.Exists(FilePath), $"{FilePath} is missing; draw it with PATROLSIM_UPDATE_GEO=1");
        string committed = File.ReadAllText(FilePath);

        // Text equal, numbers equal to the last rounding digit (1e-7°): another libm may round a sine differently.
        var drawnParts = Number.Split(drawn);
        var committedParts = Number.Split(committed);
        Assert.Equal(drawnParts.Where((_, i) => i % 2 == 0), committedParts.Where((_, i) => i % 2 == 0));
        var drawnNumbers = drawnParts.Where((_, i) => i % 2 == 1).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToList();
        var committedNumbers = committedParts.Where((_, i) => i % 2 == 1).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(drawnNumbers.Count, committedNumbers.Count);
        for (int i = 0; i < drawnNumbers.Count; i++)
        {
            Assert.True(Math.Abs(drawnNumbers[i] - committedNumbers[i]) <= 1.5e-7, $"number {i}: drawn {drawnNumbers[i]}, committed {committedNumbers[i]}");
        }
    }

    private static readonly Regex Number = new(@"(-?\d+(?:\.\d+)?)", RegexOptions.CultureInvariant);

    [Fact]
    public void Riverside_ReadsClean_AndHasWhatItIsThereToShow()
    {
        var zones = ZoneFile.Read(FilePath);
        Assert.InRange(zones.Count, 12, 20);
        double area = Enumerable.Range(0, zones.Count).Sum(zones.AreaKm2);
        Assert.InRange(area, 36, 44);
        Assert.Equal(["North", "Southwest", "Southeast"], zones.Districts);
        Assert.NotNull(zones.Projection);
        Assert.Equal(RiversideBeats.CentreLongitude, zones.Projection.CentreLongitude, 0.01);
        Assert.Equal(RiversideBeats.CentreLatitude, zones.Projection.CentreLatitude, 0.01);

        var shapes = Enumerable.Range(0, zones.Count).Select(zones.Shape).ToList();
        Assert.Single(shapes, s => s is NetTopologySuite.Geometries.MultiPolygon);                      // the island
        Assert.Single(shapes, s => s is NetTopologySuite.Geometries.Polygon p && p.NumInteriorRings == 1); // the lake
        Assert.All(Enumerable.Range(0, zones.Count), z => Assert.True(zones.Weight(z) > 0));
        Assert.All(Enumerable.Range(0, zones.Count), z => Assert.NotEmpty(zones.Neighbours(z).ToArray()));
    }

    [Fact]
    public void Riverside_EverySampledPoint_IsLocatedInItsBeat() =>
        ZoneSetTests.AssertSampledPointsLieInTheirZones(ZoneFile.Read(FilePath), seed: 42, perZone: 500);

    [Fact]
    public void Riverside_LocateOnAGrid_AgreesWithNtsCoversOfEachShape()
    {
        // Oracle: each beat's shape tested with NTS's Covers, one by one (no grid, no index).
        var zones = ZoneFile.Read(FilePath);
        var shapes = Enumerable.Range(0, zones.Count).Select(zones.Shape).ToList();
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        int inZones = 0;
        for (double x = 0.01; x < zones.WidthKm; x += 0.073)
        {
            for (double y = 0.01; y < zones.HeightKm; y += 0.071)
            {
                var point = factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(x, y));
                var covering = Enumerable.Range(0, zones.Count).Where(z => shapes[z].Covers(point)).ToList();
                int found = zones.Locate(x, y);
                if (covering.Count == 0)
                {
                    Assert.Equal(-1, found);
                }
                else
                {
                    Assert.Contains(found, covering);
                    inZones++;
                }
            }
        }

        Assert.InRange(inZones, 6000, 8000); // about 39 km² of 53 km² of box, at 0.0052 km² a point
    }
}
