namespace PatrolSim.Engine.Statistics;

/// <summary>Adjustments of p-values for testing many hypotheses at once.</summary>
public static class MultipleTesting
{
    /// <summary>
    /// Holm's step-down adjusted p-values (Holm 1979, "A simple sequentially rejective multiple test procedure",
    /// Scand. J. Statist. 6:65-70): with the m p-values in ascending order p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of
    /// p₍ᵢ₎ is maxⱼ≤ᵢ min(1, (m − j + 1)·p₍ⱼ₎). Rejecting where the adjusted value is below α keeps the chance of any
    /// false rejection at most α whatever the dependence between the tests. NaN entries (tests not made) stay NaN and
    /// do not count in m. Ties keep their input order, which does not change the adjusted values.
    /// </summary>
    public static double[] Holm(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var adjusted = new double[pValues.Count];
        Array.Fill(adjusted, double.NaN);
        int[] order = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToArray();
        int m = order.Length;
        double running = 0;
        for (int j = 0; j < m; j++)
        {
            double p = pValues[order[j]];
            if (p < 0 || p > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), p, "A p-value is in [0, 1].");
            }

            running = Math.Max(running, Math.Min(1.0, (m - j) * p));
            adjusted[order[j]] = running;
        }

        return adjusted;
    }
}
