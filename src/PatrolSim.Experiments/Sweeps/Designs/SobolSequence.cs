namespace PatrolSim.Experiments.Sweeps.Designs;

/// <summary>
/// The Sobol' low-discrepancy sequence in up to <see cref="MaxDimensions"/> dimensions, point <c>i</c> computed directly
/// from <c>i</c> (Gray-code order, as in Antonov &amp; Saleev 1979 and scipy.stats.qmc.Sobol), so a design needs no list of points.
/// </summary>
/// <remarks>
/// Direction numbers: S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional projections",
/// SIAM J. Sci. Comput. 30 (2008) 2635–2654, file new-joe-kuo-6.21201 (dimensions 2 to 32 below, as published: the
/// degree s, the coefficient code a and the initial m_1 … m_s). Dimension 1 is the van der Corput sequence in base 2.
/// Hand-written rather than a package: no package in the feed provides Sobol' points, and the generator is
/// a few lines once the published table is in hand. 32-bit direction numbers: indexes up to 2^32 − 1.
/// </remarks>
public sealed class SobolSequence
{
    /// <summary>Dimensions supported by the table below.</summary>
    public const int MaxDimensions = 32;

    private const int Bits = 32;

    /// <summary>Joe &amp; Kuo (2008), new-joe-kuo-6.21201, dimensions 2 … 32: "s a m_1 … m_s".</summary>
    internal static readonly string[] JoeKuo =
    [
        "1 0 1", "2 1 1 3", "3 1 1 3 1", "3 2 1 1 1", "4 1 1 1 3 3", "4 4 1 3 5 13", "5 2 1 1 5 5 17", "5 4 1 1 5 5 5",
        "5 7 1 1 7 11 19", "5 11 1 1 5 1 1", "5 13 1 1 1 3 11", "5 14 1 3 5 5 31", "6 1 1 3 3 9 7 49", "6 13 1 1 1 15 21 21",
        "6 16 1 3 1 13 27 49", "6 19 1 1 1 15 7 5", "6 22 1 3 1 15 13 25", "6 25 1 1 5 5 19 61", "7 1 1 3 7 11 23 15 103",
        "7 4 1 3 7 13 13 15 69", "7 7 1 1 3 13 7 35 63", "7 8 1 3 5 9 1 25 53", "7 14 1 3 1 13 9 35 107", "7 19 1 3 1 5 27 61 31",
        "7 21 1 1 5 11 19 41 61", "7 28 1 3 5 3 3 13 69", "7 31 1 1 7 13 1 19 1", "7 32 1 3 7 5 13 19 59", "7 37 1 1 3 9 25 29 41",
        "7 41 1 3 5 13 23 1 55", "7 42 1 3 7 3 13 59 17",
    ];

    private readonly uint[][] _v;
    private readonly uint[] _shift;

    /// <summary>The first <paramref name="dimensions"/> dimensions; <paramref name="digitalShift"/> (one word per dimension, or null) XORs every point's bits (a random digital shift keeps the net property).</summary>
    public SobolSequence(int dimensions, IReadOnlyList<uint>? digitalShift = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        Dimensions = dimensions;
        _v = new uint[dimensions][];
        _shift = new uint[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            _v[d] = DirectionNumbers(d);
            _shift[d] = digitalShift is null ? 0 : digitalShift[d];
        }
    }

    /// <summary>Number of dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>The 32-bit direction numbers v_1 … v_32 of dimension <paramref name="d"/> (0-based), as integers scaled by 2^32.</summary>
    internal static uint[] DirectionNumbers(int d)
    {
        var v = new uint[Bits];
        if (d == 0)
        {
            for (int k = 0; k < Bits; k++)
            {
                v[k] = 1u << (Bits - 1 - k);
            }

            return v;
        }

        var row = JoeKuo[d - 1].Split(' ').Select(uint.Parse).ToArray();
        int s = (int)row[0];
        uint a = row[1];
        for (int k = 0; k < s; k++)
        {
            v[k] = row[2 + k] << (Bits - 1 - k);
        }

        // Bratley & Fox (1988) recurrence: v_k = a_1 v_{k-1} ^ … ^ a_{s-1} v_{k-s+1} ^ v_{k-s} ^ (v_{k-s} >> s).
        for (int k = s; k < Bits; k++)
        {
            uint x = v[k - s] ^ (v[k - s] >> s);
            for (int l = 1; l < s; l++)
            {
                if (((a >> (s - 1 - l)) & 1) != 0)
                {
                    x ^= v[k - l];
                }
            }

            v[k] = x;
        }

        return v;
    }

    /// <summary>Coordinate <paramref name="dimension"/> of point <paramref name="index"/> (0-based; point 0 is the origin unless shifted), in [0, 1).</summary>
    public double Coordinate(long index, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, uint.MaxValue);
        ulong gray = (ulong)index ^ ((ulong)index >> 1);
        uint x = _shift[dimension];
        var v = _v[dimension];
        for (int k = 0; gray != 0; k++, gray >>= 1)
        {
            if ((gray & 1) != 0)
            {
                x ^= v[k];
            }
        }

        return x * (1.0 / 4294967296.0);
    }

    /// <summary>Point <paramref name="index"/> into <paramref name="point"/> (its length is the number of dimensions written).</summary>
    public void Point(long index, Span<double> point)
    {
        for (int d = 0; d < point.Length; d++)
        {
            point[d] = Coordinate(index, d);
        }
    }
}
