using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

/// <summary>
/// The trace's positions (for replaying a day on the map): every position lies in the city, a dispatched unit heads to
/// its call's location, arrives on scene there, starts returning from where it was freed, and tracing changes no result.
/// </summary>
public class TracePositionTests
{
    private static (ReplicationResult Result, ListTraceSink Sink) Traced()
    {
        var sink = new ListTraceSink();
        var result = new PatrolSimulation(TestScenarios.SmallCity()).Run(11, 0, sink);
        return (result, sink);
    }

    /// <summary>
    /// Tracing changes no result, with or without self-initiated work. The trace observes each arrival back on the beat
    /// (a UnitIdle line), so a traced run has the arrival events an untraced one skips (Patrol.ReturnToBeat): one for
    /// each return that takes time, whether the unit gets there or is dispatched first.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tracing_ChangesNoResult(bool selfInitiated)
    {
        var s = TestScenarios.SmallCity();
        if (selfInitiated)
        {
            s = s with { Demand = s.Demand with { SelfInitiated = new SelfInitiated(0.5, new ExponentialDistribution(20), RiskLevel.Low) } };
        }

        var sink = new ListTraceSink();
        var traced = new PatrolSimulation(s).Run(11, 0, sink);
        var plain = new PatrolSimulation(s).Run(11, 0);
        Assert.Equal(plain.Overall, traced.Overall);

        int timedReturns = sink.Of<UnitReturning>().Count(r => (r.X, r.Y) != (r.ToX, r.ToY));
        Assert.True(timedReturns > 1000, $"{timedReturns} returns");
        Assert.InRange(traced.Events - plain.Events, 1, timedReturns);
        Assert.Equal(selfInitiated, sink.Of<ProactiveStarted>().Count() > 100);
    }

    [Fact]
    public void DispatchAndOnScene_AreAtTheCallsLocation()
    {
        var (_, sink) = Traced();
        var calls = sink.Of<CallArrived>().ToDictionary(a => a.Call, a => (a.X, a.Y));
        var dispatches = sink.Of<UnitDispatched>().ToList();
        var onScene = sink.Of<UnitOnScene>().ToList();
        Assert.True(dispatches.Count > 1000);
        Assert.All(dispatches, d => Assert.Equal(calls[d.Call], (d.ToX, d.ToY)));
        Assert.All(onScene, o => Assert.Equal(calls[o.Call], (o.X, o.Y)));
    }

    [Fact]
    public void AUnitReturns_FromItsLastCall_AndIsIdleWhereItWasHeading()
    {
        var (_, sink) = Traced();
        var lastScene = new Dictionary<long, (double X, double Y)>();
        var heading = new Dictionary<long, (double X, double Y)>();
        int returns = 0, idles = 0;
        foreach (var e in sink.Rows)
        {
            switch (e)
            {
                case UnitOnScene o:
                    lastScene[o.Unit] = (o.X, o.Y);
                    break;
                case UnitDispatched d:
                    heading.Remove(d.Unit);
                    lastScene.Remove(d.Unit);
                    break;
                case UnitReturning r:
                    if (lastScene.Remove(r.Unit, out var at))
                    {
                        Assert.Equal(at, (r.X, r.Y)); // freed at its call (a unit recalled en route returns from where it was)
                    }

                    heading[r.Unit] = (r.ToX, r.ToY);
                    returns++;
                    break;
                case UnitIdle i:
                    Assert.Equal(heading[i.Unit], (i.X, i.Y));
                    heading.Remove(i.Unit);
                    idles++;
                    break;
            }
        }

        Assert.True(returns > 1000);
        Assert.InRange(idles, returns / 2, returns);
    }

    [Fact]
    public void EveryPosition_LiesInTheCity()
    {
        var (_, sink) = Traced();
        var city = TestScenarios.SmallCity().City;
        foreach (var e in sink.Rows)
        {
            (double X, double Y)[] points = e switch
            {
                CallArrived a => [(a.X, a.Y)],
                UnitDispatched d => [(d.X, d.Y), (d.ToX, d.ToY)],
                UnitOnScene o => [(o.X, o.Y)],
                UnitOnDuty u => [(u.X, u.Y)],
                UnitReturning r => [(r.X, r.Y), (r.ToX, r.ToY)],
                UnitIdle i => [(i.X, i.Y)],
                _ => [],
            };
            Assert.All(points, p =>
            {
                Assert.InRange(p.X, 0, city.WidthKm);
                Assert.InRange(p.Y, 0, city.HeightKm);
            });
        }
    }
}
