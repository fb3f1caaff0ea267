using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>Results by zone and district: the zones partition the city's calls and officer-time, and a district pools its zones exactly.</summary>
public class ZoneResultsTests
{
    /// <summary>The small city's six beats, the first three in district "north", the other three in "south".</summary>
    private static Scenario TwoDistricts(Func<int, string?> districtOf)
    {
        var s = TestScenarios.SmallCity(days: 10);
        var zones = s.City.Zones.Select((z, i) => z with { District = districtOf(i) }).ToList();
        return s with { City = s.City with { Zones = zones } };
    }

    private static double Global(ReplicationResult r, int metric) => r.Overall[metric];

    private static double Zone(IReadOnlyList<IReadOnlyList<double>> rows, int row, int metric) => rows[row][metric];

    [Fact]
    public void Zones_PartitionTheCityCalls_AndTheirTimeAlone()
    {
        var r = new PatrolSimulation(TwoDistricts(i => i < 3 ? "north" : "south")).Run(3, 0);
        var zones = r.ByZone!;
        Assert.Equal(6, zones.Count);

        foreach (var (zoneMetric, metric) in new[]
        {
            (ZoneMetricCatalog.CallsArrived, MetricCatalog.CallsArrived),
            (ZoneMetricCatalog.CallsServed, MetricCatalog.CallsServed),
            (ZoneMetricCatalog.CallsUnfinished, MetricCatalog.CallsUnfinished),
        })
        {
            Assert.Equal(Global(r, metric), zones.Sum(z => z[zoneMetric]));
        }

        Assert.True(zones.All(z => z[ZoneMetricCatalog.CallsArrived] > 50), "every beat gets calls");

        // No self-initiated work in this city: the time alone at risky calls is all at calls, and the zones share it out.
        double alone = Global(r, MetricCatalog.SoloPerDayLow) + Global(r, MetricCatalog.SoloPerDayMedium) + Global(r, MetricCatalog.SoloPerDayHigh);
        Assert.True(alone > 0);
        Assert.Equal(alone, zones.Sum(z => z[ZoneMetricCatalog.SoloMinutesPerDay]), 9);
    }

    [Fact]
    public void OneDistrictOfEveryZone_GivesTheCityWideFigures()
    {
        var r = new PatrolSimulation(TwoDistricts(_ => "all")).Run(3, 0);
        var city = Assert.Single(r.ByDistrict!);

        Assert.Equal(Global(r, MetricCatalog.ResponseMean), Zone([city], 0, ZoneMetricCatalog.ResponseMean), 9);
        Assert.Equal(Global(r, MetricCatalog.ResponseP90), Zone([city], 0, ZoneMetricCatalog.ResponseP90), 9);
        Assert.Equal(Global(r, MetricCatalog.Utilization), Zone([city], 0, ZoneMetricCatalog.Utilization), 9);
        Assert.Equal(Global(r, MetricCatalog.CallsArrived), Zone([city], 0, ZoneMetricCatalog.CallsArrived));
    }

    [Fact]
    public void ADistrict_PoolsItsZones_SumsAndMergedQuantiles_NotMeansOfMeans()
    {
        var r = new PatrolSimulation(TwoDistricts(i => i < 3 ? "north" : "south")).Run(5, 0);
        var (zones, districts) = (r.ByZone!, r.ByDistrict!);
        Assert.Equal(2, districts.Count);
        for (int d = 0; d < 2; d++)
        {
            var mine = zones.Skip(d * 3).Take(3).ToList();
            double served(IReadOnlyList<double> z) => z[ZoneMetricCatalog.CallsServed];
            Assert.Equal(mine.Sum(served), districts[d][ZoneMetricCatalog.CallsServed]);
            Assert.Equal(mine.Sum(z => z[ZoneMetricCatalog.SoloMinutesPerDay]), districts[d][ZoneMetricCatalog.SoloMinutesPerDay], 9);

            // The district's 90th percentile lies between its zones' smallest and largest.
            double p90 = districts[d][ZoneMetricCatalog.ResponseP90];
            Assert.InRange(p90, mine.Min(z => z[ZoneMetricCatalog.ResponseP90]), mine.Max(z => z[ZoneMetricCatalog.ResponseP90]));
        }
    }

    [Fact]
    public void ACityWithoutDistricts_HasNoDistrictRows()
    {
        var r = new PatrolSimulation(TwoDistricts(_ => null)).Run(1, 0);
        Assert.Equal(6, r.ByZone!.Count);
        Assert.Empty(r.ByDistrict!);
    }
}
