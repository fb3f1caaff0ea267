using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// Simulates a known scenario once (<c>run --cad-export</c>), calibrates a scenario from the export, and shares both
/// with the round-trip tests. 300 calls a day for 28 days: about 8,400 calls.
/// </summary>
public sealed class CalibrationRoundTripFixture
{
    public const string Truth = """
        name: Round-trip truth
        description: A known scenario for the calibration round trip.
        horizon: { days: 28, warmupDays: 2 }
        city: { widthKm: 10, heightKm: 8, beats: { rows: 4, cols: 5 } }
        demand:
          callsPerDay: 300
          profile:
            hourly: [0.90, 0.75, 0.65, 0.55, 0.45, 0.40, 0.45, 0.60, 0.80, 0.95, 1.05, 1.10,
                     1.15, 1.15, 1.20, 1.30, 1.35, 1.35, 1.30, 1.25, 1.20, 1.15, 1.05, 1.00]
            daily: [0.90, 0.92, 0.95, 1.00, 1.10, 1.20, 0.93]
          callTypes:
            - { name: urgent, share: 0.06, priority: 1, onScene: { dist: lognormal, mean: 45, cv: 0.8 }, officers: 2 }
            - { name: prompt, share: 0.34, priority: 2, onScene: { dist: lognormal, mean: 25, cv: 0.9 }, officers: 1 }
            - { name: routine, share: 0.45, priority: 3, onScene: { dist: lognormal, mean: 35, cv: 0.8 }, officers: 1 }
            - { name: report, share: 0.15, priority: 4, onScene: { dist: lognormal, mean: 20, cv: 1.0 }, officers: 1 }
        travel: { model: manhattan, detour: 1.3, turnoutMinutes: 1.0, speedKmh: { 1: 60, 2: 45, 3: 40 } }
        staffing:
          shifts:
            - { name: day, start: "07:00", hours: 8, officers: 14 }
            - { name: evening, start: "15:00", hours: 8, officers: 16 }
            - { name: night, start: "23:00", hours: 8, officers: 11 }
        policy:
          crew: { twoOfficerShare: 0.0 }
          backup: { rule: none, engage: alone }
          dispatch: { rule: closest }
        """;

    public CalibrationRoundTripFixture()
    {
        Dir = CliRunner.TempDir();
        TruthPath = Path.Combine(Dir, "truth.yaml");
        File.WriteAllText(TruthPath, Truth);
        // The same scenario with every on-scene mean doubled (cv unchanged): a deliberately wrong scenario for fit-check.
        WrongPath = Path.Combine(Dir, "wrong.yaml");
        File.WriteAllText(WrongPath, Truth.Replace("mean: 45,", "mean: 90,", StringComparison.Ordinal).Replace("mean: 25,", "mean: 50,", StringComparison.Ordinal)
            .Replace("mean: 35,", "mean: 70,", StringComparison.Ordinal).Replace("mean: 20,", "mean: 40,", StringComparison.Ordinal));
        CadPath = Path.Combine(Dir, "cad.csv");
        FittedPath = Path.Combine(Dir, "fitted.yaml");

        var run = CliRunner.Run("run", TruthPath, "-r", "1", "--seed", "1", "--cad-export", CadPath);
        Assert.True(run.Exit == 0, run.Err);
        Calibrate = CliRunner.Run("calibrate", CadPath, "--out", FittedPath);
        Assert.True(Calibrate.Exit == 0, Calibrate.Err);
        TruthScenario = ScenarioLoader.Load(TruthPath);
        Fitted = ScenarioLoader.Load(FittedPath);
        ExportedCalls = File.ReadLines(CadPath).Count() - 1;
    }

    public string Dir { get; }
    public string TruthPath { get; }
    public string WrongPath { get; }
    public string CadPath { get; }
    public string FittedPath { get; }
    public (int Exit, string Out, string Err) Calibrate { get; }
    public Scenario TruthScenario { get; }
    public Scenario Fitted { get; }
    public int ExportedCalls { get; }

    /// <summary>Sum of shares by priority.</summary>
    public static Dictionary<int, double> Mix(Scenario s) =>
        s.Demand.CallTypes.GroupBy(t => t.Priority).ToDictionary(g => g.Key, g => g.Sum(t => t.Share) / s.Demand.CallTypes.Sum(t => t.Share));
}

public class CalibrationRoundTripTests(CalibrationRoundTripFixture rt) : IClassFixture<CalibrationRoundTripFixture>
{
    [Fact]
    public void CadExport_HasOneRowPerCall_AndCalibrateReadsEveryRowWithoutMap()
    {
        Assert.InRange(rt.ExportedCalls, 8000, 8800);
        string header = File.ReadLines(rt.CadPath).First();
        Assert.Equal("Incident_Id,Received,Queued,Dispatched,En_Route,Arrived,Cleared,Priority,Call_Type,Units,Beat,X,Y,Self_Initiated", header);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{rt.ExportedCalls} rows read, 0 excluded, 0 rejected, {rt.ExportedCalls} used"), rt.Calibrate.Out, StringComparison.Ordinal);
        Assert.Contains("no self-initiated calls recognised", rt.Calibrate.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void CadExport_SameSeed_SameBytes_WithMoreReplicationsOnMoreThreads()
    {
        // The export holds replication 0 only; two replications on two threads must not change it.
        string again = Path.Combine(rt.Dir, "again.csv");
        var run = CliRunner.Run("run", rt.TruthPath, "-r", "2", "--seed", "1", "--parallel", "2", "--cad-export", again);
        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal(File.ReadAllText(rt.CadPath), File.ReadAllText(again));
    }

    [Fact]
    public void RoundTrip_CallsPerDay_Within3Percent()
    {
        // ~8,400 Poisson calls: relative s.d. 1/sqrt(8400) = 1.1%, so 3% is about 2.7 s.d.
        Assert.InRange(rt.Fitted.Demand.CallsPerDay / 300, 0.97, 1.03);
    }

    [Fact]
    public void RoundTrip_WeeklyProfile_CorrelatesAbove0_9WithTheTrueProfile()
    {
        // 168 cells of ~50 calls: Poisson noise ~14% a cell, ~9% after the 1-2-1 smoothing, against a true profile whose
        // s.d. is ~30%: the expected correlation is about 0.3 / sqrt(0.3^2 + 0.09^2) = 0.96.
        double r = Correlation.Pearson(rt.TruthScenario.Demand.WeeklyProfile, rt.Fitted.Demand.WeeklyProfile);
        Assert.True(r > 0.9, $"correlation {r}");
    }

    [Fact]
    public void RoundTrip_PriorityMix_EachShareWithin0_02()
    {
        // Binomial s.d. of a share p among ~8,400 calls is at most sqrt(0.25 / 8400) = 0.0055, so 0.02 is over 3.6 s.d.
        var truth = CalibrationRoundTripFixture.Mix(rt.TruthScenario);
        var fitted = CalibrationRoundTripFixture.Mix(rt.Fitted);
        Assert.Equal(truth.Keys.Order(), fitted.Keys.Order());
        foreach (var (p, share) in truth)
        {
            Assert.True(Math.Abs(fitted[p] - share) <= 0.02, $"P{p}: fitted {fitted[p]} vs {share}");
        }
    }

    [Fact]
    public void RoundTrip_OnSceneMeanByPriority_Within10Percent_AndOfficersRecovered()
    {
        // The smallest group is P1 (6%, ~500 calls, cv 0.8): s.e. of the mean 0.8 / sqrt(500) = 3.6%, so 10% is 2.8 s.e.
        foreach (var truth in rt.TruthScenario.Demand.CallTypes)
        {
            var fitted = Assert.Single(rt.Fitted.Demand.CallTypes, t => t.Priority == truth.Priority);
            Assert.Equal(truth.Officers, fitted.Officers);
            Assert.True(fitted.NeedsUnit);
            var fittedMean = Assert.IsType<LogNormalDistribution>(fitted.OnScene).MeanMinutes;
            var trueMean = ((LogNormalDistribution)truth.OnScene).MeanMinutes;
            Assert.True(Math.Abs(fittedMean / trueMean - 1) <= 0.10, $"P{truth.Priority}: fitted mean {fittedMean} vs {trueMean}");
        }
    }

    [Fact]
    public void FitCheck_TrueScenario_OnSceneKsBelowCritical_WrongScenario_KsLarge()
    {
        // Another seed than the export's, so the simulated calls are not the exported ones.
        JsonElement Check(string scenario, string tag)
        {
            string json = Path.Combine(rt.Dir, tag + ".json");
            var (exit, output, err) = CliRunner.Run("fit-check", scenario, rt.CadPath, "--seed", "2", "--replications", "5", "--json", json);
            Assert.True(exit == 0, err);
            Assert.Contains("Minutes by priority", output, StringComparison.Ordinal);
            return JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone();
        }

        var good = Check(rt.TruthPath, "good");
        var bad = Check(rt.WrongPath, "bad");
        Assert.Equal(28, good.GetProperty("periodDays").GetDouble());
        // 5 replications x 28 days of 300 calls against ~8,400 observed: the simulated rate is within 3% too.
        Assert.InRange(good.GetProperty("simulatedCallsPerDay").GetDouble() / good.GetProperty("observedCallsPerDay").GetDouble(), 0.97, 1.03);
        Assert.True(good.GetProperty("hourOfDay").GetProperty("pValue").GetDouble() > 0.01);
        foreach (var p in new[] { "1", "2", "3", "4" })
        {
            var g = good.GetProperty("byPriority").GetProperty(p).GetProperty("onScene");
            var b = bad.GetProperty("byPriority").GetProperty(p).GetProperty("onScene");
            // Same distribution: KS below its 5% critical value (0.066 for P1's ~500 vs ~2,500 times, 0.024 for P3).
            Assert.True(g.GetProperty("ksDistance").GetDouble() < g.GetProperty("ksCritical05").GetDouble(), $"P{p} true scenario: {g}");
            // Means doubled, cv kept: lognormals a factor 2 apart are 2*Phi(ln 2 / (2 sigma)) - 1 apart in KS, 0.32 for cv 1
            // (sigma 0.83) to 0.38 for cv 0.8 (sigma 0.70); sampling noise is under 0.03.
            Assert.True(b.GetProperty("ksDistance").GetDouble() > 0.25, $"P{p} wrong scenario: {b}");
            Assert.InRange(b.GetProperty("simulated").GetProperty("mean").GetDouble() / b.GetProperty("observed").GetProperty("mean").GetDouble(), 1.8, 2.2);
        }
    }

    [Fact]
    public void FitStaffing_WritesFittedOfficers_WithTheirOrigin_AndBeatsTheEstimatedStaffing()
    {
        string fitted = Path.Combine(rt.Dir, "fitted-staffing.yaml");
        var (exit, output, err) = CliRunner.Run("calibrate", rt.CadPath, "--out", fitted, "--fit-staffing", "--seed", "3");
        Assert.True(exit == 0, err);
        Assert.Contains("--fit-staffing: staffings simulated", output, StringComparison.Ordinal);
        string yaml = File.ReadAllText(fitted);
        Assert.Contains("# staffing is NOT in CAD data. These officers per shift were FITTED by simulation", yaml, StringComparison.Ordinal);
        Assert.Equal(3, yaml.Split('\n').Count(l => l.Contains("# fitted by --fit-staffing; peak hourly busy officers", StringComparison.Ordinal)));
        var s = ScenarioLoader.Load(fitted);
        // The peak-busy estimate (no queue at all in simulation) is an upper figure here: the export has queue delays, so the
        // search must go below it, and its error must beat scale 1 (the estimate itself is one of the staffings tried).
        int estimated = rt.Fitted.Staffing.Shifts.Sum(x => x.Officers);
        Assert.True(s.Staffing.Shifts.Sum(x => x.Officers) < estimated, yaml);
        var note = yaml.Split('\n').Single(l => l.Contains("fitted by --fit-staffing: officers", StringComparison.Ordinal));
        // The export is the truth's own simulation: matching the delays by shift recovers its 14 / 16 / 11 officers, 41 in
        // all, to within one in total and two on a shift. One 28-day export near saturation pins a shift's officers only
        // so far: exports of seeds 1-4 gave 14,14,12 / 13,16,13 / 14,16,12 / 14,15,11 (the search with seed 3), so a
        // shift within one holds for some realizations only, while the total stayed within one in every one.
        Assert.InRange(s.Staffing.Shifts.Sum(x => x.Officers), 40, 42);
        Assert.All(s.Staffing.Shifts.Zip([14, 16, 11]), x => Assert.InRange(x.First.Officers, x.Second - 2, x.Second + 2));
        Assert.Contains("# uncertainty: loss at the best", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void FitCheck_SameSeed_SameJsonBytes_AtOneAndFourThreads()
    {
        string one = Path.Combine(rt.Dir, "p1.json"), four = Path.Combine(rt.Dir, "p4.json");
        Assert.Equal(0, CliRunner.Run("fit-check", rt.FittedPath, rt.CadPath, "-r", "4", "--parallel", "1", "--json", one).Exit);
        Assert.Equal(0, CliRunner.Run("fit-check", rt.FittedPath, rt.CadPath, "-r", "4", "--parallel", "4", "--json", four).Exit);
        Assert.Equal(File.ReadAllText(one), File.ReadAllText(four));
    }

    [Fact]
    public void Calibrate_RowsInAnotherOrder_SameScenarioBytes()
    {
        // A CAD extract sorted differently (here: reversed) describes the same calls and must give the same scenario.
        string reversed = Path.Combine(rt.Dir, "reversed", "cad.csv"); // same file name: the scenario names its source
        Directory.CreateDirectory(Path.GetDirectoryName(reversed)!);
        var rows = File.ReadAllLines(rt.CadPath);
        File.WriteAllLines(reversed, [rows[0], .. rows.Skip(1).Reverse()]);
        string again = Path.Combine(rt.Dir, "reversed", "fitted.yaml"); // same name: the scenario names its call locations file
        Assert.Equal(0, CliRunner.Run("calibrate", reversed, "--out", again).Exit);
        Assert.Equal(File.ReadAllText(rt.FittedPath), File.ReadAllText(again));
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(rt.FittedPath, ".callpoints.csv")), File.ReadAllText(Path.ChangeExtension(again, ".callpoints.csv")));
    }
}
