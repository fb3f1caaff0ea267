namespace PatrolSim.Reports.Charts;

/// <summary>Maps data values to pixel coordinates along one axis.</summary>
public abstract class Scale
{
    /// <summary>Pixel coordinate of a data value (for a band scale: of a category index, at the band centre).</summary>
    public abstract double Map(double value);
}

/// <summary>A linear map from the domain [<see cref="DomainMin"/>, <see cref="DomainMax"/>] to pixels [<see cref="RangeStart"/>, <see cref="RangeEnd"/>] (RangeEnd may be smaller, as for a y axis).</summary>
public sealed class LinearScale(double domainMin, double domainMax, double rangeStart, double rangeEnd) : Scale
{
    /// <summary>Data value mapped to <see cref="RangeStart"/>.</summary>
    public double DomainMin { get; } = domainMin;

    /// <summary>Data value mapped to <see cref="RangeEnd"/>.</summary>
    public double DomainMax { get; } = domainMax;

    /// <summary>Pixel of the domain minimum.</summary>
    public double RangeStart { get; } = rangeStart;

    /// <summary>Pixel of the domain maximum.</summary>
    public double RangeEnd { get; } = rangeEnd;

    /// <inheritdoc />
    public override double Map(double value) =>
        RangeStart + ((value - DomainMin) / (DomainMax - DomainMin) * (RangeEnd - RangeStart));

    /// <summary>Whether a value lies within the domain (inclusive, with a small tolerance).</summary>
    public bool Contains(double value)
    {
        double eps = (DomainMax - DomainMin) * 1e-9;
        return value >= DomainMin - eps && value <= DomainMax + eps;
    }
}

/// <summary>Equal bands for categories along [<see cref="RangeStart"/>, <see cref="RangeEnd"/>], with inner and outer padding as fractions of a step.</summary>
public sealed class BandScale : Scale
{
    /// <summary>Creates a band scale over <paramref name="count"/> categories.</summary>
    public BandScale(int count, double rangeStart, double rangeEnd, double paddingInner, double paddingOuter)
    {
        Count = count;
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
        double n = Math.Max(1, count);
        Step = (rangeEnd - rangeStart) / (n - paddingInner + (2 * paddingOuter));
        BandWidth = Step * (1 - paddingInner);
        Offset = Step * paddingOuter;
    }

    /// <summary>Number of categories.</summary>
    public int Count { get; }

    /// <summary>Pixel where the first band's step starts.</summary>
    public double RangeStart { get; }

    /// <summary>Pixel where the last band's step ends.</summary>
    public double RangeEnd { get; }

    /// <summary>Distance between the starts of consecutive bands.</summary>
    public double Step { get; }

    /// <summary>Width of one band.</summary>
    public double BandWidth { get; }

    private double Offset { get; }

    /// <summary>Pixel where band <paramref name="index"/> starts.</summary>
    public double Start(int index) => RangeStart + Offset + (index * Step);

    /// <inheritdoc />
    public override double Map(double value) => Start((int)value) + (BandWidth / 2);
}
