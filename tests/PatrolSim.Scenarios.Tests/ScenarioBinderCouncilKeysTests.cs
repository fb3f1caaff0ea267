using PatrolSim.Model.Definition;

namespace PatrolSim.Scenarios.Tests;

/// <summary>
/// The council keys (issue 27): staffing.availableHoursPerOfficer and contractHoursPerYear, the costs: and safety:
/// sections; every error word for word, and full examples bound into the records.
/// </summary>
public class ScenarioBinderCouncilKeysTests
{
    private const string Head = """
        name: t
        horizon: { days: 14 }
        city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 } }
        demand: { callsPerDay: 10, callTypes: [ { name: a, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 } } ] }

        """;

    private const string Staffing = "staffing: { shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }\n";

    private const string Safety = """
        safety:
          assaultsPerHour:
            alone: { low: 0.001, medium: 0.002, high: 0.004 }
            paired: { low: 0.0005, medium: 0.001, high: 0.003 }
          injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }
          source: a study

        """;

    private static string[] Errors(string yaml)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "s.yaml"));
        return [.. e.Errors.Select(x => x.ToString())];
    }

    [Fact]
    public void WithoutTheKeys_DefaultTermsAndNoCostsOrSafety()
    {
        var s = ScenarioLoader.Parse(Head + Staffing, "s.yaml");
        Assert.Equal(new Employment(null, 2080), s.Employment);
        Assert.Null(s.Costs);
        Assert.Null(s.Safety);
    }

    [Fact]
    public void FullExample_BindsIntoTheModelRecords()
    {
        var s = ScenarioLoader.Parse(Head + """
            staffing: { availableHoursPerOfficer: 1700, contractHoursPerYear: 2000, shifts: [ { name: d, start: "08:00", hours: 8, officers: 4 } ] }
            costs: { currency: EUR, officerHourly: 55.5, overtimePremium: 0.25, carPerYear: 9000 }

            """ + Safety, "s.yaml");
        Assert.Equal(new Employment(1700, 2000), s.Employment);
        Assert.Equal(new Costs("EUR", 55.5, 0.25, 9000), s.Costs);
        Assert.Equal(new Safety(new PerRiskLevel(0.001, 0.002, 0.004), new PerRiskLevel(0.0005, 0.001, 0.003), 0.454, 0.387, "a study"), s.Safety);
    }

    [Fact]
    public void Costs_OvertimePremiumDefaultsToTimeAndAHalf() =>
        Assert.Equal(0.5, ScenarioLoader.Parse(Head + Staffing + "costs: { currency: USD, officerHourly: 60, carPerYear: 0 }", "s.yaml").Costs!.OvertimePremium);

    [Fact]
    public void AvailableHours_CanBeSetFromTheCommandLine()
    {
        string path = Path.Combine(Path.GetTempPath(), "patrolsim-council-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, Head + Staffing);
        try
        {
            Assert.Equal(3396, ScenarioLoader.Load(path, ["staffing.availableHoursPerOfficer=3396", "staffing.contractHoursPerYear=4000"]).Employment.AvailableHoursPerOfficer);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("staffing: { availableHoursPerOfficer: 0, shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }",
        "s.yaml:5:39: staffing.availableHoursPerOfficer: is 0; it must be greater than 0 and at most 8784; hours an officer is on duty in a year after leave, training, court and sickness, e.g. 1698")]
    [InlineData("staffing: { availableHoursPerOfficer: 2100, shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }",
        "s.yaml:5:39: staffing.availableHoursPerOfficer: is 2100, more than contractHoursPerYear (2080); an officer cannot be on duty more hours than scheduled: lower it or raise contractHoursPerYear")]
    [InlineData("staffing: { contractHoursPerYear: 9000, shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }",
        "s.yaml:5:35: staffing.contractHoursPerYear: is 9000; it must be greater than 0 and at most 8784; hours an officer is scheduled and paid for in a year, e.g. 2080 (40 h × 52 weeks)")]
    [InlineData("staffing: { availableHours: 1700, shifts: [ { name: d, start: \"08:00\", hours: 8, officers: 4 } ] }",
        "s.yaml:5:13: staffing.availableHours: unknown key (did you mean 'availableHoursPerOfficer'?); allowed here: scale, shifts, absenceShare, mealBreak, availableHoursPerOfficer, contractHoursPerYear")]
    [InlineData(Staffing + "costs: { officerHourly: 60, carPerYear: 0 }",
        "s.yaml:6:8: costs.currency: is missing; the money unit's label, e.g. USD")]
    [InlineData(Staffing + "costs: { currency: \" \", officerHourly: 60, carPerYear: 0 }",
        "s.yaml:6:20: costs.currency: is empty; give the money unit's label, e.g. USD")]
    [InlineData(Staffing + "costs: { currency: USD, officerHourly: 0, carPerYear: 0 }",
        "s.yaml:6:40: costs.officerHourly: is 0; it must be greater than 0 and at most 1000000; the loaded cost of one paid officer-hour (pay, benefits, pension)")]
    [InlineData(Staffing + "costs: { currency: USD, officerHourly: 60, overtimePremium: 6, carPerYear: 0 }",
        "s.yaml:6:61: costs.overtimePremium: is 6; it must be between 0 and 5; extra share paid for an overtime hour, 0.5 = time and a half")]
    [InlineData(Staffing + "costs: { currency: USD, officerHourly: 60 }",
        "s.yaml:6:8: costs.carPerYear: is missing; the yearly cost of one patrol car (depreciation, fuel, maintenance); 0 to leave cars out")]
    [InlineData(Staffing + "costs: { currency: USD, officerHourly: 60, carPerYear: 0, fuel: 3 }",
        "s.yaml:6:59: costs.fuel: unknown key; allowed here: currency, officerHourly, overtimePremium, carPerYear")]
    public void BadCouncilKeys_AreReportedWordForWord(string staffingAndCosts, params string[] expected) =>
        Assert.Equal(expected, Errors(Head + staffingAndCosts));

    [Theory]
    [InlineData("alone: { low: 0.001, medium: 0.002, high: 0.004 }", "paired: { low: 0.001, medium: 0.002 }", "injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }", "source: x",
        "s.yaml:9:13: safety.assaultsPerHour.paired.high: is missing; assaults per officer-hour on scene with another officer at high-risk calls")]
    [InlineData("alone: { low: -1, medium: 0.002, high: 0.004 }", "paired: { low: 0.001, medium: 0.002, high: 0.004 }", "injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }", "source: x",
        "s.yaml:8:19: safety.assaultsPerHour.alone.low: is -1; it must be between 0 and 10; assaults per officer-hour on scene alone at low-risk calls")]
    [InlineData("alone: { low: 0.001, medium: 0.002, high: 0.004 }", "paired: { low: 0.001, medium: 0.002, high: 0.004 }", "injuryWhenAssaulted: { alone: 45.4, paired: 0.387 }", "source: x",
        "s.yaml:10:33: safety.injuryWhenAssaulted.alone: is 45.4; it must be between 0 and 1; the chance an officer assaulted while alone is injured, e.g. 0.454")]
    [InlineData("alone: { low: 0.001, medium: 0.002, high: 0.004 }", "paired: { low: 0.001, medium: 0.002, high: 0.004 }", "injuryWhenAssaulted: { alone: 0.454 }", "source: x",
        "s.yaml:10:24: safety.injuryWhenAssaulted.paired: is missing; the chance an officer assaulted while paired is injured, e.g. 0.387")]
    [InlineData("alone: { low: 0.001, medium: 0.002, high: 0.004 }", "paired: { low: 0.001, medium: 0.002, high: 0.004 }", "injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }", "note: x",
        "s.yaml:7:3: safety.source: is missing; say where the rates come from (a study, the department's records); it is printed beside every estimate",
        "s.yaml:11:3: safety.note: unknown key; allowed here: assaultsPerHour, injuryWhenAssaulted, source")]
    public void BadSafetyKeys_AreReportedWordForWord(string alone, string paired, string injury, string source, params string[] expected) =>
        Assert.Equal(expected, Errors(Head + Staffing + $"""
            safety:
              assaultsPerHour:
                {alone}
                {paired}
              {injury}
              {source}
            """));

    [Theory]
    [InlineData("safety: { injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }, source: x }",
        "s.yaml:6:9: safety.assaultsPerHour: is missing; give assaults per officer-hour on scene by risk level, e.g. assaultsPerHour: { alone: { low: 0.0001, medium: 0.0003, high: 0.0012 }, paired: { low: 0.0001, medium: 0.0003, high: 0.0012 } }")]
    [InlineData("safety: { assaultsPerHour: { alone: { low: 0, medium: 0, high: 0 } }, injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }, source: x }",
        "s.yaml:6:28: safety.assaultsPerHour.paired: is missing; give assaults per officer-hour on scene with another officer by risk level, e.g. paired: { low: 0.0001, medium: 0.0003, high: 0.0012 }")]
    [InlineData("safety: { assaultsPerHour: { paired: { low: 0, medium: 0, high: 0 } }, injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }, source: x }",
        "s.yaml:6:28: safety.assaultsPerHour.alone: is missing; give assaults per officer-hour alone on scene by risk level, e.g. alone: { low: 0.0001, medium: 0.0003, high: 0.0012 }")]
    [InlineData("safety: { assaultsPerHour: { alone: { low: 0, medium: 0, high: 0 }, paired: { low: 0, medium: 0, high: 0 } }, source: x }",
        "s.yaml:6:9: safety.injuryWhenAssaulted: is missing; give the chance an assaulted officer is injured, e.g. injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }")]
    public void Safety_MissingPart_IsReportedAtItsParentWithAnExample(string safety, string expected) =>
        Assert.Equal([expected], Errors(Head + Staffing + safety));
}
