using System.Globalization;
using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Checking;
using PatrolSim.Calibration.Fitting;
using PatrolSim.Calibration.Tests.Fitting;

namespace PatrolSim.Calibration.Tests;

/// <summary>
/// Real exports under ../shared/data (never copied into the repository); skipped when absent.
/// Alexandria, VA: 2025-08-24 .. 2025-11-29 (98 days). Citizen calls are those whose Call_Reception is neither OFFICER nor
/// Radio (both are officer-initiated from the field); that definition reproduces the published mix.
/// </summary>
public class RealDataTests
{
    private static readonly Lazy<(CadReadResult Read, CalibrationResult Fit)> Alexandria = new(() =>
    {
        var read = CadReader.Read(SharedData.Path(SharedData.Alexandria)!, CadMapping.Default,
            CadReadOptions.Default with { ExcludePriorities = new HashSet<int> { 8 } });
        return (read, ScenarioFitter.Fit(read));
    });

    [FactWhenSharedData(SharedData.Alexandria)]
    public void Alexandria_ExcludingPriority8_About142Point6CallsADay()
    {
        var (read, fit) = Alexandria.Value;

        Assert.Equal(14580, read.RowsRead);
        Assert.Equal(602, read.RowsExcluded);
        Assert.Equal(0, read.Report.RowsRejected);
        Assert.Equal(13978, read.RowsUsed);
        Assert.Equal(98, fit.PeriodDays);
        Assert.Equal(142.6, fit.TotalCallsPerDay, 1);
    }

    [FactWhenSharedData(SharedData.Alexandria)]
    public void Alexandria_First3000RowsWithAnUnterminatedQuoteAtLine51_FailsNamingLine51()
    {
        // Issue 24: this file read "1032 rows read ... 1 rejected", the rows inside the open quote gone. The quote runs
        // to the first quote character after it, or to the end: found here by scanning the text.
        var lines = File.ReadLines(SharedData.Path(SharedData.Alexandria)!).Take(3001).ToList();
        lines.Insert(50, "\"unterminated quote,1,2,3");
        int next = lines.FindIndex(51, l => l.Contains('"', StringComparison.Ordinal));
        int last = next < 0 ? lines.Count : next + 1;

        var e = Assert.Throws<CadMappingException>(() => CadReader.Read(new StringReader(string.Join("\n", lines) + "\n"), "alexandria-3000.csv"));

        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture,
            $"alexandria-3000.csv: line 51: a quoted field opens here and runs to line {last}: {last - 50} lines read as one row, which is rejected ("), e.Message, StringComparison.Ordinal);
    }

    [FactWhenSharedData(SharedData.Alexandria)]
    public void Alexandria_CitizenCallMix_MatchesThePublishedShares()
    {
        var (read, fit) = Alexandria.Value;

        Assert.Equal("Call_Reception in {OFFICER, RADIO, SELF INITIATED, SELF-INITIATED, ON VIEW, ONVIEW, ON-VIEW} (default rule)",
            read.Mapping.SelfInitiatedRules.Single().ToString());
        var mix = fit.PriorityMix;
        Assert.Equal(0.048, mix[1], 3);
        Assert.Equal(0.555, mix[2], 3);
        Assert.Equal(0.117, mix[3], 3);
        Assert.Equal(0.278, mix[4], 3);
        Assert.Equal(11119, fit.CitizenCalls);
        Assert.Equal(2859, fit.SelfInitiated!.Calls);
    }

    [FactWhenSharedData(SharedData.Alexandria)]
    public void Alexandria_Mapping_FindsTheCadColumnsByDefault()
    {
        var (read, _) = Alexandria.Value;

        Assert.Equal(
            [
                "received = Incident_Start_Time", "queued = Incident_Queue_Time", "dispatched = Incident_Dispatch_Time", "enRoute = Incident_Enroute_Time",
                "arrived = Incident_Arrival_Time", "cleared = TimeFirstCallCleared", "closed = Incident_First_Close_Time",
                "priority = Priority_Number", "callType = Problem",
                "selfInitiated = Call_Reception in {OFFICER, RADIO, SELF INITIATED, SELF-INITIATED, ON VIEW, ONVIEW, ON-VIEW} (default rule)",
            ],
            read.Mapping.Describe());
        Assert.Equal("yyyy-MM-dd HH:mm:ss.FFFFFFF", read.TimestampFormatsUsed[CadField.Received]);
    }

    [FactWhenSharedData(SharedData.Alexandria)]
    public void Alexandria_Scenario_IsValidYaml()
    {
        var (_, fit) = Alexandria.Value;
        var yaml = fit.ToYaml();

        EmittedScenario.Load(yaml);
        Assert.Contains("  callsPerDay: 113.46\n", yaml, StringComparison.Ordinal);
        Assert.Contains("# 14580 rows read, 602 excluded (priority 8: 602), 0 rejected, 13978 used\n", yaml, StringComparison.Ordinal);
    }

    [FactWhenSharedData(SharedData.Alexandria)]
    public void Alexandria_MedianQueueDelay_MatchesTheObservedQueueDelayTool()
    {
        // ../shared/tools/observed_queue_delay.py on the same file: p50 and n of received -> dispatched by priority.
        var (read, fit) = Alexandria.Value;
        var p = fit.Priorities.ToDictionary(x => x.Priority);

        Assert.Equal(1.6813833, p[1].MedianQueueMinutes!.Value, 6);
        Assert.Equal(4.9530833, p[2].MedianQueueMinutes!.Value, 6);
        Assert.Equal(12.86475, p[3].MedianQueueMinutes!.Value, 6);
        Assert.Equal(22.102025, p[4].MedianQueueMinutes!.Value, 6);
        Assert.Equal(3070, read.Calls.Count(c => !c.SelfInitiated && c.Priority == 4 && ObservedIntervals.QueueDelayMinutes(c).HasValue));
        Assert.Equal(69.7970664, StaffingFitter.ObservedQueue(read.Calls)[new(4, -1)].Stats.Mean, 6);
    }

    [FactWhenSharedData(SharedData.Alexandria)]
    public void Alexandria_CallHandling_MatchesAnIndependentScript()
    {
        // Expected values from a short Python script over the CSV with the definitions of docs/calibration.md §2
        // (received -> queued of citizen calls; queued -> dispatched of those queued with no other call waiting).
        var handling = Alexandria.Value.Fit.CallHandling!;
        var p = handling.Priorities.ToDictionary(x => x.Priority);

        Assert.Equal(1093.0 / 11092, handling.LowLoadShare, 9);
        Assert.Equal(1, handling.DispatchProcessing!.Priority); // 54 low-load P1 dispatches
        (int Priority, int N, double Zero, double Median, double Mean, double P90, double LnMean, double Cv)[] intake =
        [
            (1, 539, 0.1132, 0.8833, 1.0766, 1.9622, 1.1787, 0.7066),
            (2, 6175, 0.0317, 1.0667, 1.4407, 2.8667, 1.4692, 0.8795),
            (3, 1297, 0.0547, 1.2167, 1.7641, 3.6478, 1.8257, 1.0126),
            (4, 3092, 0.0100, 1.1250, 1.9974, 3.8000, 1.7516, 1.1528),
        ];
        (int Priority, int N, double Zero, double Median, double Mean, double P90, double LnMean, double Cv)[] dispatch =
        [
            (1, 54, 0.0, 0.4415, 0.6481, 1.3687, 0.6393, 0.8142),
            (2, 686, 0.0190, 2.3943, 6.2481, 11.9037, 5.8657, 2.0258),
            (3, 107, 0.0, 8.7039, 21.9416, 53.2787, 24.1206, 2.8511),
            (4, 246, 0.0081, 14.0398, 41.3163, 112.4524, 59.0976, 5.0546),
        ];
        foreach (var (expected, actual) in intake.Zip(handling.Priorities.Where(x => x.Priority <= 4).Select(x => x.Intake))
                     .Concat(dispatch.Zip(handling.Priorities.Where(x => x.Priority <= 4).Select(x => x.DispatchAtLowLoad))))
        {
            Assert.Equal(expected.N, actual.Observed.N);
            Assert.Equal(expected.Zero, actual.ZeroShare, 1e-4); // the script rounds to 4 decimals
            Assert.Equal(expected.Median, actual.Observed.P50, 1e-4);
            Assert.Equal(expected.Mean, actual.Observed.Mean, 1e-4);
            Assert.Equal(expected.P90, actual.Observed.P90, 1e-4);
            Assert.Equal(expected.LnMean, actual.LogNormal.Mean, 1e-4);
            Assert.Equal(expected.Cv, actual.LogNormal.Cv, 1e-4);
            Assert.InRange(actual.LogNormal.KsDistance, 0, 0.2);
        }
        // Plausibility against the tool's received -> dispatched medians (1.68, 4.95, 12.86, 22.10): intake plus
        // dispatch at low load is below them, the rest being waiting for a unit.
        Assert.All(p.Values.Where(x => x.Priority <= 4), x =>
            Assert.True(x.Intake.Observed.P50 + x.DispatchAtLowLoad.Observed.P50 < Alexandria.Value.Fit.Priorities.Single(q => q.Priority == x.Priority).MedianQueueMinutes));
    }

    [FactWhenSharedData(SharedData.Seattle)]
    public void Seattle_UnitsPerCall_ComeFromRespondingUnits()
    {
        var read = CadReader.Read(SharedData.Path(SharedData.Seattle)!);
        var fit = ScenarioFitter.Fit(read);

        Assert.Equal(1000, read.RowsUsed);
        Assert.True(read.Report.IsEmpty);
        Assert.Equal(new ResolvedColumn(7, "first_dispatch_delay", true), read.Mapping.Fields[CadField.Dispatched]);
        Assert.Equal(new ResolvedColumn(8, "first_response_time", true), read.Mapping.Fields[CadField.Arrived]);
        Assert.Equal("responding_units", read.Mapping.Fields[CadField.Units].Column);
        Assert.Empty(read.Mapping.SelfInitiatedRules);

        // Mean responding_units among calls with an arrival (first_response_time not NULL), computed independently.
        var p = fit.Priorities.ToDictionary(x => x.Priority);
        Assert.Equal("unit-count column", p[1].UnitsSource);
        Assert.Equal(708.0 / 234, p[1].UnitsPerCall, 9);
        Assert.Equal(3.0256, p[1].UnitsPerCall, 4);
        Assert.Equal(1.7902, p[2].UnitsPerCall, 4);
        Assert.Equal(1.2426, p[3].UnitsPerCall, 4);
        Assert.Equal(36.0 / 270, p[1].NoUnitShare, 9);
        Assert.Equal(DurationFitKind.Default, p[1].OnScene.Kind);
        Assert.Contains(fit.CallTypes, t => t.Name == "P1, 3 officers" && t.Officers == 3);
        EmittedScenario.Load(fit.ToYaml());
    }
}

public class SharedDataTests
{
    [Fact]
    public void FactWhenSharedData_MissingFile_SetsSkip()
    {
        var attribute = new FactWhenSharedDataAttribute("no-such-export.csv");

        Assert.Null(SharedData.Path("no-such-export.csv"));
        Assert.Equal("../shared/data/no-such-export.csv not found beside the repository root", attribute.Skip);
    }
}
