using MathNet.Numerics.Distributions;
using PatrolSim.Engine.Random;

namespace PatrolSim.Engine.Tests.Random;

public class AliasTableTests
{
    public static TheoryData<double[]> Weights => new()
    {
        new double[] { 1, 2, 3, 4 },
        new double[] { 0.5, 0, 10, 0, 0.25, 3 },
        new double[] { 1e-3, 1, 1, 1, 1, 1, 1, 1, 1, 1000 },
        Enumerable.Range(1, 168).Select(i => 1 + Math.Sin(i / 10.0)).ToArray(),
    };

    [Theory]
    [MemberData(nameof(Weights))]
    public void Sample_FrequenciesMatchWeights_ChiSquare(double[] weights)
    {
        var table = new AliasTable(weights);
        Assert.Equal(weights.Length, table.Count);
        var rng = new Xoshiro256(77);
        const int Draws = 1_000_000;
        var counts = new long[weights.Length];
        for (int i = 0; i < Draws; i++)
        {
            counts[table.Sample(rng)]++;
        }

        double total = weights.Sum();
        double chi2 = 0;
        int categories = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double expected = Draws * weights[i] / total;
            if (weights[i] == 0)
            {
                Assert.Equal(0, counts[i]);
                continue;
            }

            chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
            categories++;
        }

        double critical = ChiSquared.InvCDF(categories - 1, 0.999);
        Assert.True(chi2 < critical, $"chi2 = {chi2}, critical {critical}");
    }

    [Theory]
    // Weights (1, 3): scaled to (0.5, 1.5), so column 0 keeps outcome 0 with probability 0.5 and gives the rest to
    // outcome 1, and column 1 is full. A uniform u picks column ⌊2u⌋ with fraction 2u − ⌊2u⌋: outcome 0 iff u < 0.25.
    [InlineData(0.0, 0)]
    [InlineData(0.2499, 0)]
    [InlineData(0.25, 1)]
    [InlineData(0.49, 1)]
    [InlineData(0.5, 1)]
    [InlineData(0.999, 1)]
    public void Sample_GivenUniform_HandComputedColumnsOfVose(double uniform, int expected) =>
        Assert.Equal(expected, new AliasTable([1, 3]).Sample(uniform));

    [Fact]
    public void Sample_GivenUniformsOfAStream_SameDrawsAsFromTheStream()
    {
        var table = new AliasTable([0.5, 0, 10, 0, 0.25, 3]);
        var a = new Xoshiro256(5);
        var b = new Xoshiro256(5);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(table.Sample(a), table.Sample(b.NextDouble())));
    }

    [Fact]
    public void Sample_SingleOutcome_AlwaysZero()
    {
        var table = new AliasTable([2.5]);
        var rng = new Xoshiro256(1);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(0, table.Sample(rng)));
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new double[] { 0, 0 })]
    [InlineData(new double[] { 1, -1 })]
    [InlineData(new double[] { 1, double.NaN })]
    [InlineData(new double[] { 1, double.PositiveInfinity })]
    public void Constructor_InvalidWeights_Throws(double[] weights) =>
        Assert.Throws<ArgumentException>(() => new AliasTable(weights));
}
