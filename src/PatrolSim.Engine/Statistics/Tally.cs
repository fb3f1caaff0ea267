namespace PatrolSim.Engine.Statistics;

/// <summary>
/// Running count, mean, variance (Welford 1962, numerically stable), minimum and maximum of observations.
/// Welford's recurrences run on the data shifted by the first observation, so a large common offset
/// (e.g. times of day in milliseconds) costs no digits of the mean. A mutable struct: keep it in a
/// field and update it in place.
/// </summary>
public struct Tally
{
    private double _shift;
    private double _mean; // of the shifted data
    private double _m2;
    private double _min;
    private double _max;

    /// <summary>Number of observations.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the observations.</summary>
    public double Sum { get; private set; }

    /// <summary>Smallest observation (NaN when empty).</summary>
    public readonly double Min => Count == 0 ? double.NaN : _min;

    /// <summary>Largest observation (NaN when empty).</summary>
    public readonly double Max => Count == 0 ? double.NaN : _max;

    /// <summary>Mean (NaN when empty).</summary>
    public readonly double Mean => Count == 0 ? double.NaN : _shift + _mean;

    /// <summary>Sample variance with n − 1 (NaN with fewer than two observations).</summary>
    public readonly double Variance => Count < 2 ? double.NaN : _m2 / (Count - 1);

    /// <summary>Sample standard deviation.</summary>
    public readonly double StdDev => Math.Sqrt(Variance);

    /// <summary>Adds one observation.</summary>
    public void Add(double x)
    {
        if (Count == 0)
        {
            _shift = x;
            _min = x;
            _max = x;
        }
        else
        {
            if (x < _min)
            {
                _min = x;
            }

            if (x > _max)
            {
                _max = x;
            }
        }

        Count++;
        Sum += x;
        double y = x - _shift;
        double delta = y - _mean;
        _mean += delta / Count;
        _m2 += delta * (y - _mean);
    }

    /// <summary>Combines another tally into this one (Chan et al. parallel formula).</summary>
    public void Merge(in Tally other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = other;
            return;
        }

        long n = Count + other.Count;
        double delta = (other._shift - _shift) + (other._mean - _mean);
        _m2 += other._m2 + (delta * delta * Count * other.Count / n);
        _mean += delta * other.Count / n;
        Sum += other.Sum;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
        Count = n;
    }
}
