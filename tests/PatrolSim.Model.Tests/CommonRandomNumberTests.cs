using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// Common random numbers on the supply side: a call's trips draw from the call's own seed, so a variant that changes
/// the crews or the dispatch rule keeps each call's travel noise and delay.
/// </summary>
public class CommonRandomNumberTests
{
    /// <summary>
    /// A city that is one point (every trip has length 0), so a trip lasts exactly the priority's delay: the random part
    /// of each call's first trip, seen directly.
    /// </summary>
    private static Scenario PointCity(double twoOfficerShare, DispatchRule rule) => TestScenarios.Exact(150, 20, 6, TestScenarios.AllDay(8)) with
    {
        City = new City(1, 1, [new Zone("a", 0.5, 0.5, 0, 0, 1), new Zone("b", 0.5, 0.5, 0, 0, 1)]),
        Travel = new Travel(TravelModel.Curve, 1, 0, new Dictionary<int, double> { [1] = 40 }, 0.5)
        {
            AccelerationMps2 = new Dictionary<int, double> { [1] = 1 },
            DelayByPriority = new Dictionary<int, Distribution> { [1] = new ExponentialDistribution(4) },
        },
        Policy = TestScenarios.Policy(twoOfficerShare, DispatchPolicy.Closest with { Rule = rule }),
    };

    /// <summary>Each call's first trip (first unit dispatched → that unit on scene), minutes, by call id.</summary>
    private static Dictionary<long, double> FirstTrips(Scenario s)
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(s).Run(11, 0, sink);
        var dispatched = new Dictionary<long, (long Unit, double At)>();
        var trips = new Dictionary<long, double>();
        foreach (var e in sink.Rows)
        {
            if (e is UnitDispatched d)
            {
                dispatched.TryAdd(d.Call, (d.Unit, d.TimeMinutes));
            }
            else if (e is UnitOnScene o && dispatched.TryGetValue(o.Call, out var first) && first.Unit == o.Unit)
            {
                trips.TryAdd(o.Call, o.TimeMinutes - first.At);
            }
        }

        return trips;
    }

    [Fact]
    public void EachCall_KeepsItsFirstTrip_WhenTheCrewsOrTheDispatchRuleChange()
    {
        var solo = FirstTrips(PointCity(0, DispatchRule.Closest));
        Assert.True(solo.Count > 700, $"{solo.Count} calls");
        Assert.True(solo.Values.Distinct().Count() > 600, "the delays are random");

        foreach (var variant in new[] { PointCity(1, DispatchRule.Closest), PointCity(0, DispatchRule.HomeBeatFirst), PointCity(0.5, DispatchRule.HomeBeatFirst) })
        {
            var other = FirstTrips(variant);
            var common = solo.Keys.Intersect(other.Keys).ToList();
            Assert.True(common.Count > 700);
            Assert.All(common, call => Assert.Equal(solo[call], other[call], 1e-9));
        }
    }
}
