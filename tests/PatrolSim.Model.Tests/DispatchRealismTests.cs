using PatrolSim.Analytic;
using PatrolSim.Engine.Statistics;
using PatrolSim.Model.Definition;
using PatrolSim.Model.Metrics;
using PatrolSim.Model.Simulation;
using Xunit.Abstractions;

namespace PatrolSim.Model.Tests;

/// <summary>
/// The reserve cut-off, preemption of self-initiated work and call handling against exact values: Markov
/// chains solved here (<see cref="DispatchChains"/>) and hand-computed delays.
/// </summary>
public class DispatchRealismTests(ITestOutputHelper output)
{
    // c = 4 units, 30-minute calls (μ = 2/h); P1 1/h and P2 3/h: 2 erlangs, P2 kept off the last free unit.
    private const int ReserveUnits = 4;
    private const double Lambda1 = 1, Lambda2 = 3, MeanService = 30, Mu = 60 / MeanService;

    // 2 units, calls 1.5/h of 30 minutes; idle units start 20-minute activities at 1 per idle unit-hour.
    private const int SiUnits = 2;
    private const double SiLambda = 1.5, Theta = 1, SiMeanMinutes = 20, Eta = 60 / SiMeanMinutes;

    private const int Replications = 24;
    private const double Days = 120;

    private static ReplicationResult[] Simulate(Scenario s, ulong seed) =>
        [.. Enumerable.Range(0, Replications).AsParallel().Select(r => new PatrolSimulation(s).Run(seed, r)).OrderBy(r => r.Replication)];

    /// <summary>
    /// 99.9% Student-t interval over replications: several comparisons per test stay stable when the model's random
    /// streams change, while the half-width checks below keep them tight enough to tell the rules apart.
    /// </summary>
    private static ConfidenceInterval Ci(ReplicationResult[] results, Func<ReplicationResult, double> metric) =>
        ConfidenceInterval.StudentT([.. results.Select(metric)], 0.999);

    private void AssertContains(string what, ConfidenceInterval ci, double exact)
    {
        output.WriteLine($"{what}: exact {exact:F4}, simulated [{ci.Low:F4}, {ci.High:F4}]");
        Assert.True(ci.Contains(exact), $"{what}: CI [{ci.Low:F4}, {ci.High:F4}] misses the exact {exact:F4}");
    }

    private static Scenario TwoPriorities(ReserveRule? reserve)
    {
        var s = TestScenarios.MMc(Lambda1 + Lambda2, MeanService, ReserveUnits, Days);
        var service = new ExponentialDistribution(MeanService);
        return s with
        {
            Demand = s.Demand with
            {
                CallTypes =
                [
                    new CallType("urgent", Lambda1 / (Lambda1 + Lambda2), 1, service, 1, RiskLevel.None, true),
                    new CallType("routine", Lambda2 / (Lambda1 + Lambda2), 2, service, 1, RiskLevel.None, true),
                ],
            },
            Policy = s.Policy with { Dispatch = s.Policy.Dispatch with { Reserve = reserve } },
        };
    }

    private static Scenario WithSelfInitiated(bool preempt)
    {
        var s = TestScenarios.MMc(SiLambda, MeanService, SiUnits, Days);

        // Calls carry no risk, so the low-risk solo minutes a day are exactly the self-initiated officer-minutes.
        return s with
        {
            Demand = s.Demand with { SelfInitiated = new SelfInitiated(Theta, new ExponentialDistribution(SiMeanMinutes), RiskLevel.Low) },
            Policy = s.Policy with { Preemption = preempt ? new Preemption(1, SelfInitiated: true, FromCallsAtPriority: null) : null },
        };
    }

    [Fact]
    public void ReserveChain_WithoutReserve_IsCobhamsPriorityMMc()
    {
        // The oracle itself: with r = 0 the chain is the non-preemptive priority M/M/c of the analytic library.
        var chain = DispatchChains.Reserve(ReserveUnits, 0, Lambda1, Lambda2, Mu);
        var cobham = new PriorityMMc([Lambda1, Lambda2], Mu, ReserveUnits);
        Assert.Equal(cobham.ProbabilityOfWait, chain.P1Wait, 9);
        Assert.Equal(cobham.ProbabilityOfWait, chain.P2Wait, 9);
        Assert.Equal(cobham.MeanWait(0) * 60, chain.P1MeanWait, 6);
        Assert.Equal(cobham.MeanWait(1) * 60, chain.P2MeanWait, 6);
    }

    [Fact]
    public void SelfInitiatedChain_WithoutActivities_IsErlangC()
    {
        var chain = DispatchChains.SelfInitiated(SiUnits, SiLambda, Mu, theta: 0, Eta, preempt: false);
        var mmc = new MMcQueue(SiLambda, Mu, SiUnits);
        Assert.Equal(mmc.ProbabilityOfWait, chain.PWait, 9);
        Assert.Equal(mmc.MeanWait * 60, chain.MeanWait, 6);
        Assert.Equal(0, chain.SelfInitiatedShare);
    }

    [Fact]
    public void Reserve_OneUnitKeptForP1_MatchesTheExactChain_AndDelaysP2()
    {
        var exact = DispatchChains.Reserve(ReserveUnits, 1, Lambda1, Lambda2, Mu);
        Assert.True(exact.TruncatedMass < 1e-9, $"truncation holds {exact.TruncatedMass:E2} of the mass");

        var results = Simulate(TwoPriorities(new ReserveRule(FromPriority: 2, KeepFreeUnits: 1)), 20260301);
        var p1Wait = Ci(results, r => r.ByPriority[1][MetricCatalog.ProbDelayed]);
        var p2Wait = Ci(results, r => r.ByPriority[2][MetricCatalog.ProbDelayed]);
        var p1Delay = Ci(results, r => r.ByPriority[1][MetricCatalog.QueueDelayMean]);
        var p2Delay = Ci(results, r => r.ByPriority[2][MetricCatalog.QueueDelayMean]);
        AssertContains("P1 P(wait)", p1Wait, exact.P1Wait);
        AssertContains("P2 P(wait)", p2Wait, exact.P2Wait);
        AssertContains("P1 mean delay, min", p1Delay, exact.P1MeanWait);
        AssertContains("P2 mean delay, min", p2Delay, exact.P2MeanWait);
        Assert.True(p2Delay.HalfWidth < 0.1 * exact.P2MeanWait, $"P2 delay half-width {p2Delay.HalfWidth:F3} is too wide to test anything");

        // The reserve binds: P2 waits far longer than in the priority M/M/4 without it (Cobham), and P1 waits less.
        var cobham = new PriorityMMc([Lambda1, Lambda2], Mu, ReserveUnits);
        output.WriteLine($"without reserve: P(wait) {cobham.ProbabilityOfWait:F4}, P1 delay {cobham.MeanWait(0) * 60:F4}, P2 delay {cobham.MeanWait(1) * 60:F4}");
        Assert.True(p2Delay.Low > 2 * cobham.MeanWait(1) * 60, $"P2 delay CI [{p2Delay.Low:F3}, {p2Delay.High:F3}] vs {cobham.MeanWait(1) * 60:F3} without reserve");
        Assert.True(p1Wait.High < cobham.ProbabilityOfWait, $"P1 P(wait) CI [{p1Wait.Low:F4}, {p1Wait.High:F4}] vs {cobham.ProbabilityOfWait:F4} without reserve");
    }

    [Fact]
    public void Reserve_NeverHoldsBackMoreUnitsThanArePatrolling_WhenOfficersArePulledToPosts()
    {
        // Three solo cars, one pulled to a post for the whole run: two patrol. A reserve of 2 free units for priority
        // 3 is capped at the patrol's 2 less the call's 1, so an idle patrol serves priority-3 calls. (Capping it at
        // the 3 units on duty instead held every priority-3 call for good: a stall the property tests found.)
        var s = TestScenarios.Exact(24, 20, 10, new Shift("all day", 0, 24, 3, null)) with
        {
            Demand = new Demand(24, 1, TestScenarios.Flat,
            [
                new CallType("urgent", 0.5, 1, new ConstantDistribution(20), 1, RiskLevel.None, true),
                new CallType("routine", 0.5, 3, new ConstantDistribution(20), 1, RiskLevel.None, true),
            ], null),
        };
        s = s with
        {
            Policy = s.Policy with
            {
                Dispatch = s.Policy.Dispatch with { Reserve = new ReserveRule(FromPriority: 3, KeepFreeUnits: 2) },
                Changes = [new PolicyChange(0, 24 * 10, new PolicyOverrides(PullOfficers: 1), Immediate: false)],
            },
        };
        var r = new PatrolSimulation(s).Run(3, 0);
        Assert.True(r.ByPriority[3][MetricCatalog.CallsArrived] > 80);
        Assert.True(r.ByPriority[3][MetricCatalog.CallsUnfinished] <= 2, $"{r.ByPriority[3][MetricCatalog.CallsUnfinished]} routine calls never served");
    }

    [Fact]
    public void TeamCall_IsCappedAtTheOfficersPatrolling_WhenOfficersArePulledToPosts()
    {
        // Three solo cars, one pulled for the whole run; every call needs 3 officers and waits for its team. Capped at
        // the 3 officers on duty, no team of 3 could ever form from the 2 patrolling and every call waited for good.
        var s = TestScenarios.Exact(12, 20, 10, new Shift("all day", 0, 24, 3, null)) with
        {
            Demand = new Demand(12, 1, TestScenarios.Flat, [new CallType("fight", 1, 1, new ConstantDistribution(20), 3, RiskLevel.High, true)], null),
        };
        s = s with
        {
            Policy = new Policy(new CrewPolicy(0), new BackupPolicy(BackupRule.None, RiskLevel.Low, Engagement.Wait), DispatchPolicy.Closest,
                [new PolicyChange(0, 24 * 10, new PolicyOverrides(PullOfficers: 1), Immediate: false)]),
        };
        var r = new PatrolSimulation(s).Run(3, 0);
        Assert.True(r.Overall[MetricCatalog.CallsArrived] > 80);
        Assert.True(r.Overall[MetricCatalog.CallsUnfinished] <= 2, $"{r.Overall[MetricCatalog.CallsUnfinished]} calls never served");
        Assert.Equal(2.0, r.Overall[MetricCatalog.OfficersOnScene], 9);
    }

    [Fact]
    public void PreemptionOfSelfInitiatedWork_MatchesTheExactChain_AndShortensWaits()
    {
        var exact = DispatchChains.SelfInitiated(SiUnits, SiLambda, Mu, Theta, Eta, preempt: true);
        var without = DispatchChains.SelfInitiated(SiUnits, SiLambda, Mu, Theta, Eta, preempt: false);
        Assert.True(exact.TruncatedMass < 1e-9 && without.TruncatedMass < 1e-9);

        var results = Simulate(WithSelfInitiated(preempt: true), 20260302);
        var pWait = Ci(results, r => r.Overall[MetricCatalog.ProbDelayed]);
        var delay = Ci(results, r => r.Overall[MetricCatalog.QueueDelayMean]);
        var preemptions = Ci(results, r => r.Overall[MetricCatalog.PreemptionsPerDay]);
        var share = Ci(results, r => r.Overall[MetricCatalog.SoloPerDayLow] / (SiUnits * 1440));
        AssertContains("P(wait)", pWait, exact.PWait);
        AssertContains("mean delay, min", delay, exact.MeanWait);
        AssertContains("preemptions a day", preemptions, exact.PreemptionsPerDay);
        AssertContains("self-initiated share of unit time", share, exact.SelfInitiatedShare);
        Assert.True(preemptions.HalfWidth < 0.05 * exact.PreemptionsPerDay);

        // Without preemption calls wait for activities to end: the chain without that transition, and the simulation.
        var withoutResults = Simulate(WithSelfInitiated(preempt: false), 20260303);
        var pWaitWithout = Ci(withoutResults, r => r.Overall[MetricCatalog.ProbDelayed]);
        AssertContains("P(wait) without preemption", pWaitWithout, without.PWait);
        AssertContains("preemptions a day without preemption", Ci(withoutResults, r => r.Overall[MetricCatalog.PreemptionsPerDay]), 0);
        AssertContains("self-initiated share without preemption", Ci(withoutResults, r => r.Overall[MetricCatalog.SoloPerDayLow] / (SiUnits * 1440)), without.SelfInitiatedShare);
        Assert.True(pWait.High < pWaitWithout.Low, $"P(wait) with preemption [{pWait.Low:F4}, {pWait.High:F4}] vs without [{pWaitWithout.Low:F4}, {pWaitWithout.High:F4}]");
    }

    [Theory]
    [InlineData(2.5, 0.0, 0.0)]
    [InlineData(2.5, 0.75, 0.0)]
    [InlineData(1.0, 0.5, 4.0)]
    public void ConstantIntakeProcessingAndHold_WithoutCongestion_AreTheQueueDelayExactly(double intake, double processing, double holdP2)
    {
        // 40 units for 2 erlangs: no call ever waits for a unit, so every delay is intake + hold + processing.
        var s = TwoPriorities(reserve: null) with
        {
            Horizon = new Horizon(10, 1),
            Staffing = new Staffing(1, [new Shift("all day", 0, 24, 40, null)]),
            CallHandling = new CallHandling(
                new Dictionary<int, Distribution> { [1] = new ConstantDistribution(intake) },
                new ConstantDistribution(2 * intake),
                processing > 0 ? new ConstantDistribution(processing) : null),
        };
        s = s with { Policy = s.Policy with { Dispatch = s.Policy.Dispatch with { Hold = new Dictionary<int, Distribution> { [2] = new ConstantDistribution(holdP2) } } } };

        var r = new PatrolSimulation(s).Run(11, 0);
        Assert.Equal(0, r.Overall[MetricCatalog.MaxQueueLength]);
        Assert.Equal(intake + processing, r.ByPriority[1][MetricCatalog.QueueDelayMean], 9);
        Assert.Equal((2 * intake) + holdP2 + processing, r.ByPriority[2][MetricCatalog.QueueDelayMean], 9);
        Assert.Equal(1, r.Overall[MetricCatalog.ProbDelayed]);

        // Response = delay + zero travel: the handling time carries through to the response time too.
        Assert.Equal(intake + processing, r.ByPriority[1][MetricCatalog.ResponseMean], 9);
    }
}
