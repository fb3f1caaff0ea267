using PatrolSim.Experiments.Council;

namespace PatrolSim.Experiments.Tests;

/// <summary>The one table of key metrics: every name is a metric, the verdict and the sweep defaults are drawn from it, ranks by base name.</summary>
public class KeyMetricsTests
{
    [Fact]
    public void EveryKeyMetric_IsAMetricOrACouncilFigure_AndTheVerdictAndSweepDefaultsComeFromTheTable()
    {
        Assert.All(KeyMetrics.Names, n => Assert.True(CouncilMeasures.IsCouncil(n) || MetricSelector.TryParse(n, out _) is not null, n));
        Assert.Equal(KeyMetrics.Names.Count, KeyMetrics.Names.Distinct().Count());
        Assert.All(KeyMetrics.Verdict, v => Assert.Contains(v.Metric, KeyMetrics.Names));
        Assert.All(KeyMetrics.SweepDefaults, n => Assert.Contains(n, KeyMetrics.Names));
        Assert.Equal(("responseTime.mean@1", "P1 response"), KeyMetrics.Verdict[0]);
    }

    [Fact]
    public void RankOf_APriorityMetric_IsItsOwnWhenListed_ElseItsBaseNames_AndNullForOthers()
    {
        Assert.Equal(0, KeyMetrics.RankOf("responseTime.mean"));
        Assert.Equal(KeyMetrics.Names.ToList().IndexOf("responseTime.mean@1"), KeyMetrics.RankOf("responseTime.mean@1"));
        Assert.Equal(KeyMetrics.RankOf("queueDelay.mean"), KeyMetrics.RankOf("queueDelay.mean@3"));
        Assert.Equal(0, KeyMetrics.RankOf("responseTime.mean@2"));
        Assert.Null(KeyMetrics.RankOf("callsArrived"));
        Assert.Null(KeyMetrics.RankOf("callsArrived@1"));
    }
}
