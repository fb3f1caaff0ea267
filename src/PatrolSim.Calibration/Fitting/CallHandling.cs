using System.Globalization;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Checking;

namespace PatrolSim.Calibration.Fitting;

/// <summary>An observed interval (minutes) and the lognormal fitted to its positive values.</summary>
/// <param name="Observed">n, p10, median, p90 and mean of every value, zeros included (R-8 quantiles).</param>
/// <param name="ZeroShare">Share of values equal to 0 (a lognormal has none; they are left out of its fit).</param>
/// <param name="LogNormal">Maximum-likelihood lognormal of the positive values: <see cref="DurationFit.Mean"/>,
/// <see cref="DurationFit.Cv"/>, μ, σ and the Kolmogorov–Smirnov distance to those values; kind <c>Default</c>, with NaN
/// figures, when fewer than two values are positive.</param>
public sealed record IntervalFit(SampleSummary Observed, double ZeroShare, DurationFit LogNormal)
{
    /// <summary>The values, ascending (what <see cref="Observed"/> summarises).</summary>
    public IReadOnlyList<double> Sorted { get; init; } = [];

    /// <summary>Summarises and fits the values (minutes, all ≥ 0).</summary>
    public static IntervalFit Of(IEnumerable<double> minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        var sorted = minutes.Order().ToArray();
        var zeros = sorted.Count(m => m <= 0);
        var fit = DurationFit.Fit(sorted, ObservedIntervals.MaxMinutes, ksThreshold: double.PositiveInfinity, empiricalPoints: 0, defaultMean: double.NaN);
        if (fit.Kind == DurationFitKind.Default) fit = fit with { Cv = double.NaN }; // nothing fitted: no exponential default here
        return new IntervalFit(SampleSummary.FromSorted(sorted), sorted.Length == 0 ? double.NaN : (double)zeros / sorted.Length, fit) { Sorted = sorted };
    }
}

/// <summary>Call handling of one priority's citizen calls.</summary>
/// <param name="Priority">Priority 1..9.</param>
/// <param name="Intake">Received → queued (call-taking and entry), every citizen call with both times.</param>
/// <param name="DispatchAtLowLoad">Queued → first dispatch of the calls queued at low load (see <see cref="CallHandlingFit.LowLoad"/>).</param>
public sealed record PriorityCallHandling(int Priority, IntervalFit Intake, IntervalFit DispatchAtLowLoad);

/// <summary>
/// A priority's hold (stacking) time for the scenario's <c>policy.dispatch.holdMinutes</c>: the low-load queued → dispatched
/// time beyond the dispatcher's processing. Each low-load time minus the processing mean, floored at 0, makes the sample;
/// <see cref="Hold"/> is that sample as an empirical distribution (every value, zeros included, resampled uniformly), so
/// the hold plus a processing draw keeps the low-load median, mean and tail. Quantiles or a lognormal would not: 50
/// quantiles lose 5–8% of the mean in the far tail, and the lognormal's mean is 43% high for P4 in Alexandria.
/// </summary>
/// <param name="Priority">Priority 1..9.</param>
/// <param name="Hold">The fitted hold, minutes (kind empirical).</param>
/// <param name="LowLoad">The low-load queued → dispatched times it comes from.</param>
/// <param name="ProcessingMean">The processing mean subtracted, minutes.</param>
public sealed record HoldFit(int Priority, DurationFit Hold, IntervalFit LowLoad, double ProcessingMean);

/// <summary>
/// The time a call spends before dispatch that is not waiting for a unit, by priority: intake (received → queued) and the
/// dispatcher's processing (queued → dispatched) when the centre is not busy. Data for the scenario's
/// <c>callHandling:</c> section (<c>intake:</c> per priority, <c>dispatch:</c>).
/// </summary>
/// <param name="Priorities">By priority, citizen calls only.</param>
/// <param name="LowLoadMaxWaiting">A call is queued at low load when at most this many other calls are waiting for dispatch then.</param>
/// <param name="LowLoadShare">Share of the citizen calls with a queued → dispatched time that were queued at low load.</param>
public sealed record CallHandlingFit(IReadOnlyList<PriorityCallHandling> Priorities, int LowLoadMaxWaiting, double LowLoadShare)
{
    /// <summary>Fewest low-load dispatch times for a priority to get a hold (<see cref="Holds"/>).</summary>
    public const int MinDispatchSamples = 30;

    /// <summary>
    /// Fewest low-load dispatch times for <see cref="DispatchProcessing"/> to use a priority. Lower than
    /// <see cref="MinDispatchSamples"/> on purpose: urgent calls are few, and taking a less urgent priority instead would
    /// read its holds as processing (Alexandria's first 7 weeks have 27 low-load P1 times; with 30 the processing became
    /// P2's, mean 6.1 min, and every P1 call waited for it).
    /// </summary>
    public const int MinProcessingSamples = 10;

    /// <summary>
    /// The dispatcher's processing time estimate for the scenario's <c>callHandling.processingMinutes</c>: the low-load
    /// dispatch of the most urgent priority with at least <see cref="MinProcessingSamples"/> times (less urgent calls wait
    /// for a unit, or are held, even when no other call waits); null when none has that many.
    /// </summary>
    public PriorityCallHandling? DispatchProcessing =>
        Priorities.OrderBy(p => p.Priority).FirstOrDefault(p => p.DispatchAtLowLoad.Observed.N >= MinProcessingSamples);

    /// <summary>A priority is held when its low-load median dispatch is at least this many times the processing median.</summary>
    public const double HoldMinRatio = 2;

    /// <summary>Fewest intake times for a priority's own intake distribution; fewer use <see cref="PooledIntake"/>.</summary>
    public const int MinIntakeSamples = 30;

    /// <summary>Intake (received → queued) of every citizen call with both times, all priorities pooled: the scenario's <c>default</c> intake.</summary>
    public IntervalFit? PooledIntake { get; init; }

    /// <summary>
    /// Holds for <c>policy.dispatch.holdMinutes</c>: every priority other than the processing one with at least
    /// <see cref="MinDispatchSamples"/> low-load times whose median is at least <see cref="HoldMinRatio"/> × the processing
    /// median (its calls wait even when nothing else does: held, not processed); empty without a processing estimate.
    /// </summary>
    public IReadOnlyList<HoldFit> Holds
    {
        get
        {
            if (DispatchProcessing is not { } processing || processing.DispatchAtLowLoad.LogNormal.Kind == DurationFitKind.Default) return [];
            var proc = processing.DispatchAtLowLoad.Observed;
            return [.. Priorities
                .Where(p => p.Priority != processing.Priority && p.DispatchAtLowLoad.Observed.N >= MinDispatchSamples
                            && p.DispatchAtLowLoad.Observed.P50 > 0 && p.DispatchAtLowLoad.Observed.P50 >= HoldMinRatio * proc.P50)
                .Select(p => new HoldFit(p.Priority, Excess(p.DispatchAtLowLoad.Sorted, proc.Mean), p.DispatchAtLowLoad, proc.Mean))];
        }
    }

    /// <summary>Empirical distribution of every max(0, x − shift) over a sorted sample (ascending, as the sample).</summary>
    private static DurationFit Excess(IReadOnlyList<double> sorted, double shift)
    {
        var excess = sorted.Select(x => Math.Max(0, x - shift)).ToArray();
        var mean = excess.Average();
        var sd = Math.Sqrt(excess.Average(q => (q - mean) * (q - mean)));
        return new DurationFit(DurationFitKind.Empirical, excess.Length, mean, mean > 0 ? sd / mean : 0, double.NaN, double.NaN, double.NaN, excess, 0)
        {
            SampleMean = mean,
        };
    }

    /// <summary>How low load is defined, in one line.</summary>
    public string LowLoad => string.Create(CultureInfo.InvariantCulture,
        $"low load = at most {LowLoadMaxWaiting} other call(s) waiting for dispatch (received, not yet dispatched; any priority, self-initiated included) when the call was queued: {LowLoadShare:0.0%} of citizen calls");

    /// <summary>
    /// Fits the citizen calls of <paramref name="calls"/>; null when no call has a queued time. Waiting calls are every call
    /// (self-initiated included) between its received and dispatched times; calls never dispatched are not counted as waiting.
    /// </summary>
    public static CallHandlingFit? Fit(IReadOnlyList<CadCall> calls, int lowLoadMaxWaiting = 0)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (!calls.Any(c => c.Queued.HasValue)) return null;
        var waiting = new WaitingCalls(calls);
        var citizen = calls.Where(c => !c.SelfInitiated).ToArray();
        var dispatchable = citizen.Where(c => ObservedIntervals.QueuedToDispatchMinutes(c).HasValue).ToArray();
        var lowLoad = dispatchable.Where(c => waiting.OthersWaitingAt(c, c.Received + c.Queued!.Value) <= lowLoadMaxWaiting).ToHashSet();
        var priorities = citizen.GroupBy(c => c.Priority).OrderBy(g => g.Key).Select(g => new PriorityCallHandling(g.Key,
            IntervalFit.Of(g.Select(ObservedIntervals.HandlingMinutes).OfType<double>()),
            IntervalFit.Of(g.Where(lowLoad.Contains).Select(ObservedIntervals.QueuedToDispatchMinutes).OfType<double>()))).ToArray();
        return new CallHandlingFit(priorities, lowLoadMaxWaiting, dispatchable.Length == 0 ? double.NaN : (double)lowLoad.Count / dispatchable.Length)
        {
            PooledIntake = IntervalFit.Of(citizen.Select(ObservedIntervals.HandlingMinutes).OfType<double>()),
        };
    }

    /// <summary>Counts calls waiting for dispatch (received &lt; t &lt; dispatched) at a time, by binary search over sorted ends.</summary>
    private sealed class WaitingCalls
    {
        private readonly DateTime[] _starts;
        private readonly DateTime[] _ends;

        public WaitingCalls(IEnumerable<CadCall> calls)
        {
            var intervals = calls.Where(c => c.Dispatched > TimeSpan.Zero).Select(c => (Start: c.Received, End: c.Received + c.Dispatched!.Value)).ToArray();
            _starts = intervals.Select(i => i.Start).Order().ToArray();
            _ends = intervals.Select(i => i.End).Order().ToArray();
        }

        /// <summary>Calls other than <paramref name="self"/> with received &lt; t &lt; dispatched (an end ≤ t implies its start &lt; t).</summary>
        public int OthersWaitingAt(CadCall self, DateTime t)
        {
            var waiting = CountBelow(_starts, t, inclusive: false) - CountBelow(_ends, t, inclusive: true);
            var selfWaiting = self.Dispatched is { } d && self.Received < t && t < self.Received + d;
            return waiting - (selfWaiting ? 1 : 0);
        }

        private static int CountBelow(DateTime[] sorted, DateTime t, bool inclusive)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (sorted[mid] < t || (inclusive && sorted[mid] == t)) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }
}
