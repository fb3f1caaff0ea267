using System.Xml.Linq;
using PatrolSim.Experiments;
using PatrolSim.Reports.Charts;
using PatrolSim.Reports.Html;
using PatrolSim.Scenarios;

namespace PatrolSim.Reports.Tests.Html;

/// <summary>The council's units in the reports (issue 27): the run report's table, and the compare report's trade-offs against annual cost and expected injuries.</summary>
public sealed class CouncilReportTests
{
    private static PatrolSim.Model.Definition.Scenario Illustrative(params string[] sets) =>
        ScenarioLoader.Load(Path.Combine(ReportFixtures.RepoRoot, "scenarios", "council-illustrative.yaml"), ["horizon.days=3", "horizon.warmupDays=1", .. sets]);

    private static readonly Lazy<ComparisonResult> Comparison = new(() => PairedComparison.Run(
        [
            new Variant("base", Illustrative(), "council-illustrative.yaml"),
            new Variant("paired", Illustrative("policy.crew.twoOfficerShare=1"), "council-illustrative.yaml with policy.crew.twoOfficerShare=1"),
        ], 3, 5, 1));

    private static readonly Lazy<ReportDocument> Doc = new(() => CompareReport.Build(Comparison.Value, "patrolsim test"));

    [Fact]
    public void RunReport_CouncilTable_HasTheFiguresThatApply()
    {
        Assert.Equal(["officerHoursPerYear", "fteNeeded"], RunReport.CouncilTable(ReportFixtures.Tiny).Rows.Select(r => r[0]));
        var run = Comparison.Value.Runs[0];
        var table = RunReport.CouncilTable(run);
        Assert.Equal(
            ["officerHoursPerYear", "fteNeeded", "annualCost", "annualCost.officers", "annualCost.overtime", "annualCost.cars",
             "exposureHoursPerYear.alone", "exposureHoursPerYear.paired", "expectedAssaults", "expectedInjuries"],
            table.Rows.Select(r => r[0]));
        var fte = table.Rows.Single(r => r[0] == "fteNeeded");
        Assert.Equal("FTE", fte[2]);
        Assert.Equal(run.Get("fteNeeded")!.Value.Mean.ToString("F1", System.Globalization.CultureInfo.InvariantCulture), fte[3]);
        Assert.Equal("USD/yr", table.Rows.Single(r => r[0] == "annualCost")[2]);
    }

    [Fact]
    public void CompareReport_TradeOffsInACouncilsUnits_OnlyWhenEveryVariantHasThem()
    {
        string[] Sections(ReportDocument d) => [.. ReportFixtures.ParseHtml(d.ToHtml()).Descendants("h2").Select(e => e.Value)];
        Assert.Contains("Trade-off: P1 response against annual cost", Sections(Doc.Value));
        Assert.Contains("Trade-off: P1 response against expected injuries", Sections(Doc.Value));
        var plain = Sections(CompareReport.Build(ReportFixtures.Comparison, "patrolsim test"));
        Assert.DoesNotContain(plain, s => s.Contains("annual cost", StringComparison.Ordinal) || s.Contains("injuries", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("compare-tradeoff-cost.svg", "annualCost", "Annual cost", "USD/yr")]
    [InlineData("compare-tradeoff-injuries.svg", "expectedInjuries", "Expected injuries", "per yr")]
    public void CompareReport_CouncilTradeOff_PointsAreTheVariantsMeansWithIntervals(string file, string metric, string label, string unit)
    {
        var r = Comparison.Value;
        var chart = Doc.Value.Charts.Single(c => c.FileName == file).Chart;
        Assert.Equal(label, chart.X.Label);
        Assert.Equal(unit, chart.X.Unit);
        var points = ((ScatterSeries)chart.Series[0]).Points;
        Assert.Equal(["base", "paired"], points.Select(p => p.Label));
        for (int i = 0; i < 2; i++)
        {
            var x = r.Runs[i].Get(metric)!.Value;
            Assert.Equal(x.Mean, points[i].X);
            Assert.Equal(x.High, points[i].XHigh);
            Assert.Equal(r.Runs[i].Get("responseTime.mean", 1)!.Value.Mean, points[i].Y);
        }
    }

    [Fact]
    public void CompareReport_AllMetrics_SaysTheSafetyRatesAreInputsAndGivesTheirSource()
    {
        var section = ReportFixtures.ParseHtml(Doc.Value.ToHtml()).Descendants("section").Single(s => s.Descendants("h2").Any(h => h.Value == "All metrics"));
        Assert.Contains("Safety figures: assault rates and injury shares are inputs (safety: section), not findings; intervals cover simulation noise only. Source: Injury when assaulted: 45.4%",
            section.Value, StringComparison.Ordinal);
        var plain = ReportFixtures.ParseHtml(CompareReport.Build(ReportFixtures.Comparison, "patrolsim test").ToHtml());
        Assert.DoesNotContain("Safety figures", plain.Root!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareReport_InjuriesTradeOff_SaysTheRatesAreInputs()
    {
        var section = ReportFixtures.ParseHtml(Doc.Value.ToHtml()).Descendants("section")
            .Single(s => s.Descendants("h2").Any(h => h.Value == "Trade-off: P1 response against expected injuries"));
        Assert.Contains("assault rates and injury shares are inputs (safety: section), not findings", section.Value, StringComparison.Ordinal);
    }
}
