using System.Globalization;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
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
}

/// <summary>One staffing tried.</summary>
/// <param name="Scale">Factor on the scenario's officers.</param>
/// <param name="Officers">Officers per shift after rounding (what was simulated).</param>
/// <param name="QueueMinutes">Simulated mean queue delay by priority (mean over replications).</param>
/// <param name="Error">Σ_p w_p (simulated − observed)², minutes².</param>
public sealed record StaffingCandidate(double Scale, IReadOnlyList<int> Officers, IReadOnlyDictionary<int, double> QueueMinutes, double Error)
{
    /// <summary>Root of <see cref="Error"/>: a weighted RMS error of mean queue delay, minutes.</summary>
    public double RmsMinutes => Math.Sqrt(Error);
}

/// <summary>The staffing search's outcome.</summary>
/// <param name="Best">The candidate with the smallest error (the smallest staffing among ties).</param>
/// <param name="Evaluated">Every distinct staffing simulated, by scale.</param>
/// <param name="ObservedQueueMinutes">Observed mean received → dispatched by priority.</param>
/// <param name="Weights">Weights by priority (call shares among priorities with observed delays).</param>
public sealed record StaffingFitResult(
    StaffingCandidate Best, IReadOnlyList<StaffingCandidate> Evaluated,
    IReadOnlyDictionary<int, double> ObservedQueueMinutes, IReadOnlyDictionary<int, double> Weights)
{
    /// <summary>One line: how the officers were obtained and the fit error.</summary>
    public string Describe()
    {
        var pairs = string.Join(", ", ObservedQueueMinutes.Select(kv => string.Create(CultureInfo.InvariantCulture,
            $"P{kv.Key} observed {kv.Value:0.##} vs simulated {(Best.QueueMinutes.TryGetValue(kv.Key, out var s) ? s.ToString("0.##", CultureInfo.InvariantCulture) : "-")}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"fitted by --fit-staffing: scale {Best.Scale:0.###} on the calibrated officers, the best of {Evaluated.Count} staffings simulated; weighted RMS error of mean queue delay (received -> dispatched) {Best.RmsMinutes:0.##} min ({pairs})");
    }
}

/// <summary>
/// Searches a common scale on the officers of every shift so that simulated mean queue delays by priority best match the
/// observed ones: a grid of scales, then a golden-section refinement around the best grid point, every candidate simulated
/// with the same seeds (common random numbers). Officers are whole, so candidates that round to the same officers are
/// simulated once.
/// </summary>
public static class StaffingFitter
{
    /// <summary>Mean received → dispatched (minutes, <see cref="ObservedIntervals.QueueDelayMinutes"/>) by priority over citizen calls.</summary>
    public static IReadOnlyDictionary<int, double> ObservedQueueMinutes(IEnumerable<CadCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return new SortedDictionary<int, double>(calls
            .Where(c => !c.SelfInitiated)
            .Select(c => (c.Priority, Minutes: ObservedIntervals.QueueDelayMinutes(c)))
            .Where(x => x.Minutes.HasValue)
            .GroupBy(x => x.Priority)
            .ToDictionary(g => g.Key, g => g.Average(x => x.Minutes!.Value)));
    }

    /// <summary>Runs the search on a fixed scenario: its shifts' officers are scaled, nothing else changes.</summary>
    /// <param name="scenario">The calibrated scenario.</param>
    /// <param name="observedQueueMinutes">Target mean queue delay by priority.</param>
    /// <param name="weights">Weight of each priority (normalised here over the priorities in <paramref name="observedQueueMinutes"/>).</param>
    /// <param name="options">Search options.</param>
    public static StaffingFitResult Fit(Scenario scenario, IReadOnlyDictionary<int, double> observedQueueMinutes,
        IReadOnlyDictionary<int, double> weights, StaffingFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var baseOfficers = scenario.Staffing.Shifts.Select(s => s.Officers * scenario.Staffing.Scale).ToArray();
        return Fit(officers => scenario with
        {
            Staffing = scenario.Staffing with { Scale = 1, Shifts = [.. scenario.Staffing.Shifts.Select((s, i) => s with { Officers = officers[i] })] },
        }, baseOfficers, observedQueueMinutes, weights, options);
    }

    /// <summary>
    /// Runs the search with a scenario built for each staffing (e.g. re-fitted, so that rates per idle unit-hour stay
    /// consistent with the data at every staffing).
    /// </summary>
    /// <param name="scenarioFor">The scenario to simulate with the given officers per shift.</param>
    /// <param name="baseOfficers">Officers per shift at scale 1.</param>
    /// <param name="observedQueueMinutes">Target mean queue delay by priority.</param>
    /// <param name="weights">Weight of each priority (normalised here over the priorities in <paramref name="observedQueueMinutes"/>).</param>
    /// <param name="options">Search options.</param>
    public static StaffingFitResult Fit(Func<IReadOnlyList<int>, Scenario> scenarioFor, IReadOnlyList<double> baseOfficers,
        IReadOnlyDictionary<int, double> observedQueueMinutes, IReadOnlyDictionary<int, double> weights, StaffingFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenarioFor);
        ArgumentNullException.ThrowIfNull(baseOfficers);
        ArgumentNullException.ThrowIfNull(observedQueueMinutes);
        ArgumentNullException.ThrowIfNull(weights);
        options ??= StaffingFitOptions.Default;
        if (observedQueueMinutes.Count == 0)
            throw new ArgumentException("no observed queue delays (no dispatch times in the data): staffing cannot be fitted.", nameof(observedQueueMinutes));
        var total = observedQueueMinutes.Keys.Sum(p => weights.GetValueOrDefault(p));
        var w = new SortedDictionary<int, double>(observedQueueMinutes.Keys.ToDictionary(p => p, p => total > 0 ? weights.GetValueOrDefault(p) / total : 1.0 / observedQueueMinutes.Count));

        var cache = new Dictionary<string, StaffingCandidate>(StringComparer.Ordinal);
        var evaluated = new List<StaffingCandidate>();

        int[] OfficersAt(double scale) => [.. baseOfficers.Select(o => Math.Max(1, (int)Math.Round(o * scale, MidpointRounding.AwayFromZero)))];

        StaffingCandidate Evaluate(double scale)
        {
            var officers = OfficersAt(scale);
            var key = string.Join(",", officers.Select(o => o.ToString(CultureInfo.InvariantCulture)));
            if (cache.TryGetValue(key, out var hit)) return hit;
            var built = scenarioFor(officers);
            var candidate = built with { Horizon = new Horizon(built.Horizon.WarmupDays + options.Days, built.Horizon.WarmupDays) };
            var sim = new PatrolSimulation(candidate);
            var results = new ReplicationResult[options.Replications];
            Parallel.For(0, options.Replications, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
                r => results[r] = sim.Run(options.Seed, r));
            var queue = new SortedDictionary<int, double>();
            double error = 0;
            foreach (var (p, observed) in observedQueueMinutes)
            {
                var values = results.Select(r => r.ByPriority.TryGetValue(p, out var m) ? m[MetricCatalog.QueueDelayMean] : double.NaN)
                    .Where(double.IsFinite).ToArray();
                if (values.Length == 0) continue;
                queue[p] = values.Average();
                error += w[p] * Math.Pow(queue[p] - observed, 2);
            }
            var result = new StaffingCandidate(scale, officers, queue, error);
            cache[key] = result;
            evaluated.Add(result);
            return result;
        }

        var grid = options.Grid.Where(g => g > 0).Distinct().Order().ToList();
        if (grid.Count == 0) throw new ArgumentException("the staffing grid has no positive scale.", nameof(options));
        // Ascending; past the best point, stop after three scales in a row that do not improve on it (queue delays only fall
        // as staffing rises, so the error beyond the optimum only grows or stays flat at zero delay).
        StaffingCandidate? best = null;
        var misses = 0;
        var used = 0;
        foreach (var scale in grid)
        {
            var c = Evaluate(scale);
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
            var lowest = Evaluate(grid[0]);
            var highest = Evaluate(grid[^1]);
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

            var next = Evaluate(ReferenceEquals(best, lowest) ? grid[0] : grid[^1]);
            if (next.Error < best.Error) best = next;
        }

        var index = grid.FindIndex(g => OfficersAt(g).SequenceEqual(best.Officers));
        double lo = grid[Math.Max(0, index - 1)], hi = grid[Math.Min(grid.Count - 1, index + 1)];
        var phi = (Math.Sqrt(5) - 1) / 2;
        double a = hi - (phi * (hi - lo)), b = lo + (phi * (hi - lo));
        var fa = Evaluate(a);
        var fb = Evaluate(b);
        while (hi - lo > options.Tolerance)
        {
            if (fa.Error <= fb.Error)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (phi * (hi - lo));
                fa = Evaluate(a);
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (phi * (hi - lo));
                fb = Evaluate(b);
            }
        }
        var ordered = evaluated.OrderBy(c => c.Scale).ToArray();
        var winner = ordered.OrderBy(c => c.Error).ThenBy(c => c.Officers.Sum()).First();
        return new StaffingFitResult(winner, ordered, observedQueueMinutes, w);
    }
}
