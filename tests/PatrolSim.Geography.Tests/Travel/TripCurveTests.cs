using PatrolSim.Geography.Travel;

namespace PatrolSim.Geography.Tests.Travel;

public class TripCurveTests
{
    // a = 2 m/s², v = 72 km/h = 20 m/s: cruise distance v²/a = 200 m; 2v/a = 20 s at the cruise distance.
    private static readonly TripCurve Curve = new(2.0, 72.0);

    [Fact]
    public void CruiseDistance_IsVSquaredOverA() => Assert.Equal(0.2, Curve.CruiseDistanceKm, 1e-12);

    [Theory]
    [InlineData(0.0, 0.0)]                 // no trip
    [InlineData(0.05, 10.0 / 60)]          // 50 m: 2√(50/2) = 10 s
    [InlineData(0.0125, 5.0 / 60)]         // 12.5 m: 2√(12.5/2) = 5 s
    [InlineData(0.2, 20.0 / 60)]           // at the cruise distance: 2√(200/2) = 20 s = 2v/a
    [InlineData(1.0, 60.0 / 60)]           // 1 km: v/a + d/v = 10 + 50 = 60 s
    [InlineData(5.0, 260.0 / 60)]          // 5 km: 10 + 250 = 260 s
    public void Minutes_HandComputed(double km, double minutes) => Assert.Equal(minutes, Curve.Minutes(km), 1e-12);

    [Fact]
    public void Minutes_ContinuousWithContinuousSlopeAtTheCruiseDistance()
    {
        double dc = Curve.CruiseDistanceKm;
        const double h = 1e-9;
        double below = Curve.Minutes(dc - h), at = Curve.Minutes(dc), above = Curve.Minutes(dc + h);
        Assert.Equal(at, below, 1e-8);
        Assert.Equal(at, above, 1e-8);
        // Slope 1/v on both sides: 1 / (72 km/h) = 1/1.2 min per km.
        Assert.Equal(1 / 1.2, (at - below) / h, 1e-5);
        Assert.Equal(1 / 1.2, (above - at) / h, 1e-5);
    }

    [Fact]
    public void Minutes_LongTrip_ApproachesDistanceOverSpeedPlusVOverA()
    {
        var slow = new TripCurve(0.5, 36); // v = 10 m/s, v/a = 20 s
        Assert.Equal((20 + 1000) / 60.0, slow.Minutes(10), 1e-12);
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(-1, 50)]
    [InlineData(double.NaN, 50)]
    [InlineData(double.PositiveInfinity, 50)]
    [InlineData(2, 0)]
    [InlineData(2, double.NaN)]
    public void Constructor_NonPositiveOrNonFinite_Throws(double a, double v) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TripCurve(a, v));
}
