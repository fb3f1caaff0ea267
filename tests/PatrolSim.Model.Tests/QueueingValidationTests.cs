using PatrolSim.Analytic;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

public class QueueingValidationTests
{
    /// <summary>M/M/c mean wait in minutes, from the analytic library (itself tested against textbook values).</summary>
    private static double MeanWaitMinutes(double lambdaPerHour, double meanServiceMinutes, int c) =>
        new MMcQueue(lambdaPerHour, 60.0 / meanServiceMinutes, c).MeanWait * 60;

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
        double expectedP = ErlangFormulas.ErlangC(a, c);
        double expectedW = MeanWaitMinutes(lambda, meanService, c);
        Assert.True(pWait.Contains(expectedP), $"P(wait) CI [{pWait.Low:F4}, {pWait.High:F4}] misses Erlang C {expectedP:F4}");
        Assert.True(wait.Contains(expectedW), $"Mean wait CI [{wait.Low:F3}, {wait.High:F3}] misses {expectedW:F3}");
        // Tight enough to catch a wrong model: the CI half-width is well below the value.
        Assert.True(pWait.HalfWidth < 0.1 * expectedP);
    }

    [Fact]
    public void TwoCarsEveryCall_WithOneOfficerCars_IsMMcWithHalfTheCars()
    {
        // 8 one-officer cars, every call needs two officers: pairs of cars act as 4 servers.
        var s = TestScenarios.MMc(6, 30, 8, backup: Definition.BackupRule.AllCalls);
        var (pWait, wait) = Simulate(s, 30, 7);
        Assert.True(pWait.Contains(ErlangFormulas.ErlangC(3, 4)), $"P(wait) CI [{pWait.Low:F4}, {pWait.High:F4}] vs M/M/4 {ErlangFormulas.ErlangC(3, 4):F4}");
        Assert.True(wait.Contains(MeanWaitMinutes(6, 30, 4)), $"wait CI [{wait.Low:F3}, {wait.High:F3}] vs {MeanWaitMinutes(6, 30, 4):F3}");
        Assert.False(pWait.Contains(ErlangFormulas.ErlangC(3, 8)));
    }

    [Fact]
    public void OneCarPerCall_SameFleet_IsMMcWithEveryCar()
    {
        var s = TestScenarios.MMc(6, 30, 8, backup: Definition.BackupRule.None);
        var (pWait, wait) = Simulate(s, 30, 7);
        Assert.True(pWait.Contains(ErlangFormulas.ErlangC(3, 8)), $"P(wait) CI [{pWait.Low:F4}, {pWait.High:F4}] vs M/M/8 {ErlangFormulas.ErlangC(3, 8):F4}");
        Assert.True(wait.Contains(MeanWaitMinutes(6, 30, 8)));
    }

    [Fact]
    public void AllPairedCars_WithTwoOfficerNeeds_IsMMcWithTheCars()
    {
        // 8 officers paired into 4 cars; a two-officer car covers a two-officer need alone.
        var s = TestScenarios.MMc(6, 30, 8, twoOfficerShare: 1, backup: Definition.BackupRule.AllCalls);
        var (pWait, wait) = Simulate(s, 30, 11);
        Assert.True(pWait.Contains(ErlangFormulas.ErlangC(3, 4)), $"P(wait) CI [{pWait.Low:F4}, {pWait.High:F4}] vs M/M/4 {ErlangFormulas.ErlangC(3, 4):F4}");
        Assert.True(wait.Contains(MeanWaitMinutes(6, 30, 4)));
    }

    [Fact]
    public void Utilization_EqualsOfferedLoadPerServer_LittlesLaw()
    {
        // Mean busy servers = lambda * E[S] (Little's law on the servers).
        var sim = new PatrolSimulation(TestScenarios.MMc(12, 20, 6));
        var u = ConfidenceInterval.StudentT(Enumerable.Range(0, 20).Select(r => sim.Run(3, r).Overall[MetricCatalog.Utilization]).ToArray(), 0.999);
        Assert.True(u.Contains(4.0 / 6), $"utilization CI [{u.Low:F4}, {u.High:F4}] vs 0.6667");
        Assert.True(u.HalfWidth < 0.01);
    }
}
