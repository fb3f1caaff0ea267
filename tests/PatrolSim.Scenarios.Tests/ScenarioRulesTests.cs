using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Scenarios.Tests;

/// <summary>
/// A scenario built in code is checked by the same rules as a file (ScenarioRules), with the same key paths and words:
/// each case breaks one rule in a file and the same rule in code, and compares what each says.
/// </summary>
public class ScenarioRulesTests
{
    /// <summary>Call-type priorities 1 and 3; zones 1 and 2; shifts of 3 and 2 officers, so unit numbers 1 … 5.</summary>
    private static readonly string[] Valid = ScenarioBinderDispatchKeysTests.Valid;

    private static Scenario Base => ScenarioLoader.Parse(ScenarioBinderErrorTests.With(Valid), "s.yaml");

    /// <summary>Each rule broken in a file (the line replacing its section) and in code (a change of the valid scenario).</summary>
    private static readonly Dictionary<string, (string Line, Func<Scenario, Scenario> InCode)> Cases = new()
    {
        ["warm-up"] = ("horizon: { days: 7, warmupDays: 7 }", s => s with { Horizon = new Horizon(7, 7) }),
        ["zone ids"] = ("city: { widthKm: 4, heightKm: 2, zones: [ { id: a, xKm: 0, yKm: 0 }, { id: a, xKm: 1, yKm: 1 } ] }",
            s => s with { City = new City(4, 2, [new Zone("a", 0, 0, 0, 0, 1), new Zone("a", 1, 1, 0, 0, 1)]) }),
        ["zone beyond the city"] = ("city: { widthKm: 4, heightKm: 2, zones: [ { id: a, xKm: 3, yKm: 0, widthKm: 2 } ] }",
            s => s with { City = new City(4, 2, [new Zone("a", 3, 0, 2, 0, 1)]) }),
        ["shift names"] = ("staffing: { shifts: [ { name: day, start: \"07:00\", hours: 12, officers: 3 }, { name: day, start: \"19:00\", hours: 12, officers: 2 } ] }",
            s => s with { Staffing = s.Staffing with { Shifts = [s.Staffing.Shifts[0], s.Staffing.Shifts[1] with { Name = "day" }] } }),
        ["available hours over the contract"] = ("staffing: { availableHoursPerOfficer: 2100, shifts: [ { name: day, start: \"07:00\", hours: 12, officers: 3 }, { name: night, start: \"19:00\", hours: 12, officers: 2 } ] }",
            s => s with { Employment = new Employment(2100, Employment.DefaultContractHours) }),
        ["reserve"] = ("policy: { dispatch: { reserve: { fromPriority: 1, keepFreeUnits: 5 } } }",
            s => s with { Policy = s.Policy with { Dispatch = s.Policy.Dispatch with { Reserve = new ReserveRule(1, 5) } } }),
        ["preferences"] = ("policy: { dispatch: { rule: preference, preferences: { \"7\": [1], \"2\": [2, 6] } } }",
            s => s with
            {
                Policy = s.Policy with
                {
                    Dispatch = new DispatchPolicy(DispatchRule.Preference, new Dictionary<string, IReadOnlyList<int>> { ["7"] = [1], ["2"] = [2, 6] }),
                },
            }),
        ["window after the horizon"] = ("policy: { changes: [ { at: \"day 8 00:00\", durationHours: 1, set: { backup.rule: risk } } ] }",
            s => s with { Policy = s.Policy with { Changes = [new PolicyChange(8 * 1440, 1, new PolicyOverrides(BackupRule: BackupRule.Risk), false)] } }),
        ["preemption"] = ("policy: { preemption: { upToPriority: 3, fromCallsAtPriority: 3 } }",
            s => s with { Policy = s.Policy with { Preemption = new Preemption(3, true, 3) } }),
        ["window flood"] = ("policy: { changes: [ { at: \"day 1 00:00\", durationHours: 48, set: { demand.multiplier: 1000 } } ] }",
            s => s with { Demand = s.Demand with { CallsPerDay = 4000 }, Policy = s.Policy with { Changes = [new PolicyChange(1440, 48, new PolicyOverrides(DemandMultiplier: 1000), false)] } }),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ScenarioBuiltInCode_IsRefusedWhenCompiled_WithTheFilesKeyPathsAndWords(string name)
    {
        var (line, inCode) = Cases[name];
        string[] lines = name == "window flood" ? [line, Valid[3].Replace("callsPerDay: 10", "callsPerDay: 4000", StringComparison.Ordinal)] : [line];
        var file = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(ScenarioBinderErrorTests.With(Valid, lines), "s.yaml"));

        var code = Assert.Throws<InvalidScenarioException>(() => new PatrolSimulation(inCode(Base)));

        Assert.NotEmpty(code.Problems);
        Assert.Equal(file.Errors.Select(e => (e.Path, e.Message)), code.Problems.Select(p => (p.Path, p.Message)));
    }

    [Fact]
    public void ValidScenarioBuiltInCode_Compiles()
    {
        Assert.Equal("t", new PatrolSimulation(Base).Scenario.Name);
    }

    [Fact]
    public void ScenarioBuiltInCode_ListsEveryProblem_InTheExceptionMessage()
    {
        var s = Cases["warm-up"].InCode(Cases["shift names"].InCode(Base));

        var e = Assert.Throws<InvalidScenarioException>(() => new PatrolSimulation(s));

        Assert.Equal(
            "The scenario is not valid (2 problems):\n"
            + "  horizon.warmupDays: is 7; it must be less than horizon.days (7)\n"
            + "  staffing.shifts[1].name: 'day' is used by another shift; names must be unique",
            e.Message.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WindowFlood_IsRefused_NamingTheWindowsMultiplier_WithTheCountWorkedOutByHand()
    {
        // 4,000 calls a day for 7 days is 28,000; the 48-hour window at × 1000 adds 999 × 4,000 × 2 = 7,992,000.
        string yaml = ScenarioBinderErrorTests.With(Valid, Cases["window flood"].Line, Valid[3].Replace("callsPerDay: 10", "callsPerDay: 4000", StringComparison.Ordinal));

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "s.yaml"));

        Assert.Equal(
            ["s.yaml:6:88: policy.changes[0].set.demand.multiplier: is 1000 for 48 hours: with the demand windows a replication expects 8020000 calls (the base calls, plus each window's multiplier − 1 times the base calls of its hours; this window adds 7992000); at most 5000000 fit in memory (about 200 bytes each); lower the window's multiplier or shorten it (durationHours)"],
            e.Errors.Select(x => x.ToString()));
    }

    [Theory]
    [InlineData("overlapping: the later window is in force", "[ { at: \"day 1 00:00\", durationHours: 48, set: { demand.multiplier: 1000 } }, { at: \"day 1 00:00\", durationHours: 47, set: { demand.multiplier: 2 } } ]")]
    [InlineData("clamped to the horizon", "[ { at: \"day 6 00:00\", durationHours: 48, set: { demand.multiplier: 1000 } } ]")]
    public void Windows_CountOnlyWhileInForceInsideTheHorizon(string why, string changes)
    {
        // Overlapping: × 2 for 47 hours (1 × 4,000 × 47/24 = 7,833) then × 1000 for 1 hour (999 × 4,000 / 24 = 166,500),
        // 202,333 in all with the base 28,000; the two windows' 48 and 47 hours added up would be 8 million.
        // Clamped: the window's first 24 hours are inside the 7-day horizon: 999 × 4,000 = 3,996,000 + 28,000.
        string yaml = ScenarioBinderErrorTests.With(Valid, "policy: { changes: " + changes + " }", Valid[3].Replace("callsPerDay: 10", "callsPerDay: 4000", StringComparison.Ordinal));

        var s = ScenarioLoader.Parse(yaml, "s.yaml");

        Assert.True(s.Policy.Changes.Count > 0, why);
        Assert.Empty(ScenarioRules.OfCallVolume(s.Horizon, s.Demand, s.Policy.Changes));
    }

    [Fact]
    public void Windows_AddingUpPastTheCap_AreRefused_AtTheWindowThatAddsMost()
    {
        // Clamped as above (4,024,000), and a second window of × 300 for 24 hours on day 2: 299 × 4,000 = 1,196,000 more.
        string yaml = ScenarioBinderErrorTests.With(Valid,
            "policy: { changes: [ { at: \"day 2 00:00\", durationHours: 24, set: { demand.multiplier: 300 } }, { at: \"day 6 00:00\", durationHours: 48, set: { demand.multiplier: 1000 } } ] }",
            Valid[3].Replace("callsPerDay: 10", "callsPerDay: 4000", StringComparison.Ordinal));

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "s.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.Equal("policy.changes[1].set.demand.multiplier", error.Path);
        Assert.StartsWith("is 1000 for 48 hours: with the demand windows a replication expects 5220000 calls (", error.Message, StringComparison.Ordinal);
        Assert.Contains("; this window adds 3996000)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectedCalls_FollowTheWeeklyProfile_HourByHour()
    {
        // Every call of the week in Monday 00:00-01:00 (hourly and daily profiles each with one non-zero entry): the
        // weekly profile is 168 there, 0 elsewhere. Half a day from Monday 00:00 expects 1,000,000 / 1440 x 168 x 60 =
        // 7,000,000 calls; a flat profile would give 500,000.
        string yaml = ScenarioBinderErrorTests.With(Valid, "horizon: { days: 0.5 }",
            "demand: { callsPerDay: 1000000, profile: { hourly: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], daily: [1, 0, 0, 0, 0, 0, 0] }, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ] }");

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "s.yaml"));

        var error = Assert.Single(e.Errors);
        Assert.Equal("demand.callsPerDay: gives 7000000 calls per replication (callsPerDay × multiplier over horizon.days, hour by hour of the weekly profile); at most 5000000 fit in memory (about 200 bytes each); simulate fewer days or a smaller demand", $"{error.Path}: {error.Message}");
    }

    [Theory]
    [InlineData(1e308, "1e+308")]
    [InlineData(2.5e15, "2.5e+15")]
    [InlineData(999999999999999, "999999999999999")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0, "0")]
    [InlineData(-4.25, "-4.25")]
    public void Numbers_InMessages_AreReadable(double value, string shown)
    {
        Assert.Equal(shown, ScenarioRules.Number(value));
    }
}
