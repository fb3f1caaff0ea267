using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Checking;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Calibration.Tests.Fitting;
using PatrolSim.Scenarios;

namespace PatrolSim.Calibration.Tests.Checking;

public class StaffingCalibrationTests
{
    private static readonly Lazy<CadReadResult> Read = new(() =>
    {
        SyntheticPriority[] priorities = [new(1, 0.3, 40, 1.0, 0.2, 0.05), new(2, 0.7, 30, 1.2, 0.1, 0.1)];
        var csv = new SyntheticCad(seed: 17).Generate(days: 7, callsPerDay: 60, priorities, selfInitiatedPerDay: 10, selfOnSceneMean: 15, selfOnSceneCv: 0.5);
        return CadReader.Read(new StringReader(csv), "synthetic.csv");
    });

    [Fact]
    public void Fit_RefitsAtTheBestStaffing_AndSaysSoInTheShiftsAndComments()
    {
        var read = Read.Value;
        var initial = ScenarioFitter.Fit(read);

        var fitted = StaffingCalibration.Fit(read, initial, FitOptions.Default, new StaffingFitOptions { Replications = 1 }, officersGiven: false, "s.yaml")!;

        Assert.Equal(fitted.Search.Best.Officers, fitted.Result.Shifts.Select(s => s.Officers));
        Assert.All(fitted.Result.Shifts, s => Assert.Equal("fitted by --fit-staffing", s.Source));
        Assert.Equal(StaffingFitter.ObservedQueue(read.Calls, ScenarioFitter.ShiftOfHour(FitOptions.Default.Shifts)).ToDictionary(kv => kv.Key, kv => kv.Value.Stats), fitted.Search.Observed);
        Assert.Equal("staffing is NOT in CAD data. These officers per shift were FITTED by simulation (calibrate --fit-staffing), PER SHIFT:",
            fitted.Result.StaffingNotes[0]);
        Assert.StartsWith($"first a common scale on the estimated officers ({string.Join(", ", initial.Shifts.Select(s => s.Officers))})", fitted.Result.StaffingNotes[1], StringComparison.Ordinal);
        Assert.StartsWith($"mean and p90 of the queue delay (received -> first dispatch). Each staffing: {initial.PeriodDays:0.##} days after a", fitted.Result.StaffingNotes[4], StringComparison.Ordinal);
        Assert.StartsWith("uncertainty: loss at the best", fitted.Result.StaffingNotes[^1], StringComparison.Ordinal);
        Assert.Equal(fitted.Search.Describe(), fitted.Result.StaffingNotes[^2]);
        var scenario = ScenarioLoader.Parse(fitted.Result.ToYaml(), "s.yaml");
        Assert.Equal(fitted.Search.Best.Officers, scenario.Staffing.Shifts.Select(s => s.Officers));
    }

    [Fact]
    public void Fit_WithoutDispatchTimes_IsNull()
    {
        var read = CadReader.Read(new StringReader("Received,Priority\n2025-01-06 08:00:00,2\n2025-01-06 09:00:00,1\n"), "calls.csv");

        Assert.Null(StaffingCalibration.Fit(read, ScenarioFitter.Fit(read), FitOptions.Default, StaffingFitOptions.Default, officersGiven: false, "s.yaml"));
    }
}
