using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// The zone CSV of <c>run --zone-csv</c>: one row per zone (beat) then one per district, <c>level, id, district</c> and,
/// for each <see cref="ZoneMetricCatalog"/> metric, its mean and 95% interval (<c>responseTime.mean</c>,
/// <c>responseTime.mean.ci95Low</c>, <c>responseTime.mean.ci95High</c>, ...), then each metric's <c>&lt;name&gt;.n</c>: the
/// replications its value rests on (fewer than were run where the zone had no call, for instance). Empty cells are "not
/// applicable". <c>responseTime.p90</c> is <see cref="ZoneSummary.P90Statistic"/>.
/// </summary>
public static class ZoneCsvWriter
{
    /// <summary>The header columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["level", "id", "district", .. ZoneMetricCatalog.All.SelectMany(m => new[] { m.Name, m.Name + ".ci95Low", m.Name + ".ci95High" }),
            .. ZoneMetricCatalog.All.Select(m => m.Name + ".n")];

    /// <summary>Writes the header, the zones and the districts of a run.</summary>
    public static void Write(TextWriter writer, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var csv = Csv.CreateWriter(writer);
        csv.WriteRecord([.. Columns]);
        foreach (var (level, rows) in new[] { ("zone", summary.ByZone), ("district", summary.ByDistrict) })
        {
            foreach (var row in rows)
            {
                csv.WriteRecord([level, row.Id, row.District ?? "", .. row.Metrics.SelectMany(ci => new[] { Numbers.RoundTrip(ci.Mean), Numbers.RoundTrip(ci.Low), Numbers.RoundTrip(ci.High) }),
                    .. row.Metrics.Select(ci => Numbers.RoundTrip(ci.N))]);
            }
        }

        csv.Flush();
    }
}
