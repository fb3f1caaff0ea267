using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

public class RunWarningTests
{
    [Fact]
    public void ForceThatCannotKeepUp_IsFlagged_UnfinishedAndSaturated()
    {
        // 4,800 calls a day of 30 minutes against 12 officers: 100 erlangs offered to 12 servers.
        var s = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=3", "demand.callsPerDay=4800", "staffing.shifts.0.officers=12"]);
        var summary = ReplicationRunner.Run(s, 2, 1, 1);
        Assert.Equal(2, summary.Warnings.Count);
        Assert.Matches(@"^\d+\.\d% of calls were still open at the end of the run \(more than 1%\): the force cannot keep up", summary.Warnings[0]);
        Assert.StartsWith("utilisation is 1.000 (0.98 or more): the force is saturated", summary.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void HealthyRun_HasNoWarnings()
    {
        var s = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=6", "staffing.shifts.0.officers=12"]);
        Assert.Empty(ReplicationRunner.Run(s, 2, 1, 1).Warnings);
    }

    [Fact]
    public void OddOfficersAllPaired_SaysOneOfficerRidesAlone()
    {
        var s = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=3", "staffing.shifts.0.officers=11", "policy.crew.twoOfficerShare=1"]);
        var summary = ReplicationRunner.Run(s, 2, 1, 1);
        Assert.Contains("shift 'all day' has 11 officers: with every officer paired, one officer rides alone in a one-officer car.", summary.Warnings);
    }
}
