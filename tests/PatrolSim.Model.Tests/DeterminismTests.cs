using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

public class DeterminismTests
{
    [Fact]
    public void SameSeed_SameResults_OnAnyThread()
    {
        var sim = new PatrolSimulation(TestScenarios.SmallCity());
        var sequential = Enumerable.Range(0, 6).Select(r => sim.Run(77, r)).ToArray();
        var parallel = new ReplicationResult[6];
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 4 }, r => parallel[5 - r] = sim.Run(77, 5 - r));
        for (int r = 0; r < 6; r++)
        {
            Assert.Equal(sequential[r].Overall, parallel[r].Overall);
            Assert.Equal(sequential[r].Events, parallel[r].Events);
        }

        Assert.NotEqual(sequential[0].Overall, sequential[1].Overall);
    }

    [Fact]
    public void DifferentSeeds_DifferentResults()
    {
        var sim = new PatrolSimulation(TestScenarios.SmallCity());
        Assert.NotEqual(sim.Run(1, 0).Overall, sim.Run(2, 0).Overall);
    }

    [Theory]
    [InlineData(1.0, BackupRule.Risk, Engagement.Alone)]
    [InlineData(0.0, BackupRule.AllCalls, Engagement.Wait)]
    [InlineData(0.5, BackupRule.None, Engagement.Alone)]
    public void CommonRandomNumbers_PoliciesSeeTheIdenticalCallStream(double share, BackupRule rule, Engagement engage)
    {
        static List<string> Calls(Scenario s)
        {
            var sink = new ListTraceSink();
            new PatrolSimulation(s).Run(2024, 3, sink);
            return [.. sink.Rows.Where(r => r is CallArrived or CallWithoutUnit)
                .Select(r => FormattableString.Invariant($"{r.TimeMinutes:R} {r.CallId} {(r is CallArrived a ? $"P{a.Priority} {a.CallType}" : "")}"))];
        }

        var baseline = Calls(TestScenarios.SmallCity());
        var other = Calls(TestScenarios.SmallCity(share, rule, engage));
        Assert.True(baseline.Count > 1000);
        Assert.Equal(baseline, other);
    }
}
