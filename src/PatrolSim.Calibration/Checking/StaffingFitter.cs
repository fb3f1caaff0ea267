using System.Globalization;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Calibration.Checking;

/// <summary>Options for <see cref="StaffingFitter"/>.</summary>
public sealed record StaffingFitOptions
{
    /// <summary>The defaults.</summary>
    public static StaffingFitOptions Default { get; } = new();

    /// <summary>Replications per candidate (the same seeds for every candidate: common random numbers).</summary>
    public int Replications { get; init; } = 3;

    /// <summary>Master seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Threads (results do not depend on it).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Measured days simulated per replication (after the scenario's warm-up): the data period.</summary>
    public double Days { get; init; } = 28;

    /// <summary>Scale factors tried first, in ascending order, on the scenario's officers per shift (the ascent stops three points past the best).</summary>
    public IReadOnlyList<double> Grid { get; init; } = [.. Enumerable.Range(0, 15).Select(i => 0.5 + (0.25 * i))];

    /// <summary>The golden-section refinement around the best grid point stops when the bracket is narrower than this.</summary>
    public double Tolerance { get; init; } = 0.02;

    /// <summary>After the common scale, move each shift's officers by ±1 while the loss falls (per-shift staffing).</summary>
    public bool PerShift { get; init; } = true;

    /// <summary>The shift (index) each hour of the day is attributed to, 24 entries, for delays by shift; null = all day only.</summary>
    public IReadOnlyList<int>? ShiftOfHour { get; init; }
}

/// <summary>Which calls a queue-delay figure is over: a priority, and the shift its calls arrived in (−1 = all day).</summary>
/// <param name="Priority">Priority 1..9.</param>
/// <param name="Shift">Shift index (the shift owning the hour of arrival), or −1 for all calls of the priority.</param>
public readonly record struct QueueKey(int Priority, int Shift)
{
    /// <summary>"P2" or "P2 shift 1".</summary>
    public override string ToString() => Shift < 0
        ? string.Create(CultureInfo.InvariantCulture, $"P{Priority}")
        : string.Create(CultureInfo.InvariantCulture, $"P{Priority} shift {Shift}");
}

/// <summary>Queue-delay figures of one priority, minutes; NaN where a figure is not known or not targeted.</summary>
/// <param name="Median">Median (R-8).</param>
/// <param name="Mean">Mean.</param>
/// <param name="P90">90th percentile (R-8).</param>
public sealed record QueueStats(double Median, double Mean, double P90)
{
    /// <summary>Summarises minutes (R-8 quantiles, as fit-check).</summary>
    public static QueueStats Of(IEnumerable<double> minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        var s = SampleSummary.FromSorted([.. minutes.Order()]);
        return new QueueStats(s.P50, s.Mean, s.P90);
    }

    /// <summary>Only the mean targeted (e.g. an analytic mean wait).</summary>
    public static QueueStats MeanOnly(double mean) => new(double.NaN, mean, double.NaN);

    /// <summary>(median, mean, p90) in that order.</summary>
    public IEnumerable<double> All => [Median, Mean, P90];

    /// <summary>"median / mean / p90" with two decimals.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Median:0.##} / {Mean:0.##} / {P90:0.##}");
}

/// <summary>One staffing tried.</summary>
/// <param name="Scale">Factor on the scenario's officers (NaN for a per-shift move).</param>
/// <param name="Officers">Officers per shift (what was simulated).</param>
/// <param name="Simulated">Simulated queue delay by priority, all day and by shift (all replications pooled).</param>
/// <param name="Error">The loss: Σ_p w_p Σ over median, mean and p90 of ln((sim + 0.1) / (obs + 0.1))².</param>
public sealed record StaffingCandidate(double Scale, IReadOnlyList<int> Officers, IReadOnlyDictionary<QueueKey, QueueStats> Simulated, double Error)
{
    /// <summary>Simulated mean queue delay by priority (all day).</summary>
    public IReadOnlyDictionary<int, double> QueueMinutes => Simulated.Where(kv => kv.Key.Shift < 0).ToDictionary(kv => kv.Key.Priority, kv => kv.Value.Mean);

    /// <summary>Officers as "9,10,9".</summary>
    public string OfficersText => string.Join(",", Officers.Select(o => o.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>The loss one officer more or less on one shift gives, around the best staffing.</summary>
/// <param name="Shift">Shift index.</param>
/// <param name="Delta">−1 or +1.</param>
/// <param name="Error">The loss there (the best's is <see cref="StaffingFitResult.Best"/>.Error).</param>
public sealed record StaffingNeighbour(int Shift, int Delta, double Error);

/// <summary>The staffing search's outcome.</summary>
/// <param name="Best">The candidate with the smallest loss (the smallest staffing among ties).</param>
/// <param name="Evaluated">Every distinct staffing simulated, in the order tried.</param>
/// <param name="Observed">Observed queue delay by priority, all day and by shift.</param>
/// <param name="Weights">Weights in the loss (normalised to sum 1; 0 = shown, not fitted).</param>
public sealed record StaffingFitResult(
    StaffingCandidate Best, IReadOnlyList<StaffingCandidate> Evaluated,
    IReadOnlyDictionary<QueueKey, QueueStats> Observed, IReadOnlyDictionary<QueueKey, double> Weights)
{
    /// <summary>The loss at ±1 officer on each shift around <see cref="Best"/> (empty without per-shift search).</summary>
    public IReadOnlyList<StaffingNeighbour> Neighbours { get; init; } = [];

    /// <summary>Observed queue delay by priority, all day.</summary>
    public IReadOnlyDictionary<int, QueueStats> ObservedAllDay => Observed.Where(kv => kv.Key.Shift < 0).ToDictionary(kv => kv.Key.Priority, kv => kv.Value);

    /// <summary>Priorities with weight in the loss (all day or in some shift).</summary>
    public IReadOnlyList<int> FittedPriorities => [.. Weights.Where(kv => kv.Value > 0).Select(kv => kv.Key.Priority).Distinct().Order()];

    /// <summary>One line: how the officers were obtained and the fit error.</summary>
    public string Describe()
    {
        var pairs = string.Join("; ", Observed.Where(kv => kv.Key.Shift < 0 && FittedPriorities.Contains(kv.Key.Priority)).Select(kv =>
            $"{kv.Key} {kv.Value} vs {(Best.Simulated.TryGetValue(kv.Key, out var s) ? s.ToString() : "-")}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"fitted by --fit-staffing: officers {Best.OfficersText}, the best of {Evaluated.Count} staffings simulated; loss {Best.Error:0.####}; queue delay median / mean / p90 (min), observed vs simulated: {pairs}");
    }

    /// <summary>One line: how much worse one officer more or less on each shift fits (the fit's sharpness).</summary>
    public string DescribeUncertainty(IReadOnlyList<string> shiftNames)
    {
        ArgumentNullException.ThrowIfNull(shiftNames);
        if (Neighbours.Count == 0) return "uncertainty: not assessed (no per-shift search)";
        var parts = Neighbours.GroupBy(n => n.Shift).Select(g =>
            $"{(g.Key < shiftNames.Count ? shiftNames[g.Key] : "shift " + g.Key)} " +
            string.Join(" / ", g.OrderBy(n => n.Delta).Select(n => string.Create(CultureInfo.InvariantCulture, $"{(n.Delta > 0 ? "+1" : "-1")}: {n.Error:0.####} (x{n.Error / Best.Error:0.##})"))));
        return string.Create(CultureInfo.InvariantCulture, $"uncertainty: loss at the best {Best.Error:0.####}; one officer less / more on a shift: {string.Join("; ", parts)}");
    }
}

/// <summary>
/// Searches officers per shift so that simulated queue delays (received → first dispatch) by priority match the observed
/// median, mean and 90th percentile: first a common scale on every shift (a grid, then golden section), then each shift
/// moved by one officer at a time while the loss falls. The loss is Σ_p w_p Σ_stat ln((sim + 0.1) / (obs + 0.1))²
/// (squared log-ratios: scale-free, so a priority waiting minutes and one waiting an hour count alike, and a long tail
/// does not swamp the medians). Every candidate is simulated with the same seeds (common random numbers), once.
/// </summary>
public static class StaffingFitter
{
    /// <summary>Minutes added to both sides of a log-ratio, so that zero delays stay finite.</summary>
    public const double LogOffsetMinutes = 0.1;

    /// <summary>
    /// Observed queue delay (<see cref="ObservedIntervals.QueueDelayMinutes"/>) of citizen calls by priority, all day and, with
    /// <paramref name="shiftOfHour"/>, by the shift owning the hour the call was received; with the number of delays of each.
    /// </summary>
    public static IReadOnlyDictionary<QueueKey, (QueueStats Stats, int N)> ObservedQueue(IEnumerable<CadCall> calls, IReadOnlyList<int>? shiftOfHour = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var delays = calls.Where(c => !c.SelfInitiated)
            .Select(c => (c.Priority, Shift: shiftOfHour?[c.Received.Hour] ?? -1, Minutes: ObservedIntervals.QueueDelayMinutes(c)))
            .Where(x => x.Minutes.HasValue).ToArray();
        return Group(delays.Select(d => (d.Priority, d.Shift, d.Minutes!.Value)), shiftOfHour is not null);
    }

    /// <summary>Delays grouped by priority (all day, shift −1) and by (priority, shift), ordered by priority then shift.</summary>
    private static IReadOnlyDictionary<QueueKey, (QueueStats Stats, int N)> Group(IEnumerable<(int Priority, int Shift, double Minutes)> delays, bool byShift)
    {
        var all = delays.ToArray();
        var keyed = all.Select(d => (Key: new QueueKey(d.Priority, -1), d.Minutes));
        if (byShift) keyed = keyed.Concat(all.Where(d => d.Shift >= 0).Select(d => (Key: new QueueKey(d.Priority, d.Shift), d.Minutes)));
        var result = new Dictionary<QueueKey, (QueueStats, int)>();
        foreach (var g in keyed.GroupBy(x => x.Key).OrderBy(g => g.Key.Priority).ThenBy(g => g.Key.Shift))
            result.Add(g.Key, (QueueStats.Of(g.Select(x => x.Minutes)), g.Count()));
        return result;
    }

    /// <summary>Runs the search on a fixed scenario: its shifts' officers are set, nothing else changes.</summary>
    public static StaffingFitResult Fit(Scenario scenario, IReadOnlyDictionary<QueueKey, QueueStats> observed,
        IReadOnlyDictionary<QueueKey, double> weights, StaffingFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var baseOfficers = scenario.Staffing.Shifts.Select(s => s.Officers * scenario.Staffing.Scale).ToArray();
        return Fit(officers => scenario with
        {
            Staffing = scenario.Staffing with { Scale = 1, Shifts = [.. scenario.Staffing.Shifts.Select((s, i) => s with { Officers = officers[i] })] },
        }, baseOfficers, observed, weights, options);
    }

    /// <summary>
    /// Runs the search with a scenario built for each staffing (e.g. re-fitted, so that self-initiated work stays
    /// consistent with the data at every staffing). The built scenario's warm-up is kept; <see cref="StaffingFitOptions.Days"/> are measured.
    /// </summary>
    public static StaffingFitResult Fit(Func<IReadOnlyList<int>, Scenario> scenarioFor, IReadOnlyList<double> baseOfficers,
        IReadOnlyDictionary<QueueKey, QueueStats> observed, IReadOnlyDictionary<QueueKey, double> weights, StaffingFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenarioFor);
        ArgumentNullException.ThrowIfNull(baseOfficers);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(weights);
        options ??= StaffingFitOptions.Default;
        if (observed.Count == 0)
            throw new ArgumentException("no observed queue delays (no dispatch times in the data): staffing cannot be fitted.", nameof(observed));
        var total = observed.Keys.Sum(p => weights.GetValueOrDefault(p));
        var w = observed.Keys.ToDictionary(k => k, k => total > 0 ? weights.GetValueOrDefault(k) / total : 1.0 / observed.Count);

        var cache = new Dictionary<string, StaffingCandidate>(StringComparer.Ordinal);
        var evaluated = new List<StaffingCandidate>();

        int[] OfficersAt(double scale) => [.. baseOfficers.Select(o => Math.Max(1, (int)Math.Round(o * scale, MidpointRounding.AwayFromZero)))];

        StaffingCandidate Simulate(double scale, int[] officers)
        {
            var key = string.Join(",", officers.Select(o => o.ToString(CultureInfo.InvariantCulture)));
            if (cache.TryGetValue(key, out var hit)) return hit;
            var built = scenarioFor(officers);
            var candidate = built with { Horizon = new Horizon(built.Horizon.WarmupDays + options.Days, built.Horizon.WarmupDays) };
            var simulated = SimulateQueue(candidate, options);
            double error = 0;
            foreach (var (p, obs) in observed)
            {
                if (w[p] <= 0) continue;
                var sim = simulated.GetValueOrDefault(p) ?? new QueueStats(double.NaN, double.NaN, double.NaN);
                error += w[p] * obs.All.Zip(sim.All).Where(x => double.IsFinite(x.First))
                    .Sum(x => double.IsFinite(x.Second) ? Math.Pow(Math.Log((x.Second + LogOffsetMinutes) / (x.First + LogOffsetMinutes)), 2) : 100);
            }
            var result = new StaffingCandidate(scale, officers, simulated, error);
            cache[key] = result;
            evaluated.Add(result);
            return result;
        }

        StaffingCandidate Evaluate(double scale) => Simulate(scale, OfficersAt(scale));

        var best = CommonScale(Evaluate, OfficersAt, options);
        var neighbours = new List<StaffingNeighbour>();
        if (options.PerShift)
        {
            // Coordinate descent: one officer more or less on one shift at a time, while the loss falls.
            for (var round = 0; round < 50; round++)
            {
                var improved = false;
                for (var s = 0; s < best.Officers.Count; s++)
                {
                    foreach (var delta in (int[])[-1, 1])
                    {
                        var next = best.Officers.ToArray();
                        next[s] += delta;
                        if (next[s] < 1) continue;
                        var c = Simulate(double.NaN, next);
                        if (c.Error < best.Error)
                        {
                            best = c;
                            improved = true;
                        }
                    }
                }
                if (!improved) break;
            }
            for (var s = 0; s < best.Officers.Count; s++)
            {
                foreach (var delta in (int[])[-1, 1])
                {
                    var next = best.Officers.ToArray();
                    next[s] += delta;
                    if (next[s] >= 1) neighbours.Add(new StaffingNeighbour(s, delta, Simulate(double.NaN, next).Error));
                }
            }
        }

        var winner = evaluated.OrderBy(c => c.Error).ThenBy(c => c.Officers.Sum()).First();
        return new StaffingFitResult(winner, [.. evaluated], observed, w) { Neighbours = neighbours };
    }

    /// <summary>A common scale on every shift: ascending grid, bracket extension, golden section.</summary>
    private static StaffingCandidate CommonScale(Func<double, StaffingCandidate> evaluate, Func<double, int[]> officersAt, StaffingFitOptions options)
    {
        var grid = options.Grid.Where(g => g > 0).Distinct().Order().ToList();
        if (grid.Count == 0) throw new ArgumentException("the staffing grid has no positive scale.", nameof(options));
        // Ascending; past the best point, stop after three scales in a row that do not improve on it (queue delays only fall
        // as staffing rises, so the error beyond the optimum only grows or stays flat).
        StaffingCandidate? best = null;
        var misses = 0;
        var used = 0;
        foreach (var scale in grid)
        {
            var c = evaluate(scale);
            used++;
            if (best is null || c.Error < best.Error)
            {
                best = c;
                misses = 0;
            }
            else if (++misses >= 3)
            {
                break;
            }
        }

        grid.RemoveRange(used, grid.Count - used);
        if (best is null) throw new InvalidOperationException("unreachable: the grid is not empty.");
        // A best point on the edge of the grid: extend the grid that way (x0.8 down while a shift has more than one officer,
        // x1.25 up while the error still falls), so the optimum is bracketed.
        for (var extra = 0; extra < 20; extra++)
        {
            var lowest = evaluate(grid[0]);
            var highest = evaluate(grid[^1]);
            if (ReferenceEquals(best, lowest) && lowest.Officers.Any(o => o > 1))
            {
                grid.Insert(0, grid[0] * 0.8);
            }
            else if (ReferenceEquals(best, highest) && extra < 8)
            {
                grid.Add(grid[^1] * 1.25);
            }
            else
            {
                break;
            }

            var next = evaluate(ReferenceEquals(best, lowest) ? grid[0] : grid[^1]);
            if (next.Error < best.Error) best = next;
        }

        var index = grid.FindIndex(g => officersAt(g).SequenceEqual(best.Officers));
        double lo = grid[Math.Max(0, index - 1)], hi = grid[Math.Min(grid.Count - 1, index + 1)];
        var phi = (Math.Sqrt(5) - 1) / 2;
        double a = hi - (phi * (hi - lo)), b = lo + (phi * (hi - lo));
        var fa = evaluate(a);
        var fb = evaluate(b);
        while (hi - lo > options.Tolerance)
        {
            if (fa.Error <= fb.Error)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (phi * (hi - lo));
                fa = evaluate(a);
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (phi * (hi - lo));
                fb = evaluate(b);
            }
        }
        foreach (var c in new[] { fa, fb }) if (c.Error < best.Error) best = c;
        return best;
    }

    /// <summary>Simulates the scenario's replications and pools the measured calls' queue delays (0..24 h, as fit-check) by priority.</summary>
    internal static IReadOnlyDictionary<QueueKey, QueueStats> SimulateQueue(Scenario scenario, StaffingFitOptions options)
    {
        var sim = new PatrolSimulation(scenario);
        var sinks = new QueueSink[options.Replications];
        Parallel.For(0, options.Replications, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, r =>
        {
            sinks[r] = new QueueSink();
            sim.Run(options.Seed, r, calls: sinks[r]);
        });
        var shiftOfHour = options.ShiftOfHour;
        // Simulated time 0 is Monday 00:00, so the hour of day is the arrival minute's within its day.
        return Group(sinks.SelectMany(s => s.Delays).Select(d => (d.Priority, shiftOfHour?[(int)(d.Arrival % 1440 / 60)] ?? -1, d.Minutes)), shiftOfHour is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value.Stats);
    }

    /// <summary>Queue delays of one replication's measured calls (each replication has its own sink: no locking).</summary>
    private sealed class QueueSink : ICallSink
    {
        public List<(int Priority, double Arrival, double Minutes)> Delays { get; } = [];

        public void Call(CallRecord call)
        {
            if (!call.Measured || call.FirstDispatchMinutes is not { } d) return;
            var minutes = d - call.ArrivalMinutes;
            if (minutes is >= 0 and <= ObservedIntervals.MaxMinutes) Delays.Add((call.Priority, call.ArrivalMinutes, minutes));
        }
    }
}
