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

/// <summary>
/// The fixed list of metrics every replication reports. Each index is assigned by its definition's
/// position in <see cref="All"/>, so the names and the indexes cannot drift apart.
/// </summary>
public static class MetricCatalog
{
    private static readonly List<MetricDefinition> Definitions = [];

#pragma warning disable CS1591 // indexes named after their metrics
    public static readonly int ResponseMean = Add("responseTime.mean", "min", true, Better.Lower, "Call received to first officer on scene, mean");
    public static readonly int ResponseP50 = Add("responseTime.p50", "min", true, Better.Lower, "Call received to first officer on scene, median");
    public static readonly int ResponseP90 = Add("responseTime.p90", "min", true, Better.Lower, "Call received to first officer on scene, 90th percentile");
    public static readonly int FullResponseMean = Add("fullResponseTime.mean", "min", true, Better.Lower, "Call received to all required officers on scene, mean");
    public static readonly int ServiceStartMean = Add("serviceStart.mean", "min", true, Better.Lower, "Call received to the start of service (later than the first arrival when officers stage for backup), mean");
    public static readonly int StagingMean = Add("stagingTime.mean", "min", true, Better.Lower, "First officer on scene to the start of service (staging for backup; 0 when engaging at once), mean");
    public static readonly int QueueDelayMean = Add("queueDelay.mean", "min", true, Better.Lower, "Call received to first unit dispatched, mean");
    public static readonly int ProbDelayed = Add("probDelayed", "share", true, Better.Lower, "Share of calls with a queue delay");
    public static readonly int TravelMean = Add("travelTime.mean", "min", true, Better.Lower, "Dispatch to on scene of the first unit on scene, mean");
    public static readonly int WithinTarget = Add("withinTarget", "share", true, Better.Higher, "Share of calls answered within their priority's target");
    public static readonly int BackupDelayMean = Add("backupDelay.mean", "min", true, Better.Lower, "First to second officer on scene at calls needing two, mean; a backup that never arrived counts until the call cleared (a lower bound)");
    public static readonly int BackupMissed = Add("backupMissed", "share", true, Better.Lower, "Share of calls needing two or more officers that cleared before a second officer arrived");
    public static readonly int OfficersOnScene = Add("officersOnScene", "officers", true, Better.Neutral, "Officers who came on scene per call, mean");
    public static readonly int SoloMinutesLow = Add("soloMinutes.low", "min per call", true, Better.Lower, "Officer-minutes alone on scene per low-risk call");
    public static readonly int SoloMinutesMedium = Add("soloMinutes.medium", "min per call", true, Better.Lower, "Officer-minutes alone on scene per medium-risk call");
    public static readonly int SoloMinutesHigh = Add("soloMinutes.high", "min per call", true, Better.Lower, "Officer-minutes alone on scene per high-risk call");
    public static readonly int SoloCalls = Add("soloCalls", "share", true, Better.Lower, "Share of risky calls with an officer alone on scene");
    public static readonly int SoloExposureIndex = Add("soloExposureIndex", "per 1,000 calls", true, Better.Lower, "Risk-weighted officer-minutes alone on scene at risky calls and self-initiated stops, per 1,000 calls (an index, not minutes)");
    public static readonly int SoloPerDayLow = Add("soloMinutesPerDay.low", "min/day", false, Better.Lower, "Officer-minutes a day alone on scene at low-risk calls and self-initiated stops");
    public static readonly int SoloPerDayMedium = Add("soloMinutesPerDay.medium", "min/day", false, Better.Lower, "Officer-minutes a day alone on scene at medium-risk calls and self-initiated stops");
    public static readonly int SoloPerDayHigh = Add("soloMinutesPerDay.high", "min/day", false, Better.Lower, "Officer-minutes a day alone on scene at high-risk calls and self-initiated stops");
    public static readonly int SoloPatrolHours = Add("soloPatrolHoursPerDay", "h/day", false, Better.Lower, "Officer-hours a day on duty in one-officer cars (patrol, calls and self-initiated work)");
    public static readonly int Utilization = Add("utilization", "share", false, Better.Neutral, "Committed officer-time / on-duty officer-time");
    public static readonly int ProactiveShare = Add("proactiveShare", "share", false, Better.Higher, "Uncommitted share of on-duty officer-time");
    public static readonly int OvertimeHours = Add("overtimeHoursPerDay", "h/day", false, Better.Lower, "Officer-hours a day worked past shift end finishing calls");
    public static readonly int PreemptionsPerDay = Add("preemptionsPerDay", "per day", false, Better.Neutral, "Units taken a day from self-initiated work or from less urgent calls by urgent calls (preemption)");
    public static readonly int MaxQueueLength = Add("maxQueueLength", "calls", false, Better.Lower, "Largest number of calls waiting for a unit");
    public static readonly int CallsArrived = Add("callsArrived", "calls", true, Better.Neutral, "Calls that arrived after the warm-up");
    public static readonly int CallsServed = Add("callsServed", "calls", true, Better.Neutral, "Calls cleared before the horizon (including those needing no unit)");
    public static readonly int CallsUnfinished = Add("callsUnfinished", "calls", true, Better.Lower, "Calls still open at the horizon");
#pragma warning restore CS1591

    /// <summary>Every metric, in index order.</summary>
    public static IReadOnlyList<MetricDefinition> All => Definitions;

    /// <summary>Number of metrics.</summary>
    public static int Count => Definitions.Count;

    /// <summary>Looks a metric up by name (ordinal).</summary>
    public static MetricDefinition? Find(string name) => Definitions.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    private static int Add(string name, string unit, bool byPriority, Better better, string description)
    {
        Definitions.Add(new MetricDefinition(Definitions.Count, name, unit, byPriority, better, description));
        return Definitions.Count - 1;
    }
}
