using PatrolSim.Analytic;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// The simulation with fixed-preference dispatch, no travel and exponential on-scene times is Larson's
/// hypercube queueing model: its unit busy fractions and busy-set time fractions must match the exact
/// 2^N solution (infinite line) within confidence intervals.
/// </summary>
public class HypercubeValidationTests
{
    // Many values are compared at once (up to 12 per test), so the intervals are 99.9%: at 95% one of a
    // dozen true values would fall outside by chance in about every second run. They are still narrow
    // (half-widths about 0.003), far tighter than the differences a wrong dispatch rule makes.
    private const double Level = 0.999;

    private static Scenario Hypercube(IReadOnlyList<double> atomRates, IReadOnlyList<int[]> preferences, int units, double days = 300) => new()
    {
        Name = "hypercube",
        Horizon = new Horizon(days, 5),
        City = new City(atomRates.Count, 1, [.. atomRates.Select((w, j) => new Zone($"{j + 1}", j, 0, 1, 1, w))]),
        Demand = new Demand(24 * atomRates.Sum(), 1, TestScenarios.Flat,
            [new CallType("call", 1, 1, new ExponentialDistribution(60), 1, RiskLevel.None, true)], null),
        Travel = Travel.None,
        Staffing = new Staffing(1, [new Shift("all day", 0, 24, units, null)]),
        Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.None, RiskLevel.Medium, Engagement.Alone),
            new DispatchPolicy(DispatchRule.Preference, preferences.Select((p, j) => (Id: $"{j + 1}", List: (IReadOnlyList<int>)p)).ToDictionary(x => x.Id, x => x.List)),
            []),
    };

    private static HypercubeResult Exact(IReadOnlyList<double> atomRates, IReadOnlyList<int[]> preferences, int units) =>
        new HypercubeModel(new HypercubeInput
        {
            AtomRates = atomRates,
            Preferences = [.. preferences.Select(p => (IReadOnlyList<int>)[.. p.Select(u => u - 1)])],
            Units = units,
            ServiceRate = 1,
            LineCapacity = LineCapacity.Infinite,
        }).SolveExact();

    private static (ConfidenceInterval[] Workloads, ConfidenceInterval[] States, ConfidenceInterval PWait) Simulate(Scenario s, int units, int reps, ulong seed)
    {
        var sim = new PatrolSimulation(s, new SimulationOptions(TrackUnitStates: true));
        var results = Enumerable.Range(0, reps).AsParallel().Select(r => sim.Run(seed, r)).OrderBy(r => r.Replication).ToArray();
        int all = (1 << units) - 1;
        var workloads = Enumerable.Range(0, units)
            .Select(n => ConfidenceInterval.StudentT(results.Select(r => r.UnitBusyFraction![n]).ToArray(), Level)).ToArray();
        // The hypercube's all-busy probability includes the queued states; the simulation keeps "all busy,
        // calls waiting" apart (index 2^N), so the two are added.
        var states = Enumerable.Range(0, all + 1)
            .Select(m => ConfidenceInterval.StudentT(results.Select(r => r.StateFractions![m] + (m == all ? r.StateFractions![all + 1] : 0)).ToArray(), Level))
            .ToArray();
        var pWait = ConfidenceInterval.StudentT(results.Select(r => r.Overall[MetricCatalog.ProbDelayed]).ToArray(), Level);
        return (workloads, states, pWait);
    }

    // Larson & Odoni §5.4.3: atoms {1,2}: 0.50, {4}: 0.25, {3,5,6}: 0.35, {7..10}: 0.40 (split evenly).
    private static readonly double[] LoRates = [0.25, 0.25, 0.35 / 3, 0.25, 0.35 / 3, 0.35 / 3, 0.1, 0.1, 0.1, 0.1];

    private static readonly int[][] LoLists =
        [[1, 2, 3], [1, 2, 3], [2, 1, 3], [1, 3, 2], [2, 1, 3], [2, 1, 3], [3, 1, 2], [3, 1, 2], [3, 1, 2], [3, 1, 2]];

    [Fact]
    public void LarsonOdoniThreeUnits_SimulatedWorkloadsAndStateFractions_MatchExactHypercube()
    {
        var exact = Exact(LoRates, LoLists, 3);
        Assert.Equal(0.5574, exact.Workloads[0], 4);
        var (workloads, states, _) = Simulate(Hypercube(LoRates, LoLists, 3), 3, 30, 20261122);

        for (int n = 0; n < 3; n++)
        {
            Assert.True(workloads[n].Contains(exact.Workloads[n]),
                $"unit {n + 1}: workload CI [{workloads[n].Low:F4}, {workloads[n].High:F4}] misses hypercube {exact.Workloads[n]:F4}");
            Assert.True(workloads[n].HalfWidth < 0.01, $"unit {n + 1}: CI too wide to test anything ({workloads[n].HalfWidth:F4})");
        }

        for (int m = 0; m < 8; m++)
        {
            double p = m == 7 ? exact.ProbabilityAllBusy : exact.StateProbabilities![m];
            Assert.True(states[m].Contains(p), $"state {m}: CI [{states[m].Low:F4}, {states[m].High:F4}] misses hypercube {p:F4}");
        }

        // A wrong dispatch (any random free unit: all workloads 0.5) or unit numbering would be caught.
        Assert.False(workloads[0].Contains(0.5));
        Assert.False(workloads[1].Contains(exact.Workloads[0]));
    }

    [Fact]
    public void TwoUnitsOppositePreferences_SimulatedStates_MatchExactHypercube()
    {
        double[] rates = [0.6, 0.4];
        int[][] lists = [[1, 2], [2, 1]];
        var exact = Exact(rates, lists, 2);
        var (workloads, states, _) = Simulate(Hypercube(rates, lists, 2), 2, 30, 7);
        for (int n = 0; n < 2; n++)
        {
            Assert.True(workloads[n].Contains(exact.Workloads[n]),
                $"unit {n + 1}: workload CI [{workloads[n].Low:F4}, {workloads[n].High:F4}] misses hypercube {exact.Workloads[n]:F4}");
        }

        for (int m = 0; m < 4; m++)
        {
            double p = m == 3 ? exact.ProbabilityAllBusy : exact.StateProbabilities![m];
            Assert.True(states[m].Contains(p), $"state {m}: CI [{states[m].Low:F4}, {states[m].High:F4}] misses hypercube {p:F4}");
        }

        // Swapping the units (a 0-/1-based slip) would be caught: {1} and {2} differ by far more than the CI.
        Assert.False(states[1].Contains(exact.StateProbabilities![2]));
    }

    [Fact]
    public void FourUnitsOverTwoShifts_UnitNumbersStableAcrossShifts_WorkloadsMatchExactHypercube()
    {
        // The same 4 units as two continuous shifts of 2: shift 2's units are numbers 3 and 4. Before unit
        // numbers were stable, both shifts numbered 1-2, so units 3 and 4 never existed (workloads 0).
        double[] rates = [0.5, 0.3, 0.4, 0.2];
        int[][] lists = [[1, 2, 3, 4], [2, 4, 1, 3], [3, 1, 4, 2], [4, 3, 2, 1]];
        var exact = Exact(rates, lists, 4);
        var s = Hypercube(rates, lists, 4, days: 200) with
        {
            Staffing = new Staffing(1, [new Shift("A", 0, 24, 2, null), new Shift("B", 0, 24, 2, null)]),
        };
        var (workloads, _, _) = Simulate(s, 4, 24, 11);
        for (int n = 0; n < 4; n++)
        {
            Assert.True(workloads[n].Contains(exact.Workloads[n]),
                $"unit {n + 1}: workload CI [{workloads[n].Low:F4}, {workloads[n].High:F4}] misses hypercube {exact.Workloads[n]:F4}");
        }
    }

    [Fact]
    public void IdenticalLists_HypercubeAndSimulation_ReduceToErlangC()
    {
        int[][] lists = [.. Enumerable.Repeat(new[] { 1, 2, 3 }, 10)];
        var exact = Exact(LoRates, lists, 3);
        double c = ErlangFormulas.ErlangC(1.5, 3);
        Assert.Equal(9.0 / 38, c, 12);
        Assert.Equal(c, exact.ProbabilityOfWait, 9);

        var (workloads, states, pWait) = Simulate(Hypercube(LoRates, lists, 3), 3, 30, 11);
        Assert.True(pWait.Contains(c), $"P(wait) CI [{pWait.Low:F4}, {pWait.High:F4}] misses Erlang C {c:F4}");

        // The busy-count distribution of M/M/3 (the last entry is C, including the queue).
        double[] mmc = ErlangFormulas.BusyServerDistribution(1.5, 3, lossSystem: false);
        for (int k = 0; k <= 3; k++)
        {
            var masks = Enumerable.Range(0, 8).Where(m => System.Numerics.BitOperations.PopCount((uint)m) == k).ToArray();
            double simulated = masks.Sum(m => states[m].Mean);
            double half = masks.Sum(m => states[m].HalfWidth);
            Assert.True(Math.Abs(simulated - mmc[k]) <= half, $"{k} busy: simulated {simulated:F4} ± {half:F4} vs M/M/3 {mmc[k]:F4}");
        }

        // With identical lists unit 1 is the busiest, unit 3 the least busy, all as the hypercube says.
        for (int n = 0; n < 3; n++)
        {
            Assert.True(workloads[n].Contains(exact.Workloads[n]),
                $"unit {n + 1}: workload CI [{workloads[n].Low:F4}, {workloads[n].High:F4}] misses hypercube {exact.Workloads[n]:F4}");
        }

        Assert.True(workloads[0].Low > workloads[1].High && workloads[1].Low > workloads[2].High);
    }
}
