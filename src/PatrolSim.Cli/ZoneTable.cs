using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using Spectre.Console;

namespace PatrolSim.Cli;

/// <summary>The console table of <c>run --by-zone</c>: each zone (beat), slowest mean response first, then each district.</summary>
internal static class ZoneTable
{
    private static IReadOnlyList<int> Shown => ZoneMetricCatalog.TableColumns;

    public static void Write(IAnsiConsole console, RunSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Zone");
        table.AddColumn("District");
        foreach (int m in Shown)
        {
            var def = ZoneMetricCatalog.All[m];
            table.AddColumn(new TableColumn($"{def.Name} ({def.Unit})").RightAligned());
        }

        var slowestFirst = summary.ByZone.OrderByDescending(z => double.IsNaN(z.Metrics[ZoneMetricCatalog.ResponseMean].Mean) ? double.MinValue : z.Metrics[ZoneMetricCatalog.ResponseMean].Mean);
        foreach (var (rows, district) in new[] { (slowestFirst, false), (summary.ByDistrict.AsEnumerable(), true) })
        {
            foreach (var row in rows)
            {
                string name = district ? "" : row.Id;
                string label = district ? "district " + row.Id : row.District ?? "";
                table.AddRow([new Text(name), new Text(label), .. Shown.Select(m => new Text(ConsoleTables.Cell(row.Metrics[m], ZoneMetricCatalog.All[m].Unit, summary.Replications.Count)))]);
            }
        }

        console.WriteLine("By zone (slowest mean response first), then by district; mean ± 95% CI half-width");
        console.Write(table);
        console.WriteLine("responseTime.p90: " + ZoneSummary.P90Statistic + ".");
        int reps = summary.Replications.Count;
        if (summary.ByZone.Concat(summary.ByDistrict).Any(row => Shown.Any(m => row.Metrics[m].N is > 0 and var n && n < reps)))
        {
            console.WriteLine("(n=K): the value rests on the K replications where the area had a call (or the metric applies).");
        }
    }
}
