using CsCheck;
using PatrolSim.Engine.Random;
using PatrolSim.Engine.Statistics;

namespace PatrolSim.Engine.Tests.Statistics;

public class QuantileSketchTests
{
    private static double Exact(double[] sorted, double q) => sorted[(long)Math.Floor(q * (sorted.Length - 1))];

    [Theory]
    [InlineData(10.0, 1.5)]
    [InlineData(0.05, 0.3)]
    [InlineData(300.0, 4.0)]
    public void MillionLogNormalSamples_QuantilesWithinHalfPercent(double mean, double cv)
    {
        var rng = new Xoshiro256(31);
        var x = new double[1_000_000];
        var sketch = new QuantileSketch();
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = rng.LogNormal(mean, cv);
            sketch.Add(x[i]);
        }

        Array.Sort(x);
        Assert.Equal(x.Length, sketch.Count);
        foreach (double q in new[] { 0.5, 0.9, 0.99, 0.0, 0.999, 1.0 })
        {
            double exact = Exact(x, q);
            double relative = Math.Abs(sketch.Quantile(q) - exact) / exact;
            Assert.True(relative <= 0.005, $"q={q}: sketch {sketch.Quantile(q)} vs exact {exact}");
            Assert.True(relative <= sketch.RelativeAccuracy * (1 + 1e-9), $"q={q}: relative error {relative}");
        }
    }

    /// <summary>
    /// A growing sketch's window of buckets grows to the values seen, in either direction, and is re-used after a clear:
    /// whatever the order, range and mix of values, and however sketches (growing or not) are cleared and merged,
    /// every quantile is exactly the representative of the bucket of the true order statistic (the answer of a
    /// histogram of the whole range).
    /// </summary>
    [Fact]
    public void Quantiles_AreTheBucketOfTheExactOrderStatistic_WhateverTheWindowHasSeen()
    {
        const double Alpha = 0.01, Min = 1e-2, Max = 1e4;
        double gamma = (1 + Alpha) / (1 - Alpha), inverseLog = 1.0 / Math.Log(gamma);
        int Index(double x) => (int)Math.Ceiling(Math.Log(x) * inverseLog);
        double Oracle(double[] sorted, double q)
        {
            double v = Exact(sorted, q);
            return v == 0 ? 0 : 2.0 * Math.Pow(gamma, Math.Clamp(Index(v), Index(Min), Index(Max))) / (gamma + 1.0);
        }

        // Each set of values log-uniform around its own centre (so the sets' windows lie apart or overlap), from a few
        // buckets wide to beyond both ends of the range, with exact zeros now and then.
        var values = Gen.Select(Gen.Double[-4, 6], Gen.Double[0, 4], Gen.Int[0, 10])
            .SelectMany((centre, spread, zeros) => Gen.Double[-1, 1]
                .Select(u => u * 10 < zeros - 9 ? 0.0 : Math.Pow(10, centre + (spread * u)))
                .Array[1, 300]);
        Gen.Select(values, values, values, Gen.Double[0, 1])
            .Sample((first, second, reused, q) =>
            {
                var a = new QuantileSketch(Alpha, Min, Max, grow: true);
                var b = new QuantileSketch(Alpha, Min, Max);
                var twin = new QuantileSketch(Alpha, Min, Max);
                foreach (double v in first)
                {
                    a.AddBucket(twin.AddReturningBucket(v)); // one bucket found for both
                }

                double[] firstSorted = [.. first.Order()];
                Assert.Equal(Oracle(firstSorted, q), twin.Quantile(q));
                Assert.Equal(Oracle(firstSorted, q), a.Quantile(q));

                foreach (double v in second)
                {
                    b.Add(v);
                }

                a.Merge(b);
                double[] pooled = [.. first.Concat(second).Order()];
                Assert.Equal(pooled.Length, a.Count);
                Assert.Equal(Oracle(pooled, q), a.Quantile(q));
                Assert.Equal(Oracle(pooled, 1), a.Quantile(1));

                // Cleared, the window is kept and must hold none of the old counts.
                a.Clear();
                foreach (double v in reused)
                {
                    a.Add(v);
                }

                double[] sorted = [.. reused.Order()];
                Assert.Equal(Oracle(sorted, q), a.Quantile(q));
                Assert.Equal(Oracle(sorted, 0), a.Quantile(0));

                // Merged into an empty sketch and into one whose window lies elsewhere.
                var c = new QuantileSketch(Alpha, Min, Max, grow: true);
                c.Merge(a);
                Assert.Equal(Oracle(sorted, q), c.Quantile(q));
                c.Merge(b);
                double[] both = [.. reused.Concat(second).Order()];
                Assert.Equal(Oracle(both, q), c.Quantile(q));
            });
    }

    [Fact]
    public void Zeros_AreExact()
    {
        var sketch = new QuantileSketch();
        for (int i = 0; i < 600; i++)
        {
            sketch.Add(0);
        }

        for (int i = 1; i <= 400; i++)
        {
            sketch.Add(i);
        }

        Assert.Equal(0, sketch.Quantile(0.5));
        Assert.Equal(0, sketch.Quantile(0.599));
        double p90 = sketch.Quantile(0.9); // rank ⌊0.9·999⌋ = 899 → value 300
        Assert.InRange(p90, 300 * (1 - sketch.RelativeAccuracy), 300 * (1 + sketch.RelativeAccuracy));
    }

    [Fact]
    public void Merge_EqualsSketchOfAll()
    {
        var rng = new Xoshiro256(2);
        var a = new QuantileSketch();
        var b = new QuantileSketch();
        var all = new QuantileSketch();
        for (int i = 0; i < 50_000; i++)
        {
            double v = rng.Exponential(7);
            (i % 3 == 0 ? a : b).Add(v);
            all.Add(v);
        }

        a.Merge(b);
        Assert.Equal(all.Count, a.Count);
        foreach (double q in new[] { 0.01, 0.5, 0.9, 0.99 })
        {
            Assert.Equal(all.Quantile(q), a.Quantile(q));
        }

        Assert.Throws<ArgumentException>(() => a.Merge(new QuantileSketch(0.01)));
    }

    [Fact]
    public void Merged_PoolsSketchesOfOtherSettingsWithoutChangingThem()
    {
        // Three "replications" of a sketch with the model's settings (a range of 1e-3 to 1e6, not the default's).
        var rng = new Xoshiro256(5);
        var parts = Enumerable.Range(0, 3).Select(_ => new QuantileSketch(QuantileSketch.DefaultRelativeAccuracy, 1e-3, 1e6)).ToArray();
        var all = new QuantileSketch(QuantileSketch.DefaultRelativeAccuracy, 1e-3, 1e6);
        for (int i = 0; i < 30_000; i++)
        {
            double v = rng.Exponential(5);
            parts[i % 3].Add(v);
            all.Add(v);
        }

        double before = parts[0].Quantile(0.9);
        var merged = QuantileSketch.Merged(parts);
        Assert.Equal(all.Count, merged.Count);
        foreach (double q in new[] { 0.1, 0.5, 0.9, 0.99 })
        {
            Assert.Equal(all.Quantile(q), merged.Quantile(q));
        }

        Assert.Equal(10_000, parts[0].Count);
        Assert.Equal(before, parts[0].Quantile(0.9));
        Assert.Throws<ArgumentException>(() => QuantileSketch.Merged([]));
    }

    [Fact]
    public void EmptyClearAndInvalidInput()
    {
        var s = new QuantileSketch();
        Assert.True(double.IsNaN(s.Quantile(0.5)));
        s.Add(5);
        Assert.InRange(s.Quantile(0.5), 5 * (1 - s.RelativeAccuracy), 5 * (1 + s.RelativeAccuracy));
        s.Clear();
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.Quantile(0.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Add(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(0));
        Assert.False(s.HasSameSettings(new QuantileSketch(0.01)));
        Assert.False(s.HasSameSettings(new QuantileSketch(minValue: 1e-3)));
        Assert.True(s.HasSameSettings(new QuantileSketch(grow: true)));
        Assert.Throws<ArgumentException>(() => s.Merge(new QuantileSketch(0.01)));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.AddReturningBucket(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.AddBucket(-2));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.AddBucket(1_000_000));
    }

    [Fact]
    public void ValuesOutsideRange_AreClampedToTheEnds()
    {
        var s = new QuantileSketch(minValue: 1, maxValue: 1000);
        s.Add(1e-9);
        s.Add(1e9);
        Assert.InRange(s.Quantile(0), 1 * (1 - s.RelativeAccuracy), 1 * (1 + s.RelativeAccuracy));
        Assert.InRange(s.Quantile(1), 1000 * (1 - s.RelativeAccuracy), 1000 * (1 + s.RelativeAccuracy));
    }
}
