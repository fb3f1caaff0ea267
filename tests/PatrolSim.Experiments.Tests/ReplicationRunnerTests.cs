using PatrolSim.Model.Simulation;
using PatrolSim.Output;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

public class ReplicationRunnerTests
{
    [Fact]
    public void HardStopOnCalls_IsAnInputError_WithTheSimulationsMessage()
    {
        // 384 calls a day for 21 days: every replication passes 100 calls.
        var scenario = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml");
        var limit = Assert.Throws<CallLimitExceededException>(() => new PatrolSimulation(scenario, new SimulationOptions(MaxCallsPerReplication: 100)).Run(7, 0));

        var e = Assert.Throws<ExperimentException>(() => ReplicationRunner.Run(scenario, 3, 7, 2, options: new SimulationOptions(MaxCallsPerReplication: 100)));

        Assert.Equal(ExitCodes.InvalidInput, e.ExitCode);
        Assert.StartsWith("a replication generated more than 100 calls (by day ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(limit.Message[limit.Message.IndexOf(')', StringComparison.Ordinal)..], e.Message, StringComparison.Ordinal);
    }
}
