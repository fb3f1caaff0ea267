using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// Overtime from a hand-worked case. Three officers work 08:00–16:00; calls of exactly 25 minutes arrive five times an
/// hour around the clock, more than twice what the cars can serve, so the backlog keeps every car busy back to back from
/// the start of its shift. A car's calls start at 08:00 + 25k: the last one before 16:00 starts at 15:55
/// (480 = 19 × 25 + 5) and clears at 16:20, so each officer works exactly 20 minutes past the end of every shift.
/// </summary>
public class OvertimeTests
{
    private const int Days = 12;

    private static Scenario Backlogged(params PolicyChange[] changes) =>
        TestScenarios.Exact(callsPerDay: 120, onSceneMinutes: 25, Days, new Shift("day", 8 * 60, 8, 3, null)) with
        {
            Policy = TestScenarios.Policy(changes: changes),
        };

    [Fact]
    public void CallClearingAfterShiftEnd_Books20MinutesPerOfficerPerDay()
    {
        var (r, calls) = CallList.Run(Backlogged(), 5);

        // 12 days × 3 officers × 20 minutes = 720 officer-minutes.
        Assert.Equal(12.0, r.Overall[MetricCatalog.OvertimeHours], 9);

        // The premise: at every 16:00 all three units are on a call that clears at 16:20.
        for (int d = 0; d < Days; d++)
        {
            var onCall = calls.InServiceAt((d * 1440) + (16 * 60));
            Assert.Equal(3, onCall.Count);
            Assert.All(onCall, c => Assert.Equal((d * 1440) + (16 * 60) + 20, c.ClearMinutes!.Value, 9));
        }
    }

    [Fact]
    public void ImmediateCrewWindow_ReformsTheShift_AndItsBusyOfficersBookOvertimeFromTheWindowStart()
    {
        // At 11:47:30 on day 2 the crew policy switches at once to pairs (3 officers: one pair and one solo car) until
        // after the horizon. The busy officers of the old crew are 227.5 minutes into their shift, on calls started at
        // 11:45 that clear at 12:10: 22.5 minutes each past the end of their crew. The new crew starts on the backlog at
        // 11:47:30; its last call before 16:00 starts at 15:57:30 (252.5 = 10 × 25 + 2.5) and clears at 16:22:30:
        // 22.5 minutes each. Every other day: 20 minutes each.
        double start = (2 * 1440) + (11 * 60) + 47.5;
        var window = new PolicyChange(start, 24 * Days, new PolicyOverrides(TwoOfficerShare: 1.0), Immediate: true);

        var (r, calls) = CallList.Run(Backlogged(window), 5);

        double officerMinutes = (3 * 22.5) + (3 * 22.5) + ((Days - 1) * 3 * 20);
        Assert.Equal(officerMinutes / 60, r.Overall[MetricCatalog.OvertimeHours], 9);

        // The new crew is one pair and one solo car; the pair counts twice.
        var afterWindow = calls.InServiceAt((5 * 1440) + (16 * 60));
        Assert.Equal([1, 2], afterWindow.Select(c => c.Officers).Order());
    }
}
