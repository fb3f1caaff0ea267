using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// The zone CSV of <c>run --zone-csv</c>: one row per zone (beat) then one per district, <c>level, id, district</c> and,
/// for each <see cref="ZoneMetricCatalog"/> metric, its mean and 95% interval (<c>responseTime.mean</c>,
/// <c>responseTime.mean.ci95Low</c>, <c>responseTime.mean.ci95High</c>, ...). Empty cells are "not applicable".
/// </summary>
public static class ZoneCsvWriter
{
    /// <summary>The header columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["level", "id", "district", .. ZoneMetricCatalog.All.SelectMany(m => new[] { m.Name, m.Name + ".ci95Low", m.Name + ".ci95High" })];

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
                csv.WriteRecord([level, row.Id, row.District ?? "", .. row.Metrics.SelectMany(ci => new[] { Numbers.RoundTrip(ci.Mean), Numbers.RoundTrip(ci.Low), Numbers.RoundTrip(ci.High) })]);
            }
        }

        csv.Flush();
    }
}
