using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Model.Definition;

namespace PatrolSim.Calibration.Checking;

/// <summary>Options for <see cref="TravelFitter"/>.</summary>
public sealed record TravelFitOptions
{
    /// <summary>The defaults.</summary>
    public static TravelFitOptions Default { get; } = new();

    /// <summary>Replications per simulation (the same seeds every time: common random numbers).</summary>
    public int Replications { get; init; } = 4;

    /// <summary>Master seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Threads (results do not depend on it).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Most simulations; the iteration stops earlier once every fitted priority is within <see cref="Tolerance"/>.</summary>
    public int MaxIterations { get; init; } = 6;

    /// <summary>Relative error of the simulated median and p90 of each fitted priority's trips at which the iteration stops (and 0.01 on the at-scene share).</summary>
    public double Tolerance { get; init; } = 0.03;

    /// <summary>Detour factor on the straight-line distance (fixed: trip times show only detour / speed).</summary>
    public double Detour { get; init; } = 1.3;

    /// <summary>The curve's effective acceleration, m/s² (fixed: trip times beyond the cruise distance show only v/a + d/v).</summary>
    public double AccelerationMps2 { get; init; } = 1.0;

    /// <summary>Most simulated trip distances per priority used by the fit between simulations (evenly spaced when there are more).</summary>
    public int MaxSamples { get; init; } = 8000;

    /// <summary>Whether hour-of-day factors are fitted (else they stay as they start: flat, or the starting travel's).</summary>
    public bool FitHourFactors { get; init; } = true;

    /// <summary>Receives a line per simulation (the travel tried and how it compares), e.g. for <c>--verbose</c>; null for none.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>
/// Fits the curve travel of a scenario to a CAD export's trips, by simulation (docs/geography.md, "How travel is fitted").
/// Turnout is each priority's observed median (dispatched → en route). The rest is fitted by iterating: simulate with the
/// current travel, recording for every measured call the straight-line distance and the hour at which its first unit
/// was sent, and its trip (en route → first on scene); then (1) rescale each priority's at-scene share by observed over
/// simulated, (2) rescale the hour-of-day factors by the observed over the simulated hour ratios, (3) refit the speed,
/// noise and delay to the observed quartiles, p90 and mean of the moving trips on those simulated distances (a trip is
/// curve(detour × d) × hour factor × noise + delay, evaluated with fixed normal draws, so the loss is smooth), aiming at
/// the observed figures divided by how far the last simulation fell from this evaluation (several units per call, units
/// re-sent, the busy system's distances). The noise is fitted on the most urgent priority with enough trips, which gets no
/// delay (nobody finishes what they are doing first on an emergency); every other priority gets its own cruise speed and
/// lognormal delay with that noise. Stops when every fitted priority's simulated median and p90 are within the tolerance
/// of the data's; returns the simulated travel closest to the data.
/// </summary>
public static partial class TravelFitter
{
    /// <summary>Minutes added to both sides of a log-ratio in the loss, as in the staffing fit.</summary>
    public const double LogOffsetMinutes = 0.1;

    private const double MinSpeed = 3, MaxSpeed = 150, MinNoise = 0.01, MaxNoise = 3, MinDelay = 0.01, MaxDelay = 600, MinDelayCv = 0.05;

    /// <summary>
    /// The heaviest delay tail fitted: a lognormal of cv 5 already puts its p99 at 66 times its median. Left free, the fit
    /// reaches cv 18 for Alexandria's P4 to carry the mean of a few trips of many hours (likely stamps entered late): a
    /// delay whose 1-in-1000 draw is a day and a half.
    /// </summary>
    public const double MaxDelayCv = 5;

    /// <summary>
    /// Weights of the moving-trip figures (<see cref="TripStats.MovingNames"/>: p10, p25, p50, p75, p90, p95, mean) in the
    /// fit between simulations: the median and p90 are what a planner reads and fit-check reports, the mean is the time
    /// units spend driving (their workload); the other quantiles give the shape that tells speed from delay.
    /// </summary>
    public static IReadOnlyList<double> FigureWeights { get; } = [0.5, 1, 4, 1, 3, 1, 2];

    /// <summary>A delay mean below this (minutes) is not written: the priority is fitted again without a delay.</summary>
    public const double NegligibleDelayMinutes = 0.05;

    /// <summary>
    /// Fits the travel of <paramref name="scenario"/> (simulated over its own horizon, which the caller sets to the data's
    /// period after an aligned warm-up) to <paramref name="observed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No priority has <see cref="TravelObservations.MinTrips"/> trips.</exception>
    /// <param name="scenario">The scenario whose travel is fitted (its own travel is replaced).</param>
    /// <param name="observed">The data's trips.</param>
    /// <param name="options">Seed, replications, threads, fixed values.</param>
    /// <param name="start">A travel fitted before (e.g. at another staffing) to start from; null: 40 km/h, noise 0.3, no delay, flat hours.</param>
    public static TravelFit Fit(Scenario scenario, TravelObservations observed, TravelFitOptions? options = null, TravelFit? start = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(observed);
        options ??= TravelFitOptions.Default;
        var fitted = observed.FittedPriorities;
        if (fitted.Count == 0)
            throw new ArgumentException($"no priority has {TravelObservations.MinTrips} trips (en route or dispatched -> on scene): travel cannot be fitted.", nameof(observed));
        var priorities = scenario.Demand.CallTypes.Select(t => t.Priority).Concat(fitted).Distinct().Order().ToArray();
        var noisePriority = fitted[0];

        var from = start?.Priorities.Where(p => p.CopiedFrom is null).ToDictionary(p => p.Priority) ?? [];
        PriorityTravelFit? Start(int p) => from.GetValueOrDefault(p);
        var state = new State
        {
            Speed = fitted.ToDictionary(p => p, p => Start(p)?.SpeedKmh ?? 40.0),
            DelayMean = fitted.ToDictionary(p => p, p => Start(p)?.DelayMeanMinutes ?? 0.0),
            DelayCv = fitted.ToDictionary(p => p, p => Start(p) is { HasDelay: true } f ? f.DelayCv : 1.0),
            AtScene = fitted.ToDictionary(p => p, p => Start(p)?.AtSceneShare ?? observed.Trips[p].AtSceneShare),
            Noise = start?.NoiseCv ?? 0.3,
            HourFactors = start is null ? [.. Enumerable.Repeat(1.0, 24)] : [.. start.HourFactors],
        };

        var steps = new List<TravelFitStep>();
        TravelFit? best = null;
        var bestLoss = double.PositiveInfinity;
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            var fit = Build(state, priorities, fitted, noisePriority, observed, options, iteration);
            var run = Simulate(scenario with { Travel = fit.ToTravel() }, options);
            fit = fit with { Simulated = run.Stats, SimulatedHourRatios = run.HourRatios };
            var loss = Loss(fit, options.FitHourFactors);
            steps.Add(new TravelFitStep(iteration, loss, fit.NoiseCv, fit.Priorities, run.Stats));
            options.Log?.Invoke(Describe(fit, loss));
            if (loss < bestLoss)
            {
                best = fit;
                bestLoss = loss;
            }

            if (Converged(fit, options.Tolerance, options.FitHourFactors) || iteration == options.MaxIterations) break;
            state = Update(state, fit, run, fitted, noisePriority, options);
        }

        return best! with { Steps = steps, Loss = bestLoss };
    }

    /// <summary>The values being fitted (unrounded).</summary>
    private sealed record State
    {
        public required Dictionary<int, double> Speed { get; init; }
        public required Dictionary<int, double> DelayMean { get; init; }
        public required Dictionary<int, double> DelayCv { get; init; }
        public required Dictionary<int, double> AtScene { get; init; }
        public required double Noise { get; init; }
        public required double[] HourFactors { get; init; }
    }

    /// <summary>The fit the state stands for, rounded as the scenario file writes it; every priority of the demand gets its own or its nearest fitted priority's travel.</summary>
    private static TravelFit Build(State s, IReadOnlyList<int> priorities, IReadOnlyList<int> fitted, int noisePriority, TravelObservations observed,
        TravelFitOptions options, int iteration)
    {
        static double R(double v, int decimals) => Math.Round(v, decimals, MidpointRounding.AwayFromZero);
        var list = new List<PriorityTravelFit>();
        foreach (var p in priorities)
        {
            // The fitted priority nearest to p (the less urgent one on a tie) lends its travel to a priority with too few trips.
            var source = fitted.Contains(p) ? p : fitted.OrderBy(f => Math.Abs(f - p)).ThenByDescending(f => f).First();
            var turnout = observed.Turnout.TryGetValue(p, out var t) && t.N >= TravelObservations.MinTrips ? t.P50
                : observed.Turnout.TryGetValue(source, out var ts) && ts.N > 0 ? ts.P50 : 0;
            var delay = s.DelayMean[source] >= NegligibleDelayMinutes ? R(s.DelayMean[source], TravelFit.Decimals.DelayMean) : 0;
            list.Add(new PriorityTravelFit(p, R(turnout, TravelFit.Decimals.Turnout), R(s.Speed[source], TravelFit.Decimals.Speed),
                delay, delay > 0 ? R(s.DelayCv[source], TravelFit.Decimals.DelayCv) : 0, R(s.AtScene[source], TravelFit.Decimals.AtScene),
                source == p ? null : source));
        }

        return new TravelFit
        {
            Detour = options.Detour,
            AccelerationMps2 = options.AccelerationMps2,
            NoiseCv = R(s.Noise, TravelFit.Decimals.Noise),
            NoisePriority = noisePriority,
            HourFactors = [.. s.HourFactors.Select(h => Math.Clamp(R(h, TravelFit.Decimals.HourFactor), 0.05, 20))],
            Priorities = list,
            Observed = observed,
            Simulated = new Dictionary<int, TripStats>(),
            Iterations = iteration,
            Replications = options.Replications,
            Seed = options.Seed,
        };
    }

    /// <summary>One line: the travel simulated and its trips against the data's.</summary>
    internal static string Describe(TravelFit fit, double loss)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var parts = fit.Priorities.Where(p => p.CopiedFrom is null).Select(p =>
        {
            var o = fit.Observed.Trips[p.Priority];
            var sim = fit.Simulated.GetValueOrDefault(p.Priority);
            return string.Create(inv, $"P{p.Priority} {p.SpeedKmh:0.#} km/h delay {p.DelayMeanMinutes:0.##}/{p.DelayCv:0.##} at scene {p.AtSceneShare:0.###}: p50 {o.All.P50:0.##}/{sim?.All.P50:0.##} p90 {o.All.P90:0.##}/{sim?.All.P90:0.##}");
        });
        return string.Create(inv, $"travel {fit.Iterations}: loss {loss:0.#####}, noise {fit.NoiseCv:0.###}, hours {string.Join(" ", fit.HourFactors.Select(h => h.ToString("0.##", inv)))}; {string.Join("; ", parts)}");
    }

    /// <summary>
    /// Σ over fitted priorities of the squared log-ratios of the simulated to the observed median and p90 of all trips, and
    /// 10 × the squared at-scene difference; plus, when hour factors are fitted, the mean over the data's moving trips of the
    /// squared log-ratio of the simulated to the observed hour ratio of their hour.
    /// </summary>
    private static double Loss(TravelFit fit, bool hours)
    {
        double loss = hours ? HourLoss(fit) : 0;
        foreach (var p in fit.Observed.FittedPriorities)
        {
            var o = fit.Observed.Trips[p];
            if (!fit.Simulated.TryGetValue(p, out var s) || s.All.N == 0) return double.PositiveInfinity;
            loss += Sq(Math.Log((s.All.P50 + LogOffsetMinutes) / (o.All.P50 + LogOffsetMinutes)))
                    + Sq(Math.Log((s.All.P90 + LogOffsetMinutes) / (o.All.P90 + LogOffsetMinutes)))
                    + (10 * Sq(s.AtSceneShare - o.AtSceneShare));
        }
        return loss;
    }

    /// <summary>The mean over the data's moving trips of the squared log-ratio of the simulated to the observed ratio of their hour.</summary>
    private static double HourLoss(TravelFit fit)
    {
        var counts = fit.Observed.HourCounts;
        var total = counts.Sum();
        if (total == 0 || fit.SimulatedHourRatios.Count != 24) return 0;
        return Enumerable.Range(0, 24).Sum(h => counts[h] * Sq(Math.Log(fit.SimulatedHourRatios[h] / fit.Observed.HourRatios[h]))) / total;
    }

    private static bool Converged(TravelFit fit, double tolerance, bool hours) => (!hours || HourLoss(fit) <= Sq(tolerance)) && fit.Observed.FittedPriorities.All(p =>
    {
        var o = fit.Observed.Trips[p];
        return fit.Simulated.TryGetValue(p, out var s)
            && Math.Abs((s.All.P50 / o.All.P50) - 1) <= tolerance && Math.Abs((s.All.P90 / o.All.P90) - 1) <= tolerance
            && Math.Abs(s.AtSceneShare - o.AtSceneShare) <= 0.01;
    });

    private static State Update(State s, TravelFit fit, SimulatedTrips run, IReadOnlyList<int> fitted, int noisePriority, TravelFitOptions options)
    {
        var observed = fit.Observed;
        var atScene = new Dictionary<int, double>();
        foreach (var p in fitted)
        {
            var o = observed.Trips[p].AtSceneShare;
            var sim = run.Stats.TryGetValue(p, out var st) ? st.AtSceneShare : double.NaN;
            atScene[p] = Math.Clamp(sim > 0 ? s.AtScene[p] * o / sim : o, 0, 0.95);
        }

        // Hour factors: times the data's hour ratios over the simulation's, smoothed to a daily and a half-daily wave (traffic
        // changes smoothly; 24 free factors would also take up the noise of thin hours), then scaled to mean 1 over the data's trips.
        var counts = observed.HourCounts;
        var wave = DailyWaves([.. Enumerable.Range(0, 24).Select(h => Math.Log(observed.HourRatios[h] / run.HourRatios[h]))], counts);
        var hours = s.HourFactors.Select((h, i) => options.FitHourFactors ? h * Math.Exp(wave[i]) : h).ToArray();
        var mean = counts.Sum() > 0 ? hours.Select((h, i) => h * counts[i]).Sum() / counts.Sum() : hours.Average();
        hours = [.. hours.Select(h => Math.Clamp(h / mean, 0.05, 20))];

        // The figures to aim at: the data's, divided by how far the simulation fell from this model on its own distances.
        var targets = new Dictionary<int, double[]>();
        foreach (var p in fitted)
        {
            var obs = observed.Trips[p].Moving;
            var sim = run.Stats.TryGetValue(p, out var st) ? st.Moving : obs;
            var samples = run.Samples(p, options.MaxSamples, options.Seed);
            var model = samples.Count == 0 ? obs
                : samples.Predict(options, s.HourFactors, s.Speed[p], s.Noise, s.DelayMean[p] >= NegligibleDelayMinutes ? s.DelayMean[p] : 0, s.DelayCv[p]);
            targets[p] = [.. obs.Select((o, k) => double.IsFinite(sim[k]) && sim[k] > 0 && double.IsFinite(model[k]) && model[k] > 0 ? o * model[k] / sim[k] : o)];
        }

        var speed = new Dictionary<int, double>(s.Speed);
        var delayMean = new Dictionary<int, double>(s.DelayMean);
        var delayCv = new Dictionary<int, double>(s.DelayCv);
        var noise = s.Noise;
        var ref0 = run.Samples(noisePriority, options.MaxSamples, options.Seed);
        if (ref0.Count > 0)
        {
            var x = Minimise(v => ref0.Loss(targets[noisePriority], options, hours, Math.Exp(v[0]), Math.Exp(v[1]), 0, 1)
                                  + Penalty(v[0], MinSpeed, MaxSpeed) + Penalty(v[1], MinNoise, MaxNoise),
                [Math.Log(s.Speed[noisePriority]), Math.Log(s.Noise)]);
            speed[noisePriority] = Math.Clamp(Math.Exp(x[0]), MinSpeed, MaxSpeed);
            noise = Math.Clamp(Math.Exp(x[1]), MinNoise, MaxNoise);
            delayMean[noisePriority] = 0;
        }

        // A less urgent call is never driven to faster than the most urgent: without that bound the body of the trips could
        // be drawn as delay and the speed run off (Alexandria P2 at the estimated staffing: 113 km/h and a 10-minute delay).
        var maxSpeed = speed[noisePriority];
        foreach (var p in fitted.Where(p => p != noisePriority))
        {
            var samples = run.Samples(p, options.MaxSamples, options.Seed);
            if (samples.Count == 0) continue;
            var t = targets[p];
            double Objective(double[] v) => samples.Loss(t, options, hours, Math.Exp(v[0]), noise, Math.Exp(v[1]), Math.Exp(v[2]))
                                            + Penalty(v[0], MinSpeed, maxSpeed) + Penalty(v[1], MinDelay, MaxDelay) + Penalty(v[2], MinDelayCv, MaxDelayCv);
            // Several starts (the loss has more than one valley: a short delay for all, or a long one for a few), the best kept.
            var starts = new List<double[]>();
            if (s.DelayMean[p] >= NegligibleDelayMinutes) starts.Add([Math.Log(Math.Min(s.Speed[p], maxSpeed)), Math.Log(s.DelayMean[p]), Math.Log(s.DelayCv[p])]);
            foreach (var share in (double[])[0.1, 0.5])
                foreach (var cv in (double[])[1, 5])
                    starts.Add([Math.Log(maxSpeed / 2), Math.Log(Math.Max(MinDelay, share * t[2])), Math.Log(cv)]);
            var withDelay = starts.Select(x0 => Minimise(Objective, x0)).MinBy(Objective)!;
            var (v1, m, c) = (Math.Clamp(Math.Exp(withDelay[0]), MinSpeed, maxSpeed), Math.Clamp(Math.Exp(withDelay[1]), MinDelay, MaxDelay), Math.Clamp(Math.Exp(withDelay[2]), MinDelayCv, MaxDelayCv));
            if (m < NegligibleDelayMinutes)
            {
                // No delay to speak of: the speed alone, by golden section on log speed.
                v1 = Math.Exp(GoldenSection(lv => samples.Loss(t, options, hours, Math.Exp(lv), noise, 0, 1), Math.Log(MinSpeed), Math.Log(maxSpeed)));
                m = 0;
            }

            speed[p] = v1;
            delayMean[p] = m;
            delayCv[p] = m > 0 ? c : s.DelayCv[p];
        }

        return new State { Speed = speed, DelayMean = delayMean, DelayCv = delayCv, AtScene = atScene, Noise = noise, HourFactors = hours };
    }

    /// <summary>Harmonics fitted to the hour factors' log-corrections: the period of a day and of half a day.</summary>
    public const int HourHarmonics = 2;

    /// <summary>
    /// The weighted least-squares fit of c + Σ_k a_k cos(2πkh/24) + b_k sin(2πkh/24), k = 1..<see cref="HourHarmonics"/>,
    /// to <paramref name="values"/> by hour (weights <paramref name="weights"/>; an hour without any is left out), without c.
    /// </summary>
    internal static double[] DailyWaves(IReadOnlyList<double> values, IReadOnlyList<int> weights)
    {
        double[] Row(int h) => [1, .. Enumerable.Range(1, HourHarmonics).SelectMany(k => new[] { Math.Cos(2 * Math.PI * k * h / 24), Math.Sin(2 * Math.PI * k * h / 24) })];
        var used = Enumerable.Range(0, 24).Where(h => weights[h] > 0 && double.IsFinite(values[h])).ToArray();
        if (used.Length <= (2 * HourHarmonics) + 1) return new double[24];
        var x = Matrix<double>.Build.DenseOfRowArrays(used.Select(Row));
        var w = Matrix<double>.Build.DiagonalOfDiagonalArray([.. used.Select(h => (double)weights[h])]);
        var y = Vector<double>.Build.DenseOfEnumerable(used.Select(h => values[h]));
        var beta = (x.Transpose() * w * x).Solve(x.Transpose() * w * y);
        return [.. Enumerable.Range(0, 24).Select(h => Row(h).Skip(1).Select((v, i) => v * beta[i + 1]).Sum())];
    }

    private static double Sq(double x) => x * x;

    /// <summary>A steep penalty outside [ln min, ln max] for a log-parameter, so the simplex stays where the model is defined.</summary>
    private static double Penalty(double log, double min, double max)
    {
        var below = Math.Log(min) - log;
        var above = log - Math.Log(max);
        return below > 0 ? 100 * Sq(below) : above > 0 ? 100 * Sq(above) : 0;
    }

    /// <summary>Nelder–Mead (MathNet) from <paramref name="start"/>, steps of 0.3 in each log-parameter; the best point seen if it stops at its iteration limit.</summary>
    private static double[] Minimise(Func<double[], double> f, double[] start)
    {
        double[] best = start;
        var bestValue = f(start);
        double Tracked(Vector<double> v)
        {
            var x = v.ToArray();
            var value = f(x);
            if (value < bestValue)
            {
                bestValue = value;
                best = x;
            }
            return value;
        }

        try
        {
            var result = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Tracked), Vector<double>.Build.DenseOfArray(start),
                Vector<double>.Build.Dense(start.Length, 0.3), 1e-7, 3000);
            Tracked(result.MinimizingPoint);
        }
        catch (MaximumIterationsException)
        {
            // keep the best point seen
        }

        return best;
    }

    /// <summary>Golden-section search for the minimum of a unimodal <paramref name="f"/> on [lo, hi], to 1e-4.</summary>
    private static double GoldenSection(Func<double, double> f, double lo, double hi)
    {
        var phi = (Math.Sqrt(5) - 1) / 2;
        double a = hi - (phi * (hi - lo)), b = lo + (phi * (hi - lo));
        double fa = f(a), fb = f(b);
        while (hi - lo > 1e-4)
        {
            if (fa <= fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (phi * (hi - lo));
                fa = f(a);
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (phi * (hi - lo));
                fb = f(b);
            }
        }
        return (lo + hi) / 2;
    }
}
