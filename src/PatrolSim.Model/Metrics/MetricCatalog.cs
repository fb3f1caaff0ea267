namespace PatrolSim.Model.Metrics;

/// <summary>Which way a metric is better.</summary>
public enum Better
{
    /// <summary>Smaller values are better (response times, exposure).</summary>
    Lower,

    /// <summary>Larger values are better (within target, proactive share).</summary>
    Higher,

    /// <summary>Neither (counts, contacts).</summary>
    Neutral,
}

/// <summary>One metric of design §2.6.</summary>
/// <param name="Index">Position in <see cref="MetricCatalog.All"/> and in value arrays.</param>
/// <param name="Name">Name used in JSON, CSV, sweep files and targets, e.g. <c>responseTime.p90</c>.</param>
/// <param name="Unit">Unit for display: "min", "share", "h", "officers", "calls", "per 1,000 calls".</param>
/// <param name="ByPriority">Whether it is also reported by priority.</param>
/// <param name="Better">Which way is better, for reports.</param>
/// <param name="Description">One line for documentation and tables.</param>
public sealed record MetricDefinition(int Index, string Name, string Unit, bool ByPriority, Better Better, string Description);

/// <summary>The fixed list of metrics every replication reports.</summary>
public static class MetricCatalog
{
#pragma warning disable CS1591 // indexes named after their metrics
    public const int ResponseMean = 0;
    public const int ResponseP50 = 1;
    public const int ResponseP90 = 2;
    public const int FullResponseMean = 3;
    public const int QueueDelayMean = 4;
    public const int ProbDelayed = 5;
    public const int TravelMean = 6;
    public const int WithinTarget = 7;
    public const int BackupDelayMean = 8;
    public const int OfficerContacts = 9;
    public const int SoloExposure = 10;
    public const int SoloCalls = 11;
    public const int Utilization = 12;
    public const int ProactiveShare = 13;
    public const int OvertimeHours = 14;
    public const int MaxQueueLength = 15;
    public const int CallsArrived = 16;
    public const int CallsServed = 17;
    public const int CallsUnfinished = 18;
#pragma warning restore CS1591

    /// <summary>Every metric, in index order.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new(ResponseMean, "responseTime.mean", "min", true, Better.Lower, "Call received to first officer on scene, mean"),
        new(ResponseP50, "responseTime.p50", "min", true, Better.Lower, "Call received to first officer on scene, median"),
        new(ResponseP90, "responseTime.p90", "min", true, Better.Lower, "Call received to first officer on scene, 90th percentile"),
        new(FullResponseMean, "fullResponseTime.mean", "min", true, Better.Lower, "Call received to all required officers on scene, mean"),
        new(QueueDelayMean, "queueDelay.mean", "min", true, Better.Lower, "Call received to first unit dispatched, mean"),
        new(ProbDelayed, "probDelayed", "share", true, Better.Lower, "Share of calls with a queue delay"),
        new(TravelMean, "travelTime.mean", "min", true, Better.Lower, "Dispatch to on scene of the first unit on scene, mean"),
        new(WithinTarget, "withinTarget", "share", true, Better.Higher, "Share of calls answered within their priority's target"),
        new(BackupDelayMean, "backupDelay.mean", "min", true, Better.Lower, "First to second officer on scene at calls needing two, mean"),
        new(OfficerContacts, "officerContacts", "officers", true, Better.Neutral, "Officers on scene per call, mean"),
        new(SoloExposure, "soloExposureMinutes", "per 1,000 calls", true, Better.Lower, "Risk-weighted officer-minutes alone on scene at risky calls, per 1,000 calls"),
        new(SoloCalls, "soloCalls", "share", true, Better.Lower, "Share of risky calls with an officer alone on scene"),
        new(Utilization, "utilization", "share", false, Better.Neutral, "Committed officer-time / on-duty officer-time"),
        new(ProactiveShare, "proactiveShare", "share", false, Better.Higher, "Uncommitted share of on-duty officer-time"),
        new(OvertimeHours, "overtimeHours", "h", false, Better.Lower, "Officer-hours worked past shift end finishing calls"),
        new(MaxQueueLength, "maxQueueLength", "calls", false, Better.Lower, "Largest number of calls waiting for a unit"),
        new(CallsArrived, "callsArrived", "calls", true, Better.Neutral, "Calls that arrived after the warm-up"),
        new(CallsServed, "callsServed", "calls", true, Better.Neutral, "Calls cleared before the horizon (including those needing no unit)"),
        new(CallsUnfinished, "callsUnfinished", "calls", true, Better.Lower, "Calls still open at the horizon"),
    ];

    /// <summary>Number of metrics.</summary>
    public static int Count => All.Count;

    /// <summary>Looks a metric up by name (ordinal).</summary>
    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
