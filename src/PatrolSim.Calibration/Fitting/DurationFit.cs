using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace PatrolSim.Calibration.Fitting;

/// <summary>Which distribution a duration fit chose.</summary>
public enum DurationFitKind
{
    /// <summary>Lognormal by maximum likelihood.</summary>
    LogNormal,
    /// <summary>Empirical quantiles (the lognormal fit was poor).</summary>
    Empirical,
    /// <summary>No data: a default exponential.</summary>
    Default,
}

/// <summary>A fitted duration distribution, in minutes.</summary>
/// <param name="Kind">Lognormal, empirical or default.</param>
/// <param name="N">Durations used.</param>
/// <param name="Mean">Mean (of the lognormal, or of the sample when empirical).</param>
/// <param name="Cv">Coefficient of variation (likewise).</param>
/// <param name="Mu">Lognormal μ (mean of log minutes); NaN without data.</param>
/// <param name="Sigma">Lognormal σ (population s.d. of log minutes); NaN without data.</param>
/// <param name="KsDistance">Kolmogorov–Smirnov distance between the sample and the fitted lognormal; NaN without data.</param>
/// <param name="Quantiles">Equal-probability quantiles at (i + 0.5)/K (used when empirical).</param>
/// <param name="Excluded">Durations left out: zero or negative, or longer than the maximum.</param>
public sealed record DurationFit(
    DurationFitKind Kind, int N, double Mean, double Cv, double Mu, double Sigma, double KsDistance,
    IReadOnlyList<double> Quantiles, int Excluded)
{
    /// <summary>Where this fit came from when it is not the group's own (e.g. "pooled over all priorities: only 12 durations").</summary>
    public string? Note { get; init; }

    /// <summary>Mean of the durations used (NaN without data); compare with <see cref="Mean"/> for a lognormal fit.</summary>
    public double SampleMean { get; init; } = double.NaN;

    /// <summary>Mean of the rejected lognormal fit when empirical (NaN otherwise).</summary>
    public double LogNormalMean { get; init; } = double.NaN;

    /// <summary>
    /// Fits durations (minutes): lognormal by maximum likelihood (μ = mean of ln x, σ = population s.d. of ln x), kept when
    /// the KS distance ≤ <paramref name="ksThreshold"/> and the fitted mean is within <paramref name="maxMeanError"/>
    /// (relative) of the sample mean; else the empirical quantiles.
    /// </summary>
    public static DurationFit Fit(IEnumerable<double> minutes, double maxMinutes, double ksThreshold, int empiricalPoints, double defaultMean,
        double maxMeanError = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        var all = minutes.ToArray();
        var sample = all.Where(m => m > 0 && m <= maxMinutes).ToArray();
        var excluded = all.Length - sample.Length;
        if (sample.Length < 2)
            return new DurationFit(DurationFitKind.Default, sample.Length, defaultMean, 1, double.NaN, double.NaN, double.NaN, [], excluded);

        Array.Sort(sample);
        var logs = sample.Select(x => Math.Log(x)).ToArray();
        var mu = logs.Mean();
        var sigma = logs.PopulationStandardDeviation();
        var ks = KolmogorovSmirnov(sample, x => sigma > 0 ? LogNormal.CDF(mu, sigma, x) : (x < Math.Exp(mu) ? 0 : 1));
        var quantiles = Enumerable.Range(0, empiricalPoints)
            .Select(i => SortedArrayStatistics.Quantile(sample, (i + 0.5) / empiricalPoints))
            .ToArray();
        var mean = sample.Mean();
        var s2 = sigma * sigma;
        var fittedMean = Math.Exp(mu + (s2 / 2));
        if (ks <= ksThreshold && sigma > 0 && Math.Abs(fittedMean - mean) <= maxMeanError * mean)
        {
            return new DurationFit(DurationFitKind.LogNormal, sample.Length, fittedMean, Math.Sqrt(Math.Exp(s2) - 1),
                mu, sigma, ks, quantiles, excluded) { SampleMean = mean };
        }
        return new DurationFit(DurationFitKind.Empirical, sample.Length, mean, sample.PopulationStandardDeviation() / mean,
            mu, sigma, ks, quantiles, excluded) { SampleMean = mean, LogNormalMean = fittedMean };
    }

    /// <summary>sup |Fn(x) − F(x)| over a sorted sample, checking both sides of each jump (ties handled as one jump).</summary>
    public static double KolmogorovSmirnov(IReadOnlyList<double> sorted, Func<double, double> cdf)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentNullException.ThrowIfNull(cdf);
        var n = sorted.Count;
        var d = 0.0;
        var i = 0;
        while (i < n)
        {
            var j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) j++;
            var f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(f - ((double)i / n), ((double)(j + 1) / n) - f));
            i = j + 1;
        }
        return d;
    }
}
