using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// Meal breaks' one start rule (docs/model.md): a due break starts when the unit is free of calls (idle or returning)
/// and no call of priority ≤ the defer limit waits; while a free unit's due break is deferred, it is retried every
/// 5 minutes; a busy unit's is tried when it comes free. Crews re-formed by a policy change keep their officers' break.
/// </summary>
public class MealBreakDefectTests
{
    private const double DeferMinutes = 5;

    /// <summary>
    /// Two 12-hour shifts of three officers (one two-officer car and one solo car, no travel), breaks due exactly 2 hours
    /// into the shift, deferred while a priority-1 call waits. Priority-1 calls are high risk and wait for their team of
    /// two (<c>engage: wait</c>); priority-2 calls are long, so the solo car is often busy when its break comes due. Freed
    /// while a priority-1 call waits, it cannot complete the team and goes back on patrol; the two-officer car, when
    /// freed, takes the call alone, and the solo car is left free with its break due.
    /// </summary>
    private static Scenario WithTeamCalls() => TestScenarios.Exact(44, 45, 40) with
    {
        Demand = new Demand(24, 1, TestScenarios.Flat,
        [
            new CallType("fight", 0.5, 1, new ExponentialDistribution(30), 2, RiskLevel.High, true),
            new CallType("report", 0.5, 2, new ExponentialDistribution(120), 1, RiskLevel.None, true),
        ], null),
        Staffing = new Staffing(1, [new Shift("day", 0, 12, 3, 2.0 / 3), new Shift("night", 12 * 60, 12, 3, 2.0 / 3)],
            Break: new MealBreak(new ConstantDistribution(30), 2, 2, DeferWhilePriorityAtMost: 1)),
        Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.Risk, RiskLevel.High, Engagement.Wait), DispatchPolicy.Closest, []),
    };

    [Fact]
    public void DueBreakOfAFreeUnit_IsRetriedEvery5Minutes_EvenAfterItCameFreeWithACallItMayNotTake()
    {
        var sink = new ListTraceSink();
        new PatrolSimulation(WithTeamCalls()).Run(3, 0, sink);

        // From the trace: each unit's break due time (its shift start + 2 h), whether it is free (idle or returning), and
        // the priority-1 calls waiting for their unit. A unit eligible for its break (free, due, not taken, nothing
        // urgent waiting) must start it within 5 minutes, or stop being eligible.
        var due = new Dictionary<long, double>();
        var free = new HashSet<long>();
        var taken = new HashSet<long>();
        var eligibleSince = new Dictionary<long, double>();
        var waiting = new HashSet<long>();
        double shiftStart = 0, worst = 0;
        int breaks = 0;
        foreach (var e in sink.Rows)
        {
            double t = e.TimeMinutes;
            foreach (var (unit, since) in eligibleSince)
            {
                worst = Math.Max(worst, t - since);
            }

            switch (e)
            {
                case ShiftStarted st: shiftStart = st.TimeMinutes; break;
                case UnitOnDuty u: due[u.Unit] = shiftStart + 120; free.Add(u.Unit); break;
                case UnitReturning r: free.Add(r.Unit); break;
                case UnitIdle i: free.Add(i.Unit); break;
                case UnitDispatched d: free.Remove(d.Unit); waiting.Remove(d.Call); break;
                case UnitOffDuty o: free.Remove(o.Unit); due.Remove(o.Unit); break;
                case MealBreakChanged b when b.Started: free.Remove(b.Unit); taken.Add(b.Unit); breaks++; break;
                case MealBreakChanged b: free.Add(b.Unit); break;
                case CallArrived a when a.Priority <= 1: waiting.Add(a.Call); break;
            }

            foreach (long u in due.Keys)
            {
                bool eligible = free.Contains(u) && t >= due[u] && !taken.Contains(u) && waiting.Count == 0;
                if (!eligible)
                {
                    eligibleSince.Remove(u);
                }
                else
                {
                    eligibleSince.TryAdd(u, t);
                }
            }
        }

        Assert.True(breaks > 100, $"{breaks} breaks");
        Assert.True(worst <= DeferMinutes + 1e-6, $"a free unit's due break waited {worst:F1} minutes with nothing urgent waiting");
    }

    [Fact]
    public void CrewsReformedByAnImmediateCrewChange_StillTakeTheirMealBreak()
    {
        // One 12-hour day shift of 8 officers, breaks due 4 hours in; at 07:00 on day 1, one hour into the shift, an
        // immediate window pairs everyone for 10 hours: every crew is re-formed before its break is due.
        var s = TestScenarios.SmallCity(0, BackupRule.None, Engagement.Alone, days: 3);
        s = s with
        {
            Demand = s.Demand with { CallsPerDay = 40 },
            Staffing = new Staffing(1, [new Shift("day", 6 * 60, 12, 8, null)],
                Break: new MealBreak(new ConstantDistribution(30), 4, 4, DeferWhilePriorityAtMost: 1)),
            Policy = s.Policy with { Changes = [new PolicyChange((1440 + 420), 10, new PolicyOverrides(TwoOfficerShare: 1.0), Immediate: true)] },
        };
        var sink = new ListTraceSink();
        new PatrolSimulation(s).Run(4, 0, sink);

        // Day 1's shift: 06:00 to 18:00. Its paired crews are the units that went on duty from 07:00 until the window closed at 17:00.
        var reformed = sink.Of<UnitOnDuty>().Where(u => u.TimeMinutes >= 1440 + 420 && u.TimeMinutes < 1440 + 1020).Select(u => u.Unit).ToHashSet();
        Assert.Equal(4, reformed.Count);
        var broke = sink.Of<MealBreakChanged>().Where(b => b.Started && reformed.Contains(b.Unit)).ToList();
        Assert.Equal(4, broke.Count);
        Assert.All(broke, b => Assert.True(b.TimeMinutes >= 1440 + 600 - 1e-9, $"break at {b.TimeMinutes}, before 10:00"));
    }

    [Fact]
    public void BusyRecordOfTheHypercubeComparison_CountsBreaksAsBusy_LikeUtilisation()
    {
        // One unit on a continuous shift, a few calls, a 60-minute break due 2 hours into each of its shifts: the time-share
        // the unit-state record marks the unit busy equals its committed share (utilisation), which counts the break.
        var s = TestScenarios.MMc(0.3, 20, 1, days: 10, warmupDays: 0) with
        {
            Staffing = new Staffing(1, [new Shift("day", 0, 12, 1, null), new Shift("night", 12 * 60, 12, 1, null)],
                Break: new MealBreak(new ConstantDistribution(60), 2, 2, DeferWhilePriorityAtMost: 1)),
        };
        var r = new PatrolSimulation(s, new SimulationOptions(TrackUnitStates: true)).Run(6, 0);
        double busyHours = (r.UnitBusyFraction![0] + r.UnitBusyFraction[1]) * 240;

        // Committed officer-hours = utilisation × on-duty officer-hours (all solo: soloPatrolHoursPerDay × 10 days).
        double committedHours = r.Overall[MetricCatalog.Utilization] * r.Overall[MetricCatalog.SoloPatrolHours] * 10;
        Assert.True(committedHours > 24, $"{committedHours} committed hours");
        Assert.Equal(committedHours, busyHours, 6);
    }
}
