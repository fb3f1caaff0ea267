using System.Globalization;
using System.Numerics;

namespace PatrolSim.Analytic;

/// <summary>
/// Exact hypercube solution. The 2^N states are busy/free bit masks. Upward transitions B -> B + n happen at the
/// total rate of the atoms whose first free unit in B is n; downward B -> B - n at mu_n. A call arriving in the
/// all-busy state is lost (zero line) or queues (infinite line); the queued states form an M/M/1-like tail with
/// ratio lambda / sum mu that is in detailed balance with the all-busy state, so both variants share the hypercube
/// equations and differ only in the final normalisation. The equations are solved by Gauss–Seidel sweeps in order of
/// the number of busy units; with equal service rates the level sums are known (a^k / k!) and each sweep is rescaled
/// to them (aggregation), then plain sweeps confirm the fixed point.
/// </summary>
internal static class HypercubeExactSolver
{
    public static HypercubeResult Solve(HypercubeModel model, HypercubeSolverOptions options)
    {
        int n = model.N;
        if (n > HypercubeModel.MaxExactUnits)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The exact hypercube solution handles at most {HypercubeModel.MaxExactUnits} units (2^N states); this model has {n}. Use SolveApproximate."),
                nameof(model));
        }

        int states = 1 << n;
        int full = states - 1;
        double lambda = model.TotalArrivalRate;
        double[] mu = [.. model.UnitServiceRates];
        double totalMu = model.TotalServiceRate;
        var groups = model.Groups;

        // coef[B * n + u]: rate of the transition INTO B from its neighbour B xor u. For u busy in B that is the
        // dispatch rate of u from B - u (the atoms whose first free unit there is u); for u free in B it is mu_u
        // (u completing in B + u). Balance: p[B] * outRate[B] = sum_u p[B xor u] * coef[B * n + u].
        var coef = new double[states * n];
        var outRate = new double[states];
        for (int b = 0; b < states; b++)
        {
            double rate = 0;
            for (int u = 0; u < n; u++)
            {
                if ((b & (1 << u)) != 0)
                {
                    rate += mu[u];
                }
                else
                {
                    coef[(b * n) + u] = mu[u];
                }
            }

            if (b != full)
            {
                foreach (var g in groups)
                {
                    int u = FirstFree(g.Order, b);
                    coef[((b | (1 << u)) * n) + u] += g.Rate;
                }

                rate += lambda;
            }

            outRate[b] = rate;
        }

        int[] order = OrderByLevel(states);
        int[] level = new int[states];
        for (int b = 0; b < states; b++)
        {
            level[b] = BitOperations.PopCount((uint)b);
        }

        bool aggregate = model.EqualServiceRates;
        double[]? levelTarget = aggregate ? ErlangFormulas.BusyServerDistribution(lambda / mu[0], n, lossSystem: true) : null;
        var p = new double[states];
        var prev = new double[states];
        var levelSum = new double[n + 1];
        for (int b = 0; b < states; b++)
        {
            p[b] = levelTarget is null ? 1.0 / states : levelTarget[level[b]] / MathNet.Numerics.SpecialFunctions.Binomial(n, level[b]);
        }

        int iterations = 0;
        bool converged = false;
        bool aggregating = aggregate;
        double previousDelta = double.PositiveInfinity;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            Array.Copy(p, prev, states);
            foreach (int b in order)
            {
                p[b] = Inflow(p, coef, b, n) / outRate[b];
            }

            if (aggregating)
            {
                Array.Clear(levelSum);
                for (int b = 0; b < states; b++)
                {
                    levelSum[level[b]] += p[b];
                }

                for (int b = 0; b < states; b++)
                {
                    double sum = levelSum[level[b]];
                    p[b] = sum > 0 ? p[b] * levelTarget![level[b]] / sum : p[b];
                }
            }
            else
            {
                double total = p.Sum();
                for (int b = 0; b < states; b++)
                {
                    p[b] /= total;
                }
            }

            // L1 change: it bounds the change of every probability derived from the states (workloads, fractions).
            double delta = 0;
            for (int b = 0; b < states; b++)
            {
                delta += Math.Abs(p[b] - prev[b]);
            }

            // With geometric convergence at ratio q the remaining error is about delta q / (1 - q).
            double ratio = delta / previousDelta;
            double errorEstimate = ratio < 1 ? Math.Max(delta, delta * ratio / (1 - ratio)) : double.PositiveInfinity;
            previousDelta = delta;
            if (errorEstimate <= options.Tolerance || delta == 0)
            {
                if (!aggregating)
                {
                    converged = true;
                    break;
                }

                // Confirm the aggregated fixed point with plain sweeps, which leave a true solution unchanged.
                aggregating = false;
                previousDelta = double.PositiveInfinity;
            }
        }

        if (!converged)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The exact hypercube solution did not converge to {options.Tolerance:R} within {options.MaxIterations} sweeps; raise MaxIterations or the tolerance."));
        }

        double residual = Residual(p, coef, outRate, n) / (lambda + totalMu);

        // Final normalisation: the infinite line adds the queued tail p_full * r / (1 - r), r = lambda / sum mu.
        bool infinite = model.Input.LineCapacity == LineCapacity.Infinite;
        double tail = 0;
        if (infinite)
        {
            double r = lambda / totalMu;
            tail = p[full] * r / (1 - r);
        }

        double scale = 1 / (1 + tail);
        var probabilities = new double[states];
        var busyCount = new double[n + 1];
        var workloads = new double[n];
        for (int b = 0; b < states; b++)
        {
            double pb = p[b] * scale;
            probabilities[b] = pb;
            busyCount[level[b]] += pb;
            for (int u = 0; u < n; u++)
            {
                if ((b & (1 << u)) != 0)
                {
                    workloads[u] += pb;
                }
            }
        }

        double tailProbability = tail * scale;
        busyCount[n] += tailProbability;
        for (int u = 0; u < n; u++)
        {
            workloads[u] += tailProbability;
        }

        double pAllBusy = busyCount[n];

        // Fraction of each group's calls served by each unit without queueing, then per atom with the queued share.
        var groupFractions = new double[groups.Count][];
        for (int g = 0; g < groups.Count; g++)
        {
            var f = new double[n];
            int[] groupOrder = groups[g].Order;
            for (int b = 0; b < full; b++)
            {
                f[FirstFree(groupOrder, b)] += probabilities[b];
            }

            groupFractions[g] = f;
        }

        var callFractions = new double[model.Atoms][];
        foreach (var (g, index) in groups.Select((g, i) => (g, i)))
        {
            foreach (int atom in g.Atoms)
            {
                var row = (double[])groupFractions[index].Clone();
                if (infinite)
                {
                    for (int u = 0; u < n; u++)
                    {
                        row[u] += pAllBusy * mu[u] / totalMu;
                    }
                }

                callFractions[atom] = row;
            }
        }

        double meanQueueWait = infinite ? pAllBusy / (totalMu - lambda) : 0;
        return HypercubeResults.Build(
            model,
            HypercubeMethod.Exact,
            probabilities,
            busyCount,
            workloads,
            callFractions,
            meanQueueWait,
            correctionFactors: null,
            iterations,
            residual);
    }

    internal static int FirstFree(int[] order, int busy)
    {
        foreach (int u in order)
        {
            if ((busy & (1 << u)) == 0)
            {
                return u;
            }
        }

        throw new InvalidOperationException("No free unit in a state that is not all-busy.");
    }

    private static int[] OrderByLevel(int states)
    {
        var order = new int[states];
        for (int b = 0; b < states; b++)
        {
            order[b] = b;
        }

        // Stable sort: by number of busy units, then by mask.
        return [.. order.OrderBy(b => BitOperations.PopCount((uint)b)).ThenBy(b => b)];
    }

    private static double Inflow(double[] p, double[] coef, int b, int n)
    {
        var row = coef.AsSpan(b * n, n);
        double inflow = 0;
        for (int u = 0; u < row.Length; u++)
        {
            inflow += p[b ^ (1 << u)] * row[u];
        }

        return inflow;
    }

    private static double Residual(double[] p, double[] coef, double[] outRate, int n)
    {
        double worst = 0;
        for (int b = 0; b < p.Length; b++)
        {
            worst = Math.Max(worst, Math.Abs(Inflow(p, coef, b, n) - (p[b] * outRate[b])));
        }

        return worst;
    }
}
