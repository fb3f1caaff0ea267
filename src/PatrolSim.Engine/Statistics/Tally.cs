namespace PatrolSim.Engine.Statistics;

/// <summary>
/// Running count, mean, variance (Welford 1962, numerically stable), minimum and maximum of observations.
/// A mutable struct: keep it in a field and update it in place.
/// </summary>
public struct Tally
{
    private double _mean;
    private double _m2;

    /// <summary>Number of observations.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the observations.</summary>
    public double Sum { get; private set; }

    /// <summary>Smallest observation (NaN when empty).</summary>
    public double Min { get; private set; }

    /// <summary>Largest observation (NaN when empty).</summary>
    public double Max { get; private set; }

    /// <summary>Mean (NaN when empty).</summary>
    public readonly double Mean => Count == 0 ? double.NaN : _mean;

    /// <summary>Sample variance with n − 1 (NaN with fewer than two observations).</summary>
    public readonly double Variance => Count < 2 ? double.NaN : _m2 / (Count - 1);

    /// <summary>Sample standard deviation.</summary>
    public readonly double StdDev => Math.Sqrt(Variance);

    /// <summary>Adds one observation.</summary>
    public void Add(double x)
    {
        if (Count == 0)
        {
            Min = x;
            Max = x;
        }
        else
        {
            if (x < Min)
            {
                Min = x;
            }

            if (x > Max)
            {
                Max = x;
            }
        }

        Count++;
        Sum += x;
        double delta = x - _mean;
        _mean += delta / Count;
        _m2 += delta * (x - _mean);
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
        double delta = other._mean - _mean;
        _m2 += other._m2 + (delta * delta * Count * other.Count / n);
        _mean += delta * other.Count / n;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        Count = n;
    }
}
