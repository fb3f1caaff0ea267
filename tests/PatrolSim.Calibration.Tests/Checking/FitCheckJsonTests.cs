using System.Text;
using System.Text.Json;
using PatrolSim.Calibration.Checking;

namespace PatrolSim.Calibration.Tests.Checking;

public class FitCheckJsonTests
{
    private static FitCheckResult Result()
    {
        var rows = new[] { new CountRow("Mon", 10, 12), new CountRow("Tue", 0, 1) };
        var counts = new CountComparison("weekday", rows, 1.5, 2, 0.47, 0.2);
        var observed = new SampleSummary(3, 1, 2, 3, 2);
        var simulated = new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        return new FitCheckResult
        {
            ScenarioName = "s",
            SourceName = "calls.csv",
            PeriodDays = 14,
            ObservedDays = 1.5,
            ObservedStart = new DateTime(2025, 1, 5, 12, 0, 0),
            WarmupDays = 6.5,
            Replications = 2,
            Seed = 7,
            ObservedCalls = 30,
            SimulatedCalls = 56,
            HourOfDay = counts with { Name = "hourOfDay" },
            Weekday = counts,
            PriorityMix = [new CountRow("P1", 1, 1)],
            Priorities = [new PriorityComparison(1, [
                new MeasureComparison("queueDelay", observed, simulated, double.NaN, double.NaN),
                new MeasureComparison("turnout", observed with { Mean = 0.5 }, observed, 0, 1.1),
                new MeasureComparison("travel", observed, observed with { P90 = 7 }, 0.25, 1.1)])],
        };
    }

    [Fact]
    public void Write_SchemaVersion1_WithBothPeriods_AndNaNAsNull()
    {
        using var stream = new MemoryStream();
        FitCheckJson.Write(stream, Result(), "patrolsim 9.9.9", "s.yaml");
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        var root = doc.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("patrolsim 9.9.9", root.GetProperty("tool").GetString());
        Assert.Equal("s.yaml", root.GetProperty("scenarioFile").GetString());
        Assert.Equal(14, root.GetProperty("periodDays").GetDouble());
        Assert.Equal(1.5, root.GetProperty("observedDays").GetDouble());
        Assert.Equal(20, root.GetProperty("observedCallsPerDay").GetDouble()); // 30 calls / 1.5 days
        Assert.Equal(2, root.GetProperty("simulatedCallsPerDay").GetDouble()); // 56 / (14 x 2)
        var tue = root.GetProperty("weekday").GetProperty("rows")[1];
        Assert.Equal("Tue", tue.GetProperty("bin").GetString());
        Assert.Equal(JsonValueKind.Null, tue.GetProperty("relativeError").ValueKind);
        var queue = root.GetProperty("byPriority").GetProperty("1").GetProperty("queueDelay");
        Assert.Equal(2, queue.GetProperty("observed").GetProperty("p50").GetDouble());
        Assert.Equal(0, queue.GetProperty("simulated").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, queue.GetProperty("simulated").GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, queue.GetProperty("ksDistance").ValueKind);
    }

    [Fact]
    public void Write_TurnoutAndTravel_HaveTheShapeOfEveryMeasure()
    {
        using var stream = new MemoryStream();
        FitCheckJson.Write(stream, Result(), "patrolsim 9.9.9", "s.yaml");
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        var p1 = doc.RootElement.GetProperty("byPriority").GetProperty("1");

        Assert.Equal(["queueDelay", "turnout", "travel"], p1.EnumerateObject().Select(m => m.Name));
        foreach (var measure in p1.EnumerateObject())
        {
            Assert.Equal(["observed", "simulated", "ksDistance", "ksCritical05"], measure.Value.EnumerateObject().Select(p => p.Name));
            foreach (var side in new[] { "observed", "simulated" })
                Assert.Equal(["n", "p10", "p50", "p90", "mean"], measure.Value.GetProperty(side).EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(0.5, p1.GetProperty("turnout").GetProperty("observed").GetProperty("mean").GetDouble());
        Assert.Equal(7, p1.GetProperty("travel").GetProperty("simulated").GetProperty("p90").GetDouble());
        Assert.Equal(0.25, p1.GetProperty("travel").GetProperty("ksDistance").GetDouble());
    }
}
