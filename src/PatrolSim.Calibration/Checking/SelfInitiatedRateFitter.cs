using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Calibration.Checking;

/// <summary>A self-initiated rate fitted by simulation.</summary>
/// <param name="RatePerUnitHour">Activities started per idle unit-hour.</param>
/// <param name="SimulatedPerDay">Activities started a day in the simulation at that rate (mean over replications, after the warm-up).</param>
/// <param name="TargetPerDay">Observed self-initiated calls a day.</param>
/// <param name="Iterations">Simulations run (each with every replication).</param>
public sealed record SelfInitiatedRateFit(double RatePerUnitHour, double SimulatedPerDay, double TargetPerDay, int Iterations);

/// <summary>
/// Fits <c>demand.selfInitiated.ratePerUnitHour</c> so that the SIMULATED activities a day match the observed count. The
/// model starts activities only from idle units, so the rate per idle unit-hour cannot be read off the data without the
/// model's idle time: simulate, count the activities started, rescale the rate by observed / simulated, and repeat (the
/// count is nearly proportional to the rate while activities take a small share of idle time, so this converges in a
/// few steps). Same seeds at every step.
/// </summary>
public static class SelfInitiatedRateFitter
{
    /// <summary>Relative error of the simulated count at which the iteration stops.</summary>
    public const double Tolerance = 0.01;

    /// <summary>Fits the rate of <paramref name="scenario"/> (which must have self-initiated work); its horizon is used as is.</summary>
    public static SelfInitiatedRateFit Fit(Scenario scenario, double targetPerDay, ulong seed, int replications, int parallelism = 1, int maxIterations = 4)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var si = scenario.Demand.SelfInitiated ?? throw new ArgumentException("the scenario has no self-initiated work.", nameof(scenario));
        var rate = si.RatePerUnitHour;
        double perDay = double.NaN;
        var iterations = 0;
        while (iterations < maxIterations)
        {
            perDay = PerDay(With(scenario, rate), seed, replications, parallelism);
            iterations++;
            if (!(perDay > 0) || Math.Abs((perDay / targetPerDay) - 1) <= Tolerance) break;
            rate = Math.Min(100, rate * targetPerDay / perDay);
        }
        return new SelfInitiatedRateFit(rate, perDay, targetPerDay, iterations);
    }

    /// <summary>The scenario with another self-initiated rate.</summary>
    public static Scenario With(Scenario scenario, double ratePerUnitHour)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Demand.SelfInitiated is { } si
            ? scenario with { Demand = scenario.Demand with { SelfInitiated = si with { RatePerUnitHour = ratePerUnitHour } } }
            : scenario;
    }

    /// <summary>Self-initiated activities started a day after the warm-up, mean over replications.</summary>
    public static double PerDay(Scenario scenario, ulong seed, int replications, int parallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var sim = new PatrolSimulation(scenario);
        var warmupMinutes = scenario.Horizon.WarmupDays * 1440;
        var counts = new long[replications];
        Parallel.For(0, replications, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, r =>
        {
            var sink = new Counter(warmupMinutes);
            sim.Run(seed, r, trace: sink);
            counts[r] = sink.Started;
        });
        return counts.Average() / (scenario.Horizon.Days - scenario.Horizon.WarmupDays);
    }

    private sealed class Counter(double fromMinutes) : ITraceSink
    {
        public long Started { get; private set; }

        public void Record(TraceEvent e)
        {
            if (e is ProactiveStarted && e.TimeMinutes >= fromMinutes) Started++;
        }
    }
}
