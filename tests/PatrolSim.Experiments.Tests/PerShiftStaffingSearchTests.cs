using System.Globalization;
using PatrolSim.Model.Definition;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

public sealed class PerShiftStaffingSearchTests
{
    /// <summary>M/M/c mean wait (minutes) from the analytic library; infinite when the queue is unstable.</summary>
    private static double ErlangCMeanWait(int c, double lambdaPerMinute, double meanService) =>
        lambdaPerMinute * meanService >= c ? double.PositiveInfinity : new PatrolSim.Analytic.MMcQueue(lambdaPerMinute, 1 / meanService, c).MeanWait;

    /// <summary>Servers Erlang C needs for 8 erlangs (16 calls an hour, 30 minutes each) to keep the mean wait under the threshold.</summary>
    private static int ErlangCServers(double threshold) => Enumerable.Range(1, 40).First(c => ErlangCMeanWait(c, 16 / 60.0, 30) < threshold);

    private static StaffingTarget Target(string text) => StaffingTarget.TryParse(text, out var error) ?? throw new ArgumentException(error?.ToString());

    private static PerShiftAnswer Find(string yaml, string target, int replications = 12, int? maxEvaluations = null, IReadOnlyList<string>? sets = null,
        IProgress<int>? progress = null)
    {
        var question = PerShiftQuestion.Create([Target(target)], replications, null, 3, 2, maxEvaluations);
        var scenario = ScenarioLoader.Parse(yaml, "mmc.yaml", sets ?? []);
        return PerShiftStaffingSearch.Find(question, scenario,
            officers => ScenarioLoader.Parse(yaml, "mmc.yaml", [.. sets ?? [], .. PerShiftStaffingSearch.Assignments(officers)]), progress);
    }

    private static string Threshold(double value) => value.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(4.0)]
    [InlineData(1.5)]
    public void Find_OnMMc_GivesTheErlangCServerCount_AndOneFewerMissesTheTarget(double threshold)
    {
        // Erlang C at 8 erlangs: c=10 → 6.14 min, 11 → 2.26, 12 → 0.94, 13 → 0.39.
        int expected = ErlangCServers(threshold);

        var answer = Find(TestFiles.MMc, $"queueDelay.mean <= {Threshold(threshold)}");

        Assert.NotNull(answer.Chosen);
        Assert.Equal([expected], answer.Chosen.Officers);
        Assert.True(answer.Chosen.MeetsAll);
        Assert.Equal(36, answer.Chosen.Run.Replications.Count); // confirmed with three times the replications
        Assert.Equal([expected - 1], answer.OneFewer[0]!.Officers);
        Assert.False(answer.OneFewer[0]!.MeetsAll);
        Assert.Equal(36, answer.OneFewer[0]!.Run.Replications.Count);
        Assert.Equal([10], answer.Start);
        Assert.False(answer.BudgetReached);
        var wait = answer.Chosen.Run.Get("queueDelay.mean")!.Value;
        Assert.InRange(ErlangCMeanWait(expected, 16 / 60.0, 30), wait.Mean - (3 * wait.HalfWidth), wait.Mean + (3 * wait.HalfWidth));
    }

    [Fact]
    public void Find_TwoShiftsSharingTheDay_TogetherGetTheErlangCServerCount_AndEachIsNeeded()
    {
        // Two continuous shifts serve the same M/M/c queue: only their sum matters, and it must be Erlang C's c.
        string yaml = TestFiles.MMc.Replace(
            "- { name: all day, start: \"00:00\", hours: 24, officers: 10 }",
            "- { name: a, start: \"00:00\", hours: 24, officers: 5 }\n    - { name: b, start: \"00:00\", hours: 24, officers: 5 }",
            StringComparison.Ordinal);

        var answer = Find(yaml, "queueDelay.mean <= 1.5");

        Assert.NotNull(answer.Chosen);
        Assert.Equal(ErlangCServers(1.5), answer.Chosen.OfficerShifts);
        Assert.Equal([1, 1], answer.Steps);
        Assert.All(answer.OneFewer, r => Assert.False(r!.MeetsAll));
    }

    [Fact]
    public void Find_AllPairedShift_StepsByTwo_AndAnswersInPairs()
    {
        // A pair answers a one-officer call as one server: M/M/c over pairs, so officers = 2 × Erlang C's c.
        string yaml = TestFiles.MMc.Replace("twoOfficerShare: 0", "twoOfficerShare: 1", StringComparison.Ordinal);

        var answer = Find(yaml, "queueDelay.mean <= 1.5", sets: ["staffing.shifts.0.officers=20"]);

        Assert.NotNull(answer.Chosen);
        int pairs = ErlangCServers(1.5);
        Assert.Equal([2 * pairs], answer.Chosen.Officers);
        Assert.Equal([2], answer.Steps);
        Assert.Equal([(2 * pairs) - 2], answer.OneFewer[0]!.Officers);
        Assert.False(answer.OneFewer[0]!.MeetsAll);
        Assert.Equal(new ShiftCrews(2 * pairs, pairs), PerShiftStaffingSearch.CrewsOf(answer.Chosen.Run.Scenario, 0, 2 * pairs));
    }

    [Fact]
    public void Find_WhenNoScaledRosterMeetsTheTargets_ReportsNoRoster()
    {
        // More officers only lower utilisation: no roster reaches 0.99.
        var answer = Find(TestFiles.MMc, "utilization >= 0.99", replications: 2, sets: ["horizon.days=3"]);

        Assert.Null(answer.Chosen);
        Assert.Empty(answer.OneFewer);
        Assert.Equal(8, answer.Evaluations); // the scenario's roster and seven scaled ones, up to 4.8 times
    }

    [Fact]
    public void Find_StopsAtTheBoundOnEvaluations_AndSaysSo()
    {
        var seen = new List<int>();
        var answer = Find(TestFiles.MMc, "queueDelay.mean <= 4", replications: 4, maxEvaluations: 1, sets: ["horizon.days=5", "staffing.shifts.0.officers=14"],
            progress: new Progress(seen));

        Assert.True(answer.BudgetReached);
        Assert.NotNull(answer.Chosen);
        Assert.True(answer.Chosen.MeetsAll);
        Assert.Equal(Enumerable.Range(1, answer.Evaluations), seen);
    }

    [Theory]
    [InlineData(0.0, 7, 0, 7)]
    [InlineData(1.0, 7, 3, 1)]
    [InlineData(1.0, 8, 4, 0)]
    [InlineData(0.5, 10, 3, 4)] // round(2.5) away from zero
    [InlineData(0.5, 9, 2, 5)] // round(2.25)
    public void CrewsOf_PairsRoundOfficersTimesShareOverTwo(double share, int officers, int pairs, int solo)
    {
        var scenario = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", [$"policy.crew.twoOfficerShare={Threshold(share)}"]);

        var crews = PerShiftStaffingSearch.CrewsOf(scenario, 0, officers);

        Assert.Equal((pairs, solo), (crews.Pairs, crews.Solo));
    }

    [Fact]
    public void Assignments_SetScaleOneAndEachShiftsOfficers()
    {
        Assert.Equal(["staffing.scale=1", "staffing.shifts.0.officers=12", "staffing.shifts.1.officers=0"], PerShiftStaffingSearch.Assignments([12, 0]));
    }

    [Fact]
    public void Create_DefaultsToThreeTimesTheReplications_AndReportsEveryProblemAtOnce()
    {
        Assert.Equal(new PerShiftQuestion([], 10, 30, 1, 2, 300), PerShiftQuestion.Create([], 10, null, 1, 2, null));
        var e = Assert.Throws<ExperimentException>(() => PerShiftQuestion.Create([], 1, 0, 1, 2, 0));
        Assert.Equal(
        [
            "replications must be at least 2: targets are judged at a confidence bound",
            "confirm-replications 0 must be at least replications 1: the answer is confirmed with more replications, not fewer",
            "max-evaluations 0 must be at least 1",
        ], e.Problems);
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Progress(List<int> seen) : IProgress<int>
    {
        public void Report(int value) => seen.Add(value);
    }
}
