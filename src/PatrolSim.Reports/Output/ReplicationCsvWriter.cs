using System.Globalization;
using PatrolSim.Model.Metrics;
using PatrolSim.Output;

namespace PatrolSim.Reports.Output;

/// <summary>
/// Tidy CSV with one row per replication: <c>replication, seed</c>, every overall metric, then
/// <c>P{p}.{metric}</c> for each priority and each by-priority metric. Empty cells are "not applicable".
/// </summary>
public static class ReplicationCsvWriter
{
    /// <summary>The header columns for the given priorities.</summary>
    public static IReadOnlyList<string> Columns(IEnumerable<int> priorities)
    {
        var cols = new List<string> { "replication", "seed" };
        cols.AddRange(MetricCatalog.All.Select(m => m.Name));
        foreach (int p in priorities)
        {
            cols.AddRange(MetricCatalog.All.Where(m => m.ByPriority).Select(m => string.Create(CultureInfo.InvariantCulture, $"P{p}.{m.Name}")));
        }

        return cols;
    }

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
}
