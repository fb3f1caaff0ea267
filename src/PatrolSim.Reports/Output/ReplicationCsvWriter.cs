using System.Globalization;
using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// The replication CSV of <c>run --csv</c>. Wide (default): one row per replication, <c>replication, seed</c>, every overall
/// metric, then each by-priority metric for each priority, named as everywhere else (<see cref="MetricSelector.Name"/>:
/// <c>responseTime.mean</c>, <c>responseTime.mean@1</c>), then the council figures that apply (<c>officerHoursPerYear</c>,
/// <c>fteNeeded</c>, <c>annualCost</c> …). Long: one row per replication and metric, <c>replication, seed, metric, unit,
/// value</c>. Empty cells are "not applicable".
/// </summary>
public static class ReplicationCsvWriter
{
    /// <summary>Every metric overall, then every by-priority metric for each priority, then the council figures: the column order.</summary>
    private static MetricSelector[] Metrics(RunSummary run)
    {
        var priorities = run.Replications.SelectMany(r => r.ByPriority.Keys).Distinct().Order();
        return
        [
            .. MetricCatalog.All.Select(m => new MetricSelector(m, null)),
            .. priorities.SelectMany(p => MetricCatalog.All.Where(m => m.ByPriority).Select(m => new MetricSelector(m, p))),
            .. run.Council.Select(c => c.Measure),
        ];
    }

    /// <summary>The cells of one replication's row: replication, seed, then each metric's value.</summary>
    private static string[] Row(RunSummary run, ReplicationResult r, IReadOnlyList<MetricSelector> metrics) =>
    [
        r.Replication.ToString(CultureInfo.InvariantCulture),
        r.Seed.ToString(CultureInfo.InvariantCulture),
        .. metrics.Select(m => Numbers.RoundTrip(m.ValueIn(run.Scenario, r))),
    ];

    /// <summary>Writes the header and one row per replication.</summary>
    public static void Write(TextWriter writer, RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var metrics = Metrics(run);
        using var csv = Csv.CreateWriter(writer);
        csv.WriteRecord(["replication", "seed", .. metrics.Select(m => m.Name)]);
        foreach (var r in run.Replications)
        {
            csv.WriteRecord(Row(run, r, metrics));
        }

        csv.Flush();
    }

    /// <summary>Writes the long (tidy) form: header <c>replication, seed, metric, unit, value</c>, then per replication one row per metric in the wide column order.</summary>
    public static void WriteLong(TextWriter writer, RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var metrics = Metrics(run);
        using var csv = Csv.CreateWriter(writer);
        csv.WriteRecord(["replication", "seed", "metric", "unit", "value"]);
        foreach (var r in run.Replications)
        {
            var cells = Row(run, r, metrics);
            for (int m = 0; m < metrics.Length; m++)
            {
                csv.WriteRecord([cells[0], cells[1], metrics[m].Name, metrics[m].Metric.Unit, cells[2 + m]]);
            }
        }

        csv.Flush();
    }
}
