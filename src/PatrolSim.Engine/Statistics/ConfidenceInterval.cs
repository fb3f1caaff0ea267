
namespace PatrolSim.Engine.Statistics;

/// <summary>A mean with a two-sided confidence interval.</summary>
/// <param name="Mean">The sample mean.</param>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
/// <param name="N">Number of observations (replications).</param>
/// <param name="StdDev">Sample standard deviation (NaN for one observation).</param>
public readonly record struct ConfidenceInterval(double Mean, double Low, double High, int N, double StdDev)
{
    /// <summary>Half the width of the interval.</summary>
    public double HalfWidth => (High - Low) / 2;

    /// <summary>Whether the interval contains <paramref name="value"/>.</summary>
    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>Whether the interval excludes zero (a significant difference, for a paired difference).</summary>
    public bool ExcludesZero => Low > 0 || High < 0;

    /// <summary>
    /// The two-sided p-value of Student's t test that the true mean is 0 (for a paired difference: that the variants
    /// do not differ): t = x̄ / (s/√n) with ν = n − 1 degrees of freedom, p = P(|T_ν| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2),
    /// the regularized incomplete beta function (Abramowitz &amp; Stegun 26.7.1). NaN with fewer than two observations;
    /// with no spread at all, 1 when the mean is 0 (identical values: no evidence of a difference) and 0 otherwise.
    /// </summary>
    public double PValue
    {
        get
        {
            if (N < 2 || double.IsNaN(StdDev))
            {
                return double.NaN;
            }

            if (StdDev == 0)
            {
                return Mean == 0 ? 1.0 : 0.0;
            }

            double t = Mean / (StdDev / Math.Sqrt(N));
            double nu = N - 1;
            return MathNet.Numerics.SpecialFunctions.BetaRegularized(nu / 2, 0.5, nu / (nu + (t * t)));
        }
    }

    /// <summary>
    /// The Student-t interval for the mean of independent observations (one per replication):
    /// x̄ ± t(1−(1−level)/2, n−1)·s/√n. NaN-valued observations are skipped. With one observation the
    /// bounds are NaN (no variance estimate); with zero variance they equal the mean.
    /// </summary>
    public static ConfidenceInterval StudentT(ReadOnlySpan<double> values, double level = 0.95)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be in (0, 1).");
        }

        var tally = default(Tally);
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                tally.Add(v);
            }
        }

        int n = (int)tally.Count;
        if (n == 0)
        {
            return new ConfidenceInterval(double.NaN, double.NaN, double.NaN, 0, double.NaN);
        }

        if (n == 1)
        {
            return new ConfidenceInterval(tally.Mean, double.NaN, double.NaN, 1, double.NaN);
        }

        double sd = tally.StdDev;
        double t = StudentTQuantile(1 - ((1 - level) / 2), n - 1);
        double half = t * sd / Math.Sqrt(n);
        return new ConfidenceInterval(tally.Mean, tally.Mean - half, tally.Mean + half, n, sd);
    }

    /// <summary>The p-quantile of Student's t with <paramref name="degreesOfFreedom"/> degrees of freedom (MathNet).</summary>
    public static double StudentTQuantile(double p, double degreesOfFreedom) =>
        MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degreesOfFreedom, p);

    /// <summary>The paired-t interval of the differences aᵢ − bᵢ (common random numbers).</summary>
    public static ConfidenceInterval PairedDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double level = 0.95)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Paired samples must have the same length.", nameof(b));
        }

        var diff = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            diff[i] = a[i] - b[i];
        }

        return StudentT(diff, level);
    }
}
