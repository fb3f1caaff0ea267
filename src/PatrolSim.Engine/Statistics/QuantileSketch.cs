namespace PatrolSim.Engine.Statistics;

/// <summary>
/// Quantiles of non-negative observations with bounded relative error, in fixed memory: a
/// logarithmic histogram (the DDSketch idea, Masson et al. 2019). With relative accuracy α every
/// non-zero value x falls into bucket ⌈log_γ x⌉ with γ = (1+α)/(1−α), and a quantile is answered by
/// the bucket's representative 2γⁱ/(γ+1), within α·x of the true order statistic. Exact zeros (calls
/// never delayed) have their own counter. Sketches merge exactly. The buckets are allocated for the whole range up
/// front (adding allocates nothing), or, for a sketch made to grow, as a window over the buckets values have fallen
/// in, doubled when a value falls outside it: a sketch of response times then holds a few hundred buckets of the
/// 4,000-odd its range allows, so the thousands of per-beat sketches of a big city stay in the caches (issue 28 item
/// 4); adding allocates only when the window grows, which stops once the range is seen.
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

    // Buckets 0.._buckets-1 (bucket i holds index _minIndex + i); _counts[j] is bucket _offset + j.
    private readonly int _buckets;
    private long[] _counts = [];
    private int _offset;

    // The buckets holding observations lie in [_low, _high] (empty when _low > _high): clearing, merging and
    // quantiles touch only those.
    private int _low = int.MaxValue;
    private int _high = -1;
    private long _zeros;
    private long _below;
    private long _above;

    /// <summary>Creates a sketch for values from <paramref name="minValue"/> to <paramref name="maxValue"/>.</summary>
    /// <param name="relativeAccuracy">α in (0, 0.1].</param>
    /// <param name="minValue">Smallest positive value resolved; smaller positive values count as this value.</param>
    /// <param name="maxValue">Largest value resolved; larger values count as this value.</param>
    /// <param name="grow">Whether the buckets are a window grown to the values seen rather than allocated for the whole range.</param>
    public QuantileSketch(double relativeAccuracy = DefaultRelativeAccuracy, double minValue = 1e-4, double maxValue = 1e7, bool grow = false)
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
        _buckets = maxIndex - _minIndex + 1;
        if (!grow)
        {
            _counts = new long[_buckets];
        }
    }

    /// <summary>The relative accuracy α.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>Number of observations.</summary>
    public long Count { get; private set; }

    private int Index(double x) => (int)Math.Ceiling(Math.Log(x) * _inverseLogGamma);

    /// <summary>Adds one observation (negative values and NaN are programmer errors).</summary>
    public void Add(double x) => AddAt(BucketOf(x));

    /// <summary>
    /// Adds one observation and returns its bucket, so that sketches of the same settings (<see cref="HasSameSettings"/>)
    /// can be given the same observation by <see cref="AddBucket"/> without another logarithm: a call's response goes
    /// to its priority's sketch and, maybe later, to its beat's.
    /// </summary>
    public int AddReturningBucket(double x)
    {
        int bucket = BucketOf(x);
        AddAt(bucket);
        return bucket;
    }

    /// <summary>Adds the observation that <see cref="AddReturningBucket"/> of a sketch with the same settings put in <paramref name="bucket"/>.</summary>
    public void AddBucket(int bucket)
    {
        if (bucket < -1 || bucket > _buckets + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), bucket, $"A bucket of this sketch is from -1 to {_buckets + 1}.");
        }

        AddAt(bucket);
    }

    /// <summary>Whether <paramref name="other"/> has the same accuracy and range: the two merge and share buckets.</summary>
    public bool HasSameSettings(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other._buckets == _buckets && other._minIndex == _minIndex && other.RelativeAccuracy == RelativeAccuracy;
    }

    /// <summary>The bucket of <paramref name="x"/>: -1 for an exact zero, else 0 to _buckets + 1, where 0 and _buckets + 1 stand for values below and above the range.</summary>
    private int BucketOf(double x)
    {
        if (!(x >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Quantile sketches take non-negative values.");
        }

        return x == 0 ? -1 : Math.Clamp(Index(x) - _minIndex + 1, 0, _buckets + 1);
    }

    private void AddAt(int bucket)
    {
        Count++;
        if (bucket < 0)
        {
            _zeros++;
            return;
        }

        int i = bucket - 1;
        if (i < 0)
        {
            _below++;
            i = 0;
        }
        else if (i >= _buckets)
        {
            _above++;
            i = _buckets - 1;
        }

        if ((uint)(i - _offset) >= (uint)_counts.Length)
        {
            Cover(i, i);
        }

        _counts[i - _offset]++;
        _low = Math.Min(_low, i);
        _high = Math.Max(_high, i);
    }

    /// <summary>Adds every observation of another sketch with the same settings.</summary>
    public void Merge(QuantileSketch other)
    {
        RequireSameSettings(other);

        if (other._high >= other._low)
        {
            Cover(other._low, other._high);
        }

        for (int i = other._low; i <= other._high; i++)
        {
            _counts[i - _offset] += other._counts[i - other._offset];
        }

        _low = Math.Min(_low, other._low);
        _high = Math.Max(_high, other._high);

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
        if (_high >= _low)
        {
            Array.Clear(_counts, _low - _offset, _high - _low + 1);
        }

        _low = int.MaxValue;
        _high = -1;
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
        for (int i = _low; i <= _high; i++)
        {
            seen += _counts[i - _offset];
            if (seen > rank)
            {
                return 2.0 * Math.Pow(_gamma, i + _minIndex) / (_gamma + 1.0);
            }
        }

        return 2.0 * Math.Pow(_gamma, _buckets - 1 + _minIndex) / (_gamma + 1.0);
    }

    /// <summary>Merging and sharing a bucket need the same accuracy and range: the same buckets.</summary>
    private void RequireSameSettings(QuantileSketch other)
    {
        if (!HasSameSettings(other))
        {
            throw new ArgumentException("Only sketches with the same accuracy and range merge or share a bucket.", nameof(other));
        }
    }

    /// <summary>Grows the window of buckets, if need be, to hold buckets <paramref name="from"/> to <paramref name="to"/> and every bucket in use.</summary>
    private void Cover(int from, int to)
    {
        if (from >= _offset && to < _offset + _counts.Length)
        {
            return;
        }

        int low = Math.Min(from, _low), high = Math.Max(to, _high);
        int length = Math.Min(_buckets, Math.Max(Math.Max(2 * _counts.Length, 256), 2 * (high - low + 1)));

        // Centred on the buckets in use, so the window grows as readily down as up, and within the range.
        int offset = Math.Clamp(low - ((length - (high - low + 1)) / 2), 0, _buckets - length);
        var counts = new long[length];
        if (_high >= _low)
        {
            Array.Copy(_counts, _low - _offset, counts, _low - offset, _high - _low + 1);
        }

        _counts = counts;
        _offset = offset;
    }
}
