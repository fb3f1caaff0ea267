using PatrolSim.Analytic;
using PatrolSim.Experiments.Analytic;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests.Analytic;

public class ScenarioAnalysisTests
{
    private static string RepoRoot() => RepoPaths.Root();

    private static Scenario Load(string name, params string[] sets) => ScenarioLoader.Load(Path.Combine(RepoRoot(), "scenarios", name), sets);

    [Fact]
    public void Blocks_MidsizeBaseline_AreTheSixShiftCombinations()
    {
        var blocks = StaffingBlock.Of(Load("midsize-baseline.yaml"));
        var got = blocks.Select(b => (b.Label, b.ShiftNames, b.Units, b.Officers, b.TwoOfficerCars)).ToArray();
        (string, string, int, int, int)[] expected =
        [
            ("01:00–07:00", "night", 20, 20, 0),
            ("07:00–08:00", "day+night", 42, 42, 0),
            ("08:00–15:00", "day", 22, 22, 0),
            ("15:00–17:00", "day+evening", 48, 48, 0),
            ("17:00–22:00", "evening", 26, 26, 0),
            ("22:00–01:00", "evening+night", 46, 46, 0),
        ];
        Assert.Equal(expected, got);
        Assert.Equal(1320, blocks[^1].StartMinute);
        Assert.Equal(1500, blocks[^1].EndMinute);
        Assert.Equal(24, blocks.Sum(b => b.Hours), 12);
    }

    [Theory]
    [InlineData(0.5, 15, 5)] // 20 night officers: round(20 × 0.5 / 2) = 5 pairs, 10 solo cars
    [InlineData(1.0, 10, 10)]
    [InlineData(0.25, 17, 3)] // 2.5 pairs round away from zero, as the model does
    [InlineData(0.0, 20, 0)]
    public void Blocks_NightUnits_FollowTheModelsPairing(double share, int units, int pairs)
    {
        var night = StaffingBlock.Of(Load("midsize-baseline.yaml", $"policy.crew.twoOfficerShare={share.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))[0];
        Assert.Equal((units, pairs, 20), (night.Units, night.TwoOfficerCars, night.Officers));
    }

    [Fact]
    public void Blocks_ContinuousShiftPlusDayShift_WrapAcrossMidnight()
    {
        var s = Load("mmc.yaml", "staffing.shifts=[{name: all day, start: \"00:00\", hours: 24, officers: 10}, {name: day, start: \"08:00\", hours: 10, officers: 4}]");
        var blocks = StaffingBlock.Of(s);
        Assert.Equal(["08:00–18:00 all day+day 14", "18:00–08:00 all day 10"], blocks.Select(b => $"{b.Label} {b.ShiftNames} {b.Units}"));
        Assert.Equal(14, blocks[1].Hours, 12);
    }

    [Fact]
    public void Mmc_OneBlock_IsErlangCExactly()
    {
        var e = ScenarioAnalysis.Analyse(Load("mmc.yaml"));
        var b = Assert.Single(e.Blocks);
        Assert.Equal("00:00–24:00", b.Label);
        Assert.Equal(10, b.Units);
        Assert.Equal(16, b.CallsPerHour, 12);
        Assert.Equal(1, b.UnitsPerCall, 12);
        Assert.Equal(30, b.MeanBusyTime, 12);
        Assert.Equal(0.8, b.Utilization, 12);
        Assert.Equal(0.40918, b.ProbabilityOfWait, 5);
        Assert.Equal(6.138, b.MeanQueueDelay, 3);
        Assert.Equal(ErlangFormulas.ErlangC(8, 10), b.ProbabilityOfWait, 12);
        Assert.Equal(new MMcQueue(16, 2, 10).MeanWait * 60, b.MeanQueueDelay, 9);
        Assert.Equal(0, b.Travel);
        Assert.Equal(b.MeanQueueDelay, b.Response, 12);
        Assert.Equal(b.ProbabilityOfWait, e.Day.ProbabilityOfWait, 12);
        Assert.Empty(e.Assumptions);
        Assert.Empty(b.Notes);
        Assert.Null(e.Hypercube);
    }

    [Fact]
    public void TwoCarsEveryCall_IsMMcWithHalfTheCars()
    {
        var b = ScenarioAnalysis.Analyse(Load("validation-two-cars-mmn.yaml")).Blocks[0];
        Assert.Equal(8, b.Units);
        Assert.Equal(2, b.UnitsPerCall, 12);
        Assert.Equal(4, b.Servers, 12);
        Assert.Equal(ErlangFormulas.ErlangC(3, 4), b.ProbabilityOfWait, 12);
        Assert.Equal(0.75, b.Utilization, 12);
        Assert.NotEqual(ErlangFormulas.ErlangC(6, 8), b.ProbabilityOfWait, 3);
    }

    [Fact]
    public void PairedCars_TwoOfficerNeeds_OneCarPerCall()
    {
        var b = ScenarioAnalysis.Analyse(Load("validation-paired-cars.yaml")).Blocks[0];
        Assert.Equal((4, 4), (b.Units, (int)b.TwoOfficerCars));
        Assert.Equal(1, b.UnitsPerCall, 12);
        Assert.Equal(ErlangFormulas.ErlangC(3, 4), b.ProbabilityOfWait, 12);
    }

    [Fact]
    public void Priorities_AreCobhamsMeanWaits()
    {
        var b = ScenarioAnalysis.Analyse(Load("validation-priorities.yaml")).Blocks[0];
        Assert.Equal([1.461, 2.436, 10.230], b.ByPriority.Select(p => Math.Round(p.MeanQueueDelay, 3)));
        Assert.Equal(6.138, b.MeanQueueDelay, 3);
        Assert.Equal([3.2, 4.8, 8.0], b.ByPriority.Select(p => Math.Round(p.CallsPerHour, 9)));
    }

    [Theory]
    [InlineData(1, 0.0, 1.0)]
    [InlineData(1, 1.0, 1.0)]
    [InlineData(2, 0.0, 2.0)]
    [InlineData(2, 1.0, 1.0)]
    [InlineData(2, 0.5, 1.5)]
    [InlineData(3, 0.0, 3.0)]
    [InlineData(3, 1.0, 2.0)]
    [InlineData(3, 0.5, 2.25)]
    public void UnitsPerCall_CountsCarsUntilTheNeedIsCovered(int officers, double pairedShare, double expected) =>
        Assert.Equal(expected, ScenarioAnalysis.UnitsPerCall(officers, pairedShare), 12);

    [Fact]
    public void Midsize_CallsAndUnitsPerCall_FollowTheCallMix()
    {
        var e = ScenarioAnalysis.Analyse(Load("midsize-baseline.yaml"));
        // 288 calls a day, 10% by phone; the profile's blocks average back to the daily mean.
        Assert.Equal(288 * 0.9 / 24, e.Day.CallsPerHour, 9);
        // Solo cars, backup for medium/high risk: 0.015 × 3 + 0.485 × 2 + 0.40 × 1 cars per 0.9 calls.
        Assert.All(e.Blocks, b => Assert.Equal(1.415 / 0.9, b.UnitsPerCall, 9));
        Assert.Equal(68.0 * 10 / 24, e.Day.Units, 9);
        Assert.All(e.Blocks, b => Assert.True(b.Travel > 1.5 && b.Response >= b.Travel));
        // More units on duty (overlaps) means shorter travel (square-root law).
        var byLabel = e.Blocks.ToDictionary(b => b.Label);
        Assert.True(byLabel["15:00–17:00"].Travel < byLabel["17:00–22:00"].Travel);
    }

    [Fact]
    public void Midsize_Assumptions_NameWhatTheScenarioBreaks()
    {
        var e = ScenarioAnalysis.Analyse(Load("midsize-baseline.yaml"));
        Assert.Contains("multi-unit dispatch: 1.57 units per call (modelled as teams of that size: c = units / units per call)", e.Assumptions);
        Assert.Contains("on-scene times are lognormal (cv 0.7–1), not exponential (14 of 14 call types)", e.Assumptions);
        Assert.Contains(e.Assumptions, a => a.StartsWith("arrivals vary within blocks (peak/mean up to 1.52)", StringComparison.Ordinal));
        Assert.Contains(e.Assumptions, a => a.StartsWith("travel time is part of service", StringComparison.Ordinal));
        Assert.Contains(e.Assumptions, a => a.StartsWith("shift overlaps", StringComparison.Ordinal));
        Assert.DoesNotContain(e.Assumptions, a => a.StartsWith("self-initiated", StringComparison.Ordinal));
        Assert.Equal(["arrivals vary within the block (peak/mean 1.10)", "shift overlap: day+night on duty",
            "short block (1 h vs 33 min busy time): no steady state, carry-over from the previous block"], e.Blocks[1].Notes);
    }

    [Fact]
    public void Assumptions_SelfInitiatedWorkAndPolicyWindows_AreNamed()
    {
        var e = ScenarioAnalysis.Analyse(Load("mmc.yaml",
            "demand.selfInitiated={ratePerUnitHour: 0.5, onScene: {dist: exponential, mean: 20}}",
            "policy.changes=[{at: 48, durationHours: 4, set: {backup.rule: all-calls}}]"));
        Assert.Equal(
        [
            "self-initiated work not modelled (0.5 activities per idle unit-hour, 20 min each, units not dispatchable meanwhile)",
            "policy windows ignored (1): the base policy is analysed",
        ], e.Assumptions);
    }

    [Fact]
    public void Overloaded_Block_ReportsNaNAndSaysSo()
    {
        var b = ScenarioAnalysis.Analyse(Load("mmc.yaml", "demand.callsPerDay=600")).Blocks[0];
        Assert.Equal(1.25, b.Utilization, 12);
        Assert.True(double.IsNaN(b.ProbabilityOfWait) && double.IsNaN(b.MeanQueueDelay));
        Assert.Equal("overloaded: utilisation 1.25 ≥ 1, no steady state", b.Notes[0]);
    }

    [Fact]
    public void Hypercube_FromPreferenceScenario_IsLarsonOdoni()
    {
        var h = ScenarioAnalysis.Analyse(Load("validation-hypercube-3units.yaml")).Hypercube;
        Assert.NotNull(h);
        Assert.Equal([0.5574, 0.4734, 0.4693], h.Result.Workloads.Select(w => Math.Round(w, 4)));
        Assert.Equal(4.0 / 19, h.Result.ProbabilityAllIdle, 9);
    }

    [Fact]
    public void ProfileOver_FlatProfile_IsOneAndPeakIsOne()
    {
        var (mean, peak) = ScenarioAnalysis.ProfileOver([.. Enumerable.Repeat(2.0, 168)], 90, 200);
        Assert.Equal(1, mean, 12);
        Assert.Equal(1, peak, 12);
    }

    [Fact]
    public void ProfileOver_PartialHours_AreWeightedByOverlap()
    {
        // Hour 0 of every day has multiplier 3, the rest 1 (mean over the week normalised to 1).
        var profile = Enumerable.Range(0, 168).Select(h => h % 24 == 0 ? 3.0 : 1.0).ToArray();
        double norm = profile.Average();
        var (mean, _) = ScenarioAnalysis.ProfileOver(profile, 30, 90); // half of hour 0, half of hour 1
        Assert.Equal(2 / norm, mean, 12);
    }

    [Fact]
    public void Assumptions_IncompletePreferenceLists_AreNamed()
    {
        Assert.DoesNotContain(ScenarioAnalysis.Analyse(Load("validation-hypercube-2units.yaml")).Assumptions,
            a => a.StartsWith("preference lists", StringComparison.Ordinal));
        var e = ScenarioAnalysis.Analyse(Load("validation-hypercube-2units.yaml", "policy.dispatch.preferences={A: [1], B: [2, 1]}"));
        Assert.Contains("preference lists incomplete for 1 of 2 zones (A): the simulation tries unlisted units closest first, the hypercube in unit order", e.Assumptions);
    }
}

public class ScenarioAnalysisDispatchRealismTests
{
    [Fact]
    public void NewDispatchRules_AreListedAmongTheAssumptionsTheFormulasIgnore()
    {
        var plain = ScenarioAnalysis.Analyse(ScenarioLoader.Load(RepoPaths.Scenario("mmc.yaml")));
        var realistic = ScenarioAnalysis.Analyse(ScenarioLoader.Load(RepoPaths.Scenario("mmc.yaml"),
        [
            "callHandling.intakeMinutes.default.dist=constant", "callHandling.intakeMinutes.default.value=1",
            "callHandling.processingMinutes.dist=constant", "callHandling.processingMinutes.value=0.5",
            "policy.preemption.upToPriority=1",
        ]));
        Assert.DoesNotContain(plain.Assumptions, a => a.Contains("not in the formulas", StringComparison.Ordinal));
        Assert.Contains("call-taking (callHandling.intakeMinutes) is not in the formulas: add its mean to the queue delay and response by hand", realistic.Assumptions);
        Assert.Contains("dispatcher processing (callHandling.processingMinutes, mean 0.5 min) is not in the formulas; it also keeps the chosen unit busy", realistic.Assumptions);
        Assert.Contains("preemption by priority 1 calls is not in the formulas (they assume non-preemptive service)", realistic.Assumptions);
    }
}

public class ScenarioAnalysisOperationsTests
{
    [Fact]
    public void OperationsFeatures_AreListedAmongTheAssumptionsTheFormulasIgnore()
    {
        var e = ScenarioAnalysis.Analyse(ScenarioLoader.Load(RepoPaths.Scenario("mmc.yaml"),
        [
            "demand.callTypes.0.reportMinutes.dist=constant", "demand.callTypes.0.reportMinutes.value=10",
            "staffing.shifts.0.officersByWeekday=[10, 10, 10, 10, 12, 12, 8]",
        ]));
        Assert.Contains("report writing (callTypes[].reportMinutes) keeps units busy after the call; the formulas' service time is on-scene only", e.Assumptions);
        Assert.Contains("weekday rosters: the blocks use each shift's largest day; other days have fewer officers", e.Assumptions);
    }
}
