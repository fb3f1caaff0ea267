using PatrolSim.Model.Definition;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Reports.Html;

/// <summary>
/// Collects the calls of one replication (an <see cref="ICallSink"/>) and derives the distributions and hour-of-day
/// profiles of the run report. Only calls that arrived after the warm-up count; officer time is counted inside the
/// measured window [warm-up, horizon].
/// </summary>
public sealed class HourlyProfile : ICallSink
{
    private readonly List<CallRecord> _calls = [];

    /// <inheritdoc />
    public void Call(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        _calls.Add(call);
    }

    /// <summary>The calls received, in the order the simulation reported them.</summary>
    public IReadOnlyList<CallRecord> Calls => _calls;

    /// <summary>Runs replication <paramref name="replication"/> of <paramref name="scenario"/> and collects its calls.</summary>
    public static HourlyProfile Collect(Scenario scenario, ulong seed, int replication = 0)
    {
        var profile = new HourlyProfile();
        new PatrolSimulation(scenario).Run(seed, replication, trace: null, calls: profile);
        return profile;
    }

    /// <summary>Response times (arrival to first officer on scene, minutes) of measured calls that had a unit on scene, by priority, in arrival order.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<double>> ResponseTimes()
    {
        var result = new SortedDictionary<int, IReadOnlyList<double>>();
        foreach (var g in _calls.Where(c => c.Measured && c.NeedsUnit && c.FirstOnSceneMinutes is not null)
                     .OrderBy(c => c.Id).GroupBy(c => c.Priority))
        {
            result[g.Key] = g.Select(c => c.FirstOnSceneMinutes!.Value - c.ArrivalMinutes).ToArray();
        }

        return result;
    }

    /// <summary>Measured calls per day by hour of arrival (24 values): count in hour h over the measured days.</summary>
    public double[] CallsPerHour(Horizon horizon)
    {
        ArgumentNullException.ThrowIfNull(horizon);
        double days = horizon.Days - horizon.WarmupDays;
        var counts = new double[24];
        foreach (var c in _calls.Where(c => c.Measured))
        {
            counts[HourOfDay(c.ArrivalMinutes)]++;
        }

        return counts.Select(n => n / days).ToArray();
    }

    /// <summary>Mean queue delay (arrival to first dispatch, minutes) of measured calls needing a unit, by hour of arrival; NaN for hours without such calls.</summary>
    public double[] MeanQueueDelayByHour()
    {
        var sum = new double[24];
        var n = new int[24];
        foreach (var c in _calls.Where(c => c.Measured && c.NeedsUnit && c.FirstDispatchMinutes is not null))
        {
            int h = HourOfDay(c.ArrivalMinutes);
            sum[h] += c.FirstDispatchMinutes!.Value - c.ArrivalMinutes;
            n[h]++;
        }

        return sum.Select((s, h) => n[h] == 0 ? double.NaN : s / n[h]).ToArray();
    }

    /// <summary>
    /// Mean officers committed to calls in each hour of the day: Σ over calls of officers × overlap of [first dispatch, clear]
    /// with that hour, inside the measured window, divided by the measured minutes of that hour of day. Calls still open at
    /// the horizon count until the horizon.
    /// </summary>
    public double[] CommittedOfficersByHour(Horizon horizon)
    {
        ArgumentNullException.ThrowIfNull(horizon);
        double start = horizon.WarmupDays * 1440, end = horizon.Days * 1440;
        var officerMinutes = new double[24];
        foreach (var c in _calls)
        {
            if (c.FirstDispatchMinutes is null || c.Officers <= 0)
            {
                continue;
            }

            double from = Math.Max(c.FirstDispatchMinutes.Value, start);
            double to = Math.Min(c.ClearMinutes ?? end, end);
            AddOverlap(officerMinutes, from, to, c.Officers);
        }

        var exposure = new double[24];
        AddOverlap(exposure, start, end, 1);
        return officerMinutes.Select((m, h) => exposure[h] <= 0 ? double.NaN : m / exposure[h]).ToArray();
    }

    /// <summary>
    /// Officers on duty in each hour of the day from the scenario's shifts (officers × staffing scale, rounded as the model
    /// does; a shift of 24 hours or more is on duty all day), averaged over the hour.
    /// </summary>
    public static double[] OnDutyByHour(Staffing staffing)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        var minutes = new double[24];
        foreach (var shift in staffing.Shifts)
        {
            int officers = staffing.OfficersOf(shift);
            if (shift.Hours >= 24)
            {
                AddOverlap(minutes, 0, 1440, officers);
                continue;
            }

            double s = shift.StartMinuteOfDay % 1440;
            double e = s + shift.Hours * 60;
            AddOverlap(minutes, s, Math.Min(e, 1440), officers);
            if (e > 1440)
            {
                AddOverlap(minutes, 0, e - 1440, officers);
            }
        }

        return minutes.Select(m => m / 60).ToArray();
    }

    /// <summary>Utilisation by hour of day: committed officers / officers on duty (NaN where nobody is on duty).</summary>
    public double[] UtilisationByHour(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var committed = CommittedOfficersByHour(scenario.Horizon);
        var onDuty = OnDutyByHour(scenario.Staffing);
        return committed.Select((c, h) => onDuty[h] <= 0 ? double.NaN : c / onDuty[h]).ToArray();
    }

    private static int HourOfDay(double minutes) => (int)(Math.Floor(minutes / 60) % 24);

    /// <summary>Adds weight × the minutes of [from, to) falling in each hour of the day (time in minutes since day 0).</summary>
    private static void AddOverlap(double[] byHour, double from, double to, double weight)
    {
        if (!(to > from))
        {
            return;
        }

        double hourStart = Math.Floor(from / 60) * 60;
        for (double t = hourStart; t < to; t += 60)
        {
            double overlap = Math.Min(to, t + 60) - Math.Max(from, t);
            if (overlap > 0)
            {
                byHour[(int)(Math.Floor(t / 60) % 24)] += overlap * weight;
            }
        }
    }
}
