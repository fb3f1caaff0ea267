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

        Speeds = new double[MaxPriority + 1];
        Targets = new long[MaxPriority + 1];
        for (int p = 0; p <= MaxPriority; p++)
        {
            Speeds[p] = SpeedFor(s.Travel, p);
            Targets[p] = s.ResponseTargets.TryGetValue(p, out double m) ? SimTime.FromMinutes(m).Ticks : -1;
        }

        RoutineSpeed = s.Travel.SpeedKmh.Count == 0 ? 40 : s.Travel.SpeedKmh[s.Travel.SpeedKmh.Keys.Max()];
        TurnoutTicks = SimTime.FromMinutes(s.Travel.TurnoutMinutes).Ticks;
        if (s.Travel.NoiseCv > 0)
        {
            NoiseParams = Xoshiro256.LogNormalParameters(1.0, s.Travel.NoiseCv);
        }

        Zones = [.. s.City.Zones];
        CallTypes = [.. s.Demand.CallTypes];
        TypeRiskWeights = [.. s.Demand.CallTypes.Select(t => s.RiskWeights.Of(t.Risk))];
        TypeRiskLevels = [.. s.Demand.CallTypes.Select(t => (int)t.Risk)];
        ZeroTravel = s.Travel.Model == TravelModel.None;
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

        MaxOfficersPerShift = s.Staffing.Shifts.Count == 0 ? 1 : s.Staffing.Shifts.Max(sh => (int)Math.Round(sh.Officers * s.Staffing.Scale, MidpointRounding.AwayFromZero));
        TotalOfficers = s.Staffing.Shifts.Sum(sh => (int)Math.Round(sh.Officers * s.Staffing.Scale, MidpointRounding.AwayFromZero));

        // Unit numbers are stable across shift instances: shift k's units are numbered after the largest
        // possible unit count (all solo) of every earlier shift.
        ShiftNumberOffsets = new int[s.Staffing.Shifts.Count];
        for (int k = 1; k < ShiftNumberOffsets.Length; k++)
        {
            ShiftNumberOffsets[k] = ShiftNumberOffsets[k - 1] + (int)Math.Round(s.Staffing.Shifts[k - 1].Officers * s.Staffing.Scale, MidpointRounding.AwayFromZero);
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
    public bool ZeroTravel { get; }

    public long HorizonTicks { get; }

    public long WarmupTicks { get; }

    public int MaxPriority { get; }

    public IReadOnlyList<int> Priorities { get; }

    public AliasTable TypeTable { get; }

    public AliasTable ZoneTable { get; }

    public PiecewiseRate? Arrivals { get; }

    public double[] Speeds { get; }

    public long[] Targets { get; }

    public double RoutineSpeed { get; }

    public long TurnoutTicks { get; }

    public (double Mu, double Sigma)? NoiseParams { get; }

    public double[] ZoneShares { get; }

    public int[][] Preferences { get; }

    public int MaxOfficersPerShift { get; }

    public int TotalOfficers { get; }

    private static double SpeedFor(Travel travel, int priority)
    {
        if (travel.SpeedKmh.Count == 0)
        {
            return 40;
        }

        if (travel.SpeedKmh.TryGetValue(priority, out double v))
        {
            return v;
        }

        return travel.SpeedKmh[travel.SpeedKmh.Keys.Max()];
    }
}
