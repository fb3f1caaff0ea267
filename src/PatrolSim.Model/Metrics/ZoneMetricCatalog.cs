namespace PatrolSim.Model.Metrics;

/// <summary>
/// The metrics reported by zone (beat) and by district: which beats wait longest, and where officers are busiest and
/// most often alone. Calls count in the zone where they happen; utilisation in the home zone of the unit. Each index is
/// its definition's position in <see cref="All"/>.
/// </summary>
public static class ZoneMetricCatalog
{
    private static readonly List<MetricDefinition> Definitions = [];

#pragma warning disable CS1591 // indexes named after their metrics
    public static readonly int ResponseMean = Add("responseTime.mean", "min", Better.Lower, "Call received to first officer on scene, mean, calls in the zone");
    public static readonly int ResponseP90 = Add("responseTime.p90", "min", Better.Lower, "Call received to first officer on scene, 90th percentile, calls in the zone");
    public static readonly int WithinTarget = Add("withinTarget", "share", Better.Higher, "Share of the zone's calls answered within their priority's target");
    public static readonly int Utilization = Add("utilization", "share", Better.Neutral, "Committed officer-time / on-duty officer-time of the units whose home zone it is");
    public static readonly int SoloMinutesPerDay = Add("soloMinutesPerDay", "min/day", Better.Lower, "Officer-minutes a day alone on scene at risky calls in the zone (calls only)");
    public static readonly int CallsArrived = Add("callsArrived", "calls", Better.Neutral, "Calls in the zone that arrived after the warm-up");
    public static readonly int CallsServed = Add("callsServed", "calls", Better.Neutral, "The zone's calls cleared before the horizon (including those needing no unit)");
    public static readonly int CallsUnfinished = Add("callsUnfinished", "calls", Better.Lower, "The zone's calls still open at the horizon");
#pragma warning restore CS1591

    /// <summary>The zone metrics the zone tables show (console and report), in column order; files carry every one.</summary>
    public static IReadOnlyList<int> TableColumns { get; } = [ResponseMean, ResponseP90, WithinTarget, Utilization, SoloMinutesPerDay, CallsArrived];

    /// <summary>Every zone metric, in index order.</summary>
    public static IReadOnlyList<MetricDefinition> All => Definitions;

    /// <summary>Number of zone metrics.</summary>
    public static int Count => Definitions.Count;

    /// <summary>Looks a zone metric up by name (ordinal).</summary>
    public static MetricDefinition? Find(string name) => Definitions.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    private static int Add(string name, string unit, Better better, string description)
    {
        Definitions.Add(new MetricDefinition(Definitions.Count, name, unit, false, better, description));
        return Definitions.Count - 1;
    }
}
