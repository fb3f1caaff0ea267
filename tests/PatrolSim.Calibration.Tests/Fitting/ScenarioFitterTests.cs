using MathNet.Numerics.Distributions;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;

namespace PatrolSim.Calibration.Tests.Fitting;

public class ScenarioFitterTests
{
    private static readonly DateTime Monday = new(2025, 1, 6);

    private static CadCall Call(DateTime received, int priority = 2, double? dispatched = null, double? arrived = null,
        double? cleared = null, double? closed = null, int? units = null, bool self = false, string? type = null) =>
        new(0, received, priority)
        {
            Dispatched = Minutes(dispatched),
            Arrived = Minutes(arrived),
            Cleared = Minutes(cleared),
            Closed = Minutes(closed),
            Units = units,
            SelfInitiated = self,
            CallType = type,
        };

    private static TimeSpan? Minutes(double? m) => m is { } v ? TimeSpan.FromMinutes(v) : null;

    [Fact]
    public void WeeklyProfile_OneCallEveryHourOverAPartialWeek_IsFlat()
    {
        // 10 days from a Monday: Mon-Wed occur twice, the other days once. Dividing by occurrences makes it flat.
        var calls = Enumerable.Range(0, 240).Select(h => Call(Monday.AddHours(h).AddMinutes(30))).ToArray();

        var (profile, _) = ScenarioFitter.WeeklyProfile(calls, ObservationWindow.Occurrences(0, 240), 1);

        Assert.All(profile, v => Assert.Equal(1.0, v, 12));
    }

    [Fact]
    public void WeeklyProfile_PartialFirstAndLastDays_CountOnlyTheirCoveredHours_AndStayFlat()
    {
        // Wednesday 14:30 .. the next Wednesday 09:30, one call an hour: every covered hour once, some twice.
        var calls = Enumerable.Range(0, 164).Select(h => Call(Monday.AddDays(2).AddHours(14 + h).AddMinutes(30))).ToArray();
        var window = ObservationWindow.Of(calls.Select(c => c.Received));

        var (profile, _) = ScenarioFitter.WeeklyProfile(calls, window.HourOfWeekOccurrences(), 1);

        Assert.Equal(164, window.Hours);
        Assert.All(profile, v => Assert.Equal(1.0, v, 12));
    }

    [Fact]
    public void Fit_PartialFirstAndLastDays_CallsPerDayUsesTheCoveredHours()
    {
        // 60 calls from Monday 18:10 to Wednesday 05:50: covered 18:00 Monday .. 06:00 Wednesday = 36 h = 1.5 days,
        // although the calls touch three calendar days.
        var calls = Enumerable.Range(0, 60).Select(i => Call(Monday.AddHours(18).AddMinutes(10 + (i * 35.5)))).ToArray();

        var fit = ScenarioFitter.Fit(calls);

        Assert.Equal(1.5, fit.PeriodDays, 12);
        Assert.Equal(40, fit.CallsPerDay, 12);
        Assert.Equal(DateOnly.FromDateTime(Monday), fit.PeriodStart);
        Assert.Equal(DateOnly.FromDateTime(Monday.AddDays(2)), fit.PeriodEnd);
    }

    [Fact]
    public void WeeklyProfile_SingleHourSpike_IsSpreadOneTwoOne()
    {
        var calls = Enumerable.Range(0, 4).Select(_ => Call(Monday.AddHours(10).AddMinutes(5))).ToArray();

        var (profile, method) = ScenarioFitter.WeeklyProfile(calls, ObservationWindow.Occurrences(0, 168), 1);

        Assert.Equal(42, profile[9], 12);
        Assert.Equal(84, profile[10], 12);
        Assert.Equal(42, profile[11], 12);
        Assert.Equal(168 - 168, profile.Where((_, i) => i is < 9 or > 11).Sum());
        Assert.Contains("weights 1-2-1", method, StringComparison.Ordinal);
    }

    [Fact]
    public void WeeklyProfile_SpikeAtSundayMidnight_WrapsAroundTheWeek()
    {
        var calls = new[] { Call(Monday.AddDays(6).AddHours(23)) };

        var (profile, _) = ScenarioFitter.WeeklyProfile(calls, ObservationWindow.Occurrences(0, 168), 1);

        Assert.Equal(42, profile[0], 12);
        Assert.Equal(42, profile[166], 12);
        Assert.Equal(84, profile[167], 12);
    }

    [Fact]
    public void DurationFit_LogNormal_UsesTheMaximumLikelihoodFormulas()
    {
        double[] sample = [1, 2, 4, 8];

        var fit = DurationFit.Fit(sample, 1e9, ksThreshold: 1, empiricalPoints: 4, defaultMean: 30);

        var ln2 = Math.Log(2);
        Assert.Equal(DurationFitKind.LogNormal, fit.Kind);
        Assert.Equal(1.5 * ln2, fit.Mu, 12);
        Assert.Equal(ln2 * Math.Sqrt(1.25), fit.Sigma, 12); // population s.d. of 0, 1, 2, 3 times ln 2
        Assert.Equal(Math.Exp(fit.Mu + (fit.Sigma * fit.Sigma / 2)), fit.Mean, 12);
        Assert.Equal(Math.Sqrt(Math.Exp(fit.Sigma * fit.Sigma) - 1), fit.Cv, 12);
        // KS distance checked by brute force over a fine grid.
        var brute = 0.0;
        for (var x = 0.5; x < 20; x += 0.0001)
        {
            var fn = sample.Count(s => s <= x) / 4.0;
            brute = Math.Max(brute, Math.Abs(fn - LogNormal.CDF(fit.Mu, fit.Sigma, x)));
        }
        Assert.Equal(brute, fit.KsDistance, 3);
    }

    [Fact]
    public void DurationFit_Bimodal_FallsBackToEmpiricalQuantiles()
    {
        var sample = Enumerable.Range(0, 500).Select(i => i % 2 == 0 ? 2 + (i % 7 * 0.01) : 60 + (i % 11 * 0.1)).ToArray();

        var fit = DurationFit.Fit(sample, 1e9, ksThreshold: 0.05, empiricalPoints: 20, defaultMean: 30);

        Assert.Equal(DurationFitKind.Empirical, fit.Kind);
        Assert.True(fit.KsDistance > 0.2);
        Assert.Equal(sample.Average(), fit.Mean, 9);
        Assert.Equal(20, fit.Quantiles.Count);
        Assert.InRange(fit.Quantiles[0], 2, 2.07);
        Assert.InRange(fit.Quantiles[^1], 60, 61);
    }

    [Fact]
    public void DurationFit_CloseInKsButWrongMean_FallsBackToEmpirical()
    {
        // A lognormal body (sigma 2) whose longest 3% were cut off: the KS distance stays small, but the fitted
        // lognormal's heavy tail puts its mean far above the sample mean.
        var sample = Enumerable.Range(0, 970).Select(i => Math.Exp(3 + (2 * Normal.InvCDF(0, 1, (i + 0.5) / 1000)))).ToArray();

        var strict = DurationFit.Fit(sample, 1e9, ksThreshold: 0.05, empiricalPoints: 20, defaultMean: 30, maxMeanError: 0.15);
        var ksOnly = DurationFit.Fit(sample, 1e9, ksThreshold: 0.05, empiricalPoints: 20, defaultMean: 30);

        Assert.True(strict.KsDistance <= 0.05, $"KS {strict.KsDistance}");
        Assert.Equal(DurationFitKind.Empirical, strict.Kind);
        Assert.True(strict.LogNormalMean > 1.15 * strict.SampleMean, $"{strict.LogNormalMean} vs {strict.SampleMean}");
        Assert.Equal(DurationFitKind.LogNormal, ksOnly.Kind);
    }

    [Fact]
    public void DurationFit_ZeroAndOverLongTimes_AreLeftOut()
    {
        var fit = DurationFit.Fit([0, -1, 5, 10, 2000], maxMinutes: 1440, ksThreshold: 1, empiricalPoints: 4, defaultMean: 30);

        Assert.Equal(2, fit.N);
        Assert.Equal(3, fit.Excluded);
        Assert.Equal((Math.Log(5) + Math.Log(10)) / 2, fit.Mu, 12);
    }

    [Fact]
    public void DurationFit_NoData_IsTheDefaultExponential()
    {
        var fit = DurationFit.Fit([], 1440, 0.05, 20, defaultMean: 30);
        Assert.Equal(DurationFitKind.Default, fit.Kind);
        Assert.Equal(30, fit.Mean);
    }

    [Fact]
    public void Fit_WithoutUnitColumn_UsesTheOpenAfterFirstClearedProxy()
    {
        // 10 calls with a unit: 3 stay open 5 minutes after the first unit cleared, 7 close when it clears (or 30 s after).
        var calls = Enumerable.Range(0, 10).Select(i => Call(Monday.AddHours(i), dispatched: 1, arrived: 5, cleared: 20,
            closed: i < 3 ? 25 : i < 6 ? 20.5 : 20)).ToArray();

        var fit = ScenarioFitter.Fit(calls, FitOptions.Default with { MinSamplesPerFit = 1 });

        var p2 = fit.Priorities.Single();
        Assert.Equal(1.3, p2.UnitsPerCall, 12);
        Assert.StartsWith("proxy: 1 + share of calls still open 60 s", p2.UnitsSource, StringComparison.Ordinal);
        Assert.Equal([("P2, 1 officer", 0.7, 1), ("P2, 2 officers", 0.3, 2)], fit.CallTypes.Select(t => (t.Name, Math.Round(t.Share, 12), t.Officers)));
    }

    [Fact]
    public void Fit_UnitsAboveTwo_SplitBetweenTheNeighbouringIntegers()
    {
        var calls = new[] { 2, 3, 3, 4 }.Select((u, i) => Call(Monday.AddHours(i), priority: 1, dispatched: 1, arrived: 5, closed: 30, units: u)).ToArray();

        var fit = ScenarioFitter.Fit(calls);

        Assert.Equal(3.0, fit.Priorities.Single().UnitsPerCall, 12);
        Assert.Equal([("P1, 3 officers", 1.0, 3)], fit.CallTypes.Select(t => (t.Name, t.Share, t.Officers)));
    }

    [Fact]
    public void Fit_StaffingEstimate_IsTheCeilingOfThePeakHourlyBusyOfficersPerShift()
    {
        var calls = new List<CadCall>();
        for (var d = 0; d < 7; d++)
        {
            // Day shift: five one-unit calls busy 08:00-10:00, one of them with two units -> 6 busy officers.
            for (var k = 0; k < 5; k++)
                calls.Add(Call(Monday.AddDays(d).AddHours(7).AddMinutes(50), dispatched: 10, arrived: 15, closed: 130, units: k == 0 ? 2 : 1));
            // Evening: two calls busy 16:00-16:30 -> hourly mean 1.0.
            for (var k = 0; k < 2; k++)
                calls.Add(Call(Monday.AddDays(d).AddHours(16), dispatched: 0, arrived: 5, closed: 30, units: 1));
        }

        var fit = ScenarioFitter.Fit(calls);

        Assert.Equal([("day", 6, true), ("evening", 1, true), ("night", 1, true)], fit.Shifts.Select(s => (s.Name, s.Officers, s.Estimated)));
        Assert.Equal(6, fit.Shifts[0].PeakBusyOfficers, 9);
        Assert.Equal(1, fit.Shifts[1].PeakBusyOfficers, 9);
        Assert.Equal(0, fit.Shifts[2].PeakBusyOfficers, 9);
        var yaml = fit.ToYaml();
        Assert.Contains("    - { name: \"day\", start: \"07:00\", hours: 8, officers: 6 }  # estimated; peak hourly busy officers 6", yaml, StringComparison.Ordinal);
        Assert.Contains("# staffing is NOT in CAD data.", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_SelfInitiatedRate_DividesByIdleOfficerHours()
    {
        // One week; 10 officers on each of three 8-hour shifts = 1,680 officer-hours on duty.
        // Citizen calls: 7 calls busy 60 minutes each = 7 officer-hours. Self-initiated: 42 calls.
        var calls = new List<CadCall>();
        for (var d = 0; d < 7; d++)
        {
            calls.Add(Call(Monday.AddDays(d).AddHours(12), dispatched: 0, arrived: 10, closed: 60, units: 1));
            for (var k = 0; k < 6; k++)
                calls.Add(Call(Monday.AddDays(d).AddHours(2 + (3 * k)), dispatched: 0, arrived: 0, closed: 12, units: 1, self: true));
        }

        // The calls span Monday 02:00 .. Sunday 17:00 (160 covered hours); the period is the whole week.
        var fit = ScenarioFitter.Fit(calls, FitOptions.Default.WithOfficersPerShift([10, 10, 10]) with { PeriodDays = 7 });

        var si = fit.SelfInitiated!;
        Assert.Equal(42, si.Calls);
        Assert.Equal(1680 - 7, si.IdleUnitHours, 9);
        Assert.Equal(42 / 1673.0, si.RatePerUnitHour, 12);
        Assert.Equal(7, fit.CitizenCalls);
        Assert.Equal(1.0, fit.CallsPerDay, 12);
    }

    [Fact]
    public void Fit_RareTypes_AreGroupedAsOtherPerPriority()
    {
        var calls = new List<CadCall>();
        var t = Monday;
        void Add(string type, int priority, int n)
        {
            for (var i = 0; i < n; i++) calls.Add(Call(t = t.AddMinutes(7), priority, dispatched: 1, arrived: 5, closed: 30, units: 1, type: type));
        }
        Add("THEFT", 3, 50);
        Add("FIGHT", 1, 40);
        Add("NOISE", 4, 30);
        Add("LITTER", 4, 5);
        Add("KITE", 3, 2);

        var fit = ScenarioFitter.Fit(calls, FitOptions.Default with { MaxCallTypes = 2 });

        Assert.Equal(
            ["FIGHT P1, 1 officer", "THEFT P3, 1 officer", "other P3, 1 officer", "other P4, 1 officer"],
            fit.CallTypes.Select(c => c.Name));
        Assert.Equal(35 / 127.0, fit.CallTypes[^1].Share, 12);
    }
}
