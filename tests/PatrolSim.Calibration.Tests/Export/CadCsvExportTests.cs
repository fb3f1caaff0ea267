using PatrolSim.Calibration.Cad;
using PatrolSim.Calibration.Export;
using PatrolSim.Model.Simulation;

namespace PatrolSim.Calibration.Tests.Export;

public class CadCsvExportTests
{
    private static string Export(params CallRecord[] calls)
    {
        var export = new CadCsvExport();
        foreach (var c in calls) export.Call(c);
        var w = new StringWriter();
        export.Write(w);
        return w.ToString();
    }

    [Fact]
    public void Write_RowsInCallOrder_ExactText()
    {
        // Calls arrive at the sink when they clear: call 1 (no unit) before call 0.
        var text = Export(
            new CallRecord(1, 1440 + 61.5, 4, "report", "B2", 0.25, 7, null, null, 1440 + 61.5, 0, 0, false, true),
            new CallRecord(0, 0.0005, 2, "fight, with \"weapon\"", "A1", 1.2344, 0.5, 1, 6.25, 36.25, 2, 2, true, false, QueuedMinutes: 0.75, EnRouteMinutes: 1.5));

        Assert.Equal(
            "Incident_Id,Received,Queued,Dispatched,En_Route,Arrived,Cleared,Priority,Call_Type,Units,Beat,X,Y,Self_Initiated\n"
            + "0,2024-01-01 00:00:00.030,2024-01-01 00:00:45.000,2024-01-01 00:01:00.000,2024-01-01 00:01:30.000,2024-01-01 00:06:15.000,2024-01-01 00:36:15.000,2,\"fight, with \"\"weapon\"\"\",2,A1,1234.4,500,false\n"
            + "1,2024-01-02 01:01:30.000,,,,,2024-01-02 01:01:30.000,4,report,0,B2,250,7000,false\n",
            text);
    }

    [Fact]
    public void Write_ThenRead_DefaultMappingFindsEveryColumn()
    {
        var text = Export(
            new CallRecord(0, 10, 2, "prompt", "3", 4, 2, 12, 17, 47, 1, 1, true, true),
            new CallRecord(1, 20, 1, "urgent", "7", 1, 1, 20, 24, 84, 2, 2, true, true, QueuedMinutes: 20, EnRouteMinutes: 20.5));

        var read = CadReader.Read(new StringReader(text), "export.csv");

        Assert.Equal(
            ["received = Received", "queued = Queued", "dispatched = Dispatched", "enRoute = En_Route", "arrived = Arrived", "cleared = Cleared", "priority = Priority",
             "callType = Call_Type", "units = Units", "beat = Beat", "x = X", "y = Y", "selfInitiated = Self_Initiated in {TRUE, Y, YES, 1} (default rule)"],
            read.Mapping.Describe());
        Assert.True(read.Report.IsEmpty);
        var c = read.Calls[1];
        Assert.Equal(new DateTime(2024, 1, 1, 0, 20, 0), c.Received);
        Assert.Equal(1, c.Priority);
        Assert.Equal(TimeSpan.Zero, c.Queued);
        Assert.Equal(TimeSpan.Zero, c.Dispatched);
        Assert.Equal(TimeSpan.FromMinutes(0.5), c.EnRoute);
        Assert.Equal(TimeSpan.FromMinutes(4), c.Arrived);
        Assert.Equal(TimeSpan.FromMinutes(64), c.Cleared);
        Assert.Equal(2, c.Units);
        Assert.Equal("7", c.Beat);
        Assert.Equal(1000, c.X);
        Assert.False(c.SelfInitiated);
        Assert.Equal(60, PatrolSim.Calibration.Fitting.ScenarioFitter.OnSceneMinutes(c));
    }

    [Fact]
    public void StartDate_IsAMonday_AsSimulatedDayZero() => Assert.Equal(DayOfWeek.Monday, CadCsvExport.StartDate.DayOfWeek);
}
