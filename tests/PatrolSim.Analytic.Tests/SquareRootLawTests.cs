namespace PatrolSim.Analytic.Tests;

public class SquareRootLawTests
{
    [Fact]
    public void Constants_AreHalfAndRootPiOverEight()
    {
        Assert.Equal(0.5, SquareRootLaw.Constant(DistanceMetric.Euclidean));
        Assert.Equal(0.62666, SquareRootLaw.Constant(DistanceMetric.RightAngle), 5);
    }

    [Fact]
    public void BusyUnitsAreThinned()
    {
        // 20 units, 40 % busy: 12 free on 48 km^2 -> 0.5 * sqrt(4) = 1 km.
        Assert.Equal(1.0, SquareRootLaw.ExpectedDistance(48, 20, 0.4, DistanceMetric.Euclidean), 12);
        Assert.Equal(2 * Math.Sqrt(Math.PI / 8), SquareRootLaw.ExpectedDistance(48, 12.0, DistanceMetric.RightAngle), 12);
        // 1 km at 30 km/h with a 1.2 detour and 1 minute turnout: 1/60 + 1.2/30 hours.
        Assert.Equal((1.0 / 60) + 0.04, SquareRootLaw.ExpectedTravelTime(48, 20, 0.4, 30, DistanceMetric.Euclidean, 1.2, 1.0 / 60), 12);
    }

    [Theory]
    [InlineData(DistanceMetric.Euclidean)]
    [InlineData(DistanceMetric.RightAngle)]
    public void MonteCarloNearestUnitOnTorus_MatchesLaw(DistanceMetric metric)
    {
        // 400 units uniform on a unit torus (no edge effects); 20 000 random calls.
        const int units = 400;
        const int calls = 20_000;
        var rng = new Random(12345);
        double total = 0;
        var xs = new double[units];
        var ys = new double[units];
        for (int c = 0; c < calls; c++)
        {
            for (int u = 0; u < units; u++)
            {
                xs[u] = rng.NextDouble();
                ys[u] = rng.NextDouble();
            }

            double cx = rng.NextDouble();
            double cy = rng.NextDouble();
            double best = double.MaxValue;
            for (int u = 0; u < units; u++)
            {
                double dx = Math.Abs(xs[u] - cx);
                double dy = Math.Abs(ys[u] - cy);
                dx = Math.Min(dx, 1 - dx);
                dy = Math.Min(dy, 1 - dy);
                double d = metric == DistanceMetric.Euclidean ? Math.Sqrt((dx * dx) + (dy * dy)) : dx + dy;
                best = Math.Min(best, d);
            }

            total += best;
        }

        double law = SquareRootLaw.ExpectedDistance(1, units, metric);
        Assert.InRange(total / calls / law, 0.98, 1.02);
    }

    [Fact]
    public void AllUnitsBusy_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SquareRootLaw.ExpectedDistance(10, 5, 1.0, DistanceMetric.Euclidean));
        Assert.StartsWith("utilization is 1: it must be in [0, 1) so that some units are free.", ex.Message, StringComparison.Ordinal);
    }
}
