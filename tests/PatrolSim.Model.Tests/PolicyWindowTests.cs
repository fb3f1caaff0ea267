using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

public class PolicyWindowTests
{
    private static Scenario WithWindow(bool immediate, PolicyOverrides set) => TestScenarios.SmallCity(0, BackupRule.None, Engagement.Alone, days: 6) with
    {
        Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.None, RiskLevel.Medium, Engagement.Alone), DispatchPolicy.Closest,
            [new PolicyChange((2 * 1440) + (18 * 60), 36, set, immediate)]),
    };

    [Fact]
    public void ImmediateCrewWindow_PairsUnitsExactlyInsideTheWindow()
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(WithWindow(true, new PolicyOverrides(TwoOfficerShare: 1.0))).Run(4, 0, sink);
        double start = (2 * 1440) + (18 * 60), end = start + (36 * 60);
        Assert.Single(sink.Rows, r => r.Kind == "policy-start" && r.Time == start);
        Assert.Single(sink.Rows, r => r.Kind == "policy-end" && r.Time == end);

        var dispatches = sink.Rows.Where(r => r.Kind == "dispatch").ToList();
        // Units dispatched from shifts formed inside the window are two-officer cars; outside, solo.
        var inside = dispatches.Where(r => r.Time > start && r.Time < end).ToList();
        var outside = dispatches.Where(r => r.Time < start || r.Time > end + (10 * 60)).ToList();
        Assert.NotEmpty(inside);
        Assert.All(inside, r => Assert.Equal("officers 2", r.Detail));
        Assert.All(outside, r => Assert.Equal("officers 1", r.Detail));
    }

    [Fact]
    public void CrewWindow_NotImmediate_TakesEffectAtTheNextShiftStart()
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(WithWindow(false, new PolicyOverrides(TwoOfficerShare: 1.0))).Run(4, 0, sink);
        double start = (2 * 1440) + (18 * 60), end = start + (36 * 60);
        var shiftStarts = sink.Rows.Where(r => r.Kind == "shift-start").ToList();
        // Shifts start at 07:00, 15:00, 22:00: the first start inside the window is 22:00 on day 2.
        // 6 days × 3 shifts, plus the evening (to 01:00) and night (to 08:00) shifts of day −1 on duty at time zero.
        Assert.Equal(20, shiftStarts.Count);
        foreach (var row in shiftStarts)
        {
            // Detail: "name: N officers, U units (P two-officer)".
            var m = System.Text.RegularExpressions.Regex.Match(row.Detail, @": (\d+) officers, \d+ units \((\d+) two-officer\)");
            Assert.True(m.Success, row.Detail);
            int officers = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            int pairs = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            bool inWindow = row.Time >= start && row.Time < end;
            Assert.Equal(inWindow ? officers / 2 : 0, pairs);
        }

        Assert.Contains(shiftStarts, r => r.Time == (2 * 1440) + (22 * 60) && r.Detail.Contains("6 officers, 3 units (3 two-officer)", StringComparison.Ordinal));
    }

    [Fact]
    public void BackupWindow_AllCallsInsideTheWindow_OnlyThere()
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(WithWindow(false, new PolicyOverrides(BackupRule: BackupRule.AllCalls))).Run(4, 0, sink);
        double start = (2 * 1440) + (18 * 60), end = start + (36 * 60);
        var arrivals = sink.Rows.Where(r => r.Kind == "arrive").ToList();
        Assert.All(arrivals.Where(r => r.Time >= start && r.Time < end), r => Assert.EndsWith("needs 2", r.Detail));
        Assert.All(arrivals.Where(r => r.Time < start || r.Time >= end), r =>
            Assert.EndsWith(r.Detail.Contains("domestic", StringComparison.Ordinal) ? "needs 2" : "needs 1", r.Detail));
    }
}
