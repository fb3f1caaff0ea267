using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Calibration.Checking;

/// <summary>
/// <c>calibrate</c>'s travel fit: the scenario fitted so far (its city, demand, staffing and call handling) is simulated
/// over the data's period, starting at the data's hour of the week as fit-check does, and its travel fitted to the
/// data's trips by <see cref="TravelFitter"/>.
/// </summary>
public static class TravelCalibration
{
    /// <summary>
    /// <paramref name="result"/> with its travel fitted to the trips of <paramref name="read"/>; null when the data have
    /// too few trips (no arrival times, or fewer than <see cref="TravelObservations.MinTrips"/> in every priority).
    /// </summary>
    /// <param name="read">The data.</param>
    /// <param name="result">The scenario fitted so far; a travel it has already fitted is the starting point.</param>
    /// <param name="options">Seed, replications, threads.</param>
    /// <param name="scenarioSource">Names the scenario in loader messages (the output file); files it names are found beside it.</param>
    public static CalibrationResult? Fit(CadReadResult read, CalibrationResult result, TravelFitOptions options, string scenarioSource)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var observed = TravelObservations.Of(read.Calls);
        if (observed is null || observed.FittedPriorities.Count == 0) return null;
        var scenario = AtDataPeriod(read, result, scenarioSource);
        return result with { Travel = TravelFitter.Fit(scenario, observed, options, result.Travel) };
    }

    /// <summary>
    /// The scenario of <paramref name="result"/>, loaded as the file will be, over the data's period after its warm-up
    /// extended to the data's first hour of the week (<see cref="FitChecker.AlignedWarmupDays"/>).
    /// </summary>
    internal static Scenario AtDataPeriod(CadReadResult read, CalibrationResult result, string scenarioSource)
    {
        var window = ObservationWindow.Of(read.Calls.Select(c => c.Received));
        var scenario = ScenarioLoader.Parse(result.ToYaml(), scenarioSource, files: result.Files(scenarioSource));
        var warmup = FitChecker.AlignedWarmupDays(scenario.Horizon.WarmupDays, window.StartHourOfWeek);
        return scenario with { Horizon = new Horizon(warmup + result.PeriodDays, warmup) };
    }
}
