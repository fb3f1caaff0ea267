using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using PatrolSim.Engine.Random;
using PatrolSim.Geography;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;
using PatrolSim.Scenarios;
using PatrolSim.Testing;

namespace PatrolSim.Benchmarks;

/// <summary>The bundled polygon city and the same box laid out as a 4 × 4 grid of rectangular beats, for the geography benchmarks.</summary>
internal static class GeographyCities
{
    /// <summary>Riverside: 16 irregular beats with a hole and an island (scenarios/geo/riverside-beats.geojson).</summary>
    public static ZoneSet Riverside() => ZoneFile.Read(RepoPaths.Scenario(Path.Combine("geo", "riverside-beats.geojson")));

    /// <summary>The box of <paramref name="city"/> as a 4 × 4 grid of rectangles (metres in, km frame out).</summary>
    public static ZoneSet GridOver(ZoneSet city)
    {
        var factory = new GeometryFactory();
        double w = city.WidthKm * 1000 / 4, h = city.HeightKm * 1000 / 4;
        var zones = new List<ZoneShape>();
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                var box = factory.ToGeometry(new Envelope(c * w, (c + 1) * w, r * h, (r + 1) * h));
                zones.Add(new ZoneShape($"{r}{c}", box, 1, null));
            }
        }

        return ZoneSet.Create(zones);
    }
}

/// <summary>
/// A uniform point in a beat: the rectangle draw the model makes today (x + w·u, y + h·u) against the area-exact
/// draw of <see cref="ZoneSet.SamplePoint"/> (a triangle by alias table, a point in it) on the grid and on Riverside.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class ZoneSamplingBenchmarks
{
    private const int Draws = 1000;
    private ZoneSet _riverside = null!;
    private ZoneSet _grid = null!;
    private Xoshiro256 _rng = null!;

    /// <summary>Reads and prepares the cities.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _riverside = GeographyCities.Riverside();
        _grid = GeographyCities.GridOver(_riverside);
        _rng = new Xoshiro256(1);
    }

    /// <summary>A point in a rectangle from two uniforms.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Draws)]
    public double Rectangle()
    {
        double sum = 0;
        for (int i = 0; i < Draws; i++)
        {
            var b = _grid.Bounds(i & 15);
            sum += b.MinX + (b.Width * _rng.NextDouble()) + b.MinY + (b.Height * _rng.NextDouble());
        }

        return sum;
    }

    /// <summary><see cref="ZoneSet.SamplePoint"/> on the grid of rectangles (two triangles a beat).</summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double GridZoneSet() => Sample(_grid);

    /// <summary><see cref="ZoneSet.SamplePoint"/> on Riverside's irregular beats.</summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double Riverside() => Sample(_riverside);

    private double Sample(ZoneSet zones)
    {
        double sum = 0;
        for (int i = 0; i < Draws; i++)
        {
            var (x, y) = zones.SamplePoint(i & 15, _rng);
            sum += x + y;
        }

        return sum;
    }
}

/// <summary>
/// Which beat holds a point (e.g. a CAD location): grid arithmetic (⌊x/w⌋, ⌊y/h⌋) against
/// <see cref="ZoneSet.Locate"/> on the grid and on Riverside, for points spread over the city's box.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class ZoneLocateBenchmarks
{
    private const int Points = 1000;
    private ZoneSet _riverside = null!;
    private ZoneSet _grid = null!;
    private double[] _x = null!;
    private double[] _y = null!;

    /// <summary>Reads and prepares the cities and draws the points.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _riverside = GeographyCities.Riverside();
        _grid = GeographyCities.GridOver(_riverside);
        var rng = new Xoshiro256(2);
        _x = [.. Enumerable.Range(0, Points).Select(_ => rng.NextDouble() * _riverside.WidthKm)];
        _y = [.. Enumerable.Range(0, Points).Select(_ => rng.NextDouble() * _riverside.HeightKm)];
    }

    /// <summary>The grid cell by arithmetic.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Points)]
    public int GridArithmetic()
    {
        int sum = 0;
        double w = _riverside.WidthKm / 4, h = _riverside.HeightKm / 4;
        for (int i = 0; i < Points; i++)
        {
            sum += (Math.Min((int)(_y[i] / h), 3) * 4) + Math.Min((int)(_x[i] / w), 3);
        }

        return sum;
    }

    /// <summary><see cref="ZoneSet.Locate"/> on the grid of rectangles.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int GridZoneSet() => Locate(_grid);

    /// <summary><see cref="ZoneSet.Locate"/> on Riverside.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int Riverside() => Locate(_riverside);

    private int Locate(ZoneSet zones)
    {
        int sum = 0;
        for (int i = 0; i < Points; i++)
        {
            sum += zones.Locate(_x[i], _y[i]);
        }

        return sum;
    }
}

/// <summary>
/// The whole model on the bundled polygon city (scenarios/riverside.yaml: 16 irregular beats, curve travel) against the
/// same city laid out as a 4 × 4 grid of rectangular beats over the same box, once with the same curve travel (what the
/// polygons cost) and once with Manhattan travel at the same speeds (what real beats and the curve cost together),
/// 90 days, one replication. Read the ratios: polygons at 80% of the grid's speed or better is a ratio of at most 1.25.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class RiversideCityBenchmarks
{
    private PatrolSimulation _grid = null!;
    private PatrolSimulation _gridManhattan = null!;
    private PatrolSimulation _polygons = null!;

    /// <summary>Loads Riverside and lays the grid over its box.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var riverside = ScenarioLoader.Load(RepoPaths.Scenario("riverside.yaml"), ["horizon.days=90"]);
        var grid = riverside with { City = GridCity(riverside.City) };
        _polygons = new PatrolSimulation(riverside);
        _grid = new PatrolSimulation(grid);
        _gridManhattan = new PatrolSimulation(grid with
        {
            Travel = new Travel(TravelModel.Manhattan, riverside.Travel.Detour, riverside.Travel.TurnoutMinutes, riverside.Travel.SpeedKmh, riverside.Travel.NoiseCv),
        });
    }

    /// <summary>The grid city with the curve travel.</summary>
    [Benchmark(Baseline = true)]
    public long GridCurve() => _grid.Run(1, 0).CallsGenerated;

    /// <summary>The grid city with Manhattan travel.</summary>
    [Benchmark]
    public long GridManhattan() => _gridManhattan.Run(1, 0).CallsGenerated;

    /// <summary>Riverside's real beats with the curve travel.</summary>
    [Benchmark]
    public long PolygonsCurve() => _polygons.Run(1, 0).CallsGenerated;

    /// <summary>A 4 × 4 grid of equal-weight rectangles over the city's box.</summary>
    public static City GridCity(City city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var zones = new List<Zone>();
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                zones.Add(new Zone($"{(r * 4) + c + 1}", c * city.WidthKm / 4, r * city.HeightKm / 4, city.WidthKm / 4, city.HeightKm / 4, 1));
            }
        }

        return new City(city.WidthKm, city.HeightKm, zones);
    }
}
