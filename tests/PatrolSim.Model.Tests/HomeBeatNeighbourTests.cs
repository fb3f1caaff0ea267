using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>Home-beat-first dispatch: when the call's own beat has no free unit, a unit of a bordering beat goes before a nearer one from elsewhere.</summary>
public class HomeBeatNeighbourTests
{
    /// <summary>
    /// Beat A (1 × 1 km) borders the long beat B (8 × 1 km) to its east; beat D (1 × 1 km) lies 0.2 km north of A without
    /// touching it, so D's unit is nearer to most of A's calls than B's units but D is not A's neighbour.
    /// </summary>
    private static Scenario City(DispatchRule rule) => TestScenarios.Exact(160, 30, 21, TestScenarios.AllDay(6)) with
    {
        City = new City(9, 2.2, [new Zone("A", 0, 0, 1, 1, 3), new Zone("B", 1, 0, 8, 1, 1), new Zone("D", 0, 1.2, 1, 1, 1)]),
        Travel = new Travel(TravelModel.Manhattan, 1, 0, new Dictionary<int, double> { [1] = 30 }, 0),
        Policy = TestScenarios.Policy(dispatch: DispatchPolicy.Closest with { Rule = rule }),
    };

    /// <summary>Calls of beat A served by a unit of another beat: (chosen unit's home, whether a unit of B was free then).</summary>
    private static List<(int Home, bool BFree)> Outsiders(DispatchRule rule)
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(City(rule)).Run(5, 0, sink);
        var home = new Dictionary<long, int>();
        var callZone = new Dictionary<long, int>();
        var busyWith = new Dictionary<long, long>(); // unit -> call it is committed to
        var result = new List<(int, bool)>();
        foreach (var e in sink.Rows)
        {
            switch (e)
            {
                case UnitOnDuty u: home[u.Unit] = u.HomeZone; break;
                case CallArrived a: callZone[a.Call] = a.X < 1 && a.Y < 1 ? 0 : a.X >= 1 ? 1 : 2; break;
                case UnitDispatched d:
                    if (callZone[d.Call] == 0 && home[d.Unit] != 0)
                    {
                        bool bFree = home.Any(h => h.Value == 1 && !busyWith.ContainsKey(h.Key));
                        result.Add((home[d.Unit], bFree));
                    }

                    busyWith[d.Unit] = d.Call;
                    break;
                case CallCleared c:
                    foreach (long unit in busyWith.Where(b => b.Value == c.Call).Select(b => b.Key).ToList())
                    {
                        busyWith.Remove(unit);
                    }

                    break;
            }
        }

        Assert.Contains(home.Values, h => h == 1);
        Assert.Contains(home.Values, h => h == 2);
        return result;
    }

    [Fact]
    public void HomeBeatFirst_SendsABorderingBeatsUnit_WheneverOneIsFree()
    {
        var outsiders = Outsiders(DispatchRule.HomeBeatFirst);
        Assert.True(outsiders.Count > 30, $"only {outsiders.Count} of A's calls went to another beat");
        Assert.DoesNotContain(outsiders, o => o.Home == 2 && o.BFree);
        Assert.Contains(outsiders, o => o.Home == 1);
    }

    [Fact]
    public void Closest_TakesTheNearerUnitOfTheBeatThatIsNotANeighbour()
    {
        // The same city under closest dispatch: D's unit often wins while a unit of B is free (the case home-beat-first rules out).
        var outsiders = Outsiders(DispatchRule.Closest);
        Assert.True(outsiders.Count(o => o.Home == 2 && o.BFree) > 10);
    }
}
