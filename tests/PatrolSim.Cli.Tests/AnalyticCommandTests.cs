using System.Text.Json;

namespace PatrolSim.Cli.Tests;

public class AnalyticCommandTests
{
    [Fact]
    public void Analytic_Mmc_OneBlockWithErlangCValues_InTableAndJson()
    {
        string json = Path.Combine(CliRunner.TempDir(), "a.json");
        var (exit, output, err) = CliRunner.Run("analytic", CliRunner.Scenario("mmc.yaml"), "--json", json);
        Assert.True(exit == 0, err);
        Assert.Contains("│ 00:00–24:00 │ all day │        10 (0) │   16.00 │       1.00 │     30.0 │ 8.00 │ 0.800 │  0.4092 │   6.14 │", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var block = Assert.Single(doc.RootElement.GetProperty("scenarios")[0].GetProperty("blocks").EnumerateArray());
        Assert.Equal(0.40918, block.GetProperty("probabilityOfWait").GetDouble(), 5);
        Assert.Equal(6.1377, block.GetProperty("queueDelayMinutes").GetDouble(), 4);
        Assert.Empty(doc.RootElement.GetProperty("scenarios")[0].GetProperty("assumptions").EnumerateArray());
    }

    [Fact]
    public void Analytic_Midsize_NamesTheAssumptionsItBreaks()
    {
        var (exit, output, err) = CliRunner.Run("analytic", CliRunner.Scenario("midsize-baseline.yaml"));
        Assert.True(exit == 0, err);
        Assert.Contains("multi-unit dispatch", output, StringComparison.Ordinal);
        Assert.Contains("lognormal", output, StringComparison.Ordinal);
        Assert.Contains("17:00–22:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Analytic_BadScenario_Exit2()
    {
        var (exit, _, err) = CliRunner.Run("analytic", CliRunner.Scenario("mmc.yaml"), "--set", "staffing.shifts.0.officers=x");
        Assert.Equal(2, exit);
        Assert.Contains("staffing.shifts[0].officers: must be a number, not 'x'", err, StringComparison.Ordinal);
    }
}
