namespace PatrolSim.Scenarios.Tests;

/// <summary>
/// Every error the binder can report, each from the smallest file that provokes it, asserted word for
/// word with its file:line:column. The expected texts were first produced by the binder before it was
/// made table-driven (ScenarioSchema), so this also pins that the rewrite kept every message.
/// </summary>
public class ScenarioBinderErrorTests
{
    /// <summary>A valid scenario, one section a line; a case replaces the line of its section or adds a line 6.</summary>
    private static readonly string[] Valid =
    [
        "name: t",
        "horizon: { days: 7 }",
        "city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 } }",
        "demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ] }",
        "staffing: { shifts: [ { name: day, start: \"07:00\", hours: 24, officers: 2 } ] }",
    ];

    private static string With(string line) => With(Valid, line);

    /// <summary>
    /// <paramref name="valid"/> with each of <paramref name="lines"/> replacing the line of its section, or
    /// added after the others when the section is not there.
    /// </summary>
    internal static string With(IReadOnlyList<string> valid, params string[] lines)
    {
        var result = valid.ToList();
        foreach (string line in lines)
        {
            string key = line[..line.IndexOf(':', StringComparison.Ordinal)];
            int i = result.FindIndex(l => l.StartsWith(key + ":", StringComparison.Ordinal));
            if (i >= 0)
            {
                result[i] = line;
            }
            else
            {
                result.Add(line);
            }
        }

        return string.Join("\n", result) + "\n";
    }

    [Fact]
    public void Valid_Parses()
    {
        Assert.Equal("t", ScenarioLoader.Parse(With("description: x"), "s.yaml").Name);
    }

    [Theory]
    [InlineData("nam: t", "s.yaml:6:1: nam: unknown key (did you mean 'name'?); allowed here: name, description, horizon, city, demand, travel, staffing, policy, callHandling, riskWeights, targets, costs, safety")]
    [InlineData("horizon: 7", "s.yaml:2:10: horizon: must be a mapping of keys to values, not '7'")]
    [InlineData("horizon: { days: 0 }", "s.yaml:2:18: horizon.days: is 0; it must be greater than 0 and at most 36525; the simulated period in days (at most 100 years)")]
    [InlineData("horizon: { warmupDays: 1 }", "s.yaml:2:10: horizon.days: is missing; the simulated period in days (at most 100 years)")]
    [InlineData("horizon: { days: 7, warmupDays: 7 }", "s.yaml:2:33: horizon.warmupDays: is 7; it must be less than horizon.days (7)")]
    [InlineData("city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 }, zones: [] }", "s.yaml:3:70: city.zones: give either beats (a grid) or zones (explicit rectangles), not both")]
    [InlineData("city: { widthKm: 4, heightKm: 2 }", "s.yaml:3:7: city.beats: is missing; give beats: { rows: R, cols: C }, a list of zones, or a zones file (zones: beats.geojson)")]
    [InlineData("city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2, weights: [0, 0] } }", "s.yaml:3:7: city: every zone has weight 0; at least one zone must have demand")]
    [InlineData("city: { widthKm: 4, heightKm: 2, beats: { rows: 1.5, cols: 2 } }", "s.yaml:3:49: city.beats.rows: is 1.5; it must be a whole number")]
    [InlineData("city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2, weights: [1] } }", "s.yaml:3:70: city.beats.weights: has 1 values; it needs 2: one per beat, 2 in all (row by row from the south-west)")]
    [InlineData("city: { widthKm: 4, heightKm: 2, zones: [] }", "s.yaml:3:41: city.zones: is empty; list at least one zone")]
    [InlineData("city: { widthKm: 4, heightKm: 2, zones: x }",
        "s.yaml:3:18: city.widthKm: cannot be given with a zones file, which gives the city's size and zones; remove it",
        "s.yaml:3:31: city.heightKm: cannot be given with a zones file, which gives the city's size and zones; remove it",
        "s.yaml:3:41: city.zones.file: 'x' does not exist; names are relative to the scenario file's folder")]
    [InlineData("city: { widthKm: 4, heightKm: 2, zones: [ { id: a, xKm: 0, yKm: 0 }, { id: a, xKm: 1, yKm: 1 } ] }", "s.yaml:3:76: city.zones[1].id: 'a' is used by another zone; zone ids must be unique")]
    [InlineData("city: { widthKm: 4, heightKm: 2, zones: [ { id: a, xKm: 3, yKm: 0, widthKm: 2 } ] }", "s.yaml:3:43: city.zones[0]: zone 'a' reaches beyond the city (4 × 2 km); make it smaller or the city larger")]
    [InlineData("city: { widthKm: 4, heightKm: 2, zones: [ { id: a, xKm: 5, yKm: 0 } ] }", "s.yaml:3:57: city.zones[0].xKm: is 5; it must be between 0 and 4")]
    [InlineData("city: { widthKm: 4, heightKm: 2, zones: [ 7 ] }", "s.yaml:3:43: city.zones[0]: must be a mapping of keys to values, not '7'")]
    [InlineData("city: { widthKm: 0, heightKm: 2, beats: { rows: 1, cols: 2 } }", "s.yaml:3:18: city.widthKm: is 0; it must be greater than 0 and at most 10000")]
    [InlineData("demand: { callsPerDay: -5, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ] }", "s.yaml:4:24: demand.callsPerDay: is -5; it must be greater than 0 and at most 1000000; the mean number of calls for service per day")]
    [InlineData("demand: { callsPerDay: 10 }", "s.yaml:4:9: demand.callTypes: is missing; list the call types with share, priority and onScene")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [] }", "s.yaml:4:39: demand.callTypes: is empty; list at least one call type")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } }, { name: a, share: 1, priority: 2, onScene: { dist: exponential, mean: 30 } } ] }", "s.yaml:4:127: demand.callTypes[1].name: 'a' is used by another call type; names must be unique")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, needsUnit: false, onScene: { dist: exponential, mean: 30 } } ] }", "s.yaml:4:39: demand.callTypes: every call type has needsUnit: false; at least one must need a unit")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 10, onScene: { dist: exponential, mean: 30 } } ] }", "s.yaml:4:72: demand.callTypes[0].priority: is 10; it must be between 1 and 9")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, risk: hihg, onScene: { dist: exponential, mean: 30 } } ] }", "s.yaml:4:81: demand.callTypes[0].risk: 'hihg' is not allowed; use one of none, low, medium, high (did you mean 'high'?)")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, needsUnit: maybe, onScene: { dist: exponential, mean: 30 } } ] }", "s.yaml:4:86: demand.callTypes[0].needsUnit: must be true or false, not 'maybe'")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, officers: 11, onScene: { dist: exponential, mean: 30 } } ] }", "s.yaml:4:85: demand.callTypes[0].officers: is 11; it must be between 1 and 10")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ], multiplier: 0 }", "s.yaml:4:133: demand.multiplier: is 0; it must be greater than 0 and at most 1000")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ], profile: { weekly: [1], hourly: [1] } }", "s.yaml:4:140: demand.profile.weekly: give either weekly (168 values) or hourly (24) and daily (7), not both", "s.yaml:4:140: demand.profile.weekly: has 1 values; it needs 168: 168 hourly multipliers from Monday 00:00")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ], profile: { hourly: [1, 2] } }", "s.yaml:4:140: demand.profile.hourly: has 2 values; it needs 24: 24 multipliers, hour 0 = 00:00–01:00")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ], profile: { daily: [0, 0, 0, 0, 0, 0, 0] } }", "s.yaml:4:130: demand.profile: is zero everywhere; at least one hour must have calls")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { mean: 30 } } ] }", "s.yaml:4:84: demand.callTypes[0].onScene.dist: is missing; use one of exponential, lognormal, gamma, constant, empirical", "s.yaml:4:86: demand.callTypes[0].onScene.mean: unknown key; allowed here: dist")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: lognormla, mean: 30 } } ] }", "s.yaml:4:92: demand.callTypes[0].onScene.dist: 'lognormla' is not allowed; use one of exponential, lognormal, gamma, constant, empirical (did you mean 'lognormal'?)", "s.yaml:4:103: demand.callTypes[0].onScene.mean: unknown key; allowed here: dist")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: lognormal, mean: 30, cv: 0 } } ] }", "s.yaml:4:117: demand.callTypes[0].onScene.cv: is 0; it must be greater than 0 and at most 20; coefficient of variation = standard deviation / mean")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: gamma, mean: 0 } } ] }", "s.yaml:4:105: demand.callTypes[0].onScene.mean: is 0; it must be greater than 0 and at most 1000000; minutes", "s.yaml:4:84: demand.callTypes[0].onScene.cv: is missing; coefficient of variation = standard deviation / mean")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: constant, value: -1 } } ] }", "s.yaml:4:109: demand.callTypes[0].onScene.value: is -1; it must be between 0 and 1000000; minutes")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: empirical, values: [] } } ] }", "s.yaml:4:111: demand.callTypes[0].onScene.values: is empty; give observed durations in minutes")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30, cv: 1 } } ] }", "s.yaml:4:115: demand.callTypes[0].onScene.cv: unknown key; allowed here: dist, mean")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1 } ] }", "s.yaml: demand.callTypes[0].onScene: is missing; add this section")]
    [InlineData("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ], selfInitiated: { ratePerUnitHour: 101, onScene: { dist: constant, value: 5 } } }", "s.yaml:4:155: demand.selfInitiated.ratePerUnitHour: is 101; it must be between 0 and 100")]
    [InlineData("travel: { model: manhatan, speedKmh: { 1: 40 } }", "s.yaml:6:18: travel.model: 'manhatan' is not allowed; use one of manhattan, curve, matrix, none (did you mean 'manhattan'?)")]
    [InlineData("travel: { detour: 1.2 }", "s.yaml:6:9: travel.speedKmh: is missing; give speeds by priority, e.g. { 1: 60, 2: 45, 3: 40 }")]
    [InlineData("travel: { speedKmh: { fast: 40 } }", "s.yaml:6:23: travel.speedKmh.fast: 'fast' is not a priority; keys are priorities 1–9")]
    [InlineData("travel: { speedKmh: { 1: 0 } }", "s.yaml:6:26: travel.speedKmh.1: is 0; it must be greater than 0 and at most 300; km/h")]
    [InlineData("staffing: { shifts: [] }", "s.yaml:5:21: staffing.shifts: is empty; list at least one shift")]
    [InlineData("staffing: { scale: 1 }", "s.yaml:5:11: staffing.shifts: is missing; list shifts with name, start, hours and officers")]
    [InlineData("staffing: { shifts: [ { name: day, start: \"07:00\", hours: 12, officers: 2 }, { name: day, start: \"19:00\", hours: 12, officers: 2 } ] }", "s.yaml:5:86: staffing.shifts[1].name: 'day' is used by another shift; names must be unique")]
    [InlineData("staffing: { shifts: [ { name: day, start: \"07:00\", hours: 24, officers: 0 } ] }", "s.yaml:5:21: staffing.shifts: no shift has any officers; give at least one shift officers > 0")]
    [InlineData("staffing: { shifts: [ { name: day, start: \"25:00\", hours: 24, officers: 2 } ] }", "s.yaml:5:43: staffing.shifts[0].start: '25:00' is not a time of day; write HH:MM from 00:00 to 23:59, in quotes")]
    [InlineData("staffing: { shifts: [ { name: day, start: \"07:00\", hours: 24, officers: 2, twoOfficerShare: 2 } ] }", "s.yaml:5:93: staffing.shifts[0].twoOfficerShare: is 2; it must be between 0 and 1")]
    [InlineData("policy: { crew: { twoOfficerShare: 2 } }", "s.yaml:6:36: policy.crew.twoOfficerShare: is 2; it must be between 0 and 1; 0 = all solo cars, 1 = all two-officer cars")]
    [InlineData("policy: { backup: { rule: risk, minRisk: none } }", "s.yaml:6:42: policy.backup.minRisk: 'none' is not allowed; use one of low, medium, high")]
    [InlineData("policy: { dispatch: { rule: preference } }", "s.yaml:6:21: policy.dispatch.preferences: is missing; dispatch rule 'preference' needs a list of unit numbers per zone, e.g. preferences: { \"1\": [1, 2, 3] }")]
    [InlineData("policy: { dispatch: { rule: preference, preferences: { \"3\": [1] } } }", "s.yaml:6:56: policy.dispatch.preferences.3: '3' is not a zone id (did you mean '1'?); beats are numbered 1..rows×cols row by row")]
    [InlineData("policy: { dispatch: { rule: preference, preferences: { \"1\": [1.5] } } }", "s.yaml:6:61: policy.dispatch.preferences.1: unit numbers must be whole numbers")]
    [InlineData("policy: { dispatch: { preferences: { \"1\": [] } } }", "s.yaml:6:43: policy.dispatch.preferences.1: is empty; give unit numbers (1-based, in order of preference)")]
    [InlineData("policy: { changes: [ { at: noon, durationHours: 1, set: { backup.rule: risk } } ] }", "s.yaml:6:28: policy.changes[0].at: 'noon' is not a time; write \"day D HH:MM\" (day 0 is the first Monday) or a number of hours")]
    [InlineData("policy: { changes: [ { at: \"day 8 00:00\", durationHours: 1, set: { backup.rule: risk } } ] }", "s.yaml:6:28: policy.changes[0].at: is after the horizon (7 days); the window would never open")]
    [InlineData("policy: { changes: [ { at: 1, durationHours: 1, set: {} } ] }", "s.yaml:6:54: policy.changes[0].set: is empty; set at least one of crew.twoOfficerShare, backup.rule, backup.minRisk, backup.engage, dispatch.rule, staffing.pullOfficers, demand.multiplier")]
    [InlineData("policy: { changes: [ { at: 1, durationHours: 1 } ] }", "s.yaml: policy.changes[0].set: is missing; add this section")]
    [InlineData("policy: { changes: [ { at: 1, durationHours: 1, set: { policy.backup.rule: sometimes } } ] }", "s.yaml:6:76: policy.changes[0].set.policy.backup.rule: 'sometimes' is not allowed; use one of none, risk, all-calls")]
    [InlineData("policy: { changes: [ { at: 1, durationHours: 1, set: { crew.twoOfficerShare: 2, immediate: yes } } ] }", "s.yaml:6:78: policy.changes[0].set.crew.twoOfficerShare: is 2; it must be between 0 and 1", "s.yaml:6:81: policy.changes[0].set.immediate: 'immediate' cannot be switched by a policy window; allowed: crew.twoOfficerShare, backup.rule, backup.minRisk, backup.engage, dispatch.rule, staffing.pullOfficers, demand.multiplier")]
    [InlineData("policy: { changes: [ { durationHours: 1, set: { backup.rule: risk }, immediate: yes } ] }", "s.yaml:6:22: policy.changes[0].at: is missing; when the window opens, e.g. \"day 10 18:00\"", "s.yaml:6:81: policy.changes[0].immediate: must be true or false, not 'yes'")]
    [InlineData("policy: { changes: x }", "s.yaml:6:20: policy.changes: must be a list, not 'x'")]
    [InlineData("riskWeights: { low: -1 }", "s.yaml:6:21: riskWeights.low: is -1; it must be between 0 and 1000")]
    [InlineData("targets: { responseMinutes: { 0: 8 } }", "s.yaml:6:31: targets.responseMinutes.0: '0' is not a priority; keys are priorities 1–9")]
    [InlineData("targets: { responseMinutes: { 1: 0 } }", "s.yaml:6:34: targets.responseMinutes.1: is 0; it must be greater than 0 and at most 10000; minutes")]
    [InlineData("targets: { response: 1 }", "s.yaml:6:12: targets.response: unknown key (did you mean 'responseMinutes'?); allowed here: responseMinutes")]
    public void Binder_Error_IsReportedVerbatim(string line, params string[] expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(With(line), "s.yaml"));
        Assert.Equal(expected, e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Profile_WeeklyWithHourlyAndDaily_IsOneConflictNotAnUnknownKey()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(
            With("demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ], profile: { weekly: [1], hourly: [1], daily: [1] } }"),
            "s.yaml"));
        Assert.Equal(
        [
            "s.yaml:4:140: demand.profile.weekly: give either weekly (168 values) or hourly (24) and daily (7), not both",
            "s.yaml:4:140: demand.profile.weekly: has 1 values; it needs 168: 168 hourly multipliers from Monday 00:00",
        ], e.Errors.Select(x => x.ToString()));
    }
}
