using PatrolSim.Engine.Statistics;

namespace PatrolSim.Engine.Tests.Statistics;

public class MserTests
{
    [Fact]
    public void BatchesOfOne_MatchHandComputation()
    {
        // d = 0: mean 46/8 = 5.75, squares 18.0625 + 0.0625 + 6 × 0.5625 = 21.5, over 8² = 0.3359375.
        // d = 1: mean 36/7, squares (6 − 36/7)² + 6 (5 − 36/7)² = 36/49 + 6/49 = 6/7, over 7² = 6/343.
        // d = 2 on: all fives, 0. The smallest d with the least value is 2.
        var r = Mser.Truncate([10.0, 6, 5, 5, 5, 5, 5, 5], 1);
        Assert.Equal(2, r.Truncation);
        Assert.Equal(8, r.Batches);
        Assert.False(r.TooShort);
        Assert.Equal(0.3359375, r.Statistic[0], 12);
        Assert.Equal(6.0 / 343, r.Statistic[1], 12);
        Assert.Equal(0, r.Statistic[2], 12);
        Assert.Equal(7, r.Statistic.Count);
    }

    [Fact]
    public void Mser5_OnAStepTransient_DeletesExactlyTheTransient()
    {
        // 30 observations at 20, then 170 at 10 ± 1 alternating. Batches of 5: six at 20, then batch means alternating
        // 10.2, 9.8 (34 of them). MSER(6) = 34 × 0.04 / 34² = 0.0011765; deleting more only loses data (MSER(7) =
        // (33 × 0.04 − 33 (0.2/33)²) / 33² = 0.0012110, MSER(8) = 32 × 0.04 / 32² = 0.00125); deleting less keeps a batch at 20.
        var series = Enumerable.Range(0, 200).Select(t => t < 30 ? 20.0 : 10.0 + (t % 2 == 0 ? 1 : -1)).ToArray();
        var r = Mser.Truncate(series, 5);
        Assert.Equal(30, r.Truncation);
        Assert.Equal(40, r.Batches);
        Assert.False(r.TooShort);
        Assert.Equal(0.04 / 34, r.Statistic[6], 12);
        Assert.Equal(((33 * 0.04) - (33 * Math.Pow(0.2 / 33, 2))) / (33.0 * 33), r.Statistic[7], 12);
        Assert.Equal(0.04 / 32, r.Statistic[8], 12);
        Assert.True(r.Statistic[5] > r.Statistic[6]);
    }

    [Fact]
    public void Mser5_OnASeriesStillFallingAtHalfway_IsTooShort()
    {
        // A linear decline never settles: MSER keeps falling to the edge of the first half (d = 10 of 20 batches).
        var series = Enumerable.Range(0, 100).Select(t => 100.0 - t).ToArray();
        var r = Mser.Truncate(series, 5);
        Assert.True(r.TooShort);
        Assert.Equal(50, r.Truncation);
    }

    [Fact]
    public void Mser5_OnAStationarySeries_DeletesNothing()
    {
        // Batch means alternate 10.2 and 9.8 from the start: nothing to delete.
        var series = Enumerable.Range(0, 100).Select(t => 10.0 + (t % 2 == 0 ? 1 : -1)).ToArray();
        var r = Mser.Truncate(series, 5);
        Assert.Equal(0, r.Truncation);
        Assert.False(r.TooShort);
    }

    [Fact]
    public void ShortSeriesAndBadInput()
    {
        // 19 observations make 3 batches of 5 (the remainder is left out): too few to judge.
        var r = Mser.Truncate(Enumerable.Repeat(1.0, 19).ToArray(), 5);
        Assert.Equal((0, 3, true), (r.Truncation, r.Batches, r.TooShort));
        Assert.Throws<ArgumentException>(() => Mser.Truncate([1.0, double.NaN, 1, 1, 1, 1, 1, 1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mser.Truncate([1.0, 2], 0));
    }
}
