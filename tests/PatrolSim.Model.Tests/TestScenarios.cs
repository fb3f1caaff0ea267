using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Tests;

/// <summary>Small scenarios built in code for model tests.</summary>
internal static class TestScenarios
{
    public static IReadOnlyList<double> Flat { get; } = [.. Enumerable.Repeat(1.0, 168)];

    /// <summary>M/M/c: Poisson arrivals, exponential on-scene times, no travel, one-officer calls, one continuous shift.</summary>
    public static Scenario MMc(double lambdaPerHour, double meanServiceMinutes, int officers, double days = 60, double warmupDays = 2,
        double twoOfficerShare = 0, BackupRule backup = BackupRule.None, RiskLevel risk = RiskLevel.None) => new()
        {
            Name = "M/M/c",
            Horizon = new Horizon(days, warmupDays),
            City = new City(1, 1, [new Zone("z", 0, 0, 1, 1, 1)]),
            Demand = new Demand(lambdaPerHour * 24, 1, Flat,
                [new CallType("call", 1, 1, new ExponentialDistribution(meanServiceMinutes), 1, risk, true)], null),
            Travel = Travel.None,
            Staffing = new Staffing(1, [new Shift("all day", 0, 24, officers, null)]),
            Policy = new Policy(new CrewPolicy(twoOfficerShare), new BackupPolicy(backup, RiskLevel.Low, Engagement.Alone), DispatchPolicy.Closest, []),
        };

    /// <summary>
    /// One call type with a constant on-scene time, instantaneous travel, the given shifts, no backup, closest dispatch:
    /// a base for exact cases whose answer can be worked out by hand. Tests change one part with <c>with</c>.
    /// </summary>
    public static Scenario Exact(double callsPerDay, double onSceneMinutes, double days, params Shift[] shifts) => new()
    {
        Name = "exact case",
        Horizon = new Horizon(days, 0),
        City = new City(1, 1, [new Zone("z", 0, 0, 1, 1, 1)]),
        Demand = new Demand(callsPerDay, 1, Flat, [new CallType("call", 1, 1, new ConstantDistribution(onSceneMinutes), 1, RiskLevel.None, true)], null),
        Travel = Travel.None,
        Staffing = new Staffing(1, shifts),
        Policy = Policy(),
    };

    /// <summary>A policy: solo cars unless <paramref name="twoOfficerShare"/>, no backup, the given dispatch and windows.</summary>
    public static Policy Policy(double twoOfficerShare = 0, DispatchPolicy? dispatch = null, params PolicyChange[] changes) =>
        new(new CrewPolicy(twoOfficerShare), new BackupPolicy(BackupRule.None, RiskLevel.Low, Engagement.Alone), dispatch ?? DispatchPolicy.Closest, changes);

    /// <summary>A shift on duty around the clock.</summary>
    public static Shift AllDay(int officers, double? twoOfficerShare = null) => new("all day", 0, 24, officers, twoOfficerShare);

    /// <summary>A small city with travel, three shifts, risky and routine calls.</summary>
    public static Scenario SmallCity(double twoOfficerShare = 0, BackupRule backup = BackupRule.Risk, Engagement engage = Engagement.Alone, double days = 14,
        DispatchRule dispatch = DispatchRule.Closest) => new()
    {
        Name = "small city",
        Horizon = new Horizon(days, 1),
        City = new City(6, 4, [.. Beats(6, 4, 3, 2)]),
        Demand = new Demand(120, 1, Flat,
        [
            new CallType("domestic", 0.15, 1, new LogNormalDistribution(40, 0.8), 2, RiskLevel.High, true),
            new CallType("alarm", 0.25, 2, new ExponentialDistribution(15), 1, RiskLevel.Low, true),
            new CallType("report", 0.5, 3, new LogNormalDistribution(30, 0.6), 1, RiskLevel.None, true),
            new CallType("phone", 0.1, 4, new ConstantDistribution(10), 1, RiskLevel.None, false),
        ], null),
        Travel = new Travel(TravelModel.Manhattan, 1.3, 1, new Dictionary<int, double> { [1] = 60, [2] = 45, [3] = 40 }, 0),
        Staffing = new Staffing(1,
        [
            new Shift("day", 7 * 60, 10, 8, null),
            new Shift("evening", 15 * 60, 10, 10, null),
            new Shift("night", 22 * 60, 10, 6, null),
        ]),
        Policy = new Policy(new CrewPolicy(twoOfficerShare), new BackupPolicy(backup, RiskLevel.Medium, engage), DispatchPolicy.Closest with { Rule = dispatch }, []),
        ResponseTargets = new Dictionary<int, double> { [1] = 8, [2] = 15, [3] = 30, [4] = 60 },
    };

    public static IEnumerable<Zone> Beats(double w, double h, int cols, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                yield return new Zone($"b{(r * cols) + c + 1}", c * w / cols, r * h / rows, w / cols, h / rows, 1);
            }
        }
    }
}
