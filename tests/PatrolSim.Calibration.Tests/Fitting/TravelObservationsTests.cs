using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Checking;
using PatrolSim.Calibration.Fitting;

namespace PatrolSim.Calibration.Tests.Fitting;

/// <summary>What the travel fit reads from a CAD export: turnout, trips, units already at the scene, and trips by hour.</summary>
public class TravelObservationsTests
{
    private static readonly DateTime Monday = new(2025, 1, 6);

    private static CadCall Call(int i, int priority, double dispatched, double? enRoute, double? arrived, double hour = 10, bool self = false) =>
        new(i, Monday.AddHours(hour).AddMinutes(i % 50), priority)
        {
            Dispatched = TimeSpan.FromMinutes(dispatched),
            EnRoute = enRoute is { } e ? TimeSpan.FromMinutes(e) : null,
            Arrived = arrived is { } a ? TimeSpan.FromMinutes(a) : null,
            SelfInitiated = self,
        };

    [Fact]
    public void Of_TurnoutAndTrips_ByPriority_WithTheUnitsAlreadyThereApart()
    {
        // P2: 40 calls; turnout 0.5 min; trips 1..40 min, and 10 more that arrive 6 s after rolling (at the scene already).
        var calls = Enumerable.Range(1, 40).Select(i => Call(i, 2, 1, 1.5, 1.5 + i))
            .Concat(Enumerable.Range(41, 10).Select(i => Call(i, 2, 1, 1.5, 1.6)))
            .Append(Call(51, 2, 1, null, 9))                  // no en route: neither turnout nor trip
            .Append(Call(52, 2, 1, 1.5, 30, self: true))     // self-initiated: not a citizen call
            .ToArray();

        var o = TravelObservations.Of(calls)!;

        Assert.True(o.FromEnRoute);
        Assert.Equal(50, o.Turnout[2].N);
        Assert.Equal(0.5, o.Turnout[2].P50, 9);
        var trips = o.Trips[2];
        Assert.Equal(50, trips.All.N);
        Assert.Equal(10 / 50.0, trips.AtSceneShare, 12);
        // Moving trips 1..40: R-8 quantiles h = (n + 1/3) p + 1/3, so p50 = 20.5 and p90 = x(36.633) = 36.633; mean 20.5.
        Assert.Equal(20.5, trips.Moving[2], 9);
        Assert.Equal((0.9 * (40 + (1.0 / 3))) + (1.0 / 3), trips.Moving[4], 9);
        Assert.Equal(20.5, trips.Moving[^1], 9);
        Assert.Equal([2], o.FittedPriorities);
    }

    [Fact]
    public void Of_WithoutEnRouteTimes_TripsRunFromDispatch()
    {
        var calls = Enumerable.Range(1, 30).Select(i => Call(i, 1, 2, null, 2 + i)).ToArray();

        var o = TravelObservations.Of(calls)!;

        Assert.False(o.FromEnRoute);
        Assert.Empty(o.Turnout);
        Assert.Equal(15.5, o.Trips[1].All.P50, 9);
        Assert.Null(TravelObservations.Of([Call(1, 1, 2, null, null)]));
    }

    [Fact]
    public void HourRatios_AHourWithTripsTwiceAsLong_IsTwiceTheMedian_ThenSmoothed121()
    {
        // Every hour 20 trips of 5 min at P1 and of 8 min at P2; at 08:00 they take twice as long. Less than half of any
        // priority's trips are at 08:00, so its median stays 5 (or 8) and the ratio there is 2, elsewhere 1. Smoothed with
        // weights 1-2-1: 07:00 and 09:00 (1 + 2 + 2) / 4 = 1.25, 08:00 (1 + 4 + 1) / 4 = 1.5.
        var trips = Enumerable.Range(0, 24).SelectMany(h => Enumerable.Range(0, 20).SelectMany(_ => new[]
        {
            new Trip(1, h, h == 8 ? 10 : 5), new Trip(2, h, h == 8 ? 16 : 8),
        }));

        var ratios = TravelObservations.HourRatiosOf(trips);

        Assert.Equal(1.25, ratios[7], 12);
        Assert.Equal(1.5, ratios[8], 12);
        Assert.Equal(1.25, ratios[9], 12);
        Assert.All(ratios.Where((_, h) => h is < 7 or > 9), r => Assert.Equal(1, r, 12));
    }

    [Fact]
    public void HourRatios_ThinCells_DoNotCount()
    {
        // 9 trips at 03:00 (fewer than MinTripsPerHour) twice as long: that hour keeps ratio 1.
        var trips = Enumerable.Range(0, 24).SelectMany(h => Enumerable.Repeat(new Trip(1, h, h == 3 ? 10 : 5), h == 3 ? 9 : 20));
        Assert.All(TravelObservations.HourRatiosOf(trips), r => Assert.Equal(1, r, 12));
    }

    [Fact]
    public void DailyWaves_ReproduceADailyAndAHalfDailyWave_WithoutTheirMean()
    {
        double Wave(int h) => (0.3 * Math.Cos(2 * Math.PI * (h - 17) / 24)) - (0.1 * Math.Sin(4 * Math.PI * h / 24));
        var values = Enumerable.Range(0, 24).Select(h => 0.7 + Wave(h)).ToArray();
        var weights = Enumerable.Range(0, 24).Select(h => 1 + (h % 5)).ToArray();

        var fitted = TravelFitter.DailyWaves(values, weights);

        Assert.All(Enumerable.Range(0, 24), h => Assert.Equal(Wave(h), fitted[h], 9));
    }
}
