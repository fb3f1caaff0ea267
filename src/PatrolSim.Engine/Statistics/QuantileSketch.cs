namespace PatrolSim.Engine.Statistics;

/// <summary>
/// Quantiles of non-negative observations with bounded relative error, in fixed memory: a
/// logarithmic histogram (the DDSketch idea, Masson et al. 2019). With relative accuracy α every
/// non-zero value x falls into bucket ⌈log_γ x⌉ with γ = (1+α)/(1−α), and a quantile is answered by
/// the bucket's representative 2γⁱ/(γ+1), within α·x of the true order statistic. Exact zeros (calls
/// never delayed) have their own counter. Adding allocates nothing; sketches merge exactly.
/// </summary>
public sealed class QuantileSketch
{
    /// <summary>Default relative accuracy: 0.25%, half of the 0.5% PatrolSim promises.</summary>
    public const double DefaultRelativeAccuracy = 0.0025;

    private readonly double _minValue;
    private readonly double _maxValue;
    private readonly double _gamma;
    private readonly double _logGamma;
    private readonly double _inverseLogGamma;
    private readonly int _minIndex;
    private readonly long[] _counts;
    private long _zeros;
    private long _below;
    private long _above;

    /// <summary>Creates a sketch for values from <paramref name="minValue"/> to <paramref name="maxValue"/>.</summary>
    /// <param name="relativeAccuracy">α in (0, 0.1].</param>
    /// <param name="minValue">Smallest positive value resolved; smaller positive values count as this value.</param>
    /// <param name="maxValue">Largest value resolved; larger values count as this value.</param>
    public QuantileSketch(double relativeAccuracy = DefaultRelativeAccuracy, double minValue = 1e-4, double maxValue = 1e7)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy <= 0.1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), relativeAccuracy, "Relative accuracy must be in (0, 0.1].");
        }

        if (!(minValue > 0 && maxValue > minValue && double.IsFinite(maxValue)))
        {
            throw new ArgumentException("Need 0 < minValue < maxValue < ∞.", nameof(minValue));
        }

        RelativeAccuracy = relativeAccuracy;
        _minValue = minValue;
        _maxValue = maxValue;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _logGamma = Math.Log(_gamma);
        _inverseLogGamma = 1.0 / _logGamma;
        _minIndex = Index(minValue);
        int maxIndex = Index(maxValue);
        _counts = new long[maxIndex - _minIndex + 1];
    }

    /// <summary>The relative accuracy α.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>Number of observations.</summary>
    public long Count { get; private set; }

    private int Index(double x) => (int)Math.Ceiling(Math.Log(x) * _inverseLogGamma);

    /// <summary>Adds one observation (negative values and NaN are programmer errors).</summary>
    public void Add(double x)
    {
        if (!(x >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Quantile sketches take non-negative values.");
        }

        Count++;
        if (x == 0)
        {
            _zeros++;
            return;
        }

        int i = Index(x) - _minIndex;
        if (i < 0)
        {
            _below++;
            i = 0;
        }
        else if (i >= _counts.Length)
        {
            _above++;
            i = _counts.Length - 1;
        }

        _counts[i]++;
    }

    /// <summary>Adds every observation of another sketch with the same settings.</summary>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._counts.Length != _counts.Length || other._minIndex != _minIndex || other.RelativeAccuracy != RelativeAccuracy)
        {
            throw new ArgumentException("Only sketches with the same accuracy and range merge.", nameof(other));
        }

        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        _zeros += other._zeros;
        _below += other._below;
        _above += other._above;
        Count += other.Count;
    }

    /// <summary>
    /// A new sketch with the settings of the first of <paramref name="sketches"/> holding the observations of them all
    /// (the pooled distribution of several replications' values); the inputs are not changed.
    /// </summary>
    public static QuantileSketch Merged(IEnumerable<QuantileSketch> sketches)
    {
        ArgumentNullException.ThrowIfNull(sketches);
        QuantileSketch? merged = null;
        foreach (var sketch in sketches)
        {
            merged ??= new QuantileSketch(sketch.RelativeAccuracy, sketch._minValue, sketch._maxValue);
            merged.Merge(sketch);
        }

        return merged ?? throw new ArgumentException("At least one sketch is needed.", nameof(sketches));
    }

    /// <summary>Forgets every observation.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        _zeros = _below = _above = 0;
        Count = 0;
    }

    /// <summary>
    /// The q-quantile (lower order statistic of rank ⌊q·(n−1)⌋, zero-based), within the relative
    /// accuracy. NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "q must be in [0, 1].");
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        long rank = (long)Math.Floor(q * (Count - 1));
        if (rank < _zeros)
        {
            return 0.0;
        }

        long seen = _zeros;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen > rank)
            {
                return 2.0 * Math.Pow(_gamma, i + _minIndex) / (_gamma + 1.0);
            }
        }

        return 2.0 * Math.Pow(_gamma, _counts.Length - 1 + _minIndex) / (_gamma + 1.0);
    }
}
