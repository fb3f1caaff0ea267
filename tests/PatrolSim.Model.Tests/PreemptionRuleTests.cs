using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>A preempting call chooses the unit it takes by its own dispatch rule, as it would choose an available unit.</summary>
public class PreemptionRuleTests
{
    /// <summary>
    /// Two 2 × 2 km beats side by side, two solo cars each around the clock, every call priority 1; idle units start
    /// hour-long self-initiated activities at 3 an hour, so new calls often find no unit free and take one from its
    /// activity.
    /// </summary>
    private static Scenario TwoBeats(DispatchRule rule) => new()
    {
        Name = "two beats",
        Horizon = new Horizon(20, 0),
        City = new City(4, 2, [new Zone("west", 0, 0, 2, 2, 1), new Zone("east", 2, 0, 2, 2, 1)]),
        Demand = new Demand(36, 1, TestScenarios.Flat, [new CallType("urgent", 1, 1, new ExponentialDistribution(20), 1, RiskLevel.None, true)],
            new SelfInitiated(3, new ConstantDistribution(60), RiskLevel.Low)),
        Travel = new Travel(TravelModel.Manhattan, 1.3, 0, new Dictionary<int, double> { [1] = 40 }, 0),
        Staffing = new Staffing(1, [new Shift("all day", 0, 24, 4, null)]),
        Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.None, RiskLevel.Low, Engagement.Alone),
            new DispatchPolicy(rule, new Dictionary<string, IReadOnlyList<int>> { ["west"] = [4, 3, 1, 2], ["east"] = [1, 2, 4, 3] }),
            [], new Preemption(1, SelfInitiated: true, FromCallsAtPriority: null)),
    };

    [Theory]
    [InlineData(DispatchRule.HomeBeatFirst)]
    [InlineData(DispatchRule.Preference)]
    [InlineData(DispatchRule.Closest)]
    public void PreemptingCall_TakesTheUnitItsRuleChooses_AmongUnitsOnSelfInitiatedWork(DispatchRule rule)
    {
        var sink = new ListTraceSink();
        var r = new PatrolSimulation(TwoBeats(rule)).Run(12, 0, sink);

        var zoneOf = new Dictionary<long, int>();
        var numberOf = new Dictionary<long, int>();
        var onActivity = new HashSet<long>();
        var arrivedAt = new Dictionary<long, (double T, double X, double Y)>();
        int checkedTakes = 0;
        var rows = sink.Rows;
        for (int i = 0; i < rows.Count; i++)
        {
            switch (rows[i])
            {
                case UnitOnDuty u:
                    zoneOf[u.Unit] = u.HomeZone;
                    numberOf[u.Unit] = u.Number;
                    break;
                case CallArrived a:
                    arrivedAt[a.Call] = (a.TimeMinutes, a.X, a.Y);
                    break;
                case ProactiveStarted p:
                    onActivity.Add(p.Unit);
                    break;
                case ProactiveEnded p:
                    // Taken by a call that arrived this instant (a normal end never coincides with an arrival): the call
                    // had found no free unit and chose among the units on activity, this one included.
                    if (i + 1 < rows.Count && rows[i + 1] is UnitDispatched d && d.Unit == p.Unit && arrivedAt[d.Call].T == p.TimeMinutes)
                    {
                        var (_, x, y) = arrivedAt[d.Call];
                        Assert.Equal(Expected(rule, onActivity, zoneOf, numberOf, x, y, d.X, d.Y, rows, i), p.Unit);
                        checkedTakes++;
                    }

                    onActivity.Remove(p.Unit);
                    break;
            }
        }

        Assert.True(checkedTakes > 30, $"{checkedTakes} preemptions checked");
        Assert.True(r.Overall[MetricCatalog.PreemptionsPerDay] * 20 >= checkedTakes);
    }

    /// <summary>The unit the rule takes: its beat's nearest, the first on the zone's list, or the nearest (positions from the trace).</summary>
    private static long Expected(DispatchRule rule, HashSet<long> onActivity, Dictionary<long, int> zoneOf, Dictionary<long, int> numberOf,
        double x, double y, double takenX, double takenY, List<TraceEvent> rows, int at)
    {
        int zone = x < 2 ? 0 : 1;
        var where = LastPositions(rows, at);
        double Distance(long u) => Math.Abs(where[u].X - x) + Math.Abs(where[u].Y - y);
        var nearest = onActivity.OrderBy(Distance).ThenBy(u => u);
        switch (rule)
        {
            case DispatchRule.HomeBeatFirst:
                return onActivity.Where(u => zoneOf[u] == zone).OrderBy(Distance).ThenBy(u => u).DefaultIfEmpty(nearest.First()).First();
            case DispatchRule.Preference:
                int[] list = zone == 0 ? [4, 3, 1, 2] : [1, 2, 4, 3];
                foreach (int n in list)
                {
                    long u = onActivity.FirstOrDefault(v => numberOf[v] == n, -1);
                    if (u >= 0)
                    {
                        return u;
                    }
                }

                return nearest.First();
            default:
                return nearest.First();
        }
    }

    /// <summary>Where each unit stands (units on an activity stand still where they started it).</summary>
    private static Dictionary<long, (double X, double Y)> LastPositions(List<TraceEvent> rows, int upTo)
    {
        var at = new Dictionary<long, (double X, double Y)>();
        for (int i = 0; i < upTo; i++)
        {
            switch (rows[i])
            {
                case UnitOnDuty u: at[u.Unit] = (u.X, u.Y); break;
                case UnitIdle u: at[u.Unit] = (u.X, u.Y); break;
                case UnitOnScene u: at[u.Unit] = (u.X, u.Y); break;
                case UnitReturning u: at[u.Unit] = (u.ToX, u.ToY); break;
            }
        }

        return at;
    }
}
