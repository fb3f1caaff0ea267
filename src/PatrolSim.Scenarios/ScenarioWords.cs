using PatrolSim.Model.Definition;

namespace PatrolSim.Scenarios;

/// <summary>
/// The words a scenario file uses for its policy choices, in the order docs/scenario-format.md lists them: one source for
/// the binder and for anything that offers them (the web page's selects).
/// </summary>
public static class ScenarioWords
{
    /// <summary><c>policy.backup.rule</c>: none, risk, all-calls.</summary>
    public static IReadOnlyDictionary<string, BackupRule> BackupRules => ScenarioSchema.Words.Backup;

    /// <summary><c>policy.backup.minRisk</c>: low, medium, high.</summary>
    public static IReadOnlyDictionary<string, RiskLevel> MinRisks => ScenarioSchema.Words.MinRisk;

    /// <summary><c>policy.backup.engage</c>: alone, wait.</summary>
    public static IReadOnlyDictionary<string, Engagement> Engagements => ScenarioSchema.Words.Engage;

    /// <summary><c>policy.dispatch.rule</c>: closest, home-beat-first, preference (and any rule added later).</summary>
    public static IReadOnlyDictionary<string, DispatchRule> DispatchRules => ScenarioSchema.Words.Dispatch;

    /// <summary>The word for <paramref name="value"/> in <paramref name="words"/>.</summary>
    public static string WordOf<T>(IReadOnlyDictionary<string, T> words, T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.First(w => EqualityComparer<T>.Default.Equals(w.Value, value)).Key;
    }
}
