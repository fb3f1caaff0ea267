using PatrolSim.Engine.Random;
using PatrolSim.Engine.Statistics;

namespace PatrolSim.Engine.Tests.Statistics;

public class ConfidenceIntervalTests
{
    [Fact]
    public void OneToFive_MatchesHandComputation()
    {
        // mean 3, s² = 2.5, t(0.975, 4) = 2.776445: half-width 2.776445·√2.5/√5 = 1.963243.
        var ci = ConfidenceInterval.StudentT([1.0, 2, 3, 4, 5]);
        Assert.Equal(3, ci.Mean, 12);
        Assert.Equal(5, ci.N);
        Assert.Equal(Math.Sqrt(2.5), ci.StdDev, 12);
        double half = 2.776445 * Math.Sqrt(2.5) / Math.Sqrt(5);
        Assert.Equal(half, ci.HalfWidth, 1e-6);
        Assert.Equal(3 - half, ci.Low, 1e-6);
        Assert.Equal(3 + half, ci.High, 1e-6);
        Assert.True(ci.Contains(1.5) && !ci.Contains(0.9));
        Assert.True(ci.ExcludesZero);
    }

    [Theory]
    [InlineData(0.975, 4, 2.776445)]
    [InlineData(0.95, 4, 2.131847)]
    [InlineData(0.995, 9, 3.249836)]
    [InlineData(0.975, 1, 12.706205)]
    public void StudentTQuantile_MatchesTables(double p, double df, double expected) =>
        Assert.Equal(expected, ConfidenceInterval.StudentTQuantile(p, df), 1e-6);

    [Fact]
    public void Level90_UsesItsOwnQuantile()
    {
        var ci = ConfidenceInterval.StudentT([1.0, 2, 3, 4, 5], 0.90);
        Assert.Equal(2.131847 * Math.Sqrt(2.5) / Math.Sqrt(5), ci.HalfWidth, 1e-6);
    }

    [Fact]
    public void EdgeCases()
    {
        var empty = ConfidenceInterval.StudentT([]);
        Assert.Equal(0, empty.N);
        Assert.True(double.IsNaN(empty.Mean));

        var one = ConfidenceInterval.StudentT([4.0]);
        Assert.Equal(4, one.Mean);
        Assert.True(double.IsNaN(one.Low) && double.IsNaN(one.High));

        var flat = ConfidenceInterval.StudentT([2.0, 2, 2]);
        Assert.Equal((2.0, 2.0, 2.0), (flat.Low, flat.Mean, flat.High));

        // NaN is skipped: 1..5 has mean 3, s.d. sqrt(2.5), and t(0.975, 4) = 2.776445 (tables), so the half-width is
        // 2.776445 × sqrt(2.5 / 5) = 1.963243.
        var withNaN = ConfidenceInterval.StudentT([1.0, double.NaN, 2, 3, 4, 5]);
        Assert.Equal(5, withNaN.N);
        Assert.Equal(3, withNaN.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), withNaN.StdDev, 12);
        Assert.Equal(3 - 1.963243, withNaN.Low, 1e-6);
        Assert.Equal(3 + 1.963243, withNaN.High, 1e-6);

        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceInterval.StudentT([1.0, 2], 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceInterval.StudentT([1.0, 2], 0));
    }

    [Fact]
    public void PairedDifference_IsIntervalOfDifferences()
    {
        double[] a = [10, 12, 9, 14, 11];
        double[] b = [9, 10, 9, 11, 10];
        var ci = ConfidenceInterval.PairedDifference(a, b);

        // Differences 1, 2, 0, 3, 1: mean 1.4, variance (0.16 + 0.36 + 1.96 + 2.56 + 0.16) / 4 = 1.3; half-width
        // t(0.975, 4) × sqrt(1.3 / 5) = 2.776445 × 0.509902 = 1.415715.
        Assert.Equal(5, ci.N);
        Assert.Equal(1.4, ci.Mean, 12);
        Assert.Equal(Math.Sqrt(1.3), ci.StdDev, 12);
        Assert.Equal(1.4 - 1.415715, ci.Low, 1e-6);
        Assert.Equal(1.4 + 1.415715, ci.High, 1e-6);
        Assert.Throws<ArgumentException>(() => ConfidenceInterval.PairedDifference(a, b.AsSpan(1)));
    }

    [Fact]
    public void Coverage_OfNormalSamples_IsNominal()
    {
        // 4000 intervals from 8 normal observations each: the count covering the true mean is
        // Binomial(4000, 0.95), standard deviation ≈ 13.8; allow 4.5 of them.
        var rng = new Xoshiro256(123);
        int covered = 0;
        var x = new double[8];
        for (int k = 0; k < 4000; k++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = rng.Normal(50, 9);
            }

            if (ConfidenceInterval.StudentT(x).Contains(50))
            {
                covered++;
            }
        }

        Assert.InRange(covered, 3800 - 62, 3800 + 62);
    }
}
