using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

public class InvariantTests
{
    public static TheoryData<double, BackupRule, Engagement, DispatchRule> Policies => new()
    {
        { 0.0, BackupRule.None, Engagement.Alone, DispatchRule.Closest },
        { 0.0, BackupRule.Risk, Engagement.Alone, DispatchRule.HomeBeatFirst },
        { 0.0, BackupRule.AllCalls, Engagement.Wait, DispatchRule.Closest },
        { 0.5, BackupRule.Risk, Engagement.Wait, DispatchRule.HomeBeatFirst },
        { 1.0, BackupRule.AllCalls, Engagement.Alone, DispatchRule.Closest },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void EveryArrivedCall_IsServedOrUnfinished_ExactlyOnce(double share, BackupRule rule, Engagement engage, DispatchRule dispatch)
    {
        var sim = new PatrolSimulation(TestScenarios.SmallCity(share, rule, engage, dispatch: dispatch));
        for (int r = 0; r < 3; r++)
        {
            var result = sim.Run(42, r);
            Assert.Equal(result.Overall[MetricCatalog.CallsArrived], result.Overall[MetricCatalog.CallsServed] + result.Overall[MetricCatalog.CallsUnfinished]);
            foreach (var (p, v) in result.ByPriority)
            {
                Assert.Equal(v[MetricCatalog.CallsArrived], v[MetricCatalog.CallsServed] + v[MetricCatalog.CallsUnfinished]);
            }

            Assert.Equal(result.Overall[MetricCatalog.CallsArrived], result.ByPriority.Values.Sum(v => v[MetricCatalog.CallsArrived]));
        }
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Trace_TimeNeverDecreases_NoUnitOnTwoCalls_EachCallArrivesAndClearsOnce(double share, BackupRule rule, Engagement engage, DispatchRule dispatch)
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(TestScenarios.SmallCity(share, rule, engage, days: 5, dispatch: dispatch)).Run(9, 0, sink);
        Assert.NotEmpty(sink.Rows);

        double last = double.NegativeInfinity;
        var arrived = new HashSet<long>();
        var cleared = new HashSet<long>();
        var unitCall = new Dictionary<long, long>();
        var callUnits = new Dictionary<long, List<long>>();
        var offDuty = new HashSet<long>();
        foreach (var row in sink.Rows)
        {
            Assert.True(row.TimeMinutes >= last, $"time went back at {row}");
            last = row.TimeMinutes;
            switch (row)
            {
                case CallArrived or CallWithoutUnit:
                    Assert.True(arrived.Add(row.CallId), $"call {row.CallId} arrived twice");
                    break;
                case UnitDispatched d:
                    Assert.Contains(d.Call, arrived);
                    Assert.DoesNotContain(d.Call, cleared);
                    Assert.DoesNotContain(d.Unit, offDuty);
                    Assert.False(unitCall.ContainsKey(d.Unit), $"unit {d.Unit} sent to call {d.Call} while on call {(unitCall.TryGetValue(d.Unit, out long c) ? c : -1)}");
                    unitCall[d.Unit] = d.Call;
                    (callUnits.TryGetValue(d.Call, out var list) ? list : callUnits[d.Call] = []).Add(d.Unit);
                    break;
                case UnitOnScene o:
                    Assert.Equal(o.Call, unitCall[o.Unit]);
                    break;
                case CallCleared cl:
                    Assert.True(cleared.Add(cl.Call), $"call {cl.Call} cleared twice");
                    foreach (long u in callUnits.GetValueOrDefault(cl.Call, []))
                    {
                        unitCall.Remove(u);
                    }

                    break;
                case UnitOffDuty off:
                    Assert.False(unitCall.ContainsKey(off.Unit), $"unit {off.Unit} went off duty during a call");
                    offDuty.Add(off.Unit);
                    break;
            }
        }

        Assert.Subset(arrived, cleared);
    }

    [Fact]
    public void CommittedOfficerTime_EqualsSumOverDispatchesOfOfficersTimesTime()
    {
        // No travel, no warm-up, a continuous shift: committed time is exactly dispatch -> clear per officer.
        var s = TestScenarios.MMc(10, 20, 5, days: 10, warmupDays: 0, twoOfficerShare: 0.4, backup: BackupRule.Risk, risk: RiskLevel.High);
        var sink = new ListTraceSink();
        var result = new PatrolSimulation(s).Run(5, 0, sink);

        var dispatched = new Dictionary<long, List<(double Time, int Officers)>>();
        double committed = 0;
        foreach (var row in sink.Rows)
        {
            if (row is UnitDispatched d)
            {
                (dispatched.TryGetValue(d.Call, out var l) ? l : dispatched[d.Call] = []).Add((d.TimeMinutes, d.Officers));
            }
            else if (row is CallCleared c)
            {
                committed += dispatched[c.Call].Sum(x => (c.TimeMinutes - x.Time) * x.Officers);
                dispatched.Remove(c.Call);
            }
        }

        double horizon = 10 * 1440;
        committed += dispatched.Values.SelectMany(l => l).Sum(d => (horizon - d.Time) * d.Officers);
        double onDutyOfficerMinutes = 5 * horizon;
        Assert.Equal(committed / onDutyOfficerMinutes, result.Overall[MetricCatalog.Utilization], 6);
    }
}
