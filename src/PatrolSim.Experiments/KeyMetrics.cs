namespace PatrolSim.Experiments;

/// <summary>
/// The metrics a reader looks at first, in one ordered table: the console's comparison and side-by-side tables list
/// <see cref="Names"/>, each variant's verdict line reads <see cref="Verdict"/>, a sweep that kept every metric reports
/// <see cref="SweepDefaults"/>, and the classroom page shows the metrics with a <see cref="RankOf"/> first. Names are as
/// everywhere (<c>responseTime.mean@1</c>: priority 1); council figures are listed too and appear where a scenario has them.
/// </summary>
public static class KeyMetrics
{
    private static readonly Entry[] Table =
    [
        new("responseTime.mean", Verdict: "response", VerdictRank: 2),
        new("responseTime.p90"),
        new("responseTime.mean@1", Verdict: "P1 response", VerdictRank: 1, SweepDefault: true),
        new("responseTime.p90@1", SweepDefault: true),
        new("queueDelay.mean", SweepDefault: true),
        new("withinTarget"),
        new("soloMinutesPerDay.high", Verdict: "alone at high-risk calls", VerdictRank: 3, SweepDefault: true),
        new("soloMinutesPerDay.medium", Verdict: "alone at medium-risk calls", VerdictRank: 4, SweepDefault: true),
        new("soloMinutesPerDay.low"),
        new("soloPatrolHoursPerDay", Verdict: "solo patrol hours", VerdictRank: 5, SweepDefault: true),
        new("soloExposureIndex"),
        new("backupDelay.mean", Verdict: "backup delay", VerdictRank: 6),
        new("backupMissed"),
        new("utilization", SweepDefault: true),
        new("proactiveShare", Verdict: "proactive time", VerdictRank: 7, SweepDefault: true),
        new("overtimeHoursPerDay"),
        new("fteNeeded"),
        new("annualCost", Verdict: "annual cost", VerdictRank: 8),
        new("expectedAssaults"),
        new("expectedInjuries", Verdict: "expected injuries", VerdictRank: 9),
    ];

    /// <summary>Every key metric, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(e => e.Name)];

    /// <summary>The metrics of a variant's verdict line with their short labels, in the line's order.</summary>
    public static IReadOnlyList<(string Metric, string Label)> Verdict { get; } =
        [.. Table.Where(e => e.Verdict is not null).OrderBy(e => e.VerdictRank).Select(e => (e.Name, e.Verdict!))];

    /// <summary>The metrics a sweep report shows when the sweep kept every metric.</summary>
    public static IReadOnlyList<string> SweepDefaults { get; } = [.. Table.Where(e => e.SweepDefault).Select(e => e.Name)];

    /// <summary>
    /// The place of a metric among the key metrics (0 first), by its name without a priority (<c>queueDelay.mean@2</c>
    /// ranks as <c>queueDelay.mean</c>; <c>responseTime.mean@1</c> as itself when listed); null when it is not one.
    /// </summary>
    public static int? RankOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int exact = Array.FindIndex(Table, e => e.Name == name);
        if (exact >= 0)
        {
            return exact;
        }

        int at = name.IndexOf('@', StringComparison.Ordinal);
        int baseIndex = at < 0 ? -1 : Array.FindIndex(Table, e => e.Name == name[..at]);
        return baseIndex >= 0 ? baseIndex : null;
    }

    private sealed record Entry(string Name, string? Verdict = null, int VerdictRank = 0, bool SweepDefault = false);
}
