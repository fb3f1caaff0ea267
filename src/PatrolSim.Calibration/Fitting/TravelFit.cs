using PatrolSim.Geography.Travel;
using PatrolSim.Model.Definition;

namespace PatrolSim.Calibration.Fitting;

/// <summary>The travel fitted for one priority (values rounded as the scenario file writes them).</summary>
/// <param name="Priority">Priority 1..9.</param>
/// <param name="TurnoutMinutes">Dispatched → en route: the observed median (0 without en-route times).</param>
/// <param name="SpeedKmh">The curve's cruise speed.</param>
/// <param name="DelayMeanMinutes">Mean of the lognormal delay added to the trip; 0 = no delay.</param>
/// <param name="DelayCv">Its coefficient of variation.</param>
/// <param name="AtSceneShare">Share of units sent that are already at the scene.</param>
/// <param name="CopiedFrom">The priority whose travel this is when this one had too few trips to fit its own; null when fitted.</param>
public sealed record PriorityTravelFit(int Priority, double TurnoutMinutes, double SpeedKmh, double DelayMeanMinutes, double DelayCv, double AtSceneShare, int? CopiedFrom = null)
{
    /// <summary>Whether a delay is added to the trip.</summary>
    public bool HasDelay => DelayMeanMinutes > 0;
}

/// <summary>One simulation of the travel fit: the travel tried and the trips it gave.</summary>
/// <param name="Iteration">1, 2, …</param>
/// <param name="Loss">Σ over fitted priorities of the squared log-ratios of simulated to observed median and p90 of all trips, plus 10 × the squared at-scene difference.</param>
/// <param name="NoiseCv">The noise tried.</param>
/// <param name="Priorities">The travel tried by priority.</param>
/// <param name="Simulated">The simulated trips by priority.</param>
public sealed record TravelFitStep(int Iteration, double Loss, double NoiseCv, IReadOnlyList<PriorityTravelFit> Priorities, IReadOnlyDictionary<int, TripStats> Simulated);

/// <summary>
/// Travel fitted from a CAD export's timestamps (<c>calibrate</c>; docs/geography.md, "How travel is fitted"): the curve
/// model by priority (turnout, cruise speed, delay, at-scene share), its noise and hour-of-day factors, and how the
/// simulation with them compares with the data.
/// </summary>
public sealed record TravelFit
{
    /// <summary>Detour factor on the straight-line distance (fixed, not fitted: only detour / speed shows in trip times).</summary>
    public required double Detour { get; init; }

    /// <summary>The curve's effective acceleration, m/s² (fixed, not fitted).</summary>
    public required double AccelerationMps2 { get; init; }

    /// <summary>Coefficient of variation of the lognormal noise on the driving time.</summary>
    public required double NoiseCv { get; init; }

    /// <summary>The priority whose trips fixed the noise (the most urgent with enough trips; it gets no delay).</summary>
    public required int NoisePriority { get; init; }

    /// <summary>24 factors on the driving time by hour of day.</summary>
    public required IReadOnlyList<double> HourFactors { get; init; }

    /// <summary>By priority, ascending: every priority of the demand.</summary>
    public required IReadOnlyList<PriorityTravelFit> Priorities { get; init; }

    /// <summary>What the data say.</summary>
    public required TravelObservations Observed { get; init; }

    /// <summary>Simulated trips with this travel, by priority (the same definitions as <see cref="Observed"/>).</summary>
    public required IReadOnlyDictionary<int, TripStats> Simulated { get; init; }

    /// <summary>The simulated hour ratios (<see cref="TravelObservations.HourRatiosOf"/>) with this travel; empty when not simulated.</summary>
    public IReadOnlyList<double> SimulatedHourRatios { get; init; } = [];

    /// <summary>The simulation this travel was tried in (1, 2, …): the one closest to the data.</summary>
    public required int Iterations { get; init; }

    /// <summary>Every simulation of the fit, in order.</summary>
    public IReadOnlyList<TravelFitStep> Steps { get; init; } = [];

    /// <summary>This travel's loss (<see cref="TravelFitStep.Loss"/>).</summary>
    public double Loss { get; init; } = double.NaN;

    /// <summary>Replications per simulation, and the seed.</summary>
    public required int Replications { get; init; }

    /// <summary>Master seed of the simulations.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The largest relative error of a fitted priority's simulated median or p90 of all trips against the data's.</summary>
    public double WorstError => Observed.FittedPriorities
        .Where(Simulated.ContainsKey)
        .SelectMany(p => new[] { Simulated[p].All.P50 / Observed.Trips[p].All.P50, Simulated[p].All.P90 / Observed.Trips[p].All.P90 })
        .Select(r => Math.Abs(r - 1)).DefaultIfEmpty(double.NaN).Max();

    /// <summary>The scenario's travel.</summary>
    public Travel ToTravel()
    {
        var delays = Priorities.Where(p => p.HasDelay).ToDictionary(p => p.Priority, p => (Distribution)new LogNormalDistribution(p.DelayMeanMinutes, p.DelayCv));
        var atScene = Priorities.Where(p => p.AtSceneShare > 0).ToDictionary(p => p.Priority, p => p.AtSceneShare);
        return new Travel(TravelModel.Curve, Detour, 0, Priorities.ToDictionary(p => p.Priority, p => p.SpeedKmh), NoiseCv)
        {
            TurnoutByPriority = Priorities.ToDictionary(p => p.Priority, p => p.TurnoutMinutes),
            AccelerationMps2 = new Dictionary<int, double> { [1] = AccelerationMps2 },
            Metric = DistanceMetric.Euclidean,
            HourFactors = HourFactors,
            DelayByPriority = delays.Count > 0 ? delays : null,
            AtSceneShare = atScene.Count > 0 ? atScene : null,
        };
    }

    /// <summary>Rounding of each figure, as the scenario file writes it (decimals).</summary>
    internal static class Decimals
    {
        public const int Turnout = 3, Speed = 1, Noise = 3, HourFactor = 3, DelayMean = 2, DelayCv = 3, AtScene = 4;
    }
}
