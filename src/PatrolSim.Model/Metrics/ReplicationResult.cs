using PatrolSim.Engine.Statistics;

namespace PatrolSim.Model.Metrics;

/// <summary>
/// The metrics of one replication: <see cref="Overall"/> and per priority, each an array indexed by
/// <see cref="MetricDefinition.Index"/> (NaN where a metric does not apply, e.g. no risky calls).
/// </summary>
public sealed record ReplicationResult
{
    /// <summary>Replication index (0-based).</summary>
    public required int Replication { get; init; }

    /// <summary>The replication's seed, derived from the master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Overall metric values.</summary>
    public required IReadOnlyList<double> Overall { get; init; }

    /// <summary>Metric values by priority (only priorities that occur in the scenario).</summary>
    public required IReadOnlyDictionary<int, IReadOnlyList<double>> ByPriority { get; init; }

    /// <summary>Events processed (all, including warm-up).</summary>
    public required long Events { get; init; }

    /// <summary>Calls generated (all, including warm-up).</summary>
    public required long CallsGenerated { get; init; }

    /// <summary>
    /// With unit-state tracking on: fraction of measured time each unit number (1-based, index 0 = unit 1)
    /// was busy on calls.
    /// </summary>
    public IReadOnlyList<double>? UnitBusyFraction { get; init; }

    /// <summary>
    /// With unit-state tracking on: fraction of measured time in each busy-set state, indexed by the
    /// bit mask of busy unit numbers (bit 0 = unit 1), plus the fraction of time with calls waiting
    /// (index 2^N) when all are busy.
    /// </summary>
    public IReadOnlyList<double>? StateFractions { get; init; }

    /// <summary>Metric values by zone, in the city's zone order, indexed like <see cref="ZoneMetricCatalog.All"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? ByZone { get; init; }

    /// <summary>Metric values by district (in order of first appearance among the zones; empty when the city has none), indexed like <see cref="ZoneMetricCatalog.All"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? ByDistrict { get; init; }

    /// <summary>
    /// The response times of the measured calls served (call received to first officer on scene, minutes) as a
    /// quantile sketch: index 0 all calls, index p priority p (an empty sketch for a priority without calls). The
    /// sketches of several replications merge into the pooled distribution of all their calls. Read only: merge them
    /// into a sketch of your own.
    /// </summary>
    public IReadOnlyList<QuantileSketch>? ResponseSketches { get; init; }

    /// <summary>
    /// Day by day from day 0, warm-up included: every call served, by the day it arrived (for the warm-up check).
    /// </summary>
    public DailySeries? Daily { get; init; }

    /// <summary>Convenience: an overall value by metric name.</summary>
    public double this[string metric] => Overall[MetricCatalog.Find(metric)?.Index ?? throw new KeyNotFoundException(metric)];
}

/// <summary>
/// Response times day by day over the whole horizon, warm-up included: for each day from day 0 (the last one partial
/// when the horizon is not a whole number of days), the calls served that arrived that day and the sum of their
/// response times. Calls still open at the horizon are not in it, so the last hours' values lean short.
/// </summary>
/// <param name="ResponseMinutes">Per day: the sum of the response times (received to first officer on scene), minutes.</param>
/// <param name="Calls">Per day: the calls served.</param>
public sealed record DailySeries(IReadOnlyList<double> ResponseMinutes, IReadOnlyList<long> Calls)
{
    /// <summary>Days in the series.</summary>
    public int Days => Calls.Count;

    /// <summary>The mean response time of day <paramref name="day"/>'s calls (NaN on a day without any).</summary>
    public double MeanResponse(int day) => Calls[day] == 0 ? double.NaN : ResponseMinutes[day] / Calls[day];
}
