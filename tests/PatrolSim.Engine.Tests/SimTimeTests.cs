namespace PatrolSim.Engine.Tests;

public class SimTimeTests
{
    [Fact]
    public void Units_AreMilliseconds()
    {
        Assert.Equal(1000, SimTime.TicksPerSecond);
        Assert.Equal(60_000, SimTime.TicksPerMinute);
        Assert.Equal(3_600_000, SimTime.TicksPerHour);
        Assert.Equal(86_400_000, SimTime.TicksPerDay);
        Assert.Equal(604_800_000, SimTime.TicksPerWeek);
    }

    [Theory]
    [InlineData(1.0, 60_000)]
    [InlineData(0.5, 30_000)]
    [InlineData(-2.25, -135_000)]
    [InlineData(0.0000083, 0)]           // 0.498 ms rounds down
    [InlineData(0.0000084, 1)]           // 0.504 ms rounds up
    public void FromMinutes_RoundsToNearestMillisecond(double minutes, long ticks) =>
        Assert.Equal(ticks, SimTime.FromMinutes(minutes).Ticks);

    [Fact]
    public void Conversions_RoundTrip()
    {
        Assert.Equal(5_400_000, SimTime.FromHours(1.5).Ticks);
        Assert.Equal(2 * SimTime.TicksPerDay, SimTime.FromDays(2).Ticks);
        Assert.Equal(1500, SimTime.FromSeconds(1.5).Ticks);
        Assert.Equal(90.0, SimTime.FromHours(1.5).TotalMinutes);
        Assert.Equal(1.5, SimTime.FromMinutes(90).TotalHours);
        Assert.Equal(0.25, SimTime.FromHours(6).TotalDays);
        Assert.Equal(36525.0, SimTime.MaxHorizon.TotalDays);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e14)]   // 1e14 minutes = 6e18 ticks: beyond the ±4.6e18 guard
    [InlineData(-1e14)]
    public void FromMinutes_NonFiniteOrHuge_Throws(double minutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SimTime.FromMinutes(minutes));

    [Fact]
    public void Arithmetic_AddsSubtractsScales()
    {
        var a = SimTime.FromMinutes(10);
        var b = SimTime.FromMinutes(4);
        Assert.Equal(SimTime.FromMinutes(14), a + b);
        Assert.Equal(SimTime.FromMinutes(6), a - b);
        Assert.Equal(SimTime.FromMinutes(-6), b - a);
        Assert.Equal(SimTime.FromMinutes(30), a * 3);
        Assert.Equal(a, SimTime.Max(a, b));
        Assert.Equal(b, SimTime.Min(a, b));
    }

    [Fact]
    public void Arithmetic_Overflow_ThrowsInsteadOfWrapping()
    {
        Assert.Throws<OverflowException>(() => SimTime.Never + new SimTime(1));
        Assert.Throws<OverflowException>(() => new SimTime(long.MinValue) - new SimTime(1));
        Assert.Throws<OverflowException>(() => SimTime.MaxHorizon * long.MaxValue);
    }

    [Fact]
    public void MaxHorizon_CoversAHundredYearsWithRoomToAdd()
    {
        Assert.True(SimTime.MaxHorizon >= SimTime.FromDays(365.25 * 100));
        // A horizon plus another horizon of spans is still exact.
        var twice = SimTime.MaxHorizon + SimTime.MaxHorizon;
        Assert.Equal(2 * SimTime.MaxHorizon.Ticks, twice.Ticks);
        Assert.True(SimTime.MaxHorizon < SimTime.Never);
    }

    [Fact]
    public void Ordering_FollowsTicks()
    {
        var a = new SimTime(-1);
        var b = SimTime.Zero;
        var c = new SimTime(1);
        Assert.True(a < b && b < c && a <= b && b <= new SimTime(0) && c >= b && c > a);
        Assert.False(b < a || c <= b || a >= b || b > c);
        Assert.True(b == new SimTime(0) && a != b);
        Assert.Equal(-1, a.CompareTo(b));
        Assert.Equal(0, b.CompareTo(SimTime.Zero));
        Assert.True(b.Equals((object)new SimTime(0)));
        Assert.False(b.Equals((object)0L));
        Assert.Equal(new SimTime(7).GetHashCode(), new SimTime(7).GetHashCode());
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3_600_000, 0, 1)]
    [InlineData(86_400_000, 1, 24)]
    [InlineData(604_800_000 - 1, 6, 167)]
    [InlineData(604_800_000, 7, 0)]
    [InlineData(-1, -1, 167)]
    [InlineData(-86_400_000, -1, 144)]
    public void DayAndHourOfWeek_UseFloorDivision(long ticks, long day, int hourOfWeek)
    {
        var t = new SimTime(ticks);
        Assert.Equal(day, t.Day);
        Assert.Equal(hourOfWeek, t.HourOfWeek);
    }

    [Theory]
    [InlineData(0, "day 0 00:00:00.000")]
    [InlineData(90_061_001, "day 1 01:01:01.001")]
    [InlineData(86_399_999, "day 0 23:59:59.999")]
    [InlineData(-1, "day -1 23:59:59.999")]
    [InlineData(3_155_760_000_000, "day 36525 00:00:00.000")]
    public void ToString_IsDayAndClock(long ticks, string expected) =>
        Assert.Equal(expected, new SimTime(ticks).ToString());
}
