namespace PatrolSim.Analytic.Tests;

public class PriorityMMcTests
{
    [Fact]
    public void TwoClassMM1_MatchesCobhamByHand()
    {
        // M/M/1, mu = 1, lambda = (0.2, 0.5): W0 = rho/mu = 0.7; W1 = 0.7/(1 - 0.2); W2 = 0.7/((1 - 0.2)(1 - 0.7)).
        var m = new PriorityMMc([0.2, 0.5], 1, 1);
        Assert.Equal(0.875, m.MeanWait(0), 12);
        Assert.Equal(0.7 / (0.8 * 0.3), m.MeanWait(1), 12);
        Assert.Equal(0.7, m.ProbabilityOfWait, 12);
    }

    [Fact]
    public void OneClass_EqualsFcfsMMc()
    {
        var m = new PriorityMMc([6.0], 60.0 / 45.0, 6);
        Assert.Equal(new MMcQueue(6, 60.0 / 45.0, 6).MeanWait, m.MeanWait(0), 12);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(300)]
    public void RateWeightedClassWaits_AverageToFcfsMeanWait(int servers)
    {
        double[] rates = [0.1 * servers, 0.35 * servers, 0.3 * servers];
        var m = new PriorityMMc(rates, 1, servers);
        double fcfs = new MMcQueue(rates.Sum(), 1, servers).MeanWait;
        Assert.True(Math.Abs(fcfs - m.OverallMeanWait) <= 1e-12 * fcfs);
        Assert.True(m.MeanWait(0) < m.MeanWait(1) && m.MeanWait(1) < m.MeanWait(2));
        Assert.Equal(rates[1] * m.MeanWait(1), m.MeanQueueLength(1), 12);
    }

    [Fact]
    public void BadInputs_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PriorityMMc([1.0, -0.5], 1, 3));
        Assert.Equal("classArrivalRates[1] is -0.5: arrival rates must be finite numbers >= 0. (Parameter 'classArrivalRates')", ex.Message);
        Assert.Throws<ArgumentException>(() => new PriorityMMc([], 1, 3));
        Assert.Throws<ArgumentException>(() => new PriorityMMc([2.0, 1.0], 1, 3));
    }
}
