using PatrolSim.Calibration.Cad;
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
                "received = Incident_Start_Time", "dispatched = Incident_Dispatch_Time", "enRoute = Incident_Enroute_Time",
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
