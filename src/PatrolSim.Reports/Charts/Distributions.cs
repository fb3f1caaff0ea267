using MathNet.Numerics.Statistics;

namespace PatrolSim.Reports.Charts;

/// <summary>One histogram bin [Lower, Upper) and its count (the last bin also holds values equal to its upper edge).</summary>
public readonly record struct HistogramBin(double Lower, double Upper, int Count);

/// <summary>Histogram bins for a set of series sharing the same edges.</summary>
/// <param name="Origin">Left edge of the first bin.</param>
/// <param name="Width">Bin width.</param>
/// <param name="Bins">Bins per input series, all with the same edges.</param>
public sealed record HistogramResult(double Origin, double Width, IReadOnlyList<IReadOnlyList<HistogramBin>> Bins)
{
    /// <summary>Number of bins.</summary>
    public int BinCount => Bins.Count == 0 ? 0 : Bins[0].Count;
}

/// <summary>Binning of raw values.</summary>
public static class Histogram
{
    /// <summary>Upper limit on the number of bins (wider bins are chosen beyond it).</summary>
    public const int MaxBins = 200;

    /// <summary>
    /// Bins covering every finite value of every series. Width: <paramref name="binWidth"/>, or the Freedman–Diaconis
    /// width 2·IQR·n^(−1/3) of the pooled values (Sturges when the IQR is zero) rounded to a nice 1, 2, 5 × 10^k.
    /// Edges are <paramref name="origin"/> + k·width (origin defaults to 0). NaN and infinite values are skipped.
    /// </summary>
    public static HistogramResult Compute(IReadOnlyList<IReadOnlyList<double>> series, double? binWidth = null, double? origin = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var pooled = series.SelectMany(s => s).Where(double.IsFinite).ToArray();
        if (pooled.Length == 0)
        {
            double w0 = binWidth is > 0 ? binWidth.Value : 1;
            return new HistogramResult(origin ?? 0, w0, series.Select(_ => (IReadOnlyList<HistogramBin>)[]).ToArray());
        }

        double min = pooled.Min(), max = pooled.Max();
        double width = binWidth is > 0 ? binWidth.Value : DefaultWidth(pooled, min, max);
        double o = origin ?? 0;
        if ((max - min) / width > MaxBins)
        {
            width = NiceNumber((max - min) / MaxBins, round: false);
        }

        long first = (long)Math.Floor(((min - o) / width) + 1e-9);
        long last = (long)Math.Floor(((max - o) / width) + 1e-9);
        if (last > first && Math.Abs(o + (last * width) - max) <= width * 1e-9)
        {
            last--; // the maximum sits on an edge: close the last bin instead of opening an empty one
        }

        int n = (int)(last - first + 1);
        double start = o + (first * width);
        var result = new IReadOnlyList<HistogramBin>[series.Count];
        for (int s = 0; s < series.Count; s++)
        {
            var counts = new int[n];
            foreach (double v in series[s])
            {
                if (!double.IsFinite(v))
                {
                    continue;
                }

                int k = (int)Math.Floor(((v - start) / width) + 1e-9);
                counts[Math.Clamp(k, 0, n - 1)]++;
            }

            var bins = new HistogramBin[n];
            for (int k = 0; k < n; k++)
            {
                bins[k] = new HistogramBin(start + (k * width), start + ((k + 1) * width), counts[k]);
            }

            result[s] = bins;
        }

        return new HistogramResult(start, width, result);
    }

    /// <summary>
    /// Heckbert's nice number: the 1, 2, 5 or 10 × 10^k closest to <paramref name="x"/> when <paramref name="round"/>,
    /// otherwise the smallest such number ≥ x.
    /// </summary>
    public static double NiceNumber(double x, bool round)
    {
        if (x <= 0 || !double.IsFinite(x))
        {
            return 1;
        }

        double exponent = Math.Floor(Math.Log10(x));
        double power = Math.Pow(10, exponent);
        double fraction = x / power;
        double nice = round
            ? fraction switch { < 1.5 => 1, < 3 => 2, < 7 => 5, _ => 10 }
            : fraction switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 };
        return nice * power;
    }

    private static double DefaultWidth(double[] values, double min, double max)
    {
        double range = max - min;
        if (range <= 0)
        {
            return NiceNumber(Math.Max(Math.Abs(min) * 0.1, 1e-9), round: true);
        }

        double iqr = values.InterquartileRange();
        double raw = iqr > 0
            ? 2 * iqr / Math.Cbrt(values.Length)
            : range / (Math.Ceiling(Math.Log2(values.Length)) + 1);
        return NiceNumber(raw, round: true);
    }
}

/// <summary>One step of an empirical CDF: the share of values ≤ <paramref name="X"/> is <paramref name="P"/>.</summary>
public readonly record struct EcdfStep(double X, double P);

/// <summary>Empirical cumulative distribution functions.</summary>
public static class Ecdf
{
    /// <summary>Steps at each distinct finite value, ascending; P of the last step is 1. Empty when there are no finite values.</summary>
    public static IReadOnlyList<EcdfStep> Compute(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        var steps = new List<EcdfStep>();
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i + 1 < sorted.Length && sorted[i + 1] == sorted[i])
            {
                continue;
            }

            steps.Add(new EcdfStep(sorted[i], (i + 1) / (double)sorted.Length));
        }

        return steps;
    }
}
