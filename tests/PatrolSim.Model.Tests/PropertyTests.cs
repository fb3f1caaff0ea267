using CsCheck;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// Invariants over generated small scenarios (CsCheck shrinks a failure to a minimal case): every call is
/// served once or reported unfinished, no unit is in two places, no configuration stalls, overtime only
/// accrues after a shift's end.
/// </summary>
public class PropertyTests
{
    /// <summary>A small city at a moderate load: 1-3 shifts, any crew mix, backup rule, engagement, dispatch rule, 1-3 officers per call.</summary>
    private static readonly Gen<Scenario> SmallScenario =
        Gen.Select(
            Gen.Int[1, 3], // shifts
            Gen.Int[2, 6], // officers per shift
            Gen.Double[0, 1], // two-officer share
            Gen.Enum<BackupRule>(),
            Gen.Enum<Engagement>(),
            Gen.Enum<DispatchRule>(),
            Gen.Int[1, 3], // officers the risky call type needs
            Gen.Bool) // self-initiated work on
        .Select(Gen.Int[0, 1000], (t, seedSalt) => Build(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8, seedSalt))
        .Select(Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 3], (s, reserve, preempt, intake) => s with
        {
            // Dispatch realism: a reserve (possibly larger than the roster), preemption of self-initiated work, call handling.
            Policy = s.Policy with
            {
                Dispatch = s.Policy.Dispatch with { Reserve = reserve == 0 ? null : new ReserveRule(3, reserve * 2) },
                Preemption = preempt ? new Preemption(1, true, intake % 2 == 0 ? 3 : null) : null,
            },
            CallHandling = intake == 0 ? CallHandling.None
                : new CallHandling(new Dictionary<int, Distribution> { [1] = new ConstantDistribution(intake) }, new ExponentialDistribution(intake), new ConstantDistribution(0.5)),
        });

    private static Scenario Build(int shifts, int officers, double share, BackupRule backup, Engagement engage, DispatchRule dispatch,
        int riskyOfficers, bool selfInitiated, int salt)
    {
        var s = TestScenarios.SmallCity(share, backup, engage, days: 8, dispatch: dispatch);
        double hours = 24.0 / shifts;
        var list = Enumerable.Range(0, shifts).Select(k => new Shift($"s{k}", k * hours * 60, shifts == 1 ? 24 : hours + 1, officers, null,
            BackupOnlyOfficers: salt % 3 == 0 ? 2 : 0)).ToList();

        // Demand stays well below capacity (about a third of the officer-hours), so any call left waiting
        // for a day is a stall, not congestion.
        double callsPerDay = Math.Max(4, officers * 24 / 3.0 / 0.6 / 1.5) * (0.8 + (salt % 5 / 10.0));
        var types = s.Demand.CallTypes.Select(t => t.Name == "domestic" ? t with { Officers = riskyOfficers } : t).ToList();
        var si = selfInitiated ? new SelfInitiated(0.3, new ExponentialDistribution(20), RiskLevel.Low) : null;
        var prefs = s.City.Zones.Select((z, i) => (z.Id, List: (IReadOnlyList<int>)[.. Enumerable.Range(1, shifts * officers).Select(n => ((n + i - 1) % (shifts * officers)) + 1)]))
            .ToDictionary(x => x.Id, x => x.List);
        return s with
        {
            Demand = s.Demand with { CallsPerDay = callsPerDay, CallTypes = types, SelfInitiated = si },
            Staffing = new Staffing(1, list),
            Policy = s.Policy with { Dispatch = s.Policy.Dispatch with { Preferences = prefs } },
        };
    }

    [Fact]
    public void GeneratedScenarios_CallsServedOnce_NoUnitInTwoPlaces_NoStall_OvertimeOnlyAfterShiftEnd()
    {
        SmallScenario.Sample(s =>
        {
            var sink = new ListTraceSink();
            var r = new PatrolSimulation(s).Run(17, 0, sink);
            Assert.Equal(r.Overall[MetricCatalog.CallsArrived], r.Overall[MetricCatalog.CallsServed] + r.Overall[MetricCatalog.CallsUnfinished]);
            CheckTrace(sink, s.Horizon.Days * 1440, everyCallServed: s.Policy.Dispatch.Reserve is null);
        }, iter: 60, threads: 1);
    }

    private static void CheckTrace(ListTraceSink sink, double horizonMinutes, bool everyCallServed)
    {
        // A stall is a day without progress (no dispatch, no clearance) while calls are open.
        double lastProgress = 0;
        int open = 0;
        var arrived = new Dictionary<long, double>();
        var cleared = new HashSet<long>();
        var unitCall = new Dictionary<long, long>();
        var callUnits = new Dictionary<long, List<long>>();
        var onProactive = new HashSet<long>();
        var lastCleared = new Dictionary<long, double>();
        double lastShiftEnd = double.NegativeInfinity;
        foreach (var e in sink.Rows)
        {
            if (open > 0)
            {
                Assert.True(e.TimeMinutes - lastProgress <= 1440, $"stall: {open} calls open and no dispatch or clearance from {lastProgress:0.#} to {e.TimeMinutes:0.#} min");
            }

            if (e is UnitDispatched or CallCleared)
            {
                lastProgress = e.TimeMinutes;
            }

            switch (e)
            {
                case CallArrived a:
                    Assert.True(arrived.TryAdd(a.Call, a.TimeMinutes), $"call {a.Call} arrived twice");
                    if (open++ == 0)
                    {
                        lastProgress = a.TimeMinutes;
                    }

                    break;
                case UnitDispatched d:
                    Assert.False(unitCall.ContainsKey(d.Unit), $"unit {d.Unit} sent to call {d.Call} while on another call");
                    Assert.DoesNotContain(d.Call, cleared);
                    onProactive.Remove(d.Unit); // an interrupted activity ends with the dispatch
                    unitCall[d.Unit] = d.Call;
                    (callUnits.TryGetValue(d.Call, out var l) ? l : callUnits[d.Call] = []).Add(d.Unit);
                    break;
                case UnitPreempted pre:
                    // The unit leaves the less urgent call; its next dispatch is to the urgent one.
                    Assert.Equal(pre.FromCall, unitCall[pre.Unit]);
                    unitCall.Remove(pre.Unit);
                    callUnits[pre.FromCall].Remove(pre.Unit);
                    break;
                case ProactiveStarted p:
                    Assert.False(unitCall.ContainsKey(p.Unit), $"unit {p.Unit} started self-initiated work while on a call");
                    Assert.True(onProactive.Add(p.Unit), $"unit {p.Unit} started two activities");
                    break;
                case ProactiveEnded p:
                    onProactive.Remove(p.Unit);
                    break;
                case CallCleared c:
                    Assert.True(cleared.Add(c.Call), $"call {c.Call} cleared twice");
                    open--;
                    foreach (long u in callUnits.GetValueOrDefault(c.Call, []))
                    {
                        unitCall.Remove(u);
                        lastCleared[u] = c.TimeMinutes;
                    }

                    break;
                case ShiftEnded se:
                    lastShiftEnd = se.TimeMinutes;
                    break;
                case UnitOffDuty off:
                    Assert.False(unitCall.ContainsKey(off.Unit), $"unit {off.Unit} went off duty during a call");
                    if (off.Overtime)
                    {
                        // Overtime: the unit finished a call after its shift ended, and leaves the moment it clears.
                        Assert.True(lastShiftEnd < off.TimeMinutes, $"overtime for unit {off.Unit} before any shift ended");
                        Assert.Equal(lastCleared[off.Unit], off.TimeMinutes);
                    }

                    break;
            }
        }

        Assert.True(open == 0 || horizonMinutes - lastProgress <= 1440, $"stall at the end: {open} calls open since {lastProgress:0.#} min");

        // Without a reserve holding calls back on purpose, at this load every call that arrived more than a day
        // before the end has been served.
        if (everyCallServed)
        {
            Assert.All(arrived.Where(a => a.Value < horizonMinutes - 1440), a => Assert.Contains(a.Key, cleared));
        }
    }
}
