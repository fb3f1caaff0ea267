using PatrolSim.Model.Definition;

namespace PatrolSim.Scenarios.Tests;

/// <summary>
/// The keys of call handling, holding, reserve, preemption and the hourly self-initiated rate (all off by
/// default), and the check that preference lists name only unit numbers that can exist: every error
/// asserted word for word, and a full example bound into the model records.
/// </summary>
public class ScenarioBinderDispatchKeysTests
{
    /// <summary>Call-type priorities 1 and 3; shifts of 3 and 2 officers, so unit numbers 1 … 5.</summary>
    internal static readonly string[] Valid =
    [
        "name: t",
        "horizon: { days: 7 }",
        "city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 } }",
        "demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } }, { name: c, share: 1, priority: 3, onScene: { dist: exponential, mean: 30 } } ] }",
        "staffing: { shifts: [ { name: day, start: \"07:00\", hours: 12, officers: 3 }, { name: night, start: \"19:00\", hours: 12, officers: 2 } ] }",
    ];

    private const string DemandWithSelfInitiated =
        "demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } }, { name: c, share: 1, priority: 3, onScene: { dist: exponential, mean: 30 } } ], selfInitiated: { ratePerUnitHour: 1, onScene: { dist: constant, value: 10 }, hourly: ";

    private static string[] Errors(string yaml, params string[] overrides)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "s.yaml", overrides));
        return [.. e.Errors.Select(x => x.ToString())];
    }

    [Theory]
    [InlineData("callHandling: { intakeMinutes: { 2: { dist: constant, value: 1 }, defualt: { dist: constant, value: 1 } } }",
        "s.yaml:6:34: callHandling.intakeMinutes.2: '2' is not a priority of any call type; keys are the call types' priorities (1, 3) or 'default'",
        "s.yaml:6:67: callHandling.intakeMinutes.defualt: 'defualt' is not a priority of any call type; keys are the call types' priorities (1, 3) or 'default'")]
    [InlineData("callHandling: { intakeMinutes: { 1: { dist: lognormal, mean: 1 } } }", "s.yaml:6:37: callHandling.intakeMinutes.1.cv: is missing; coefficient of variation = standard deviation / mean")]
    [InlineData("callHandling: { intakeMinutes: 5 }", "s.yaml:6:32: callHandling.intakeMinutes: must be a mapping of keys to values, not '5'")]
    [InlineData("callHandling: { intakeMinutes: { default: 5 } }", "s.yaml:6:43: callHandling.intakeMinutes.default: must be a mapping of keys to values, not '5'")]
    [InlineData("callHandling: { processingMinutes: { dist: constant, value: -1 } }", "s.yaml:6:61: callHandling.processingMinutes.value: is -1; it must be between 0 and 1000000; minutes")]
    [InlineData("callHandling: { processingMinutes: { mean: 1 } }",
        "s.yaml:6:36: callHandling.processingMinutes.dist: is missing; use one of exponential, lognormal, gamma, constant, empirical",
        "s.yaml:6:38: callHandling.processingMinutes.mean: unknown key; allowed here: dist")]
    [InlineData("callHandling: { intake: { 1: { dist: constant, value: 1 } } }", "s.yaml:6:17: callHandling.intake: unknown key (did you mean 'intakeMinutes'?); allowed here: intakeMinutes, processingMinutes")]
    [InlineData("callHandling: 3", "s.yaml:6:15: callHandling: must be a mapping of keys to values, not '3'")]
    [InlineData(DemandWithSelfInitiated + "[1, 2] } }", "s.yaml:4:284: demand.selfInitiated.hourly: has 2 values; it needs 24: 24 multipliers, hour 0 = 00:00–01:00")]
    [InlineData(DemandWithSelfInitiated + "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } }", "s.yaml:4:284: demand.selfInitiated.hourly: is zero everywhere; at least one hour must have self-initiated activity")]
    [InlineData(DemandWithSelfInitiated + "[-1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] } }", "s.yaml:4:285: demand.selfInitiated.hourly[0]: is -1; it must be at least 0")]
    [InlineData(DemandWithSelfInitiated + "1 } }", "s.yaml:4:284: demand.selfInitiated.hourly: must be a list, not '1'")]
    [InlineData("policy: { dispatch: { holdMinutes: { 2: { dist: constant, value: 5 }, default: { dist: constant, value: 5 } } } }",
        "s.yaml:6:38: policy.dispatch.holdMinutes.2: '2' is not a priority of any call type; keys are the call types' priorities (1, 3)",
        "s.yaml:6:71: policy.dispatch.holdMinutes.default: 'default' is not a priority of any call type; keys are the call types' priorities (1, 3)")]
    [InlineData("policy: { dispatch: { holdMinutes: { 3: { dist: exponential, mean: 0 } } } }", "s.yaml:6:68: policy.dispatch.holdMinutes.3.mean: is 0; it must be greater than 0 and at most 1000000; minutes")]
    [InlineData("policy: { dispatch: { holdMinutes: [1] } }", "s.yaml:6:36: policy.dispatch.holdMinutes: must be a mapping of keys to values, not a list")]
    [InlineData("policy: { dispatch: { reserve: { fromPriority: 1, keepFreeUnits: 2 } } }", "s.yaml:6:48: policy.dispatch.reserve.fromPriority: is 1; it must be between 2 and 3: above the most urgent call-type priority and at most the least urgent (call-type priorities: 1, 3)")]
    [InlineData("policy: { dispatch: { reserve: { fromPriority: 4, keepFreeUnits: 2 } } }", "s.yaml:6:48: policy.dispatch.reserve.fromPriority: is 4; it must be between 2 and 3: above the most urgent call-type priority and at most the least urgent (call-type priorities: 1, 3)")]
    [InlineData("policy: { dispatch: { reserve: { fromPriority: 3, keepFreeUnits: 5 } } }", "s.yaml:6:66: policy.dispatch.reserve.keepFreeUnits: is 5; it must be less than 5, the number of units that can exist at most, or the calls it holds back would never get a unit")]
    [InlineData("policy: { dispatch: { reserve: { fromPriority: 3 } } }", "s.yaml:6:32: policy.dispatch.reserve.keepFreeUnits: is missing; units kept free for more urgent calls")]
    [InlineData("policy: { dispatch: { reserve: { keepFreeUnits: 1 } } }", "s.yaml:6:32: policy.dispatch.reserve.fromPriority: is missing; calls of this priority and less urgent ones are sent a unit only if keepFreeUnits stay free")]
    [InlineData("policy: { dispatch: { reserve: { fromPriority: 10, keepFreeUnits: 0, keep: 1 } } }",
        "s.yaml:6:48: policy.dispatch.reserve.fromPriority: is 10; it must be between 1 and 9",
        "s.yaml:6:67: policy.dispatch.reserve.keepFreeUnits: is 0; it must be between 1 and 100000",
        "s.yaml:6:70: policy.dispatch.reserve.keep: unknown key (did you mean 'keepFreeUnits'?); allowed here: fromPriority, keepFreeUnits")]
    [InlineData("policy: { dispatch: { reserve: 2 } }", "s.yaml:6:32: policy.dispatch.reserve: must be a mapping of keys to values, not '2'")]
    [InlineData("policy: { dispatch: { reserv: 2 } }", "s.yaml:6:23: policy.dispatch.reserv: unknown key (did you mean 'reserve'?); allowed here: rule, preferences, holdMinutes, reserve")]
    [InlineData("policy: { preemption: { upToPriority: 0 } }", "s.yaml:6:39: policy.preemption.upToPriority: is 0; it must be between 1 and 9")]
    [InlineData("policy: { preemption: { upToPriority: 3, fromCallsAtPriority: 3 } }", "s.yaml:6:63: policy.preemption.fromCallsAtPriority: is 3; it must be greater than upToPriority (3), so that calls take units only from less urgent calls")]
    [InlineData("policy: { preemption: { upToPriority: 1, fromCallsAtPriority: 4 } }", "s.yaml:6:63: policy.preemption.fromCallsAtPriority: is 4; no call type is that little urgent (call-type priorities: 1, 3); use 3 or less")]
    [InlineData("policy: { preemption: { upToPriority: 1, fromCallsAtPriority: 1.5 } }", "s.yaml:6:63: policy.preemption.fromCallsAtPriority: is 1.5; it must be a whole number")]
    [InlineData("policy: { preemption: { upToPriority: 1, selfInitiated: false } }", "s.yaml:6:23: policy.preemption: takes units from nothing: selfInitiated is false and fromCallsAtPriority is not given; set one of them or remove preemption")]
    [InlineData("policy: { preemption: { upToPriority: 1, selfInitiated: maybe } }", "s.yaml:6:57: policy.preemption.selfInitiated: must be true or false, not 'maybe'")]
    [InlineData("policy: { preemption: { upTo: 1 } }",
        "s.yaml:6:23: policy.preemption.upToPriority: is missing; calls of this priority or more urgent may take a unit from less urgent work",
        "s.yaml:6:25: policy.preemption.upTo: unknown key (did you mean 'upToPriority'?); allowed here: upToPriority, selfInitiated, fromCallsAtPriority")]
    [InlineData("policy: { preemtion: { upToPriority: 1 } }", "s.yaml:6:11: policy.preemtion: unknown key (did you mean 'preemption'?); allowed here: crew, backup, dispatch, changes, preemption, backupUnits")]
    [InlineData("policy: { dispatch: { rule: preference, preferences: { \"1\": [1, 5, 6], \"2\": [0] } } }",
        "s.yaml:6:68: policy.dispatch.preferences.1[2]: zone '1' names unit 6, which can never exist; unit numbers run from 1 to 5 (the shifts' officers × staffing.scale, rounded, added up)",
        "s.yaml:6:78: policy.dispatch.preferences.2[0]: zone '2' names unit 0, which can never exist; unit numbers run from 1 to 5 (the shifts' officers × staffing.scale, rounded, added up)")]
    public void NewKey_Error_IsReportedVerbatim(string line, params string[] expected)
    {
        Assert.Equal(expected, Errors(ScenarioBinderErrorTests.With(Valid, line)));
    }

    [Fact]
    public void Preferences_LargestUnitNumber_RoundsEachShiftHalfAwayFromZero()
    {
        // scale 1.5: 3 officers → 4.5 → 5 and 1 officer → 1.5 → 2 (away from zero; to-even would give 4 + 2),
        // so units 1 … 7 can exist.
        string yaml = ScenarioBinderErrorTests.With(
            Valid,
            "staffing: { scale: 1.5, shifts: [ { name: day, start: \"07:00\", hours: 12, officers: 3 }, { name: night, start: \"19:00\", hours: 12, officers: 1 } ] }",
            "policy: { dispatch: { rule: preference, preferences: { \"1\": [7, 8] } } }");
        Assert.Equal(
            ["s.yaml:6:65: policy.dispatch.preferences.1[1]: zone '1' names unit 8, which can never exist; unit numbers run from 1 to 7 (the shifts' officers × staffing.scale, rounded, added up)"],
            Errors(yaml));
    }

    [Fact]
    public void Reserve_WithOnePriorityOnly_HasNoMoreUrgentCallsToKeepUnitsFor()
    {
        string yaml = ScenarioBinderErrorTests.With(
            Valid,
            "demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 2, onScene: { dist: exponential, mean: 30 } } ] }",
            "policy: { dispatch: { reserve: { fromPriority: 2, keepFreeUnits: 1 } } }");
        Assert.Equal(
            ["s.yaml:6:48: policy.dispatch.reserve.fromPriority: is 2; every call type has priority 2, so there are no more urgent calls to keep units for; remove reserve or give call types different priorities"],
            Errors(yaml));
    }

    [Fact]
    public void Preemption_UpToAPriorityMoreUrgentThanEveryCallType_IsAnError()
    {
        string yaml = ScenarioBinderErrorTests.With(
            Valid,
            "demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 2, onScene: { dist: exponential, mean: 30 } }, { name: c, share: 1, priority: 4, onScene: { dist: exponential, mean: 30 } } ] }",
            "policy: { preemption: { upToPriority: 1 } }");
        Assert.Equal(
            ["s.yaml:6:39: policy.preemption.upToPriority: is 1; no call type is that urgent (call-type priorities: 2, 4); use 2 or more"],
            Errors(yaml));
    }

    [Fact]
    public void NewKeys_Absent_AreAllOff()
    {
        var s = ScenarioLoader.Parse(ScenarioBinderErrorTests.With(Valid), "s.yaml");
        Assert.Same(CallHandling.None, s.CallHandling);
        Assert.Null(s.Policy.Dispatch.Hold);
        Assert.Null(s.Policy.Dispatch.Reserve);
        Assert.Null(s.Policy.Preemption);
        Assert.Null(s.Demand.SelfInitiated);
    }

    private const string Full = """
        name: full
        horizon: { days: 7 }
        city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 } }
        callHandling:
          intakeMinutes:
            1: { dist: lognormal, mean: 1.0, cv: 0.9 }
            default: { dist: lognormal, mean: 1.5, cv: 1.0 }
          processingMinutes: { dist: lognormal, mean: 0.8, cv: 1.2 }
        demand:
          callsPerDay: 10
          callTypes:
            - { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } }
            - { name: b, share: 1, priority: 3, onScene: { dist: exponential, mean: 30 } }
            - { name: c, share: 1, priority: 4, onScene: { dist: exponential, mean: 30 } }
          selfInitiated:
            ratePerUnitHour: 0.2
            onScene: { dist: constant, value: 12 }
            risk: low
            hourly: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]
        staffing:
          shifts:
            - { name: day, start: "07:00", hours: 12, officers: 3 }
            - { name: night, start: "19:00", hours: 12, officers: 2 }
        policy:
          dispatch:
            rule: preference
            preferences: { "1": [1, 5], "2": [2] }
            holdMinutes: { 3: { dist: lognormal, mean: 8, cv: 1.2 }, 4: { dist: constant, value: 15 } }
            reserve: { fromPriority: 3, keepFreeUnits: 2 }
          preemption: { upToPriority: 1, selfInitiated: true, fromCallsAtPriority: 4 }
        """;

    [Fact]
    public void Parse_FullExample_BindsEveryNewKey()
    {
        var s = ScenarioLoader.Parse(Full, "s.yaml");

        var intake = Assert.Single(s.CallHandling.Intake);
        Assert.Equal((1, new LogNormalDistribution(1.0, 0.9)), (intake.Key, intake.Value));
        Assert.Equal(new LogNormalDistribution(1.5, 1.0), s.CallHandling.DefaultIntake);
        Assert.Equal(new LogNormalDistribution(0.8, 1.2), s.CallHandling.Processing);

        var self = s.Demand.SelfInitiated!;
        Assert.Equal((0.2, new ConstantDistribution(12), RiskLevel.Low), (self.RatePerUnitHour, self.Duration, self.Risk));
        // Multipliers 0×6, 1×6, 2×6, 3×6 have mean 1.5; scaled to mean 1 they are 0, 2/3, 4/3, 2.
        Assert.Equal(24, self.Hourly!.Count);
        Assert.Equal([0, 2 / 3.0, 4 / 3.0, 2], new[] { 0, 6, 12, 18 }.Select(h => self.Hourly[h]), new ToleranceComparer(1e-12));

        var dispatch = s.Policy.Dispatch;
        Assert.Equal(DispatchRule.Preference, dispatch.Rule);
        Assert.Equal([1, 5], dispatch.Preferences["1"]);
        Assert.Equal(2, dispatch.Hold!.Count);
        Assert.Equal(new LogNormalDistribution(8, 1.2), dispatch.Hold[3]);
        Assert.Equal(new ConstantDistribution(15), dispatch.Hold[4]);
        Assert.Equal(new ReserveRule(3, 2), dispatch.Reserve);
        Assert.Equal(new Preemption(1, true, 4), s.Policy.Preemption);
    }

    [Fact]
    public void Preemption_Defaults_TakeFromSelfInitiatedWorkOnly()
    {
        var s = ScenarioLoader.Parse(Full, "s.yaml", ["policy.preemption={ upToPriority: 2 }"]);
        Assert.Equal(new Preemption(2, true, null), s.Policy.Preemption);
    }

    [Fact]
    public void Overrides_ReachTheNewScalarKeys()
    {
        var s = ScenarioLoader.Parse(Full, "s.yaml",
        [
            "policy.dispatch.reserve.keepFreeUnits=3",
            "policy.dispatch.reserve.fromPriority=4",
            "policy.preemption.upToPriority=2",
            "policy.preemption.fromCallsAtPriority=3",
            "policy.preemption.selfInitiated=false",
            "policy.dispatch.holdMinutes.4.value=20",
            "callHandling.intakeMinutes.1.mean=2",
            "callHandling.intakeMinutes.default.cv=0.5",
            "callHandling.processingMinutes.mean=0.5",
            "demand.selfInitiated.ratePerUnitHour=0.4",
        ]);
        Assert.Equal(new ReserveRule(4, 3), s.Policy.Dispatch.Reserve);
        Assert.Equal(new Preemption(2, false, 3), s.Policy.Preemption);
        Assert.Equal(new ConstantDistribution(20), s.Policy.Dispatch.Hold![4]);
        Assert.Equal(new LogNormalDistribution(2, 0.9), s.CallHandling.Intake[1]);
        Assert.Equal(new LogNormalDistribution(1.5, 0.5), s.CallHandling.DefaultIntake);
        Assert.Equal(new LogNormalDistribution(0.5, 1.2), s.CallHandling.Processing);
        Assert.Equal(0.4, s.Demand.SelfInitiated!.RatePerUnitHour);
    }

    [Fact]
    public void Overrides_OfTheNewKeys_AreValidatedLikeTheFile()
    {
        Assert.Equal(
            ["s.yaml: policy.dispatch.reserve.keepFreeUnits: is 5; it must be less than 5, the number of units that can exist at most, or the calls it holds back would never get a unit (from --set policy.dispatch.reserve.keepFreeUnits=5)"],
            Errors(Full, "policy.dispatch.reserve.keepFreeUnits=5"));
        Assert.Equal(
            ["s.yaml: policy.preemption.upToPriority: is 10; it must be between 1 and 9 (from --set policy.preemption.upToPriority=10)"],
            Errors(Full, "policy.preemption.upToPriority=10"));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
