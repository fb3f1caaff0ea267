using System.Globalization;
using System.Text;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Checking;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;
using PatrolSim.Testing;

namespace PatrolSim.Calibration.Tests.Checking;

public class FitCheckerTests
{
    [Fact]
    public void KsDistance_IdenticalSamples_IsZero()
    {
        double[] a = [1, 2, 2, 3, 7];
        Assert.Equal(0, FitChecker.KsDistance(a, a));
    }

    [Fact]
    public void KsDistance_DisjointSamples_IsOne()
    {
        Assert.Equal(1, FitChecker.KsDistance([1, 2, 3], [4, 5]));
        Assert.Equal(1, FitChecker.KsDistance([4, 5], [1, 2, 3]));
    }

    [Fact]
    public void KsDistance_InterleavedSamples_IsTheLargestGapOfTheStepFunctions()
    {
        // F_a - F_b after 1: .25-0, 2: .5-0, 2.5: .5-.25, 3: .75-.25, 3.5: .75-.5, 4: 1-.5, then falls: sup = 0.5.
        Assert.Equal(0.5, FitChecker.KsDistance([1, 2, 3, 4], [2.5, 3.5, 5, 6]), 12);
    }

    [Fact]
    public void KsDistance_TiesAcrossSamples_StepTogether()
    {
        // Both step at 1 (2/3 vs 1/3) and at 2 (1 vs 1): a tie must not be read as a gap of 2/3 or 1.
        Assert.Equal(1.0 / 3, FitChecker.KsDistance([1, 1, 2], [1, 2, 2]), 12);
    }

    [Fact]
    public void KsDistance_EmptySide_IsNaN() => Assert.True(double.IsNaN(FitChecker.KsDistance([], [1.0])));

    [Theory]
    [InlineData(100, 100, 0.192050)]
    [InlineData(500, 2500, 0.066530)]
    public void KsCritical_IsTheAsymptotic5PercentValue(int n, int m, double expected) =>
        Assert.Equal(expected, FitChecker.KsCritical(n, m), 5);

    [Fact]
    public void SampleSummary_Quantiles_UseR8OnTheSortedSample()
    {
        var s = SampleSummary.FromSorted([.. Enumerable.Range(1, 9).Select(i => (double)i)]);
        Assert.Equal(9, s.N);
        Assert.Equal(5, s.P50, 12);
        Assert.Equal(5, s.Mean, 12);
        // h = (n + 1/3) p + 1/3 = 9.333 * 0.1 + 0.333 = 1.2667 -> 1.2667; symmetric at 0.9.
        Assert.Equal(1 + (0.9333333333333333 + (1.0 / 3) - 1), s.P10, 9);
        Assert.Equal(10 - s.P10, s.P90, 9);
    }

    [Fact]
    public void Check_TurnoutAndTravel_AreDispatchedToEnRoute_AndEnRouteToArrived_OnBothSides()
    {
        // Observed: en route 0.5 min after dispatch and 3.5 min before arrival; a row without en route has neither interval.
        var csv = string.Join("\n", "Received,Dispatched,En_Route,Arrived,Closed,Priority",
            EnRouteRow(Sunday.AddHours(1), 1, 1.5, 5), EnRouteRow(Sunday.AddHours(2), 2, 2.5, 6), EnRouteRow(Sunday.AddHours(3), 2, null, 6)) + "\n";
        // Simulated: turnout 0.75 min, then Manhattan trips in a 1 x 1 km city at 60 km/h, so at most 2 min.
        var scenario = ScenarioLoader.Parse(TinyScenarios.MMc
            .Replace("callsPerDay: 384", "callsPerDay: 14\n  profile: { daily: [0, 0, 0, 0, 0, 0, 1] }", StringComparison.Ordinal)
            .Replace("travel: { model: none }", "travel: { model: manhattan, detour: 1, turnoutMinutes: 0.75, speedKmh: { 1: 60 } }", StringComparison.Ordinal), "sunday.yaml");

        var result = FitChecker.Check(CadReader.Read(new StringReader(csv), "calls.csv"), scenario, new FitCheckOptions { Replications = 2, PeriodDays = 7 });

        var p1 = result.Priorities.Single(p => p.Priority == 1);
        Assert.Equal(["queueDelay", "turnout", "travel", "response", "onScene"], p1.Measures.Select(m => m.Measure));
        Assert.Equal(new SampleSummary(2, 0.5, 0.5, 0.5, 0.5), p1["turnout"]!.Observed);
        Assert.Equal(new SampleSummary(2, 3.5, 3.5, 3.5, 3.5), p1["travel"]!.Observed);
        Assert.Equal(3, p1["response"]!.Observed.N);
        var turnout = p1["turnout"]!.Simulated;
        Assert.True(turnout.N > 100, $"{turnout.N} simulated turnouts");
        Assert.Equal(0.75, turnout.P10, 9);
        Assert.Equal(0.75, turnout.P90, 9);
        var travel = p1["travel"]!.Simulated;
        Assert.Equal(turnout.N, travel.N);
        Assert.InRange(travel.P10, 0, 2);
        Assert.InRange(travel.P90, travel.P10, 2);
        Assert.InRange(travel.Mean, 0.1, 2);
    }

    private static string EnRouteRow(DateTime received, double dispatched, double? enRoute, double arrived) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{received:yyyy-MM-dd HH:mm:ss},{received.AddMinutes(dispatched):yyyy-MM-dd HH:mm:ss},{(enRoute is { } e ? received.AddMinutes(e).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "")},{received.AddMinutes(arrived):yyyy-MM-dd HH:mm:ss},{received.AddMinutes(arrived + 30):yyyy-MM-dd HH:mm:ss},1");

    private static readonly DateTime Sunday = new(2025, 1, 5);

    private static CadReadResult Read(IEnumerable<string> rows) =>
        CadReader.Read(new StringReader(string.Join("\n", ["Received,Dispatched,Arrived,Closed,Priority", .. rows]) + "\n"), "calls.csv");

    private static string Row(DateTime received, double dispatched = 1, double arrived = 5, double closed = 35) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{received:yyyy-MM-dd HH:mm:ss},{received.AddMinutes(dispatched):yyyy-MM-dd HH:mm:ss},{received.AddMinutes(arrived):yyyy-MM-dd HH:mm:ss},{received.AddMinutes(closed):yyyy-MM-dd HH:mm:ss},1");

    /// <summary>M/M/10 with all its calls on Sundays (14 a day on average, so 98 each Sunday).</summary>
    private static Scenario SundayOnly() => ScenarioLoader.Parse(
        TinyScenarios.MMc.Replace("callsPerDay: 384", "callsPerDay: 14\n  profile: { daily: [0, 0, 0, 0, 0, 0, 1] }", StringComparison.Ordinal), "sunday.yaml");

    [Theory]
    [InlineData(1, 144, 6)]            // Tuesday 00:00 -> the next Sunday 00:00
    [InlineData(2, 48, 2)]             // already aligned
    [InlineData(2, 49, 2 + (1.0 / 24))]
    [InlineData(0.5, 0, 7)]            // Monday 12:00 -> the next Monday 00:00
    [InlineData(0, 0, 0)]
    [InlineData(0.01, 0, 7)]           // a partial hour of warm-up is rounded up to a whole hour first
    public void AlignedWarmupDays_ExtendsTheWarmupToTheDataFirstHourOfWeek(double warmup, int startHourOfWeek, double expected) =>
        Assert.Equal(expected, FitChecker.AlignedWarmupDays(warmup, startHourOfWeek), 12);

    [Fact]
    public void Check_SimulatedCalendarStartsOnTheDataFirstWeekday_SoWeekdaysLineUp()
    {
        // Three days of data from Sunday 00:00: 96 calls on Sunday, one late on Tuesday.
        var rows = Enumerable.Range(0, 96).Select(i => Row(Sunday.AddMinutes(10 + (15 * i)))).Append(Row(Sunday.AddDays(2).AddHours(23.5)));

        var result = FitChecker.Check(Read(rows), SundayOnly(), new FitCheckOptions { Replications = 2 });

        Assert.Equal(3, result.ObservedDays);
        Assert.Equal(3, result.PeriodDays);
        Assert.Equal(6, result.WarmupDays); // the scenario's 1 day (to Tuesday 00:00) extended to Sunday 00:00
        var byDay = result.Weekday.Rows.ToDictionary(r => r.Label);
        Assert.Equal(96, byDay["Sun"].Observed);
        Assert.InRange(byDay["Sun"].Simulated, 60, 140);        // 98 expected; the model's Sunday is simulated
        Assert.Equal(0, byDay["Mon"].Simulated);
        Assert.True(double.IsNaN(byDay["Wed"].Observed));        // not covered on either side
        Assert.True(double.IsNaN(byDay["Wed"].Simulated));
        Assert.Equal(1, result.Weekday.DegreesOfFreedom);        // only Sunday has simulated calls to compare with
    }

    [Fact]
    public void Check_PartialFirstAndLastDays_CountTheirCoveredHoursOnly()
    {
        // Sunday 12:00 .. Monday 11:59: 24 covered hours over two calendar days, 4 calls an hour.
        var rows = Enumerable.Range(0, 96).Select(i => Row(Sunday.AddHours(12).AddMinutes(7 + (15 * i))));

        var result = FitChecker.Check(Read(rows), SundayOnly(), new FitCheckOptions { Replications = 1 });

        Assert.Equal(1, result.ObservedDays);
        Assert.Equal(96, result.ObservedCallsPerDay);
        var byDay = result.Weekday.Rows.ToDictionary(r => r.Label);
        Assert.Equal(96, byDay["Sun"].Observed); // 48 calls in half a Sunday: 96 a day, not 48
        Assert.Equal(96, byDay["Mon"].Observed);
        Assert.All(result.HourOfDay.Rows, r => Assert.Equal(4, r.Observed)); // every hour covered once
        Assert.Equal(6.5, result.WarmupDays, 12); // simulated from Sunday 12:00 as well
    }

    [Fact]
    public void Check_PeriodDays_SetsTheSimulatedPeriodOnly()
    {
        var rows = Enumerable.Range(0, 96).Select(i => Row(Sunday.AddMinutes(10 + (15 * i))));

        var result = FitChecker.Check(Read(rows), SundayOnly(), new FitCheckOptions { Replications = 1, PeriodDays = 14 });

        Assert.Equal(14, result.PeriodDays);
        Assert.Equal(1, result.ObservedDays);
        Assert.Equal(96, result.ObservedCallsPerDay);
        Assert.InRange(result.SimulatedCallsPerDay, 10, 18); // 14 a day on average over two whole weeks
        Assert.InRange(result.Weekday.Rows.Single(r => r.Label == "Sun").Simulated, 60, 140); // per Sunday, over two Sundays
    }

    [Fact]
    public void Check_RowWithOutOfOrderLaterTimes_KeepsItsQueueDelay()
    {
        // Closed before arrived (a reopened call): the on-scene interval goes, received -> dispatched stays.
        var rows = new[] { Row(Sunday.AddHours(1), dispatched: 2, arrived: 9, closed: 8), Row(Sunday.AddHours(2), dispatched: 4) };

        var result = FitChecker.Check(Read(rows), SundayOnly(), new FitCheckOptions { Replications = 1, PeriodDays = 1 });

        var p1 = result.Priorities.Single(p => p.Priority == 1);
        Assert.Equal(2, p1["queueDelay"]!.Observed.N);
        Assert.Equal(3, p1["queueDelay"]!.Observed.Mean, 9);
        Assert.Equal(2, p1["response"]!.Observed.N);
        Assert.Equal(1, p1["onScene"]!.Observed.N);
    }
}
