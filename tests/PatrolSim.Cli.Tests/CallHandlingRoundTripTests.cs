using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// A scenario with known call handling (intake by priority, processing, a P3 hold) simulated with <c>run --cad-export</c>
/// and calibrated back: the export's Queued column carries the ready time, from which calibrate recovers the intake and
/// the processing. 300 calls a day for 28 days, staffed generously so that calls rarely wait for a unit.
/// </summary>
public class CallHandlingRoundTripTests
{
    private const string Truth = """
        name: Call-handling truth
        horizon: { days: 28, warmupDays: 2 }
        city: { widthKm: 8, heightKm: 6, beats: { rows: 2, cols: 3 } }
        demand:
          callsPerDay: 300
          callTypes:
            - { name: urgent, share: 0.15, priority: 1, onScene: { dist: lognormal, mean: 30, cv: 0.8 } }
            - { name: prompt, share: 0.40, priority: 2, onScene: { dist: lognormal, mean: 25, cv: 0.9 } }
            - { name: routine, share: 0.30, priority: 3, onScene: { dist: lognormal, mean: 20, cv: 0.8 } }
            - { name: report, share: 0.15, priority: 4, onScene: { dist: lognormal, mean: 20, cv: 1.0 } }
        travel: { model: manhattan, detour: 1.3, turnoutMinutes: 1.0, speedKmh: { 1: 60, 2: 45, 3: 40 } }
        staffing:
          shifts: [ { name: all, start: "00:00", hours: 24, officers: 30 } ]
        policy:
          dispatch:
            rule: closest
            holdMinutes: { 3: { dist: lognormal, mean: 8, cv: 1.0 } }
        callHandling:
          intakeMinutes:
            1: { dist: lognormal, mean: 1.0, cv: 0.7 }
            default: { dist: lognormal, mean: 2.0, cv: 0.9 }
          processingMinutes: { dist: lognormal, mean: 0.6, cv: 0.8 }
        """;

    private static Scenario CalibrateExport()
    {
        string dir = CliRunner.TempDir();
        string truth = Path.Combine(dir, "truth.yaml");
        File.WriteAllText(truth, Truth);
        string cad = Path.Combine(dir, "cad.csv");
        var run = CliRunner.Run("run", truth, "-r", "1", "--seed", "3", "--cad-export", cad);
        Assert.True(run.Exit == 0, run.Err);
        string fitted = Path.Combine(dir, "fitted.yaml");
        var calibrate = CliRunner.Run("calibrate", cad, "--out", fitted);
        Assert.True(calibrate.Exit == 0, calibrate.Err);
        return ScenarioLoader.Load(fitted);
    }

    [Fact]
    public void Calibrate_OnTheExport_RecoversIntakeAndProcessing_AndCountsTheHoldInTheQueuedTime()
    {
        var fitted = CalibrateExport();
        var handling = fitted.CallHandling!;

        // ~1,260 P1 and ~3,360 P2 calls: the lognormal means' standard errors are ~2%; 10% is wide and catches a swap.
        Assert.InRange(handling.Intake[1].Mean, 0.9, 1.1);
        Assert.InRange(handling.Intake[2].Mean, 1.8, 2.2);
        Assert.InRange(handling.Intake[4].Mean, 1.8, 2.2);
        // Processing from P1's low-load queued -> dispatched: ~0.6 min plus rare waits for a unit.
        Assert.InRange(handling.Processing!.Mean, 0.54, 0.72);
        // The model logs one ready time, after intake AND hold: the export's received -> queued of P3 is intake + hold
        // (2 + 8 = 10 min), so calibrate sees it as intake and writes no hold for P3. Recovering the hold separately needs
        // the model to log the end of intake (CallRecord), which it does not yet.
        Assert.InRange(handling.Intake[3].Mean, 8.5, 11.5);
        Assert.Null(fitted.Policy.Dispatch.Hold);
    }
}
