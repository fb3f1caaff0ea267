using System.Globalization;

namespace PatrolSim.Analytic;

/// <summary>
/// Larson's (1975) approximation (Larson &amp; Odoni 1981 §5.5): the probability that a call from atom j finds its
/// first k-1 preferred units busy and its k-th, n, free is taken as Q(N, rho, k-1) rho_{a1} ... rho_{a,k-1} (1 - rho_n).
/// The rate at which unit n is dispatched then gives rho_n = (1 - rho_n) V_n + D, where
/// V_n = (1/mu) sum_j lambda_j Q(N, rho, k_nj - 1) prod_{l &lt; k_nj} rho_{a_jl} and D = lambda P_Q / (N mu) spreads queued
/// calls evenly (infinite line; D = 0 for the zero line). Each sweep sets rho_n = (V_n + D) / (1 + V_n) and rescales
/// the workloads to their known total (lambda/mu, or lambda (1 - B)/mu for the zero line), until no workload moves
/// more than the tolerance. Larson &amp; Odoni stop their worked example after three sweeps (epsilon ≈ 0.0011), so their
/// printed workloads differ from this fixed point in the fourth decimal.
/// </summary>
internal static class HypercubeApproximation
{
    private const double MinimumDamping = 1.0 / 8;

    /// <summary>Below this log weight every further term of a list underflows to zero.</summary>
    private const double Underflow = -745;

    public static HypercubeResult Solve(HypercubeModel model, HypercubeSolverOptions options)
    {
        if (!model.EqualServiceRates)
        {
            throw new ArgumentException(
                "The hypercube approximation assumes every unit has the same service rate, but UnitServiceRates differ; use SolveExact (N <= "
                + HypercubeModel.MaxExactUnits.ToString(CultureInfo.InvariantCulture) + ") or one ServiceRate.",
                nameof(model));
        }

        int n = model.N;
        double mu = model.UnitServiceRates[0];
        double lambda = model.TotalArrivalRate;
        double offered = lambda / mu;
        bool infinite = model.Input.LineCapacity == LineCapacity.Infinite;
        var agg = LarsonCorrection.Compute(n, offered, model.Input.LineCapacity);
        double[] logQ = agg.LogQ;
        double maxLogQ = logQ.Max();
        double queued = infinite ? agg.PAllBusy : 0;
        double d = lambda * queued / (n * mu);
        double target = infinite ? offered : offered * (1 - agg.PAllBusy);
        var groups = model.Groups;

        var rho = new double[n];
        Array.Fill(rho, agg.Rho);
        var v = new double[n];
        var logRho = new double[n];
        var next = new double[n];
        int iterations = 0;
        bool converged = false;
        double omega = 1;
        double previousDelta = double.PositiveInfinity;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            Array.Clear(v);
            for (int u = 0; u < n; u++)
            {
                logRho[u] = Math.Log(rho[u]);
            }

            foreach (var g in groups)
            {
                double scale = g.Rate / mu;
                int[] order = g.Order;
                double logProduct = 0;
                for (int k = 0; k < order.Length && logProduct + maxLogQ > Underflow; k++)
                {
                    int unit = order[k];
                    v[unit] += scale * Math.Exp(logQ[k] + logProduct);
                    logProduct += logRho[unit];
                }
            }

            double sum = 0;
            for (int u = 0; u < n; u++)
            {
                next[u] = (v[u] + d) / (1 + v[u]);
                sum += next[u];
            }

            double delta = 0;
            for (int u = 0; u < n; u++)
            {
                double value = (omega * next[u] * target / sum) + ((1 - omega) * rho[u]);
                delta = Math.Max(delta, Math.Abs(value - rho[u]));
                rho[u] = value;
            }

            double ratio = delta / previousDelta;
            double errorEstimate = ratio < 1 ? Math.Max(delta, delta * ratio / (1 - ratio)) : double.PositiveInfinity;
            if (errorEstimate <= options.Tolerance || delta == 0)
            {
                converged = true;
                break;
            }

            // Larson's plain sweep (omega = 1) converges in a few sweeps for lists ordered by geography, but can
            // oscillate when many atoms share the same deep tail of their lists (their overflow piles onto a few
            // units). When a sweep stops shrinking the change, damp the update: rho <- omega F(rho) + (1 - omega) rho.
            if (delta >= previousDelta)
            {
                omega = Math.Max(omega / 2, MinimumDamping);
            }

            previousDelta = delta;
        }

        if (!converged)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The hypercube approximation did not converge to {options.Tolerance:R} within {options.MaxIterations} sweeps; raise MaxIterations or the tolerance."));
        }

        // Call fractions: Q(N, rho, k-1) prod rho (1 - rho_n), rescaled so the immediate dispatches of each atom total
        // 1 - P(all busy); queued calls (infinite line) are shared evenly.
        var groupFractions = new double[groups.Count][];
        for (int g = 0; g < groups.Count; g++)
        {
            var f = new double[n];
            int[] order = groups[g].Order;
            double logProduct = 0;
            for (int k = 0; k < order.Length && logProduct + maxLogQ > Underflow; k++)
            {
                int unit = order[k];
                f[unit] += Math.Exp(logQ[k] + logProduct) * (1 - rho[unit]);
                logProduct += Math.Log(rho[unit]);
            }

            double total = f.Sum();
            double immediate = 1 - agg.PAllBusy;
            for (int u = 0; u < n; u++)
            {
                f[u] = (total > 0 ? f[u] * immediate / total : 0) + (queued / n);
            }

            groupFractions[g] = f;
        }

        var callFractions = new double[model.Atoms][];
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (int atom in groups[g].Atoms)
            {
                callFractions[atom] = (double[])groupFractions[g].Clone();
            }
        }

        double meanQueueWait = infinite ? agg.PAllBusy / ((n * mu) - lambda) : 0;
        return HypercubeResults.Build(
            model,
            HypercubeMethod.Approximate,
            stateProbabilities: null,
            agg.BusyDistribution,
            rho,
            callFractions,
            meanQueueWait,
            [.. logQ.Select(Math.Exp)],
            iterations,
            double.NaN);
    }
}
