using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;

namespace PatrolSim.Model.Tests;

/// <summary>
/// Self-initiated work from a hand-worked case: one car on duty around the clock starts 50-minute high-risk activities
/// back to back (a start rate so high that the idle gap rounds to zero milliseconds), from time zero. The calls are
/// handled by phone, so nothing interrupts it (a scenario needs a call type that needs a unit, as files do: its share of
/// 1e-12 never comes up). Activities run [50k, 50k + 50] minutes.
/// </summary>
public class SelfInitiatedTests
{
    private static Scenario BackToBack(int officers, RiskLevel risk) =>
        TestScenarios.Exact(callsPerDay: 24, onSceneMinutes: 10, days: 1, TestScenarios.AllDay(officers)) with
        {
            Horizon = new Horizon(1, 0.5),
            Demand = new Demand(24, 1, TestScenarios.Flat,
                [
                    new CallType("phone", 1, 1, new ConstantDistribution(10), 1, RiskLevel.None, NeedsUnit: false),
                    new CallType("never", 1e-12, 1, new ConstantDistribution(10), 1, RiskLevel.None, NeedsUnit: true),
                ],
                new SelfInitiated(1e9, new ConstantDistribution(50), risk)),
            Policy = TestScenarios.Policy(twoOfficerShare: officers == 2 ? 1 : 0),
        };

    [Theory]
    [InlineData(RiskLevel.High, 3)]
    [InlineData(RiskLevel.Medium, 2)]
    [InlineData(RiskLevel.Low, 1)]
    [InlineData(RiskLevel.None, 0)]
    public void ProactiveSoloExposure_CountsTheMeasuredPartOfFinishedActivities(RiskLevel risk, double weight)
    {
        var (r, calls) = CallList.Run(BackToBack(1, risk), 3);

        // Measured from the warm-up end at 720 to the horizon at 1440: 30 minutes of [700, 750], then 13 whole activities
        // up to 1400; [1400, 1450] is still running at the horizon and is not counted. 680 solo minutes.
        int arrived = calls.Calls.Count(c => c.Measured);
        Assert.InRange(arrived, 3, 30);
        Assert.Equal(arrived, r.Overall[MetricCatalog.CallsArrived]);
        Assert.Equal(weight * 680 * 1000 / arrived, r.Overall[MetricCatalog.SoloExposureIndex], 9);

        // In real minutes: 680 solo minutes at this risk level over half a measured day.
        if (risk != RiskLevel.None)
        {
            int perDay = risk switch { RiskLevel.Low => MetricCatalog.SoloPerDayLow, RiskLevel.Medium => MetricCatalog.SoloPerDayMedium, _ => MetricCatalog.SoloPerDayHigh };
            Assert.Equal(680 / 0.5, r.Overall[perDay], 9);
        }

        // Self-initiated time is uncommitted: the whole shift is proactive time.
        Assert.Equal(1.0, r.Overall[MetricCatalog.ProactiveShare], 12);
    }

    [Fact]
    public void ProactiveWork_OfATwoOfficerCar_IsNotSoloExposure()
    {
        var r = CallList.Run(BackToBack(2, RiskLevel.High), 3).Result;
        Assert.Equal(0.0, r.Overall[MetricCatalog.SoloExposureIndex]);
    }

    [Fact]
    public void CallNeedingAUnit_WaitsForTheActivityInProgressToEnd()
    {
        // Calls are rare (one a day on average, 10 minutes on scene); a call arriving at t finds the car inside an
        // activity that began at the car's last return to idle (time zero, or the last clear) + 50k minutes, and is
        // dispatched when that activity ends.
        var s = BackToBack(1, RiskLevel.Low) with
        {
            Horizon = new Horizon(60, 0),
            Demand = new Demand(1, 1, TestScenarios.Flat,
                [new CallType("call", 1, 1, new ConstantDistribution(10), 1, RiskLevel.None, true)],
                new SelfInitiated(1e9, new ConstantDistribution(50), RiskLevel.Low)),
        };
        var calls = CallList.Run(s, 11).Calls.Calls;
        Assert.True(calls.Count > 30);

        double phase = 0, free = 0;
        foreach (var c in calls.Where(c => c.ClearMinutes is not null).OrderBy(c => c.Id))
        {
            double t = c.ArrivalMinutes;
            double dispatch = t < free ? free : phase + (50 * Math.Ceiling((t - phase) / 50));
            Assert.Equal(dispatch, c.FirstDispatchMinutes!.Value, 6);
            free = dispatch + 10;
            phase = free;
        }
    }
}
