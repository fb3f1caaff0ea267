using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

public class CallSinkTests
{
    [Fact]
    public void EveryCall_IsRecordedOnce_WithTimesInOrder_AndMatchesTheMetrics()
    {
        var sink = new ListCallSink();
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
