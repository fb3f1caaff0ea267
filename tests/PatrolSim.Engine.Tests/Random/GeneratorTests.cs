using PatrolSim.Engine.Random;

namespace PatrolSim.Engine.Tests.Random;

public class GeneratorTests
{
    [Fact]
    public void Xoshiro256StarStar_MatchesReferenceOutputsForState1234()
    {
        // First outputs of Blackman & Vigna's xoshiro256starstar.c from the state {1, 2, 3, 4}.
        ulong[] expected =
        [
            11520UL, 0UL, 1509978240UL, 1215971899390074240UL, 1216172134540287360UL,
            607988272756665600UL, 16172922978634559625UL, 8476171486693032832UL,
            10595114339597558777UL, 2904607092377533576UL,
        ];
        var rng = Xoshiro256.FromState(1, 2, 3, 4);
        Assert.Equal(expected, expected.Select(_ => rng.NextUInt64()).ToArray());
    }

    [Fact]
    public void SplitMix64_MatchesReferenceOutputs()
    {
        // Vigna's splitmix64.c from seed 1234567.
        ulong state = 1234567;
        ulong[] expected = [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL];
        Assert.Equal(expected, expected.Select(_ => SplitMix64.Next(ref state)).ToArray());
    }

    [Fact]
    public void SameSeed_SameStream()
    {
        var a = RandomStreams.Create(42, 3, 7);
        var b = RandomStreams.Create(42, 3, 7);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void SameSeed_SameStreamOnAnyThread()
    {
        // Every (replication, stream) pair drawn on one thread in order, then on eight threads each
        // walking the pairs in its own shuffled order: every stream must come out the same.
        const int Draws = 2000;
        var pairs = (from r in Enumerable.Range(0, 4) from s in Enumerable.Range(0, 4) select (r, s)).ToArray();
        ulong[] Draw((int R, int S) p)
        {
            var rng = RandomStreams.Create(2026, p.R, p.S);
            var x = new ulong[Draws];
            for (int i = 0; i < Draws; i++)
            {
                x[i] = i % 3 == 0 ? (ulong)BitConverter.DoubleToInt64Bits(rng.Normal(0, 1)) : rng.NextUInt64();
            }

            return x;
        }

        var sequential = pairs.ToDictionary(p => p, Draw);
        var results = new System.Collections.Concurrent.ConcurrentBag<((int, int) Pair, ulong[] Values)>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            var order = pairs.OrderBy(p => ((p.r * 31) + (p.s * 7) + (t * 13)) % 16).ToArray();
            foreach (var p in order)
            {
                results.Add((p, Draw(p)));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(8 * pairs.Length, results.Count);
        foreach (var (pair, values) in results)
        {
            Assert.Equal(sequential[pair], values);
        }
    }

    [Fact]
    public void DistinctPairs_HaveDistinctSeeds()
    {
        var seeds = new HashSet<ulong>();
        foreach (ulong master in new ulong[] { 0, 1, 42 })
        {
            for (int r = 0; r < 100; r++)
            {
                for (int s = 0; s < 50; s++)
                {
                    Assert.True(seeds.Add(RandomStreams.StreamSeed(RandomStreams.ReplicationSeed(master, r), s)));
                }
            }
        }
    }

    [Theory]
    [InlineData(1UL, 0, 0, 1UL, 0, 1)]     // neighbouring streams
    [InlineData(1UL, 0, 0, 1UL, 1, 0)]     // neighbouring replications
    [InlineData(1UL, 1, 0, 1UL, 0, 1)]     // swapped indices
    [InlineData(1UL, 5, 5, 2UL, 5, 5)]     // neighbouring master seeds
    [InlineData(0UL, 0, 0, 0UL, 0, 2)]
    [InlineData(7UL, 999, 12, 7UL, 1000, 12)]
    public void DistinctPairs_GiveUncorrelatedUniforms(ulong m1, int r1, int s1, ulong m2, int r2, int s2)
    {
        // Under independence the sample correlation of n pairs has standard deviation ≈ 1/√n; 5/√n
        // is exceeded with probability ~6e-7. Lag-1 cross-correlation too (a shifted copy would show there).
        const int N = 200_000;
        var a = RandomStreams.Create(m1, r1, s1);
        var b = RandomStreams.Create(m2, r2, s2);
        var x = new double[N + 1];
        var y = new double[N + 1];
        for (int i = 0; i <= N; i++)
        {
            x[i] = a.NextDouble();
            y[i] = b.NextDouble();
        }

        double bound = 5 / Math.Sqrt(N);
        Assert.InRange(MathNet.Numerics.Statistics.Correlation.Pearson(x.Take(N), y.Take(N)), -bound, bound);
        Assert.InRange(MathNet.Numerics.Statistics.Correlation.Pearson(x.Skip(1), y.Take(N)), -bound, bound);
        Assert.InRange(MathNet.Numerics.Statistics.Correlation.Pearson(x.Take(N), y.Skip(1)), -bound, bound);
    }

    [Fact]
    public void NextDouble_IsInUnitInterval_NonZeroVariantExcludesZero()
    {
        var rng = new Xoshiro256(3);
        for (int i = 0; i < 100_000; i++)
        {
            double u = rng.NextDouble();
            Assert.True(u >= 0 && u < 1);
            double v = rng.NextDoubleNonZero();
            Assert.True(v > 0 && v <= 1);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(168)]
    public void NextInt_IsUniformOnRange(int n)
    {
        var rng = new Xoshiro256(11);
        int draws = 20_000 * n;
        var counts = new long[n];
        for (int i = 0; i < draws; i++)
        {
            int k = rng.NextInt(n);
            Assert.InRange(k, 0, n - 1);
            counts[k]++;
        }

        if (n > 1)
        {
            double chi2 = counts.Sum(c => (c - 20_000.0) * (c - 20_000.0) / 20_000.0);
            Assert.True(chi2 < MathNet.Numerics.Distributions.ChiSquared.InvCDF(n - 1, 0.999), $"chi2 = {chi2}");
        }
    }

    [Fact]
    public void NextInt_NonPositive_Throws()
    {
        var rng = new Xoshiro256(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(-3));
    }

    [Fact]
    public void StreamIndices_Negative_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomStreams.ReplicationSeed(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomStreams.StreamSeed(1, -1));
    }

    [Fact]
    public void Reseed_RestartsTheStreamExactlyAsANewGenerator_EvenWithASpareNormalPending()
    {
        var used = new Xoshiro256(99);
        _ = used.StandardNormal(); // leaves the second normal of the pair pending
        used.Reseed(2024);
        var fresh = new Xoshiro256(2024);
        Assert.Equal(fresh.StandardNormal(), used.StandardNormal());
        Assert.Equal(fresh.StandardNormal(), used.StandardNormal());
        Assert.Equal(Enumerable.Range(0, 8).Select(_ => fresh.NextUInt64()), Enumerable.Range(0, 8).Select(_ => used.NextUInt64()));
    }
}
