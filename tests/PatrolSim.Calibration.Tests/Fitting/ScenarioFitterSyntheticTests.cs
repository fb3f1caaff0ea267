using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;

namespace PatrolSim.Calibration.Tests.Fitting;

/// <summary>
/// Fits a CAD export drawn from known parameters (20 weeks, 150 citizen calls a day, seeded) and checks that they are
/// recovered. Tolerances are about 3 standard errors of each estimate at this sample size.
/// </summary>
public class ScenarioFitterSyntheticTests
{
    private static readonly SyntheticPriority[] Priorities =
    [
        new(1, 0.10, 60, 0.8, 0.70, 0.00),
        new(2, 0.50, 35, 1.0, 0.30, 0.05),
        new(3, 0.25, 25, 0.7, 0.10, 0.10),
        new(4, 0.15, 20, 0.6, 0.00, 0.25),
    ];

    private const int Days = 140;
    private const double CallsPerDay = 150;
    private const double SelfPerDay = 30;

    private static readonly Lazy<(CadReadResult Read, CalibrationResult Fit)> Fitted = new(() =>
    {
        var csv = new SyntheticCad(seed: 20251122).Generate(Days, CallsPerDay, Priorities, SelfPerDay, 15, 0.5);
        var read = CadReader.Read(new StringReader(csv), "synthetic.csv");
        var options = FitOptions.Default.WithOfficersPerShift([20, 20, 20]);
        return (read, ScenarioFitter.Fit(read, options));
    });

    [Fact]
    public void Read_SyntheticExport_UsesEveryRowAndTheDefaultSelfInitiatedRule()
    {
        var read = Fitted.Value.Read;
        Assert.True(read.Report.IsEmpty, string.Join("\n", read.Report.Describe()));
        Assert.Equal(read.RowsRead, read.RowsUsed);
        Assert.Equal("Source in {OFFICER, OFFICER INITIATED, SELF INITIATED, SELF-INITIATED, ON VIEW, ONVIEW, ON-VIEW, FIELD INITIATED, RADIO} (default rule)",
            read.Mapping.SelfInitiatedRules.Single().ToString());
    }

    [Fact]
    public void Fit_Volume_RecoversCitizenAndSelfInitiatedRates()
    {
        var fit = Fitted.Value.Fit;
        Assert.Equal(Days, fit.PeriodDays);
        // 21,000 calls: s.e. of calls/day is 0.7%.
        Assert.InRange(fit.CallsPerDay, CallsPerDay * 0.98, CallsPerDay * 1.02);
        Assert.InRange(fit.SelfInitiated!.CallsPerDay, SelfPerDay * 0.96, SelfPerDay * 1.04);
        Assert.Equal(fit.CitizenCalls + fit.SelfInitiated.Calls, fit.TotalCalls);
    }

    [Fact]
    public void Fit_PriorityMix_RecoversShares()
    {
        var mix = Fitted.Value.Fit.PriorityMix;
        foreach (var p in Priorities)
            Assert.InRange(mix[p.Priority], p.Share - 0.01, p.Share + 0.01);
    }

    [Fact]
    public void Fit_WeeklyProfile_RecoversTheShape()
    {
        var fitted = Fitted.Value.Fit.WeeklyProfile;
        var truth = SyntheticCad.TrueProfile();
        Assert.Equal(168, fitted.Count);
        Assert.Equal(1.0, fitted.Average(), 9);
        var errors = fitted.Zip(truth, (f, t) => f - t).ToArray();
        // ~125 calls per weekday-hour cell: 9% noise, ~5.5% after 1-2-1 smoothing.
        Assert.True(Math.Sqrt(errors.Average(e => e * e)) < 0.06, $"rms error {Math.Sqrt(errors.Average(e => e * e))}");
        Assert.True(errors.Max(Math.Abs) < 0.2, $"max error {errors.Max(Math.Abs)}");
    }

    [Fact]
    public void Fit_OnScene_RecoversLognormalParametersPerPriority()
    {
        var fit = Fitted.Value.Fit;
        foreach (var p in Priorities)
        {
            var onScene = fit.Priorities.Single(x => x.Priority == p.Priority).OnScene;
            Assert.Equal(DurationFitKind.LogNormal, onScene.Kind);
            Assert.True(onScene.KsDistance < 0.03, $"P{p.Priority} KS {onScene.KsDistance}");
            Assert.InRange(onScene.Mean, p.OnSceneMean * 0.94, p.OnSceneMean * 1.06);
            Assert.InRange(onScene.Cv, p.OnSceneCv * 0.92, p.OnSceneCv * 1.08);
        }
        var self = fit.SelfInitiated!.OnScene;
        Assert.Equal(DurationFitKind.LogNormal, self.Kind);
        Assert.InRange(self.Mean, 15 * 0.96, 15 * 1.04);
        Assert.InRange(self.Cv, 0.5 * 0.92, 0.5 * 1.08);
    }

    [Fact]
    public void Fit_UnitsAndNoUnitShares_AreRecoveredAndSplitIntoIntegerOfficers()
    {
        var fit = Fitted.Value.Fit;
        foreach (var p in Priorities)
        {
            var pf = fit.Priorities.Single(x => x.Priority == p.Priority);
            Assert.Equal("unit-count column", pf.UnitsSource);
            Assert.InRange(pf.UnitsPerCall, 1 + p.TwoUnitShare - 0.04, 1 + p.TwoUnitShare + 0.04);
            Assert.InRange(pf.NoUnitShare, p.NoUnitShare - 0.02, p.NoUnitShare + 0.02);

            var types = fit.CallTypes.Where(t => t.Priority == p.Priority).ToArray();
            Assert.Equal(pf.Share, types.Sum(t => t.Share), 9);
            Assert.Equal(pf.NoUnitShare * pf.Share, types.Where(t => !t.NeedsUnit).Sum(t => t.Share), 9);
            // The officer split keeps the mean units per call among calls with a unit.
            var withUnit = types.Where(t => t.NeedsUnit).ToArray();
            Assert.Equal(pf.UnitsPerCall, withUnit.Sum(t => t.Share * t.Officers) / withUnit.Sum(t => t.Share), 9);
        }
    }

    [Fact]
    public void Fit_CallTypes_KeepNamesWithQuotedCommas()
    {
        var fit = Fitted.Value.Fit;
        Assert.Contains(fit.CallTypes, t => t.Name == "TYPE 1, GENERIC P1, 2 officers" && t.Officers == 2);
        Assert.Contains(fit.CallTypes, t => t.Name == "TYPE 4, GENERIC P4, no unit" && !t.NeedsUnit);
        Assert.Equal(1.0, fit.CallTypes.Sum(t => t.Share), 9);
    }

    [Fact]
    public void Fit_SelfInitiatedRate_IsCallsOverIdleUnitHoursOfTheGivenStaffing()
    {
        var fit = Fitted.Value.Fit;
        var si = fit.SelfInitiated!;
        Assert.All(fit.Shifts, s => Assert.False(s.Estimated));
        Assert.Equal(60 * 8.0 * Days, fit.Shifts.Sum(s => s.Officers * s.Hours) * Days);
        // On duty 67,200 officer-hours; citizen calls keep officers busy for roughly
        // 150/day * 140 days * (share with unit) * (units) * (travel 6 min on average + on-scene).
        var busy = (60 * 8.0 * Days) - si.IdleUnitHours;
        var expectedBusy = Priorities.Sum(p => CallsPerDay * Days * p.Share * (1 - p.NoUnitShare) * (1 + p.TwoUnitShare) * (p.OnSceneMean + 6) / 60);
        Assert.InRange(busy, expectedBusy * 0.95, expectedBusy * 1.05);
        Assert.Equal(si.Calls / si.IdleUnitHours, si.RatePerUnitHour, 12);
    }

    [Fact]
    public void ToYaml_SameCallsInReverseOrder_SameBytes()
    {
        // The order of a CAD extract's rows is an accident of the export; the fitted scenario must not depend on it.
        var lines = new SyntheticCad(seed: 20251122).Generate(Days, CallsPerDay, Priorities, SelfPerDay, 15, 0.5).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string reversed = string.Join('\n', [lines[0], .. lines.Skip(1).Reverse()]) + "\n";
        var read = CadReader.Read(new StringReader(reversed), "synthetic.csv");
        var options = FitOptions.Default.WithOfficersPerShift([20, 20, 20]);
        Assert.Equal(Fitted.Value.Fit.ToYaml(), ScenarioFitter.Fit(read, options).ToYaml());
    }

    [Fact]
    public void ToYaml_Synthetic_IsAValidScenario()
    {
        var yaml = Fitted.Value.Fit.ToYaml();
        EmittedScenario.Load(yaml);
        Assert.Contains("    - { name: \"day\", start: \"07:00\", hours: 8, officers: 20 }  # given;", yaml, StringComparison.Ordinal);
        Assert.Contains("  # officers per shift as given (not estimated from the data)", yaml, StringComparison.Ordinal);
    }
}
