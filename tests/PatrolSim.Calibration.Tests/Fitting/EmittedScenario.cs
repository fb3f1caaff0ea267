using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Calibration.Tests.Fitting;

/// <summary>
/// Loads a fitted scenario's YAML the way the simulator does (ScenarioLoader, whose schema is the only
/// one), then checks what the fitter promises beyond the schema: it writes only the distribution kinds
/// it fits, empirical quantiles in order, and at least one officer per shift.
/// </summary>
internal static class EmittedScenario
{
    public static Scenario Load(string yaml)
    {
        var scenario = ScenarioLoader.Parse(yaml, "fitted.yaml");
        var durations = scenario.Demand.CallTypes.Select(t => t.OnScene).ToList();
        if (scenario.Demand.SelfInitiated is { } self)
        {
            Assert.True(self.RatePerUnitHour > 0);
            durations.Add(self.Duration);
        }

        foreach (var d in durations)
        {
            Assert.Contains(d.Kind, new[] { DistributionKind.LogNormal, DistributionKind.Exponential, DistributionKind.Empirical });
            if (d is EmpiricalDistribution e)
            {
                Assert.Equal(e.Values.Order(), e.Values);
            }
        }

        Assert.All(scenario.Staffing.Shifts, s => Assert.True(s.Officers >= 1));
        return scenario;
    }
}
