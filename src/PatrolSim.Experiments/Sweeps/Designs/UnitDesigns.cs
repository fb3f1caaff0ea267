using PatrolSim.Engine.Random;

namespace PatrolSim.Experiments.Sweeps.Designs;

/// <summary>
/// A design on the unit cube [0, 1]^d: point <c>p</c>'s coordinates computed from <c>p</c> alone, so a sweep of any size
/// holds no list of points. The sweep maps each coordinate onto its parameter's range (<see cref="ParameterRange"/>).
/// </summary>
public abstract class UnitDesign
{
    /// <summary>Creates a design of <paramref name="dimensions"/> parameters.</summary>
    protected UnitDesign(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
    }

    /// <summary>Number of parameters.</summary>
    public int Dimensions { get; }

    /// <summary>Number of points.</summary>
    public abstract long Points { get; }

    /// <summary>Writes point <paramref name="point"/>'s coordinates (each in [0, 1]) into <paramref name="u"/> (length <see cref="Dimensions"/>).</summary>
    public abstract void Fill(long point, Span<double> u);

    /// <summary>Point <paramref name="point"/> as a new array.</summary>
    public double[] At(long point)
    {
        var u = new double[Dimensions];
        Fill(point, u);
        return u;
    }

    /// <summary>A generator seeded from (<paramref name="seed"/>, <paramref name="a"/>, <paramref name="b"/>): independent streams for each dimension or trajectory.</summary>
    internal static ulong Key(ulong seed, ulong a, ulong b) =>
        SplitMix64.Mix(SplitMix64.Mix(SplitMix64.Mix(seed) ^ (a * 0x9E3779B97F4A7C15UL)) ^ (b * 0xD1B54A32D192ED03UL));
}

/// <summary>
/// Latin hypercube sampling (McKay, Beckman &amp; Conover 1979): <c>n</c> points; along every dimension each of the <c>n</c>
/// equal strata [k/n, (k+1)/n) holds exactly one point, at a uniform random place inside it. The stratum of point p in
/// dimension j is π_j(p) for a seeded random permutation π_j computed from p alone (<see cref="FeistelPermutation"/>).
/// </summary>
public sealed class LatinHypercube : UnitDesign
{
    private readonly long _n;
    private readonly FeistelPermutation[] _perm;
    private readonly ulong[] _jitter;

    /// <summary>Creates an <paramref name="samples"/>-point design in <paramref name="dimensions"/> dimensions from <paramref name="seed"/>.</summary>
    public LatinHypercube(int dimensions, long samples, ulong seed)
        : base(dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        _n = samples;
        _perm = Enumerable.Range(0, dimensions).Select(j => new FeistelPermutation(samples, Key(seed, 1, (ulong)j))).ToArray();
        _jitter = Enumerable.Range(0, dimensions).Select(j => Key(seed, 2, (ulong)j)).ToArray();
    }

    /// <inheritdoc/>
    public override long Points => _n;

    /// <summary>The stratum (0 … n−1) of point <paramref name="point"/> in dimension <paramref name="dimension"/>.</summary>
    public long Stratum(long point, int dimension) => _perm[dimension].Map(point);

    /// <inheritdoc/>
    public override void Fill(long point, Span<double> u)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(point);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(point, _n);
        for (int j = 0; j < Dimensions; j++)
        {
            double jitter = (SplitMix64.Mix(_jitter[j] ^ (ulong)point) >> 11) * (1.0 / (1UL << 53));
            u[j] = (_perm[j].Map(point) + jitter) / _n;
        }
    }
}

/// <summary>
/// A seeded pseudo-random permutation of 0 … n−1 evaluated one element at a time: a four-round balanced Feistel network
/// on the smallest even number of bits covering n, with cycle walking (re-applying it until the result is below n; Black
/// &amp; Rogaway 2002), which is a bijection on 0 … n−1. Used so a Latin hypercube of a million points keeps no permutation arrays.
/// </summary>
public sealed class FeistelPermutation
{
    private readonly long _n;
    private readonly int _half;
    private readonly ulong _mask;
    private readonly ulong _key;

    /// <summary>A permutation of 0 … <paramref name="n"/>−1 chosen by <paramref name="key"/>.</summary>
    public FeistelPermutation(long n, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _n = n;
        int bits = 2;
        while (bits < 62 && (1L << bits) < n)
        {
            bits++;
        }

        bits += bits % 2;
        _half = bits / 2;
        _mask = (1UL << _half) - 1;
        _key = key;
    }

    /// <summary>π(<paramref name="x"/>).</summary>
    public long Map(long x)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, _n);
        ulong y = (ulong)x;
        do
        {
            y = Encrypt(y);
        }
        while (y >= (ulong)_n);
        return (long)y;
    }

    private ulong Encrypt(ulong x)
    {
        ulong left = x >> _half, right = x & _mask;
        for (ulong round = 0; round < 4; round++)
        {
            ulong f = SplitMix64.Mix(_key ^ (round << 58) ^ right) & _mask;
            (left, right) = (right, left ^ f);
        }

        return (left << _half) | right;
    }
}

/// <summary>The first <c>n</c> points of the Sobol' sequence (<see cref="SobolSequence"/>), point 0 the origin (or its digital shift).</summary>
public sealed class SobolDesign : UnitDesign
{
    private readonly SobolSequence _sobol;
    private readonly long _n;

    /// <summary>Creates the design; <paramref name="seed"/> (when given) applies a random digital shift.</summary>
    public SobolDesign(int dimensions, long samples, ulong? seed)
        : base(dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        _n = samples;
        _sobol = new SobolSequence(dimensions, Shift(dimensions, seed));
    }

    /// <inheritdoc/>
    public override long Points => _n;

    /// <inheritdoc/>
    public override void Fill(long point, Span<double> u) => _sobol.Point(point, u[..Dimensions]);

    internal static uint[]? Shift(int dimensions, ulong? seed) =>
        seed is { } s ? Enumerable.Range(0, dimensions).Select(j => (uint)(Key(s, 3, (ulong)j) >> 32)).ToArray() : null;
}

/// <summary>
/// Saltelli's sampling scheme for Sobol' indices (Saltelli et al. 2010, "Variance based sensitivity analysis of model
/// output", Comput. Phys. Commun. 181, 259–270): two N × d matrices A and B from one 2d-dimensional Sobol' sequence
/// (A its first d coordinates, B its last d, point 0 skipped as in SALib), and for each parameter i the matrix AB_i (A with
/// column i taken from B). Points are ordered by base row j: A_j, AB_1j … AB_dj, B_j, so there are N (d + 2) points.
/// </summary>
public sealed class SaltelliDesign : UnitDesign
{
    private readonly SobolSequence _sobol;
    private readonly long _n;

    /// <summary>Creates the design with <paramref name="baseSamples"/> rows of A and B.</summary>
    public SaltelliDesign(int dimensions, long baseSamples, ulong? seed)
        : base(dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseSamples, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxParameters);
        _n = baseSamples;
        _sobol = new SobolSequence(2 * dimensions, SobolDesign.Shift(2 * dimensions, seed));
    }

    /// <summary>Most parameters: a 2d-dimensional Sobol' sequence within the table.</summary>
    public const int MaxParameters = SobolSequence.MaxDimensions / 2;

    /// <summary>Base samples N.</summary>
    public long BaseSamples => _n;

    /// <inheritdoc/>
    public override long Points => _n * (Dimensions + 2);

    /// <summary>What point <paramref name="point"/> is: its base row and its matrix (0 = A, 1 … d = AB_i, d + 1 = B).</summary>
    public (long Row, int Matrix) Role(long point) => (point / (Dimensions + 2), (int)(point % (Dimensions + 2)));

    /// <inheritdoc/>
    public override void Fill(long point, Span<double> u)
    {
        var (row, matrix) = Role(point);
        int d = Dimensions;
        for (int i = 0; i < d; i++)
        {
            bool fromB = matrix == d + 1 || matrix == i + 1;
            u[i] = _sobol.Coordinate(row + 1, fromB ? d + i : i);
        }
    }
}

/// <summary>
/// Morris's elementary-effects design (Morris 1991; Campolongo, Cariboni &amp; Saltelli 2007): r trajectories of d + 1 points
/// on a p-level grid {0, 1/(p−1), …, 1}. Each trajectory starts at a random grid point and moves one parameter at a
/// time, in a random order, by Δ = p / (2 (p − 1)) up or down, so consecutive points differ in exactly one parameter.
/// Point t (d + 1) + k is step k of trajectory t; everything about a trajectory is drawn from (seed, t).
/// </summary>
public sealed class MorrisDesign : UnitDesign
{
    private readonly long _r;
    private readonly ulong _seed;

    /// <summary>Creates <paramref name="trajectories"/> trajectories on a <paramref name="levels"/>-level grid (even, ≥ 2).</summary>
    public MorrisDesign(int dimensions, long trajectories, int levels, ulong seed)
        : base(dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trajectories, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 2);
        if (levels % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "Morris levels must be even");
        }

        _r = trajectories;
        Levels = levels;
        _seed = seed;
    }

    /// <summary>Grid levels p.</summary>
    public int Levels { get; }

    /// <summary>Step size Δ = p / (2 (p − 1)) in unit space.</summary>
    public double Delta => Levels / (2.0 * (Levels - 1));

    /// <summary>Trajectories r.</summary>
    public long Trajectories => _r;

    /// <inheritdoc/>
    public override long Points => _r * (Dimensions + 1);

    /// <summary>The move from step k − 1 to step k (1 ≤ k ≤ d) of trajectory <paramref name="trajectory"/>: the parameter moved and its direction (+1 or −1).</summary>
    public (int Parameter, int Sign) Move(long trajectory, int k)
    {
        var (order, _, sign) = Trajectory(trajectory);
        int i = order[k - 1];
        return (i, sign[i]);
    }

    /// <inheritdoc/>
    public override void Fill(long point, Span<double> u)
    {
        long t = point / (Dimensions + 1);
        int step = (int)(point % (Dimensions + 1));
        var (order, start, sign) = Trajectory(t);
        Span<int> level = stackalloc int[Dimensions];
        start.CopyTo(level);
        for (int k = 0; k < step; k++)
        {
            int i = order[k];
            level[i] += sign[i] * (Levels / 2);
        }

        for (int i = 0; i < Dimensions; i++)
        {
            u[i] = level[i] / (double)(Levels - 1);
        }
    }

    /// <summary>Trajectory t: the order parameters move in, each parameter's starting grid level (0 … p − 1) and its direction.</summary>
    private (int[] Order, int[] Start, int[] Sign) Trajectory(long t)
    {
        var rng = new Xoshiro256(Key(_seed, 4, (ulong)t));
        int d = Dimensions;
        var order = Enumerable.Range(0, d).ToArray();
        for (int i = d - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var start = new int[d];
        var sign = new int[d];
        for (int i = 0; i < d; i++)
        {
            // Lower level b in {0 … p/2 − 1}: both b and b + p/2 (Δ = (p/2)/(p − 1) in unit space) lie on the grid.
            int low = rng.NextInt(Levels / 2);
            sign[i] = rng.NextInt(2) == 0 ? 1 : -1;
            start[i] = sign[i] > 0 ? low : low + (Levels / 2);
        }

        return (order, start, sign);
    }
}
