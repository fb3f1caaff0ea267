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

        // 3 officers × 20 minutes = 1 officer-hour a day.
        Assert.Equal(1.0, r.Overall[MetricCatalog.OvertimeHours], 9);

        // The premise: at every 16:00 all three units are on a call that clears at 16:20.
        for (int d = 0; d < Days; d++)
        {
            var onCall = calls.InServiceAt((d * 1440) + (16 * 60));
            Assert.Equal(3, onCall.Count);
            Assert.All(onCall, c => Assert.Equal((d * 1440) + (16 * 60) + 20, c.ClearMinutes!.Value, 9));
        }
    }

    [Fact]
    public void ImmediateCrewWindow_ReformsTheSameOfficers_WithoutBookingOvertime_AndTheirShiftEndStillDoes()
    {
        // At 11:47:30 on day 2 the crew policy switches at once to pairs (3 officers: one pair and one solo car) until
        // after the horizon. The three busy cars are on calls started at 11:45; they clear at 12:10, when their officers
        // are re-formed into a pair and a solo car: no one went off duty, so no overtime then. The new cars start on the
        // backlog at 12:10; their last call before 16:00 starts at 15:55 (230 = 9 × 25 + 5) and clears at 16:20: 20
        // minutes each, as on every other day. So still 1 officer-hour a day.
        double start = (2 * 1440) + (11 * 60) + 47.5;
        var window = new PolicyChange(start, 24 * Days, new PolicyOverrides(TwoOfficerShare: 1.0), Immediate: true);

        var (r, calls) = CallList.Run(Backlogged(window), 5);

        Assert.Equal(1.0, r.Overall[MetricCatalog.OvertimeHours], 9);
        Assert.Equal([1, 2], calls.InServiceAt((2 * 1440) + (16 * 60)).Select(c => c.Officers).Order());
        Assert.All(calls.InServiceAt((2 * 1440) + (16 * 60)), c => Assert.Equal((2 * 1440) + (16 * 60) + 20, c.ClearMinutes!.Value, 9));

        // From the next day the shift is formed as one pair and one solo car at 08:00.
        Assert.Equal([1, 2], calls.InServiceAt((5 * 1440) + (16 * 60)).Select(c => c.Officers).Order());
    }
}
