using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Calibration.Checking;

/// <summary>Options for <see cref="FitChecker"/>.</summary>
public sealed record FitCheckOptions
{
    /// <summary>The defaults: 5 replications, seed 1, one thread.</summary>
    public static FitCheckOptions Default { get; } = new();

    /// <summary>Replications simulated; their calls are pooled.</summary>
    public int Replications { get; init; } = 5;

    /// <summary>Master seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Threads (results do not depend on it).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Simulated (measured) days per replication; null = the data's span (<see cref="ObservationWindow.Days"/>).</summary>
    public double? PeriodDays { get; init; }

    /// <summary>On-scene times over this many hours are left out on both sides, as in the fit.</summary>
    public double MaxOnSceneHours { get; init; } = 24;
}

/// <summary>Quantiles and mean of a sample (NaN when empty).</summary>
/// <param name="N">Sample size.</param>
/// <param name="P10">10th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="Mean">Mean.</param>
public sealed record SampleSummary(int N, double P10, double P50, double P90, double Mean)
{
    /// <summary>Summarises a sorted sample (quantiles by MathNet's R-8 definition).</summary>
    public static SampleSummary FromSorted(double[] sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0) return new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        return new SampleSummary(sorted.Length,
            SortedArrayStatistics.Quantile(sorted, 0.1), SortedArrayStatistics.Quantile(sorted, 0.5), SortedArrayStatistics.Quantile(sorted, 0.9),
            sorted.Mean());
    }
}

/// <summary>Observed against simulated distribution of one measure (minutes) for one priority.</summary>
/// <param name="Measure"><c>queueDelay</c> (received → dispatched), <c>turnout</c> (dispatched → en route), <c>travel</c> (en route → arrived), <c>response</c> (received → arrived) or <c>onScene</c> (arrived → closed, as <see cref="ScenarioFitter.OnSceneMinutes"/>).</param>
/// <param name="Observed">The data.</param>
/// <param name="Simulated">The simulation, all replications pooled.</param>
/// <param name="KsDistance">Two-sample Kolmogorov–Smirnov distance sup |F_obs − F_sim| (NaN when a side is empty).</param>
/// <param name="KsCritical">The 5% critical value 1.358·√((n+m)/(n·m)): larger distances reject "same distribution".</param>
public sealed record MeasureComparison(string Measure, SampleSummary Observed, SampleSummary Simulated, double KsDistance, double KsCritical);

/// <summary>The comparisons of one priority.</summary>
public sealed record PriorityComparison(int Priority, IReadOnlyList<MeasureComparison> Measures)
{
    /// <summary>The comparison of one measure, or null.</summary>
    public MeasureComparison? this[string measure] => Measures.FirstOrDefault(m => m.Measure == measure);
}

/// <summary>Calls per day in one bin (an hour of day or a weekday), observed and simulated.</summary>
/// <param name="Label">e.g. <c>08</c> or <c>Mon</c>.</param>
/// <param name="Observed">Observed calls per day (per occurrence of the weekday for weekdays).</param>
/// <param name="Simulated">Simulated, mean over replications.</param>
public sealed record CountRow(string Label, double Observed, double Simulated)
{
    /// <summary>(simulated − observed) / observed; NaN when nothing was observed.</summary>
    public double RelativeError => Observed > 0 ? (Simulated - Observed) / Observed : double.NaN;
}

/// <summary>A binned count comparison with a chi-square statistic of the observed counts against the simulated expectation.</summary>
/// <param name="Name"><c>hourOfDay</c> or <c>weekday</c>.</param>
/// <param name="Rows">The bins.</param>
/// <param name="ChiSquare">Σ (O − E)² / (E (1 + 1/R)) over bins with E &gt; 0: O observed counts, E simulated counts over the same days, R replications (the 1/R term is the simulation's own noise).</param>
/// <param name="DegreesOfFreedom">Bins with E &gt; 0 (E is not fitted to O, so no degree is lost).</param>
/// <param name="PValue">P(χ² ≥ ChiSquare).</param>
/// <param name="MeanAbsRelativeError">Mean |relative error| over bins.</param>
public sealed record CountComparison(string Name, IReadOnlyList<CountRow> Rows, double ChiSquare, int DegreesOfFreedom, double PValue, double MeanAbsRelativeError);

/// <summary>What <see cref="FitChecker.Check"/> found.</summary>
public sealed record FitCheckResult
{
    /// <summary>Scenario name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>Data file name.</summary>
    public required string SourceName { get; init; }

    /// <summary>Measured days simulated per replication (the data's span unless given).</summary>
    public required double PeriodDays { get; init; }

    /// <summary>Days the data cover (<see cref="ObservationWindow.Days"/>: a partial first or last day counts for its hours).</summary>
    public required double ObservedDays { get; init; }

    /// <summary>The data's first covered hour; the simulated measured period starts at the same hour of the week.</summary>
    public required DateTime ObservedStart { get; init; }

    /// <summary>
    /// Warm-up days simulated before each measured period: the scenario's warm-up, extended to the next time whose hour
    /// of the week (model hour 0 = Monday 00:00) is the data's first covered hour, so that weekdays line up.
    /// </summary>
    public required double WarmupDays { get; init; }

    /// <summary>Replications pooled.</summary>
    public required int Replications { get; init; }

    /// <summary>Master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Citizen calls in the data (self-initiated calls are not compared: the model does not log them as calls).</summary>
    public required int ObservedCalls { get; init; }

    /// <summary>Simulated measured calls, all replications.</summary>
    public required int SimulatedCalls { get; init; }

    /// <summary>Observed citizen calls per day.</summary>
    public double ObservedCallsPerDay => ObservedCalls / ObservedDays;

    /// <summary>Simulated calls per day.</summary>
    public double SimulatedCallsPerDay => SimulatedCalls / (PeriodDays * Replications);

    /// <summary>Calls per hour of day.</summary>
    public required CountComparison HourOfDay { get; init; }

    /// <summary>Calls per weekday.</summary>
    public required CountComparison Weekday { get; init; }

    /// <summary>Share of calls by priority: observed and simulated.</summary>
    public required IReadOnlyList<CountRow> PriorityMix { get; init; }

    /// <summary>Distributions by priority.</summary>
    public required IReadOnlyList<PriorityComparison> Priorities { get; init; }
}

/// <summary>
/// Simulates a scenario over as many days as the data cover (after its warm-up) and compares it with CAD data:
/// calls by hour of day and weekday, priority mix, and by priority the queue delay, turnout, travel, response and on-scene
/// distributions.
/// </summary>
public static class FitChecker
{
    /// <summary>Measures compared, in order.</summary>
    public static IReadOnlyList<string> Measures { get; } = ["queueDelay", "turnout", "travel", "response", "onScene"];

    internal static readonly string[] WeekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>Runs the comparison; the citizen calls of <paramref name="read"/> are the observations.</summary>
    public static FitCheckResult Check(CadReadResult read, Scenario scenario, FitCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= FitCheckOptions.Default;
        var citizen = read.Calls.Where(c => !c.SelfInitiated).ToArray();
        if (citizen.Length == 0)
            throw new ArgumentException("no citizen calls to compare: every row was rejected, excluded or self-initiated.", nameof(read));
        var window = ObservationWindow.Of(read.Calls.Select(c => c.Received));
        var days = options.PeriodDays ?? window.Days;
        var maxOnScene = options.MaxOnSceneHours * 60;

        // Observed.
        var obs = new Tally(maxOnScene);
        foreach (var c in citizen)
        {
            obs.Add(c.Priority, ObservationWindow.HourOfWeek(c.Received), ObservedIntervals.QueueDelayMinutes(c), ObservedIntervals.TurnoutMinutes(c),
                ObservedIntervals.TravelMinutes(c), ObservedIntervals.ResponseMinutes(c), ScenarioFitter.OnSceneMinutes(c));
        }
        var obsOccurrences = window.HourOfWeekOccurrences();

        // Simulated: the measured period starts at the data's first hour of the week, after at least the scenario's warm-up.
        var warmup = AlignedWarmupDays(scenario.Horizon.WarmupDays, window.StartHourOfWeek);
        var simScenario = scenario with { Horizon = new Horizon(warmup + days, warmup) };
        var sim = new PatrolSimulation(simScenario);
        var tallies = new Tally[options.Replications];
        Parallel.For(0, options.Replications, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, r =>
        {
            var sink = new SimSink(new Tally(maxOnScene));
            sim.Run(options.Seed, r, calls: sink);
            tallies[r] = sink.Tally;
        });
        var simTally = new Tally(maxOnScene);
        foreach (var t in tallies) simTally.Merge(t);
        var simOccurrences = ObservationWindow.Occurrences(window.StartHourOfWeek, days * 24);

        var reps = options.Replications;
        var simPerRep = simTally.ByHourOfWeek.Select(x => x / reps).ToArray();
        var hour = Compare("hourOfDay", Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture)).ToArray(),
            ObservationWindow.ByHourOfDay(obs.ByHourOfWeek), ObservationWindow.ByHourOfDay(simPerRep),
            ObservationWindow.ByHourOfDay(obsOccurrences), ObservationWindow.ByHourOfDay(simOccurrences), reps);
        var weekday = Compare("weekday", WeekdayNames,
            ObservationWindow.ByWeekday(obs.ByHourOfWeek), ObservationWindow.ByWeekday(simPerRep),
            ObservationWindow.ByWeekday(obsOccurrences).Select(h => h / 24).ToArray(), ObservationWindow.ByWeekday(simOccurrences).Select(h => h / 24).ToArray(), reps);

        var priorities = obs.Samples.Keys.Union(simTally.Samples.Keys).Order().ToArray();
        var mix = priorities.Select(p => new CountRow(
            "P" + p.ToString(CultureInfo.InvariantCulture),
            (double)obs.CallsByPriority.GetValueOrDefault(p) / obs.Calls,
            simTally.Calls == 0 ? double.NaN : (double)simTally.CallsByPriority.GetValueOrDefault(p) / simTally.Calls)).ToArray();
        var comparisons = priorities.Select(p => new PriorityComparison(p, Measures.Select((m, i) =>
        {
            var o = obs.Sorted(p, i);
            var s = simTally.Sorted(p, i);
            return new MeasureComparison(m, SampleSummary.FromSorted(o), SampleSummary.FromSorted(s), KsDistance(o, s), KsCritical(o.Length, s.Length));
        }).ToArray())).ToArray();

        return new FitCheckResult
        {
            ScenarioName = scenario.Name,
            SourceName = read.SourceName,
            PeriodDays = days,
            ObservedDays = window.Days,
            ObservedStart = window.Start,
            WarmupDays = warmup,
            Replications = reps,
            Seed = options.Seed,
            ObservedCalls = obs.Calls,
            SimulatedCalls = simTally.Calls,
            HourOfDay = hour,
            Weekday = weekday,
            PriorityMix = mix,
            Priorities = comparisons,
        };
    }

    /// <summary>
    /// The scenario's warm-up (days) extended by whole hours until the simulated clock (hour 0 = Monday 00:00) is at hour
    /// of week <paramref name="startHourOfWeek"/>, the data's first covered hour.
    /// </summary>
    public static double AlignedWarmupDays(double warmupDays, int startHourOfWeek)
    {
        var hours = Math.Ceiling(warmupDays * 24);
        var shift = ((startHourOfWeek - (long)hours) % 168 + 168) % 168;
        return (hours + shift) / 24;
    }

    /// <summary>Two-sample Kolmogorov–Smirnov distance between two sorted samples (ties stepped together); NaN when one is empty.</summary>
    public static double KsDistance(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0) return double.NaN;
        int i = 0, j = 0;
        var d = 0.0;
        while (i < a.Count && j < b.Count)
        {
            var x = Math.Min(a[i], b[j]);
            while (i < a.Count && a[i] <= x) i++;
            while (j < b.Count && b[j] <= x) j++;
            d = Math.Max(d, Math.Abs(((double)i / a.Count) - ((double)j / b.Count)));
        }
        return d;
    }

    /// <summary>The asymptotic 5% critical value of the two-sample KS distance: 1.358·√((n+m)/(n·m)).</summary>
    public static double KsCritical(int n, int m) => n == 0 || m == 0 ? double.NaN : 1.358 * Math.Sqrt((double)(n + m) / ((double)n * m));

    private static CountComparison Compare(string name, string[] labels, double[] observed, double[] simulatedPerRep,
        double[] obsOccurrences, double[] simOccurrences, int reps)
    {
        var rows = new CountRow[labels.Length];
        double chi = 0;
        var df = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var o = obsOccurrences[i] > 0 ? observed[i] / obsOccurrences[i] : double.NaN;
            var s = simOccurrences[i] > 0 ? simulatedPerRep[i] / simOccurrences[i] : double.NaN;
            rows[i] = new CountRow(labels[i], o, s);
            var expected = s * obsOccurrences[i];
            if (expected > 0)
            {
                chi += Math.Pow(observed[i] - expected, 2) / (expected * (1 + (1.0 / reps)));
                df++;
            }
        }
        var p = df > 0 ? 1 - ChiSquared.CDF(df, chi) : double.NaN;
        var mare = rows.Select(r => Math.Abs(r.RelativeError)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        return new CountComparison(name, rows, chi, df, p, mare);
    }

    /// <summary>Counts and samples (minutes) by priority, one list per measure in the order of <see cref="Measures"/>.</summary>
    private sealed class Tally(double maxOnScene)
    {
        public double[] ByHourOfWeek { get; } = new double[168];
        public int Calls { get; private set; }
        public SortedDictionary<int, int> CallsByPriority { get; } = [];
        public SortedDictionary<int, List<double>[]> Samples { get; } = [];

        public void Add(int priority, int hourOfWeek, double? queue, double? turnout, double? travel, double? response, double? onScene)
        {
            Calls++;
            ByHourOfWeek[hourOfWeek]++;
            CallsByPriority[priority] = CallsByPriority.GetValueOrDefault(priority) + 1;
            var lists = Lists(priority);
            // The observed side comes through ObservedIntervals; the simulated side gets the same 0..24 h window.
            double?[] intervals = [queue, turnout, travel, response];
            for (var i = 0; i < intervals.Length; i++)
                if (intervals[i] is { } v && v is >= 0 and <= ObservedIntervals.MaxMinutes) lists[i].Add(v);
            if (onScene is { } s && s > 0 && s <= maxOnScene) lists[^1].Add(s);
        }

        public void Merge(Tally other)
        {
            for (var w = 0; w < 168; w++) ByHourOfWeek[w] += other.ByHourOfWeek[w];
            Calls += other.Calls;
            foreach (var (p, n) in other.CallsByPriority) CallsByPriority[p] = CallsByPriority.GetValueOrDefault(p) + n;
            foreach (var (p, lists) in other.Samples)
            {
                var mine = Lists(p);
                for (var i = 0; i < mine.Length; i++) mine[i].AddRange(lists[i]);
            }
        }

        public double[] Sorted(int priority, int measure)
        {
            var values = Samples.TryGetValue(priority, out var lists) ? lists[measure].ToArray() : [];
            Array.Sort(values);
            return values;
        }

        private List<double>[] Lists(int priority)
        {
            if (!Samples.TryGetValue(priority, out var lists))
            {
                lists = [.. Measures.Select(_ => new List<double>())];
                Samples.Add(priority, lists);
            }
            return lists;
        }
    }

    /// <summary>Tallies the measured calls of one replication (each replication has its own sink: no locking).</summary>
    private sealed class SimSink(Tally tally) : ICallSink
    {
        public Tally Tally { get; } = tally;

        public void Call(CallRecord call)
        {
            if (!call.Measured) return;
            // Simulated time 0 is Monday 00:00, hour 0 of the model's weekly profile.
            var hourOfWeek = (int)Math.Floor(call.ArrivalMinutes / 60) % 168;
            Tally.Add(call.Priority, hourOfWeek,
                call.FirstDispatchMinutes - call.ArrivalMinutes,
                call.EnRouteMinutes - call.FirstDispatchMinutes,
                call.FirstOnSceneMinutes - call.EnRouteMinutes,
                call.FirstOnSceneMinutes - call.ArrivalMinutes,
                call.ClearMinutes - call.FirstOnSceneMinutes);
        }
    }
}
