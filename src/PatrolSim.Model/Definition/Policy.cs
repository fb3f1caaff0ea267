namespace PatrolSim.Model.Definition;

/// <summary>The staffing policy under test.</summary>
/// <param name="Crew">Crew policy.</param>
/// <param name="Backup">Backup and engagement rules.</param>
/// <param name="Dispatch">Dispatch rule, holding and reserve.</param>
/// <param name="Changes">Policy windows.</param>
/// <param name="Preemption">Which calls may take units from lower work; null = none.</param>
/// <param name="BackupUnits">How backup-only units are dispatched; null = the default (second unit only, preferred for backup).</param>
public sealed record Policy(CrewPolicy Crew, BackupPolicy Backup, DispatchPolicy Dispatch, IReadOnlyList<PolicyChange> Changes, Preemption? Preemption = null, BackupUnitsPolicy? BackupUnits = null);

/// <summary>
/// Backup-only units (shifts' <c>backupOnlyOfficers</c>) answer as second unit; as first unit only calls at or above
/// <paramref name="FirstResponseFromRisk"/> (null: never). With <paramref name="PreferForBackup"/>, dispatch sends them as
/// backup before patrol units; with <paramref name="PreferWithinMinutes"/> as well, only when the nearest one's travel
/// time (distance × detour at the call's speed) is at most that many minutes more than the nearest patrol unit's,
/// which goes otherwise (null: always preferred).
/// </summary>
public sealed record BackupUnitsPolicy(RiskLevel? FirstResponseFromRisk, bool PreferForBackup, double? PreferWithinMinutes = null)
{
    /// <summary>Second unit only, preferred for backup.</summary>
    public static BackupUnitsPolicy Default { get; } = new(null, true);
}

/// <summary>
/// Calls of priority ≤ <paramref name="UpToPriority"/> may take a unit from self-initiated work (when
/// <paramref name="SelfInitiated"/>) and, when <paramref name="FromCallsAtPriority"/> is set, from calls of
/// that priority or lower urgency (the interrupted call goes back to the head of its priority's queue and
/// keeps the on-scene time it still needs).
/// </summary>
public sealed record Preemption(int UpToPriority, bool SelfInitiated, int? FromCallsAtPriority);

/// <summary>Share of officers in two-officer cars (0 = all solo, 1 = all paired).</summary>
public sealed record CrewPolicy(double TwoOfficerShare);

/// <summary>Backup rules.</summary>
public enum BackupRule
{
    /// <summary>The call type's own officers only.</summary>
    None,

    /// <summary>Calls at or above a risk level get at least two officers.</summary>
    Risk,

    /// <summary>Every call gets at least two officers ("two cars to every call").</summary>
    AllCalls,
}

/// <summary>What the first officer on scene does before the required officers are there.</summary>
public enum Engagement
{
    /// <summary>Engages on arrival; backup joins when it arrives.</summary>
    Alone,

    /// <summary>Stages until the required officers are on scene; service starts then.</summary>
    Wait,
}

/// <summary>Backup rule, its risk threshold and the engagement rule.</summary>
public sealed record BackupPolicy(BackupRule Rule, RiskLevel MinRisk, Engagement Engage);

/// <summary>Dispatch rules.</summary>
public enum DispatchRule
{
    /// <summary>Closest available units first (by travel time).</summary>
    Closest,

    /// <summary>Units of the call's beat first, then closest.</summary>
    HomeBeatFirst,

    /// <summary>Fixed preference lists of unit numbers per zone (the hypercube model's dispatch).</summary>
    Preference,
}

/// <summary>Dispatch rule; <see cref="Preferences"/> maps a zone id to unit numbers (1-based, in order of preference).</summary>
/// <param name="Rule">Which available unit is chosen.</param>
/// <param name="Preferences">Preference lists per zone id, for <see cref="DispatchRule.Preference"/>.</param>
/// <param name="Hold">Holding (stacking) of calls by priority: each call waits at least a drawn time after it is ready; none by default.</param>
/// <param name="Reserve">Reserve cut-off: calls of a priority or lower urgency are sent only if units stay free for more urgent calls; null = none.</param>
public sealed record DispatchPolicy(
    DispatchRule Rule,
    IReadOnlyDictionary<string, IReadOnlyList<int>> Preferences,
    IReadOnlyDictionary<int, Distribution>? Hold = null,
    ReserveRule? Reserve = null)
{
    /// <summary>Closest-unit dispatch.</summary>
    public static DispatchPolicy Closest { get; } = new(DispatchRule.Closest, new Dictionary<string, IReadOnlyList<int>>());
}

/// <summary>
/// Reserve cut-off: a call of priority ≥ <paramref name="FromPriority"/> is sent a unit only if at least
/// <paramref name="KeepFreeUnits"/> units are still free after it (not committed to calls: idle, returning or on
/// self-initiated work), keeping them for more urgent calls. The reserve never exceeds the units on duty less
/// those the call needs.
/// </summary>
public sealed record ReserveRule(int FromPriority, int KeepFreeUnits);

/// <summary>
/// A policy window: from <see cref="AtMinutes"/> for <see cref="DurationHours"/>, the given settings replace
/// the base policy's. Crew changes take effect at the next shift start unless <see cref="Immediate"/>.
/// </summary>
public sealed record PolicyChange(double AtMinutes, double DurationHours, PolicyOverrides Set, bool Immediate);

/// <summary>The policy keys a window can switch; null = unchanged.</summary>
/// <param name="TwoOfficerShare">Share of officers in two-officer cars for crews formed in the window.</param>
/// <param name="BackupRule">Backup rule for calls arriving in the window.</param>
/// <param name="MinRisk">Risk level from which the backup rule applies.</param>
/// <param name="Engage">What the first officer on scene does before backup arrives.</param>
/// <param name="DispatchRule">Which available unit is sent.</param>
/// <param name="PullOfficers">Officers taken off patrol for the window (fixed posts, precinct guards, a protest); busy ones leave when their call clears; all come back when it closes.</param>
/// <param name="DemandMultiplier">Call volume × this inside the window (an event's own calls when above 1).</param>
public sealed record PolicyOverrides(
    double? TwoOfficerShare = null,
    BackupRule? BackupRule = null,
    RiskLevel? MinRisk = null,
    Engagement? Engage = null,
    DispatchRule? DispatchRule = null,
    int? PullOfficers = null,
    double? DemandMultiplier = null);
