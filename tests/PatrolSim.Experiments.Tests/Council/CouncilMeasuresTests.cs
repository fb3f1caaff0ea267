using PatrolSim.Experiments.Council;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests.Council;

/// <summary>
/// The council figures of one replication from its metrics: FTEs from hours, cost from hours and rates, expected assaults
/// and injuries from exposure and rates. The replication's metrics are set by hand; every expected value is worked out
/// by hand in the comments.
/// </summary>
public class CouncilMeasuresTests
{
    // Three 10-hour shifts of 22, 26 and 20 officers: 680 officer-hours a day, 248,200 a year; 48 cars at most at once (15–17 h).
    // Call types: high-risk P1 (constant 40 min on scene), low-risk P2 (constant 20 min, 30% of P2 by share 0.3 / 0.5), a
    // P2 type without risk; measured period 14 − 4 = 10 days.
    private const string City = """
        name: t
        horizon: { days: 14, warmupDays: 4 }
        city: { widthKm: 4, heightKm: 2, beats: { rows: 1, cols: 2 } }
        demand:
          callsPerDay: 30
          callTypes:
            - { name: fight, share: 0.5, priority: 1, onScene: { dist: constant, value: 40 }, officers: 2, risk: high }
            - { name: noise, share: 0.3, priority: 2, onScene: { dist: constant, value: 20 }, risk: low }
            - { name: report, share: 0.2, priority: 2, onScene: { dist: constant, value: 30 } }
        staffing:
          shifts:
            - { name: day, start: "07:00", hours: 10, officers: 22 }
            - { name: evening, start: "15:00", hours: 10, officers: 26 }
            - { name: night, start: "22:00", hours: 10, officers: 20 }

        """;

    private const string Costs = "costs: { currency: USD, officerHourly: 60, overtimePremium: 0.5, carPerYear: 12000 }\n";

    private const string Safety = """
        safety:
          assaultsPerHour:
            alone: { low: 0.001, medium: 0.002, high: 0.004 }
            paired: { low: 0.0005, medium: 0.001, high: 0.003 }
          injuryWhenAssaulted: { alone: 0.454, paired: 0.387 }
          source: made up for a test

        """;

    private static Scenario Parse(string rest = "", params string[] overrides) => ScenarioLoader.Parse(City + rest, "s.yaml", overrides);

    /// <summary>
    /// A replication with 2 h of overtime a day; alone 400 min a day at low risk and 50 at high risk, 15 and 5 minutes alone per
    /// call of those levels; 100 P1 calls with 2 officers on scene each, 200 P2 calls with 1.25.
    /// </summary>
    private static ReplicationResult Replication(double overtimeHoursPerDay = 2)
    {
        double[] overall = [.. Enumerable.Repeat(double.NaN, MetricCatalog.Count)];
        overall[MetricCatalog.OvertimeHours] = overtimeHoursPerDay;
        overall[MetricCatalog.SoloPerDayLow] = 400;
        overall[MetricCatalog.SoloPerDayMedium] = 0;
        overall[MetricCatalog.SoloPerDayHigh] = 50;
        overall[MetricCatalog.SoloMinutesLow] = 15;
        overall[MetricCatalog.SoloMinutesHigh] = 5;
        double[] p1 = [.. Enumerable.Repeat(double.NaN, MetricCatalog.Count)];
        p1[MetricCatalog.CallsArrived] = 100;
        p1[MetricCatalog.OfficersOnScene] = 2;
        double[] p2 = [.. Enumerable.Repeat(double.NaN, MetricCatalog.Count)];
        p2[MetricCatalog.CallsArrived] = 200;
        p2[MetricCatalog.OfficersOnScene] = 1.25;
        return new ReplicationResult
        {
            Replication = 0, Seed = 1, Overall = overall, ByPriority = new Dictionary<int, IReadOnlyList<double>> { [1] = p1, [2] = p2 },
            Events = 0, CallsGenerated = 0,
        };
    }

    [Fact]
    public void Fte_IsRosterPlusOvertimeHoursOverAvailableHours()
    {
        var s = Parse();
        // 248,200 + 2 × 365 = 248,930 h a year over 1,698 h each = 146.60188… officers.
        Assert.Equal(248_930, CouncilMeasures.Value("officerHoursPerYear", s, Replication()), 6);
        Assert.Equal(248_930 / 1698.0, CouncilMeasures.Value("fteNeeded", s, Replication()), 9);
        Assert.Equal(146.6019, CouncilMeasures.Value("fteNeeded", s, Replication()), 4);
    }

    [Fact]
    public void Fte_HalvesWhenAvailableHoursDouble()
    {
        double fte = CouncilMeasures.Value("fteNeeded", Parse("", "staffing.availableHoursPerOfficer=1500"), Replication());
        double doubled = CouncilMeasures.Value("fteNeeded", Parse("", "staffing.availableHoursPerOfficer=3000", "staffing.contractHoursPerYear=3000"), Replication());
        Assert.Equal(248_930 / 1500.0, fte, 9);
        Assert.Equal(fte / 2, doubled);
    }

    [Fact]
    public void Costs_OfficersForTheRosterOvertimeAtAPremiumAndCars()
    {
        var s = Parse(Costs);
        var r = Replication();
        // Officers: 248,200 / 1,698 = 146.1720… employed × 2,080 paid hours × 60 = 18,242,261.48…
        double officers = 248_200.0 / 1698 * 2080 * 60;
        Assert.Equal(18_242_261.48, officers, 2);
        Assert.Equal(officers, CouncilMeasures.Value("annualCost.officers", s, r), 6);
        // Overtime: 730 h × 60 × 1.5 = 65,700.
        Assert.Equal(65_700, CouncilMeasures.Value("annualCost.overtime", s, r), 6);
        // Cars: 48 × 12,000 = 576,000.
        Assert.Equal(576_000, CouncilMeasures.Value("annualCost.cars", s, r), 6);
        Assert.Equal(officers + 65_700 + 576_000, CouncilMeasures.Value("annualCost", s, r), 6);
    }

    [Fact]
    public void Safety_ExpectedAssaultsAndInjuries_FromExposureAndRates()
    {
        var s = Parse(Safety);
        var r = Replication();
        // Alone: low 400 min/day, high 50 → × 365 / 60 = 2,433.33 h and 304.17 h a year.
        // With another officer, high: 100 P1 calls / 10 days = 10 a day × 40 min × 2 officers = 800 − 5 min alone × 10 = 750 min/day.
        //   low: 200 P2 calls / 10 days × 0.3 / 0.5 = 12 a day × 20 min × 1.25 officers = 300 − 15 × 12 = 120 min/day.
        //   750 × 365 / 60 = 4,562.5 h; 120 × 365 / 60 = 730 h.
        Assert.Equal((400 + 50) * 365 / 60.0, CouncilMeasures.Value("exposureHoursPerYear.alone", s, r), 9);
        Assert.Equal(4562.5 + 730, CouncilMeasures.Value("exposureHoursPerYear.paired", s, r), 9);
        // Assaults alone: 2,433.33 × 0.001 + 304.17 × 0.004 = 2.43333 + 1.21667 = 3.65;
        // paired: 730 × 0.0005 + 4,562.5 × 0.003 = 0.365 + 13.6875 = 14.0525; 17.7025 in all.
        Assert.Equal(17.7025, CouncilMeasures.Value("expectedAssaults", s, r), 9);
        // Injuries: 3.65 × 0.454 + 14.0525 × 0.387 = 1.6571 + 5.4383175 = 7.0954175.
        Assert.Equal(7.0954175, CouncilMeasures.Value("expectedInjuries", s, r), 9);
    }

    [Fact]
    public void WithoutTheSections_CostsAndSafetyDoNotApply()
    {
        var s = Parse();
        Assert.Equal(["officerHoursPerYear", "fteNeeded"], CouncilMeasures.For(s).Select(d => d.Name));
        Assert.True(double.IsNaN(CouncilMeasures.Value("annualCost", s, Replication())));
        Assert.True(double.IsNaN(CouncilMeasures.Value("expectedInjuries", s, Replication())));
        Assert.Equal(
            ["officerHoursPerYear", "fteNeeded", "annualCost", "annualCost.officers", "annualCost.overtime", "annualCost.cars",
             "exposureHoursPerYear.alone", "exposureHoursPerYear.paired", "expectedAssaults", "expectedInjuries"],
            CouncilMeasures.For(Parse(Costs + Safety)).Select(d => d.Name));
        Assert.Equal("USD/yr", CouncilMeasures.For(Parse(Costs)).Single(d => d.Name == "annualCost").Unit);
    }

    [Fact]
    public void Summary_IntervalsComeFromTheReplications()
    {
        var s = Parse(Costs);
        // Overtime 1 and 3 h a day: FTEs (248,200 + 365) / 1,698 and (248,200 + 1,095) / 1,698; mean at 2 h a day.
        var run = RunSummary.From(s, 1, [Replication(1) with { Replication = 0 }, Replication(3) with { Replication = 1 }]);
        var fte = run.Get("fteNeeded")!.Value;
        Assert.Equal(248_930 / 1698.0, fte.Mean, 9);
        // Two values 730 / 1,698 apart: sd = 730 / 1,698 / √2, half-width = t(0.975, 1) × sd / √2 = 12.7062 × 730 / 1,698 / 2.
        Assert.Equal(12.7062047 * 730 / 1698 / 2, fte.HalfWidth, 5);
        Assert.Null(run.Get("expectedInjuries"));
        Assert.Equal(18_242_261.48 + 65_700 + 576_000, run.Get("annualCost")!.Value.Mean, 1);
    }
}
