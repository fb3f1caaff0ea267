namespace PatrolSim.Calibration.Fitting;

/// <summary>
/// The hours a CAD export covers: from the start of the hour of its first call to the end of the hour of its last call.
/// A partial first or last day therefore counts for the hours it covers, not as a whole day, in calls per day, the
/// weekly profile and fit-check's weekday and hour-of-day comparisons. Hour of week 0 is Monday 00:00, as in the model's
/// weekly profile.
/// </summary>
/// <param name="Start">First covered hour (a whole hour).</param>
/// <param name="End">End of the last covered hour (a whole hour, after <paramref name="Start"/>).</param>
public sealed record ObservationWindow(DateTime Start, DateTime End)
{
    /// <summary>The window of the given received times (at least one).</summary>
    public static ObservationWindow Of(IEnumerable<DateTime> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        DateTime? first = null, last = null;
        foreach (var t in received)
        {
            if (first is null || t < first) first = t;
            if (last is null || t > last) last = t;
        }
        if (first is not { } f || last is not { } l)
            throw new ArgumentException("no times: the window of an empty set of calls is undefined.", nameof(received));
        return new ObservationWindow(FloorToHour(f), FloorToHour(l).AddHours(1));
    }

    /// <summary>Covered hours.</summary>
    public double Hours => (End - Start).TotalHours;

    /// <summary>Covered days (hours / 24; fractional when a first or last day is partial).</summary>
    public double Days => Hours / 24;

    /// <summary>Hour of week of <see cref="Start"/> (0 = Monday 00:00).</summary>
    public int StartHourOfWeek => HourOfWeek(Start);

    /// <summary>How many covered hours fall on each hour of week (168 values).</summary>
    public double[] HourOfWeekOccurrences() => Occurrences(StartHourOfWeek, Hours);

    /// <summary>
    /// Hours of each hour of week (168 values) in a period of <paramref name="hours"/> starting at hour of week
    /// <paramref name="startHourOfWeek"/>; a final partial hour counts for its fraction.
    /// </summary>
    public static double[] Occurrences(int startHourOfWeek, double hours)
    {
        var occurrences = new double[168];
        for (var k = 0; k < hours; k++) occurrences[(startHourOfWeek + k) % 168] += Math.Min(1, hours - k);
        return occurrences;
    }

    /// <summary>Hour of week of a wall-clock time: 0 = Monday 00:00 … 167 = Sunday 23:00.</summary>
    public static int HourOfWeek(DateTime t) => ((((int)t.DayOfWeek + 6) % 7) * 24) + t.Hour;

    /// <summary>Sums 168 hour-of-week values into 24 hours of day.</summary>
    public static double[] ByHourOfDay(IReadOnlyList<double> hourOfWeek) => Fold(hourOfWeek, 24, w => w % 24);

    /// <summary>Sums 168 hour-of-week values into 7 weekdays (Monday first).</summary>
    public static double[] ByWeekday(IReadOnlyList<double> hourOfWeek) => Fold(hourOfWeek, 7, w => w / 24);

    private static double[] Fold(IReadOnlyList<double> hourOfWeek, int bins, Func<int, int> bin)
    {
        ArgumentNullException.ThrowIfNull(hourOfWeek);
        var result = new double[bins];
        for (var w = 0; w < hourOfWeek.Count; w++) result[bin(w)] += hourOfWeek[w];
        return result;
    }

    private static DateTime FloorToHour(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, t.Kind);
}
