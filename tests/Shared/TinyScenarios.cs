namespace PatrolSim.Testing;

/// <summary>Tiny scenario files shared by the experiment and CLI tests.</summary>
internal static class TinyScenarios
{
    /// <summary>A small city: two priorities, risky calls, travel, two shifts; a few days so tests stay quick.</summary>
    public const string SmallCity = """
        name: tiny city
        horizon: { days: 3, warmupDays: 0.5 }
        city: { widthKm: 4, heightKm: 3, beats: { rows: 2, cols: 2 } }
        demand:
          callsPerDay: 90
          callTypes:
            - { name: fight, share: 0.3, priority: 1, onScene: { dist: exponential, mean: 30 }, officers: 1, risk: high }
            - { name: report, share: 0.7, priority: 2, onScene: { dist: exponential, mean: 25 }, officers: 1, risk: low }
        travel: { model: manhattan, detour: 1.3, turnoutMinutes: 1, speedKmh: { 1: 60, 2: 45 } }
        staffing:
          shifts:
            - { name: day, start: "06:00", hours: 12, officers: 4 }
            - { name: night, start: "18:00", hours: 12, officers: 3 }
        policy:
          crew: { twoOfficerShare: 0 }
          backup: { rule: risk, minRisk: high, engage: alone }
          dispatch: { rule: closest }
        """;

    /// <summary>
    /// M/M/c: 16 calls an hour, 30 minutes each (8 erlangs), no travel, one continuous shift of 10 officers,
    /// 20 days after a 1-day warm-up. Tests vary officers and days with overrides.
    /// </summary>
    public const string MMc = """
        name: M/M/10
        horizon: { days: 20, warmupDays: 1 }
        city: { widthKm: 1, heightKm: 1, beats: { rows: 1, cols: 1 } }
        demand:
          callsPerDay: 384
          callTypes:
            - { name: call, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 }, officers: 1 }
        travel: { model: none }
        staffing:
          shifts:
            - { name: all day, start: "00:00", hours: 24, officers: 10 }
        policy:
          crew: { twoOfficerShare: 0 }
          backup: { rule: none }
          dispatch: { rule: closest }
        """;
}
