using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;

namespace PatrolSim.Experiments;

/// <summary>One variant of a comparison: a name and its scenario (after overrides).</summary>
/// <param name="Name">Short name shown in tables, e.g. "base" or "paired".</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Source">Where it came from: the file, and the overrides as "key=value" joined by ", ".</param>
public sealed record Variant(string Name, Scenario Scenario, string Source);

/// <summary>The statistics of one metric in one variant: its mean/CI and the paired difference to the reference.</summary>
/// <param name="Value">Mean and 95% Student-t interval over replications.</param>
/// <param name="Difference">Paired-t interval of (variant − reference) over replications; for the reference, zero-width.</param>
/// <param name="P">Two-sided paired-t p-value of the difference (NaN for the reference, or with fewer than two pairs).</param>
/// <param name="PHolm">
/// <paramref name="P"/> adjusted by Holm's step-down method over every metric compared for this variant (NaN where
/// <paramref name="P"/> is).
/// </param>
public readonly record struct VariantMetric(ConfidenceInterval Value, ConfidenceInterval Difference, double P, double PHolm)
{
    /// <summary>The family-wise error rate at which a difference is called significant.</summary>
    public const double Alpha = 0.05;

    /// <summary>Whether the difference is significant after Holm's adjustment: <see cref="PHolm"/> &lt; 0.05.</summary>
    public bool Significant => PHolm < Alpha;

    /// <summary>Relative change of the mean against the reference mean (NaN when the reference mean is 0 or NaN).</summary>
    public double RelativeChange(double referenceMean) =>
        referenceMean == 0 || double.IsNaN(referenceMean) ? double.NaN : Difference.Mean / referenceMean;
}

/// <summary>
/// Variants simulated with common random numbers: replication r of every variant uses the streams of
/// (seed, r), so every variant sees the same calls and differences are paired replication by replication.
/// </summary>
public sealed record ComparisonResult
{
    /// <summary>The variants; the first is the reference.</summary>
    public required IReadOnlyList<Variant> Variants { get; init; }

    /// <summary>Each variant's replications and summary, in variant order.</summary>
    public required IReadOnlyList<RunSummary> Runs { get; init; }

    /// <summary>The metrics compared.</summary>
    public required IReadOnlyList<MetricSelector> Metrics { get; init; }

    /// <summary>Master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Replications per variant.</summary>
    public int Replications => Runs[0].Replications.Count;

    /// <summary>
    /// Per variant (the reference's all NaN), Holm-adjusted p-values of the paired differences, in the order of
    /// <see cref="Metrics"/>: the family is every metric compared for that variant. Set by <see cref="PairedComparison.From"/>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>> HolmAdjusted { get; init; } = [];

    /// <summary>The statistics of <paramref name="metric"/> for variant <paramref name="variant"/>.</summary>
    public VariantMetric Get(int variant, MetricSelector metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var (value, difference, p) = Paired(variant, metric);
        int index = HolmAdjusted.Count > variant ? IndexOf(metric) : -1;
        return new VariantMetric(value, difference, p, index < 0 ? double.NaN : HolmAdjusted[variant][index]);
    }

    /// <summary>The mean/CI, the paired difference to the reference and its p-value (NaN for the reference).</summary>
    internal (ConfidenceInterval Value, ConfidenceInterval Difference, double P) Paired(int variant, MetricSelector metric)
    {
        var values = Column(Runs[variant], metric);
        var reference = Column(Runs[0], metric);
        var difference = PairedDifference(values, reference);
        return (ConfidenceInterval.StudentT(values), difference, variant == 0 ? double.NaN : difference.PValue);
    }

    private int IndexOf(MetricSelector metric)
    {
        for (int i = 0; i < Metrics.Count; i++)
        {
            if (Metrics[i] == metric)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Paired-t interval of aᵢ − bᵢ, dropping replications where either value is NaN (a metric that does not
    /// apply in that replication).
    /// </summary>
    public static ConfidenceInterval PairedDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Paired samples must have the same length.", nameof(b));
        }

        var x = new List<double>(a.Length);
        var y = new List<double>(a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            if (!double.IsNaN(a[i]) && !double.IsNaN(b[i]))
            {
                x.Add(a[i]);
                y.Add(b[i]);
            }
        }

        return ConfidenceInterval.PairedDifference(x.ToArray(), y.ToArray());
    }

    /// <summary>The values of a metric, one per replication.</summary>
    public static double[] Column(RunSummary run, MetricSelector metric)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metric);
        return run.Replications.Select(r => metric.ValueIn(run.Scenario, r)).ToArray();
    }
}

/// <summary>Runs the variants of a comparison under common random numbers.</summary>
public static class PairedComparison
{
    /// <summary>Simulates every variant for the same replications and seed.</summary>
    /// <param name="variants">At least two variants; the first is the reference.</param>
    /// <param name="replications">Replications per variant (at least 2 for intervals).</param>
    /// <param name="seed">Master seed shared by all variants.</param>
    /// <param name="parallelism">Threads.</param>
    /// <param name="progress">Receives the number of replications finished over all variants.</param>
    /// <param name="cancellationToken">Stops scheduling replications.</param>
    public static ComparisonResult Run(IReadOnlyList<Variant> variants, int replications, ulong seed, int parallelism,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variants);
        if (variants.Count < 2)
        {
            throw new ArgumentException("A comparison needs at least two variants.", nameof(variants));
        }

        var runs = new List<RunSummary>();
        foreach (var v in variants)
        {
            int offset = runs.Count * replications;
            runs.Add(ReplicationRunner.Run(v.Scenario, replications, seed, parallelism, new Offset(progress, offset), cancellationToken: cancellationToken));
        }

        return From(variants, runs, seed);
    }

    /// <summary>Builds the comparison from runs already made (one per variant, same replications).</summary>
    public static ComparisonResult From(IReadOnlyList<Variant> variants, IReadOnlyList<RunSummary> runs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(runs);
        var metrics = MetricSelector.AllWithCouncil(variants[0].Scenario).ToList();
        foreach (var v in variants.Skip(1))
        {
            foreach (var m in MetricSelector.AllWithCouncil(v.Scenario))
            {
                if (!metrics.Contains(m))
                {
                    metrics.Add(m);
                }
            }
        }

        var result = new ComparisonResult { Variants = variants, Runs = runs, Metrics = metrics, Seed = seed };
        return result with
        {
            HolmAdjusted = [.. Enumerable.Range(0, variants.Count).Select(i => MultipleTesting.Holm(metrics.Select(m => result.Paired(i, m).P).ToArray()))],
        };
    }

    private sealed class Offset(IProgress<int>? inner, int offset) : IProgress<int>
    {
        public void Report(int value) => inner?.Report(offset + value);
    }
}
