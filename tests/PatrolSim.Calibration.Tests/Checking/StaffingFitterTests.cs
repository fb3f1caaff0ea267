using PatrolSim.Calibration.Checking;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Scenarios;

namespace PatrolSim.Calibration.Tests.Checking;

public class StaffingFitterTests
{
    // The shared M/M/10 with 5 officers to start from and 30 days after a 2-day warm-up.
    private static readonly string[] MmcAsBefore = ["staffing.shifts.0.officers=5", "horizon.days=30", "horizon.warmupDays=2"];

    /// <summary>M/M/c mean wait in minutes for offered load a, from the analytic library.</summary>
    private static double ErlangCWaitMinutes(double a, int c, double muPerHour) =>
        new PatrolSim.Analytic.MMcQueue(a * muPerHour, muPerHour, c).MeanWait * 60;

    [Fact]
    public void Fit_ErlangCDelayOfTenOfficers_FindsTenOfficers()
    {
        // Target: the analytic mean wait with 10 officers (6.138 min). With 9 officers it is ~19 min and with 11 ~2.4 min,
        // so 28 days x 3 replications (~32,000 calls) separate them by far more than their noise.
        var scenario = ScenarioLoader.Parse(TinyScenarios.MMc, "mmc.yaml", MmcAsBefore);
        var target = ErlangCWaitMinutes(8, 10, 2);
        Assert.Equal(6.138, target, 3);

        var fit = StaffingFitter.Fit(scenario, new Dictionary<QueueKey, QueueStats> { [new(1, -1)] = QueueStats.MeanOnly(target) }, new Dictionary<QueueKey, double> { [new(1, -1)] = 1 },
            new StaffingFitOptions { Days = 28, Replications = 3, Seed = 7 });

        Assert.Equal([10], fit.Best.Officers);
        // The per-shift stage looked at 9 and 11 and kept 10; their losses are the fit's sharpness.
        Assert.Equal([-1, 1], fit.Neighbours.Select(n => n.Delta));
        Assert.All(fit.Neighbours, n => Assert.True(n.Error > fit.Best.Error));
        Assert.InRange(fit.Best.QueueMinutes[1], target * 0.8, target * 1.2);
        Assert.Equal(fit.Best.Error, fit.Evaluated.Min(c => c.Error));
        // Every distinct staffing is simulated once.
        Assert.Equal(fit.Evaluated.Count, fit.Evaluated.Select(c => c.Officers[0]).Distinct().Count());
    }

    [Fact]
    public void Fit_SameSeed_SameResult_AnyParallelism()
    {
        var scenario = ScenarioLoader.Parse(TinyScenarios.MMc, "mmc.yaml", MmcAsBefore);
        var observed = new Dictionary<QueueKey, QueueStats> { [new(1, -1)] = new(2.0, 4.0, 10.0) };
        var weights = new Dictionary<QueueKey, double> { [new(1, -1)] = 1 };
        var one = StaffingFitter.Fit(scenario, observed, weights, new StaffingFitOptions { Days = 7, Replications = 4, Parallelism = 1 });
        var many = StaffingFitter.Fit(scenario, observed, weights, new StaffingFitOptions { Days = 7, Replications = 4, Parallelism = 4 });
        Assert.Equal(one.Describe(), many.Describe());
        Assert.Equal(one.Evaluated.Select(c => c.Error), many.Evaluated.Select(c => c.Error));
    }

    [Fact]
    public void ObservedQueue_IsOverCitizenCallsWithADispatchTime()
    {
        var t = new DateTime(2025, 1, 6);
        PatrolSim.Calibration.Cad.CadCall[] calls =
        [
            new(2, t, 1) { Dispatched = TimeSpan.FromMinutes(2) },
            new(3, t, 1) { Dispatched = TimeSpan.FromMinutes(4) },
            new(4, t, 1),
            new(5, t, 1) { Dispatched = TimeSpan.FromMinutes(100), SelfInitiated = true },
            new(6, t, 3) { Dispatched = TimeSpan.FromMinutes(9) },
        ];
        // Calls at 00:00: the night shift of a day/evening/night split (index 2) owns that hour.
        var observed = StaffingFitter.ObservedQueue(calls, ScenarioFitter.ShiftOfHour(FitOptions.Default.Shifts));
        Assert.Equal([new(1, -1), new(1, 2), new(3, -1), new(3, 2)], observed.Keys);
        var p1 = observed[new(1, -1)];
        Assert.Equal(2, p1.N);
        Assert.Equal(3, p1.Stats.Mean, 12);
        Assert.Equal(3, p1.Stats.Median, 12);
        // R-8 p90 of {2, 4}: position (n + 1/3) p + 1/3 = 2.43 > n, so the largest value.
        Assert.Equal(4, p1.Stats.P90, 12);
        Assert.Equal(p1, observed[new(1, 2)]);
        Assert.Equal(9, observed[new(3, -1)].Stats.Mean, 12);
    }
}
