using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>The policy rules of issue 11, each against the case that broke it.</summary>
public class PolicyRuleTests
{
    private static Scenario TwoSoloCarsWaitingForBackup(double days = 30) => TestScenarios.MMc(1, 30, 2, days: days, warmupDays: 0) with
    {
        Demand = new Demand(24, 1, TestScenarios.Flat,
        [
            new CallType("p1", 0.2, 1, new ExponentialDistribution(30), 2, RiskLevel.High, true),
            new CallType("p2", 0.3, 2, new ExponentialDistribution(30), 2, RiskLevel.Medium, true),
            new CallType("p3", 0.5, 3, new ExponentialDistribution(30), 1, RiskLevel.None, true),
        ], null),
        Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.None, RiskLevel.Medium, Engagement.Wait), DispatchPolicy.Closest, []),
    };

    [Fact]
    public void EngageWait_TwoSoloCars_NoStall_EveryCallBeforeTheLastDayIsServed()
    {
        // Before the fix, 547 of 701 calls were unfinished: two calls each held one staged officer forever.
        var sink = new ListTraceSink();
        var r = new PatrolSimulation(TwoSoloCarsWaitingForBackup()).Run(1, 0, sink);
        Assert.True(r.Overall[MetricCatalog.CallsArrived] > 600);
        Assert.True(r.Overall[MetricCatalog.CallsUnfinished] < 0.01 * r.Overall[MetricCatalog.CallsArrived], $"{r.Overall[MetricCatalog.CallsUnfinished]} unfinished");
        var cleared = sink.Of<CallCleared>().Select(c => c.Call).ToHashSet();
        Assert.All(sink.Of<CallArrived>().Where(a => a.TimeMinutes < 29 * 1440), a => Assert.Contains(a.Call, cleared));
    }

    [Fact]
    public void EngageWait_TeamIsSentTogether_ServiceStartsWhenAllAreOnScene()
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(TwoSoloCarsWaitingForBackup(days: 10)).Run(2, 0, sink);
        var dispatches = sink.Of<UnitDispatched>().GroupBy(d => d.Call).ToDictionary(g => g.Key, g => g.ToList());
        var onScene = sink.Of<UnitOnScene>().GroupBy(o => o.Call).ToDictionary(g => g.Key, g => g.Max(o => o.TimeMinutes));
        foreach (var a in sink.Of<CallArrived>().Where(a => a.OfficersNeeded == 2 && dispatches.ContainsKey(a.Call)))
        {
            // Both cars leave at the same moment: no car is ever staged by a call whose team cannot be completed.
            var d = dispatches[a.Call];
            Assert.Equal(2, d.Count);
            Assert.Equal(d[0].TimeMinutes, d[1].TimeMinutes);
        }

        foreach (var s in sink.Of<ServiceStarted>())
        {
            Assert.Equal(onScene[s.Call], s.TimeMinutes);
        }
    }

    [Fact]
    public void Staging_IsItsOwnMetric_ServiceStartIsResponsePlusStaging()
    {
        var wait = new PatrolSimulation(TestScenarios.SmallCity(0, BackupRule.Risk, Engagement.Wait, days: 8)).Run(4, 0);
        Assert.True(wait.Overall[MetricCatalog.StagingMean] > 0.1, "officers stage for their backup under engage: wait");
        Assert.Equal(wait.Overall[MetricCatalog.ResponseMean] + wait.Overall[MetricCatalog.StagingMean], wait.Overall[MetricCatalog.ServiceStartMean], 9);

        var alone = new PatrolSimulation(TestScenarios.SmallCity(0, BackupRule.Risk, Engagement.Alone, days: 8)).Run(4, 0);
        Assert.Equal(0.0, alone.Overall[MetricCatalog.StagingMean]);
        Assert.Equal(alone.Overall[MetricCatalog.ResponseMean], alone.Overall[MetricCatalog.ServiceStartMean], 9);
    }

    [Fact]
    public void ImmediateCrewChange_ReformsTheOfficersOnDuty_NoSecondRoster_NoOvertime()
    {
        // One continuous shift of 10 officers: no shift ever ends, so any overtime would be invented.
        var s = TestScenarios.SmallCity(0, BackupRule.Risk, Engagement.Alone, days: 6) with
        {
            Staffing = new Staffing(1, [new Shift("all day", 0, 24, 10, null)]),
        };
        s = s with { Policy = s.Policy with { Changes = [new PolicyChange(2 * 1440, 36, new PolicyOverrides(TwoOfficerShare: 1.0), Immediate: true)] } };
        var sink = new ListTraceSink();
        var r = new PatrolSimulation(s).Run(3, 0, sink);

        Assert.Equal(0.0, r.Overall[MetricCatalog.OvertimeHours]);
        Assert.Single(sink.Of<ShiftStarted>()); // only the roster formed at time zero
        Assert.Empty(sink.Of<UnitOffDuty>());

        // Inside the window every unit formed is a pair; the officers on duty never exceed the 10 rostered.
        var officersOf = new Dictionary<long, int>();
        foreach (var d in sink.Of<UnitDispatched>())
        {
            officersOf[d.Unit] = d.Officers;
        }

        var dissolved = sink.Of<CrewDissolved>().ToList();
        Assert.NotEmpty(dissolved);
        Assert.All(dissolved, d => Assert.True(d.TimeMinutes >= 2 * 1440));
        double open = 2 * 1440, close = open + (36 * 60);
        var lateInWindow = sink.Of<UnitDispatched>().Where(d => d.TimeMinutes > open + 600 && d.TimeMinutes < close).ToList();
        Assert.NotEmpty(lateInWindow);
        Assert.All(lateInWindow, d => Assert.Equal(2, d.Officers));

        // Officers in units on duty, from the trace: never more than the 10 rostered (before the fix: 10 + the busy ones).
        int onDuty = 0, most = 0;
        var crew = new Dictionary<long, int>();
        foreach (var e in sink.Rows)
        {
            switch (e)
            {
                case UnitOnDuty u:
                    crew[u.Unit] = u.Officers;
                    onDuty += u.Officers;
                    most = Math.Max(most, onDuty);
                    break;
                case CrewDissolved d:
                    onDuty -= crew[d.Unit];
                    break;
            }
        }

        Assert.Equal(10, most);
    }
}

public class PolicyRuleArrivalTests
{
    [Fact]
    public void EngagementWindow_RulesAreThoseInForceWhenTheCallArrived()
    {
        // Engagement switches to wait from day 2 to day 4. A call keeps the rule of its arrival time, even when
        // its officers reach it after the switch.
        double open = 2 * 1440, close = 4 * 1440;
        var s = TestScenarios.SmallCity(0, BackupRule.Risk, Engagement.Alone, days: 6);
        s = s with { Policy = s.Policy with { Changes = [new PolicyChange(open, 48, new PolicyOverrides(Engage: Engagement.Wait), Immediate: false)] } };
        var sink = new ListTraceSink();
        new PatrolSimulation(s).Run(5, 0, sink);

        var arrived = sink.Of<CallArrived>().ToDictionary(a => a.Call);
        var firstOnScene = sink.Of<UnitOnScene>().GroupBy(o => o.Call).ToDictionary(g => g.Key, g => g.Min(o => o.TimeMinutes));
        var lastOnScene = sink.Of<UnitOnScene>().GroupBy(o => o.Call).ToDictionary(g => g.Key, g => g.Max(o => o.TimeMinutes));
        int checkedAlone = 0, checkedWait = 0;
        foreach (var started in sink.Of<ServiceStarted>())
        {
            var a = arrived[started.Call];
            if (a.OfficersNeeded < 2)
            {
                continue;
            }

            if (a.TimeMinutes >= open && a.TimeMinutes < close)
            {
                Assert.Equal(lastOnScene[started.Call], started.TimeMinutes);
                checkedWait++;
            }
            else
            {
                Assert.Equal(firstOnScene[started.Call], started.TimeMinutes);
                checkedAlone++;
            }
        }

        Assert.True(checkedAlone > 30 && checkedWait > 30, $"{checkedAlone} alone, {checkedWait} wait");
    }

    [Theory]
    [InlineData(0.0, 5, 120.0)] // 5 solo cars all day
    [InlineData(1.0, 4, 0.0)] // 2 pairs
    [InlineData(0.5, 4, 48.0)] // 1 pair + 2 solo cars
    public void SoloPatrolHours_AreOfficerHoursInOneOfficerCars(double share, int officers, double expectedPerDay)
    {
        var r = new PatrolSimulation(TestScenarios.MMc(1, 20, officers, days: 5, warmupDays: 1, twoOfficerShare: share)).Run(1, 0);
        Assert.Equal(expectedPerDay, r.Overall[MetricCatalog.SoloPatrolHours], 9);
    }
}
