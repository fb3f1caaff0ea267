using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

public class CallSinkTests
{
    [Fact]
    public void EveryCall_IsRecordedOnce_WithTimesInOrder_AndMatchesTheMetrics()
    {
        var sink = new CallList();
        var r = new PatrolSimulation(TestScenarios.SmallCity(days: 5)).Run(6, 0, calls: sink);
        Assert.Equal(r.CallsGenerated, sink.Calls.Count);
        Assert.Equal(sink.Calls.Count, sink.Calls.Select(c => c.Id).Distinct().Count());
        foreach (var c in sink.Calls.Where(c => c.ClearMinutes is not null))
        {
            Assert.True(c.ArrivalMinutes <= c.FirstDispatchMinutes);
            Assert.True(c.FirstDispatchMinutes <= c.FirstOnSceneMinutes);
            Assert.True(c.FirstOnSceneMinutes <= c.ClearMinutes);
            Assert.InRange(c.Units, 1, 4);
        }

        var measured = sink.Calls.Where(c => c.Measured).ToList();
        Assert.Equal(r.Overall[MetricCatalog.CallsArrived], measured.Count);
        Assert.Equal(r.Overall[MetricCatalog.CallsUnfinished], measured.Count(c => c.NeedsUnit && c.ClearMinutes is null));
        var served = measured.Where(c => c.ClearMinutes is not null).ToList();
        Assert.Equal(r.Overall[MetricCatalog.ResponseMean], served.Average(c => c.FirstOnSceneMinutes!.Value - c.ArrivalMinutes), 9);
        Assert.Equal(r.Overall[MetricCatalog.OfficersOnScene], served.Average(c => (double)c.Officers), 9);
    }
}

public class DailySeriesAndSketchTests
{
    [Fact]
    public void DailySeries_HoldsEveryCallServed_ByArrivalDay_WarmupIncluded()
    {
        var scenario = TestScenarios.SmallCity(days: 5);
        Assert.True(scenario.Horizon.WarmupDays > 0);
        var sink = new CallList();
        var r = new PatrolSimulation(scenario).Run(6, 0, calls: sink);
        var daily = r.Daily!;
        Assert.Equal(5, daily.Days);
        for (int d = 0; d < daily.Days; d++)
        {
            // The call records are the oracle: every call cleared that arrived on day d, measured or not.
            var calls = sink.Calls.Where(c => c.ClearMinutes is not null && c.FirstOnSceneMinutes is not null && (int)(c.ArrivalMinutes / 1440) == d).ToList();
            Assert.Equal(calls.Count, daily.Calls[d]);
            Assert.Equal(calls.Sum(c => c.FirstOnSceneMinutes!.Value - c.ArrivalMinutes), daily.ResponseMinutes[d], 6);
            Assert.True(daily.Calls[d] > 0);
            Assert.Equal(daily.ResponseMinutes[d] / daily.Calls[d], daily.MeanResponse(d), 12);
        }
    }

    [Fact]
    public void ResponseSketches_HoldTheMeasuredCallsServed_AllAndByPriority()
    {
        var sink = new CallList();
        var r = new PatrolSimulation(TestScenarios.SmallCity(days: 5)).Run(6, 0, calls: sink);
        var served = sink.Calls.Where(c => c.Measured && c.ClearMinutes is not null && c.FirstOnSceneMinutes is not null).ToList();
        var sketches = r.ResponseSketches!;
        Assert.Equal(served.Count, sketches[0].Count);
        Assert.Equal(r.Overall[MetricCatalog.ResponseP90], sketches[0].Quantile(0.9));
        foreach (var (p, values) in r.ByPriority)
        {
            Assert.Equal(served.Count(c => c.Priority == p), sketches[p].Count);
            Assert.Equal(values[MetricCatalog.ResponseP50], sketches[p].Quantile(0.5));
        }

        // The sketch's 90th percentile is within its relative accuracy (0.25%) of the order statistic it estimates.
        var sorted = served.Select(c => c.FirstOnSceneMinutes!.Value - c.ArrivalMinutes).Order().ToArray();
        double exact = sorted[(int)Math.Floor(0.9 * (sorted.Length - 1))];
        Assert.Equal(exact, sketches[0].Quantile(0.9), exact * 0.0025 + 1e-9);
    }
}
