using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Experiments;

/// <summary>
/// The results of one zone (beat) or district over the replications: each <see cref="ZoneMetricCatalog"/> metric's mean
/// and 95% confidence interval (Student t across replications, like the city-wide metrics).
/// </summary>
/// <param name="Id">The zone's id or the district's name.</param>
/// <param name="District">A zone's district (null for a district row or a zone without one).</param>
/// <param name="Zones">The zones a district pools (a zone's row lists itself).</param>
/// <param name="Metrics">Indexed like <see cref="ZoneMetricCatalog.All"/>.</param>
public sealed record ZoneSummary(string Id, string? District, IReadOnlyList<string> Zones, IReadOnlyList<ConfidenceInterval> Metrics)
{
    /// <summary>
    /// What a zone's or district's <c>responseTime.p90</c> is, for tables and files (the catalogue's quantiles say theirs
    /// through <see cref="PooledQuantiles.StatisticOf"/>; areas have no pooled quantile).
    /// </summary>
    public const string P90Statistic = "mean over replications of each replication's 90th percentile of the area's calls";

    /// <summary>The CI of a zone metric by name; null when there is no such metric.</summary>
    public ConfidenceInterval? Get(string metric) => ZoneMetricCatalog.Find(metric) is { } m ? Metrics[m.Index] : null;

    /// <summary>The zone rows (in the city's zone order) and the district rows (in order of first appearance).</summary>
    public static (IReadOnlyList<ZoneSummary> Zones, IReadOnlyList<ZoneSummary> Districts) From(City city, IReadOnlyList<ReplicationResult> results)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0 || results.Any(r => r.ByZone is null))
        {
            return ([], []);
        }

        var zones = city.Zones.Select((z, i) =>
            new ZoneSummary(z.Id, z.District, [z.Id], RunSummary.Summarise(results.Select(r => r.ByZone![i]).ToArray(), ZoneMetricCatalog.Count))).ToList();
        var districts = city.Districts().Select((d, i) =>
            new ZoneSummary(d, null, [.. city.Zones.Where(z => z.District == d).Select(z => z.Id)],
                RunSummary.Summarise(results.Select(r => r.ByDistrict![i]).ToArray(), ZoneMetricCatalog.Count))).ToList();
        return (zones, districts);
    }
}
