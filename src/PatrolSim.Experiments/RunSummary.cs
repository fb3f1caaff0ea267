using PatrolSim.Engine.Statistics;
using PatrolSim.Experiments.Council;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Experiments;

/// <summary>
/// The replications of one scenario and their summary: for every metric the mean and 95% Student-t
/// interval over replications, overall and by priority.
/// </summary>
public sealed record RunSummary
{
    /// <summary>The scenario simulated (after overrides).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Per-replication results, in replication order.</summary>
    public required IReadOnlyList<ReplicationResult> Replications { get; init; }

    /// <summary>Mean and CI of each overall metric, indexed like <see cref="MetricCatalog.All"/>.</summary>
    public required IReadOnlyList<ConfidenceInterval> Overall { get; init; }

    /// <summary>Mean and CI of each metric by priority.</summary>
    public required IReadOnlyDictionary<int, IReadOnlyList<ConfidenceInterval>> ByPriority { get; init; }

    /// <summary>The council figures that apply to the scenario (officers to employ; costs and safety when it has those sections), in output order.</summary>
    public IReadOnlyList<CouncilFigure> Council { get; init; } = [];

    /// <summary>What the council figures take from the scenario: hours per officer, relief factor, roster hours, cars.</summary>
    public CouncilBasis Basis => CouncilBasis.For(Scenario);

    /// <summary>Days measured in each replication: horizon.days − warmupDays.</summary>
    public double MeasuredDays => MeasuredPeriod.Days(Scenario);

    /// <summary>
    /// Response-time quantiles of all replications' calls together (their sketches merged), all calls; null when the
    /// replications carry no sketches. The catalogue's responseTime.p50/p90 are instead means of each replication's own
    /// quantile.
    /// </summary>
    public PooledQuantiles? PooledResponse { get; init; }

    /// <summary>Pooled response-time quantiles by priority (empty when the replications carry no sketches).</summary>
    public IReadOnlyDictionary<int, PooledQuantiles> PooledResponseByPriority { get; init; } = new Dictionary<int, PooledQuantiles>();

    /// <summary>With <c>--precision</c>: the targets, the relative half-widths reached and the replications it took; else null.</summary>
    public PrecisionOutcome? Precision { get; init; }

    /// <summary>The warm-up check (MSER-5), or null when the run is too short for it or carries no daily series.</summary>
    public WarmupCheck? Warmup { get; init; }

    /// <summary>
    /// What a reader must know before trusting the table: a force that cannot keep up (more than 1% of calls
    /// unfinished, or utilisation at 0.98 or above), shifts whose officers cannot all be paired as the
    /// crew policy asks, a measured period that is not whole weeks under a weekly cycle, and a warm-up shorter than
    /// the warm-up check finds. Empty when there is nothing to say.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Results by zone (beat), in the city's zone order (<see cref="ZoneSummary"/>); empty when not recorded.</summary>
    public IReadOnlyList<ZoneSummary> ByZone { get; init; } = [];

    /// <summary>Results by district, in order of first appearance among the zones; empty when the city has none.</summary>
    public IReadOnlyList<ZoneSummary> ByDistrict { get; init; } = [];

    /// <summary>Share of arrived calls left unfinished above which a run is flagged as not keeping up.</summary>
    public const double UnfinishedWarningShare = 0.01;

    /// <summary>Utilisation at or above which a run is flagged as not keeping up.</summary>
    public const double UtilizationWarning = 0.98;

    /// <summary>Summarises replication results.</summary>
    public static RunSummary From(Scenario scenario, ulong seed, IReadOnlyList<ReplicationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var overall = Summarise(results.Select(r => r.Overall).ToArray());
        var byPriority = new SortedDictionary<int, IReadOnlyList<ConfidenceInterval>>();
        foreach (int p in results.SelectMany(r => r.ByPriority.Keys).Distinct().Order())
        {
            byPriority[p] = Summarise(results.Select(r => r.ByPriority[p]).ToArray());
        }

        var council = MetricSelector.AllWithCouncil(scenario).Where(m => m.IsCouncil)
            .Select(m => new CouncilFigure(m, ConfidenceInterval.StudentT(results.Select(r => m.ValueIn(scenario, r)).ToArray())))
            .ToArray();
        var (zones, districts) = ZoneSummary.From(scenario.City, results);
        var warmup = WarmupCheck.Of(scenario, results);
        var pooled = Pooled(results, 0);
        var pooledByPriority = new SortedDictionary<int, PooledQuantiles>();
        foreach (int p in byPriority.Keys)
        {
            if (Pooled(results, p) is { } q)
            {
                pooledByPriority[p] = q;
            }
        }

        var warnings = WarningsFor(scenario, overall);
        if (MeasuredPeriod.Warning(scenario) is { } weeks)
        {
            warnings.Add(weeks);
        }

        if (warmup?.Warning(results.Count) is { } tooShort)
        {
            warnings.Add(tooShort);
        }

        return new RunSummary
        {
            Scenario = scenario, Seed = seed, Replications = results, Overall = overall, ByPriority = byPriority,
            Council = council, ByZone = zones, ByDistrict = districts, PooledResponse = pooled, PooledResponseByPriority = pooledByPriority, Warmup = warmup, Warnings = warnings,
        };
    }

    /// <summary>The pooled quantiles of sketch <paramref name="index"/> (0 = all calls, p = priority p); null without sketches.</summary>
    private static PooledQuantiles? Pooled(IReadOnlyList<ReplicationResult> results, int index)
    {
        if (results.Count == 0 || results.Any(r => r.ResponseSketches is not { } s || s.Count <= index))
        {
            return null;
        }

        var merged = QuantileSketch.Merged(results.Select(r => r.ResponseSketches![index]));
        return new PooledQuantiles(merged.Quantile(0.5), merged.Quantile(0.9), merged.Count);
    }

    private static List<string> WarningsFor(Scenario scenario, ConfidenceInterval[] overall)
    {
        var warnings = new List<string>();
        double arrived = overall[MetricCatalog.CallsArrived].Mean;
        double unfinished = overall[MetricCatalog.CallsUnfinished].Mean;
        double utilization = overall[MetricCatalog.Utilization].Mean;
        if (arrived > 0 && unfinished > UnfinishedWarningShare * arrived)
        {
            warnings.Add(FormattableString.Invariant(
                $"{unfinished / arrived * 100:0.0}% of calls were still open at the end of the run (more than 1%): the force cannot keep up, and delays and response times shown cover only the calls that were served."));
        }

        if (utilization >= UtilizationWarning)
        {
            warnings.Add(FormattableString.Invariant(
                $"utilisation is {utilization:0.000} (0.98 or more): the force is saturated; queues grow without bound and results depend on the run length."));
        }

        foreach (var shift in scenario.Staffing.Shifts)
        {
            int officers = scenario.Staffing.OfficersOf(shift);
            double share = Staffing.TwoOfficerShareOf(shift, scenario.Policy.Crew.TwoOfficerShare);
            if (share >= 1 && officers % 2 == 1)
            {
                warnings.Add(FormattableString.Invariant(
                    $"shift '{shift.Name}' has {officers} officers: with every officer paired, one officer rides alone in a one-officer car."));
            }
        }

        return warnings;
    }

    /// <summary>The pooled quantile (all replications' calls together) of a response-time quantile metric; NaN for any other or without sketches.</summary>
    public double PooledOf(MetricSelector metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var pooled = metric.Priority is { } p ? PooledResponseByPriority.GetValueOrDefault(p) : PooledResponse;
        return pooled?.Of(metric.Metric) ?? double.NaN;
    }

    /// <summary>The CI of metric <paramref name="metric"/>, overall (priority null) or for one priority; null when absent.</summary>
    public ConfidenceInterval? Get(string metric, int? priority = null)
    {
        if (CouncilMeasures.IsCouncil(metric))
        {
            return priority is null ? Council.FirstOrDefault(c => c.Measure.Name == metric)?.Value : null;
        }

        var def = MetricCatalog.Find(metric);
        if (def is null)
        {
            return null;
        }

        if (priority is null)
        {
            return Overall[def.Index];
        }

        return ByPriority.TryGetValue(priority.Value, out var list) ? list[def.Index] : null;
    }

    /// <summary>Each of <paramref name="count"/> metrics' Student-t interval across the replications' rows.</summary>
    internal static ConfidenceInterval[] Summarise(IReadOnlyList<double>[] rows, int count = -1)
    {
        var result = new ConfidenceInterval[count < 0 ? MetricCatalog.Count : count];
        var column = new double[rows.Length];
        for (int m = 0; m < result.Length; m++)
        {
            for (int r = 0; r < rows.Length; r++)
            {
                column[r] = rows[r][m];
            }

            result[m] = ConfidenceInterval.StudentT(column);
        }

        return result;
    }
}

/// <summary>A council figure of a run: which it is (with its unit) and its mean and 95% interval over replications.</summary>
/// <param name="Measure">The figure.</param>
/// <param name="Value">Mean and 95% Student-t interval over replications.</param>
public sealed record CouncilFigure(MetricSelector Measure, ConfidenceInterval Value);

/// <summary>
/// Response-time quantiles of the calls of every replication taken together (pooled), as opposed to the mean over
/// replications of each replication's own quantile. A point estimate: it has no interval.
/// </summary>
/// <param name="P50">Median, minutes.</param>
/// <param name="P90">90th percentile, minutes.</param>
/// <param name="Calls">Calls behind it (all replications).</param>
public sealed record PooledQuantiles(double P50, double P90, long Calls)
{
    /// <summary>
    /// What the value of a response-time quantile metric of the catalogue is, for tables and files; null for any other
    /// metric (recognised by definition, not by index: council figures and zone metrics number theirs from 0 too).
    /// </summary>
    public static string? StatisticOf(MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return IsCatalogue(metric, MetricCatalog.ResponseP50) ? "mean over replications of each replication's median; pooled: the median of all replications' calls"
            : IsCatalogue(metric, MetricCatalog.ResponseP90) ? "mean over replications of each replication's 90th percentile; pooled: the 90th percentile of all replications' calls"
            : null;
    }

    /// <summary>The pooled value of a catalogue quantile metric (responseTime.p50 or responseTime.p90); NaN for any other.</summary>
    public double Of(MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return IsCatalogue(metric, MetricCatalog.ResponseP50) ? P50 : IsCatalogue(metric, MetricCatalog.ResponseP90) ? P90 : double.NaN;
    }

    private static bool IsCatalogue(MetricDefinition metric, int index) => ReferenceEquals(metric, MetricCatalog.All[index]);
}
