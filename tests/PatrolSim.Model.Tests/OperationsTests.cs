using PatrolSim.Analytic;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>Operations (issue 12): absences, weekday rosters, report writing, officers pulled to posts, event demand.</summary>
public class OperationsTests
{
    private static ConfidenceInterval Ci(Scenario s, int metric, int reps = 24, ulong seed = 12) =>
        ConfidenceInterval.StudentT(Enumerable.Range(0, reps).AsParallel().Select(r => new PatrolSimulation(s).Run(seed, r))
            .OrderBy(r => r.Replication).Select(r => r.Overall[metric]).ToArray(), 0.999);

    [Fact]
    public void AbsenceShare_TakesThatShareOfScheduledOfficersOffTheRoster()
    {
        // 10 scheduled, 20% absent: 8 officers in solo cars all day, every day.
        var s = TestScenarios.MMc(1, 20, 10, days: 6, warmupDays: 1) with { Staffing = new Staffing(1, [new Shift("all day", 0, 24, 10, null)], AbsenceShare: 0.2) };
        Assert.Equal(8 * 24.0, new PatrolSimulation(s).Run(1, 0).Overall[MetricCatalog.SoloPatrolHours], 9);
    }

    [Fact]
    public void WeekdayRoster_ShiftRunsOnItsDays_WithThatDaysOfficers()
    {
        // An 08:00–16:00 shift Monday to Friday with 2, 3, 4, 5, 6 officers; 14 days from a Monday: 2 × (2+3+4+5+6) × 8 officer-hours
        // in solo cars, plus any overtime finishing a call (also in solo cars).
        var shift = new Shift("weekdays", 8 * 60, 8, 1, null, Days: [0, 1, 2, 3, 4], OfficersByWeekday: [2, 3, 4, 5, 6, 9, 9]);
        var s = TestScenarios.MMc(0.5, 10, 1, days: 14, warmupDays: 0) with { Staffing = new Staffing(1, [shift]) };
        var sink = new ListTraceSink();
        var r = new PatrolSimulation(s).Run(2, 0, sink);
        Assert.Equal((2 * 20 * 8) + (r.Overall[MetricCatalog.OvertimeHours] * 14), r.Overall[MetricCatalog.SoloPatrolHours] * 14, 6);
        var starts = sink.Of<ShiftStarted>().ToList();
        Assert.Equal(10, starts.Count);
        Assert.Equal([2, 3, 4, 5, 6, 2, 3, 4, 5, 6], starts.Select(x => x.Officers));
        Assert.All(starts, x => Assert.True((int)(x.TimeMinutes / 1440) % 7 < 5, "no weekend shift"));
    }

    [Fact]
    public void ReportWriting_KeepsTheUnitBusy_NotOnScene_PollaczekKhinchine()
    {
        // One officer, Poisson 1 call an hour, 20 minutes on scene then exactly 10 writing the report: M/D/1 with
        // 30-minute service, rho = 0.5, mean wait = lambda E[S^2] / (2 (1 - rho)) = (1/60) 900 / 1 = 15 minutes.
        var s = TestScenarios.MMc(1, 20, 1, days: 200, warmupDays: 2) with
        {
            Demand = new Demand(24, 1, TestScenarios.Flat,
                [new CallType("call", 1, 1, new ConstantDistribution(20), 1, RiskLevel.Low, true, Report: new ConstantDistribution(10))], null),
        };
        var wait = Ci(s, MetricCatalog.QueueDelayMean);
        Assert.True(wait.Contains(15), $"mean wait CI [{wait.Low:F2}, {wait.High:F2}] misses 15");
        Assert.False(wait.Contains(20.0 * 20 / 60 / (2 * (1 - (20.0 / 60)))), "without the report the wait would be 5 minutes");

        // Exposure counts the time on scene only: exactly 20 minutes alone per low-risk call.
        Assert.Equal(20.0, new PatrolSimulation(s).Run(1, 0).Overall[MetricCatalog.SoloMinutesLow], 9);
    }

    [Fact]
    public void PullWindow_ForTheWholeRun_EqualsTheSameCityWithFewerOfficers_ErlangC()
    {
        // M/M/12 at 8 erlangs, 2 officers pulled to a post from time 0 to the end: M/M/10.
        var s = TestScenarios.MMc(16, 30, 12, days: 60);
        s = s with { Policy = s.Policy with { Changes = [new PolicyChange(0, 24 * 70, new PolicyOverrides(PullOfficers: 2), Immediate: true)] } };
        var pWait = Ci(s, MetricCatalog.ProbDelayed);
        double mmc10 = ErlangFormulas.ErlangC(8, 10), mmc12 = ErlangFormulas.ErlangC(8, 12);
        Assert.True(pWait.Contains(mmc10), $"P(wait) CI [{pWait.Low:F4}, {pWait.High:F4}] misses Erlang C(8, 10) = {mmc10:F4}");
        Assert.False(pWait.Contains(mmc12));

        // Pulled officers are on duty at their post, not on patrol: 10 officers' hours in solo cars.
        Assert.Equal(10 * 24.0, new PatrolSimulation(s).Run(1, 0).Overall[MetricCatalog.SoloPatrolHours], 6);
    }

    [Fact]
    public void PullWindow_BusyOfficersLeaveWhenTheirCallClears_AndAllComeBack()
    {
        var s = TestScenarios.SmallCity(0, BackupRule.None, Engagement.Alone, days: 4);
        s = s with { Policy = s.Policy with { Changes = [new PolicyChange(1.5 * 1440, 6, new PolicyOverrides(PullOfficers: 4), Immediate: true)] } };
        var sink = new ListTraceSink();
        new PatrolSimulation(s).Run(6, 0, sink);
        double open = 1.5 * 1440, close = open + 360;
        var pulls = sink.Of<UnitPulled>().ToList();
        var onCall = new Dictionary<long, long>();
        var pulledNow = new HashSet<long>();
        foreach (var e in sink.Rows)
        {
            switch (e)
            {
                case UnitDispatched d:
                    Assert.DoesNotContain(d.Unit, pulledNow); // a pulled unit is never dispatched
                    onCall[d.Unit] = d.Call;
                    break;
                case CallCleared c:
                    foreach (var u in onCall.Where(kv => kv.Value == c.Call).Select(kv => kv.Key).ToList())
                    {
                        onCall.Remove(u);
                    }

                    break;
                case UnitPulled p when p.Pulled:
                    Assert.InRange(p.TimeMinutes, open, close);
                    Assert.False(onCall.ContainsKey(p.Unit), "a unit on a call is pulled only when it clears");
                    pulledNow.Add(p.Unit);
                    break;
                case UnitPulled p:
                    Assert.Equal(close, p.TimeMinutes);
                    pulledNow.Remove(p.Unit);
                    break;
            }
        }

        Assert.True(pulls.Count(p => p.Pulled) >= 4);
        // Every unit still pulled at the end went off duty with its shift while at its post.
        var offDuty = sink.Of<UnitOffDuty>().Select(o => o.Unit).ToHashSet();
        Assert.Subset(offDuty, pulledNow);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public void DemandWindow_ScalesCallVolume_KeepingTheBaseCalls(double multiplier)
    {
        var s = TestScenarios.MMc(6, 20, 10, days: 30, warmupDays: 0);
        var windowed = s with { Policy = s.Policy with { Changes = [new PolicyChange(0, 24 * 40, new PolicyOverrides(DemandMultiplier: multiplier), Immediate: false)] } };
        var baseCalls = new ListCallSink();
        var eventCalls = new ListCallSink();
        new PatrolSimulation(s).Run(4, 0, calls: baseCalls);
        new PatrolSimulation(windowed).Run(4, 0, calls: eventCalls);

        // Volume: Poisson counts, 30 days × 144 a day × multiplier, within 5 standard deviations.
        double expected = 30 * 144 * multiplier;
        Assert.InRange(eventCalls.Calls.Count, expected - (5 * Math.Sqrt(expected)), expected + (5 * Math.Sqrt(expected)));

        // Common random numbers: with extra calls every base call is still there, at the same time; thinned, every
        // remaining call is a base call.
        var baseTimes = baseCalls.Calls.Select(c => c.ArrivalMinutes).ToHashSet();
        var eventTimes = eventCalls.Calls.Select(c => c.ArrivalMinutes).ToHashSet();
        Assert.True(multiplier > 1 ? baseTimes.IsSubsetOf(eventTimes) : eventTimes.IsSubsetOf(baseTimes));
    }
}

public class BackupOnlyUnitTests
{
    private static Scenario WithBackupOnly(RiskLevel? firstFrom)
    {
        var s = TestScenarios.SmallCity(0, BackupRule.Risk, Engagement.Alone, days: 6);
        return s with
        {
            Staffing = new Staffing(1, [.. s.Staffing.Shifts.Select(sh => sh with { BackupOnlyOfficers = 3 })]),
            Policy = s.Policy with { Backup = s.Policy.Backup with { MinRisk = RiskLevel.Low }, BackupUnits = new BackupUnitsPolicy(firstFrom, PreferForBackup: true) },
        };
    }

    [Theory]
    [InlineData(null)]
    [InlineData(RiskLevel.High)]
    public void BackupOnlyUnits_NeverTakeAFirstResponse_BelowTheirRiskLevel_AndBackUpOthers(RiskLevel? firstFrom)
    {
        // Four replications: a first response by a backup-only unit needs a high-risk call while it is the nearest free
        // unit, a few times a replication, so one short replication may see none.
        int asBackup = 0, asFirst = 0;
        for (int replication = 0; replication < 4; replication++)
        {
            var sink = new ListTraceSink();
            new PatrolSimulation(WithBackupOnly(firstFrom)).Run(5, replication, sink);
            var backupOnly = sink.Of<UnitOnDuty>().Where(u => u.BackupOnly).Select(u => u.Unit).ToHashSet();
            Assert.NotEmpty(backupOnly);
            var risk = sink.Of<CallArrived>().ToDictionary(a => a.Call, a => a.CallType);
            foreach (var call in sink.Of<UnitDispatched>().GroupBy(d => d.Call))
            {
                var units = call.ToList();
                if (backupOnly.Contains(units[0].Unit))
                {
                    // First response by a backup-only unit: only to a call at or above the threshold (SmallCity's high-risk type is "domestic").
                    Assert.True(firstFrom is not null && risk[call.Key] == "domestic", $"backup-only unit {units[0].Unit} sent first to a {risk[call.Key]} call");
                    asFirst++;
                }

                asBackup += units.Skip(1).Count(d => backupOnly.Contains(d.Unit));
            }
        }

        Assert.True(asBackup > 200, $"{asBackup} backups by backup-only units");
        Assert.Equal(firstFrom is not null, asFirst > 0);
    }
}

public class MealBreakTests
{
    private static Scenario WithBreaks(double callsPerDay)
    {
        var s = TestScenarios.SmallCity(0, BackupRule.None, Engagement.Alone, days: 5);
        return s with
        {
            Demand = s.Demand with { CallsPerDay = callsPerDay },
            Staffing = s.Staffing with { Break = new MealBreak(new ConstantDistribution(30), 3, 5, DeferWhilePriorityAtMost: 1) },
        };
    }

    [Theory]
    [InlineData(60.0)]
    [InlineData(400.0)]
    public void EveryUnit_TakesOneBreak_InItsWindowOrLater_NeverWhileAPriority1CallWaits(double callsPerDay)
    {
        var s = WithBreaks(callsPerDay);
        var sink = new ListTraceSink();
        new PatrolSimulation(s).Run(8, 0, sink);
        var shiftOf = new Dictionary<long, double>(); // unit -> its shift's start (minutes)
        var starts = sink.Of<ShiftStarted>().ToList();
        var priority = new Dictionary<long, int>();
        var waitingP1 = new HashSet<long>();
        var breaks = new Dictionary<long, int>();
        double lastShiftStart = 0;
        foreach (var e in sink.Rows)
        {
            switch (e)
            {
                case ShiftStarted st:
                    lastShiftStart = st.TimeMinutes;
                    break;
                case UnitOnDuty u:
                    shiftOf[u.Unit] = lastShiftStart;
                    break;
                case CallArrived a:
                    priority[a.Call] = a.Priority;
                    if (a.Priority == 1)
                    {
                        waitingP1.Add(a.Call);
                    }

                    break;
                case UnitDispatched d:
                    waitingP1.Remove(d.Call);
                    break;
                case MealBreakChanged b when b.Started:
                    Assert.Empty(waitingP1);
                    breaks[b.Unit] = breaks.GetValueOrDefault(b.Unit) + 1;
                    // Units formed at time 0 for a shift already running may be due at once; the others not before start + 3 h.
                    Assert.True(shiftOf[b.Unit] == 0 || b.TimeMinutes >= shiftOf[b.Unit] + 180 - 1e-9, $"unit {b.Unit} broke at {b.TimeMinutes}, shift start {shiftOf[b.Unit]}");
                    break;
            }
        }

        Assert.All(breaks.Values, n => Assert.Equal(1, n));

        // Units on duty past their break window (start + 5 h) plus the break itself nearly all took it; light load: all.
        var offAt = sink.Of<UnitOffDuty>().ToDictionary(o => o.Unit, o => o.TimeMinutes);
        var eligible = shiftOf.Where(kv => kv.Value > 0 && offAt.TryGetValue(kv.Key, out double off) && off >= kv.Value + 330).Select(kv => kv.Key).ToList();
        Assert.NotEmpty(eligible);
        double taken = eligible.Count(breaks.ContainsKey) / (double)eligible.Count;
        Assert.True(callsPerDay < 100 ? taken == 1 : taken > 0.8, $"{taken:P0} of eligible units took their break");

        // Every break ends 30 minutes after it starts, unless the unit's shift ended first.
        var started = sink.Of<MealBreakChanged>().Where(x => x.Started).ToDictionary(x => x.Unit, x => x.TimeMinutes);
        foreach (var end in sink.Of<MealBreakChanged>().Where(x => !x.Started))
        {
            Assert.Equal(started[end.Unit] + 30, end.TimeMinutes, 6);
        }
    }

    /// <summary>
    /// A demand window's extra calls run only while it is open (outside it every candidate would be thinned away, so
    /// none is drawn there): all of them arrive inside the window, as many as the multiplier asks for there, every
    /// base call is still there at the same time, and no event is spent outside the window.
    /// </summary>
    [Fact]
    public void DemandWindow_ExtraCallsArriveOnlyWhileTheWindowIsOpen()
    {
        var s = TestScenarios.MMc(6, 20, 10, days: 30, warmupDays: 0);
        double from = 10 * 24 * 60, hours = 48;
        var windowed = s with { Policy = s.Policy with { Changes = [new PolicyChange(from, hours, new PolicyOverrides(DemandMultiplier: 2.0), Immediate: false)] } };
        var plain = new PatrolSimulation(s);
        var withWindow = new PatrolSimulation(windowed);
        int extraCalls = 0;
        for (int r = 0; r < 4; r++)
        {
            var baseCalls = new ListCallSink();
            var eventCalls = new ListCallSink();
            long baseEvents = plain.Run(4, r, calls: baseCalls).Events;
            long windowedEvents = withWindow.Run(4, r, calls: eventCalls).Events;

            var baseTimes = baseCalls.Calls.Select(c => c.ArrivalMinutes).ToHashSet();
            var extra = eventCalls.Calls.Where(c => !baseTimes.Contains(c.ArrivalMinutes)).ToList();
            Assert.Equal(baseCalls.Calls.Count + extra.Count, eventCalls.Calls.Count);
            Assert.All(extra, c => Assert.InRange(c.ArrivalMinutes, from, from + (hours * 60)));
            extraCalls += extra.Count;

            // On M/M/c (no travel) a call is two events, its arrival and its clearance: the run with the window has
            // the base run's events, two per extra call, the window's opening and closing, and at most one candidate
            // left pending at the closing (stale). Candidates drawn all month and thinned away outside the window
            // would add thousands.
            Assert.InRange(windowedEvents - baseEvents - (2 * extra.Count), 2, 3);
        }

        // Poisson: 4 replications × 48 hours × 6 an hour × (2 − 1), within 5 standard deviations.
        double expected = 4 * hours * 6;
        Assert.InRange(extraCalls, expected - (5 * Math.Sqrt(expected)), expected + (5 * Math.Sqrt(expected)));
    }
}
