using System.Text.Json;
using PatrolSim.Experiments.Sweeps;

namespace PatrolSim.Cli.Tests;

/// <summary>End to end through the command line: a saltelli sweep to Parquet, then patrolsim sensitivity --json.</summary>
public sealed class SensitivityCommandTests : IDisposable
{
    private readonly string _dir = CliRunner.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private static string N(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void SaltelliSweep_ToParquet_ThenSensitivityJson_GivesStaffingANonZeroTotalIndex_AndTheInertKeyZero()
    {
        File.WriteAllText(P("saltelli.yaml"), $$"""
            base: {{CliRunner.Scenario("classroom-small-town.yaml")}}
            days: 4
            design: { kind: saltelli, samples: 8 }
            ranges:
              staffing.scale: [0.5, 1.5]
              targets.responseMinutes.3: [20, 40]
            replications: 2
            metrics: [responseTime.mean, queueDelay.mean, utilization]
            """);

        var sweep = CliRunner.Run("sweep", P("saltelli.yaml"), "--out", P("out"), "--format", "parquet", "-p", "2");

        Assert.Equal(0, sweep.Exit);
        Assert.Equal($"64 jobs done (0 already done, 64 run) -> {P("out")}: results.parquet, sweep.json\n", N(sweep.Out));
        Assert.StartsWith("sweep saltelli.yaml: 32 points × 2 replications = 64 jobs\n", N(sweep.Err), StringComparison.Ordinal);
        Assert.Equal(64, ParquetResults.RowCount(P("out/results.parquet")));

        var sens = CliRunner.Run("sensitivity", P("out"), "--json", P("s.json"));

        Assert.Equal(0, sens.Exit);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(P("s.json")));
        var parameters = doc.RootElement.GetProperty("metrics").GetProperty("responseTime.mean").GetProperty("parameters");
        var staffing = parameters.GetProperty("staffing.scale").GetProperty("total");
        var inert = parameters.GetProperty("targets.responseMinutes.3").GetProperty("total");

        // Halving or doubling the officers moves response times far more than replication noise: the interval excludes 0.
        Assert.True(staffing.GetProperty("lo").GetDouble() > 0, staffing.ToString());

        // The response target changes no call: under common random numbers its AB_i points repeat the A points exactly.
        Assert.Equal([0.0, 0.0, 0.0], new[] { "estimate", "lo", "hi" }.Select(k => inert.GetProperty(k).GetDouble()));
        Assert.Equal("saltelli", doc.RootElement.GetProperty("design").GetProperty("kind").GetString());
        Assert.Contains("targets.responseMinutes.3", sens.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitivity_OfAGridSweep_ExitsWith2_NamingTheDesignsItNeeds()
    {
        File.WriteAllText(P("grid.yaml"), $"base: {CliRunner.Scenario("classroom-small-town.yaml")}\ndays: 2\ngrid:\n  staffing.scale: [1, 1.2]\nreplications: 2\nmetrics: [utilization]\n");
        Assert.Equal(0, CliRunner.Run("sweep", P("grid.yaml"), "--out", P("g")).Exit);

        var (exit, _, err) = CliRunner.Run("sensitivity", P("g"));

        Assert.Equal(2, exit);
        Assert.StartsWith($"patrolsim: {P("g")}: is a grid sweep; sensitivity needs design kind saltelli", N(err), StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeSweep_ExitsWith2AtOnce_NamingTheCountAndTheOption_AndMaxJobsRaisesTheLimit()
    {
        string values = "[" + string.Join(", ", Enumerable.Range(1, 1000).Select(i => (i / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        File.WriteAllText(P("huge.yaml"), $"base: {CliRunner.Scenario("classroom-small-town.yaml")}\nreplications: 100\ngrid:\n  staffing.scale: {values}\n  demand.multiplier: {values}\n");

        var (exit, output, err) = CliRunner.Run("sweep", P("huge.yaml"), "--out", P("h"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"patrolsim: {P("huge.yaml")}: 100,000,000 jobs (1,000,000 points × 100 replications) is more than the limit of 10,000,000; shrink the sweep, or raise the limit with --max-jobs 100000000 if you mean it\n", N(err));
        Assert.False(Directory.Exists(P("h")));

        var small = CliRunner.Run("sweep", P("huge.yaml"), "--out", P("h"), "--max-jobs", "5");
        Assert.Equal(2, small.Exit);
        Assert.Contains("is more than the limit of 5;", small.Err, StringComparison.Ordinal);
    }
}
