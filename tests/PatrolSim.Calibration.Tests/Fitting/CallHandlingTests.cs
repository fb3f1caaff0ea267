using MathNet.Numerics.Distributions;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Fitting;

namespace PatrolSim.Calibration.Tests.Fitting;

public class CallHandlingTests
{
    private const string Header = "Incident_Start_Time,Incident_Queue_Time,Incident_Dispatch_Time,Priority_Number,Call_Reception";

    private static IReadOnlyList<CadCall> Calls(params string[] rows) =>
        CadReader.Read(new StringReader(string.Join("\n", [Header, .. rows]) + "\n"), "calls.csv").Calls;

    // A (P3) waits 10:00-10:30; B (P2) is queued at 10:06 while A waits; C (P2) is queued with nobody waiting; the
    // self-initiated D waits 12:00-12:20, so E (P2, queued 12:06) is not at low load; F (P2) has zero handling and dispatch;
    // G (P4, no queued time) is dispatched at 14:03 exactly when H (P4) is queued: a call dispatched at t no longer waits.
    private static readonly string[] Rows =
    [
        "2025-03-03 10:00:00,2025-03-03 10:01:00,2025-03-03 10:30:00,3,Phone",
        "2025-03-03 10:05:00,2025-03-03 10:06:00,2025-03-03 10:10:00,2,Phone",
        "2025-03-03 11:00:00,2025-03-03 11:02:00,2025-03-03 11:05:00,2,911",
        "2025-03-03 12:00:00,2025-03-03 12:00:00,2025-03-03 12:20:00,2,OFFICER",
        "2025-03-03 12:05:00,2025-03-03 12:06:00,2025-03-03 12:07:00,2,Phone",
        "2025-03-03 13:00:00,2025-03-03 13:00:00,2025-03-03 13:00:00,2,Phone",
        "2025-03-03 14:00:00,,2025-03-03 14:03:00,4,Phone",
        "2025-03-03 14:01:00,2025-03-03 14:03:00,2025-03-03 14:04:00,4,Phone",
    ];

    [Fact]
    public void Holds_PrioritiesHeldAtLowLoad_GetTheirExcessOverTheProcessingMean_AsTheWholeSample()
    {
        // Processing = P1 (30 times of 1 min: median and mean 1). P2's median 1.5 is under 2 x 1: processed, not held.
        // P3's median 4 is over 2: held, by max(0, x - 1). P4 has 29 times: too few.
        var none = IntervalFit.Of([]);
        PriorityCallHandling P(int priority, IEnumerable<double> lowLoad) => new(priority, none, IntervalFit.Of(lowLoad));
        var fit = new CallHandlingFit(
        [
            P(1, Enumerable.Repeat(1.0, 30)),
            P(2, Enumerable.Repeat(1.5, 30)),
            P(3, [.. Enumerable.Repeat(0.5, 10), .. Enumerable.Repeat(4.0, 10), .. Enumerable.Repeat(10.0, 10)]),
            P(4, Enumerable.Repeat(50.0, 29)),
        ], 0, 0.1);

        var hold = Assert.Single(fit.Holds);

        Assert.Equal(3, hold.Priority);
        Assert.Equal(1, hold.ProcessingMean);
        Assert.Equal([.. Enumerable.Repeat(0.0, 10), .. Enumerable.Repeat(3.0, 10), .. Enumerable.Repeat(9.0, 10)], hold.Hold.Quantiles);
        Assert.Equal(4, hold.Hold.Mean, 12);
        Assert.Equal(DurationFitKind.Empirical, hold.Hold.Kind);
    }

    [Fact]
    public void Fit_LowLoad_KeepsOnlyCallsQueuedWithNoOtherCallWaiting()
    {
        var fit = CallHandlingFit.Fit(Calls(Rows))!;

        Assert.Equal([2, 3, 4], fit.Priorities.Select(p => p.Priority));
        var p2 = fit.Priorities[0];
        // F (0) and C (3); B and E had a call waiting.
        Assert.Equal(2, p2.DispatchAtLowLoad.Observed.N);
        Assert.Equal(1.5, p2.DispatchAtLowLoad.Observed.Mean);
        Assert.Equal(0.5, p2.DispatchAtLowLoad.ZeroShare);
        Assert.Equal(29, fit.Priorities[1].DispatchAtLowLoad.Observed.Mean); // A: only itself was waiting
        Assert.Equal(1, fit.Priorities[2].DispatchAtLowLoad.Observed.Mean);  // H: G left the queue at 14:03
        Assert.Equal(4.0 / 6, fit.LowLoadShare, 12);                         // A, C, F, H of A, B, C, E, F, H
        Assert.Null(fit.DispatchProcessing); // fewer than 30 low-load dispatches at every priority
    }

    [Fact]
    public void Fit_LowLoadMaxWaitingOne_AdmitsCallsQueuedBehindOneWaitingCall()
    {
        var fit = CallHandlingFit.Fit(Calls(Rows), lowLoadMaxWaiting: 1)!;

        var p2 = fit.Priorities[0].DispatchAtLowLoad; // F 0, E 1, C 3, B 4
        Assert.Equal(4, p2.Observed.N);
        Assert.Equal(2, p2.Observed.Mean);
        Assert.Equal(2, p2.Observed.P50);
        Assert.Equal(1, fit.LowLoadShare);
    }

    [Fact]
    public void Fit_Intake_IsReceivedToQueuedOfEveryCitizenCall_SelfInitiatedLeftOut()
    {
        var fit = CallHandlingFit.Fit(Calls(Rows))!;

        var intake = fit.Priorities[0].Intake; // B 1, C 2, E 1, F 0 (D is self-initiated)
        Assert.Equal(4, intake.Observed.N);
        Assert.Equal(1, intake.Observed.P50);
        Assert.Equal(1, intake.Observed.Mean);
        Assert.Equal(0.25, intake.ZeroShare);
    }

    [Fact]
    public void Fit_LogNormal_IsTheMaximumLikelihoodFitWithItsKsDistance()
    {
        // Intake 1, 2, 4 min: mu = ln 2, sigma = ln 2 * sqrt(2/3); mean exp(mu + sigma^2/2), cv sqrt(exp(sigma^2) - 1);
        // KS = 1/3 - Phi(-1/sqrt(2/3)) (the gap just after 1 and just before 4).
        var fit = CallHandlingFit.Fit(Calls(
            "2025-03-03 08:00:00,2025-03-03 08:01:00,2025-03-03 08:02:00,1,Phone",
            "2025-03-03 09:00:00,2025-03-03 09:02:00,2025-03-03 09:03:00,1,Phone",
            "2025-03-03 10:00:00,2025-03-03 10:04:00,2025-03-03 10:05:00,1,Phone"))!;

        var intake = fit.Priorities.Single().Intake;
        var sigma2 = Math.Log(2) * Math.Log(2) * 2 / 3;
        Assert.Equal(2 * Math.Exp(sigma2 / 2), intake.LogNormal.Mean, 12);
        Assert.Equal(Math.Sqrt(Math.Exp(sigma2) - 1), intake.LogNormal.Cv, 12);
        Assert.Equal((1.0 / 3) - Normal.CDF(0, 1, -1 / Math.Sqrt(2.0 / 3)), intake.LogNormal.KsDistance, 12);
        Assert.Equal(2, intake.Observed.P50);
        Assert.Equal(7.0 / 3, intake.Observed.Mean, 12);
        Assert.Equal(4, intake.Observed.P90);
    }

    [Fact]
    public void Fit_NoQueuedColumn_IsNull()
    {
        var calls = CadReader.Read(new StringReader("Received,Dispatched,Priority\n2025-03-03 08:00:00,2025-03-03 08:02:00,2\n"), "calls.csv").Calls;

        Assert.Null(CallHandlingFit.Fit(calls));
        Assert.Null(ScenarioFitter.Fit(calls).CallHandling);
    }

    [Fact]
    public void ScenarioFitter_PutsCallHandlingOnTheResult()
    {
        var result = ScenarioFitter.Fit(Calls(Rows));

        Assert.NotNull(result.CallHandling);
        Assert.Equal(4.0 / 6, result.CallHandling.LowLoadShare, 12);
    }
}
