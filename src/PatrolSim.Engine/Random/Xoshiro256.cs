using System.Numerics;
using System.Runtime.CompilerServices;

namespace PatrolSim.Engine.Random;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna 2018): a fast 64-bit generator with 256 bits of state.
/// One instance is one stream; it is not thread-safe and is never shared between threads.
/// Create streams with <see cref="RandomStreams"/> so that every stream follows from the master seed.
/// </summary>
public sealed class Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>Seeds the 256-bit state from one 64-bit word through SplitMix64, as the authors advise.</summary>
    public Xoshiro256(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
    }

    private Xoshiro256(ulong s0, ulong s1, ulong s2, ulong s3) => (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);

    /// <summary>Starts the stream again from <paramref name="seed"/>, exactly as <c>new Xoshiro256(seed)</c> would (no allocation).</summary>
    public void Reseed(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
        _hasSpare = false;
        _spareNormal = 0;
    }

    /// <summary>A generator in the given raw state (not all zero), for checking against the reference implementation.</summary>
    internal static Xoshiro256 FromState(ulong s0, ulong s1, ulong s2, ulong s3) => new(s0, s1, s2, s3);

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1]: safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="n"/>) by Lemire's multiply-shift with rejection (unbiased).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong m = Math.BigMul(NextUInt64(), (ulong)n, out ulong low);
        if (low < (ulong)n)
        {
            ulong threshold = (0UL - (ulong)n) % (ulong)n;
            while (low < threshold)
            {
                m = Math.BigMul(NextUInt64(), (ulong)n, out low);
            }
        }

        return (int)m;
    }

    /// <summary>A uniform double in [<paramref name="a"/>, <paramref name="b"/>).</summary>
    public double Uniform(double a, double b) => a + ((b - a) * NextDouble());

    /// <summary>An exponential variate with the given mean (inversion).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Exponential(double mean) => -mean * Math.Log(NextDoubleNonZero());

    /// <summary>A standard normal variate (Marsaglia's polar method; the second value of each pair is kept).</summary>
    public double StandardNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double f = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>A normal variate.</summary>
    public double Normal(double mean, double stdDev) => mean + (stdDev * StandardNormal());

    /// <summary>A lognormal variate with parameters of the underlying normal.</summary>
    public double LogNormalMuSigma(double mu, double sigma) => Math.Exp(mu + (sigma * StandardNormal()));

    /// <summary>A lognormal variate with the given mean and coefficient of variation (of the variate itself).</summary>
    public double LogNormal(double mean, double cv)
    {
        var (mu, sigma) = LogNormalParameters(mean, cv);
        return LogNormalMuSigma(mu, sigma);
    }

    /// <summary>The (μ, σ) of the normal underlying a lognormal with the given mean and coefficient of variation.</summary>
    public static (double Mu, double Sigma) LogNormalParameters(double mean, double cv)
    {
        double sigma2 = Math.Log(1.0 + (cv * cv));
        return (Math.Log(mean) - (0.5 * sigma2), Math.Sqrt(sigma2));
    }

    /// <summary>A gamma variate with the given shape and scale (Marsaglia &amp; Tsang 2000; shape &lt; 1 by boosting).</summary>
    public double Gamma(double shape, double scale)
    {
        if (shape < 1.0)
        {
            // Gamma(a) = Gamma(a + 1) · U^(1/a).
            double g = Gamma(shape + 1.0, scale);
            return g * Math.Pow(NextDoubleNonZero(), 1.0 / shape);
        }

        double d = shape - (1.0 / 3.0);
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = StandardNormal();
                v = 1.0 + (c * x);
            }
            while (v <= 0.0);

            v = v * v * v;
            double u = NextDoubleNonZero();
            double x2 = x * x;
            if (u < 1.0 - (0.0331 * x2 * x2) || Math.Log(u) < (0.5 * x2) + (d * (1.0 - v + Math.Log(v))))
            {
                return d * v * scale;
            }
        }
    }
}
