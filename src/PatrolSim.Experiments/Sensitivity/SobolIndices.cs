using PatrolSim.Engine.Random;

namespace PatrolSim.Experiments.Sensitivity;

/// <summary>An estimate with its bootstrap interval.</summary>
/// <param name="Value">The estimate from all rows.</param>
/// <param name="Low">Lower end of the percentile bootstrap interval.</param>
/// <param name="High">Upper end.</param>
public readonly record struct Estimate(double Value, double Low, double High)
{
    /// <summary>Whether <paramref name="x"/> lies in [Low, High].</summary>
    public bool Contains(double x) => Low <= x && x <= High;
}

/// <summary>A parameter's first-order index S_i and total-order index S_Ti, each with its interval.</summary>
public sealed record SobolIndex(Estimate First, Estimate Total);

/// <summary>
/// Sobol' indices from Saltelli's A, B, AB_i evaluations. With f_A, f_B, f_ABi the outputs on row j of the matrices and V the
/// variance of all f_A and f_B values:
/// first order S_i = (1/N) Σ_j f_B (f_ABi − f_A) / V (Saltelli et al. 2010, Table 2 (b));
/// total order S_Ti = (1/2N) Σ_j (f_A − f_ABi)² / V (Jansen 1999; Saltelli et al. 2010, Table 2 (f)).
/// Intervals: percentile bootstrap over the N rows (rows resampled with replacement, all indices recomputed on each
/// resample, V included), from a seeded generator, so the same data give the same intervals.
/// </summary>
public static class SobolIndices
{
    /// <summary>Default bootstrap resamples.</summary>
    public const int DefaultResamples = 1000;

    /// <summary>Estimates the indices of every parameter.</summary>
    /// <param name="fA">f on the rows of A.</param>
    /// <param name="fB">f on the rows of B.</param>
    /// <param name="fAB">f on the rows of AB_i, one array per parameter i.</param>
    /// <param name="resamples">Bootstrap resamples.</param>
    /// <param name="seed">Seed of the bootstrap generator.</param>
    /// <param name="level">Interval coverage (0.95).</param>
    public static SobolIndex[] Estimate(IReadOnlyList<double> fA, IReadOnlyList<double> fB, IReadOnlyList<IReadOnlyList<double>> fAB,
        int resamples = DefaultResamples, ulong seed = 1, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fA);
        ArgumentNullException.ThrowIfNull(fB);
        ArgumentNullException.ThrowIfNull(fAB);
        int n = fA.Count;
        int d = fAB.Count;
        if (fB.Count != n || fAB.Any(c => c.Count != n))
        {
            throw new ArgumentException("A, B and every AB_i need the same number of rows");
        }

        var all = Enumerable.Range(0, n).ToArray();
        var (first, total) = Compute(fA, fB, fAB, all);
        var bootFirst = new double[d][];
        var bootTotal = new double[d][];
        for (int i = 0; i < d; i++)
        {
            bootFirst[i] = new double[resamples];
            bootTotal[i] = new double[resamples];
        }

        var rng = new Xoshiro256(seed);
        var rows = new int[n];
        for (int b = 0; b < resamples; b++)
        {
            for (int j = 0; j < n; j++)
            {
                rows[j] = rng.NextInt(n);
            }

            var (f, t) = Compute(fA, fB, fAB, rows);
            for (int i = 0; i < d; i++)
            {
                bootFirst[i][b] = f[i];
                bootTotal[i][b] = t[i];
            }
        }

        return Enumerable.Range(0, d).Select(i => new SobolIndex(
            Interval(first[i], bootFirst[i], level),
            Interval(total[i], bootTotal[i], level))).ToArray();
    }

    private static (double[] First, double[] Total) Compute(IReadOnlyList<double> fA, IReadOnlyList<double> fB, IReadOnlyList<IReadOnlyList<double>> fAB, int[] rows)
    {
        int n = rows.Length;
        int d = fAB.Count;
        double mean = 0;
        foreach (int j in rows)
        {
            mean += fA[j] + fB[j];
        }

        mean /= 2.0 * n;
        double v = 0;
        foreach (int j in rows)
        {
            v += ((fA[j] - mean) * (fA[j] - mean)) + ((fB[j] - mean) * (fB[j] - mean));
        }

        v /= 2.0 * n;
        var first = new double[d];
        var total = new double[d];
        for (int i = 0; i < d; i++)
        {
            var ab = fAB[i];
            double s = 0, st = 0;
            foreach (int j in rows)
            {
                s += fB[j] * (ab[j] - fA[j]);
                st += (fA[j] - ab[j]) * (fA[j] - ab[j]);
            }

            // No variance at all (every output equal): nothing to apportion, and no parameter matters.
            first[i] = v > 0 ? s / n / v : 0;
            total[i] = v > 0 ? st / (2.0 * n) / v : 0;
        }

        return (first, total);
    }

    /// <summary>The estimate with the percentile interval of its bootstrap replicates.</summary>
    internal static Estimate Interval(double estimate, double[] replicates, double level)
    {
        var sorted = replicates.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Estimate(estimate, double.NaN, double.NaN);
        }

        double alpha = (1 - level) / 2;
        return new Estimate(estimate, Quantile(sorted, alpha), Quantile(sorted, 1 - alpha));
    }

    /// <summary>Linear-interpolation quantile (type 7, as R's default and numpy's) of sorted values.</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}

/// <summary>A parameter's Morris elementary effects: mean μ, mean of absolute values μ* (with a bootstrap interval over trajectories) and standard deviation σ.</summary>
public sealed record MorrisEffect(double Mu, Estimate MuStar, double Sigma, int Effects);

/// <summary>
/// Morris (1991) elementary effects with Campolongo et al.'s (2007) μ*: for each trajectory and parameter i,
/// EE_i = (f(x after the step) − f(x before)) / (±Δ), Δ in unit-range space (a fraction of the parameter's range).
/// μ* ranks influence; σ large against μ* signals interactions or non-linearity.
/// </summary>
public static class MorrisEffects
{
    /// <summary>Effects per parameter from <paramref name="effects"/>[i] (one per trajectory, NaN dropped).</summary>
    public static MorrisEffect[] Summarise(IReadOnlyList<IReadOnlyList<double>> effects, int resamples = SobolIndices.DefaultResamples, ulong seed = 1, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var rng = new Xoshiro256(seed);
        return effects.Select(list =>
        {
            var ee = list.Where(double.IsFinite).ToArray();
            if (ee.Length == 0)
            {
                return new MorrisEffect(double.NaN, new Estimate(double.NaN, double.NaN, double.NaN), double.NaN, 0);
            }

            double mu = ee.Average();
            double muStar = ee.Average(Math.Abs);
            double sigma = ee.Length > 1 ? Math.Sqrt(ee.Sum(e => (e - mu) * (e - mu)) / (ee.Length - 1)) : double.NaN;
            var boot = new double[resamples];
            for (int b = 0; b < resamples; b++)
            {
                double s = 0;
                for (int k = 0; k < ee.Length; k++)
                {
                    s += Math.Abs(ee[rng.NextInt(ee.Length)]);
                }

                boot[b] = s / ee.Length;
            }

            return new MorrisEffect(mu, SobolIndices.Interval(muStar, boot, level), sigma, ee.Length);
        }).ToArray();
    }
}
