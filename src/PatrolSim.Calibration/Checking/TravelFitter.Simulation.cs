using PatrolSim.Calibration.Fitting;
using PatrolSim.Engine.Random;
using PatrolSim.Geography.Travel;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Calibration.Checking;

/// <summary>The simulations of the travel fit and the trips recomputed on their distances between them.</summary>
public static partial class TravelFitter
{
    /// <summary>Simulates every replication and pools its measured calls' trips and first-unit distances.</summary>
    private static SimulatedTrips Simulate(Scenario scenario, TravelFitOptions options)
    {
        var sim = new PatrolSimulation(scenario);
        var sinks = new TripSink[options.Replications];
        Parallel.For(0, options.Replications, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, r =>
        {
            sinks[r] = new TripSink();
            sim.Run(options.Seed, r, sinks[r], sinks[r]);
        });
        return new SimulatedTrips([.. sinks.SelectMany(s => s.Trips)], [.. sinks.SelectMany(s => s.Distances)]);
    }

    /// <summary>A simulation's trips (en route → first on scene) and, per call, its first unit's distance and the hour it was sent.</summary>
    private sealed class SimulatedTrips(Trip[] trips, (int Priority, double Km, int Hour)[] distances)
    {
        public IReadOnlyDictionary<int, TripStats> Stats { get; } =
            trips.GroupBy(t => t.Priority).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => TripStats.Of(g.Select(t => t.Minutes)));

        public IReadOnlyList<double> HourRatios { get; } = TravelObservations.HourRatiosOf(trips);

        /// <summary>At most <paramref name="max"/> of the priority's distances, evenly spaced, each with its two normal draws (noise, delay).</summary>
        public TripSamples Samples(int priority, int max, ulong seed)
        {
            var all = distances.Where(d => d.Priority == priority).ToArray();
            var step = Math.Max(1, (int)Math.Ceiling((double)all.Length / max));
            var picked = all.Where((_, i) => i % step == 0).ToArray();
            var rng = new Xoshiro256(seed ^ (0x9E3779B97F4A7C15UL * (ulong)(priority + 1)));
            return new TripSamples([.. picked.Select(d => d.Km)], [.. picked.Select(d => d.Hour)],
                [.. picked.Select(_ => rng.StandardNormal())], [.. picked.Select(_ => rng.StandardNormal())]);
        }
    }

    /// <summary>Distances (km) and hours of first units sent, with fixed standard normal draws for the noise and the delay.</summary>
    private sealed class TripSamples(double[] km, int[] hour, double[] noiseZ, double[] delayZ)
    {
        private readonly double[] _buffer = new double[km.Length];

        public int Count => km.Length;

        /// <summary>The model's moving-trip figures (<see cref="TripStats.MovingNames"/>) on these distances.</summary>
        public double[] Predict(TravelFitOptions o, IReadOnlyList<double> hourFactors, double speed, double noise, double delayMean, double delayCv)
        {
            var curve = new TripCurve(o.AccelerationMps2, speed);
            var (muN, sN) = noise > 0 ? Xoshiro256.LogNormalParameters(1, noise) : (0, 0);
            var (muD, sD) = delayMean > 0 ? Xoshiro256.LogNormalParameters(delayMean, delayCv) : (0, 0);
            var n = 0;
            for (var i = 0; i < km.Length; i++)
            {
                var t = curve.Minutes(o.Detour * km[i]) * hourFactors[hour[i]] * (noise > 0 ? Math.Exp(muN + (sN * noiseZ[i])) : 1)
                        + (delayMean > 0 ? Math.Exp(muD + (sD * delayZ[i])) : 0);
                if (t >= TravelObservations.AtSceneMinutes) _buffer[n++] = t;
            }
            var moving = _buffer[..n];
            Array.Sort(moving);
            return TripStats.MovingFigures(moving);
        }

        /// <summary>Σ over the figures of weight × ln((model + 0.1) / (target + 0.1))² (<see cref="FigureWeights"/>).</summary>
        public double Loss(double[] targets, TravelFitOptions o, IReadOnlyList<double> hourFactors, double speed, double noise, double delayMean, double delayCv)
        {
            speed = Math.Clamp(speed, MinSpeed, MaxSpeed);
            var model = Predict(o, hourFactors, speed, Math.Clamp(noise, 0, MaxNoise), delayMean > 0 ? Math.Clamp(delayMean, MinDelay, MaxDelay) : 0, Math.Clamp(delayCv, MinDelayCv, MaxDelayCv));
            double loss = 0;
            for (var k = 0; k < targets.Length; k++)
            {
                if (!double.IsFinite(targets[k])) continue;
                loss += FigureWeights[k] * (double.IsFinite(model[k]) ? Sq(Math.Log((model[k] + LogOffsetMinutes) / (targets[k] + LogOffsetMinutes))) : 100);
            }
            return loss;
        }
    }

    /// <summary>One replication's measured trips and first-unit distances (each replication has its own sink: no locking).</summary>
    private sealed class TripSink : ICallSink, ITraceSink
    {
        private readonly Dictionary<long, (double Km, int Hour)> _first = [];

        public List<Trip> Trips { get; } = [];

        public List<(int Priority, double Km, int Hour)> Distances { get; } = [];

        public void Record(TraceEvent e)
        {
            if (e is UnitDispatched d && !_first.ContainsKey(d.Call))
                _first[d.Call] = (Math.Sqrt(((d.ToX - d.X) * (d.ToX - d.X)) + ((d.ToY - d.Y) * (d.ToY - d.Y))), (int)(d.TimeMinutes / 60) % 24);
        }

        public void Call(CallRecord call)
        {
            var first = _first.Remove(call.Id, out var f);
            if (!call.Measured || call.EnRouteMinutes is not { } enRoute || call.FirstOnSceneMinutes is not { } onScene) return;
            var minutes = onScene - enRoute;
            if (minutes is < 0 or > ObservedIntervals.MaxMinutes) return;
            Trips.Add(new Trip(call.Priority, (int)(enRoute / 60) % 24, minutes));
            if (first) Distances.Add((call.Priority, f.Km, f.Hour));
        }
    }
}
