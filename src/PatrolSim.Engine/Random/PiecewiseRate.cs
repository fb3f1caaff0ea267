namespace PatrolSim.Engine.Random;

/// <summary>
/// A cyclic piecewise-constant rate function (e.g. 168 hourly rates of a week) and its
/// non-homogeneous Poisson process, sampled by thinning (Lewis &amp; Shedler 1979) against the peak rate
/// (<see cref="NextArrival"/>) or by inverting the integrated rate (<see cref="NextByInversion"/>).
/// </summary>
public sealed class PiecewiseRate
{
    private readonly double[] _ratesPerTick;
    private readonly long _segmentTicks;
    private readonly long _cycleTicks;
    private readonly double _maxRatePerTick;
    private readonly double _cycleIntegral;
    private readonly bool _constant;

    /// <summary>Creates the rate function.</summary>
    /// <param name="ratesPerHour">Events per hour in each segment; non-negative, not all zero.</param>
    /// <param name="segment">Length of one segment (e.g. one hour).</param>
    public PiecewiseRate(IReadOnlyList<double> ratesPerHour, SimTime segment)
    {
        ArgumentNullException.ThrowIfNull(ratesPerHour);
        if (ratesPerHour.Count == 0)
        {
            throw new ArgumentException("At least one segment is needed.", nameof(ratesPerHour));
        }

        if (segment.Ticks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(segment), "Segments must be longer than zero.");
        }

        _segmentTicks = segment.Ticks;
        _cycleTicks = checked(segment.Ticks * ratesPerHour.Count);
        _ratesPerTick = new double[ratesPerHour.Count];
        for (int i = 0; i < _ratesPerTick.Length; i++)
        {
            double r = ratesPerHour[i];
            if (!(r >= 0) || double.IsInfinity(r))
            {
                throw new ArgumentException($"Rate {i} is {r}; rates must be finite and non-negative.", nameof(ratesPerHour));
            }

            _ratesPerTick[i] = r / SimTime.TicksPerHour;
            _maxRatePerTick = Math.Max(_maxRatePerTick, _ratesPerTick[i]);
        }

        _constant = _ratesPerTick.All(r => r == _maxRatePerTick);
        _cycleIntegral = _ratesPerTick.Sum() * _segmentTicks;
        if (_maxRatePerTick <= 0)
        {
            throw new ArgumentException("The rates must not all be zero.", nameof(ratesPerHour));
        }
    }

    /// <summary>The peak rate, events per hour.</summary>
    public double MaxRatePerHour => _maxRatePerTick * SimTime.TicksPerHour;

    /// <summary>The rate at time <paramref name="t"/>, events per hour.</summary>
    public double RatePerHour(SimTime t) => RatePerTick(t.Ticks) * SimTime.TicksPerHour;

    /// <summary>Mean rate over one cycle, events per hour.</summary>
    public double MeanRatePerHour => _ratesPerTick.Average() * SimTime.TicksPerHour;

    private double RatePerTick(long ticks)
    {
        long inCycle = ((ticks % _cycleTicks) + _cycleTicks) % _cycleTicks;
        return _ratesPerTick[inCycle / _segmentTicks];
    }

    /// <summary>
    /// The first event time strictly after <paramref name="now"/> (to the millisecond), by thinning a
    /// homogeneous process at the peak rate with exponential gaps and one acceptance uniform each.
    /// </summary>
    public SimTime NextArrival(SimTime now, Xoshiro256 rng, double multiplier = 1.0)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double peak = _maxRatePerTick * multiplier;
        if (!(peak > 0))
        {
            return SimTime.Never;
        }

        double t = now.Ticks;
        while (true)
        {
            t += rng.Exponential(1.0 / peak);
            if (t >= 9.2e18)
            {
                return SimTime.Never;
            }

            long tick = (long)Math.Ceiling(t);
            if (_constant)
            {
                // A homogeneous process: every candidate is accepted (and no acceptance uniform is drawn).
                return new SimTime(Math.Max(tick, now.Ticks + 1));
            }

            double accept = RatePerTick(tick) * multiplier / peak;
            if (accept >= 1.0 || rng.NextDouble() < accept)
            {
                return new SimTime(Math.Max(tick, now.Ticks + 1));
            }
        }
    }

    /// <summary>
    /// The first event time after <paramref name="now"/>, rounded to the nearest millisecond (so it may be
    /// <paramref name="now"/> itself, as a gap drawn with <see cref="SimTime.FromHours"/> may be zero), by inversion (Çinlar 1975): one
    /// unit exponential E, then the time at which the rate integrated from <paramref name="now"/> reaches E, segment by
    /// segment (whole cycles at once). One random number per event whatever the profile's shape, where thinning draws
    /// two per candidate and rejects a share 1 − mean/peak of them.
    /// </summary>
    public SimTime NextByInversion(SimTime now, Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double e = rng.Exponential(1.0);
        long t = now.Ticks;
        long inCycle = ((t % _cycleTicks) + _cycleTicks) % _cycleTicks;
        int segment = (int)(inCycle / _segmentTicks);
        double start = t;
        double segmentEnd = t - (inCycle % _segmentTicks) + _segmentTicks;
        while (true)
        {
            double rate = _ratesPerTick[segment];
            double room = rate * (segmentEnd - start);
            if (room >= e)
            {
                double at = start + (e / rate);
                return at >= 9.2e18 ? SimTime.Never : new SimTime(Math.Max((long)Math.Round(at), t));
            }

            e -= room;
            start = segmentEnd;
            segmentEnd += _segmentTicks;
            if (++segment == _ratesPerTick.Length)
            {
                segment = 0;
                double cycles = Math.Floor(e / _cycleIntegral);
                e -= cycles * _cycleIntegral;
                start += cycles * _cycleTicks;
                segmentEnd += cycles * _cycleTicks;
            }

            if (start >= 9.2e18)
            {
                return SimTime.Never;
            }
        }
    }
}
