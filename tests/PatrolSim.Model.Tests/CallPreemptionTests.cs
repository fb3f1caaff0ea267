using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>Preemption of calls: an urgent call takes the unit of a less urgent one, which resumes later with the on-scene time it still needed.</summary>
public class CallPreemptionTests
{
    /// <summary>One officer, no travel; P4 calls of exactly 60 minutes and P1 calls of exactly 20.</summary>
    private static Scenario OneOfficer(Preemption? preemption) => TestScenarios.MMc(1, 30, 1, days: 40, warmupDays: 0) with
    {
        Demand = new Demand(12, 1, TestScenarios.Flat,
        [
            new CallType("urgent", 0.35, 1, new ConstantDistribution(20), 1, RiskLevel.None, true),
            new CallType("routine", 0.65, 4, new ConstantDistribution(60), 1, RiskLevel.None, true),
        ], null),
        Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.None, RiskLevel.Medium, Engagement.Alone), DispatchPolicy.Closest, [], preemption),
    };

    [Fact]
    public void PreemptedCall_ResumesLater_ItsOnSceneTimeIsNeverLost()
    {
        var sink = new ListTraceSink();
        var r = new PatrolSimulation(OneOfficer(new Preemption(1, SelfInitiated: false, FromCallsAtPriority: 4))).Run(3, 0, sink);

        var preempted = sink.Of<UnitPreempted>().ToList();
        Assert.True(preempted.Count > 20, $"{preempted.Count} preemptions");
        Assert.Equal(preempted.Count, r.Overall[MetricCatalog.PreemptionsPerDay] * 40, 9);

        // Service time of each cleared routine call: from its service start to its clearance, less the time its
        // officer was away on urgent calls (preemption until the officer is back on scene). Exactly 60 minutes.
        var serviceStart = sink.Of<ServiceStarted>().ToDictionary(s => s.Call, s => s.TimeMinutes);
        var routine = sink.Of<CallArrived>().Where(a => a.Priority == 4).Select(a => a.Call).ToHashSet();
        var away = new Dictionary<long, double>();
        var awaySince = new Dictionary<long, double>();
        int resumed = 0;
        foreach (var e in sink.Rows)
        {
            switch (e)
            {
                case UnitPreempted p:
                    Assert.Contains(p.FromCall, routine);
                    Assert.DoesNotContain(p.ToCall, routine);
                    awaySince[p.FromCall] = p.TimeMinutes;
                    break;
                case UnitOnScene o when awaySince.Remove(o.Call, out double since):
                    away[o.Call] = away.GetValueOrDefault(o.Call) + (o.TimeMinutes - since);
                    resumed++;
                    break;
                case CallCleared c when routine.Contains(c.Call) && serviceStart.ContainsKey(c.Call):
                    Assert.Equal(60.0, c.TimeMinutes - serviceStart[c.Call] - away.GetValueOrDefault(c.Call), 6);
                    break;
            }
        }

        Assert.True(resumed > 20);
    }

    [Fact]
    public void Preemption_UrgentCallsNeverWaitForLessUrgentOnes_WithoutIt_TheyDo()
    {
        var with = new PatrolSimulation(OneOfficer(new Preemption(1, SelfInitiated: false, FromCallsAtPriority: 4))).Run(3, 0);
        var without = new PatrolSimulation(OneOfficer(null)).Run(3, 0);

        // With preemption a P1 call waits only behind other P1 calls; without, also for the routine call in service.
        Assert.True(with.ByPriority[1][MetricCatalog.QueueDelayMean] < 0.5 * without.ByPriority[1][MetricCatalog.QueueDelayMean]);
        Assert.Equal(with.Overall[MetricCatalog.CallsArrived], with.Overall[MetricCatalog.CallsServed] + with.Overall[MetricCatalog.CallsUnfinished]);
        Assert.True(with.ByPriority[4][MetricCatalog.ServiceStartMean] > 0);
    }
}
