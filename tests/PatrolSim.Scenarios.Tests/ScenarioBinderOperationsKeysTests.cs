using PatrolSim.Model.Definition;

namespace PatrolSim.Scenarios.Tests;

/// <summary>
/// The operations keys (issue 12): report writing by call type, absences, weekday rosters, and the staffing and
/// demand switches of policy windows; every error word for word, and a full example bound into the records.
/// </summary>
public class ScenarioBinderOperationsKeysTests
{
    private const string Head = """
        name: t
        horizon: { days: 14 }
        city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 } }

        """;

    private const string Demand = "demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ] }\n";

    private static string[] Errors(string yaml)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "s.yaml"));
        return [.. e.Errors.Select(x => x.ToString())];
    }

    [Fact]
    public void FullExample_BindsIntoTheModelRecords()
    {
        var s = ScenarioLoader.Parse(Head + """
            demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 }, reportMinutes: { dist: constant, value: 12 } } ] }
            staffing:
              absenceShare: 0.1
              shifts:
                - { name: day, start: "08:00", hours: 8, officers: 4, days: [mon, tue, wed, thu, fri] }
                - { name: night, start: "20:00", hours: 12, officers: 3, officersByWeekday: [3, 3, 3, 3, 5, 6, 4] }
            policy:
              changes:
                - { at: "day 2 18:00", durationHours: 6, set: { staffing.pullOfficers: 3, demand.multiplier: 1.5 } }
            """, "s.yaml");
        Assert.Equal(new ConstantDistribution(12), s.Demand.CallTypes[0].Report);
        Assert.Equal(0.1, s.Staffing.AbsenceShare);
        Assert.Equal([0, 1, 2, 3, 4], s.Staffing.Shifts[0].Days!);
        Assert.Null(s.Staffing.Shifts[1].Days);
        Assert.Equal([3, 3, 3, 3, 5, 6, 4], s.Staffing.Shifts[1].OfficersByWeekday!);
        Assert.Equal(new PolicyOverrides(PullOfficers: 3, DemandMultiplier: 1.5), s.Policy.Changes[0].Set);

        // Officers: 90% of those scheduled, rounded; unit numbers cover each shift's largest day.
        Assert.Equal(4, s.Staffing.OfficersOf(s.Staffing.Shifts[0]));
        Assert.Equal(5, s.Staffing.OfficersOf(s.Staffing.Shifts[1], weekday: 5));
        Assert.Equal(4 + 5, s.Staffing.MaxUnitNumber());
    }

    [Theory]
    [InlineData("staffing: { absenceShare: 0.95, shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }",
        "s.yaml:5:27: staffing.absenceShare: is 0.95; it must be between 0 and 0.9; share of scheduled officers absent (sickness, court, training)")]
    [InlineData("staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4, days: [mon, mon] } ] }",
        "s.yaml:5:85: staffing.shifts[0].days[1]: names a weekday twice; list each day once")]
    [InlineData("staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4, days: [monday] } ] }",
        "s.yaml:5:80: staffing.shifts[0].days[0]: 'monday' is not allowed; use one of mon, tue, wed, thu, fri, sat, sun")]
    [InlineData("staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4, days: [] } ] }",
        "s.yaml:5:79: staffing.shifts[0].days: is empty; list the weekdays the shift starts on, e.g. [mon, tue, wed, thu, fri], or leave the key out for every day")]
    [InlineData("staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4, officersByWeekday: [1, 2, 3] } ] }",
        "s.yaml:5:92: staffing.shifts[0].officersByWeekday: has 3 values; it needs 7: officers by weekday, Monday first")]
    [InlineData("staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4, officersByWeekday: [1, 2, 3, 4, 5, 6, 7.5] } ] }",
        "s.yaml:5:92: staffing.shifts[0].officersByWeekday: officers must be whole numbers; write seven whole numbers, Monday first")]
    [InlineData("staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }\npolicy: { changes: [ { at: 1, durationHours: 2, set: { staffing.pullOfficers: -1 } } ] }",
        "s.yaml:6:79: policy.changes[0].set.staffing.pullOfficers: is -1; it must be between 0 and 100000")]
    [InlineData("staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }\npolicy: { changes: [ { at: 1, durationHours: 2, set: { demand.multiplier: 0 } } ] }",
        "s.yaml:6:75: policy.changes[0].set.demand.multiplier: is 0; it must be greater than 0 and at most 1000")]
    public void BadOperationsKeys_AreReportedWordForWord(string staffingAndPolicy, params string[] expected) =>
        Assert.Equal(expected, Errors(Head + Demand + staffingAndPolicy));

    [Fact]
    public void BackupOnlyUnits_BindAndNumberAfterThePatrolUnits()
    {
        var s = ScenarioLoader.Parse(Head + Demand + """
            staffing: { shifts: [ { name: d, start: "08:00", hours: 8, officers: 4, backupOnlyOfficers: 2 }, { name: n, start: "16:00", hours: 8, officers: 3 } ] }
            policy: { backupUnits: { firstResponseFromRisk: high, preferForBackup: false } }
            """, "s.yaml");
        Assert.Equal(2, s.Staffing.Shifts[0].BackupOnlyOfficers);
        Assert.Equal(new BackupUnitsPolicy(RiskLevel.High, false), s.Policy.BackupUnits);
        Assert.Equal(4 + 2 + 3, s.Staffing.MaxUnitNumber());
    }

    [Fact]
    public void BackupUnits_BadRiskLevel_IsReported() =>
        Assert.Equal(
            ["s.yaml:6:49: policy.backupUnits.firstResponseFromRisk: 'none' is not allowed; use one of low, medium, high"],
            Errors(Head + Demand + "staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }\npolicy: { backupUnits: { firstResponseFromRisk: none } }"));

    [Fact]
    public void BackupUnits_PreferWithinMinutes_Binds_AndNeedsPreferForBackup()
    {
        var s = ScenarioLoader.Parse(Head + Demand + """
            staffing: { shifts: [ { name: d, start: "08:00", hours: 8, officers: 4, backupOnlyOfficers: 2 } ] }
            policy: { backupUnits: { preferWithinMinutes: 1.5 } }
            """, "s.yaml");
        Assert.Equal(new BackupUnitsPolicy(null, true, 1.5), s.Policy.BackupUnits);
        Assert.Equal(
            ["s.yaml:6:71: policy.backupUnits.preferWithinMinutes: applies only when backup-only units are preferred for backup; set preferForBackup: true, or remove preferWithinMinutes"],
            Errors(Head + Demand + "staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }\npolicy: { backupUnits: { preferForBackup: false, preferWithinMinutes: 2 } }"));
        Assert.Equal(
            ["s.yaml:6:47: policy.backupUnits.preferWithinMinutes: is -1; it must be between 0 and 1440; minutes a backup-only unit may be farther than the nearest patrol unit and still be sent first"],
            Errors(Head + Demand + "staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }\npolicy: { backupUnits: { preferWithinMinutes: -1 } }"));
    }

    [Fact]
    public void MealBreak_Binds_AndAWindowEndingBeforeItStartsIsReported()
    {
        var s = ScenarioLoader.Parse(Head + Demand + """
            staffing: { mealBreak: { durationMinutes: { dist: constant, value: 30 }, earliestHours: 3, latestHours: 5 }, shifts: [ { name: d, start: "08:00", hours: 8, officers: 4 } ] }
            """, "s.yaml");
        Assert.Equal(new MealBreak(new ConstantDistribution(30), 3, 5, 1), s.Staffing.Break);
        Assert.Equal(
            ["s.yaml:5:105: staffing.mealBreak.latestHours: is 2, before earliestHours (3); the break's window must not end before it starts"],
            Errors(Head + Demand + "staffing: { mealBreak: { durationMinutes: { dist: constant, value: 30 }, earliestHours: 3, latestHours: 2 }, shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }"));
    }

    [Fact]
    public void ReportMinutes_BadDistribution_IsReported() =>
        Assert.Equal(
            ["s.yaml:4:157: demand.callTypes[0].reportMinutes.value: is -2; it must be between 0 and 1000000; minutes"],
            Errors(Head + "demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 }, reportMinutes: { dist: constant, value: -2 } } ] }\n"
                + "staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }"));
}
