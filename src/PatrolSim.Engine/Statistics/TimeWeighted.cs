namespace PatrolSim.Engine.Statistics;

/// <summary>
/// Time average of a piecewise-constant quantity (queue length, busy units): record each change with
/// its time; the average is ∫x dt / (t − start). Tracks the maximum too. Times are <see cref="SimTime"/>.
/// </summary>
public struct TimeWeighted
{
    private long _start;
    private long _last;
    private double _value;
    private double _area;
    private double _max;

    /// <summary>Starts observing at <paramref name="start"/> with the given value.</summary>
    public TimeWeighted(SimTime start, double value)
    {
        _start = start.Ticks;
        _last = start.Ticks;
        _value = value;
        _max = value;
        _area = 0;
    }

    /// <summary>The current value.</summary>
    public readonly double Current => _value;

    /// <summary>Largest value seen since the start.</summary>
    public readonly double Max => _max;

    /// <summary>Records that the quantity changes to <paramref name="value"/> at <paramref name="now"/>.</summary>
    public void Update(SimTime now, double value)
    {
        Advance(now);
        _value = value;
        if (value > _max)
        {
            _max = value;
        }
    }

    /// <summary>Forgets the past and starts anew at <paramref name="now"/> (end of warm-up), keeping the current value.</summary>
    public void Reset(SimTime now)
    {
        _start = now.Ticks;
        _last = now.Ticks;
        _area = 0;
        _max = _value;
    }

    /// <summary>The integral ∫x dt in value × hours up to <paramref name="now"/>.</summary>
    public readonly double AreaHours(SimTime now) =>
        (_area + (_value * Math.Max(0, now.Ticks - _last))) / SimTime.TicksPerHour;

    /// <summary>The time average up to <paramref name="now"/> (NaN for an empty interval).</summary>
    public readonly double Average(SimTime now)
    {
        long span = now.Ticks - _start;
        return span <= 0 ? double.NaN : AreaHours(now) * SimTime.TicksPerHour / span;
    }

    private void Advance(SimTime now)
    {
        if (now.Ticks > _last)
        {
            _area += _value * (now.Ticks - _last);
            _last = now.Ticks;
        }
    }
}
