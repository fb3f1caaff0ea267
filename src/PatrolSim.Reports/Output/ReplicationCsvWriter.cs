using System.Globalization;
using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// The replication CSV of <c>run --csv</c>. Wide (default): one row per replication, <c>replication, seed</c>, every overall
/// metric, then each by-priority metric for each priority, named as everywhere else (<see cref="MetricSelector.Name"/>:
/// <c>responseTime.mean</c>, <c>responseTime.mean@1</c>). Long: one row per replication and metric,
/// <c>replication, seed, metric, unit, value</c>. Empty cells are "not applicable".
/// </summary>
public static class ReplicationCsvWriter
{
    /// <summary>The header columns for the given priorities.</summary>
    public static IReadOnlyList<string> Columns(IEnumerable<int> priorities)
    {
        var cols = new List<string> { "replication", "seed" };
        cols.AddRange(Metrics(priorities).Select(m => m.Name));
        return cols;
    }

    /// <summary>Every metric overall, then every by-priority metric for each priority: the column order.</summary>
    private static IEnumerable<MetricSelector> Metrics(IEnumerable<int> priorities) =>
        MetricCatalog.All.Select(m => new MetricSelector(m, null))
            .Concat(priorities.SelectMany(p => MetricCatalog.All.Where(m => m.ByPriority).Select(m => new MetricSelector(m, p))));

    /// <summary>The cells of one replication's row, matching <see cref="Columns"/>.</summary>
    public static IReadOnlyList<string> Row(ReplicationResult r, IEnumerable<int> priorities)
    {
        ArgumentNullException.ThrowIfNull(r);
        var cells = new List<string>
        {
            r.Replication.ToString(CultureInfo.InvariantCulture),
            r.Seed.ToString(CultureInfo.InvariantCulture),
        };
        cells.AddRange(r.Overall.Select(Numbers.RoundTrip));
        foreach (int p in priorities)
        {
            var values = r.ByPriority.TryGetValue(p, out var v) ? v : null;
            cells.AddRange(MetricCatalog.All.Where(m => m.ByPriority).Select(m => values is null ? "" : Numbers.RoundTrip(values[m.Index])));
        }

        return cells;
    }

    /// <summary>Writes the header and one row per replication.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<ReplicationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var priorities = results.SelectMany(r => r.ByPriority.Keys).Distinct().Order().ToArray();
        using var csv = Csv.CreateWriter(writer);
        csv.WriteRecord([.. Columns(priorities)]);
        foreach (var r in results)
        {
            csv.WriteRecord([.. Row(r, priorities)]);
        }

        csv.Flush();
    }

    /// <summary>Writes the long (tidy) form: header <c>replication, seed, metric, unit, value</c>, then per replication one row per metric in the wide column order.</summary>
    public static void WriteLong(TextWriter writer, IReadOnlyList<ReplicationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var priorities = results.SelectMany(r => r.ByPriority.Keys).Distinct().Order().ToArray();
        var metrics = Metrics(priorities).ToArray();
        using var csv = Csv.CreateWriter(writer);
        csv.WriteRecord(["replication", "seed", "metric", "unit", "value"]);
        foreach (var r in results)
        {
            var cells = Row(r, priorities);
            for (int m = 0; m < metrics.Length; m++)
            {
                csv.WriteRecord([cells[0], cells[1], metrics[m].Name, metrics[m].Metric.Unit, cells[2 + m]]);
            }
        }

        csv.Flush();
    }
}
