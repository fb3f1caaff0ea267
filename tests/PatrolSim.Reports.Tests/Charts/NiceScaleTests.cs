using PatrolSim.Reports.Charts;

namespace PatrolSim.Reports.Tests.Charts;

public class NiceScaleTests
{
    [Theory]
    [InlineData(0, 9.7, 5, new[] { 0.0, 2, 4, 6, 8, 10 })]
    [InlineData(0.013, 0.087, 5, new[] { 0.0, 0.02, 0.04, 0.06, 0.08, 0.1 })]
    [InlineData(-3.3, 15.7, 5, new[] { -5.0, 0, 5, 10, 15, 20 })]
    [InlineData(1234, 5678, 5, new[] { 1000.0, 2000, 3000, 4000, 5000, 6000 })]
    [InlineData(0, 1, 6, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(0, 0, 5, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(5, 5, 5, new[] { 4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6 })]
    [InlineData(-0.7, -0.2, 5, new[] { -0.7, -0.6, -0.5, -0.4, -0.3, -0.2 })]
    public void Compute_KnownRanges_GivesHeckbertTicks(double min, double max, int target, double[] expected)
    {
        var nice = NiceScale.Compute(min, max, target);
        Assert.Equal(expected, nice.Ticks);
        Assert.Equal(expected[0], nice.Min);
        Assert.Equal(expected[^1], nice.Max);
    }

    [Theory]
    [InlineData(0, 9.7, 0)]
    [InlineData(0.013, 0.087, 2)]
    [InlineData(0, 1, 1)]
    [InlineData(1234, 5678, 0)]
    public void Decimals_FollowTheStep(double min, double max, int decimals) =>
        Assert.Equal(decimals, NiceScale.Compute(min, max).Decimals);

    [Theory]
    [InlineData(0.74, false, 1)]
    [InlineData(1.0, false, 1)]
    [InlineData(1.01, false, 2)]
    [InlineData(3.2, false, 5)]
    [InlineData(7.4, false, 10)]
    [InlineData(1.4, true, 1)]
    [InlineData(2.5, true, 2)]
    [InlineData(4.0, true, 5)]
    [InlineData(8.0, true, 10)]
    [InlineData(0.025, true, 0.02)]
    [InlineData(2500, true, 2000)]
    public void NiceNumber_RoundsToOneTwoFiveTimesPowerOfTen(double x, bool round, double expected) =>
        Assert.Equal(expected, NiceScale.NiceNumber(x, round), 12);

    [Theory]
    [InlineData(1234.5, 0, "1,235")]
    [InlineData(0.1 + 0.2, 1, "0.3")]
    [InlineData(-2.5, 1, "\u22122.5")]
    [InlineData(-0.0001, 2, "0.00")]
    [InlineData(12000, 0, "12,000")]
    public void Format_IsInvariantWithTypographicMinus(double value, int decimals, string expected) =>
        Assert.Equal(expected, NiceScale.Format(value, decimals));

    [Fact]
    public void Fixed_KeepsTheEnds_AndPlacesTicksInside()
    {
        var nice = NiceScale.Fixed(0.05, 0.95, 5);
        Assert.Equal(0.05, nice.Min);
        Assert.Equal(0.95, nice.Max);
        Assert.Equal([0.2, 0.4, 0.6, 0.8], nice.Ticks);
    }

    [Fact]
    public void Compute_RandomRanges_CoversDataWithEvenTicks()
    {
        var rng = new Random(20240601);
        for (int trial = 0; trial < 2000; trial++)
        {
            double scale = Math.Pow(10, rng.Next(-4, 6));
            double a = (rng.NextDouble() - 0.3) * scale, b = a + (rng.NextDouble() * scale);
            int target = rng.Next(3, 11);
            var nice = NiceScale.Compute(a, b, target);
            Assert.True(nice.Min <= a && nice.Max >= b, $"[{a}, {b}] not inside [{nice.Min}, {nice.Max}]");
            Assert.InRange(nice.Ticks.Count, 2, (2 * target) + 2);
            for (int i = 1; i < nice.Ticks.Count; i++)
            {
                Assert.Equal(nice.Step, nice.Ticks[i] - nice.Ticks[i - 1], nice.Step * 1e-6);
            }

            double mantissa = nice.Step / Math.Pow(10, Math.Floor(Math.Log10(nice.Step) + 1e-9));
            Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0, 10.0 });
        }
    }
}
