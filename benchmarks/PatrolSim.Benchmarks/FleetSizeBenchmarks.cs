using BenchmarkDotNet.Attributes;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;
using PatrolSim.Scenarios;
using PatrolSim.Testing;

namespace PatrolSim.Benchmarks;

/// <summary>
/// CPU per call against the size of the fleet (issue 28, item 4): the mid-size city scaled k-fold (officers and
/// calls × k, each side × √k, k times as many beats of the same size, closest-unit dispatch, Manhattan travel, so units drive back to
/// their beats and are available on the way). k = 1 is the mid-size city (about 28 officers on duty on average),
/// k = 64 about 1,800 and k = 177 about 5,000. Every operation simulates about 250,000 calls (the horizon is
/// 250,000 ÷ (288 k) days, no warm-up), so the ratio column is the ratio of CPU per call; the target is at most
/// 1.3 at k = 64 and k = 177.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class FleetSizeBenchmarks
{
    private PatrolSimulation _k1 = null!;
    private PatrolSimulation _k64 = null!;
    private PatrolSimulation _k177 = null!;

    /// <summary>Builds the three cities.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _k1 = new PatrolSimulation(Scaled(1, 250_000));
        _k64 = new PatrolSimulation(Scaled(64, 250_000));
        _k177 = new PatrolSimulation(Scaled(177, 250_000));
    }

    /// <summary>The mid-size city (k = 1): about 28 officers on duty.</summary>
    [Benchmark(Baseline = true)]
    public long MidSize() => _k1.Run(1, 0).CallsGenerated;

    /// <summary>k = 64: about 1,800 officers on duty.</summary>
    [Benchmark]
    public long Units1800() => _k64.Run(1, 0).CallsGenerated;

    /// <summary>k = 177: about 5,000 officers on duty.</summary>
    [Benchmark]
    public long Units5000() => _k177.Run(1, 0).CallsGenerated;

    /// <summary>The mid-size city scaled <paramref name="k"/>-fold, over a horizon of about <paramref name="calls"/> calls.</summary>
    public static Scenario Scaled(int k, int calls)
    {
        double side = Math.Sqrt(k);
        var s = ScenarioLoader.Load(RepoPaths.Scenario("midsize-baseline.yaml"),
        [
            "horizon.warmupDays=0",
            FormattableString.Invariant($"horizon.days={calls / (288.0 * k)}"),
            FormattableString.Invariant($"demand.callsPerDay={288 * k}"),
            FormattableString.Invariant($"city.widthKm={14 * side}"),
            FormattableString.Invariant($"city.heightKm={9 * side}"),
        ]);

        // More beats of the mid-size city's size, as a bigger department has: √k times the rows and columns, rounded.
        var city = TiledBeats(s.City, 14 * side, 9 * side, (int)Math.Round(3 * side), (int)Math.Round(5 * side));

        // staffing.scale stops at 100 in a scenario file; a scenario built in code may go further.
        return s with { City = city, Staffing = s.Staffing with { Scale = k } };
    }

    /// <summary>A city of <paramref name="widthKm"/> × <paramref name="heightKm"/> in rows × cols equal beats, the weights of the mid-size city's 3 × 5 beats tiled over them.</summary>
    public static City TiledBeats(City midsize, double widthKm, double heightKm, int rows, int cols)
    {
        var zones = new List<Zone>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                var template = midsize.Zones[((r % 3) * 5) + (c % 5)];
                zones.Add(new Zone($"{(r * cols) + c + 1}", c * widthKm / cols, r * heightKm / rows, widthKm / cols, heightKm / rows, template.Weight));
            }
        }

        return new City(widthKm, heightKm, zones);
    }
}
