using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Tests;

/// <summary>The waiting line is served by priority, then in arrival order.</summary>
public class QueueOrderTests
{
    [Fact]
    public void WaitingCalls_AreDispatchedByPriority_ThenInArrivalOrder()
    {
        // One car, 20-minute calls at 90% load: a long line forms. 30% of calls are P1, 70% P3.
        var s = TestScenarios.Exact(callsPerDay: 2.7 * 24, onSceneMinutes: 20, days: 20, TestScenarios.AllDay(1)) with
        {
            Demand = new Demand(2.7 * 24, 1, TestScenarios.Flat,
            [
                new CallType("urgent", 0.3, 1, new ConstantDistribution(20), 1, RiskLevel.None, true),
                new CallType("routine", 0.7, 3, new ConstantDistribution(20), 1, RiskLevel.None, true),
            ], null),
        };
        var calls = CallList.Run(s, 17).Calls.Calls.Where(c => c.FirstDispatchMinutes is not null).OrderBy(c => c.ArrivalMinutes).ToList();

        int overtaken = 0;
        for (int i = 0; i < calls.Count; i++)
        {
            var earlier = calls[i];
            for (int j = i + 1; j < calls.Count && calls[j].ArrivalMinutes < earlier.FirstDispatchMinutes; j++)
            {
                // calls[j] arrived while calls[i] was still waiting.
                var later = calls[j];
                if (later.Priority < earlier.Priority)
                {
                    Assert.True(later.FirstDispatchMinutes < earlier.FirstDispatchMinutes, $"P{later.Priority} call {later.Id} was not served before waiting P{earlier.Priority} call {earlier.Id}");
                    overtaken++;
                }
                else
                {
                    Assert.True(later.FirstDispatchMinutes > earlier.FirstDispatchMinutes, $"call {later.Id} overtook call {earlier.Id} of the same or higher priority");
                }
            }
        }

        Assert.True(overtaken > 100, $"only {overtaken} P3 calls were overtaken; the case does not exercise the order");
    }
}
