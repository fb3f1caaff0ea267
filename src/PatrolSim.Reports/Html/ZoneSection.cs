using System.Globalization;
using PatrolSim.Experiments;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Reports.Charts;

namespace PatrolSim.Reports.Html;

/// <summary>
/// The run report's results by zone: a map of the zones shaded by mean response and one by officer-minutes alone at
/// risky calls, then the table of zones and districts with 95% intervals. Only for a city of two or more zones.
/// </summary>
public static class ZoneSection
{
    private static IReadOnlyList<int> Columns => ZoneMetricCatalog.TableColumns;

    /// <summary>The section, or null when the city has fewer than two zones or the run recorded none.</summary>
    public static ReportSection? Build(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.ByZone.Count < 2)
        {
            return null;
        }

        var outlines = ZoneOutline.Of(summary.Scenario.City);
        return new ReportSection("Results by zone",
        [
            new ParagraphBlock("Calls count in the zone where they happen; utilisation in the home zone of the unit. Districts pool their zones. "
                + "responseTime.p90 is the " + ZoneSummary.P90Statistic + "; (n=K) marks a value resting on the K replications where the area had a call (or the metric applies)."),
            new ChartBlock(new ReportChart("run-zones-response.svg", Map(summary, outlines, ZoneMetricCatalog.ResponseMean, "Mean response by zone", "Mean response (min)", "0.0"))),
            new ChartBlock(new ReportChart("run-zones-alone.svg", Map(summary, outlines, ZoneMetricCatalog.SoloMinutesPerDay, "Officer-minutes alone at risky calls by zone", "Alone (min/day)", "0"))),
            new TableBlock(Table(summary)),
        ]);
    }

    /// <summary>The map of one zone metric's means.</summary>
    public static Chart Map(RunSummary summary, IReadOnlyList<ZoneOutline> outlines, int metric, string title, string legend, string format)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(outlines);
        var areas = outlines.Select((o, i) => new MapArea(o.Id, o.Polygons, o.Label, summary.ByZone[i].Metrics[metric].Mean)).ToList();
        var def = ZoneMetricCatalog.All[metric];
        int reps = summary.Replications.Count;
        return new Chart(title, [new ZoneMapSeries(legend, areas) { ValueFormat = format }])
        {
            Subtitle = string.Create(CultureInfo.InvariantCulture, $"{def.Description}; mean of {reps} replication{(reps == 1 ? "" : "s")}"),
            X = new Axis("East", "km"),
            Y = new Axis("North", "km"),
            Height = 720,
            Id = "run-zones-" + def.Name.Replace('.', '-'),
        };
    }

    private static ReportTable Table(RunSummary summary)
    {
        var header = new List<string> { "Zone", "District" };
        header.AddRange(Columns.Select(m => $"{ZoneMetricCatalog.All[m].Name} ({ZoneMetricCatalog.All[m].Unit})"));
        int reps = summary.Replications.Count;
        var rows = summary.ByZone.Select(z => Row(z.Id, z.District ?? "", z, reps))
            .Concat(summary.ByDistrict.Select(d => Row("", "district " + d.Id, d, reps))).ToList();
        return new ReportTable(header, rows)
        {
            Caption = "By zone, then by district: mean [95% CI]",
            NumericColumns = Enumerable.Range(2, Columns.Count).ToHashSet(),
        };
    }

    private static IReadOnlyList<string> Row(string zone, string district, ZoneSummary row, int replications) =>
        [zone, district, .. Columns.Select(m => RunReport.WithCi(RunReport.NeverNegative(row.Metrics[m]), Output.Format.DecimalsFor(ZoneMetricCatalog.All[m].Unit))
            + RunReport.FewerNote(row.Metrics[m].N, replications))];
}
