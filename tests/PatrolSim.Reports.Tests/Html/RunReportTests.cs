using System.Xml.Linq;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;
using PatrolSim.Reports.Charts;
using PatrolSim.Reports.Html;

namespace PatrolSim.Reports.Tests.Html;

public sealed class HourlyProfileTests
{
    private static CallRecord Call(long id, double arrival, double? dispatch, double? clear, int officers, int priority = 1, bool measured = true) =>
        new(id, arrival, priority, "t", "z", 0, 0, dispatch, dispatch + 2, clear, 1, officers, NeedsUnit: true, Measured: measured);

    [Fact]
    public void CommittedOfficersByHour_SplitsACallAcrossTheHoursItSpans()
    {
        var p = new HourlyProfile();
        p.Call(Call(1, 80, 90, 150, 2)); // 01:30-02:30, two officers
        var committed = p.CommittedOfficersByHour(new Horizon(1, 0));
        Assert.Equal(1.0, committed[1], 12); // 2 officers × 30 min / 60 min
        Assert.Equal(1.0, committed[2], 12);
        Assert.Equal(0.0, committed.Where((_, h) => h is not (1 or 2)).Sum(), 12);
    }

    [Fact]
    public void CommittedOfficersByHour_CountsOnlyTheMeasuredWindowAndAveragesOverDays()
    {
        var p = new HourlyProfile();
        p.Call(Call(1, 1380, 1390, 1500, 1, measured: false)); // day 0 23:10 to day 1 01:00; warm-up is day 0
        p.Call(Call(2, 1440 + 600, 1440 + 600, 1440 + 660, 3)); // day 1 10:00-11:00, 3 officers
        var committed = p.CommittedOfficersByHour(new Horizon(3, 1)); // measured: days 1 and 2
        Assert.Equal(1.0 * 60 / 120, committed[0], 12); // only day 1 00:00-01:00 of the first call counts, over 2 days
        Assert.Equal(0.0, committed[23], 12);
        Assert.Equal(3.0 * 60 / 120, committed[10], 12);
    }

    [Fact]
    public void OnDutyByHour_WrapsNightShiftsScalesAndTreats24HourShiftsAsContinuous()
    {
        var staffing = new Staffing(1.5, [new Shift("night", 22 * 60 + 30, 8, 10, null), new Shift("all", 0, 24, 2, null)]);
        var onDuty = HourlyProfile.OnDutyByHour(staffing);
        Assert.Equal(3.0, onDuty[12], 12); // round(2 × 1.5) continuous
        Assert.Equal(3.0 + (15 * 0.5), onDuty[22], 12); // 22:30 start: half an hour of 15 officers
        Assert.Equal(18.0, onDuty[23], 12);
        Assert.Equal(18.0, onDuty[5], 12);
        Assert.Equal(3.0 + (15 * 0.5), onDuty[6], 12); // ends 06:30
        Assert.Equal(3.0, onDuty[7], 12);
    }

    [Fact]
    public void CallsPerHourAndQueueDelay_UseMeasuredCallsByArrivalHour()
    {
        var p = new HourlyProfile();
        p.Call(Call(1, 1440 + 61, 1440 + 65, 1440 + 100, 1));
        p.Call(Call(2, 1440 + 62, 1440 + 64, 1440 + 100, 1));
        p.Call(Call(3, 70, 71, 100, 1, measured: false));
        var perHour = p.CallsPerHour(new Horizon(3, 1));
        Assert.Equal(1.0, perHour[1], 12); // 2 calls over 2 measured days
        Assert.Equal(1.0, perHour.Sum(), 12);
        var delay = p.MeanQueueDelayByHour();
        Assert.Equal(3.0, delay[1], 12);
        Assert.True(double.IsNaN(delay[2]));
    }
}

public sealed class RunReportTests
{
    private static readonly Lazy<(ReportDocument Doc, HourlyProfile Profile)> Report = new(() =>
    {
        var profile = HourlyProfile.Collect(ReportFixtures.Tiny.Scenario, ReportFixtures.Tiny.Seed);
        return (RunReport.Build(ReportFixtures.Tiny, profile, "patrolsim test", "midsize-baseline.yaml"), profile);
    });

    [Fact]
    public void Html_IsWellFormedSelfContainedAndHasEverySection()
    {
        string html = Report.Value.Doc.ToHtml();
        ReportFixtures.AssertSelfContained(html);
        var doc = ReportFixtures.ParseHtml(html);
        ReportFixtures.AssertUniqueIds(doc);
        var h2 = doc.Descendants("h2").Select(e => e.Value).ToArray();
        Assert.Equal(["Scenario", "Metrics (mean and 95% CI over replications)", "A year, in a council's units", "Response times against targets", "Hour of day: calls, queue and utilisation", "Officer safety: exposure", "Results by zone"], h2);
        Assert.Equal(Report.Value.Doc.Charts.Count, doc.Descendants("svg").Count());
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ResponseCharts_CarryEveryAnsweredCallByPriorityAndTheTargets()
    {
        var times = Report.Value.Profile.ResponseTimes();
        var ecdf = Report.Value.Doc.Charts.Single(c => c.FileName == "run-response-ecdf.svg").Chart;
        Assert.Equal(times.Keys.Select(p => "P" + p), ecdf.Series.Select(s => s.Name));
        foreach (var (s, p) in ecdf.Series.Cast<EcdfSeries>().Zip(times.Keys))
        {
            Assert.Equal(times[p], s.Values);
        }

        var scenario = ReportFixtures.Tiny.Scenario;
        Assert.Equal(scenario.ResponseTargets.OrderBy(kv => kv.Key).Select(kv => kv.Value), ecdf.ReferenceLines.Select(r => r.Value));
        int calls = Report.Value.Profile.Calls.Count(c => c.Measured && c.NeedsUnit && c.FirstOnSceneMinutes is not null);
        Assert.Equal(calls, times.Values.Sum(v => v.Count));

        var p1 = Report.Value.Doc.Charts.Single(c => c.FileName == "run-response-p1.svg");
        var series = (HistogramSeries)p1.Chart.Series.Single();
        Assert.Equal(times[1].Count, Histogram.Compute([series.Values], series.BinWidth, series.Origin).Bins[0].Sum(b => b.Count));
        using var drawn = ScottPlotChartRenderer.Draw(p1.Chart);
        var limits = drawn.Plot.Axes.GetLimits();
        Assert.True(limits.Left <= 0 && limits.Right >= Math.Max(times[1].Max(), scenario.ResponseTargets[1]));
    }

    [Fact]
    public void ProfileCharts_Have24HoursAndUtilisationIsCommittedOverOnDuty()
    {
        var s = ReportFixtures.Tiny.Scenario;
        var profile = Report.Value.Profile;
        var util = (ProfileSeries)Report.Value.Doc.Charts.Single(c => c.FileName == "run-profile-utilisation.svg").Chart.Series[0];
        var committed = profile.CommittedOfficersByHour(s.Horizon);
        var onDuty = HourlyProfile.OnDutyByHour(s.Staffing);
        Assert.Equal(24, util.Values.Count);
        for (int h = 0; h < 24; h++)
        {
            Assert.Equal(committed[h] / onDuty[h], util.Values[h], 12);
            Assert.InRange(util.Values[h], 0, 1);
        }

        // The day-average of hourly utilisation from replication 0 is close to the replication's own utilisation metric.
        double dayAverage = committed.Sum() / onDuty.Sum();
        double metric = ReportFixtures.Tiny.Replications[0].Overall[PatrolSim.Model.Metrics.MetricCatalog.Utilization];
        Assert.InRange(dayAverage, metric * 0.8, metric * 1.2);

        var calls = (ProfileSeries)Report.Value.Doc.Charts.Single(c => c.FileName == "run-profile-calls.svg").Chart.Series[0];
        Assert.Equal(profile.Calls.Count(c => c.Measured) / (s.Horizon.Days - s.Horizon.WarmupDays), calls.Values.Sum(), 9);
        var officers = Report.Value.Doc.Charts.Single(c => c.FileName == "run-profile-officers.svg").Chart;
        Assert.Equal(["On duty", "Committed to calls"], officers.Series.Select(e => e.Name));
        Assert.All(officers.Series.Cast<ProfileSeries>(), p => Assert.Equal(24, p.Values.Count));
        var texts = ReportFixtures.SvgTexts(new ScottPlotChartRenderer().Render(officers));
        Assert.Contains("On duty", texts);
        Assert.Contains("Committed to calls", texts);
    }

    [Fact]
    public void ExposureChart_BarsAreTheSoloExposureMeansWithCis()
    {
        var chart = Report.Value.Doc.Charts.Single(c => c.FileName == "run-exposure.svg").Chart;
        var bars = ((BarSeries)chart.Series[0]).Values;
        var overall = ReportFixtures.Tiny.Overall[PatrolSim.Model.Metrics.MetricCatalog.SoloExposureIndex];
        Assert.Equal(overall.Mean, bars[0].Value);
        Assert.Equal(overall.High, bars[0].High);
        Assert.Equal(ReportFixtures.Tiny.ByPriority.Count + 1, bars.Count);
    }

    [Fact]
    public void ChartFileNames_AreUniqueAndStable()
    {
        var names = Report.Value.Doc.Charts.Select(c => c.FileName).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Contains("run-profile-queue.svg", names);
        Assert.All(names, n => Assert.Matches("^[a-z0-9-]+\\.svg$", n));
    }
}
