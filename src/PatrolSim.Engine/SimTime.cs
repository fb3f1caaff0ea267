using System.Globalization;

namespace PatrolSim.Engine;

/// <summary>
/// A point in (or span of) simulated time: a whole number of milliseconds in one <see cref="long"/>.
/// Day 0 starts Monday 00:00. The range covers ±292 million years, so any horizon a scenario can
/// ask for (validated elsewhere to at most 100 years) is far from overflow; arithmetic is checked all the same.
/// </summary>
public readonly struct SimTime : IEquatable<SimTime>, IComparable<SimTime>
{
    /// <summary>Ticks per second: one tick is one millisecond.</summary>
    public const long TicksPerSecond = 1000;

    /// <summary>Ticks per minute.</summary>
    public const long TicksPerMinute = 60 * TicksPerSecond;

    /// <summary>Ticks per hour.</summary>
    public const long TicksPerHour = 60 * TicksPerMinute;

    /// <summary>Ticks per day.</summary>
    public const long TicksPerDay = 24 * TicksPerHour;

    /// <summary>Ticks per week.</summary>
    public const long TicksPerWeek = 7 * TicksPerDay;

    /// <summary>The longest horizon the engine promises to handle exactly (100 Julian years).</summary>
    public static readonly SimTime MaxHorizon = new(36525 * TicksPerDay);

    /// <summary>Time zero: Monday 00:00 of day 0.</summary>
    public static readonly SimTime Zero;

    /// <summary>A time later than any event: used for "never".</summary>
    public static readonly SimTime Never = new(long.MaxValue);

    /// <summary>Creates a time from a raw tick (millisecond) count.</summary>
    public SimTime(long ticks) => Ticks = ticks;

    /// <summary>The raw tick (millisecond) count.</summary>
    public long Ticks { get; }

    /// <summary>This time in minutes.</summary>
    public double TotalMinutes => Ticks / (double)TicksPerMinute;

    /// <summary>This time in hours.</summary>
    public double TotalHours => Ticks / (double)TicksPerHour;

    /// <summary>This time in days.</summary>
    public double TotalDays => Ticks / (double)TicksPerDay;

    /// <summary>Whole days since time zero (floor), i.e. the day index for a non-negative time.</summary>
    public long Day => Math.DivRem(Ticks, TicksPerDay, out long rem) - (rem < 0 ? 1 : 0);

    /// <summary>Hour of the week, 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00.</summary>
    public int HourOfWeek => (int)(((Ticks % TicksPerWeek) + TicksPerWeek) % TicksPerWeek / TicksPerHour);

    /// <summary>A time (or span) of the given minutes, rounded to the nearest millisecond.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or beyond ±<see cref="MaxHorizon"/> × 1000.</exception>
    public static SimTime FromMinutes(double minutes) => FromScaled(minutes, TicksPerMinute, nameof(minutes));

    /// <summary>A time (or span) of the given hours, rounded to the nearest millisecond.</summary>
    public static SimTime FromHours(double hours) => FromScaled(hours, TicksPerHour, nameof(hours));

    /// <summary>A time (or span) of the given days, rounded to the nearest millisecond.</summary>
    public static SimTime FromDays(double days) => FromScaled(days, TicksPerDay, nameof(days));

    /// <summary>A time (or span) of the given seconds, rounded to the nearest millisecond.</summary>
    public static SimTime FromSeconds(double seconds) => FromScaled(seconds, TicksPerSecond, nameof(seconds));

    private static SimTime FromScaled(double value, long scale, string name)
    {
        double ticks = Math.Round(value * scale, MidpointRounding.AwayFromZero);
        // 2^62 keeps a margin so that adding two such values cannot overflow a long.
        if (!double.IsFinite(ticks) || Math.Abs(ticks) > 4.6e18)
        {
            throw new ArgumentOutOfRangeException(name, value, "Simulated time must be finite and within ±146 million years.");
        }

        return new SimTime((long)ticks);
    }

    /// <summary>The later of two times.</summary>
    public static SimTime Max(SimTime a, SimTime b) => a.Ticks >= b.Ticks ? a : b;

    /// <summary>The earlier of two times.</summary>
    public static SimTime Min(SimTime a, SimTime b) => a.Ticks <= b.Ticks ? a : b;

    /// <summary>Checked sum.</summary>
    public static SimTime operator +(SimTime a, SimTime b) => new(checked(a.Ticks + b.Ticks));

    /// <summary>Checked difference.</summary>
    public static SimTime operator -(SimTime a, SimTime b) => new(checked(a.Ticks - b.Ticks));

    /// <summary>Scales a span by a whole factor (checked).</summary>
    public static SimTime operator *(SimTime a, long factor) => new(checked(a.Ticks * factor));

#pragma warning disable CS1591 // the comparison operators need no prose
    public static bool operator <(SimTime a, SimTime b) => a.Ticks < b.Ticks;
    public static bool operator >(SimTime a, SimTime b) => a.Ticks > b.Ticks;
    public static bool operator <=(SimTime a, SimTime b) => a.Ticks <= b.Ticks;
    public static bool operator >=(SimTime a, SimTime b) => a.Ticks >= b.Ticks;
    public static bool operator ==(SimTime a, SimTime b) => a.Ticks == b.Ticks;
    public static bool operator !=(SimTime a, SimTime b) => a.Ticks != b.Ticks;
#pragma warning restore CS1591

    /// <inheritdoc/>
    public bool Equals(SimTime other) => Ticks == other.Ticks;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SimTime t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode() => Ticks.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(SimTime other) => Ticks.CompareTo(other.Ticks);

    /// <summary>"day D HH:MM:SS.fff", invariant culture.</summary>
    public override string ToString()
    {
        long day = Day;
        long rem = Ticks - (day * TicksPerDay);
        var span = TimeSpan.FromMilliseconds(rem);
        return string.Create(CultureInfo.InvariantCulture, $"day {day} {span:hh\\:mm\\:ss\\.fff}");
    }
}
