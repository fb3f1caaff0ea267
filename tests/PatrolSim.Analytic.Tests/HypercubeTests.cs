using MathNet.Numerics.LinearAlgebra;

namespace PatrolSim.Analytic.Tests;

public class HypercubeTests
{
    /// <summary>Larson &amp; Odoni (1981) §5.4.3: three units, ten atoms, mu = 1, lambda = 1.5, infinite line.</summary>
    private static HypercubeInput LarsonOdoniExample(LineCapacity line = LineCapacity.Infinite)
    {
        // Atom groups (book numbering 1..10) with total rates, split evenly; units 1..3 become 0..2.
        var rates = new double[10];
        var prefs = new IReadOnlyList<int>[10];
        void Group(int[] atoms, double total, int[] bookUnits)
        {
            foreach (int a in atoms)
            {
                rates[a - 1] = total / atoms.Length;
                prefs[a - 1] = bookUnits.Select(u => u - 1).ToArray();
            }
        }

        Group([1, 2], 0.50, [1, 2, 3]);
        Group([4], 0.25, [1, 3, 2]);
        Group([3, 5, 6], 0.35, [2, 1, 3]);
        Group([7, 8, 9, 10], 0.40, [3, 1, 2]);
        return new HypercubeInput { AtomRates = rates, Preferences = prefs, Units = 3, ServiceRate = 1, LineCapacity = line };
    }

    private static HypercubeInput TwoUnitZeroLine(IReadOnlyList<IReadOnlyList<double>>? travel = null) => new()
    {
        AtomRates = [0.6, 0.4],
        Preferences = [[0, 1], [1, 0]],
        Units = 2,
        ServiceRate = 1,
        LineCapacity = LineCapacity.Zero,
        TravelTimes = travel,
    };

    [Fact]
    public void LarsonOdoniExample_ExactWorkloadsAndIdleProbability()
    {
        var r = new HypercubeModel(LarsonOdoniExample()).SolveExact();
        Assert.Equal(0.5574, r.Workloads[0], 4);
        Assert.Equal(0.4734, r.Workloads[1], 4);
        Assert.Equal(0.4693, r.Workloads[2], 4);
        Assert.Equal(1.5, r.Workloads.Sum(), 1e-12);
        Assert.Equal(4.0 / 19.0, r.ProbabilityAllIdle, 1e-12);
        Assert.Equal(4.0 / 19.0, r.StateProbabilities![0], 1e-12);
        Assert.Equal(ErlangFormulas.ErlangC(1.5, 3), r.ProbabilityOfWait, 1e-12);
        Assert.True(r.BalanceResidual < 1e-13, $"residual {r.BalanceResidual}");
    }

    [Fact]
    public void LarsonOdoniExample_CorrectionFactors()
    {
        double[] q = LarsonCorrection.Factors(3, 1.5, LineCapacity.Infinite);
        Assert.Equal(1.0, q[0], 1e-12);
        Assert.Equal(14.0 / 19.0, q[1], 1e-12);   // 0.73684
        Assert.Equal(12.0 / 19.0, q[2], 1e-12);   // 0.63158
        Assert.Equal(0.73684, q[1], 5);
        Assert.Equal(0.63158, q[2], 5);
    }

    [Fact]
    public void LarsonOdoniExample_ApproximateWorkloads()
    {
        var r = new HypercubeModel(LarsonOdoniExample()).SolveApproximate();
        // The book stops after three sweeps (epsilon ~ 0.0011) and prints (0.5627, 0.4716, 0.4657);
        // the converged fixed point lies within 1.5e-4 of those figures.
        Assert.Equal(0.5627, r.Workloads[0], 1.5e-4);
        Assert.Equal(0.4716, r.Workloads[1], 1.5e-4);
        Assert.Equal(0.4657, r.Workloads[2], 1.5e-4);
        Assert.Equal(1.5, r.Workloads.Sum(), 1e-12);
        AssertClose([1.0, 14.0 / 19.0, 12.0 / 19.0], r.CorrectionFactors!, 1e-12);
        Assert.Equal(4.0 / 19.0, r.ProbabilityAllIdle, 1e-12);

        // Three sweeps, as in the book's Figures 5.20-5.22, reach the printed values to about 1e-4.
        var three = new HypercubeModel(LarsonOdoniExample()).SolveApproximate(new HypercubeSolverOptions { Tolerance = 0.0012 });
        Assert.Equal(3, three.Iterations);
        Assert.Equal(0.5627, three.Workloads[0], 1e-4);
        Assert.Equal(0.4716, three.Workloads[1], 1e-4);
        Assert.Equal(0.4657, three.Workloads[2], 1e-4);
    }

    [Fact]
    public void TwoUnitsZeroLine_StateProbabilitiesAndWorkloads()
    {
        var r = new HypercubeModel(TwoUnitZeroLine()).SolveExact();
        var p = r.StateProbabilities!;
        Assert.Equal(0.40, p[0b00], 1e-12);
        Assert.Equal(0.22, p[0b01], 1e-12); // only unit 1 (index 0) busy
        Assert.Equal(0.18, p[0b10], 1e-12); // only unit 2 (index 1) busy
        Assert.Equal(0.20, p[0b11], 1e-12);
        Assert.Equal(0.42, r.Workloads[0], 1e-12);
        Assert.Equal(0.38, r.Workloads[1], 1e-12);
        Assert.Equal(ErlangFormulas.ErlangB(1, 2), r.ProbabilityOfLoss, 1e-12);
        Assert.Equal(0, r.MeanQueueWait);
    }

    [Fact]
    public void TwoUnitsZeroLine_CallFractionsAndTravelTimes()
    {
        double[][] t = [[1.0, 3.0], [4.0, 2.0]];
        var r = new HypercubeModel(TwoUnitZeroLine(t)).SolveExact();

        // Atom 0 gets unit 0 when it is free (0.40 + 0.18), else unit 1 if free (0.22); atom 1 symmetrically.
        Assert.Equal(0.58, r.CallFractions[0][0], 1e-12);
        Assert.Equal(0.22, r.CallFractions[0][1], 1e-12);
        Assert.Equal(0.18, r.CallFractions[1][0], 1e-12);
        Assert.Equal(0.62, r.CallFractions[1][1], 1e-12);

        double served = (0.6 * 0.8) + (0.4 * 0.8);
        Assert.Equal(0.6 * 0.58 / served, r.DispatchFractions[0][0], 1e-12);
        Assert.Equal(1.0, r.DispatchFractions.Sum(row => row.Sum()), 1e-12);

        double expected = ((0.6 * ((0.58 * 1) + (0.22 * 3))) + (0.4 * ((0.18 * 4) + (0.62 * 2)))) / served;
        Assert.Equal(expected, r.MeanTravelTime!.Value, 1e-12);
        Assert.Equal(((0.58 * 1) + (0.22 * 3)) / 0.8, r.MeanTravelTimeByAtom![0], 1e-12);
        Assert.Equal(((0.6 * 0.58 * 1) + (0.4 * 0.18 * 4)) / ((0.6 * 0.58) + (0.4 * 0.18)), r.MeanTravelTimeByUnit![0], 1e-12);
    }

    [Theory]
    [InlineData(5, 3.2)]
    [InlineData(8, 7.5)]
    public void IdenticalPreferenceLists_ReduceToErlangCAndB(int units, double load)
    {
        var order = Enumerable.Range(0, units).Reverse().ToArray();
        HypercubeInput Input(LineCapacity line) => new()
        {
            AtomRates = [load * 0.25, load * 0.75],
            Preferences = [order, order],
            Units = units,
            ServiceRate = 1,
            LineCapacity = line,
        };

        var inf = new HypercubeModel(Input(LineCapacity.Infinite)).SolveExact();
        var queue = new MMcQueue(load, 1, units);
        Assert.Equal(queue.ProbabilityOfWait, inf.ProbabilityAllBusy, 1e-11);
        Assert.Equal(queue.MeanWait, inf.MeanQueueWait, 1e-11);
        AssertClose(queue.BusyServerDistribution(), inf.BusyCountDistribution, 1e-11);

        var zero = new HypercubeModel(Input(LineCapacity.Zero)).SolveExact();
        Assert.Equal(ErlangFormulas.ErlangB(load, units), zero.ProbabilityOfLoss, 1e-11);

        // Identical lists: the most preferred unit is the busiest.
        Assert.True(inf.Workloads.Zip(inf.Workloads.Skip(1)).All(w => w.First < w.Second));
    }

    [Theory]
    [InlineData(LineCapacity.Zero, false)]
    [InlineData(LineCapacity.Infinite, false)]
    [InlineData(LineCapacity.Zero, true)]
    [InlineData(LineCapacity.Infinite, true)]
    public void SmallRandomModels_MatchDirectSolveOfTheGenerator(LineCapacity line, bool unequalRates)
    {
        var rng = new Random(20240607 + (int)line + (unequalRates ? 10 : 0));
        const int units = 4;
        const int atoms = 7;
        double[] mus = unequalRates ? [1.0, 2.5, 0.7, 1.6] : [1.5, 1.5, 1.5, 1.5];

        // Total load 70 % of capacity, so truncating the direct solve's queue at 400 loses nothing (0.7^400).
        var weights = Enumerable.Range(0, atoms).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var rates = weights.Select(w => 0.7 * mus.Sum() * w / weights.Sum()).ToArray();
        var prefs = Enumerable.Range(0, atoms).Select(_ => Enumerable.Range(0, units).OrderBy(_ => rng.Next()).ToArray()).ToArray();
        var input = new HypercubeInput
        {
            AtomRates = rates,
            Preferences = prefs,
            Units = units,
            ServiceRate = 1.5,
            UnitServiceRates = unequalRates ? mus : null,
            LineCapacity = line,
        };

        var r = new HypercubeModel(input).SolveExact();
        double[] direct = DirectSolve(rates, prefs, mus, line == LineCapacity.Infinite, out double pQueued);
        for (int b = 0; b < 1 << units; b++)
        {
            Assert.Equal(direct[b], r.StateProbabilities![b], 1e-10);
        }

        Assert.Equal(direct[(1 << units) - 1] + pQueued, r.ProbabilityAllBusy, 1e-10);
        AssertFlowBalance(input, r);
    }

    [Theory]
    [InlineData(LineCapacity.Infinite, 10.0)]
    [InlineData(LineCapacity.Zero, 12.0)]
    public void FifteenUnits_SolvesAndConservesProbabilityAndWork(LineCapacity line, double load)
    {
        var input = RandomModel(units: 15, atoms: 60, load, line, seed: 15, listLength: 15);
        var r = new HypercubeModel(input).SolveExact();

        Assert.Equal(1 << 15, r.StateProbabilities!.Count);
        double queued = r.ProbabilityAllBusy - r.StateProbabilities[(1 << 15) - 1];
        Assert.Equal(1.0, r.StateProbabilities.Sum() + queued, 1e-12);
        Assert.True(r.BalanceResidual < 1e-13, $"residual {r.BalanceResidual}");

        double loss = line == LineCapacity.Zero ? ErlangFormulas.ErlangB(load, 15) : 0;
        Assert.Equal(load * (1 - loss), r.Workloads.Sum(), 1e-10);
        Assert.Equal(line == LineCapacity.Zero ? loss : ErlangFormulas.ErlangC(load, 15), r.ProbabilityAllBusy, 1e-11);
        AssertFlowBalance(input, r);
    }

    [Fact]
    public void ZeroLineCorrectionFactors_UseTheLossSystem()
    {
        // N = 2, a = 1: P = (0.4, 0.4, 0.2), carried utilisation rho' = 1 * (1 - 0.2) / 2 = 0.4;
        // Q'(2, 1) = P(unit A busy, unit B free) / (rho' (1 - rho')) = (0.4 / 2) / (0.4 * 0.6) = 5/6.
        double[] q = LarsonCorrection.Factors(2, 1.0, LineCapacity.Zero);
        Assert.Equal(1.0, q[0], 1e-12);
        Assert.Equal(5.0 / 6.0, q[1], 1e-12);
    }

    [Theory]
    [InlineData(LineCapacity.Infinite, 9.0)]
    [InlineData(LineCapacity.Zero, 11.0)]
    public void FifteenUnits_ApproximationIsWithinTwoPercentOfExact(LineCapacity line, double load)
    {
        var input = RandomModel(units: 15, atoms: 60, load, line, seed: 7, listLength: 15);
        var model = new HypercubeModel(input);
        var exact = model.SolveExact();
        var approx = model.SolveApproximate();
        for (int n = 0; n < 15; n++)
        {
            Assert.InRange(approx.Workloads[n] / exact.Workloads[n], 0.98, 1.02);
        }

        Assert.Equal(exact.Workloads.Sum(), approx.Workloads.Sum(), 1e-10);
        for (int j = 0; j < 60; j++)
        {
            for (int n = 0; n < 15; n++)
            {
                Assert.Equal(exact.CallFractions[j][n], approx.CallFractions[j][n], 0.02);
            }
        }
    }

    [Theory]
    [InlineData(LineCapacity.Infinite, 240.0)]
    [InlineData(LineCapacity.Zero, 260.0)]
    public void ThreeHundredUnits_ApproximationConvergesAndConservesWork(LineCapacity line, double load)
    {
        var input = GridModel(load, line);
        var r = new HypercubeModel(input).SolveApproximate();
        AssertApproximationInvariants(input, r, load);
        Assert.NotNull(r.MeanTravelTime);

        // Busier system, longer trips: the mean travel exceeds the all-units-free nearest-unit distance.
        double nearest = Enumerable.Range(0, input.AtomRates.Count).Average(j => input.TravelTimes![j].Min());
        Assert.True(r.MeanTravelTime > nearest, $"{r.MeanTravelTime} vs {nearest}");
    }

    [Fact]
    public void SharedListTails_ApproximationStillConverges()
    {
        // Partial lists of 5 out of 60 units: every atom's overflow follows the same index order, which makes the
        // plain Larson sweep oscillate; the damped sweep must still reach the fixed point.
        var input = RandomModel(units: 60, atoms: 200, load: 50, LineCapacity.Infinite, seed: 60, listLength: 5);
        var r = new HypercubeModel(input).SolveApproximate();
        AssertApproximationInvariants(input, r, 50);
        Assert.True(r.Workloads[0] > r.Workloads[59], "the shared overflow order loads unit 0 more than unit 59");
    }

    private static void AssertApproximationInvariants(HypercubeInput input, HypercubeResult r, double load)
    {
        int units = input.Units;
        double loss = input.LineCapacity == LineCapacity.Zero ? ErlangFormulas.ErlangB(load, units) : 0;
        Assert.Equal(load * (1 - loss), r.Workloads.Sum(), 1e-8);
        Assert.All(r.Workloads, w => Assert.InRange(w, 0.0, 1.0));
        Assert.All(r.CallFractions, row => Assert.Equal(1 - loss, row.Sum(), 1e-10));
        Assert.Equal(1.0, r.DispatchFractions.Sum(row => row.Sum()), 1e-10);
        double busyCount = input.LineCapacity == LineCapacity.Zero ? ErlangFormulas.ErlangB(load, units) : ErlangFormulas.ErlangC(load, units);
        Assert.Equal(busyCount, r.ProbabilityAllBusy, 1e-10);
    }

    /// <summary>300 units on a 30 x 10 grid, 900 atoms on a 30 x 30 grid of the same square, lists by right-angle distance.</summary>
    private static HypercubeInput GridModel(double load, LineCapacity line)
    {
        var unitAt = Enumerable.Range(0, 300).Select(i => (X: (i % 30) + 0.5, Y: ((i / 30) * 3) + 1.5)).ToArray();
        var atomAt = Enumerable.Range(0, 900).Select(i => (X: (i % 30) + 0.5, Y: (i / 30) + 0.5)).ToArray();
        double[][] travel = [.. atomAt.Select(a => unitAt.Select(u => Math.Abs(u.X - a.X) + Math.Abs(u.Y - a.Y)).ToArray())];
        return new HypercubeInput
        {
            AtomRates = [.. atomAt.Select(_ => load / 900)],
            Preferences = [.. travel.Select(row => Enumerable.Range(0, 300).OrderBy(u => row[u]).ThenBy(u => u).ToArray())],
            Units = 300,
            ServiceRate = 1,
            LineCapacity = line,
            TravelTimes = travel,
        };
    }

    [Fact]
    public void PartialList_IsCompletedByTheUnlistedUnitsInIndexOrder()
    {
        var partial = new HypercubeInput { AtomRates = [1.0, 0.5], Preferences = [[2], [1, 3]], Units = 4, LineCapacity = LineCapacity.Zero };
        var full = partial with { Preferences = [[2, 0, 1, 3], [1, 3, 0, 2]] };
        var model = new HypercubeModel(partial);
        Assert.Equal([2, 0, 1, 3], model.CompletedPreference(0));
        AssertClose(new HypercubeModel(full).SolveExact().StateProbabilities!, model.SolveExact().StateProbabilities!, 1e-14);
    }

    [Fact]
    public void InfiniteLineAtOrAboveCapacity_Throws()
    {
        var input = TwoUnitZeroLine() with { LineCapacity = LineCapacity.Infinite, ServiceRate = 0.5 };
        var ex = Assert.Throws<ArgumentException>(() => new HypercubeModel(input));
        Assert.Contains(
            "Infinite line with total call rate 1 and total service rate 1: utilisation rho = 1 >= 1, so the queue grows without bound; add units, reduce the load, or use LineCapacity.Zero.",
            ex.Message,
            StringComparison.Ordinal);

        // The same load is fine with lost calls.
        Assert.NotNull(new HypercubeModel(input with { LineCapacity = LineCapacity.Zero }).SolveExact());
    }

    [Fact]
    public void BadInputs_AreAllReportedAtOnce()
    {
        var input = new HypercubeInput
        {
            AtomRates = [1.0, -0.5, 0.2],
            Preferences = [[0, 3], [1, 1], []],
            Units = 3,
            ServiceRate = 2,
            TravelTimes = [[1.0, 2.0, 3.0], [1.0, double.NaN, 1.0]],
        };

        var ex = Assert.Throws<ArgumentException>(() => new HypercubeModel(input));
        Assert.Equal("input", ex.ParamName);
        string[] expected =
        [
            "AtomRates[1] is -0.5: arrival rates must be finite numbers >= 0.",
            "Preferences[0] names unit 3, which does not exist: units are numbered 0 to 2.",
            "Preferences[1] names unit 1 twice: each unit may appear once per list.",
            "Preferences[2] is empty: list at least the atom's first-choice unit.",
            "TravelTimes has 2 rows but there are 3 atoms: give one row per atom.",
            "TravelTimes[1][1] is NaN: travel times must be finite numbers >= 0.",
        ];
        Assert.Equal(expected, HypercubeModel.Validate(input));
        Assert.All(expected, e => Assert.Contains(e, ex.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ExactSolver_RefusesTooManyUnits_AndApproximationRefusesUnequalRates()
    {
        var big = RandomModel(units: HypercubeModel.MaxExactUnits + 1, atoms: 5, load: 3, LineCapacity.Zero, seed: 1, listLength: 3);
        var ex = Assert.Throws<ArgumentException>(() => new HypercubeModel(big).SolveExact());
        Assert.Contains("Use SolveApproximate", ex.Message, StringComparison.Ordinal);

        var unequal = LarsonOdoniExample() with { UnitServiceRates = [1.0, 1.2, 0.9] };
        var ex2 = Assert.Throws<ArgumentException>(() => new HypercubeModel(unequal).SolveApproximate());
        Assert.Contains("same service rate", ex2.Message, StringComparison.Ordinal);
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, actual {actual[i]}");
        }
    }

    private static HypercubeInput RandomModel(int units, int atoms, double load, LineCapacity line, int seed, int listLength)
    {
        var rng = new Random(seed);
        var weights = Enumerable.Range(0, atoms).Select(_ => 0.1 + rng.NextDouble()).ToArray();
        double sum = weights.Sum();
        return new HypercubeInput
        {
            AtomRates = [.. weights.Select(w => load * w / sum)],
            Preferences = [.. Enumerable.Range(0, atoms).Select(_ => Enumerable.Range(0, units).OrderBy(_ => rng.Next()).Take(listLength).ToArray())],
            Units = units,
            ServiceRate = 1,
            LineCapacity = line,
        };
    }

    /// <summary>Each unit's busy time equals its dispatch rate over its service rate: mu_n rho_n = sum_j lambda_j f_j(n).</summary>
    private static void AssertFlowBalance(HypercubeInput input, HypercubeResult r)
    {
        for (int n = 0; n < input.Units; n++)
        {
            double mu = input.UnitServiceRates?[n] ?? input.ServiceRate;
            double dispatched = Enumerable.Range(0, input.AtomRates.Count).Sum(j => input.AtomRates[j] * r.CallFractions[j][n]);
            Assert.Equal(dispatched, mu * r.Workloads[n], 1e-10);
        }
    }

    /// <summary>
    /// Builds the full generator from the model's definition (truncating the queue at 400 for the infinite line) and
    /// solves pi Q = 0 directly with a dense LU; returns the hypercube states and the queued probability.
    /// </summary>
    private static double[] DirectSolve(double[] rates, int[][] prefs, double[] mus, bool infinite, out double pQueued)
    {
        int units = mus.Length;
        int cube = 1 << units;
        int full = cube - 1;
        int queueStates = infinite ? 400 : 0;
        int size = cube + queueStates;
        var q = Matrix<double>.Build.Dense(size, size);
        void Rate(int from, int to, double rate)
        {
            q[from, to] += rate;
            q[from, from] -= rate;
        }

        for (int b = 0; b < cube; b++)
        {
            for (int u = 0; u < units; u++)
            {
                if ((b & (1 << u)) != 0)
                {
                    Rate(b, b ^ (1 << u), mus[u]);
                }
            }

            if (b != full)
            {
                for (int j = 0; j < rates.Length; j++)
                {
                    int unit = prefs[j].First(u => (b & (1 << u)) == 0);
                    Rate(b, b | (1 << unit), rates[j]);
                }
            }
        }

        double lambda = rates.Sum();
        double muTotal = mus.Sum();
        for (int k = 0; k < queueStates; k++)
        {
            int state = cube + k;
            int below = k == 0 ? full : state - 1;
            Rate(below, state, lambda);
            Rate(state, below, muTotal);
        }

        var a = q.Transpose();
        a.SetRow(size - 1, Vector<double>.Build.Dense(size, 1.0));
        var rhs = Vector<double>.Build.Dense(size);
        rhs[size - 1] = 1;
        var pi = a.Solve(rhs);
        pQueued = pi.Skip(cube).Sum();
        return [.. pi.Take(cube)];
    }
}
