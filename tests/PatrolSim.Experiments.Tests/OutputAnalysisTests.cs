using MathNet.Numerics.Distributions;
using PatrolSim.Engine.Random;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

/// <summary>Issue 25: whole weeks, the warm-up check, Holm, pooled quantiles, the staffing confirmation, precision on request.</summary>
public class OutputAnalysisTests
{
    private static string Bundled(string file) => Path.Combine(RepoPaths.Root(), "scenarios", file);

    // ---- Whole weeks

    [Fact]
    public void WeeklyCycle_IsADailyProfileThatVaries_OrAWeekdayRoster()
    {
        var flat = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml");
        Assert.False(MeasuredPeriod.HasWeeklyCycle(flat));
        Assert.False(MeasuredPeriod.HasWeeklyCycle(ScenarioLoader.Load(Bundled("classroom-small-town.yaml"))), "an hourly profile repeats every day");
        Assert.True(MeasuredPeriod.HasWeeklyCycle(ScenarioLoader.Load(Bundled("midsize-baseline.yaml"))));
        Assert.False(MeasuredPeriod.HasWeeklyCycle(ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["demand.profile.daily=[1,1,1,1,1,1,1]"])));
        Assert.True(MeasuredPeriod.HasWeeklyCycle(ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["demand.profile.daily=[1,1,1,1,1,1.2,0.8]"])));
        var weekdays = flat with { Staffing = flat.Staffing with { Shifts = [flat.Staffing.Shifts[0] with { Days = [0, 1, 2, 3, 4] }] } };
        Assert.True(MeasuredPeriod.HasWeeklyCycle(weekdays));
        var byDay = flat with { Staffing = flat.Staffing with { Shifts = [flat.Staffing.Shifts[0] with { OfficersByWeekday = [10, 10, 10, 10, 12, 12, 10] }] } };
        Assert.True(MeasuredPeriod.HasWeeklyCycle(byDay));
    }

    [Theory]
    [InlineData(28, true)]
    [InlineData(7, true)]
    [InlineData(26, false)]
    [InlineData(3.5, false)]
    [InlineData(0, false)]
    public void WholeWeeks(double days, bool whole) => Assert.Equal(whole, MeasuredPeriod.IsWholeWeeks(days));

    [Fact]
    public void PartialWeeksUnderAWeeklyProfile_Warn_WithTheFix()
    {
        var s = ScenarioLoader.Load(Bundled("midsize-baseline.yaml"), ["horizon.days=28"]);
        Assert.Equal(26, MeasuredPeriod.Days(s));
        Assert.Equal(30, MeasuredPeriod.WholeWeeksHorizon(s));
        Assert.Equal(
            "the measured period is 26 days (horizon.days 28 less 2 warm-up days), not whole weeks, and the scenario's demand or roster varies by weekday: some weekdays count more often than others; set horizon.days to 30 (4 weeks after the warm-up) or another warm-up plus whole weeks.",
            MeasuredPeriod.Warning(s));
        Assert.Null(MeasuredPeriod.Warning(ScenarioLoader.Load(Bundled("midsize-baseline.yaml"), ["horizon.days=30"])));
        Assert.Null(MeasuredPeriod.Warning(ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=10"])));
        var oneWeek = ScenarioLoader.Load(Bundled("midsize-baseline.yaml"), ["horizon.days=5"]);
        Assert.Equal(9, MeasuredPeriod.WholeWeeksHorizon(oneWeek));
        Assert.EndsWith("set horizon.days to 9 (1 week after the warm-up) or another warm-up plus whole weeks.", MeasuredPeriod.Warning(oneWeek), StringComparison.Ordinal);
    }

    [Fact]
    public void BundledScenariosWithAWeeklyCycle_MeasureWholeWeeks()
    {
        var weekly = Directory.GetFiles(Path.Combine(RepoPaths.Root(), "scenarios"), "*.yaml")
            .Where(f => !Path.GetFileName(f).StartsWith("sweep-", StringComparison.Ordinal) && !ComparisonFile.IsComparisonFile(f))
            .Select(f => (File: Path.GetFileName(f), Scenario: ScenarioLoader.Load(f)))
            .Where(x => MeasuredPeriod.HasWeeklyCycle(x.Scenario)).ToList();
        Assert.NotEmpty(weekly);
        Assert.All(weekly, x => Assert.True(MeasuredPeriod.IsWholeWeeks(MeasuredPeriod.Days(x.Scenario)), $"{x.File} measures {MeasuredPeriod.Days(x.Scenario)} days"));
    }

    // ---- Warm-up check (MSER-5)

    /// <summary>A replication whose only content is its daily series: <paramref name="mean"/>(replication, day) minutes for 100 calls a day.</summary>
    private static ReplicationResult Daily(int replication, int days, Func<int, int, double> mean) => new()
    {
        Replication = replication, Seed = 0, Overall = [], ByPriority = new Dictionary<int, IReadOnlyList<double>>(), Events = 0, CallsGenerated = 0,
        Daily = new DailySeries([.. Enumerable.Range(0, days).Select(d => 100 * mean(replication, d))], [.. Enumerable.Repeat(100L, days)]),
    };

    private static readonly Model.Definition.Scenario Flat = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=41", "horizon.warmupDays=2"]);

    /// <summary>A deterministic wobble, different for each replication and day: ±0.5 minutes.</summary>
    private static double Wobble(int r, int d) => 0.5 * Math.Sin((r * 7.3) + (d * 2.1));

    /// <summary>A wobble of ±0.5 minutes that varies by replication and day but averages exactly 0 over replications 0-9 every day.</summary>
    private static double Balanced(int r, int d) => 0.5 * (r - 4.5) / 4.5 * Math.Cos(2.1 * d);

    [Fact]
    public void WarmupCheck_OnAKnownTenDayTransient_WarnsAndSuggestsTen()
    {
        // Ten replications of 41 days (the last left out: 40 in the series, 8 batches of 5): the first ten days at 20 min,
        // then 10, plus a wobble that cancels over the replications. The pooled series is the step itself, so MSER(d) is 0
        // from d = 2 batches on and MSER-5 deletes 10 days; days 2-9 exceed the rest by 10 min on average over replications.
        var results = Enumerable.Range(0, 10).Select(r => Daily(r, 41, (rr, d) => (d < 10 ? 20 : 10) + Balanced(rr, d))).ToArray();
        var check = WarmupCheck.Of(Flat, results)!;
        Assert.Equal(40, check.SeriesDays);
        Assert.Equal(10, check.SuggestedDays);
        Assert.False(check.Mser.TooShort);
        Assert.Equal(2, check.FirstTestedDay);
        Assert.Equal(4, check.Candidates); // MSER-5 searches up to half the 8 batches: 5, 10, 15 and 20 days, all beyond a 2-day warm-up
        Assert.Equal(10, check.Shift, 9);
        Assert.True(check.PValue < 1e-6);
        Assert.True(check.WarmupTooShort);
        Assert.Matches(@"^the warm-up \(2 days\) looks too short: MSER-5 on the daily mean response time puts the end of the initial transient at day 10, and days 2-9 differ from the rest of the run by \+10\.00 min on average \(paired t over 10 replications, p = 0\.0000, 4 candidate points\); set horizon\.warmupDays to at least 10\.$",
            check.Warning(10));

        // A warm-up that covers the transient: nothing to test, no warning.
        var covered = WarmupCheck.Of(Flat with { Horizon = new(41, 10) }, results)!;
        Assert.Equal(10, covered.SuggestedDays);
        Assert.True(double.IsNaN(covered.PValue));
        Assert.Null(covered.Warning(10));
    }

    [Fact]
    public void WarmupCheck_OnAStationarySeries_IsQuiet()
    {
        var results = Enumerable.Range(0, 10).Select(r => Daily(r, 41, (rr, d) => 10 + Wobble(rr, d))).ToArray();
        var check = WarmupCheck.Of(Flat, results)!;
        Assert.False(check.WarmupTooShort);
        Assert.Null(check.Warning(10));
    }

    [Fact]
    public void WarmupCheck_EndsItsSeriesBeforeTheFirstScheduledPolicyChange()
    {
        // Stationary but for a busy evening on day 9 and its aftermath on day 10 (+5 min), as a protest window makes. Read
        // as a transient it draws a warning; with the window in the scenario the series stops at day 9: too short to judge.
        var results = Enumerable.Range(0, 10).Select(r => Daily(r, 41, (rr, d) => (d is 9 or 10 ? 15 : 10) + Balanced(rr, d))).ToArray();
        Assert.True(WarmupCheck.Of(Flat, results)!.WarmupTooShort);
        var protest = new Model.Definition.PolicyChange((9 * 1440) + (18 * 60), 6, new Model.Definition.PolicyOverrides(DemandMultiplier: 1.2), Immediate: false);
        Assert.Null(WarmupCheck.Of(Flat with { Policy = Flat.Policy with { Changes = [protest] } }, results));

        // A window on day 30 leaves days 0-29 (6 batches) to the check, which finds nothing.
        var late = protest with { AtMinutes = 30 * 1440 };
        var lateRun = Enumerable.Range(0, 10).Select(r => Daily(r, 41, (rr, d) => (d is 30 or 31 ? 15 : 10) + Balanced(rr, d))).ToArray();
        var check = WarmupCheck.Of(Flat with { Policy = Flat.Policy with { Changes = [late] } }, lateRun)!;
        Assert.Equal(30, check.SeriesDays);
        Assert.False(check.WarmupTooShort);
    }

    [Fact]
    public void WarmupCheck_NeedsFourBatchesAndADailySeries()
    {
        var shortRun = Enumerable.Range(0, 3).Select(r => Daily(r, 20, (_, _) => 10)).ToArray();
        Assert.Null(WarmupCheck.Of(Flat with { Horizon = new(20, 1) }, shortRun));
        var noSeries = Daily(0, 41, (_, _) => 10) with { Daily = null };
        Assert.Null(WarmupCheck.Of(Flat, [noSeries]));
    }

    [Fact]
    public void WarmupCheck_OnAnMM10QueueStartedEmptyAt97Percent_WarnsWithoutAWarmup_AndNotWithAnAmpleOne()
    {
        // 465.6 calls a day of 30 minutes on 10 officers (ρ = 0.97): the queue's relaxation time is about
        // 1 / (cμ (1 − √ρ)²) = 1 / (20/h × 0.000228) ≈ 9 days, so days 0-4 of an empty start are far below the rest.
        var start = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=60", "horizon.warmupDays=0", "demand.callsPerDay=465.6"]);
        var run = ReplicationRunner.Run(start, 40, 1, 2);
        Assert.NotNull(run.Warmup);
        Assert.True(run.Warmup.WarmupTooShort);
        Assert.True(run.Warmup.Shift < 0);
        Assert.Contains(run.Warnings, w => w.StartsWith("the warm-up (0 days) looks too short: ", StringComparison.Ordinal));

        // The same queue with 30 warm-up days: MSER-5 deletes no more than the warm-up, or the days between do not differ.
        var warmed = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=90", "horizon.warmupDays=30", "demand.callsPerDay=465.6"]);
        Assert.False(ReplicationRunner.Run(warmed, 40, 1, 2).Warmup!.WarmupTooShort);
    }

    [Fact]
    public void WarmupCheck_OnTheBundledMidsizeCity_IsQuiet()
    {
        var run = ReplicationRunner.Run(ScenarioLoader.Load(Bundled("midsize-baseline.yaml"), ["horizon.days=30"]), 10, 1, 2);
        Assert.NotNull(run.Warmup);
        Assert.False(run.Warmup.WarmupTooShort);
        Assert.Empty(run.Warnings);
    }

    // ---- Pooled quantiles

    [Fact]
    public void PooledQuantiles_BelongToTheCataloguesQuantilesOnly_NotToFiguresNumberedAlike()
    {
        // fteNeeded is the council's figure 1 and the zones' responseTime.p90 their metric 1, as responseTime.p50 is the catalogue's.
        var pooled = new PooledQuantiles(5, 9, 100);
        Assert.Equal(5, pooled.Of(MetricCatalog.All[MetricCatalog.ResponseP50]));
        Assert.Equal(9, pooled.Of(MetricCatalog.All[MetricCatalog.ResponseP90]));
        Assert.NotNull(PooledQuantiles.StatisticOf(MetricCatalog.All[MetricCatalog.ResponseP90]));
        foreach (var other in new[] { Experiments.Council.CouncilMeasures.Find("fteNeeded")!, ZoneMetricCatalog.All[ZoneMetricCatalog.ResponseP90], MetricCatalog.All[MetricCatalog.ResponseMean] })
        {
            Assert.Null(PooledQuantiles.StatisticOf(other));
            Assert.True(double.IsNaN(pooled.Of(other)));
        }
    }

    [Fact]
    public void PooledQuantiles_AreThoseOfAllReplicationsCallsTogether()
    {
        var scenario = ScenarioLoader.Parse(TestFiles.SmallCity, "city.yaml");
        var run = ReplicationRunner.Run(scenario, 4, 7, 2);

        // The oracle: every measured call served, from the call records of each replication run again.
        var times = new List<double>();
        for (int r = 0; r < 4; r++)
        {
            var sink = new CallCollector();
            new PatrolSimulation(scenario).Run(7, r, calls: sink);
            times.AddRange(sink.Calls.Where(c => c.Measured && c.ClearMinutes is not null && c.FirstOnSceneMinutes is not null)
                .Select(c => c.FirstOnSceneMinutes!.Value - c.ArrivalMinutes));
        }

        var sorted = times.Order().ToArray();
        var pooled = run.PooledResponse!;
        Assert.Equal(sorted.Length, pooled.Calls);
        foreach (var (q, value) in new[] { (0.5, pooled.P50), (0.9, pooled.P90) })
        {
            double exact = sorted[(int)Math.Floor(q * (sorted.Length - 1))];
            Assert.Equal(exact, value, (exact * 0.0025) + 1e-9);
        }

        // Not the mean of the replications' own quantiles, which the catalogue metric is.
        double meanOfP90 = run.Replications.Average(r => r.Overall[MetricCatalog.ResponseP90]);
        Assert.Equal(meanOfP90, run.Overall[MetricCatalog.ResponseP90].Mean, 12);
        Assert.NotEqual(meanOfP90, pooled.P90);
        Assert.Equal(pooled.P90, run.PooledOf(MetricSelector.Parse("responseTime.p90")));
        Assert.True(double.IsNaN(run.PooledOf(MetricSelector.Parse("responseTime.mean"))));
        Assert.Equal(run.PooledResponseByPriority[1].P50, run.PooledOf(MetricSelector.Parse("responseTime.p50@1")));
    }

    private sealed class CallCollector : ICallSink
    {
        public List<CallRecord> Calls { get; } = [];

        public void Call(CallRecord call) => Calls.Add(call);
    }

    // ---- Holm in comparisons

    [Fact]
    public void Comparison_GivesEachDifferenceItsPairedTPValue_AndHolmOverEveryMetricOfTheVariant()
    {
        var solo = ScenarioLoader.Parse(TestFiles.SmallCity, "city.yaml");
        var paired = ScenarioLoader.Parse(TestFiles.SmallCity, "city.yaml", ["policy.crew.twoOfficerShare=1"]);
        var backup = ScenarioLoader.Parse(TestFiles.SmallCity, "city.yaml", ["policy.backup.rule=all-calls"]);
        var result = PairedComparison.Run([new Variant("solo", solo, "a"), new Variant("paired", paired, "b"), new Variant("backup", backup, "c")], 6, 9, 2);

        for (int v = 1; v < 3; v++)
        {
            // p from MathNet's Student t, computed here from the paired differences.
            var p = result.Metrics.Select(m =>
            {
                var d = result.Get(v, m).Difference;
                if (d.N < 2)
                {
                    return double.NaN;
                }

                return d.StdDev == 0 ? (d.Mean == 0 ? 1 : 0) : 2 * (1 - StudentT.CDF(0, 1, d.N - 1, Math.Abs(d.Mean / (d.StdDev / Math.Sqrt(d.N)))));
            }).ToArray();
            double[] holm = MultipleTesting.Holm(p);
            for (int i = 0; i < result.Metrics.Count; i++)
            {
                var vm = result.Get(v, result.Metrics[i]);
                Assert.Equal(p[i], vm.P, 9);
                Assert.Equal(holm[i], vm.PHolm, 9);
                Assert.Equal(holm[i] < 0.05, vm.Significant);
            }
        }

        // The reference has no test; identical calls give p = 1.
        Assert.True(double.IsNaN(result.Get(0, MetricSelector.Parse("responseTime.mean")).P));
        Assert.Equal(1.0, result.Get(1, MetricSelector.Parse("callsArrived")).P);

        // Holm is stricter than the CI alone: some differences whose CI excludes 0 are not significant after it.
        Assert.Contains(result.Metrics, m => Enumerable.Range(1, 2).Any(v => result.Get(v, m) is { Difference.ExcludesZero: true, Significant: false }));
    }

    // ---- Confirmation on fresh replications

    [Fact]
    public void StaffingSearch_ConfirmsOnReplicationsWhoseSeedsTheSearchNeverUsed()
    {
        var question = new StaffingQuestion("staffing.shifts.0.officers", 9, 14, 1, [StaffingTarget.TryParse("queueDelay.mean <= 2", out _)!], 6, 3, 2, 9);
        var answer = StaffingSearch.Find(question, level => ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=6", question.Assignment(level)]));

        var confirmation = answer.Confirmation!;
        var searchSeeds = answer.Tried.SelectMany(l => l.Run.Replications.Select(r => r.Seed)).ToHashSet();
        var confirmSeeds = confirmation.Run.Replications.Select(r => r.Seed).ToList();
        Assert.Equal(9, confirmSeeds.Count);
        Assert.Empty(searchSeeds.Intersect(confirmSeeds));

        // The scheme: the search's replications 0-5 of seed 3, the confirmation's 6-14.
        Assert.Equal(6, confirmation.FirstReplication);
        Assert.Equal(Enumerable.Range(6, 9).Select(r => RandomStreams.ReplicationSeed(3, r)), confirmSeeds);
        Assert.Equal(Enumerable.Range(0, 6).Select(r => RandomStreams.ReplicationSeed(3, r)).ToHashSet(), searchSeeds);
        Assert.Equal(Enumerable.Range(6, 9), confirmation.Run.Replications.Select(r => r.Replication));

        // The share of confirmation replications meeting the target, counted here.
        var values = confirmation.Run.Replications.Select(r => r.Overall[MetricCatalog.QueueDelayMean]).ToArray();
        Assert.Equal(values.Count(v => v <= 2) / 9.0, confirmation.Share[0], 12);
        Assert.Equal(confirmation.Run.Get("queueDelay.mean")!.Value.High <= 2, confirmation.Met[0]);
    }

    [Fact]
    public void PerShiftSearch_ConfirmsOnReplicationsAfterAllTheSearchUsed()
    {
        var question = PerShiftQuestion.Create([StaffingTarget.TryParse("queueDelay.mean <= 2", out _)!], 4, 8, 3, 2, null);
        var scenario = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=6"]);
        var answer = PerShiftStaffingSearch.Find(question, scenario,
            officers => ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=6", .. PerShiftStaffingSearch.Assignments(officers)]));

        // Every roster the search simulated used replications 0-7 at most (the refining descent's 8); the confirmation 8-15.
        var confirmation = answer.Confirmation!;
        Assert.Equal(8, confirmation.FirstReplication);
        var searchSeeds = answer.OneFewer.OfType<RosterRun>().Append(answer.Chosen!).SelectMany(r => r.Run.Replications.Select(x => x.Seed)).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 8).Select(r => RandomStreams.ReplicationSeed(3, r)).ToHashSet(), searchSeeds);
        Assert.Empty(searchSeeds.Intersect(confirmation.Run.Replications.Select(r => r.Seed)));
        Assert.Equal(Enumerable.Range(8, 8), confirmation.Run.Replications.Select(r => r.Replication));
        Assert.Equal(answer.Chosen!.Officers.Sum(), confirmation.Run.Scenario.Staffing.Shifts.Sum(s => s.Officers));
    }

    // ---- Precision on request

    [Fact]
    public void Precision_StopsAtTheFirstBatchThatReachesIt_TheSameForAnyThreadCount()
    {
        var scenario = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=6"]);
        var target = PrecisionTarget.TryParse("responseTime.mean=0.1", out _)!;
        var run = PrecisionRunner.Run(scenario, [target], 5, 200, 1, 2);
        var outcome = run.Precision!;
        Assert.True(outcome.Reached);
        int n = run.Replications.Count;
        Assert.Equal(n, outcome.Replications);
        Assert.Equal(0, n % 5);
        Assert.True(n > 5, $"a 10% precision on 5 days of M/M/10 needs more than the first batch ({n})");

        // Computed here from the replications themselves: reached at n, not at the check before.
        double Relative(int count)
        {
            var ci = ConfidenceInterval.StudentT(run.Replications.Take(count).Select(r => r.Overall[MetricCatalog.ResponseMean]).ToArray());
            return ci.HalfWidth / ci.Mean;
        }

        Assert.True(Relative(n) <= 0.1);
        Assert.True(Relative(n - 5) > 0.1);
        Assert.Equal(Relative(n), outcome.Results[0].Achieved, 12);
        Assert.Equal(Enumerable.Range(0, n), run.Replications.Select(r => r.Replication));

        var single = PrecisionRunner.Run(scenario, [target], 5, 200, 1, 1);
        Assert.Equal(run.Replications.Select(r => r.Overall), single.Replications.Select(r => r.Overall));
    }

    [Fact]
    public void Precision_StopsAtTheCap_AndSaysItWasNotReached()
    {
        var scenario = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=3"]);
        var run = PrecisionRunner.Run(scenario, [PrecisionTarget.TryParse("queueDelay.mean@1=0.0001", out _)!], 4, 10, 1, 2);
        Assert.Equal(10, run.Replications.Count); // 4, 8, then the last 2 up to the cap
        Assert.False(run.Precision!.Reached);
        Assert.False(run.Precision.Results[0].Reached);
    }

    [Theory]
    [InlineData("responseTime.mean", "precision 'responseTime.mean' must look like METRIC[@PRIORITY]=RELATIVE_HALF_WIDTH, e.g. precision responseTime.mean=0.02 (a 95% CI of ±2% of the mean)")]
    [InlineData("responseTime.mean=2", "precision 'responseTime.mean=2': '2' must be a relative half-width greater than 0 and less than 1, e.g. 0.02 for ±2% of the mean")]
    [InlineData("responseTime.mean=x", "precision 'responseTime.mean=x': 'x' must be a relative half-width greater than 0 and less than 1, e.g. 0.02 for ±2% of the mean")]
    [InlineData("responseTim.mean=0.02", "precision 'responseTim.mean=0.02': unknown metric 'responseTim.mean' (did you mean 'responseTime.mean'?); see 'patrolsim run' output or docs/sweeps.md for the names")]
    public void PrecisionTarget_RejectsWhatItCannotUse(string text, string message)
    {
        Assert.Null(PrecisionTarget.TryParse(text, out var error));
        Assert.Equal(message, error!.ToString());
    }
}
