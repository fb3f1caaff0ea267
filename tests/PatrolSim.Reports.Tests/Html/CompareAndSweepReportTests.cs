using System.Globalization;
using System.Xml.Linq;
using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments;
using PatrolSim.Experiments.Sweeps;
using PatrolSim.Reports.Charts;
using PatrolSim.Reports.Html;

namespace PatrolSim.Reports.Tests.Html;

public sealed class CompareReportTests
{
    private static readonly Lazy<ReportDocument> Doc = new(() => CompareReport.Build(ReportFixtures.Comparison, "patrolsim test"));

    [Fact]
    public void Html_IsWellFormedSelfContainedWithUniqueIds()
    {
        string html = Doc.Value.ToHtml();
        ReportFixtures.AssertSelfContained(html);
        var doc = ReportFixtures.ParseHtml(html);
        ReportFixtures.AssertUniqueIds(doc);
        Assert.Equal(Doc.Value.Charts.Count, doc.Descendants("svg").Count());
        Assert.Equal(html, CompareReport.Build(ReportFixtures.Comparison, "patrolsim test").ToHtml());
    }

    [Fact]
    public void ValueBars_AreEachVariantsMeanAndCi()
    {
        var r = ReportFixtures.Comparison;
        var chart = Doc.Value.Charts.Single(c => c.FileName == "compare-response.svg").Chart;
        Assert.Equal(r.Variants.Select(v => v.Name), chart.Series.Select(s => s.Name));
        var metrics = chart.X.Categories!.Select(MetricSelector.Parse).ToArray();
        Assert.Equal("responseTime.mean@1", metrics[0].Name);
        for (int v = 0; v < r.Variants.Count; v++)
        {
            var bars = ((BarSeries)chart.Series[v]).Values;
            for (int m = 0; m < metrics.Length; m++)
            {
                var ci = ConfidenceIntervalOf(r, v, metrics[m]);
                Assert.Equal(ci.Mean, bars[m].Value);
                Assert.Equal(Math.Max(0, ci.Low), bars[m].Low); // no metric is negative: the whisker stops at zero
                Assert.Equal(ci.High, bars[m].High);
            }
        }

        var texts = ReportFixtures.SvgTexts(new ScottPlotChartRenderer().Render(chart));
        Assert.All(r.Variants, v => Assert.Contains(v.Name, texts)); // one legend entry per variant
    }

    private static PatrolSim.Engine.Statistics.ConfidenceInterval ConfidenceIntervalOf(ComparisonResult r, int v, MetricSelector m) =>
        PatrolSim.Engine.Statistics.ConfidenceInterval.StudentT(ComparisonResult.Column(r.Runs[v], m));

    [Fact]
    public void Differences_ArePairedAgainstTheReferenceAroundZero()
    {
        var r = ReportFixtures.Comparison;
        var chart = Doc.Value.Charts.Single(c => c.FileName == "compare-diff-exposure.svg").Chart;
        Assert.Equal(["paired − base", "half − base"], chart.Series.Select(s => s.Name));
        Assert.Contains(chart.ReferenceLines, l => l.Axis == ReferenceAxis.Y && l.Value == 0);
        var exposure = MetricSelector.Parse("soloExposureIndex");
        var paired = ((BarSeries)chart.Series[0]).Values[0];
        // The bar is the mean over replications of (variant − reference), replication by replication.
        var variant = ComparisonResult.Column(r.Runs[1], exposure);
        var reference = ComparisonResult.Column(r.Runs[0], exposure);
        Assert.Equal(variant.Zip(reference, (v, b) => v - b).Average(), paired.Value, 9);
        Assert.True(paired.Value < 0); // all paired cars: less solo exposure than the mixed base
        using var drawn = ScottPlotChartRenderer.Draw(chart);
        var y = drawn.Plot.Axes.GetLimits();
        Assert.True(y.Bottom <= paired.Low && y.Top >= 0);
    }

    [Fact]
    public void TradeOff_HasOneLabelledPointPerVariantAndAParetoFront()
    {
        var r = ReportFixtures.Comparison;
        var chart = Doc.Value.Charts.Single(c => c.FileName == "compare-tradeoff.svg").Chart;
        var points = ((ScatterSeries)chart.Series[0]).Points;
        Assert.Equal(r.Variants.Select(v => v.Name), points.Select(p => p.Label));
        Assert.Equal(r.Runs[1].Get("soloExposureIndex")!.Value.Mean, points[1].X);
        Assert.Equal(r.Runs[1].Get("responseTime.mean", 1)!.Value.Mean, points[1].Y);
        Assert.NotNull(chart.Pareto);
        var texts = ReportFixtures.SvgTexts(new ScottPlotChartRenderer().Render(chart));
        Assert.All(r.Variants, v => Assert.Contains(v.Name, texts)); // every point carries its direct label
        var front = ParetoFront.Compute(points.Select(p => (p.X, p.Y)).ToArray(), Objective.Minimise, Objective.Minimise);
        Assert.NotEmpty(front);
        Assert.Contains(1, front); // all paired has the least exposure, so nothing dominates it
    }
}

public sealed class SweepReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patrolsim-sweep-report-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture));
    private static int _counter;

    public SweepReportTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Metrics = ["responseTime.mean@1", "soloExposureIndex", "withinTarget"];

    /// <summary>A 3 × 2 × 2 grid: staffing.scale × twoOfficerShare × backup rule, with made-up but structured values.</summary>
    private void WriteSweep(string status = "complete", bool summary = true) => WriteFixture(_dir, status, summary);

    /// <summary>
    /// Every metric of the catalogue overall and for priorities 1–4, as a sweep without a <c>metrics:</c> list keeps them
    /// (the three fixture metrics first).
    /// </summary>
    internal static readonly string[] EveryMetric =
    [
        .. Metrics,
        .. PatrolSim.Model.Metrics.MetricCatalog.All.Select(m => m.Name)
            .Concat(Enumerable.Range(1, 4).SelectMany(p => PatrolSim.Model.Metrics.MetricCatalog.All.Where(m => m.ByPriority).Select(m => m.Name + "@" + p.ToString(CultureInfo.InvariantCulture))))
            .Except(Metrics),
    ];

    /// <summary>
    /// Writes the fixture sweep folder into <paramref name="dir"/>; with <paramref name="everyMetric"/>, also every other metric
    /// (<see cref="EveryMetric"/>) with the made-up value 0.05 + point / 100 and a CI of ± 0.08, reaching below zero.
    /// </summary>
    internal static void WriteFixture(string dir, string status = "complete", bool summary = true, bool everyMetric = false)
    {
        string[] metrics = everyMetric ? EveryMetric : Metrics;
        File.WriteAllText(Path.Combine(dir, "sweep.json"), $$"""
            { "schemaVersion": 1, "tool": "patrolsim test",
              "inputs": { "sweep": "grid.yaml", "base": "midsize-baseline.yaml", "hash": "sha256:00" },
              "seed": 5, "replications": 4, "points": 12, "jobs": 48,
              "parameters": [ "staffing.scale", "policy.crew.twoOfficerShare", "policy.backup.rule" ],
              "metrics": [ {{string.Join(", ", metrics.Select(m => "\"" + m + "\""))}} ],
              "shard": { "index": 1, "count": 1, "rule": "job % count == index - 1", "jobs": 48 },
              "status": "{{status}}" }
            """);
        if (!summary)
        {
            return;
        }

        var lines = new List<string> { "point,staffing.scale,policy.crew.twoOfficerShare,policy.backup.rule,replications," + string.Join(",", metrics.SelectMany(m => new[] { m + ":mean", m + ":ci95Low", m + ":ci95High" })) };
        int point = 0;
        foreach (double scale in new[] { 0.8, 1.0, 1.2 })
        {
            foreach (double share in new[] { 0.0, 1.0 })
            {
                foreach (string rule in new[] { "none", "risk" })
                {
                    double resp = (10 / scale) + (2 * share) + (rule == "risk" ? 0.5 : 0);
                    double exp = 1000 * (1 - share) * (rule == "risk" ? 0.5 : 1) + point;
                    double within = 0.75 * scale;
                    double other = 0.05 + (point / 100.0);
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{point},{scale},{share},{rule},4,{resp},{resp - 0.5},{resp + 0.5},{exp},{exp - 10},{exp + 10},{within},{within - 0.01},{within + 0.01}")
                        + string.Concat(metrics.Skip(Metrics.Length).Select(_ => string.Create(CultureInfo.InvariantCulture, $",{other},{other - 0.08},{other + 0.08}"))));
                    point++;
                }
            }
        }

        File.WriteAllText(Path.Combine(dir, "summary.csv"), string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void Read_ParsesEveryPointAndMetric()
    {
        WriteSweep();
        var data = SweepData.Read(_dir);
        Assert.Equal(Metrics, data.Metrics);
        Assert.Equal(12, data.Points.Count);
        Assert.Equal(["1.2", "1", "risk"], data.Points[11].Parameters);
        Assert.Equal((10 / 1.2) + 2 + 0.5, data.Points[11].Metrics["responseTime.mean@1"].Mean, 12);
        Assert.Equal([0, 1, 2], SweepReport.Varying(data));
        Assert.Equal(0, SweepReport.XParameter(data, SweepReport.Varying(data)));
    }

    [Theory]
    [InlineData(false, true, "no sweep.json")]
    [InlineData(true, false, "no summary.csv")]
    public void Read_NamesTheMissingFile(bool manifest, bool summary, string expected)
    {
        if (manifest)
        {
            WriteSweep(summary: summary);
        }

        var e = Assert.Throws<SweepException>(() => SweepData.Read(_dir));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(_dir, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesAnUnfinishedSweep()
    {
        WriteSweep(status: "running");
        var e = Assert.Throws<SweepException>(() => SweepData.Read(_dir));
        Assert.Contains("status is 'running', not 'complete'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_HasLinesPerPolicyWithBandsAFrontierHeatmapsAndTheTable()
    {
        WriteSweep();
        var data = SweepData.Read(_dir);
        var doc = SweepReport.Build(data, "patrolsim test");
        string html = doc.ToHtml();
        ReportFixtures.AssertSelfContained(html);
        var x = ReportFixtures.ParseHtml(html);
        ReportFixtures.AssertUniqueIds(x);

        // 4 policies (share × rule): one chart per metric, 4 lines of 3 points with CI bands, sorted by scale.
        var line = doc.Charts.Single(c => c.FileName == "sweep-responseTime-mean-p1.svg").Chart;
        Assert.Equal(["paired=0, backup none", "paired=0, backup risk", "paired=1, backup none", "paired=1, backup risk"], line.Series.Select(s => s.Name));
        var pts = ((LineSeries)line.Series[3]).Points;
        Assert.Equal([0.8, 1.0, 1.2], pts.Select(p => p.X));
        Assert.Equal((10 / 0.8) + 2.5, pts[0].Y, 12);
        Assert.Equal(pts[0].Y - 0.5, pts[0].Low, 12);
        using (var drawn = ScottPlotChartRenderer.Draw(line))
        {
            var xs = drawn.Plot.Axes.GetLimits();
            Assert.True(xs.Left <= 0.8 && xs.Right >= 1.2 && xs.Right < 1.5);
        }

        var legend = ReportFixtures.SvgTexts(new ScottPlotChartRenderer().Render(line));
        Assert.All(line.Series, s => Assert.Contains(s.Name, legend));

        var trade = doc.Charts.Single(c => c.FileName == "sweep-tradeoff.svg").Chart;
        Assert.Equal(12, trade.Series.Cast<ScatterSeries>().Sum(s => s.Points.Count));
        var labelled = trade.Series.Cast<ScatterSeries>().SelectMany(s => s.Points).Where(p => p.Label is not null).Select(p => p.Label).Order().ToArray();
        var all = data.Points.Select(p => (p.Metrics["soloExposureIndex"].Mean, p.Metrics["responseTime.mean@1"].Mean)).ToArray();
        var front = ParetoFront.Compute(all, Objective.Minimise, Objective.Minimise).Select(i => "#" + data.Points[i].Point.ToString(CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.Equal(front, labelled);

        // Heatmaps: scale × share, one per rule and metric.
        var heat = doc.Charts.Where(c => c.FileName.StartsWith("sweep-heatmap-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Metrics.Length * 2, heat.Length);
        var h = (HeatmapSeries)heat[0].Chart.Series[0];
        Assert.Equal(["0.8", "1", "1.2"], h.XCategories);
        Assert.Equal(["0", "1"], h.YCategories);
        Assert.Equal(10 / 0.8, h.Values[0][0], 12);

        Assert.Equal(12, x.Descendants("table").Last().Descendants("tbody").Single().Elements("tr").Count());
    }

    [Fact]
    public void Heatmaps_OfAZipGroup_TreatItAsOneDimension_SoEveryCellIsAPoint()
    {
        // As scenarios/sweep-demand-staffing.yaml: crew share (grid) × demand and staffing moving together (zip), 2 × 4 points.
        // Before, demand and staffing were two heatmap axes: 4 heatmaps per metric, each with one filled row of four.
        var manifest = new SweepManifest
        {
            Tool = "t", SweepFile = "zip.yaml", BaseFile = "base.yaml", Hash = "sha256:0", Seed = 1, Replications = 2, Points = 8, Jobs = 16,
            Parameters = ["policy.crew.twoOfficerShare", "demand.multiplier", "staffing.scale"], Metrics = ["utilization"], Shard = Shard.All, Status = "complete",
        };
        string[] levels = ["0.9", "1.0", "1.1", "1.2"];
        var points = Enumerable.Range(0, 8).Select(p => new SweepPoint(p, [(p / 4).ToString(CultureInfo.InvariantCulture), levels[p % 4], levels[p % 4]], 2,
            new Dictionary<string, ConfidenceInterval> { ["utilization"] = new(0.5 + (p / 100.0), 0.4, 0.6, 2, double.NaN) })).ToArray();
        var data = new SweepData(manifest, ["utilization"], points);

        var heat = SweepReport.Heatmaps(data, SweepReport.Varying(data), ["utilization"]);

        var chart = Assert.Single(heat).Chart;
        var h = (HeatmapSeries)chart.Series[0];
        Assert.Equal(["0", "1"], h.XCategories);
        Assert.Equal(["0.9 / 0.9", "1.0 / 1.0", "1.1 / 1.1", "1.2 / 1.2"], h.YCategories);
        Assert.Equal("demand.multiplier / staffing.scale", chart.Y.Label);
        Assert.Equal(0.5 + 0.05, h.Values[1][1], 12); // share 1, second zip row: point 5
        Assert.All(h.Values.SelectMany(r => r), v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void SensitivityChart_HasABarPairPerParameter_NamedReadably_WithEveryIntervalInsideTheAxis()
    {
        static PatrolSim.Experiments.Sensitivity.Estimate E(double v, double lo, double hi) => new(v, lo, hi);
        var metric = new PatrolSim.Experiments.Sensitivity.MetricSensitivity("responseTime.mean@1", 64, 2.3, 0.03,
        [
            new("staffing.scale", new(E(0.63, -0.69, 1.99), E(0.72, 0.54, 0.95)), null),
            new("policy.crew.twoOfficerShare", new(E(0.30, -0.47, 1.15), E(0.31, 0.21, 0.45)), null),
            new("targets.responseMinutes.1", new(E(0, 0, 0), E(0, 0, 0)), null),
        ]);

        var chart = SweepReport.SensitivityChart(metric, sobol: true);

        Assert.Equal(["staffing", "paired", "responseMinutes.1"], chart.X.Categories);
        Assert.Equal(["First order", "Total order"], chart.Series.Select(s => s.Name));
        Assert.Equal([0.72, 0.31, 0], ((BarSeries)chart.Series[1]).Values.Select(v => v.Value));
        Assert.True(chart.Y.Min <= -0.69 && chart.Y.Max >= 1.99, $"{chart.Y.Min} … {chart.Y.Max}");
    }

    [Fact]
    public void Report_OfASweepWithoutAMetricsList_ShowsTheDefaultMetrics()
    {
        WriteFixture(_dir, everyMetric: true);
        var data = SweepData.Read(_dir);
        Assert.Equal(EveryMetric, data.Metrics);
        Assert.Equal(
            ["responseTime.mean@1", "responseTime.p90@1", "queueDelay.mean", "soloMinutesPerDay.high", "soloMinutesPerDay.medium", "soloPatrolHoursPerDay", "utilization", "proactiveShare"],
            SweepReport.ReportedMetrics(data));
        var doc = SweepReport.Build(data, "patrolsim test");

        // One line chart and two heatmaps (one per backup rule) per default metric, and the trade-off.
        Assert.Equal((8 * 3) + 1, doc.Charts.Count);
        // The summary shows them four to a table, each table repeating the point and its parameters.
        var tables = doc.Sections[^1].Blocks.OfType<TableBlock>().Select(b => b.Table).ToArray();
        Assert.Equal(["Metrics 1–4 of 8", "Metrics 5–8 of 8"], tables.Select(t => t.Caption));
        Assert.Equal(["Point", "staffing", "paired", "backup", "Reps", .. SweepReport.DefaultMetrics.Take(4)], tables[0].Header);
        Assert.Equal(["Point", "staffing", "paired", "backup", "Reps", .. SweepReport.DefaultMetrics.Skip(4)], tables[1].Header);
        Assert.All(tables, t => Assert.Equal(12, t.Rows.Count));
    }

    [Fact]
    public void Intervals_OfNeverNegativeMetrics_StopAtZero_InChartsAndTables()
    {
        // queueDelay.mean at point 0 is 0.05 [-0.03, 0.13] in summary.csv: a band and a table cell from 0.
        WriteFixture(_dir, everyMetric: true);
        var data = SweepData.Read(_dir);
        Assert.Equal(-0.03, data.Points[0].Metrics["queueDelay.mean"].Low, 12);
        var doc = SweepReport.Build(data, "patrolsim test");
        var line = doc.Charts.Single(c => c.FileName == "sweep-queueDelay-mean.svg").Chart;
        var band = line.Series.Cast<LineSeries>().SelectMany(l => l.Points).ToArray();
        Assert.Equal(0, band.Min(p => p.Low));
        Assert.Equal(0.05 - 0.08 + (4 / 100.0), band.Single(p => p.X == 1.0 && p.Y == 0.05 + 0.04).Low, 12); // point 4 stays as it was
        var table = doc.Sections[^1].Blocks.OfType<TableBlock>().First().Table;
        Assert.Equal("0.05 [0.00, 0.13]", table.Rows[0][table.Header.ToList().IndexOf("queueDelay.mean")]);
        using var drawn = ScottPlotChartRenderer.Draw(line);
        Assert.Equal(0, drawn.Plot.Axes.GetLimits().Bottom); // the band starts at zero, and the axis with it
    }

    [Fact]
    public void ReportedMetrics_AreThoseTheSweepListed()
    {
        WriteSweep();
        Assert.Equal(Metrics, SweepReport.ReportedMetrics(SweepData.Read(_dir)));
    }
}

public sealed class TradeOffIntervalTests
{
    [Fact]
    public void CompareTradeOff_EveryVariant_CarriesBothMetrics95PercentIntervals_LowsNotBelowZero()
    {
        var result = ReportFixtures.Comparison;
        var chart = CompareReport.TradeOff(result);
        var points = Assert.IsType<ScatterSeries>(Assert.Single(chart.Series)).Points;
        var x = PatrolSim.Experiments.MetricSelector.Parse(CompareReport.TradeOffX);
        Assert.Equal(result.Variants.Count, points.Count);
        for (int i = 0; i < points.Count; i++)
        {
            var ci = result.Get(i, x).Value;
            Assert.Equal(ci.Mean, points[i].X);
            Assert.Equal(Math.Max(0, ci.Low), points[i].XLow);
            Assert.Equal(ci.High, points[i].XHigh);
            Assert.True(points[i].YLow <= points[i].Y && points[i].Y <= points[i].YHigh);
            Assert.True(points[i].XLow >= 0 && points[i].YLow >= 0);
        }
    }
}
