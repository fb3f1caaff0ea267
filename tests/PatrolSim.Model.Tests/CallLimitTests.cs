using System.Globalization;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// Nothing unbounded: a replication stops at SimulationOptions.MaxCallsPerReplication (the hard stop behind the
/// expected-calls check of ScenarioRules), and a scenario built in code is checked by ScenarioRules when compiled.
/// </summary>
public class CallLimitTests
{
    private static readonly Scenario Busy = TestScenarios.MMc(lambdaPerHour: 10, meanServiceMinutes: 30, officers: 8, days: 10, warmupDays: 0);

    [Fact]
    public void Replication_StopsAtTheCallLimit_WhenCall101WouldArrive()
    {
        // Call ids count from 0: with a limit of 100 the replication stops when call 100 (the 101st) arrives; its
        // arrival time comes from the same replication run without a limit.
        var calls = new ListCallSink();
        new PatrolSimulation(Busy).Run(1, 0, calls: calls);
        double arrival = calls.Calls.Single(c => c.Id == 100).ArrivalMinutes;

        var e = Assert.Throws<CallLimitExceededException>(() => new PatrolSimulation(Busy, new SimulationOptions(MaxCallsPerReplication: 100)).Run(1, 0));

        Assert.Equal(100, e.Limit);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture,
            $"a replication generated more than 100 calls (by day {arrival / 1440:0.##} of the horizon), the most one replication may hold in memory; simulate fewer days or a smaller demand, or lower the demand windows' multipliers"), e.Message);
    }

    [Fact]
    public void Replication_WithExactlyTheLimit_Finishes()
    {
        long generated = new PatrolSimulation(Busy).Run(1, 0).CallsGenerated;

        var limited = new PatrolSimulation(Busy, new SimulationOptions(MaxCallsPerReplication: generated)).Run(1, 0);

        Assert.Equal(generated, limited.CallsGenerated);
    }

    [Fact]
    public void DefaultHardStop_IsAFifthAboveTheExpectedCallsCap()
    {
        Assert.Equal(6_000_000, new SimulationOptions().MaxCallsPerReplication);
        Assert.Equal(5_000_000, ScenarioRules.MaxCallsPerReplication);
    }

    [Fact]
    public void ScenarioBuiltInCode_WithTheWarmUpPastTheHorizon_IsRefusedWhenCompiled()
    {
        var e = Assert.Throws<InvalidScenarioException>(() => new PatrolSimulation(TestScenarios.MMc(10, 30, 8, days: 2, warmupDays: 2)));

        Assert.Equal([new ScenarioProblem("horizon.warmupDays", "is 2; it must be less than horizon.days (2)")], e.Problems);
        Assert.Equal("The scenario is not valid: horizon.warmupDays: is 2; it must be less than horizon.days (2)", e.Message);
    }
}
