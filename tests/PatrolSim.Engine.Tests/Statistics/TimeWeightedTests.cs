using PatrolSim.Engine.Statistics;

namespace PatrolSim.Engine.Tests.Statistics;

public class TimeWeightedTests
{
    private static SimTime H(double hours) => SimTime.FromHours(hours);

    [Fact]
    public void StepFunction_AverageIsAreaOverSpan()
    {
        // 2 on [0,1), 5 on [1,3), 0 on [3,4), 1 from 4: area to 6 h = 2 + 10 + 0 + 2 = 14.
        var tw = new TimeWeighted(SimTime.Zero, 2);
        tw.Update(H(1), 5);
        tw.Update(H(3), 0);
        tw.Update(H(4), 1);
        Assert.Equal(14, tw.AreaHours(H(6)), 12);
        Assert.Equal(14.0 / 6, tw.Average(H(6)), 12);
        Assert.Equal(5, tw.Max);
        Assert.Equal(1, tw.Current);
        Assert.Equal(12.0 / 3.5, tw.Average(H(3.5)), 12); // mid-interval: 2 + 10 + 0
    }

    [Fact]
    public void NonZeroStart_AndInstantaneousChanges()
    {
        var tw = new TimeWeighted(H(10), 3);
        tw.Update(H(11), 100); // a spike of zero width counts for nothing but the maximum
        tw.Update(H(11), 1);
        Assert.Equal((3 + 1) / 2.0, tw.Average(H(12)), 12);
        Assert.Equal(100, tw.Max);
        Assert.True(double.IsNaN(tw.Average(H(10))));
    }

    [Fact]
    public void Reset_ForgetsWarmUpButKeepsCurrentValue()
    {
        var tw = new TimeWeighted(SimTime.Zero, 8);
        tw.Update(H(2), 4);
        tw.Reset(H(3));
        Assert.Equal(4, tw.Max);
        tw.Update(H(4), 2);
        Assert.Equal((4 + 2 + 2) / 3.0, tw.Average(H(6)), 12);
        Assert.Equal(4, tw.Max);
    }

    [Fact]
    public void MillisecondSteps_AreExact()
    {
        var tw = new TimeWeighted(SimTime.Zero, 0);
        for (int i = 1; i <= 1000; i++)
        {
            tw.Update(new SimTime(i), i % 2);
        }

        Assert.Equal(0.5, tw.Average(new SimTime(1000)), 12);
    }
}
