using System.Globalization;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Experiments;

/// <summary>
/// The warm-up check of a run (docs/statistics.md, "Warm-up check"): MSER-5 on the daily mean response time, pooled
/// over the replications, locates the end of the initial transient; when that is later than the configured warm-up,
/// a paired t test over the replications asks whether the days in between really differ from the rest of the run.
/// </summary>
/// <param name="SeriesDays">
/// Days in the series (day 0 on, warm-up included; the last day of the run is left out, and so is every day from the
/// first scheduled policy change on).
/// </param>
/// <param name="Mser">MSER-5 on the pooled series (batches of 5 days).</param>
/// <param name="ConfiguredDays">horizon.warmupDays.</param>
/// <param name="FirstTestedDay">First day tested: the first whole day after the configured warm-up.</param>
/// <param name="Shift">
/// Mean over replications of the tested days' mean response time minus that of the days kept by MSER-5 (the same
/// weekdays when the scenario has a weekly cycle), minutes; NaN when nothing was tested.
/// </param>
/// <param name="PValue">Two-sided paired-t p-value of <paramref name="Shift"/> over the replications; NaN when not tested.</param>
/// <param name="Candidates">Truncation points MSER-5 could have chosen beyond the configured warm-up (the Bonferroni factor).</param>
public sealed record WarmupCheck(int SeriesDays, MserResult Mser, double ConfiguredDays, int FirstTestedDay, double Shift, double PValue, int Candidates)
{
    /// <summary>Observations (days) per MSER batch.</summary>
    public const int BatchDays = 5;

    /// <summary>Level of the confirming test, before its Bonferroni factor.</summary>
    public const double Alpha = 0.05;

    private const double MinutesPerDay = 1440;

    /// <summary>What the check looks at, for tables and files.</summary>
    public const string Method = "MSER-5 on the daily mean response time pooled over replications, confirmed by a paired t test over replications";

    /// <summary>The days MSER-5 would delete (a multiple of 5).</summary>
    public int SuggestedDays => Mser.Truncation;

    /// <summary>Whether the configured warm-up is too short: MSER-5 deletes more and the days in between differ (p × candidates &lt; 0.05).</summary>
    public bool WarmupTooShort => !double.IsNaN(PValue) && PValue * Candidates < Alpha;

    /// <summary>The warning to show, or null.</summary>
    public string? Warning(int replications)
    {
        if (!WarmupTooShort)
        {
            return null;
        }

        string where = Mser.TooShort
            ? $"the daily mean response time has not settled by half-way through the run (MSER-5 would delete at least the first {SuggestedDays} days)"
            : $"MSER-5 on the daily mean response time puts the end of the initial transient at day {SuggestedDays}";
        return string.Create(CultureInfo.InvariantCulture,
            $"the warm-up ({ConfiguredDays:0.##} days) looks too short: {where}, and days {FirstTestedDay}-{SuggestedDays - 1} differ from the rest of the run by {Shift:+0.00;-0.00} min on average (paired t over {replications} replications, p = {PValue:0.0000}, {Candidates} candidate points); set horizon.warmupDays to at least {SuggestedDays}{(Mser.TooShort ? " and simulate longer" : "")}.");
    }

    /// <summary>
    /// The check of a run, or null when the replications carry no daily series or the run is too short (fewer than 4
    /// batches of 5 days before the last day and before the first scheduled policy change, or a day without calls).
    /// </summary>
    public static WarmupCheck? Of(Scenario scenario, IReadOnlyList<ReplicationResult> results)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0 || results.Any(r => r.Daily is null))
        {
            return null;
        }

        // Whole days, leaving out the run's last day (its calls still open at the horizon are missing, so it leans short),
        // and every day from the first scheduled policy change on: a window changes the daily series by design, which the
        // check would take for an initial transient (policy-protest-night-2016.yaml's day 9, with 12 officers pulled and
        // 20% more calls for six hours, made MSER-5 delete 10 days and the test call days 2-9 different).
        int days = Math.Min(results.Min(r => r.Daily!.Days), (int)Math.Floor(scenario.Horizon.Days) - 1);
        if (scenario.Policy.Changes.Count > 0)
        {
            days = Math.Min(days, (int)Math.Floor(scenario.Policy.Changes.Min(c => c.AtMinutes) / MinutesPerDay));
        }

        if (days < 4 * BatchDays)
        {
            return null;
        }

        var pooled = new double[days];
        for (int d = 0; d < days; d++)
        {
            double sum = 0;
            long calls = 0;
            foreach (var r in results)
            {
                sum += r.Daily!.ResponseMinutes[d];
                calls += r.Daily.Calls[d];
            }

            if (calls == 0)
            {
                return null;
            }

            pooled[d] = sum / calls;
        }

        var mser = Engine.Statistics.Mser.Truncate(pooled, BatchDays);
        double warmup = scenario.Horizon.WarmupDays;
        int first = (int)Math.Ceiling(warmup - 1e-9);
        int candidates = Enumerable.Range(1, mser.Batches / 2).Count(d => d * BatchDays > first);
        if (mser.Truncation <= first)
        {
            return new WarmupCheck(days, mser, warmup, first, double.NaN, double.NaN, candidates);
        }

        bool weekly = MeasuredPeriod.HasWeeklyCycle(scenario);
        var shifts = results.Select(r => ShiftOf(r.Daily!, first, mser.Truncation, days, weekly)).ToArray();
        var ci = ConfidenceInterval.StudentT(shifts);
        return new WarmupCheck(days, mser, warmup, first, ci.Mean, ci.PValue, candidates);
    }

    /// <summary>
    /// One replication's mean over days [from, to) of (the day's mean response − the mean of the days kept, [to, end),
    /// of the same weekday when <paramref name="weekly"/>); NaN when no day has calls.
    /// </summary>
    private static double ShiftOf(DailySeries daily, int from, int to, int end, bool weekly)
    {
        var tally = default(Tally);
        for (int d = from; d < to; d++)
        {
            double x = daily.MeanResponse(d);
            var kept = default(Tally);
            for (int k = to; k < end; k++)
            {
                double y = daily.MeanResponse(k);
                if ((!weekly || k % 7 == d % 7) && !double.IsNaN(y))
                {
                    kept.Add(y);
                }
            }

            if (!double.IsNaN(x) && kept.Count > 0)
            {
                tally.Add(x - kept.Mean);
            }
        }

        return tally.Mean;
    }
}
