using System.Globalization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using PatrolSim.Reports.Output;
using Spectre.Console;

namespace PatrolSim.Cli;

/// <summary>Readable console tables (Spectre.Console).</summary>
internal static class ConsoleTables
{
    public static void WriteRun(IAnsiConsole console, RunSummary summary)
    {
        var s = summary.Scenario;
        console.Write(new Markup($"[bold]{Markup.Escape(s.Name)}[/]"));
        console.WriteLine();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Horizon.Days:0.##} days ({s.Horizon.WarmupDays:0.##} warm-up), {summary.Replications.Count} replications, seed {summary.Seed}; mean ± 95% CI half-width"));
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Metric");
        table.AddColumn("Unit");
        table.AddColumn(new TableColumn("All calls").RightAligned());
        foreach (int p in summary.ByPriority.Keys)
        {
            table.AddColumn(new TableColumn(string.Create(CultureInfo.InvariantCulture, $"P{p}")).RightAligned());
        }

        foreach (var m in MetricCatalog.All)
        {
            var cells = new List<string> { m.Name, m.Unit, Cell(summary.Overall[m.Index], m.Unit) };
            foreach (var (_, list) in summary.ByPriority)
            {
                cells.Add(m.ByPriority ? Cell(list[m.Index], m.Unit) : "");
            }

            table.AddRow(cells.Select(c => new Text(c)).ToArray());
        }

        console.Write(table);
    }

    public static string Cell(ConfidenceInterval ci, string unit)
    {
        int d = Format.DecimalsFor(unit);
        if (double.IsNaN(ci.Mean))
        {
            return "–";
        }

        return double.IsNaN(ci.HalfWidth) ? Format.Display(ci.Mean, d) : $"{Format.Display(ci.Mean, d)} ± {Format.Display(ci.HalfWidth, d)}";
    }
}
