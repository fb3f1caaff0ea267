using System.Globalization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Experiments;

/// <summary>A requested precision: a metric's 95% CI half-width at most a share of its mean, e.g. <c>responseTime.mean=0.02</c>.</summary>
/// <param name="Metric">The metric (overall or for a priority).</param>
/// <param name="Relative">The largest relative half-width accepted, in (0, 1).</param>
public sealed record PrecisionTarget(MetricSelector Metric, double Relative)
{
    /// <summary>"metric=relative".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric.Name}={Relative:R}");

    /// <summary>
    /// The relative half-width of the metric over replications of <paramref name="scenario"/>: half-width / |mean| (NaN
    /// when the mean is 0 or undefined, or with one replication). A council figure is computed from the scenario too.
    /// </summary>
    public double AchievedIn(Scenario scenario, IEnumerable<ReplicationResult> replications)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(replications);
        var ci = ConfidenceInterval.StudentT(replications.Select(r => Metric.ValueIn(scenario, r)).ToArray());
        return ci.Mean == 0 ? double.NaN : ci.HalfWidth / Math.Abs(ci.Mean);
    }

    /// <summary>Parses "METRIC[@P]=RELATIVE"; null with a message saying what is wrong.</summary>
    public static PrecisionTarget? TryParse(string text, out Problem? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.LastIndexOf('=');
        if (eq <= 0)
        {
            error = Problem.Of($"{Terms.Precision} '{text}' must look like METRIC[@PRIORITY]=RELATIVE_HALF_WIDTH, e.g. {Terms.Precision} responseTime.mean=0.02 (a 95% CI of ±2% of the mean)");
            return null;
        }

        var metric = MetricSelector.TryParse(text[..eq], out string? metricError);
        if (metric is null)
        {
            error = Problem.Of($"{Terms.Precision} '{text}': {metricError}");
            return null;
        }

        string value = text[(eq + 1)..].Trim();
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double relative) || !(relative > 0 && relative < 1))
        {
            error = Problem.Of($"{Terms.Precision} '{text}': '{value}' must be a relative half-width greater than 0 and less than 1, e.g. 0.02 for ±2% of the mean");
            return null;
        }

        error = null;
        return new PrecisionTarget(metric, relative);
    }
}

/// <summary>How a requested precision ended.</summary>
/// <param name="Target">The request.</param>
/// <param name="Achieved">The relative half-width at the end (NaN when undefined: a mean of 0, or a metric that does not apply).</param>
public sealed record PrecisionResult(PrecisionTarget Target, double Achieved)
{
    /// <summary>Whether the precision was reached.</summary>
    public bool Reached => Achieved <= Target.Relative;
}

/// <summary>The outcome of a run to a precision.</summary>
/// <param name="Results">Per target, the relative half-width reached.</param>
/// <param name="InitialReplications">Replications before the first check (and the size of every batch after it).</param>
/// <param name="MaxReplications">The cap.</param>
/// <param name="Replications">Replications run when the procedure stopped.</param>
public sealed record PrecisionOutcome(IReadOnlyList<PrecisionResult> Results, int InitialReplications, int MaxReplications, int Replications)
{
    /// <summary>Whether every target was reached (else the cap stopped the run).</summary>
    public bool Reached => Results.All(r => r.Reached);
}

/// <summary>
/// Runs replications until each requested metric's 95% CI half-width is at most the requested share of its mean: the
/// sequential procedure for a relative precision of Law (Simulation Modeling and Analysis, 5th ed., 2015, §9.4.1), with
/// replications added in batches. Replications 0 … n0 − 1 first (n0 the initial count); then, while a target is not met and
/// fewer than the cap have run, the next n0 (replications n … n + n0 − 1, the same streams a run of that many would use).
/// The replications run in parallel but the rule looks only at replications 0 … n − 1 after each batch, so the same seed
/// gives the same stopping point and the same results whatever the thread count. Like every sequential procedure it
/// can stop early on a sample whose spread happens to be small, so its intervals cover somewhat less often than 95%;
/// Law advises an initial count of at least 10 (docs/statistics.md, "Precision on request").
/// </summary>
public static class PrecisionRunner
{
    /// <summary>Runs the scenario to the targets' precision or the cap.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="targets">At least one target.</param>
    /// <param name="initial">Replications before the first check, and per batch (at least 2).</param>
    /// <param name="max">Most replications (at least <paramref name="initial"/>).</param>
    /// <param name="seed">Master seed.</param>
    /// <param name="parallelism">Threads.</param>
    /// <param name="progress">Receives the number of replications finished so far.</param>
    /// <param name="options">Simulation options.</param>
    /// <param name="cancellationToken">Stops scheduling replications.</param>
    public static RunSummary Run(Scenario scenario, IReadOnlyList<PrecisionTarget> targets, int initial, int max, ulong seed, int parallelism,
        IProgress<int>? progress = null, SimulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfZero(targets.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        var results = new List<ReplicationResult>();
        while (true)
        {
            int batch = Math.Min(initial, max - results.Count);
            int done = results.Count;
            var offset = progress is null ? null : new Progress(progress, done);
            results.AddRange(ReplicationRunner.Replicate(scenario, done, batch, seed, parallelism, offset, options, cancellationToken));
            var reached = targets.Select(t => new PrecisionResult(t, t.AchievedIn(scenario, results))).ToArray();
            if (reached.All(r => r.Reached) || results.Count >= max)
            {
                return RunSummary.From(scenario, seed, results.ToArray()) with { Precision = new PrecisionOutcome(reached, initial, max, results.Count) };
            }
        }
    }

    private sealed class Progress(IProgress<int> inner, int offset) : IProgress<int>
    {
        public void Report(int value) => inner.Report(offset + value);
    }
}
