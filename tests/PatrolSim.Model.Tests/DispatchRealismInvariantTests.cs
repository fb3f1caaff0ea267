using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// Call handling, holding, the reserve and preemption together on small random cities with travel: the call
/// histories and the typed trace are checked against the rules, state by state. The units' states are rebuilt
/// from the trace alone (one continuous shift, so the fleet never changes).
/// </summary>
public class DispatchRealismInvariantTests
{
    private const double Processing = 0.5, HoldP3 = 5;
    private const int KeepFree = 1;
    private const double Tolerance = 1e-9;

    private static readonly Dictionary<int, double> Intake = new() { [1] = 1.0, [2] = 2.0, [3] = 2.0 };

    /// <summary>A random city: beats with random weights, 4 to 6 one-officer cars, three priorities, self-initiated work.</summary>
    private static Scenario RandomCity(int seed)
    {
        var rng = new Random(seed);
        double w = 3 + (4 * rng.NextDouble()), h = 2 + (3 * rng.NextDouble());
        var zones = TestScenarios.Beats(w, h, rng.Next(1, 4), rng.Next(1, 3)).Select(z => z with { Weight = 0.2 + rng.NextDouble() }).ToList();
        return new Scenario
        {
            Name = $"random city {seed}",
            Horizon = new Horizon(12, 0),
            City = new City(w, h, zones),
            Demand = new Demand(70 + rng.Next(60), 1, TestScenarios.Flat,
            [
                new CallType("fight", 0.2, 1, new ExponentialDistribution(30), 1, RiskLevel.High, true),
                new CallType("alarm", 0.4, 2, new LogNormalDistribution(20, 0.7), 1, RiskLevel.Low, true),
                new CallType("report", 0.4, 3, new ExponentialDistribution(35), 1, RiskLevel.None, true),
            ],
            new SelfInitiated(0.3 + rng.NextDouble(), new LogNormalDistribution(20, 0.5), RiskLevel.Low, [.. Enumerable.Range(0, 24).Select(_ => 0.2 + rng.NextDouble())])),
            Travel = new Travel(TravelModel.Manhattan, 1.3, 1, new Dictionary<int, double> { [1] = 60, [2] = 45, [3] = 40 }, 0.2),
            Staffing = new Staffing(1, [new Shift("all day", 0, 24, rng.Next(4, 7), null)]),
            Policy = new Policy(
                new CrewPolicy(0),
                new BackupPolicy(BackupRule.None, RiskLevel.High, Engagement.Alone),
                DispatchPolicy.Closest with
                {
                    Hold = new Dictionary<int, Distribution> { [3] = new ConstantDistribution(HoldP3) },
                    Reserve = new ReserveRule(FromPriority: 2, KeepFreeUnits: KeepFree),
                },
                [],
                new Preemption(UpToPriority: 1, SelfInitiated: true, FromCallsAtPriority: null)),
            CallHandling = new CallHandling(
                new Dictionary<int, Distribution> { [1] = new ConstantDistribution(Intake[1]) },
                new ConstantDistribution(Intake[2]),
                new ConstantDistribution(Processing)),
        };
    }

    private enum Doing
    {
        Free,
        OnCall,
        SelfInitiated,
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CallHandlingReserveAndPreemption_FollowTheRules_CallByCallAndUnitByUnit(int seed)
    {
        static double? Ready(CallRecord c) => c.QueuedMinutes + (c.Priority == 3 ? HoldP3 : 0);
        var scenario = RandomCity(seed);
        var trace = new ListTraceSink();
        var calls = new ListCallSink();
        var result = new PatrolSimulation(scenario).Run(77, 0, trace, calls);

        // Every call once; received → ready is its intake and hold exactly; ready → dispatched at least the processing.
        Assert.Equal(result.CallsGenerated, calls.Calls.Count);
        Assert.Equal(calls.Calls.Count, calls.Calls.Select(c => c.Id).Distinct().Count());
        Assert.Equal(result.Overall[MetricCatalog.CallsArrived], result.Overall[MetricCatalog.CallsServed] + result.Overall[MetricCatalog.CallsUnfinished]);
        var byId = calls.Calls.ToDictionary(c => c.Id);
        foreach (var c in calls.Calls.Where(c => c.QueuedMinutes is not null))
        {
            double hold = c.Priority == 3 ? HoldP3 : 0;
            // Queued (the CAD stamp) = received + intake; the hold comes after it.
            Assert.Equal(Intake[c.Priority], c.QueuedMinutes!.Value - c.ArrivalMinutes, Tolerance);
            Assert.True(c.FirstDispatchMinutes is null || c.FirstDispatchMinutes >= c.QueuedMinutes + hold + Processing - Tolerance, $"call {c.Id} dispatched before its hold and processing: {c}");
        }

        Assert.All(calls.Calls.Where(c => c.ClearMinutes is not null), c => Assert.NotNull(c.FirstDispatchMinutes));

        // Replay the trace: each unit is free, on one call, or on one activity; each call is ready at its queued time.
        int fleet = trace.Of<ShiftStarted>().Sum(s => s.Units);
        var doing = new Dictionary<long, (Doing What, long Call)>();
        (Doing What, long Call) Of(long unit) => doing.GetValueOrDefault(unit, (Doing.Free, -1));
        int Count(Doing what) => doing.Values.Count(d => d.What == what) + (what == Doing.Free ? fleet - doing.Count : 0);

        var ready = new Queue<CallRecord>(calls.Calls.Where(c => c.QueuedMinutes is not null).OrderBy(c => Ready(c)));
        var expectedAtOnce = new Dictionary<long, bool>();
        var firstDispatch = new Dictionary<long, double>();
        var cleared = new HashSet<long>();
        int preemptions = 0;
        TraceEvent? previous = null;
        foreach (var row in trace.Rows)
        {
            while (ready.Count > 0 && Ready(ready.Peek()) <= row.TimeMinutes + Tolerance)
            {
                // The state just before the call became ready decides whether a unit may be sent at once: a free
                // unit, and for P2 and P3 the reserve kept among the units not on calls (free or on self-initiated
                // work; at most the fleet less one); or for P1 a unit on self-initiated work.
                var c = ready.Dequeue();
                int free = Count(Doing.Free), selfInitiated = Count(Doing.SelfInitiated);
                expectedAtOnce[c.Id] = c.Priority >= 2
                    ? free >= 1 && free + selfInitiated - 1 >= Math.Min(KeepFree, fleet - 1)
                    : free >= 1 || selfInitiated > 0;
            }

            switch (row)
            {
                case ProactiveStarted s:
                    Assert.True(Of(s.Unit).What == Doing.Free, $"unit {s.Unit} started an activity while {Of(s.Unit)} at {s.TimeMinutes}");
                    doing[s.Unit] = (Doing.SelfInitiated, -1);
                    break;
                case ProactiveEnded e:
                    Assert.True(Of(e.Unit).What == Doing.SelfInitiated, $"unit {e.Unit} ended an activity while {Of(e.Unit)} at {e.TimeMinutes}");
                    doing.Remove(e.Unit);
                    break;
                case UnitDispatched d:
                    Assert.True(Of(d.Unit).What == Doing.Free, $"unit {d.Unit} sent to call {d.Call} while {Of(d.Unit)} at {d.TimeMinutes}");
                    Assert.DoesNotContain(d.Call, cleared);
                    doing[d.Unit] = (Doing.OnCall, d.Call);
                    if (firstDispatch.TryAdd(d.Call, d.TimeMinutes) && previous is ProactiveEnded pe && pe.Unit == d.Unit && pe.TimeMinutes == d.TimeMinutes
                        && Math.Abs(Ready(byId[d.Call])!.Value - d.TimeMinutes) < Tolerance)
                    {
                        // An activity ended the instant a call became ready and took its unit: a preemption.
                        Assert.Equal(1, byId[d.Call].Priority);
                        preemptions++;
                    }

                    break;
                case UnitOnScene o:
                    Assert.Equal((Doing.OnCall, o.Call), Of(o.Unit));
                    break;
                case CallCleared cl:
                    Assert.True(cleared.Add(cl.Call), $"call {cl.Call} cleared twice");
                    foreach (long u in doing.Where(kv => kv.Value == (Doing.OnCall, cl.Call)).Select(kv => kv.Key).ToList())
                    {
                        doing.Remove(u);
                    }

                    break;
            }

            Assert.True(doing.Count <= fleet, $"{doing.Count} units busy in a fleet of {fleet}");
            previous = row;
        }

        Assert.True(preemptions > 0 && expectedAtOnce.ContainsValue(false), $"the scenario must exercise preemption and waiting: {preemptions} preemptions, {result.Overall[MetricCatalog.PreemptionsPerDay] * scenario.Horizon.Days} by the metric, waiting {expectedAtOnce.ContainsValue(false)}");
        Assert.Equal(result.Overall[MetricCatalog.PreemptionsPerDay] * scenario.Horizon.Days, preemptions, 6);
        foreach (var c in calls.Calls.Where(c => c.QueuedMinutes is not null && expectedAtOnce.ContainsKey(c.Id)))
        {
            // Sent at once exactly when a unit could be sent: then dispatched exactly one processing time after ready.
            bool atOnce = firstDispatch.TryGetValue(c.Id, out double t) && Math.Abs(t - Ready(c)!.Value) < Tolerance;
            Assert.True(expectedAtOnce[c.Id] == atOnce, $"call {c.Id} (P{c.Priority}) ready at {Ready(c)}: expected {(expectedAtOnce[c.Id] ? "a unit at once" : "to wait")}, first unit committed at {t}");
            if (c.FirstDispatchMinutes is { } dispatched)
            {
                Assert.Equal(t + Processing, dispatched, Tolerance);
                Assert.Equal(atOnce, Math.Abs(dispatched - Ready(c)!.Value - Processing) < Tolerance);
            }
        }
    }
}
