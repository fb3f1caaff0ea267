using PatrolSim.Engine.Random;
using PatrolSim.Engine.Statistics;

namespace PatrolSim.Engine.Tests.Statistics;

public class TallyTests
{
    [Fact]
    public void Empty_IsNaNEverywhereButCountAndSum()
    {
        var t = default(Tally);
        Assert.Equal(0, t.Count);
        Assert.Equal(0, t.Sum);
        Assert.True(double.IsNaN(t.Mean));
        Assert.True(double.IsNaN(t.Variance));
        Assert.True(double.IsNaN(t.StdDev));
        Assert.True(double.IsNaN(t.Min));
        Assert.True(double.IsNaN(t.Max));
    }

    [Fact]
    public void OneObservation_HasMeanButNoVariance()
    {
        var t = default(Tally);
        t.Add(-4.5);
        Assert.Equal(-4.5, t.Mean);
        Assert.Equal(-4.5, t.Min);
        Assert.Equal(-4.5, t.Max);
        Assert.True(double.IsNaN(t.Variance));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1e9, 1e-3)]   // large offset, tiny spread: naive Σx² would lose every digit
    [InlineData(-50, 20)]
    public void Add_MatchesTwoPassComputation(double offset, double scale)
    {
        var rng = new Xoshiro256(8);
        var x = Enumerable.Range(0, 50_000).Select(_ => offset + (scale * rng.Gamma(2, 1))).ToArray();
        var t = default(Tally);
        foreach (double v in x)
        {
            t.Add(v);
        }

        // Reference: two passes, shifted by the first value so that the sums keep their digits.
        double shift = x[0];
        double mean = shift + x.Sum(v => v - shift) / x.Length;
        double variance = x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
        Assert.Equal(x.Length, t.Count);
        Assert.Equal(mean, t.Mean, Math.Abs(mean) * 1e-13 + 1e-13);
        Assert.Equal(variance, t.Variance, variance * 1e-8);
        Assert.Equal(x.Min(), t.Min);
        Assert.Equal(x.Max(), t.Max);
        Assert.Equal(x.Sum(), t.Sum, Math.Abs(x.Sum()) * 1e-12);
    }

    [Fact]
    public void Merge_OfChunks_EqualsOneTally()
    {
        var rng = new Xoshiro256(21);
        var x = Enumerable.Range(0, 10_000).Select(_ => rng.LogNormal(5, 1)).ToArray();
        var whole = default(Tally);
        foreach (double v in x)
        {
            whole.Add(v);
        }

        int[] cuts = [0, 1, 1, 17, 4000, 9999, 10_000]; // includes empty and single-element chunks
        var merged = default(Tally);
        for (int c = 0; c + 1 < cuts.Length; c++)
        {
            var part = default(Tally);
            for (int i = cuts[c]; i < cuts[c + 1]; i++)
            {
                part.Add(x[i]);
            }

            merged.Merge(part);
        }

        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.Mean, merged.Mean, whole.Mean * 1e-12);
        Assert.Equal(whole.Variance, merged.Variance, whole.Variance * 1e-10);
        Assert.Equal(whole.Min, merged.Min);
        Assert.Equal(whole.Max, merged.Max);
        Assert.Equal(whole.Sum, merged.Sum, whole.Sum * 1e-12);
    }
}
