using PatrolSim.Experiments;
using PatrolSim.Model.Metrics;
using PatrolSim.Reports.Html;

namespace PatrolSim.Reports.Tests.Html;

/// <summary>Issue 25 in the HTML reports: p and Holm's p, pooled quantiles beside the means of quantiles, n where fewer.</summary>
public class StatisticsTableTests
{
    [Fact]
    public void AllMetricsTable_ShowsPAndHolmsP_AndSignificantFollowsHolm()
    {
        var result = ReportFixtures.Comparison;
        var table = CompareReport.AllMetricsTable(result);
        Assert.Equal(["Metric", "Variant", "Unit", "Mean [95% CI]", "Δ to reference [95% CI]", "Δ %", "p", "p (Holm)", "Significant"], table.Header);

        // Rows come metric by metric, one per variant.
        for (int m = 0; m < result.Metrics.Count; m++)
        {
            for (int v = 1; v < result.Variants.Count; v++)
            {
                var row = table.Rows[(m * result.Variants.Count) + v];
                var vm = result.Get(v, result.Metrics[m]);
                Assert.Equal(Format(vm.P), row[6]);
                Assert.Equal(Format(vm.PHolm), row[7]);
                Assert.Equal(double.IsNaN(vm.PHolm) ? "no" : vm.PHolm < 0.05 ? "yes" : "no", row[8]);
            }
        }

        static string Format(double p) => double.IsNaN(p) ? "–" : p < 0.0001 ? "<0.0001" : p.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void ZoneTable_SaysN_WhereAZoneHadNoCallInSomeReplications()
    {
        // 20 calls a day over 15 beats for 6 measured hours: most beats see a call in some replications only.
        var summary = ReplicationRunner.Run(ReportFixtures.Midsize(1.25, "demand.callsPerDay=20"), 4, 3, 1);
        var section = ZoneSection.Build(summary)!;
        var table = section.Blocks.OfType<TableBlock>().Single().Table;
        Assert.Contains(ZoneSummary.P90Statistic, section.Blocks.OfType<ParagraphBlock>().First().Text, StringComparison.Ordinal);
        int fewer = 0;
        for (int z = 0; z < summary.ByZone.Count; z++)
        {
            // Counted from the replications themselves: those where the beat had a call answered.
            int n = summary.Replications.Count(r => !double.IsNaN(r.ByZone![z][ZoneMetricCatalog.ResponseMean]));
            string cell = table.Rows[z][2];
            if (n is > 0 and < 4)
            {
                Assert.EndsWith($" (n={n})", cell, StringComparison.Ordinal);
                fewer++;
            }
            else
            {
                Assert.DoesNotContain("(n=", cell, StringComparison.Ordinal);
            }
        }

        Assert.True(fewer > 0, "no beat missed a call in some replication; the case does not test the note");
    }

    [Fact]
    public void RunTables_GiveThePooledQuantileBesideTheMeanOfQuantiles()
    {
        var summary = ReportFixtures.Tiny;
        var overall = RunReport.OverallTable(summary);
        int at = overall.Rows.ToList().FindIndex(r => r[0] == "responseTime.p90");
        Assert.EndsWith("(mean over replications of each replication's 90th percentile)", overall.Rows[at][1], StringComparison.Ordinal);
        Assert.Equal("responseTime.p90 pooled", overall.Rows[at + 1][0]);
        Assert.Equal(summary.PooledResponse!.P90.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), overall.Rows[at + 1][3]);

        var byPriority = RunReport.ByPriorityTable(summary);
        var pooled = byPriority.Rows.Single(r => r[0] == "responseTime.p50 pooled");
        var priorities = summary.ByPriority.Keys.Order().ToArray();
        for (int i = 0; i < priorities.Length; i++)
        {
            Assert.Equal(summary.PooledResponseByPriority[priorities[i]].P50.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), pooled[2 + i]);
        }

        Assert.Contains("the rows marked pooled are the quantiles of all replications' calls taken together", RunReport.MetricsNote(summary), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 3, "")]
    [InlineData(2, 3, " (n=2)")]
    [InlineData(0, 3, "")]
    public void FewerNote_SaysNOnlyWhenFewer(int n, int replications, string expected) => Assert.Equal(expected, RunReport.FewerNote(n, replications));

    [Fact]
    public void ScenarioFacts_SayTheMeasuredDays() =>
        Assert.Contains(RunReport.ScenarioFacts(ReportFixtures.Midsize(), 7, 3), f => f.Key == "Horizon" && f.Value == "3 days, warm-up 1 days, 2 measured");

    [Fact]
    public void PooledValue_IsNotAMetricOfTheCatalogue() =>
        Assert.Null(PooledQuantiles.StatisticOf(MetricCatalog.All[MetricCatalog.ResponseMean]));
}
