using PatrolSim.Model.Definition;

namespace PatrolSim.Scenarios.Tests;

public class ScenarioLoaderTests
{
    private const string Minimal = """
        name: tiny
        horizon: { days: 7, warmupDays: 1 }
        city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 } }
        demand:
          callsPerDay: 48
          callTypes:
            - { name: a, share: 3, priority: 1, onScene: { dist: lognormal, mean: 30, cv: 0.5 }, officers: 2, risk: high }
            - { name: b, share: 1, priority: 3, onScene: { dist: exponential, mean: 20 } }
        travel: { model: manhattan, detour: 1.2, turnoutMinutes: 1, speedKmh: { 1: 60, 3: 40 } }
        staffing:
          shifts:
            - { name: day, start: "07:00", hours: 12, officers: 4 }
            - { name: night, start: "19:00", hours: 12, officers: 2, twoOfficerShare: 1 }
        policy:
          crew: { twoOfficerShare: 0.5 }
          backup: { rule: risk, minRisk: high, engage: wait }
          dispatch: { rule: home-beat-first }
          changes:
            - { at: "day 2 18:00", durationHours: 36, set: { crew.twoOfficerShare: 1, backup.rule: all-calls } }
        targets: { responseMinutes: { 1: 8, 3: 30 } }
        """;

    private static IReadOnlyList<string> Errors(string yaml, params string[] overrides)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "s.yaml", overrides));
        return [.. e.Errors.Select(x => x.ToString())];
    }

    [Fact]
    public void Parse_MinimalScenario_BindsEveryKey()
    {
        var s = ScenarioLoader.Parse(Minimal, "s.yaml");
        Assert.Equal("tiny", s.Name);
        Assert.Equal(new Horizon(7, 1), s.Horizon);
        Assert.Equal(2, s.City.Zones.Count);
        Assert.Equal(new Zone("2", 2, 0, 2, 2, 1), s.City.Zones[1]);
        Assert.Equal(48, s.Demand.CallsPerDay);
        Assert.Equal(168, s.Demand.WeeklyProfile.Count);
        Assert.All(s.Demand.WeeklyProfile, v => Assert.Equal(1.0, v));
        Assert.Equal(0.75, s.Demand.CallTypes[0].Share, 12);
        Assert.Equal(new LogNormalDistribution(30, 0.5), s.Demand.CallTypes[0].OnScene);
        Assert.Equal(RiskLevel.High, s.Demand.CallTypes[0].Risk);
        Assert.Equal(1, s.Demand.CallTypes[1].Officers);
        Assert.Equal(RiskLevel.None, s.Demand.CallTypes[1].Risk);
        Assert.Equal(40, s.Travel.SpeedKmh[3]);
        Assert.Equal(7 * 60, s.Staffing.Shifts[0].StartMinuteOfDay);
        Assert.Equal(1.0, s.Staffing.Shifts[1].TwoOfficerShare);
        Assert.Equal(new BackupPolicy(BackupRule.Risk, RiskLevel.High, Engagement.Wait), s.Policy.Backup);
        Assert.Equal(DispatchRule.HomeBeatFirst, s.Policy.Dispatch.Rule);
        var change = Assert.Single(s.Policy.Changes);
        Assert.Equal((2 * 1440) + (18 * 60), change.AtMinutes);
        Assert.Equal(new PolicyOverrides(TwoOfficerShare: 1, BackupRule: BackupRule.AllCalls), change.Set);
        Assert.Equal(30, s.ResponseTargets[3]);
    }

    [Fact]
    public void Parse_HourlyAndDailyProfile_IsTheirProductNormalisedToMeanOne()
    {
        string hourly = string.Join(", ", Enumerable.Range(0, 24).Select(h => h < 12 ? "1" : "3"));
        var s = ScenarioLoader.Parse(Minimal, "s.yaml", [$"demand.profile.hourly=[{hourly}]", "demand.profile.daily=[1, 1, 1, 1, 1, 2, 2]"]);
        Assert.Equal(1.0, s.Demand.WeeklyProfile.Average(), 12);
        // Saturday afternoon is 6 times Monday morning.
        Assert.Equal(6.0, s.Demand.WeeklyProfile[(5 * 24) + 13] / s.Demand.WeeklyProfile[1], 12);
    }

    [Fact]
    public void Overrides_SetNestedKeys_ListItemsByNameOrIndex()
    {
        var s = ScenarioLoader.Parse(Minimal, "s.yaml",
            ["policy.crew.twoOfficerShare=1", "staffing.shifts.night.officers=10", "demand.callTypes.0.share=1", "demand.callTypes.b.share=1", "horizon.days=3"]);
        Assert.Equal(1.0, s.Policy.Crew.TwoOfficerShare);
        Assert.Equal(10, s.Staffing.Shifts[1].Officers);
        Assert.Equal(0.5, s.Demand.CallTypes[0].Share, 12);
        Assert.Equal(3, s.Horizon.Days);
    }

    [Fact]
    public void Recorded_EachParseGetsItsOwnTree_OverridesDoNotLeakIntoTheNext()
    {
        // A sweep builds every point from one recording; a point's overrides change its tree, never the events.
        var recorded = ScenarioLoader.Record(Minimal, "s.yaml");
        var first = ScenarioLoader.ParseRecorded(recorded, ["policy.crew.twoOfficerShare=1", "staffing.shifts.night.officers=10"]);
        var second = ScenarioLoader.ParseRecorded(recorded);
        Assert.Equal(1.0, first.Policy.Crew.TwoOfficerShare);
        Assert.Equal(10, first.Staffing.Shifts[1].Officers);
        Assert.Equal(0.5, second.Policy.Crew.TwoOfficerShare);
        Assert.Equal(2, second.Staffing.Shifts[1].Officers);
        Assert.Equal("tiny", second.Name);
    }

    [Fact]
    public void Recorded_ErrorsAreTheTextsOwn_WithTheSameLinesAndColumns()
    {
        string bad = Minimal
            .Replace("rule: risk,", "rule: risky,", StringComparison.Ordinal)
            .Replace("share: 3,", "share: -3,", StringComparison.Ordinal);
        string[] overrides = ["horizon.days=0", "staffing.shifts.evening.officers=3"];
        var fromRecording = Assert.Throws<ScenarioException>(() => ScenarioLoader.ParseRecorded(ScenarioLoader.Record(bad, "s.yaml"), overrides));
        Assert.Equal(Errors(bad, overrides), fromRecording.Errors.Select(x => x.ToString()));
        Assert.Contains("s.yaml:7:25: demand.callTypes[0].share: is -3; it must be greater than 0; shares are normalised to sum to 1", Errors(bad, overrides));
    }

    [Fact]
    public void Record_InvalidYaml_ReportsTheLineAsParseDoes()
    {
        const string bad = "name: x\nhorizon: { days: 3\ncity: {}\n";
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Record(bad, "s.yaml"));
        Assert.Equal(["s.yaml: is not valid YAML: an unterminated { } or [ ] collection; check the brackets"], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Errors_AreAllReported_WithFileLineKeyAndFix()
    {
        string bad = Minimal
            .Replace("rule: risk,", "rule: risky,", StringComparison.Ordinal)
            .Replace("share: 3,", "share: -3,", StringComparison.Ordinal)
            .Replace("start: \"07:00\"", "start: \"7am\"", StringComparison.Ordinal)
            .Replace("warmupDays: 1", "warmupDays: 1, warmup: 2", StringComparison.Ordinal);
        Assert.Equal(
        [
            "s.yaml:2:36: horizon.warmup: unknown key (did you mean 'warmupDays'?); allowed here: days, warmupDays",
            "s.yaml:7:25: demand.callTypes[0].share: is -3; it must be greater than 0; shares are normalised to sum to 1",
            "s.yaml:12:27: staffing.shifts[0].start: '7am' is not a time of day; write HH:MM from 00:00 to 23:59, in quotes",
            "s.yaml:16:19: policy.backup.rule: 'risky' is not allowed; use one of none, risk, all-calls (did you mean 'risk'?)",
        ], Errors(bad));
    }

    [Fact]
    public void MissingSections_AreNamed()
    {
        Assert.Equal(
        [
            "s.yaml:1:1: name: is missing; give the scenario a short title",
            "s.yaml: horizon: is missing; add this section",
            "s.yaml: city: is missing; add this section",
            "s.yaml: demand: is missing; add this section",
            "s.yaml: staffing: is missing; add this section",
        ], Errors("description: nothing else\n"));
    }

    [Theory]
    [InlineData("horizon.days=0", "s.yaml: horizon.days: is 0; it must be greater than 0 and at most 36525; the simulated period in days (at most 100 years) (from --set horizon.days=0)")]
    [InlineData("policy.crew.twoOfficerShare=1.5", "s.yaml: policy.crew.twoOfficerShare: is 1.5; it must be between 0 and 1; 0 = all solo cars, 1 = all two-officer cars (from --set policy.crew.twoOfficerShare=1.5)")]
    [InlineData("policy.dispatch.rule=nearest", "s.yaml: policy.dispatch.rule: 'nearest' is not allowed; use one of closest, home-beat-first, preference (from --set policy.dispatch.rule=nearest)")]
    [InlineData("staffing.shifts.evening.officers=3", "--set: staffing.shifts.evening: no list item 'evening'; use a 0-based index (0..1) or a name: day, night")]
    [InlineData("policy.crew", "--set: 'policy.crew' is not of the form key.path=value (e.g. policy.crew.twoOfficerShare=1)")]
    [InlineData("demand.callTypes.a.officers=two", "s.yaml: demand.callTypes[0].officers: must be a number, not 'two' (from --set demand.callTypes.a.officers=two)")]
    [InlineData("polcy.crew.twoOfficerShare=1", "s.yaml: polcy: unknown key (did you mean 'policy'?); allowed here: name, description, horizon, city, demand, travel, staffing, policy, callHandling, riskWeights, targets, costs, safety (from --set polcy.crew.twoOfficerShare=1)")]
    public void BadOverrides_GetClearMessages(string assignment, string expected)
    {
        Assert.Contains(expected, Errors(Minimal, assignment));
    }

    [Fact]
    public void InvalidYaml_ReportsTheLine()
    {
        Assert.Equal(["s.yaml: is not valid YAML: an unterminated { } or [ ] collection; check the brackets"], Errors("name: x\nhorizon: { days: 3\ncity: {}\n"));
        var error = Assert.Single(Errors("name: x\n  bad indent: [1, 2\n"));
        Assert.StartsWith("s.yaml:2:", error, StringComparison.Ordinal);
        Assert.Contains("is not valid YAML", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyWindow_UnknownKey_ListsTheSwitchableKeys()
    {
        Assert.Contains(
            "s.yaml:19:79: policy.changes[0].set.backup.rul: 'backup.rul' cannot be switched by a policy window (did you mean 'backup.rule'?); allowed: crew.twoOfficerShare, backup.rule, backup.minRisk, backup.engage, dispatch.rule, staffing.pullOfficers, demand.multiplier",
            Errors(Minimal.Replace("backup.rule: all-calls", "backup.rul: all-calls", StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("/nonexistent/x.yaml"));
        Assert.StartsWith("/nonexistent/x.yaml: cannot be read:", e.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BundledScenarios_AreAllValid()
    {
        string dir = Path.Combine(RepoRoot(), "scenarios");
        // sweep-*.yaml and compare-*.yaml are experiment files (docs/sweeps.md), checked by the experiment tests.
        var files = Directory.GetFiles(dir, "*.yaml")
            .Where(f => !Path.GetFileName(f).StartsWith("sweep-", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("compare-", StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(files);
        foreach (string f in files)
        {
            var s = ScenarioLoader.Load(f);
            Assert.False(string.IsNullOrWhiteSpace(s.Description), $"{f} has no description");
            Assert.StartsWith("# Covers:", File.ReadAllText(f), StringComparison.Ordinal);
        }
    }

    internal static string RepoRoot() => RepoPaths.Root();
}
