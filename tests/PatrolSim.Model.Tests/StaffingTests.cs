using PatrolSim.Model.Definition;

namespace PatrolSim.Model.Tests;

/// <summary>
/// How many cars a shift puts on the street: officers = round(officers × staffing.scale), pairs = round(officers ×
/// share / 2) (at most officers / 2), cars = officers − pairs. Counted as calls in service at once while calls queue
/// far beyond what the cars can serve, so every car is always on a call.
/// </summary>
public class StaffingTests
{
    [Theory]
    // day officers, scale, day shift's own share, policy share → day cars, of which pairs; night cars (4 officers,
    // solo by its own share 0), all worked by hand.
    [InlineData(10, 1.5, 0.4, 0.0, 12, 3, 6)]   // 15 officers, 15 × 0.4 / 2 = 3 pairs
    [InlineData(7, 1.0, 0.5, 0.0, 5, 2, 4)]     // 7 × 0.5 / 2 = 1.75 → 2 pairs
    [InlineData(5, 0.5, 1.0, 0.0, 2, 1, 2)]     // 2.5 → 3 officers; 1.5 → 2 pairs, but at most 3 / 2 = 1
    [InlineData(6, 1.0, null, 1.0, 3, 3, 4)]    // no shift share: the policy's
    [InlineData(6, 1.0, 0.0, 1.0, 6, 0, 4)]     // the shift's share overrides the policy's
    [InlineData(9, 1.0 / 3, null, 0.0, 3, 0, 1)] // night: 4 / 3 → 1 officer
    public void CarsFormed_AreOfficersMinusPairs(int officers, double scale, double? shiftShare, double policyShare, int cars, int pairs, int nightCars)
    {
        Shift[] shifts = [new("day", 7 * 60, 12, officers, shiftShare), new("night", 19 * 60, 12, 4, 0)];
        var s = TestScenarios.Exact(callsPerDay: 60 * 24, onSceneMinutes: 30, days: 2, shifts) with
        {
            Staffing = new Staffing(scale, shifts),
            Policy = TestScenarios.Policy(policyShare),
        };
        var calls = CallList.Run(s, 1).Calls;

        foreach (double at in new[] { 13 * 60 + 15, 1440 + (13 * 60) + 15 })
        {
            var busy = calls.InServiceAt(at);
            Assert.Equal(cars, busy.Count);
            Assert.Equal(pairs, busy.Count(c => c.Officers == 2));
        }

        var nightBusy = calls.InServiceAt(1440 + 60 + 15);
        Assert.Equal(nightCars, nightBusy.Count);
        Assert.All(nightBusy, c => Assert.Equal(1, c.Officers));
    }
}
