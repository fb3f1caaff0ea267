using PatrolSim.Engine.Random;

namespace PatrolSim.Engine.Tests.Random;

public class PiecewiseRateTests
{
    private static readonly double[] Rates = [0, 10, 30, 5, 60, 20, 0.5, 45];

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(2.5, false)]
    [InlineData(0.2, false)]
    [InlineData(1.0, true)]
    public void ThinningAndInversion_CountsPerSegmentMatchRateTimesLength(double multiplier, bool inversion)
    {
        // Arrivals in segment k over C cycles are Poisson with mean rate_k · multiplier · C hours;
        // each count must lie within 4.5 standard deviations (and zero-rate segments get none).
        const int Cycles = 1000;
        var rate = new PiecewiseRate(Rates, SimTime.FromHours(1));
        var rng = RandomStreams.Create(9, 0, 1);
        var counts = new long[Rates.Length];
        var now = SimTime.Zero;
        var end = SimTime.FromHours(Rates.Length * Cycles);
        while (true)
        {
            var next = inversion ? rate.NextByInversion(now, rng) : rate.NextArrival(now, rng, multiplier);
            Assert.True(inversion ? next >= now : next > now);
            if (next >= end)
            {
                break;
            }

            counts[(int)(next.Ticks / SimTime.TicksPerHour % Rates.Length)]++;
            now = next;
        }

        for (int k = 0; k < Rates.Length; k++)
        {
            double expected = Rates[k] * multiplier * Cycles;
            if (expected == 0)
            {
                Assert.Equal(0, counts[k]);
            }
            else
            {
                Assert.True(Math.Abs(counts[k] - expected) <= 4.5 * Math.Sqrt(expected), $"segment {k}: {counts[k]} vs {expected}");
            }
        }
    }

    /// <summary>
    /// Inversion by hand: from 00:30, with rates 2/h, 0 and 4/h in hours 0, 1 and 2 (cyclic), a unit exponential E
    /// lands at 00:30 + E/2 h while E ≤ 1; past that the empty hour is skipped and the rest E − 1 takes (E − 1)/4 h from
    /// 02:00. The integral reaches 5 at 03:00; beyond, whole cycles of integral 6 (3 hours each) are skipped and the rest
    /// placed the same way from the cycle's start. The same seed gives the hand computation its E.
    /// </summary>
    [Fact]
    public void Inversion_IsTheIntegratedRateReachingAUnitExponential()
    {
        var rate = new PiecewiseRate([2.0, 0.0, 4.0], SimTime.FromHours(1));
        var start = SimTime.FromMinutes(30);
        for (ulong seed = 1; seed <= 2000; seed++)
        {
            double e = new Xoshiro256(seed).Exponential(1.0);
            double cycles = Math.Floor(Math.Max(0, e - 5) / 6) + (e > 5 ? 1 : 0);
            double rest = e > 5 ? e - 5 - ((cycles - 1) * 6) : e;
            double baseHours = e > 5 ? 3 + ((cycles - 1) * 3) : 0.5;

            // From 00:30 (or from the start of a cycle): an hour at 2/h (half an hour when starting at 00:30), one at 0, one at 4/h.
            double firstHour = e > 5 ? 1.0 : 0.5;
            double hours = rest <= 2 * firstHour
                ? baseHours + (rest / 2)
                : baseHours + firstHour + 1 + ((rest - (2 * firstHour)) / 4);
            long expected = (long)Math.Round(hours * SimTime.TicksPerHour);
            long got = rate.NextByInversion(start, new Xoshiro256(seed)).Ticks;

            // The hand computation sums hours in another order: equal to a millisecond.
            Assert.True(Math.Abs(got - expected) <= 1, $"seed {seed}: E = {e}, {got} vs {expected} ms");
        }
    }

    [Fact]
    public void Thinning_GapsInAConstantStretchAreExponential()
    {
        // One constant segment: the process is homogeneous, gaps exponential with mean 1/rate.
        var rate = new PiecewiseRate([12.0], SimTime.FromHours(1));
        var rng = new Xoshiro256(4);
        var now = SimTime.Zero;
        var gaps = new double[100_000];
        for (int i = 0; i < gaps.Length; i++)
        {
            var next = rate.NextArrival(now, rng);
            gaps[i] = (next - now).TotalHours;
            now = next;
        }

        double mean = 1.0 / 12;
        // Arrival times are rounded up to the millisecond; the shift of ≤ 1 ms is far below the tolerance.
        VariateTests.AssertMoments(gaps, mean, mean * mean);
        VariateTests.AssertKolmogorovSmirnov(gaps, new MathNet.Numerics.Distributions.Exponential(12).CumulativeDistribution);
    }

    [Fact]
    public void Rates_AreReportedPerHour()
    {
        var rate = new PiecewiseRate(Rates, SimTime.FromHours(1));
        Assert.Equal(60, rate.MaxRatePerHour, 9);
        Assert.Equal(Rates.Average(), rate.MeanRatePerHour, 9);
        Assert.Equal(30, rate.RatePerHour(SimTime.FromMinutes(150)), 9);
        Assert.Equal(30, rate.RatePerHour(SimTime.FromHours(Rates.Length * 3) + SimTime.FromMinutes(150)), 9);
        Assert.Equal(45, rate.RatePerHour(SimTime.FromMinutes(-1)), 9);
    }

    [Fact]
    public void ZeroMultiplier_GivesNever()
    {
        var rate = new PiecewiseRate(Rates, SimTime.FromHours(1));
        Assert.Equal(SimTime.Never, rate.NextArrival(SimTime.Zero, new Xoshiro256(1), 0));
    }

    [Fact]
    public void Constructor_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PiecewiseRate([], SimTime.FromHours(1)));
        Assert.Throws<ArgumentException>(() => new PiecewiseRate([0.0, 0.0], SimTime.FromHours(1)));
        Assert.Throws<ArgumentException>(() => new PiecewiseRate([1.0, -1.0], SimTime.FromHours(1)));
        Assert.Throws<ArgumentException>(() => new PiecewiseRate([1.0, double.NaN], SimTime.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PiecewiseRate([1.0], SimTime.Zero));
    }
}
