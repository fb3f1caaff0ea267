using System.Text.Json;
using PatrolSim.Scenarios;

namespace PatrolSim.Cli.Tests;

/// <summary>The real CAD export under ../shared/data.</summary>
internal static class CalibrationSharedData
{
    public const string Alexandria = "alexandria_va_police_cad_2025-08-24_2025-11-29.csv";
    public const string Seattle = "seattle_spd_2024-01-01_2024-01-04_units_sample.csv";

    public static string? Path(string fileName) => RepoPaths.SharedData(fileName);
}

public class CalibrationRealDataTests
{
    [FactWhenSharedData(CalibrationSharedData.Alexandria)]
    public void Alexandria_Calibrate_LoadableScenario_142_6CallsADay_ThenFitCheck()
    {
        string data = CalibrationSharedData.Path(CalibrationSharedData.Alexandria)!;
        string dir = CliRunner.TempDir();
        string scenario = Path.Combine(dir, "alexandria.yaml");

        var (exit, output, err) = CliRunner.Run("calibrate", data, "--exclude-priority", "8", "--out", scenario);

        Assert.True(exit == 0, err);
        Assert.Contains("14580 rows read, 602 excluded (priority 8: 602), 0 rejected, 13978 used", output, StringComparison.Ordinal);
        Assert.Contains("(98 days): 13978 calls, 142.63 a day; citizen calls 11119, 113.46 a day; self-initiated 2859, 29.17 a day", output, StringComparison.Ordinal);
        var s = ScenarioLoader.Load(scenario);
        Assert.Equal(113.46, s.Demand.CallsPerDay, 2);
        var mix = s.Demand.CallTypes.GroupBy(t => t.Priority).ToDictionary(g => g.Key, g => g.Sum(t => t.Share));
        Assert.Equal(0.0485, mix[1], 3);
        Assert.Equal(0.5554, mix[2], 3);
        Assert.Equal(0.1166, mix[3], 3);
        Assert.Equal(0.2781, mix[4], 3);
        Assert.NotNull(s.Demand.SelfInitiated);

        string json = Path.Combine(dir, "check.json");
        var check = CliRunner.Run("fit-check", scenario, data, "--exclude-priority", "8", "--replications", "3", "--json", json);
        Assert.True(check.Exit == 0, check.Err);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(98, root.GetProperty("periodDays").GetDouble());
        Assert.Equal(11119, root.GetProperty("observedCalls").GetInt32());
        // 3 x 98 days of 113.46 calls a day: ~33,000 simulated calls, relative s.d. 0.55%.
        Assert.InRange(root.GetProperty("simulatedCallsPerDay").GetDouble(), 113.46 * 0.97, 113.46 * 1.03);
    }

    [FactWhenSharedData(CalibrationSharedData.Alexandria)]
    public void Alexandria_FitStaffing_ThenFitCheck_QueueDelayResponseAndTravelWithinTheIssueTargets()
    {
        // Issue 10 "done when": the P2 median within 20% of observed, the P1, P3, P4 medians and all four means within 30%.
        // Issue 22 "done when" (its commands exactly): response medians (received -> first on scene) within 15% for P1 and
        // 20% for P2-P4, travel medians (en route -> on scene) within 20% for P1-P4, the P2 queue-delay median within 20%.
        // Observed values are the data's (../shared/tools/observed_queue_delay.py for the queue delay), read back from
        // fit-check's JSON.
        string data = CalibrationSharedData.Path(CalibrationSharedData.Alexandria)!;
        string dir = CliRunner.TempDir();
        string scenario = Path.Combine(dir, "city.yaml");
        var calibrate = CliRunner.Run("calibrate", data, "--exclude-priority", "8", "--fit-staffing", "--area-km2", "39.6", "--out", scenario);
        Assert.True(calibrate.Exit == 0, calibrate.Err);
        string yaml = File.ReadAllText(scenario);
        Assert.Contains("callHandling:", yaml, StringComparison.Ordinal);
        Assert.Contains("holdMinutes:", yaml, StringComparison.Ordinal);
        Assert.Contains("ratePerUnitHour FITTED BY SIMULATION", yaml, StringComparison.Ordinal);
        Assert.Contains("uncertainty: loss at the best", yaml, StringComparison.Ordinal);
        var s = ScenarioLoader.Load(scenario);
        Assert.Equal([2, 3, 4], s.Policy.Dispatch.Hold!.Keys.Order());

        string json = Path.Combine(dir, "check.json");
        var check = CliRunner.Run("fit-check", scenario, data, "--exclude-priority", "8", "-r", "20", "--json", json);
        Assert.True(check.Exit == 0, check.Err);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var byPriority = doc.RootElement.GetProperty("byPriority");
        foreach (var p in new[] { 1, 2, 3, 4 })
        {
            var q = byPriority.GetProperty(p.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("queueDelay");
            double Ratio(string stat) => q.GetProperty("simulated").GetProperty(stat).GetDouble() / q.GetProperty("observed").GetProperty(stat).GetDouble();
            Assert.InRange(Ratio("p50"), p == 2 ? 0.8 : 0.7, p == 2 ? 1.2 : 1.3);
            Assert.InRange(Ratio("mean"), 0.7, 1.3);
        }

        // The issue's observed response medians 4.8 / 12.3 / 22.1 / 34.7 min; travel (en route -> on scene) 2.75 / 5.62 / 6.39 / 7.29.
        double[] response = [4.8, 12.3, 22.1, 34.7], travel = [2.75, 5.62, 6.39, 7.29];
        foreach (var p in new[] { 1, 2, 3, 4 })
        {
            var measures = byPriority.GetProperty(p.ToString(System.Globalization.CultureInfo.InvariantCulture));
            double Median(string measure, string side) => measures.GetProperty(measure).GetProperty(side).GetProperty("p50").GetDouble();
            Assert.Equal(response[p - 1], Median("response", "observed"), 1);
            Assert.Equal(travel[p - 1], Median("travel", "observed"), 2);
            var limit = p == 1 ? 0.15 : 0.2;
            Assert.InRange(Median("response", "simulated") / Median("response", "observed"), 1 - limit, 1 + limit);
            Assert.InRange(Median("travel", "simulated") / Median("travel", "observed"), 0.8, 1.2);
        }

        Assert.Contains("# size: a square of the given area, 39.6 km2 (calibrate --area-km2)", yaml, StringComparison.Ordinal);
        Assert.Equal(PatrolSim.Model.Definition.TravelModel.Curve, s.Travel.Model);
    }

    [FactWhenSharedData(CalibrationSharedData.Seattle)]
    public void Seattle_Coordinates_ShapeTheCity_TheCallLocationsAreWritten_TheOneWithoutALocationCounted()
    {
        string data = CalibrationSharedData.Path(CalibrationSharedData.Seattle)!;
        string dir = CliRunner.TempDir();
        string scenario = Path.Combine(dir, "seattle.yaml");

        var (exit, output, err) = CliRunner.Run("calibrate", data, "--out", scenario, "-r", "2");

        Assert.True(exit == 0, err);
        Assert.Contains("  coordinates: 999 of 1000 citizen calls located (longitude/latitude)\n  coordinates: 1 citizen call left out: at (0, 0), a missing location (line 933)\n", output, StringComparison.Ordinal);
        Assert.Contains("999 call locations written to seattle.callpoints.csv", output, StringComparison.Ordinal);
        Assert.Equal(1000, File.ReadLines(Path.Combine(dir, "seattle.callpoints.csv")).Count()); // the header and 999 locations
        var s = ScenarioLoader.Load(scenario);
        Assert.Equal(999, s.City.CallPoints!.Sum(z => z.Count));
        Assert.Equal(999, s.City.Zones.Sum(z => z.Weight));
        // Seattle's sample has no en-route times: trips run from dispatch, and turnout is inside them.
        Assert.Contains("trips dispatched -> on scene", output, StringComparison.Ordinal);
    }
}
