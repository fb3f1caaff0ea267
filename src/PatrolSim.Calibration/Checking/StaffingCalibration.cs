using System.Globalization;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Scenarios;

namespace PatrolSim.Calibration.Checking;

/// <summary>A calibration whose staffing was searched by simulation, and the search.</summary>
/// <param name="Result">The scenario re-fitted with the chosen officers, its shifts and staffing comments saying so.</param>
/// <param name="Search">Every staffing simulated and the best.</param>
public sealed record StaffingCalibrationResult(CalibrationResult Result, StaffingFitResult Search);

/// <summary>
/// <c>calibrate --fit-staffing</c>: searches the officers per shift whose simulated mean queue delays by priority best
/// match the data's (<see cref="StaffingFitter"/>), re-fitting the scenario at every staffing tried so that the
/// self-initiated rate per idle unit-hour stays consistent with the data.
/// </summary>
public static class StaffingCalibration
{
    /// <summary>
    /// Runs the search from <paramref name="initial"/> (the fit of <paramref name="read"/> with <paramref name="fitOptions"/>);
    /// null when no citizen call has a queue delay (no dispatch times) to fit to.
    /// </summary>
    /// <param name="read">The data.</param>
    /// <param name="initial">The scenario fitted with <paramref name="fitOptions"/>: its officers are scale 1, its priority shares the weights.</param>
    /// <param name="fitOptions">How the scenario is fitted; officers are set per staffing tried.</param>
    /// <param name="search">Seed, replications and threads of the search (its days are the data's period).</param>
    /// <param name="officersGiven">Whether the officers at scale 1 were given (else estimated), for the comments.</param>
    /// <param name="scenarioSource">Names the scenario in loader messages (e.g. the output file).</param>
    public static StaffingCalibrationResult? Fit(CadReadResult read, CalibrationResult initial, FitOptions fitOptions, StaffingFitOptions search,
        bool officersGiven, string scenarioSource)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(fitOptions);
        ArgumentNullException.ThrowIfNull(search);
        var observed = StaffingFitter.ObservedQueueMinutes(read.Calls);
        if (observed.Count == 0) return null;

        var weights = initial.Priorities.ToDictionary(p => p.Priority, p => p.Share);
        var baseOfficers = initial.Shifts.Select(sh => (double)sh.Officers).ToArray();
        var options = search with { Days = initial.PeriodDays };
        var staffing = StaffingFitter.Fit(
            officers => ScenarioLoader.Parse(ScenarioFitter.Fit(read, fitOptions.WithOfficersPerShift(officers)).ToYaml(), scenarioSource),
            baseOfficers, observed, weights, options);
        var refit = ScenarioFitter.Fit(read, fitOptions.WithOfficersPerShift(staffing.Best.Officers));
        var result = refit with
        {
            Shifts = [.. refit.Shifts.Select(sh => sh with { Source = "fitted by --fit-staffing" })],
            StaffingNotes =
            [
                "staffing is NOT in CAD data. These officers per shift were FITTED by simulation (calibrate --fit-staffing): a common",
                string.Create(CultureInfo.InvariantCulture, $"scale on the {(officersGiven ? "given" : "estimated")} officers ({string.Join(", ", baseOfficers)}) was searched on a grid (0.5, 0.75, ... upwards until three past the best,"),
                "extended x0.8 downwards while the best is the lowest), then refined by golden section between the best's neighbours;",
                string.Create(CultureInfo.InvariantCulture, $"each staffing simulated for {initial.PeriodDays:0.##} days x {options.Replications} replications with seed {options.Seed} (common random numbers), minimising"),
                "sum over priorities of share x (simulated - observed mean queue delay)^2. Observed queue delay includes call-handling time,",
                "which the model does not simulate, so the fitted staffing is an effective (lower) figure; review it.",
                staffing.Describe(),
            ],
        };
        return new StaffingCalibrationResult(result, staffing);
    }
}
