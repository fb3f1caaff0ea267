using MathNet.Numerics.Statistics;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Checking;

namespace PatrolSim.Calibration.Fitting;

/// <summary>One trip to a call: its priority, the hour of day it started (0–23) and how long it took, minutes.</summary>
/// <param name="Priority">The call's priority.</param>
/// <param name="Hour">Hour of day the trip started (the en-route time, or the dispatch time without one).</param>
/// <param name="Minutes">En route → on scene (or dispatched → on scene), minutes.</param>
public readonly record struct Trip(int Priority, int Hour, double Minutes);

/// <summary>
/// The trip figures the travel fit targets for one priority, minutes: every trip (<see cref="All"/>, as fit-check shows
/// it), the share of units already at the scene (a trip under <see cref="TravelObservations.AtSceneMinutes"/>), and the
/// deciles and quartiles, p95 and mean of the other, <em>moving</em> trips.
/// </summary>
/// <param name="All">n, p10, p50, p90 and mean of every trip .</param>
/// <param name="AtSceneShare">Share of trips under <see cref="TravelObservations.AtSceneMinutes"/>.</param>
/// <param name="Moving">p10, p25, p50, p75, p90, p95 and mean of the moving trips, in that order (NaN when there are none).</param>
public sealed record TripStats(SampleSummary All, double AtSceneShare, IReadOnlyList<double> Moving)
{

    /// <summary>Names of the <see cref="Moving"/> figures, in order.</summary>
    public static IReadOnlyList<string> MovingNames { get; } = ["p10", "p25", "p50", "p75", "p90", "p95", "mean"];

    /// <summary>Summarises trips (minutes, each ≥ 0).</summary>
    public static TripStats Of(IEnumerable<double> minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        var sorted = minutes.Order().ToArray();
        var moving = sorted.Where(m => m >= TravelObservations.AtSceneMinutes).ToArray();
        return new TripStats(
            SampleSummary.FromSorted(sorted),
            sorted.Length == 0 ? double.NaN : 1 - ((double)moving.Length / sorted.Length),
            MovingFigures(moving));
    }

    /// <summary>p10, p25, p50, p75, p90, p95 and mean of sorted moving trips (<see cref="MovingNames"/>; NaN when empty).</summary>
    public static double[] MovingFigures(double[] sortedMoving)
    {
        ArgumentNullException.ThrowIfNull(sortedMoving);
        if (sortedMoving.Length == 0) return [.. MovingNames.Select(_ => double.NaN)];
        return
        [
            SortedArrayStatistics.Quantile(sortedMoving, 0.1), SortedArrayStatistics.Quantile(sortedMoving, 0.25),
            SortedArrayStatistics.Quantile(sortedMoving, 0.5), SortedArrayStatistics.Quantile(sortedMoving, 0.75),
            SortedArrayStatistics.Quantile(sortedMoving, 0.9), SortedArrayStatistics.Quantile(sortedMoving, 0.95), sortedMoving.Mean(),
        ];
    }
}

/// <summary>
/// What a CAD export says about travel, for <c>calibrate</c>'s travel fit: by priority the turnout (dispatched → en route)
/// and the trips (en route → on scene; dispatched → on scene when the export has no en-route time, turnout then being
/// part of the trip), and how trip times vary with the hour of day. Citizen calls only; intervals as
/// <see cref="ObservedIntervals"/> defines them.
/// </summary>
/// <param name="FromEnRoute">Trips start at the en-route time (else at dispatch: the export has no en-route time, and turnout is not measured).</param>
/// <param name="Turnout">Dispatched → en route by priority (empty without en-route times).</param>
/// <param name="Trips">Trip figures by priority.</param>
/// <param name="HourRatios">24 factors: how much longer than its priority's typical trip a trip starting in that hour is (<see cref="HourRatiosOf"/>).</param>
/// <param name="HourCounts">Moving trips starting in each hour of the day.</param>
public sealed record TravelObservations(
    bool FromEnRoute,
    IReadOnlyDictionary<int, SampleSummary> Turnout,
    IReadOnlyDictionary<int, TripStats> Trips,
    IReadOnlyList<double> HourRatios,
    IReadOnlyList<int> HourCounts)
{
    /// <summary>
    /// A trip shorter than this (minutes) is a unit already at the scene: no car covers the shortest street in 15 s (the
    /// curve takes 20 s for 100 m at 1 m/s²); in Alexandria most of them have dispatch, en route and arrival stamped together.
    /// </summary>
    public const double AtSceneMinutes = 0.25;

    /// <summary>Fewest trips for a priority's own fit; priorities with fewer take the least urgent fitted priority's travel.</summary>
    public const int MinTrips = 30;

    /// <summary>Fewest moving trips of a priority in an hour for that hour's ratio to count.</summary>
    public const int MinTripsPerHour = 10;

    /// <summary>Priorities with at least <see cref="MinTrips"/> trips, ascending.</summary>
    public IReadOnlyList<int> FittedPriorities => [.. Trips.Where(kv => kv.Value.All.N >= MinTrips).Select(kv => kv.Key).Order()];

    /// <summary>The travel figures of the citizen calls; null when no call has both a trip's start and its arrival.</summary>
    public static TravelObservations? Of(IEnumerable<CadCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var citizen = calls.Where(c => !c.SelfInitiated).ToArray();
        var fromEnRoute = citizen.Any(c => c.EnRoute.HasValue && c.Arrived.HasValue);
        var trips = new List<Trip>();
        foreach (var c in citizen)
        {
            var minutes = fromEnRoute ? ObservedIntervals.TravelMinutes(c) : ObservedIntervals.DispatchToSceneMinutes(c);
            var start = fromEnRoute ? c.EnRoute : c.Dispatched;
            if (minutes is { } m && start is { } s) trips.Add(new Trip(c.Priority, (c.Received + s).Hour, m));
        }

        if (trips.Count == 0) return null;
        var turnout = fromEnRoute
            ? citizen.Select(c => (c.Priority, Minutes: ObservedIntervals.TurnoutMinutes(c))).Where(x => x.Minutes.HasValue)
                .GroupBy(x => x.Priority).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key, g => SampleSummary.FromSorted([.. g.Select(x => x.Minutes!.Value).Order()]))
            : [];
        var stats = trips.GroupBy(t => t.Priority).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => TripStats.Of(g.Select(t => t.Minutes)));
        var counts = new int[24];
        foreach (var t in trips.Where(t => t.Minutes >= AtSceneMinutes)) counts[t.Hour]++;
        return new TravelObservations(fromEnRoute, turnout, stats, HourRatiosOf(trips), counts);
    }

    /// <summary>
    /// How trip times vary with the hour of day, the same way for data and simulation: for each priority and hour with at
    /// least <see cref="MinTripsPerHour"/> moving trips, the median there over the priority's median of moving trips; per
    /// hour the geometric mean of those ratios weighted by their trips (1 for an hour without any); then smoothed across
    /// adjacent hours as the weekly profile is (1-2-1, circular).
    /// </summary>
    public static double[] HourRatiosOf(IEnumerable<Trip> trips)
    {
        ArgumentNullException.ThrowIfNull(trips);
        var moving = trips.Where(t => t.Minutes >= AtSceneMinutes).ToArray();
        var logSum = new double[24];
        var weight = new double[24];
        foreach (var byPriority in moving.GroupBy(t => t.Priority))
        {
            var median = byPriority.Select(t => t.Minutes).Median();
            if (!(median > 0)) continue;
            foreach (var cell in byPriority.GroupBy(t => t.Hour))
            {
                var n = cell.Count();
                if (n < MinTripsPerHour) continue;
                logSum[cell.Key] += n * Math.Log(cell.Select(t => t.Minutes).Median() / median);
                weight[cell.Key] += n;
            }
        }

        var ratios = Enumerable.Range(0, 24).Select(h => weight[h] > 0 ? Math.Exp(logSum[h] / weight[h]) : 1).ToArray();
        return ScenarioFitter.SmoothCircular(ratios, 1);
    }
}
