using System.Globalization;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

public sealed class StaffingSearchTests
{
    /// <summary>Erlang C mean wait in the queue (minutes) for M/M/c with offered load a = λ/μ erlangs.</summary>
    /// <summary>M/M/c mean wait (minutes) from the analytic library; infinite when the queue is unstable.</summary>
    private static double ErlangCMeanWait(int c, double lambdaPerMinute, double meanService) =>
        lambdaPerMinute * meanService >= c ? double.PositiveInfinity : new PatrolSim.Analytic.MMcQueue(lambdaPerMinute, 1 / meanService, c).MeanWait;

    [Theory]
    [InlineData(4.0)]
    [InlineData(1.5)]
    public void Find_OnMMc_GivesTheSmallestOfficerCountWhoseErlangCWaitIsUnderTheThreshold(double threshold)
    {
        // 16 calls an hour, 30 minutes each: 8 erlangs. Erlang C: c=10 → 6.14 min, 11 → 2.26, 12 → 0.94, 13 → 0.39.
        int expected = Enumerable.Range(9, 10).First(c => ErlangCMeanWait(c, 16 / 60.0, 30) < threshold);
        var question = new StaffingQuestion("staffing.shifts.0.officers", 9, 18, 1,
            [StaffingTarget.TryParse(string.Create(CultureInfo.InvariantCulture, $"queueDelay.mean <= {threshold}"), out _)!], 12, 3, 2);

        var answer = StaffingSearch.Find(question, level =>
            ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", [question.Assignment(level)]));

        Assert.NotNull(answer.Chosen);
        Assert.Equal(expected, answer.Chosen.Level);
        Assert.Equal(expected - 1, answer.Below!.Level);
        Assert.False(answer.Below.MeetsAll);

        // The chosen level's estimate agrees with Erlang C.
        var wait = answer.Chosen.Run.Get("queueDelay.mean")!.Value;
        Assert.InRange(ErlangCMeanWait(expected, 16 / 60.0, 30), wait.Mean - (3 * wait.HalfWidth), wait.Mean + (3 * wait.HalfWidth));

        // Bisection: far fewer levels than the grid's ten.
        Assert.True(answer.Tried.Count <= 5);
    }

    [Fact]
    public void Find_WhenEvenTheLargestLevelFails_ReportsNoChoiceAndTheLargestLevel()
    {
        var question = new StaffingQuestion("staffing.shifts.0.officers", 9, 10, 1,
            [StaffingTarget.TryParse("queueDelay.mean <= 0.01", out _)!], 4, 3, 2);

        var answer = StaffingSearch.Find(question, level => ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", ["horizon.days=5", question.Assignment(level)]));

        Assert.Null(answer.Chosen);
        Assert.Equal(10, answer.Below!.Level);
        Assert.Single(answer.Tried);
    }

    [Fact]
    public void Target_IsJudgedAtTheConfidenceBound()
    {
        var atMost = StaffingTarget.TryParse("responseTime.p90@1 <= 10", out _)!;
        var atLeast = StaffingTarget.TryParse("withinTarget>=0.9", out _)!;

        Assert.True(atMost.IsMetBy(new(9, 8.5, 10, 10, 1)));
        Assert.False(atMost.IsMetBy(new(9, 8, 10.01, 10, 1)));
        Assert.True(atLeast.IsMetBy(new(0.95, 0.9, 1, 10, 1)));
        Assert.False(atLeast.IsMetBy(new(0.95, 0.89, 1, 10, 1)));
        Assert.False(atMost.IsMetBy(new(9, double.NaN, double.NaN, 1, double.NaN)));
        Assert.Equal("responseTime.p90@1 <= 10", atMost.ToString());
        Assert.Equal(1, atMost.Metric.Priority);
    }

    [Theory]
    [InlineData("responseTime.p90@1 < 10", "target 'responseTime.p90@1 < 10' must look like \"METRIC[@PRIORITY] <= VALUE\" or \">= VALUE\", e.g. target \"responseTime.p90@1 <= 10\"")]
    [InlineData("responseTim.p90 <= 10", "target 'responseTim.p90 <= 10': unknown metric 'responseTim.p90' (did you mean 'responseTime.p90'?); see 'patrolsim run' output or docs/sweeps.md for the names")]
    [InlineData("utilization@2 <= 0.8", "target 'utilization@2 <= 0.8': 'utilization@2': utilization is not reported by priority; drop '@2'")]
    [InlineData("responseTime.p90 <= ten", "target 'responseTime.p90 <= ten': 'ten' is not a number")]
    [InlineData("", "target '' must look like \"METRIC[@PRIORITY] <= VALUE\" or \">= VALUE\", e.g. target \"responseTime.p90@1 <= 10\"")]
    public void Target_BadExpressions_GetClearErrors(string text, string message)
    {
        Assert.Null(StaffingTarget.TryParse(text, out var error));
        Assert.Equal(message, error?.ToString());
    }

    [Fact]
    public void Levels_CoverMinToMaxInSteps_WithoutRoundingDrift()
    {
        var q = new StaffingQuestion("staffing.scale", 0.5, 1.0, 0.05, [], 2, 1, 1);
        Assert.Equal([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0], q.Levels());
        Assert.Equal("staffing.scale=0.55", q.Assignment(q.Levels()[1]));
    }

    [Fact]
    public void Create_StaffingScale_DefaultsToHalfToTwiceInStepsOfFiveHundredths()
    {
        var q = StaffingQuestion.Create(StaffingQuestion.DefaultKey, null, null, null, [], 10, 7, 3);

        Assert.Equal(new StaffingQuestion("staffing.scale", 0.5, 2, 0.05, [], 10, 7, 3), q);
        Assert.Equal(31, q.Levels().Count);
    }

    [Fact]
    public void Create_GivenBounds_OverrideTheDefaults_AndOtherKeysStepByOne()
    {
        Assert.Equal((0.8, 2.0, 0.1), Range(StaffingQuestion.Create("staffing.scale", 0.8, null, 0.1, [], 2, 1, 1)));
        Assert.Equal((10.0, 40.0, 1.0), Range(StaffingQuestion.Create("staffing.shifts.night.officers", 10, 40, null, [], 2, 1, 1)));

        static (double, double, double) Range(StaffingQuestion q) => (q.Min, q.Max, q.Step);
    }

    [Theory]
    [InlineData("staffing.shifts.day.officers", null, 40.0, null, 10, "key staffing.shifts.day.officers: give min and max (the range of levels to search), e.g. min 10 max 40")]
    [InlineData("staffing.scale", 2.0, 2.0, null, 10, "min 2 must be less than max 2")]
    [InlineData("staffing.scale", 1.5, 0.75, null, 10, "min 1.5 must be less than max 0.75")]
    [InlineData("staffing.scale", null, null, 0.0, 10, "step 0 must be greater than 0 and give at most 10000 levels between min and max")]
    [InlineData("staffing.scale", 0.0, 2.0, 0.0001, 10, "step 0.0001 must be greater than 0 and give at most 10000 levels between min and max")]
    [InlineData("staffing.scale", null, null, null, 1, "replications must be at least 2: targets are judged at a confidence bound")]
    public void Create_BadSettings_NameTheOptionAndTheFix(string key, double? min, double? max, double? step, int replications, string message)
    {
        var e = Assert.Throws<ExperimentException>(() => StaffingQuestion.Create(key, min, max, step, [], replications, 1, 1));
        Assert.Equal([message], e.Problems);
    }

    [Fact]
    public void Create_ReportsEveryProblemAtOnce()
    {
        var e = Assert.Throws<ExperimentException>(() => StaffingQuestion.Create("staffing.scale", 3, 1, null, [], 1, 1, 1));
        Assert.Equal(["min 3 must be less than max 1", "replications must be at least 2: targets are judged at a confidence bound"], e.Problems);
    }
}
