using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Model.Tests;

public class ExposureTests
{
    /// <summary>One officer on duty; every call is high risk (weight 3), constant 20 minutes, needs backup that never comes.</summary>
    private static Scenario LoneOfficer(Engagement engage) => TestScenarios.MMc(0.5, 20, 1, days: 20, warmupDays: 0, backup: BackupRule.Risk, risk: RiskLevel.High) with
    {
        Demand = new Demand(12, 1, TestScenarios.Flat, [new CallType("risky", 1, 1, new ConstantDistribution(20), 1, RiskLevel.High, true)], null),
        Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.Risk, RiskLevel.Low, engage), DispatchPolicy.Closest, []),
    };

    [Fact]
    public void SoloOfficerAtRiskyCall_For20Minutes_GivesExactly20RiskWeightedMinutesEach()
    {
        var r = new PatrolSimulation(LoneOfficer(Engagement.Alone)).Run(1, 0);
        double served = r.Overall[MetricCatalog.CallsServed];
        double arrived = r.Overall[MetricCatalog.CallsArrived];
        Assert.True(served > 100);
        // Per 1,000 arrived calls: 20 minutes × weight 3 for each served call.
        Assert.Equal(20.0 * 3 * served * 1000 / arrived, r.Overall[MetricCatalog.SoloExposureIndex], 9);
        Assert.Equal(1.0, r.Overall[MetricCatalog.SoloCalls]);
        // The backup never arrives: every call counts, censored at its clearance 20 minutes after the first arrival.
        Assert.Equal(1.0, r.Overall[MetricCatalog.BackupMissed]);
        Assert.Equal(20.0, r.Overall[MetricCatalog.BackupDelayMean], 9);
        // In real minutes: 20 alone per high-risk call; 20 × served high-risk calls per day.
        Assert.Equal(20.0, r.Overall[MetricCatalog.SoloMinutesHigh], 9);
        Assert.Equal(20.0 * served / 20, r.Overall[MetricCatalog.SoloPerDayHigh], 9);
        Assert.True(double.IsNaN(r.Overall[MetricCatalog.SoloMinutesLow]), "no low-risk calls");
    }

    [Fact]
    public void AloneIntervalsInTheTrace_AddUpToTheSoloMinutesMetric_AndQueueRecordsGiveTheMaxQueue()
    {
        // The trace's alone-start/alone-end records are the metric's own bookkeeping: for calls that arrived after the
        // warm-up and cleared, their intervals add up to the officer-minutes alone of soloMinutesPerDay (no self-initiated
        // work here). A lot of calls for few officers, preemption on, so calls queue, lose and regain officers.
        var s = TestScenarios.SmallCity(0, BackupRule.AllCalls, Engagement.Alone, days: 6) with
        {
            Demand = TestScenarios.SmallCity().Demand with { CallsPerDay = 260 },
        };
        s = s with { Policy = s.Policy with { Preemption = new Preemption(1, SelfInitiated: false, FromCallsAtPriority: 3) } };
        var sink = new ListTraceSink();
        var r = new PatrolSimulation(s).Run(5, 0, sink);

        var measured = sink.Of<CallArrived>().Where(a => a.TimeMinutes >= 1440).Select(a => a.Call).ToHashSet();
        var cleared = sink.Of<CallCleared>().Select(c => c.Call).ToHashSet();
        var since = new Dictionary<long, double>();
        double alone = 0;
        int intervals = 0;
        foreach (var e in sink.Of<AloneChanged>())
        {
            if (e.Alone)
            {
                Assert.True(since.TryAdd(e.Call, e.TimeMinutes), $"call {e.Call} alone twice at {e.TimeMinutes}");
            }
            else
            {
                Assert.True(since.Remove(e.Call, out double start), $"call {e.Call} ends being alone without starting");
                if (measured.Contains(e.Call) && cleared.Contains(e.Call))
                {
                    alone += e.TimeMinutes - start;
                    intervals++;
                }
            }
        }

        Assert.True(intervals > 100, $"{intervals} alone intervals");
        double perDay = r.Overall[MetricCatalog.SoloPerDayLow] + r.Overall[MetricCatalog.SoloPerDayMedium] + r.Overall[MetricCatalog.SoloPerDayHigh];
        Assert.Equal(alone, perDay * 5, 6);

        var queue = sink.Of<QueueChanged>().ToList();
        Assert.True(queue.Count > 100, $"{queue.Count} queue changes");
        Assert.All(queue, q => Assert.True(q.Waiting >= 0));
        double maxMeasured = queue.Where(q => q.TimeMinutes >= 1440).Max(q => q.Waiting);
        double atWarmupEnd = queue.LastOrDefault(q => q.TimeMinutes < 1440)?.Waiting ?? 0;
        Assert.Equal(Math.Max(maxMeasured, atWarmupEnd), r.Overall[MetricCatalog.MaxQueueLength]);
    }

    [Fact]
    public void WaitEngagement_WithBackupForEveryRiskyCall_GivesZeroSoloMinutes()
    {
        var alone = new PatrolSimulation(TestScenarios.SmallCity(0, BackupRule.Risk, Engagement.Alone) with
        {
            Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.Risk, RiskLevel.Low, Engagement.Alone), DispatchPolicy.Closest, []),
        }).Run(3, 0);
        var wait = new PatrolSimulation(TestScenarios.SmallCity(0, BackupRule.Risk, Engagement.Wait) with
        {
            Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.Risk, RiskLevel.Low, Engagement.Wait), DispatchPolicy.Closest, []),
        }).Run(3, 0);
        Assert.True(alone.Overall[MetricCatalog.SoloExposureIndex] > 100);
        Assert.Equal(0.0, wait.Overall[MetricCatalog.SoloExposureIndex]);
        Assert.Equal(0.0, wait.Overall[MetricCatalog.SoloCalls]);
        // Waiting for backup makes the full response the start of service, never earlier than the first arrival.
        Assert.True(wait.Overall[MetricCatalog.FullResponseMean] >= wait.Overall[MetricCatalog.ResponseMean]);
    }

    [Fact]
    public void AllPaired_GivesZeroSoloMinutes_AndZeroBackupDelay()
    {
        var r = new PatrolSimulation(TestScenarios.SmallCity(1.0, BackupRule.Risk, Engagement.Alone)).Run(3, 0);
        Assert.Equal(0.0, r.Overall[MetricCatalog.SoloExposureIndex]);
        Assert.Equal(0.0, r.Overall[MetricCatalog.BackupDelayMean]);
    }

    [Fact]
    public void SoloMinutes_MatchTheTrace_FirstToSecondOfficerOnScene()
    {
        // Recompute the exposure metric from the event trace: for each served risky call whose first unit is
        // solo, weight × (second officer on scene, or clear) − first on scene.
        var s = TestScenarios.SmallCity(0, BackupRule.Risk, Engagement.Alone, days: 6) with { Horizon = new Horizon(6, 0) };
        var sink = new ListTraceSink();
        var r = new PatrolSimulation(s).Run(8, 0, sink);
        var weights = new Dictionary<string, double> { ["domestic"] = 3, ["alarm"] = 1, ["report"] = 0, ["phone"] = 0 };
        var callWeight = new Dictionary<long, double>();
        var unitOfficers = new Dictionary<long, int>();
        var onScene = new Dictionary<long, List<(double Time, int Officers)>>();
        double expected = 0;
        foreach (var row in sink.Rows)
        {
            switch (row)
            {
                case CallArrived a:
                    callWeight[a.Call] = weights[a.CallType];
                    onScene[a.Call] = [];
                    break;
                case UnitDispatched d:
                    unitOfficers[d.Unit] = d.Officers;
                    break;
                case UnitOnScene o:
                    onScene[o.Call].Add((o.TimeMinutes, unitOfficers[o.Unit]));
                    break;
                case CallCleared c:
                    var arrivals = onScene[c.Call];
                    if (callWeight[c.Call] > 0 && arrivals[0].Officers == 1)
                    {
                        double end = arrivals.Count > 1 ? Math.Min(arrivals[1].Time, c.TimeMinutes) : c.TimeMinutes;
                        expected += callWeight[c.Call] * (end - arrivals[0].Time);
                    }

                    break;
            }
        }

        double arrived = r.Overall[MetricCatalog.CallsArrived];
        Assert.Equal(expected * 1000 / arrived, r.Overall[MetricCatalog.SoloExposureIndex], 6);
    }
}
