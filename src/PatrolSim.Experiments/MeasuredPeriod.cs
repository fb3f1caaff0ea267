using System.Globalization;
using PatrolSim.Model.Definition;

namespace PatrolSim.Experiments;

/// <summary>
/// The measured period of a scenario (horizon.days − warmupDays) and the whole-weeks rule: under a weekly cycle (a
/// demand profile that differs between weekdays, or a roster that does) only a whole number of weeks counts every
/// hour of the week equally often; any other length weights some weekdays more than others, and the means then
/// describe no real week. docs/statistics.md, "Whole weeks".
/// </summary>
public static class MeasuredPeriod
{
    private const double Tolerance = 1e-9;

    /// <summary>Days measured: horizon.days − warmupDays.</summary>
    public static double Days(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Horizon.Days - scenario.Horizon.WarmupDays;
    }

    /// <summary>
    /// Whether the scenario repeats week by week rather than day by day: its 168-hour demand profile is not the same
    /// 24 hours seven times (a <c>daily:</c> profile that is not flat, or a weekly one that differs by weekday), or a
    /// shift starts on some weekdays only or has officers by weekday that differ.
    /// </summary>
    public static bool HasWeeklyCycle(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var profile = scenario.Demand.WeeklyProfile;
        for (int h = 24; h < profile.Count; h++)
        {
            if (Math.Abs(profile[h] - profile[h % 24]) > Tolerance)
            {
                return true;
            }
        }

        return scenario.Staffing.Shifts.Any(s =>
            (s.Days is { } days && Enumerable.Range(0, 7).Any(d => !days.Contains(d)))
            || (s.OfficersByWeekday is { Count: > 0 } byDay && byDay.Distinct().Count() > 1));
    }

    /// <summary>Whether <paramref name="days"/> is a whole number of weeks (at least one).</summary>
    public static bool IsWholeWeeks(double days)
    {
        double weeks = days / 7;
        return weeks >= 1 - Tolerance && Math.Abs(weeks - Math.Round(weeks)) < Tolerance;
    }

    /// <summary>
    /// The horizon.days that measures whole weeks after the scenario's warm-up: the warm-up plus the nearest whole
    /// number of weeks to the measured period (at least one).
    /// </summary>
    public static double WholeWeeksHorizon(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        double weeks = Math.Max(1, Math.Round(Days(scenario) / 7, MidpointRounding.AwayFromZero));
        return scenario.Horizon.WarmupDays + (7 * weeks);
    }

    /// <summary>The warning for a scenario with a weekly cycle whose measured period is not whole weeks; null otherwise.</summary>
    public static string? Warning(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        double measured = Days(scenario);
        if (!HasWeeklyCycle(scenario) || IsWholeWeeks(measured))
        {
            return null;
        }

        var h = scenario.Horizon;
        double fixedDays = WholeWeeksHorizon(scenario);
        double weeks = (fixedDays - h.WarmupDays) / 7;
        return string.Create(CultureInfo.InvariantCulture,
            $"the measured period is {Fmt(measured)} days (horizon.days {Fmt(h.Days)} less {Fmt(h.WarmupDays)} warm-up days), not whole weeks, and the scenario's demand or roster varies by weekday: some weekdays count more often than others; set horizon.days to {Fmt(fixedDays)} ({Fmt(weeks)} week{(weeks == 1 ? "" : "s")} after the warm-up) or another warm-up plus whole weeks.");
    }

    private static string Fmt(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
