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
        Assert.Single(sink.Of<PolicyWindowChanged>(), r => r.Opened && r.TimeMinutes == start);
        Assert.Single(sink.Of<PolicyWindowChanged>(), r => !r.Opened && r.TimeMinutes == end);

        var dispatches = sink.Of<UnitDispatched>().ToList();
        // Units dispatched from shifts formed inside the window are two-officer cars; outside, solo.
        var inside = dispatches.Where(r => r.TimeMinutes > start && r.TimeMinutes < end).ToList();
        var outside = dispatches.Where(r => r.TimeMinutes < start || r.TimeMinutes > end + (10 * 60)).ToList();
        Assert.NotEmpty(inside);
        Assert.All(inside, r => Assert.Equal(2, r.Officers));
        Assert.All(outside, r => Assert.Equal(1, r.Officers));
    }

    [Fact]
    public void CrewWindow_NotImmediate_TakesEffectAtTheNextShiftStart()
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(WithWindow(false, new PolicyOverrides(TwoOfficerShare: 1.0))).Run(4, 0, sink);
        double start = (2 * 1440) + (18 * 60), end = start + (36 * 60);
        var shiftStarts = sink.Of<ShiftStarted>().ToList();
        // Shifts start at 07:00, 15:00, 22:00: the first start inside the window is 22:00 on day 2.
        // 6 days × 3 shifts, plus the evening (to 01:00) and night (to 08:00) shifts of day −1 on duty at time zero.
        Assert.Equal(20, shiftStarts.Count);
        foreach (var row in shiftStarts)
        {
            bool inWindow = row.TimeMinutes >= start && row.TimeMinutes < end;
            Assert.Equal(inWindow ? row.Officers / 2 : 0, row.TwoOfficerUnits);
            Assert.Equal(row.Officers - row.TwoOfficerUnits, row.Units);
        }

        Assert.Contains(shiftStarts, r => r.TimeMinutes == (2 * 1440) + (22 * 60) && r is { Officers: 6, Units: 3, TwoOfficerUnits: 3 });
    }

    [Fact]
    public void BackupWindow_AllCallsInsideTheWindow_OnlyThere()
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(WithWindow(false, new PolicyOverrides(BackupRule: BackupRule.AllCalls))).Run(4, 0, sink);
        double start = (2 * 1440) + (18 * 60), end = start + (36 * 60);
        var arrivals = sink.Of<CallArrived>().ToList();
        Assert.All(arrivals.Where(r => r.TimeMinutes >= start && r.TimeMinutes < end), r => Assert.Equal(2, r.OfficersNeeded));
        Assert.All(arrivals.Where(r => r.TimeMinutes < start || r.TimeMinutes >= end), r =>
            Assert.Equal(r.CallType.Contains("domestic", StringComparison.Ordinal) ? 2 : 1, r.OfficersNeeded));
    }
}
