using System.Globalization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Experiments.Council;
using PatrolSim.Model.Metrics;
using PatrolSim.Reports.Charts;
using static PatrolSim.Reports.Html.ReportDocument;

namespace PatrolSim.Reports.Html;

/// <summary>The report of <c>patrolsim compare</c>: key metrics side by side, paired differences, response-versus-exposure trade-off.</summary>
public static class CompareReport
{
    /// <summary>Groups of key metrics drawn together (same unit): title, file stem, y-axis, metric names (@1 = priority 1).</summary>
    internal static readonly (string Title, string Stem, string Unit, bool Percent, string[] Metrics)[] Groups =
    [
        ("Response times", "response", "min", false, ["responseTime.mean@1", "responseTime.p90@1", "responseTime.mean", "queueDelay.mean"]),
        ("Shares", "shares", "", true, ["withinTarget", "probDelayed", "soloCalls", "utilization"]),
        ("Solo exposure", "exposure", "per 1,000 calls", false, ["soloExposureIndex"]),
    ];

    /// <summary>The trade-off axes: x = solo exposure (overall), y = P1 mean response time.</summary>
    public const string TradeOffX = "soloExposureIndex";

    /// <summary>The x axes a trade-off chart can have: solo exposure, annual cost, expected injuries (<see cref="TradeOffAxis.For"/>).</summary>
    public static IReadOnlyList<string> TradeOffXs { get; } = [TradeOffX, CouncilMeasures.Cost, CouncilMeasures.Injuries];

    /// <summary>The y metric of the trade-off chart.</summary>
    public const string TradeOffY = "responseTime.mean@1";

    /// <summary>Builds the report.</summary>
    public static ReportDocument Build(ComparisonResult result, string tool)
    {
        ArgumentNullException.ThrowIfNull(result);
        string sub = string.Create(CultureInfo.InvariantCulture,
            $"{result.Variants.Count} variants · common random numbers · seed {result.Seed} · {result.Replications} replications each · reference: {result.Variants[0].Name} · {tool}");
        var variantsTable = new ReportTable(["Variant", "Scenario", "From"],
            result.Variants.Select(v => (IReadOnlyList<string>)[v.Name, v.Scenario.Name, v.Source]).ToArray());
        var sections = new List<ReportSection>
        {
            new("Variants", [new ParagraphBlock("Every variant runs the same replications on the same random streams, so differences are paired replication by replication."), new TableBlock(variantsTable)]),
            new("Key metrics side by side (mean and 95% CI)", Groups.Select(g => Selectors(result, g.Metrics)).Zip(Groups)
                .Where(x => x.First.Count > 0)
                .Select(x => (ReportBlock)new ChartBlock(new ReportChart($"compare-{x.Second.Stem}.svg", ValuesChart(result, x.Second.Title, x.Second.Unit, x.Second.Percent, x.First, x.Second.Stem)))).ToList()),
            new("Paired differences to " + result.Variants[0].Name, DifferenceBlocks(result)),
            new("Trade-off: P1 response against solo exposure", [new ChartBlock(new ReportChart("compare-tradeoff.svg", TradeOff(result)))]),
            new("All metrics",
            [
                new TableBlock(AllMetricsTable(result)),
                new ParagraphBlock(string.Create(CultureInfo.InvariantCulture,
                    $"p: two-sided paired-t p-value of the difference; p (Holm): adjusted by Holm's step-down method over the {result.Metrics.Count} metrics of this table, each variant separately; significant when p (Holm) < 0.05. responseTime.p50 and p90 are means over replications of each replication's own quantile (the pooled quantiles of all replications' calls are in the --json and --csv files). (n=K): the value or difference rests on the K replications where the metric applies.")),
                .. SafetyNotes(result),
            ]),
        };
        sections.InsertRange(sections.Count - 1, CouncilTradeOffs(result));
        return new ReportDocument("Comparison: " + string.Join(" vs ", result.Variants.Select(v => v.Name)), sub, sections);
    }

    private static List<MetricSelector> Selectors(ComparisonResult result, IEnumerable<string> names) =>
        names.Select(MetricSelector.Parse).Where(m => result.Metrics.Contains(m)).ToList();

    private static string Label(MetricSelector m) => m.Name;

    /// <summary>Grouped bars: one group per metric, one bar per variant, with CI error bars.</summary>
    public static Chart ValuesChart(ComparisonResult result, string title, string unit, bool percent, IReadOnlyList<MetricSelector> metrics, string id)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metrics);
        var series = result.Variants.Select((v, i) => (ChartSeries)new BarSeries(v.Name,
            metrics.Select(m => RunReport.Bar(RunReport.NeverNegative(result.Get(i, m).Value))).ToArray())).ToArray();
        return new Chart(title + " by variant", series)
        {
            Subtitle = "Mean over replications with 95% CI",
            X = new Axis("Metric", null) { Categories = metrics.Select(Label).ToArray() },
            Y = percent ? new Axis(title, null) { Min = 0, Max = 1, Percent = true } : new Axis(title, unit.Length == 0 ? null : unit) { Min = 0 },
            Legend = LegendPlacement.Top,
            Height = 440,
            Id = "cmp-" + id,
        };
    }

    private static List<ReportBlock> DifferenceBlocks(ComparisonResult result)
    {
        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock($"Paired difference (variant − {result.Variants[0].Name}) with its 95% paired-t interval. An interval that does not cross zero is a difference at that level for that metric alone; with many metrics compared, judge by Holm's adjusted p-value in the table of all metrics."),
        };
        foreach (var g in Groups)
        {
            var metrics = Selectors(result, g.Metrics);
            if (metrics.Count > 0)
            {
                blocks.Add(new ChartBlock(new ReportChart($"compare-diff-{g.Stem}.svg", DifferenceChart(result, g.Title, g.Unit, g.Percent, metrics, g.Stem))));
            }
        }

        return blocks;
    }

    /// <summary>Grouped bars of paired differences to the reference around a zero line, one bar per non-reference variant.</summary>
    public static Chart DifferenceChart(ComparisonResult result, string title, string unit, bool percent, IReadOnlyList<MetricSelector> metrics, string id)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metrics);
        var series = result.Variants.Select((v, i) => (v, i)).Skip(1).Select(x => (ChartSeries)new BarSeries(x.v.Name + " − " + result.Variants[0].Name,
            metrics.Select(m => RunReport.Bar(result.Get(x.i, m).Difference)).ToArray())
        {
            Color = Palette.Color(x.i),
        }).ToArray();
        return new Chart(title + ": difference to " + result.Variants[0].Name, series)
        {
            Subtitle = "Paired difference with 95% CI (common random numbers)",
            X = new Axis("Metric", null) { Categories = metrics.Select(Label).ToArray() },
            Y = new Axis("Difference", unit.Length == 0 ? null : unit) { IncludeZero = true, Percent = percent },
            ReferenceLines = [new ReferenceLine(ReferenceAxis.Y, 0) { Dashed = false }],
            Legend = LegendPlacement.Top,
            Height = 440,
            Id = "cmp-diff-" + id,
        };
    }

    /// <summary>A trade-off point at the means, with the 95% intervals of both metrics as error bars (lows clamped at zero).</summary>
    internal static ScatterPoint WithIntervals(ConfidenceInterval x, ConfidenceInterval y, string? label)
    {
        var (cx, cy) = (RunReport.NeverNegative(x), RunReport.NeverNegative(y));
        return new ScatterPoint(cx.Mean, cy.Mean, label) { XLow = cx.Low, XHigh = cx.High, YLow = cy.Low, YHigh = cy.High };
    }

    /// <summary>Scatter of P1 mean response (y) against solo exposure (x), one labelled point per variant with its 95% intervals, Pareto front highlighted.</summary>
    public static Chart TradeOff(ComparisonResult result) => TradeOff(result, TradeOffAxis.Exposure);

    /// <summary>Scatter of P1 mean response (y) against <paramref name="x"/>, one labelled point per variant with its 95% intervals, Pareto front highlighted.</summary>
    public static Chart TradeOff(ComparisonResult result, TradeOffAxis x)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(x);
        var xm = result.Metrics.First(m => m.Name == x.Metric);
        var y = result.Metrics.Contains(MetricSelector.Parse(TradeOffY)) ? MetricSelector.Parse(TradeOffY) : MetricSelector.Parse("responseTime.mean");
        var points = result.Variants.Select((v, i) => WithIntervals(result.Get(i, xm).Value, result.Get(i, y).Value, v.Name)).ToArray();
        return TradeOff(points, y.Priority is not null, "Variants", "variants", x == TradeOffAxis.Exposure ? "cmp-tradeoff" : "cmp-tradeoff-" + x.Stem, x);
    }

    /// <summary>Under a table with safety figures: that their rates are inputs, and each distinct source.</summary>
    private static IEnumerable<ReportBlock> SafetyNotes(ComparisonResult result) =>
        result.Runs.Select(r => r.Scenario.Safety?.Source.Trim()).OfType<string>().Distinct()
            .Select(source => (ReportBlock)new ParagraphBlock($"Safety figures: {CouncilMeasures.SafetyCaveat}. Source: {source}"));

    /// <summary>
    /// The trade-offs in a council's units, when every variant has them: P1 response against annual cost (a <c>costs:</c>
    /// section) and against expected injuries (a <c>safety:</c> section).
    /// </summary>
    private static IEnumerable<ReportSection> CouncilTradeOffs(ComparisonResult result)
    {
        foreach (string metric in new[] { CouncilMeasures.Cost, CouncilMeasures.Injuries })
        {
            var units = result.Runs.Select(r => r.Council.FirstOrDefault(c => c.Measure.Name == metric)?.Measure.Metric.Unit).Distinct().ToArray();
            if (units is [{ } unit])
            {
                var x = TradeOffAxis.For(metric, unit)!;
                var chart = TradeOff(result, x);
                yield return new ReportSection($"Trade-off: P1 response against {x.Label.ToLowerInvariant()}",
                    [new ChartBlock(new ReportChart($"compare-tradeoff-{x.Stem}.svg", chart)), .. x.Note is null ? [] : new ReportBlock[] { new ParagraphBlock(x.Note) }]);
            }
        }
    }

    /// <summary>
    /// The trade-off chart of labelled points (x = solo exposure unless <paramref name="x"/> says otherwise, y = mean response
    /// time, P1's when <paramref name="priorityOne"/>), Pareto front highlighted: the compare report's, and the web page's
    /// chart of the runs so far.
    /// </summary>
    /// <param name="points">The points with their intervals.</param>
    /// <param name="priorityOne">Whether y is the P1 response time (else all calls').</param>
    /// <param name="seriesName">Legend name of the points.</param>
    /// <param name="what">What a point is, in the subtitle ("variants", "runs").</param>
    /// <param name="id">Chart id.</param>
    /// <param name="x">The x axis; solo exposure when null.</param>
    public static Chart TradeOff(IReadOnlyList<ScatterPoint> points, bool priorityOne, string seriesName, string what, string id, TradeOffAxis? x = null)
    {
        x ??= TradeOffAxis.Exposure;
        return new($"Trade-off: response against {x.Label.ToLowerInvariant()}", [new ScatterSeries(seriesName, points)])
        {
            Subtitle = $"Means over replications; lower-left is better on both; the Pareto front joins the {what} no other beats on both",
            X = new Axis(x.Label, x.Unit) { NeverNegative = true },
            Y = new Axis(priorityOne ? "P1 mean response time" : "Mean response time", "min") { NeverNegative = true },
            Pareto = new ParetoHighlight(Objective.Minimise, Objective.Minimise),
            Id = id,
        };
    }

    /// <summary>A p-value as shown: "&lt;0.0001" below that, else four decimals; "–" when there is none.</summary>
    internal static string P(double p) =>
        double.IsNaN(p) ? "–" : p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Every compared metric: one row per metric and variant with mean [CI], difference [CI], relative change, p and Holm's p.</summary>
    public static ReportTable AllMetricsTable(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var m in result.Metrics)
        {
            int dec = Output.Format.DecimalsFor(m.Metric.Unit);
            double refMean = result.Get(0, m).Value.Mean;
            for (int i = 0; i < result.Variants.Count; i++)
            {
                var vm = result.Get(i, m);
                double rel = vm.RelativeChange(refMean);
                int reps = result.Replications;
                rows.Add([
                    i == 0 ? m.Name : "", result.Variants[i].Name, m.Metric.Unit,
                    RunReport.WithCi(RunReport.NeverNegative(vm.Value), dec) + RunReport.FewerNote(vm.Value.N, reps),
                    i == 0 ? "" : RunReport.WithCi(vm.Difference, dec) + RunReport.FewerNote(vm.Difference.N, reps),
                    i == 0 || double.IsNaN(rel) ? "" : (rel >= 0 ? "+" : "") + F(rel * 100, 1) + "%",
                    i == 0 ? "" : P(vm.P),
                    i == 0 ? "" : P(vm.PHolm),
                    i == 0 ? "" : vm.Significant ? "yes" : "no",
                ]);
            }
        }

        return new ReportTable(["Metric", "Variant", "Unit", "Mean [95% CI]", "Δ to reference [95% CI]", "Δ %", "p", "p (Holm)", "Significant"], rows)
        {
            NumericColumns = new HashSet<int> { 3, 4, 5, 6, 7 },
        };
    }
}

/// <summary>The x axis of a trade-off chart: the metric or council figure, its label and unit, a file-name stem and what a reader must know.</summary>
/// <param name="Metric">The metric or figure name.</param>
/// <param name="Label">Axis label.</param>
/// <param name="Unit">Axis unit.</param>
/// <param name="Stem">File-name and id stem.</param>
/// <param name="Note">A caveat printed under the chart, or null.</param>
public sealed record TradeOffAxis(string Metric, string Label, string Unit, string Stem, string? Note = null)
{
    /// <summary>Solo exposure (the risk-weighted index).</summary>
    public static TradeOffAxis Exposure { get; } = new(CompareReport.TradeOffX, "Solo exposure", "per 1,000 calls", "exposure");

    /// <summary>The axis of <paramref name="metric"/> (one of <see cref="CompareReport.TradeOffXs"/>) in <paramref name="unit"/>; null for another metric.</summary>
    public static TradeOffAxis? For(string metric, string unit) => metric switch
    {
        CompareReport.TradeOffX => Exposure,
        CouncilMeasures.Cost => new(metric, "Annual cost", unit, "cost"),
        CouncilMeasures.Injuries => new(metric, "Expected injuries", unit, "injuries", "Expected injuries: " + CouncilMeasures.SafetyCaveat + "."),
        _ => null,
    };
}
