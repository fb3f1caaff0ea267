namespace PatrolSim.Engine.Statistics;

/// <summary>What MSER found on a series.</summary>
/// <param name="Truncation">Observations to delete from the start (a whole number of batches), or 0.</param>
/// <param name="BatchSize">Observations per batch (5 for MSER-5).</param>
/// <param name="Batches">Batches the series gave (a remainder shorter than a batch at the end is left out).</param>
/// <param name="Statistic">MSER(d) for d = 0 … Batches − 2 batches deleted.</param>
/// <param name="TooShort">
/// MSER(d) is still falling at half the series (its smallest value over the first half is at d = ⌊k/2⌋), or there are
/// fewer than 4 batches: the series does not settle within its first half, so the transient may last longer than
/// <paramref name="Truncation"/> and the run is too short to say (White, Cobb &amp; Spratt 2000).
/// </param>
public sealed record MserResult(int Truncation, int BatchSize, int Batches, IReadOnlyList<double> Statistic, bool TooShort);

/// <summary>
/// The MSER truncation rule for the initial transient (White 1997, "An effective truncation heuristic for bias
/// reduction in simulation output", Simulation 69(6):323-334; MSER-5: White, Cobb &amp; Spratt 2000, "A comparison of
/// five steady-state truncation heuristics for simulation", Proc. Winter Simulation Conference, 755-760).
/// The series is cut into k batches of b observations with means Z₁ … Zₖ; deleting the first d batches leaves the
/// mean Z̄(d) of the rest and
/// <code>MSER(d) = Σⱼ₌d₊₁..ₖ (Zⱼ − Z̄(d))² / (k − d)²,</code>
/// an estimate of the squared standard error of Z̄(d), which falls while deleting removes biased early values and rises
/// once it only throws data away. The rule deletes the d minimising MSER(d) (the smallest such d on a tie), searched
/// over the first half of the series (d ≤ ⌊k/2⌋), as White, Cobb &amp; Spratt do: near the end of the series MSER(d)
/// rests on a few batches and its small values there mean nothing. A minimum at the edge of that half means the series
/// has not settled by half-way: too short to judge.
/// </summary>
public static class Mser
{
    /// <summary>The MSER-b truncation of <paramref name="series"/> (b = 5 gives MSER-5; NaN observations are programmer errors).</summary>
    public static MserResult Truncate(ReadOnlySpan<double> series, int batchSize = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int k = series.Length / batchSize;
        var z = new double[k];
        for (int j = 0; j < k; j++)
        {
            double sum = 0;
            for (int i = 0; i < batchSize; i++)
            {
                double x = series[(j * batchSize) + i];
                if (!double.IsFinite(x))
                {
                    throw new ArgumentException("MSER needs finite observations.", nameof(series));
                }

                sum += x;
            }

            z[j] = sum / batchSize;
        }

        if (k < 4)
        {
            return new MserResult(0, batchSize, k, [], TooShort: true);
        }

        // MSER(d) for d = 0 … k − 2 (at least two batches left), from the back: running sums of the kept batches.
        var statistic = new double[k - 1];
        var tally = default(Tally);
        for (int d = k - 1; d >= 0; d--)
        {
            tally.Add(z[d]);
            if (d <= k - 2)
            {
                long kept = k - d;
                statistic[d] = tally.Variance * (kept - 1) / ((double)kept * kept);
            }
        }

        int half = k / 2;
        int best = 0;
        for (int d = 1; d <= half; d++)
        {
            if (statistic[d] < statistic[best])
            {
                best = d;
            }
        }

        return new MserResult(best * batchSize, batchSize, k, statistic, TooShort: best == half);
    }
}
