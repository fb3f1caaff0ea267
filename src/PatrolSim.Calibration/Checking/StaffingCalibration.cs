using System.Globalization;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Calibration.Checking;

/// <summary>A calibration whose staffing was searched by simulation, and the search.</summary>
/// <param name="Result">The scenario re-fitted with the chosen officers, its shifts, self-initiated rate and comments saying so.</param>
/// <param name="Search">Every staffing simulated and the best.</param>
/// <param name="SelfInitiatedRate">The self-initiated rate fitted by simulation at the chosen staffing; null without self-initiated work.</param>
public sealed record StaffingCalibrationResult(CalibrationResult Result, StaffingFitResult Search, SelfInitiatedRateFit? SelfInitiatedRate);

/// <summary>
/// <c>calibrate --fit-staffing</c>: searches the officers per shift whose simulated queue delays by priority (median, mean,
/// p90) best match the data's (<see cref="StaffingFitter"/>). At every staffing tried the self-initiated rate is fitted by
/// simulation (<see cref="SelfInitiatedRateFitter"/>) so that the simulated activities a day match the observed ones, and
/// the simulated period starts at the data's hour of the week, as fit-check's does.
/// </summary>
public static class StaffingCalibration
{
    /// <summary>Priorities with fewer observed queue delays than this get no weight in the loss (too few to estimate a p90).</summary>
    public const int MinCallsForWeight = 30;

    /// <summary>Replications of each self-initiated rate simulation (at most the search's).</summary>
    public const int RateReplications = 3;

    /// <summary>
    /// Runs the search from <paramref name="initial"/> (the fit of <paramref name="read"/> with <paramref name="fitOptions"/>);
    /// null when no citizen call has a queue delay (no dispatch times) to fit to.
    /// </summary>
    /// <param name="read">The data.</param>
    /// <param name="initial">The scenario fitted with <paramref name="fitOptions"/>: its officers are scale 1.</param>
    /// <param name="fitOptions">How the scenario is fitted; officers are set to the staffing chosen.</param>
    /// <param name="search">Seed, replications and threads of the search (its days are the data's period).</param>
    /// <param name="officersGiven">Whether the officers at scale 1 were given (else estimated), for the comments.</param>
    /// <param name="scenarioSource">Names the scenario in loader messages (e.g. the output file).</param>
    /// <param name="round">Which search this is (1, 2, …) when it starts from an earlier search's officers (with the travel refitted there), for the comments.</param>
    public static StaffingCalibrationResult? Fit(CadReadResult read, CalibrationResult initial, FitOptions fitOptions, StaffingFitOptions search,
        bool officersGiven, string scenarioSource, int round = 1)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(fitOptions);
        ArgumentNullException.ThrowIfNull(search);
        var shiftOfHour = ScenarioFitter.ShiftOfHour(fitOptions.Shifts);
        var observedWithN = StaffingFitter.ObservedQueue(read.Calls, shiftOfHour);
        if (observedWithN.Count == 0) return null;
        var observed = observedWithN.ToDictionary(kv => kv.Key, kv => kv.Value.Stats);
        // Each priority weighs the same, split over its shifts; cells with too few delays for a p90 get none, and the all-day
        // figures (shift -1) are shown, not fitted: the shifts' own delays are what identify officers per shift.
        var shiftsOf = observedWithN.Where(kv => kv.Key.Shift >= 0 && kv.Value.N >= MinCallsForWeight).GroupBy(kv => kv.Key.Priority).ToDictionary(g => g.Key, g => g.Count());
        var weights = observedWithN.ToDictionary(kv => kv.Key, kv => kv.Key.Shift >= 0 && kv.Value.N >= MinCallsForWeight ? 1.0 / shiftsOf[kv.Key.Priority] : 0.0);

        var options = search with { Days = initial.PeriodDays, ShiftOfHour = shiftOfHour };
        var baseScenario = TravelCalibration.AtDataPeriod(read, initial, scenarioSource);
        var warmup = baseScenario.Horizon.WarmupDays;
        var target = initial.SelfInitiated?.CallsPerDay;
        var rateReplications = Math.Min(RateReplications, options.Replications);
        var rates = new Dictionary<string, SelfInitiatedRateFit>(StringComparer.Ordinal);

        Scenario Build(IReadOnlyList<int> officers)
        {
            var s = baseScenario with
            {
                Staffing = baseScenario.Staffing with { Scale = 1, Shifts = [.. baseScenario.Staffing.Shifts.Select((sh, i) => sh with { Officers = officers[i] })] },
            };
            if (target is not { } t || s.Demand.SelfInitiated is null) return s;
            var rate = SelfInitiatedRateFitter.Fit(s, t, options.Seed, rateReplications, options.Parallelism);
            rates[string.Join(",", officers)] = rate;
            return SelfInitiatedRateFitter.With(s, rate.RatePerUnitHour);
        }

        var baseOfficers = initial.Shifts.Select(sh => (double)sh.Officers).ToArray();
        var staffing = StaffingFitter.Fit(Build, baseOfficers, observed, weights, options);
        var refit = ScenarioFitter.Fit(read, fitOptions.WithOfficersPerShift(staffing.Best.Officers));
        var rateFit = rates.GetValueOrDefault(string.Join(",", staffing.Best.Officers));
        var inv = CultureInfo.InvariantCulture;
        var result = refit with
        {
            Travel = initial.Travel,
            Shifts = [.. refit.Shifts.Select(sh => sh with { Source = "fitted by --fit-staffing" })],
            SelfInitiated = refit.SelfInitiated is { } si && rateFit is not null
                ? si with
                {
                    RatePerUnitHour = rateFit.RatePerUnitHour,
                    RateNote = string.Create(inv,
                        $"ratePerUnitHour FITTED BY SIMULATION at the staffing below: the model starts activities only from idle units, so the rate was rescaled by observed / simulated activities a day until they agree within {SelfInitiatedRateFitter.Tolerance:0%}: observed {rateFit.TargetPerDay:0.##}/day, simulated {rateFit.SimulatedPerDay:0.##}/day ({rateFit.Iterations} simulations x {rateReplications} replications, seed {options.Seed}); the data-only estimate calls / idle unit-hours was {si.RatePerUnitHour:0.####}"),
                }
                : refit.SelfInitiated,
            StaffingNotes =
            [
                "staffing is NOT in CAD data. These officers per shift were FITTED by simulation (calibrate --fit-staffing), PER SHIFT:",
                string.Create(inv, $"first a common scale on the {(round > 1 ? $"search {round - 1}'s" : officersGiven ? "given" : "estimated")} officers ({string.Join(", ", baseOfficers)}) (grid 0.5, 0.75, ..., then golden section),"),
                "then each shift moved by one officer at a time while the loss falls. Loss = sum over priority x shift of arrival (each",
                string.Create(inv, $"priority weighs the same, split over its shifts with at least {MinCallsForWeight} observed delays) of ln((sim + {StaffingFitter.LogOffsetMinutes}) / (obs + {StaffingFitter.LogOffsetMinutes}))^2 over the median,"),
                string.Create(inv, $"mean and p90 of the queue delay (received -> first dispatch). Each staffing: {initial.PeriodDays:0.##} days after a {warmup:0.##}-day warm-up (at the data's hour of the week),"),
                string.Create(inv, $"x {options.Replications} replications, seed {options.Seed} (common random numbers), the self-initiated rate re-fitted by simulation."),
                "The queue delay includes the fitted call handling and holds, so the staffing reproduces the congestion beyond them:",
                "an effective figure for the officers available to citizen calls, not the department's head count.",
                staffing.Describe(),
                staffing.DescribeUncertainty([.. refit.Shifts.Select(sh => sh.Name)]),
            ],
        };
        return new StaffingCalibrationResult(result, staffing, rateFit);
    }
}
