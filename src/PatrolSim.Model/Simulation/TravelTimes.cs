using PatrolSim.Engine;
using PatrolSim.Engine.Random;
using PatrolSim.Geography.Travel;
using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Simulation;

/// <summary>
/// The scenario's travel as the event loop reads it, by priority: turnout (dispatched → en route) and the trip (en route
/// → on scene), and the routine trip back to the beat. Models: Manhattan (detour × L1 distance at a constant speed),
/// the accelerate-then-cruise curve (Kolesar &amp; Walker) over detour × distance, a zone × zone matrix (trips inside a
/// zone from the curve or the speed), or none. A trip's time is scaled by the hour of day's factor and lognormal
/// noise (mean 1), and a priority's delay is added to it; a priority's at-scene share of units make no trip. <see cref="EstimateMinutes"/> is the same without noise
/// and delay: what a dispatcher can foresee. Immutable; shared by replications.
/// </summary>
internal sealed class TravelTimes
{
    private readonly TravelModel _model;
    private readonly double _detour;
    private readonly bool _euclidean;
    private readonly double[] _speedKmh;
    private readonly long[] _turnoutTicks;
    private readonly TripCurve[]? _curves;
    private readonly Distribution?[] _delay;
    private readonly double[] _atScene;
    private readonly double[]? _hourFactors;
    private readonly (double Mu, double Sigma)? _noise;
    private readonly TravelTimeMatrix? _matrix;
    private readonly int _routine;

    public TravelTimes(Travel travel, int maxPriority)
    {
        _model = travel.Model;
        _detour = travel.Detour;
        _euclidean = travel.Model is TravelModel.Curve or TravelModel.Matrix && travel.Metric == DistanceMetric.Euclidean;
        _speedKmh = new double[maxPriority + 1];
        _turnoutTicks = new long[maxPriority + 1];
        _delay = new Distribution?[maxPriority + 1];
        _atScene = new double[maxPriority + 1];
        for (int p = 0; p <= maxPriority; p++)
        {
            _speedKmh[p] = ByPriority(travel.SpeedKmh, p, 40);
            double turnout = travel.TurnoutByPriority is { Count: > 0 } t ? ByPriority(t, p, travel.TurnoutMinutes) : travel.TurnoutMinutes;
            _turnoutTicks[p] = SimTime.FromMinutes(turnout).Ticks;
            _delay[p] = travel.DelayByPriority is { } d && d.TryGetValue(p, out var dist) ? dist : null;
            _atScene[p] = travel.AtSceneShare is { } s && s.TryGetValue(p, out double share) ? share : 0;
        }

        if (travel.AccelerationMps2 is { Count: > 0 } a && travel.Model is TravelModel.Curve or TravelModel.Matrix)
        {
            _curves = new TripCurve[maxPriority + 1];
            for (int p = 0; p <= maxPriority; p++)
            {
                _curves[p] = new TripCurve(ByPriority(a, p, 1), _speedKmh[p]);
            }
        }

        _routine = maxPriority;
        RoutineSpeedKmh = travel.SpeedKmh.Count == 0 ? 40 : travel.SpeedKmh[travel.SpeedKmh.Keys.Max()];
        _hourFactors = travel.HourFactors is { Count: 24 } h ? [.. h] : null;
        _noise = travel.NoiseCv > 0 ? Xoshiro256.LogNormalParameters(1.0, travel.NoiseCv) : null;
        _matrix = travel.Matrix;
    }

    /// <summary>Travel is instantaneous.</summary>
    public bool Zero => _model == TravelModel.None;

    /// <summary>The speed of routine trips (back to the beat): the least urgent listed priority's.</summary>
    public double RoutineSpeedKmh { get; }

    /// <summary>Whether the search for the closest unit measures straight-line (Euclidean) rather than L1 distance.</summary>
    public bool Euclidean => _euclidean;

    /// <summary>Whether the closest unit must be found by travel time between zones (a matrix), not by distance.</summary>
    public bool ByZone => _model == TravelModel.Matrix;

    /// <summary>The distance the search for the closest unit measures (travel time grows with it, zone matrices aside).</summary>
    public double Distance(double x1, double y1, double x2, double y2) => _euclidean
        ? Math.Sqrt(((x1 - x2) * (x1 - x2)) + ((y1 - y2) * (y1 - y2)))
        : Math.Abs(x1 - x2) + Math.Abs(y1 - y2);

    /// <summary>
    /// A unit's trip to a call of <paramref name="priority"/> (turnout, then the trip), in ticks, its random parts
    /// (noise, the priority's delay) drawn from <paramref name="rng"/>. For Manhattan travel, exactly the former
    /// detour × L1 / speed × noise + turnout.
    /// </summary>
    public long CallTrip(double x1, double y1, int zone1, double x2, double y2, int zone2, int priority, long now, Xoshiro256 rng) =>
        Zero ? 0 : TripTicks(x1, y1, zone1, x2, y2, zone2, priority, now, rng, routine: false) + _turnoutTicks[priority];

    /// <summary>A freed unit's routine trip back to its beat, in ticks (no turnout, no delay).</summary>
    public long RoutineTrip(double x1, double y1, int zone1, double x2, double y2, int zone2, long now, Xoshiro256 rng) =>
        Zero ? 0 : TripTicks(x1, y1, zone1, x2, y2, zone2, _routine, now, rng, routine: true);

    /// <summary>The turnout of a priority, ticks.</summary>
    public long TurnoutTicks(int priority) => Zero ? 0 : _turnoutTicks[priority];

    /// <summary>The foreseeable trip time to a call of a priority, minutes: no noise, no delay, no turnout.</summary>
    public double EstimateMinutes(double x1, double y1, int zone1, double x2, double y2, int zone2, int priority) =>
        Zero ? 0 : BaseMinutes(x1, y1, zone1, x2, y2, zone2, priority, hour: -1, routine: false);

    private long TripTicks(double x1, double y1, int zone1, double x2, double y2, int zone2, int priority, long now, Xoshiro256 rng, bool routine)
    {
        // A unit already at the call's location (drawn only where the share is set, so other scenarios' streams are unchanged).
        if (!routine && _atScene[priority] > 0 && rng.NextDouble() < _atScene[priority])
        {
            return 0;
        }

        int hour = _hourFactors is null ? -1 : (int)(now / SimTime.TicksPerHour % 24);
        double minutes = BaseMinutes(x1, y1, zone1, x2, y2, zone2, priority, hour, routine);
        if (_noise is { } np)
        {
            minutes *= rng.LogNormalMuSigma(np.Mu, np.Sigma);
        }

        if (!routine && _delay[priority] is { } delay)
        {
            minutes += Math.Max(0, delay.Sample(rng));
        }

        return SimTime.FromMinutes(minutes).Ticks;
    }

    private double BaseMinutes(double x1, double y1, int zone1, double x2, double y2, int zone2, int priority, int hour, bool routine)
    {
        double minutes;
        if (_model == TravelModel.Manhattan)
        {
            minutes = _detour * (Math.Abs(x1 - x2) + Math.Abs(y1 - y2)) / (routine ? RoutineSpeedKmh : _speedKmh[priority]) * 60.0;
        }
        else if (_model == TravelModel.Matrix && zone1 != zone2 && zone1 >= 0 && zone2 >= 0)
        {
            minutes = _matrix!.Minutes(zone1, zone2, hour < 0 ? 0 : hour);
        }
        else
        {
            // The curve (or, without an acceleration, the speed) over detour × distance: also a matrix's trips inside a zone.
            double d = _detour * Distance(x1, y1, x2, y2);
            minutes = _curves is { } c ? c[priority].Minutes(d) : d / (routine ? RoutineSpeedKmh : _speedKmh[priority]) * 60.0;
        }

        return hour >= 0 ? minutes * _hourFactors![hour] : minutes;
    }

    private static double ByPriority(IReadOnlyDictionary<int, double> values, int priority, double fallback)
    {
        if (values.Count == 0)
        {
            return fallback;
        }

        return values.TryGetValue(priority, out double v) ? v : values[values.Keys.Max()];
    }
}
