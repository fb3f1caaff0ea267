using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

public class DispatchTests
{
    [Fact]
    public void Closest_HasShorterTravelThan_HomeBeatFirst_WhichHasShorterThanAFixedFarPreference()
    {
        var closest = new PatrolSimulation(TestScenarios.SmallCity()).Run(12, 0).Overall[MetricCatalog.TravelMean];
        var homeBeat = new PatrolSimulation(TestScenarios.SmallCity(dispatch: DispatchRule.HomeBeatFirst)).Run(12, 0).Overall[MetricCatalog.TravelMean];
        Assert.True(closest <= homeBeat + 0.05, $"closest {closest:F3} vs home beat first {homeBeat:F3}");

        // Preference lists that send every beat's calls to unit 1 first (as far as it may be) travel further.
        var prefs = TestScenarios.Beats(6, 4, 3, 2).ToDictionary(z => z.Id, z => (IReadOnlyList<int>)[1, 2, 3]);
        var s = TestScenarios.SmallCity() with
        {
            Policy = TestScenarios.SmallCity().Policy with { Dispatch = new DispatchPolicy(DispatchRule.Preference, prefs) },
        };
        var far = new PatrolSimulation(s).Run(12, 0).Overall[MetricCatalog.TravelMean];
        Assert.True(far > closest + 0.5, $"preference {far:F3} vs closest {closest:F3}");
    }

    /// <summary>One round-the-clock shift of two cars (unit numbers 1 and 2), exponential 30-minute calls at 60% load.</summary>
    private static Scenario TwoCars(params int[] preference) =>
        TestScenarios.Exact(callsPerDay: 48, onSceneMinutes: 30, days: 30, TestScenarios.AllDay(2)) with
        {
            Demand = new Demand(48, 1, TestScenarios.Flat, [new CallType("call", 1, 1, new ExponentialDistribution(30), 1, RiskLevel.None, true)], null),
            Policy = TestScenarios.Policy(dispatch: new DispatchPolicy(DispatchRule.Preference, new Dictionary<string, IReadOnlyList<int>> { ["z"] = preference })),
        };

    [Fact]
    public void PreferenceList_WhenItsUnitsAreBusy_FallsBackToAnyFreeUnit()
    {
        // The list names unit 1 only; a call waits only when both cars are on calls.
        var calls = CallList.Run(TwoCars(1), 9).Calls;
        int waited = 0;
        foreach (var c in calls.Calls.Where(c => c.FirstDispatchMinutes is not null))
        {
            bool delayed = c.FirstDispatchMinutes > c.ArrivalMinutes;
            int busy = calls.InServiceAt(c.ArrivalMinutes).Count(o => o.Id != c.Id);
            Assert.Equal(busy >= 2, delayed);
            waited += delayed ? 1 : 0;
        }

        Assert.True(waited > 20, "the case never filled both cars");
        Assert.True(calls.Calls.Count(c => c.FirstDispatchMinutes is not null) > 1000);
    }

    [Fact]
    public void PreferenceList_NamingNoUnitOnDuty_DispatchesAsClosest()
    {
        // Unit 3 is a Sunday-only car: it exists (a scenario may only name units that can), but is never on duty from
        // Monday to Saturday, the horizon.
        static Scenario WithSundayCar(Scenario s) => s with
        {
            Horizon = new Horizon(6, 0),
            Staffing = new Staffing(1, [TestScenarios.AllDay(2), new Shift("sunday", 0, 24, 1, null, Days: [6])]),
        };

        var closest = WithSundayCar(TwoCars(1)) with { Policy = TestScenarios.Policy() };
        Assert.Equal(new PatrolSimulation(closest).Run(9, 0).Overall, new PatrolSimulation(WithSundayCar(TwoCars(3))).Run(9, 0).Overall);
    }
}
