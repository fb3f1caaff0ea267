using PatrolSim.Calibration.Checking;
using PatrolSim.Scenarios;

namespace PatrolSim.Calibration.Tests.Checking;

public class StaffingFitterTests
{
    // M/M/c: 16 calls an hour, 30 min each (8 erlangs), no travel, one continuous shift.
    private const string Mmc = """
        name: M/M/c
        horizon: { days: 30, warmupDays: 2 }
        city: { widthKm: 1, heightKm: 1, beats: { rows: 1, cols: 1 } }
        demand:
          callsPerDay: 384
          callTypes:
            - { name: call, share: 1, priority: 1, onScene: { dist: exponential, mean: 30 }, officers: 1 }
        travel: { model: none }
        staffing:
          shifts:
            - { name: all day, start: "00:00", hours: 24, officers: 5 }
        policy:
          crew: { twoOfficerShare: 0 }
          backup: { rule: none }
          dispatch: { rule: closest }
        """;

    private static double ErlangCWaitMinutes(double a, int c, double muPerHour)
    {
        double b = 1;
        for (var k = 1; k <= c; k++) b = a * b / (k + (a * b));
        var pWait = b / (1 - (a / c * (1 - b)));
        return pWait / ((c * muPerHour) - (a * muPerHour)) * 60;
    }

    [Fact]
    public void Fit_ErlangCDelayOfTenOfficers_FindsTenOfficers()
    {
        // Target: the analytic mean wait with 10 officers (6.138 min). With 9 officers it is ~19 min and with 11 ~2.4 min,
        // so 28 days x 3 replications (~32,000 calls) separate them by far more than their noise.
        var scenario = ScenarioLoader.Parse(Mmc, "mmc.yaml");
        var target = ErlangCWaitMinutes(8, 10, 2);
        Assert.Equal(6.138, target, 3);

        var fit = StaffingFitter.Fit(scenario, new Dictionary<int, double> { [1] = target }, new Dictionary<int, double> { [1] = 1 },
            new StaffingFitOptions { Days = 28, Replications = 3, Seed = 7 });

        Assert.Equal([10], fit.Best.Officers);
        Assert.InRange(fit.Best.QueueMinutes[1], target * 0.8, target * 1.2);
        Assert.Equal(fit.Best.Error, fit.Evaluated.Min(c => c.Error));
        // Every distinct staffing is simulated once.
        Assert.Equal(fit.Evaluated.Count, fit.Evaluated.Select(c => c.Officers[0]).Distinct().Count());
    }

    [Fact]
    public void Fit_SameSeed_SameResult_AnyParallelism()
    {
        var scenario = ScenarioLoader.Parse(Mmc, "mmc.yaml");
        var observed = new Dictionary<int, double> { [1] = 4.0 };
        var weights = new Dictionary<int, double> { [1] = 1 };
        var one = StaffingFitter.Fit(scenario, observed, weights, new StaffingFitOptions { Days = 7, Replications = 4, Parallelism = 1 });
        var many = StaffingFitter.Fit(scenario, observed, weights, new StaffingFitOptions { Days = 7, Replications = 4, Parallelism = 4 });
        Assert.Equal(one.Describe(), many.Describe());
        Assert.Equal(one.Evaluated.Select(c => c.Error), many.Evaluated.Select(c => c.Error));
    }

    [Fact]
    public void ObservedQueueMinutes_IsTheMeanOverCitizenCallsWithADispatchTime()
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
        var observed = StaffingFitter.ObservedQueueMinutes(calls);
        Assert.Equal([1, 3], observed.Keys);
        Assert.Equal(3, observed[1], 12);
        Assert.Equal(9, observed[3], 12);
    }
}
