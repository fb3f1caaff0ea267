using PatrolSim.Output;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests.Council;

/// <summary>
/// staff --budget: the best staffing within a budget of FTEs. On M/M/10 the officers are on a continuous 24-hour shift (no
/// overtime), so each officer is 24 × 365 = 8,760 hours a year, 8,760 / 1,698 = 5.159 FTEs, with no noise: at most 60 FTEs
/// buys 11 officers (56.75 FTEs); 12 would be 61.91.
/// </summary>
public sealed class BudgetSearchTests
{
    private const double FtePerOfficer = 24 * 365 / 1698.0;

    private static StaffingTarget Budget(string text) => StaffingTarget.TryParseBudget(text, out Problem? error) ?? throw new ArgumentException(error?.ToString());

    [Fact]
    public void ScaleSearch_LargestLevelWithinTheBudget()
    {
        var question = StaffingQuestion.Create(StaffingQuestion.DefaultKey, 0.5, 2, 0.05, [], 4, 3, 2);
        var answer = StaffingSearch.FindWithinBudget(question, Budget("fteNeeded <= 60"),
            level => ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", [question.Assignment(level)]));

        // Scale 1.1 gives 11 officers; 1.15 gives round(11.5) = 12.
        Assert.Equal(1.1, answer.Chosen!.Level);
        Assert.Equal(11 * FtePerOfficer, answer.Chosen.Run.Get("fteNeeded")!.Value.High, 9);
        Assert.Equal(1.15, answer.Above!.Level);
        Assert.Equal(12 * FtePerOfficer, answer.Above.Run.Get("fteNeeded")!.Value.Mean, 9);

        // Confirmed on fresh replications: 3 × 4 of them, numbered after the search's 0-3; 11 officers are within 60 FTEs in every one.
        var confirmation = answer.Confirmation!;
        Assert.Equal(4, confirmation.FirstReplication);
        Assert.Equal(Enumerable.Range(4, 12), confirmation.Run.Replications.Select(r => r.Replication));
        Assert.Equal(11 * FtePerOfficer, confirmation.Run.Get("fteNeeded")!.Value.High, 9);
        Assert.Equal([true], confirmation.Met);
        Assert.Equal([1.0], confirmation.Share);
    }

    [Fact]
    public void ScaleSearch_EvenTheSmallestLevelOverTheBudget_HasNoAnswer()
    {
        var question = StaffingQuestion.Create(StaffingQuestion.DefaultKey, 0.5, 2, 0.05, [], 2, 3, 2);
        var answer = StaffingSearch.FindWithinBudget(question, Budget("fteNeeded <= 20"),
            level => ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", [question.Assignment(level)]));
        Assert.Null(answer.Chosen);
        Assert.Null(answer.Confirmation);
        Assert.Equal(0.5, answer.Above!.Level); // 5 officers, 25.8 FTEs
        Assert.Single(answer.Tried);
    }

    [Fact]
    public void PerShift_SpendsTheBudget_AndOneMoreOfficerIsOver()
    {
        var question = PerShiftQuestion.Create([], 4, 8, 3, 2, null);
        var scenario = ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml");
        var answer = PerShiftStaffingSearch.FindWithinBudget(question, Budget("fteNeeded <= 60"), MetricSelector.Parse("queueDelay.mean"), scenario,
            officers => ScenarioLoader.Parse(TestFiles.MMc, "mmc.yaml", PerShiftStaffingSearch.Assignments(officers)));

        Assert.Equal([11], answer.Chosen!.Officers);
        Assert.Equal(8, answer.Chosen.Run.Replications.Count);
        Assert.Equal(11 * FtePerOfficer, answer.Chosen.Run.Get("fteNeeded")!.Value.Mean, 9);
        Assert.Equal([12], answer.OneMore[0]!.Officers);
        Assert.True(answer.OneMore[0]!.Run.Get("fteNeeded")!.Value.High > 60);
        Assert.Equal([10, 11], answer.Path.Select(r => r.Officers[0]).Distinct());

        // Confirmed on the 8 replications after the refining ascent's 0-7.
        Assert.Equal(Enumerable.Range(8, 8), answer.Confirmation!.Run.Replications.Select(r => r.Replication));
        Assert.True(answer.Confirmation.MeetsAll);
        Assert.Equal([1.0], answer.Confirmation.Share);
    }

    [Fact]
    public void PerShift_OverTheBudget_ScalesTheRosterDownFirst()
    {
        var question = PerShiftQuestion.Create([], 2, 2, 3, 2, null);
        string yaml = TestFiles.MMc.Replace(
            "- { name: all day, start: \"00:00\", hours: 24, officers: 10 }",
            "- { name: a, start: \"00:00\", hours: 24, officers: 5 }\n    - { name: b, start: \"00:00\", hours: 24, officers: 5 }",
            StringComparison.Ordinal);
        var answer = PerShiftStaffingSearch.FindWithinBudget(question, Budget("fteNeeded <= 40"), MetricSelector.Parse("queueDelay.mean"),
            ScenarioLoader.Parse(yaml, "mmc.yaml"), officers => ScenarioLoader.Parse(yaml, "mmc.yaml", PerShiftStaffingSearch.Assignments(officers)));

        // 10 officers are 51.6 FTEs; 0.8 × 5 = 4 each (41.3) is still over; 0.64 × 5 = 3.2 → 3 each (31.0) is within; the ascent
        // then adds officers while 40 holds: 7 officers are 36.1 FTEs, 8 would be 41.3.
        Assert.Equal([3, 3], answer.Path[0].Officers);
        Assert.Equal(7, answer.Chosen!.Officers.Sum());
        Assert.All(answer.OneMore, r => Assert.Equal(8, r!.Officers.Sum()));
    }
}
