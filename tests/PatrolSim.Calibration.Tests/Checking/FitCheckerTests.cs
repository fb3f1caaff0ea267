using PatrolSim.Calibration.Checking;

namespace PatrolSim.Calibration.Tests.Checking;

public class FitCheckerTests
{
    [Fact]
    public void KsDistance_IdenticalSamples_IsZero()
    {
        double[] a = [1, 2, 2, 3, 7];
        Assert.Equal(0, FitChecker.KsDistance(a, a));
    }

    [Fact]
    public void KsDistance_DisjointSamples_IsOne()
    {
        Assert.Equal(1, FitChecker.KsDistance([1, 2, 3], [4, 5]));
        Assert.Equal(1, FitChecker.KsDistance([4, 5], [1, 2, 3]));
    }

    [Fact]
    public void KsDistance_InterleavedSamples_IsTheLargestGapOfTheStepFunctions()
    {
        // F_a - F_b after 1: .25-0, 2: .5-0, 2.5: .5-.25, 3: .75-.25, 3.5: .75-.5, 4: 1-.5, then falls: sup = 0.5.
        Assert.Equal(0.5, FitChecker.KsDistance([1, 2, 3, 4], [2.5, 3.5, 5, 6]), 12);
    }

    [Fact]
    public void KsDistance_TiesAcrossSamples_StepTogether()
    {
        // Both step at 1 (2/3 vs 1/3) and at 2 (1 vs 1): a tie must not be read as a gap of 2/3 or 1.
        Assert.Equal(1.0 / 3, FitChecker.KsDistance([1, 1, 2], [1, 2, 2]), 12);
    }

    [Fact]
    public void KsDistance_EmptySide_IsNaN() => Assert.True(double.IsNaN(FitChecker.KsDistance([], [1.0])));

    [Theory]
    [InlineData(100, 100, 0.192050)]
    [InlineData(500, 2500, 0.066530)]
    public void KsCritical_IsTheAsymptotic5PercentValue(int n, int m, double expected) =>
        Assert.Equal(expected, FitChecker.KsCritical(n, m), 5);

    [Fact]
    public void SampleSummary_Quantiles_UseR8OnTheSortedSample()
    {
        var s = SampleSummary.FromSorted([.. Enumerable.Range(1, 9).Select(i => (double)i)]);
        Assert.Equal(9, s.N);
        Assert.Equal(5, s.P50, 12);
        Assert.Equal(5, s.Mean, 12);
        // h = (n + 1/3) p + 1/3 = 9.333 * 0.1 + 0.333 = 1.2667 -> 1.2667; symmetric at 0.9.
        Assert.Equal(1 + (0.9333333333333333 + (1.0 / 3) - 1), s.P10, 9);
        Assert.Equal(10 - s.P10, s.P90, 9);
    }
}
