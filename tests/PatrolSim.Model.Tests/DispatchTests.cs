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
}
