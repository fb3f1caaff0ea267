using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Model.Tests;

/// <summary>Response-time metrics against cases whose answer is known, and against the calls' own times.</summary>
public class ResponseMetricsTests
{
    /// <summary>Every call and car at one point, 3 minutes' turnout, more cars than calls ever overlap: every response is exactly 3 minutes.</summary>
    private static Scenario TurnoutOnly(double target) =>
        TestScenarios.Exact(callsPerDay: 24, onSceneMinutes: 30, days: 30, TestScenarios.AllDay(20)) with
        {
            City = new City(1, 1, [new Zone("point", 0.5, 0.5, 0, 0, 1)]),
            Travel = new Travel(TravelModel.Manhattan, 1.3, 3, new Dictionary<int, double> { [1] = 50 }, 0),
            ResponseTargets = new Dictionary<int, double> { [1] = target },
        };

    [Theory]
    [InlineData(3.0, 1.0)]   // on target counts as within
    [InlineData(2.999, 0.0)] // a millisecond-scale miss does not
    [InlineData(8.0, 1.0)]
    public void ConstantResponse_TurnoutAddsExactlyItsMinutes_WithinTargetIsAllOrNothing(double target, double within)
    {
        var r = CallList.Run(TurnoutOnly(target), 2).Result;
        Assert.True(r.Overall[MetricCatalog.CallsServed] > 600);
        Assert.Equal(0.0, r.Overall[MetricCatalog.ProbDelayed]);
        Assert.Equal(0.0, r.Overall[MetricCatalog.QueueDelayMean]);
        Assert.Equal(3.0, r.Overall[MetricCatalog.TravelMean], 9);
        Assert.Equal(3.0, r.Overall[MetricCatalog.ResponseMean], 9);
        Assert.Equal(within, r.Overall[MetricCatalog.WithinTarget]);
        Assert.Equal(within, r.ByPriority[1][MetricCatalog.WithinTarget]);

        // The quantile sketch promises 0.25% relative accuracy.
        Assert.Equal(3.0, r.Overall[MetricCatalog.ResponseP50], 3.0 * 0.0025);
        Assert.Equal(3.0, r.Overall[MetricCatalog.ResponseP90], 3.0 * 0.0025);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PercentilesAndWithinTarget_ByPriority_MatchTheOrderStatisticsOfTheCalls(int priority)
    {
        var scenario = TestScenarios.SmallCity(days: 8);
        var (r, calls) = CallList.Run(scenario, 12);
        var served = calls.Calls.Where(c => c.Measured && c.Priority == priority && c.ClearMinutes is not null)
            .Select(c => c.FirstOnSceneMinutes!.Value - c.ArrivalMinutes).Order().ToArray();
        Assert.True(served.Length > 100);
        var metrics = r.ByPriority[priority];

        foreach (var (q, index) in new[] { (0.5, MetricCatalog.ResponseP50), (0.9, MetricCatalog.ResponseP90) })
        {
            // Any value between the neighbouring order statistics is a q-quantile; the sketch may add 0.25% either way.
            double rank = q * (served.Length - 1);
            double low = served[(int)Math.Floor(rank)] * (1 - 0.0025), high = served[(int)Math.Ceiling(rank)] * (1 + 0.0025);
            Assert.InRange(metrics[index], low, high);
        }

        double target = scenario.ResponseTargets[priority];
        Assert.Equal(served.Count(t => t <= target + 1e-9) / (double)served.Length, metrics[MetricCatalog.WithinTarget], 12);
    }
}
