using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

public class QueueingValidationTests
{
    private static (ConfidenceInterval PWait, ConfidenceInterval Wait) Simulate(Definition.Scenario s, int reps, ulong seed)
    {
        var sim = new PatrolSimulation(s);
        var results = Enumerable.Range(0, reps).AsParallel().Select(r => sim.Run(seed, r)).OrderBy(r => r.Replication).ToArray();
        var p = results.Select(r => r.Overall[MetricCatalog.ProbDelayed]).ToArray();
        var w = results.Select(r => r.Overall[MetricCatalog.QueueDelayMean]).ToArray();
        // 99.9% intervals: eight comparisons per run stay stable, yet a wrong model (say a wrong c) is far outside.
        return (ConfidenceInterval.StudentT(p, 0.999), ConfidenceInterval.StudentT(w, 0.999));
    }

    [Theory]
    [InlineData(6.0, 45.0, 6)]
    [InlineData(6.0, 45.0, 8)]
    [InlineData(12.0, 20.0, 5)]
    [InlineData(30.0, 15.0, 10)]
    public void MMc_ProbabilityOfWaitAndMeanWait_MatchErlangC(double lambda, double meanService, int c)
    {
        var (pWait, wait) = Simulate(TestScenarios.MMc(lambda, meanService, c), 30, 20260101);
        double a = lambda * meanService / 60;
        double expectedP = ErlangReference.ErlangC(a, c);
        double expectedW = ErlangReference.MeanWait(lambda, meanService, c);
        Assert.True(pWait.Contains(expectedP), $"P(wait) CI [{pWait.Low:F4}, {pWait.High:F4}] misses Erlang C {expectedP:F4}");
        Assert.True(wait.Contains(expectedW), $"Mean wait CI [{wait.Low:F3}, {wait.High:F3}] misses {expectedW:F3}");
        // Tight enough to catch a wrong model: the CI half-width is well below the value.
        Assert.True(pWait.HalfWidth < 0.1 * expectedP);
    }
}
