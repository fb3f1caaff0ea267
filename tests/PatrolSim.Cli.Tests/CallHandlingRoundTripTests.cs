using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// A scenario with known call handling (intake by priority, processing, a P3 hold) simulated with <c>run --cad-export</c>
/// and calibrated back: the export's Queued column carries the end of intake, from which calibrate recovers the intake,
/// the processing and the hold. 300 calls a day for 28 days, staffed generously so that calls rarely wait for a unit.
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
    public void Calibrate_OnTheExport_RecoversIntakeProcessingAndTheHold()
    {
        var fitted = CalibrateExport();
        var handling = fitted.CallHandling!;

        // ~1,260 P1 and ~3,360 P2 calls: the lognormal means' standard errors are ~2%; 10% is wide and catches a swap.
        Assert.InRange(handling.Intake[1].Mean, 0.9, 1.1);
        Assert.InRange(handling.Intake[2].Mean, 1.8, 2.2);
        Assert.InRange(handling.Intake[4].Mean, 1.8, 2.2);
        // Processing from P1's low-load queued -> dispatched: ~0.6 min plus rare waits for a unit.
        Assert.InRange(handling.Processing!.Mean, 0.54, 0.72);
        // The export's Queued column is the end of intake (the CAD stamp), so P3's intake is its own 2 minutes and its
        // 8-minute hold shows as low-load queued -> dispatched beyond processing, written as a hold.
        Assert.InRange(handling.Intake[3].Mean, 1.8, 2.2);
        var hold = fitted.Policy.Dispatch.Hold;
        Assert.NotNull(hold);
        Assert.InRange(hold[3].Mean, 7.0, 9.0);
        Assert.DoesNotContain(1, hold.Keys);
        Assert.DoesNotContain(2, hold.Keys);
    }
}
