using PatrolSim.Geography.Travel;

namespace PatrolSim.Geography.Tests.Travel;

public class TravelDistanceTests
{
    [Theory]
    [InlineData(DistanceMetric.Euclidean, 1.0, 5.0)]   // 3-4-5 triangle
    [InlineData(DistanceMetric.Euclidean, 1.3, 6.5)]
    [InlineData(DistanceMetric.Manhattan, 1.0, 7.0)]   // 3 + 4
    [InlineData(DistanceMetric.Manhattan, 1.3, 9.1)]
    public void Km_HandComputed(DistanceMetric metric, double detour, double expected)
    {
        Assert.Equal(expected, TravelDistance.Km(1, 2, 4, 6, metric, detour), 1e-12);
        Assert.Equal(expected, TravelDistance.Km(4, 6, 1, 2, metric, detour), 1e-12); // symmetric
    }

    [Fact]
    public void Km_SamePoint_IsZero() =>
        Assert.Equal(0, TravelDistance.Km(2.5, 3.5, 2.5, 3.5, DistanceMetric.Euclidean, 1.4));
}
