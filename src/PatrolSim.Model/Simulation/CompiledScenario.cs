using PatrolSim.Engine;
using PatrolSim.Engine.Random;
using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// The scenario turned into the tables the event loop reads: alias tables, rates, speeds and targets by
/// priority, shift times in ticks. Immutable, so replications on many threads share one.
/// </summary>
internal sealed class CompiledScenario
{
    public CompiledScenario(Scenario s)
    {
        ScenarioRules.ThrowIfInvalid(s);
        Scenario = s;
        HorizonTicks = SimTime.FromDays(s.Horizon.Days).Ticks;
        WarmupTicks = SimTime.FromDays(s.Horizon.WarmupDays).Ticks;
        if (HorizonTicks > SimTime.MaxHorizon.Ticks)
        {
            throw new ArgumentException("Horizons beyond 100 years are not supported.", nameof(s));
        }

        var types = s.Demand.CallTypes;
        MaxPriority = types.Max(t => t.Priority);
        Priorities = [.. types.Select(t => t.Priority).Distinct().Order()];
        TypeTable = new AliasTable([.. types.Select(t => t.Share)]);
        ZoneTable = new AliasTable([.. s.City.Zones.Select(z => z.Weight)]);

        double meanProfile = s.Demand.WeeklyProfile.Average();
        double perHour = s.Demand.CallsPerDay * s.Demand.Multiplier / 24.0;
        if (perHour > 0)
        {
            Arrivals = new PiecewiseRate([.. s.Demand.WeeklyProfile.Select(m => perHour * m / meanProfile)], SimTime.FromHours(1));
        }

        Targets = new long[MaxPriority + 1];
        for (int p = 0; p <= MaxPriority; p++)
        {
            Targets[p] = s.ResponseTargets.TryGetValue(p, out double m) ? SimTime.FromMinutes(m).Ticks : -1;
        }

        Travel = new TravelTimes(s.Travel, MaxPriority);
        Geometry = new CityGeometry(s.City);

        Zones = [.. s.City.Zones];
        CallTypes = [.. s.Demand.CallTypes];
        TypeRiskWeights = [.. s.Demand.CallTypes.Select(t => s.RiskWeights.Of(t.Risk))];
        TypeRiskLevels = [.. s.Demand.CallTypes.Select(t => (int)t.Risk)];
        double weightSum = s.City.Zones.Sum(z => z.Weight);
        ZoneShares = [.. s.City.Zones.Select(z => z.Weight / weightSum)];
        var zoneIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < s.City.Zones.Count; i++)
        {
            zoneIndex[s.City.Zones[i].Id] = i;
        }

        Preferences = new int[s.City.Zones.Count][];
        for (int i = 0; i < Preferences.Length; i++)
        {
            Preferences[i] = s.Policy.Dispatch.Preferences.TryGetValue(s.City.Zones[i].Id, out var list) ? [.. list] : [];
        }

        var handling = s.CallHandling;
        IntakeByPriority = new Distribution?[MaxPriority + 1];
        HoldByPriority = new Distribution?[MaxPriority + 1];
        for (int p = 0; p <= MaxPriority; p++)
        {
            IntakeByPriority[p] = handling.Intake.TryGetValue(p, out var d) ? d : handling.DefaultIntake;
            HoldByPriority[p] = s.Policy.Dispatch.Hold is { } hold && hold.TryGetValue(p, out var h) ? h : null;
        }

        Processing = handling.Processing;
        HasCallHandling = handling.Any || s.Policy.Dispatch.Hold is { Count: > 0 };
        ReserveFromPriority = s.Policy.Dispatch.Reserve?.FromPriority ?? int.MaxValue;
        ReserveKeepFree = s.Policy.Dispatch.Reserve?.KeepFreeUnits ?? 0;
        PreemptUpToPriority = s.Policy.Preemption?.UpToPriority ?? 0;
        PreemptSelfInitiated = s.Policy.Preemption?.SelfInitiated ?? false;
        PreemptCallsFromPriority = s.Policy.Preemption?.FromCallsAtPriority ?? int.MaxValue;
        if (s.Demand.SelfInitiated is { RatePerUnitHour: > 0 } si)
        {
            // Per idle unit-hour, by hour of day when an hourly profile is given (its multipliers scaled to mean 1).
            double[] hourly = si.Hourly is { Count: 24 } h ? [.. h.Select(m => m / h.Average())] : [1.0];
            SelfInitiatedRate = new PiecewiseRate([.. hourly.Select(m => si.RatePerUnitHour * m)], SimTime.FromHours(1));
        }

        HasBackupOnly = s.Staffing.Shifts.Any(sh => s.Staffing.BackupOnlyOf(sh) > 0);
        var backupUnits = s.Policy.BackupUnits ?? BackupUnitsPolicy.Default;
        BackupOnlyFirstFromRisk = backupUnits.FirstResponseFromRisk is { } r ? (int)r : int.MaxValue;
        PreferBackupOnly = backupUnits.PreferForBackup;
        HasPullWindows = s.Policy.Changes.Any(c => c.Set.PullOfficers is > 0);
        ExtraDemandPeak = Math.Max(0, s.Policy.Changes.Select(c => c.Set.DemandMultiplier ?? 1).DefaultIfEmpty(1).Max() - 1);
        MaxOfficersPerShift = s.Staffing.Shifts.Count == 0 ? 1 : s.Staffing.Shifts.Max(sh => s.Staffing.OfficersOf(sh));
        TotalOfficers = s.Staffing.MaxUnitNumber();

        // Unit numbers are stable across shift instances: shift k's units are numbered after the largest
        // possible unit count (all solo) of every earlier shift.
        ShiftNumberOffsets = new int[s.Staffing.Shifts.Count];
        for (int k = 1; k < ShiftNumberOffsets.Length; k++)
        {
            ShiftNumberOffsets[k] = ShiftNumberOffsets[k - 1] + s.Staffing.OfficersOf(s.Staffing.Shifts[k - 1]) + s.Staffing.BackupOnlyOf(s.Staffing.Shifts[k - 1]);
        }
    }

    public Scenario Scenario { get; }

    /// <summary>Zones as an array: the event loop indexes it without interface calls.</summary>
    public Zone[] Zones { get; }

    /// <summary>Call types as an array.</summary>
    public CallType[] CallTypes { get; }

    /// <summary>Risk weight of each call type.</summary>
    public double[] TypeRiskWeights { get; }

    /// <summary>Risk level of each call type, as its enum value (0 none … 3 high).</summary>
    public int[] TypeRiskLevels { get; }

    /// <summary>For each shift, the unit number before its first unit (unit numbers 1 … <see cref="TotalOfficers"/>).</summary>
    public int[] ShiftNumberOffsets { get; }

    /// <summary>Travel is instantaneous: units reach calls and their beat at once.</summary>
    public bool ZeroTravel => Travel.Zero;

    /// <summary>Turnout and trip times by priority, and routine trips.</summary>
    public TravelTimes Travel { get; }

    /// <summary>Points in zones, neighbours, districts.</summary>
    public CityGeometry Geometry { get; }

    public long HorizonTicks { get; }

    public long WarmupTicks { get; }

    public int MaxPriority { get; }

    public IReadOnlyList<int> Priorities { get; }

    public AliasTable TypeTable { get; }

    public AliasTable ZoneTable { get; }

    public PiecewiseRate? Arrivals { get; }

    public long[] Targets { get; }

    public double[] ZoneShares { get; }

    public int[][] Preferences { get; }

    public int MaxOfficersPerShift { get; }

    /// <summary>Some shift has backup-only units.</summary>
    public bool HasBackupOnly { get; }

    /// <summary>Backup-only units may answer first calls of this risk level or higher (int.MaxValue: never).</summary>
    public int BackupOnlyFirstFromRisk { get; }

    /// <summary>Backup-only units are sent as backup before patrol units.</summary>
    public bool PreferBackupOnly { get; }

    /// <summary>Some staffing window pulls officers off patrol.</summary>
    public bool HasPullWindows { get; }

    /// <summary>The largest demand-window multiplier less 1 (0 when no window adds calls): the extra calls' rate bound.</summary>
    public double ExtraDemandPeak { get; }

    /// <summary>Call-taking time by priority, or null entries for none.</summary>
    public Distribution?[] IntakeByPriority { get; }

    /// <summary>Hold (stacking) time by priority after intake, or null entries for none.</summary>
    public Distribution?[] HoldByPriority { get; }

    /// <summary>Dispatcher processing from choosing a unit to its dispatch, or null.</summary>
    public Distribution? Processing { get; }

    /// <summary>Any call-handling or hold time is configured (draws from its own stream only then).</summary>
    public bool HasCallHandling { get; }

    /// <summary>Calls of this priority or higher numbers are under the reserve cut-off (int.MaxValue: none).</summary>
    public int ReserveFromPriority { get; }

    /// <summary>Units that must stay free after sending one to a call under the reserve cut-off.</summary>
    public int ReserveKeepFree { get; }

    /// <summary>Calls of priority ≤ this may preempt (0: none).</summary>
    public int PreemptUpToPriority { get; }

    /// <summary>Preempting calls may take units from self-initiated work.</summary>
    public bool PreemptSelfInitiated { get; }

    /// <summary>Preempting calls may take units from calls of this priority or higher numbers (int.MaxValue: none).</summary>
    public int PreemptCallsFromPriority { get; }

    /// <summary>Self-initiated starts per idle unit-hour, by hour of day (24 hours, or one for a flat rate); null when there are none.</summary>
    public PiecewiseRate? SelfInitiatedRate { get; }

    public int TotalOfficers { get; }
}
