namespace PatrolSim.Analytic.Tests;

public class MMcQueueTests
{
    // lambda = 6 calls/h, mean service 45 min (mu = 4/3 per hour): a = 4.5 erlangs.
    [Theory]
    [InlineData(6, 0.4217, 12.65)]
    [InlineData(8, 0.1039, 1.34)]
    public void SixCallsPerHour_FortyFiveMinuteService_WaitAsPublished(int servers, double pWait, double meanWaitMinutes)
    {
        var q = new MMcQueue(arrivalRate: 6, serviceRate: 60.0 / 45.0, servers);
        Assert.Equal(pWait, q.ProbabilityOfWait, 4);
        Assert.Equal(meanWaitMinutes, q.MeanWait * 60, 2);
    }

    [Fact]
    public void LittleLaw_AndWaitDistribution_AreConsistent()
    {
        var q = new MMcQueue(6, 60.0 / 45.0, 6);
        Assert.Equal(4.5, q.OfferedLoad, 12);
        Assert.Equal(0.75, q.Utilization, 12);
        Assert.Equal(q.ArrivalRate * q.MeanWait, q.MeanQueueLength, 12);
        Assert.Equal(q.MeanQueueLength + q.OfferedLoad, q.MeanNumberInSystem, 12);
        Assert.Equal(q.MeanWait + 0.75, q.MeanTimeInSystem, 12);

        // Lq = C rho / (1 - rho)
        Assert.Equal(q.ProbabilityOfWait * 0.75 / 0.25, q.MeanQueueLength, 12);

        // P(W > 0) = C, and the integral of P(W > t) is the mean wait.
        Assert.Equal(q.ProbabilityOfWait, q.ProbabilityWaitExceeds(0), 14);
        double integral = MathNet.Numerics.Integrate.OnClosedInterval(t => q.ProbabilityWaitExceeds(t), 0, 20);
        Assert.Equal(q.MeanWait, integral, 8);

        // The quantile inverts the tail.
        double t90 = q.WaitQuantile(0.9);
        Assert.Equal(0.1, q.ProbabilityWaitExceeds(t90), 12);
        Assert.Equal(0, q.WaitQuantile(0.5));
        Assert.Equal(q.ProbabilityOfWait, q.BusyServerDistribution()[6], 12);
    }

    [Fact]
    public void Unstable_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MMcQueue(8, 1, 8));
        Assert.Contains("utilisation 1 >= 1", ex.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new MMcQueue(-1, 1, 8));
        Assert.ThrowsAny<ArgumentException>(() => new MMcQueue(1, 0, 8));
    }
}
