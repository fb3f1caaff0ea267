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
