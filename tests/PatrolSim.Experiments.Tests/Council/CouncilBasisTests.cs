using PatrolSim.Experiments.Council;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests.Council;

/// <summary>What the council figures take from the scenario alone: hours per officer, roster hours, cars. Expected values worked by hand.</summary>
public class CouncilBasisTests
{
    private const string Head = """
        name: t
        horizon: { days: 14 }
        city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 } }
        demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ] }

        """;

    private static Scenario Parse(string rest) => ScenarioLoader.Parse(Head + rest, "s.yaml");

    private const string ThreeShifts = """
        staffing:
          shifts:
            - { name: day, start: "07:00", hours: 10, officers: 22 }
            - { name: evening, start: "15:00", hours: 10, officers: 26 }
            - { name: night, start: "22:00", hours: 10, officers: 20 }

        """;

    [Fact]
    public void RosterHours_ThreeDailyShifts_AreOfficerShiftsTimesHoursTimes365()
    {
        // (22 + 26 + 20) officers × 10 h a day × 365 days.
        Assert.Equal(248_200, CouncilBasis.For(Parse(ThreeShifts)).RosterOfficerHoursPerYear, 6);
    }

    [Fact]
    public void RosterHours_WeekdayRostersScaleAbsencesAndBackupOnlyOfficers()
    {
        var s = Parse("""
            staffing:
              scale: 1.5
              absenceShare: 0.1
              shifts:
                - { name: weekdays, start: "08:00", hours: 8, officers: 10, days: [mon, tue, wed, thu, fri], backupOnlyOfficers: 2 }
                - { name: nights, start: "20:00", hours: 12, officers: 3, officersByWeekday: [3, 3, 3, 3, 5, 6, 4] }
            """);
        // Weekdays: round(10 × 1.5 × 0.9 = 13.5) = 14 patrol + round(2 × 1.35 = 2.7) = 3 backup-only, 8 h, 5 days: 17 × 8 × 5 = 680.
        // Nights: round(n × 1.35) for 3,3,3,3,5,6,4 = 4,4,4,4,7,8,5 = 36 officers × 12 h = 432.
        // (680 + 432) h a week × 365 / 7 = 57,982.857…
        Assert.Equal(1112.0 * 365 / 7, CouncilBasis.For(s).RosterOfficerHoursPerYear, 6);

        // Officer-shifts: 17 on five days and 36 over the week's nights, (85 + 36) / 7 a day.
        Assert.Equal(121.0 / 7, CouncilBasis.OfficerShiftsPerDay(s.Staffing), 9);
    }

    [Theory]
    [InlineData("", 2080 - 382, AvailableHoursSource.Default)]
    [InlineData("  absenceShare: 0.2\n", 2080 * 0.8, AvailableHoursSource.AbsenceShare)]
    [InlineData("  availableHoursPerOfficer: 1500\n  absenceShare: 0.2\n", 1500, AvailableHoursSource.Scenario)]
    [InlineData("  contractHoursPerYear: 1950\n", 1950 * (1 - (382.0 / 2080)), AvailableHoursSource.Default)]
    public void AvailableHours_GivenDerivedFromAbsencesOrDefault(string keys, double hours, AvailableHoursSource source)
    {
        var basis = CouncilBasis.For(Parse("staffing:\n" + keys + "  shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ]\n"));
        Assert.Equal(hours, basis.AvailableHoursPerOfficer, 9);
        Assert.Equal(source, basis.Source);
        Assert.Equal(basis.ContractHoursPerYear / hours, basis.ReliefFactor, 12);
    }

    [Fact]
    public void DefaultReliefFactor_IsThePublishedExamples()
    {
        // 2,080 scheduled hours / 1,698 available = 1.2250 officers employed per officer scheduled; for an 8-hour post
        // staffed all year, 2,920 / 1,698 = 1.72, the example's "1.7".
        var basis = CouncilBasis.For(Parse(ThreeShifts));
        Assert.Equal(1698, basis.AvailableHoursPerOfficer, 9);
        Assert.Equal(1.2250, basis.ReliefFactor, 4);
        Assert.Equal(1.72, 8 * 365 / basis.AvailableHoursPerOfficer, 2);
    }

    [Theory]
    // Day 07–17 (22) overlaps evening 15–01 (26): 48 cars from 15:00 to 17:00.
    [InlineData(0.0, 48)]
    // All paired: 11 + 13 cars.
    [InlineData(1.0, 24)]
    // Half paired: day round(22 × 0.5 / 2) = round(5.5) = 6 pairs → 16 cars; evening round(6.5) = 7 pairs → 19 cars; 35.
    [InlineData(0.5, 35)]
    public void Cars_AreTheMostUnitsOnDutyAtOnce(double share, int cars) =>
        Assert.Equal(cars, CouncilBasis.For(Parse(ThreeShifts + $"policy: {{ crew: {{ twoOfficerShare: {share} }} }}\n")).Cars);

    [Fact]
    public void Cars_ShiftsMeetingEndToEnd_DoNotOverlap() =>
        Assert.Equal(10, CouncilBasis.For(Parse("""
            staffing: { shifts: [ { name: a, start: "23:00", hours: 8, officers: 10 }, { name: b, start: "07:00", hours: 8, officers: 10 }, { name: c, start: "15:00", hours: 8, officers: 10 } ] }
            """)).Cars);

    [Fact]
    public void Cars_ASundayNightShiftRunsIntoMonday()
    {
        // Sunday 22:00 for 10 h (5 officers) is on duty with Monday 00:00–04:00 (3 officers): 8 cars, only across the week's end.
        Assert.Equal(8, CouncilBasis.For(Parse("""
            staffing: { shifts: [ { name: sun, start: "22:00", hours: 10, officers: 5, days: [sun] }, { name: mon, start: "00:00", hours: 4, officers: 3, days: [mon] } ] }
            """)).Cars);
    }

    [Fact]
    public void Cars_CoverTheLeastPairedCrewShareOfAnyWindow()
    {
        // All paired by policy (24 cars), but a window sends everyone solo: the fleet must cover 48.
        var s = Parse(ThreeShifts + """
            policy:
              crew: { twoOfficerShare: 1 }
              changes: [ { at: "day 3 18:00", durationHours: 36, set: { crew.twoOfficerShare: 0 } } ]
            """);
        Assert.Equal(48, CouncilBasis.For(s).Cars);
    }
}
