using MathNet.Numerics.Distributions;
using PatrolSim.Engine.Statistics;

namespace PatrolSim.Engine.Tests.Statistics;

public class SignificanceTests
{
    [Fact]
    public void Holm_MatchesAHandWorkedVector()
    {
        // m = 4 (the NaN is no test). Ascending: 0.005 (×4 = 0.02), 0.01 (×3 = 0.03), 0.03 (×2 = 0.06), 0.04 (×1 = 0.04,
        // raised to 0.06 so the adjusted values never fall).
        double[] adjusted = MultipleTesting.Holm([0.01, 0.04, 0.03, 0.005, double.NaN]);
        Assert.Equal(0.03, adjusted[0], 15);
        Assert.Equal(0.06, adjusted[1], 15);
        Assert.Equal(0.06, adjusted[2], 15);
        Assert.Equal(0.02, adjusted[3], 15);
        Assert.True(double.IsNaN(adjusted[4]));
    }

    [Fact]
    public void Holm_MatchesASecondHandWorkedVectorAndCapsAtOne()
    {
        // 0.01..0.05: ×5 = 0.05, ×4 = 0.08, ×3 = 0.09, ×2 = 0.08 → 0.09, ×1 = 0.05 → 0.09.
        double[] adjusted = MultipleTesting.Holm([0.05, 0.04, 0.03, 0.02, 0.01]);
        Assert.Equal([0.09, 0.09, 0.09, 0.08, 0.05], adjusted.Select(p => Math.Round(p, 12)));

        // 0.5 × 2 = 1, 0.6 × 1 = 0.6 → 1.
        Assert.Equal([1.0, 1.0], MultipleTesting.Holm([0.6, 0.5]));
        Assert.Empty(MultipleTesting.Holm([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.Holm([0.5, 1.5]));
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 })]
    [InlineData(new[] { -0.3, 0.1, -0.2, 0.05, -0.4, 0.2, -0.1 })]
    [InlineData(new[] { 10.0, 12, 9, 14, 11, 30, -4, 8, 8.5, 10 })]
    public void PValue_EqualsTwiceTheUpperTailOfMathNetsStudentT(double[] values)
    {
        var ci = ConfidenceInterval.StudentT(values);
        double t = ci.Mean / (ci.StdDev / Math.Sqrt(ci.N));
        double expected = 2 * (1 - StudentT.CDF(0, 1, ci.N - 1, Math.Abs(t)));
        Assert.Equal(expected, ci.PValue, 12);
    }

    [Fact]
    public void PValue_AtTheTabulatedCriticalValue_IsFivePercent()
    {
        // t(0.975, 4) = 2.776445 (tables): with n = 5 and s = 1, a mean of 2.776445/√5 sits exactly on it.
        double mean = 2.776445 / Math.Sqrt(5);
        var ci = new ConfidenceInterval(mean, double.NaN, double.NaN, 5, 1.0);
        Assert.Equal(0.05, ci.PValue, 6);
    }

    [Fact]
    public void PValue_EdgeCases()
    {
        Assert.True(double.IsNaN(ConfidenceInterval.StudentT([3.0]).PValue));
        Assert.True(double.IsNaN(ConfidenceInterval.StudentT([]).PValue));
        Assert.Equal(1.0, ConfidenceInterval.StudentT([0.0, 0, 0]).PValue);
        Assert.Equal(0.0, ConfidenceInterval.StudentT([2.0, 2, 2]).PValue);
    }
}
