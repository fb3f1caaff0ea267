using System.Text.Json;

namespace PatrolSim.Cli.Tests;

/// <summary>Issue 25 through the command line: precision on request, n where fewer replications, pooled quantiles, whole weeks.</summary>
public class StatisticsOutputTests
{
    [Fact]
    public void Precision_RunsUntilReached_SaysHowMany_AndGivesTheSameBytesForAnyThreadCount()
    {
        string dir = CliRunner.TempDir();
        string[] args = ["run", CliRunner.Scenario("mmc.yaml"), "--days", "6", "-r", "5", "--precision", "queueDelay.mean=0.1", "--max-replications", "200"];
        var (exit, output, err) = CliRunner.Run([.. args, "-p", "2", "--json", Path.Combine(dir, "a.json")]);
        Assert.True(exit == 0, err);
        Assert.Matches(@"Precision reached after (\d+) replications \(batches of 5, at most 200\): queueDelay\.mean ±\d\.\d% of its mean \(asked ±10\.0%\)\.", output);

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "a.json")));
        var precision = doc.RootElement.GetProperty("precision");
        int n = precision.GetProperty("replications").GetInt32();
        Assert.Equal(n, doc.RootElement.GetProperty("replications").GetInt32());
        Assert.True(precision.GetProperty("reached").GetBoolean());
        Assert.Equal(5, precision.GetProperty("batch").GetInt32());
        var target = precision.GetProperty("targets")[0];
        Assert.Equal("queueDelay.mean", target.GetProperty("metric").GetString());
        Assert.True(target.GetProperty("achieved").GetDouble() <= 0.1);

        // The stopping rule reads replications in index order: one thread gives the same file.
        Assert.Equal(0, CliRunner.Run([.. args, "-p", "1", "--json", Path.Combine(dir, "b.json")]).Exit);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a.json")), File.ReadAllBytes(Path.Combine(dir, "b.json")));
    }

    [Theory]
    [InlineData(new[] { "--max-replications", "50" }, "patrolsim: --max-replications applies only with --precision (it caps the replications added to reach a precision); drop it, or add --precision METRIC=RELATIVE")]
    [InlineData(new[] { "--precision", "queueDelay.mean=0.1", "-r", "20", "--max-replications", "10" }, "patrolsim: --max-replications 10 must be at least --replications 20 (the first batch)")]
    [InlineData(new[] { "--precision", "queueDelay.mean=0.1", "-r", "1" }, "patrolsim: --precision needs --replications of at least 2 (the first batch, and each batch after it), not 1; Law advises 10 or more")]
    public void Precision_OptionsThatCannotWork_AreRefused(string[] extra, string message)
    {
        var (exit, _, err) = CliRunner.Run(["run", CliRunner.Scenario("mmc.yaml"), "--days", "3", .. extra]);
        Assert.Equal(2, exit);
        Assert.Equal(message + "\n", err);
    }

    [Fact]
    public void Precision_BadValue_IsAParseErrorNamingTheFix()
    {
        var (exit, _, err) = CliRunner.Run("run", CliRunner.Scenario("mmc.yaml"), "--precision", "queueDelay.mean=5");
        Assert.Equal(2, exit);
        Assert.Contains("--precision 'queueDelay.mean=5': '5' must be a relative half-width greater than 0 and less than 1, e.g. 0.02 for ±2% of the mean", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesOnFewerReplications_SayN_InTheTableAndTheJson()
    {
        // The small city with priority 1 made rare (2% of 90 calls a day) over one measured day: some replications have none.
        string dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "city.yaml"), TinyScenarios.SmallCity);
        string json = Path.Combine(dir, "rare.json");
        var (exit, output, err) = CliRunner.Run("run", Path.Combine(dir, "city.yaml"), "-r", "8", "--seed", "4", "--json", json,
            "--set", "demand.callTypes.0.share=0.02", "--set", "demand.callTypes.1.share=0.98", "--set", "horizon.days=1.5");
        Assert.True(exit == 0, err);

        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var p1 = doc.RootElement.GetProperty("byPriority").GetProperty("1").GetProperty("responseTime.mean");
        int n = p1.GetProperty("n").GetInt32();
        Assert.InRange(n, 1, 7); // a priority-1 call in some replications, not all (seed 4)
        Assert.Equal(8, doc.RootElement.GetProperty("metrics").GetProperty("responseTime.mean").GetProperty("n").GetInt32());
        Assert.Contains($"(n={n})", output, StringComparison.Ordinal);
        Assert.Contains("(n=K): the value rests on the K replications where the metric applies (it has no value in the others).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RunOutputs_SayMeasuredDays_WholeWeeks_AndWhichQuantileIsWhich()
    {
        string dir = CliRunner.TempDir();
        string json = Path.Combine(dir, "m.json");
        var (exit, output, err) = CliRunner.Run("run", CliRunner.Scenario("midsize-baseline.yaml"), "-r", "2", "--days", "12", "--json", json);
        Assert.True(exit == 0, err);
        Assert.Contains("12 days (2 warm-up, 10 measured), 2 replications", output, StringComparison.Ordinal);
        Assert.Matches(@"│ responseTime\.p90 pooled +│ min +│ +\d+\.\d\d │", output);
        Assert.Contains("p50, p90: mean over replications of each replication's quantile ± 95% CI; pooled: the quantile of all replications' calls together (no interval).", output, StringComparison.Ordinal);
        Assert.Contains("warning: the measured period is 10 days (horizon.days 12 less 2 warm-up days), not whole weeks", output, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        var root = doc.RootElement;
        Assert.Equal(10, root.GetProperty("scenario").GetProperty("measuredDays").GetDouble());
        Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("the measured period is 10 days", StringComparison.Ordinal));
        var p90 = root.GetProperty("metrics").GetProperty("responseTime.p90");
        Assert.Equal("mean over replications of each replication's 90th percentile; pooled: the 90th percentile of all replications' calls", p90.GetProperty("statistic").GetString());
        Assert.True(p90.GetProperty("pooled").GetDouble() > 0);
        Assert.False(root.GetProperty("metrics").GetProperty("responseTime.mean").TryGetProperty("pooled", out _));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("warmupCheck").ValueKind); // 12 days: too short for MSER-5's four batches of 5
    }

    [Fact]
    public void Compare_SaysMeasuredDays_AndWarnsOnceOfAPartWeekEveryVariantShares_AndByNameOfAWarningOnlySomeHave()
    {
        // 12 days, 2 of warm-up: 10 measured under the mid-size city's weekly profile, a warning every variant shares.
        // Everyone paired with 21 officers on the day shift (the file has 22): only that variant warns of a lone officer.
        var (exit, output, err) = CliRunner.Run("compare", CliRunner.Scenario("midsize-baseline.yaml"), "--days", "12", "-r", "2",
            "--variant", "paired:policy.crew.twoOfficerShare=1,staffing.shifts.0.officers=21");
        Assert.True(exit == 0, err);
        Assert.Contains("2 variants, 12 days (2 warm-up, 10 measured), 2 replications each", output, StringComparison.Ordinal);
        string partWeek = "warning: the measured period is 10 days (horizon.days 12 less 2 warm-up days), not whole weeks";
        Assert.Single(output.Split('\n'), l => l.StartsWith(partWeek, StringComparison.Ordinal));
        Assert.Contains("warning: paired: shift 'day' has 21 officers: with every officer paired, one officer rides alone", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: base: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BundledWeeklyScenario_MeasuresWholeWeeks_InItsJson()
    {
        string dir = CliRunner.TempDir();
        string json = Path.Combine(dir, "m.json");
        var (exit, _, err) = CliRunner.Run("run", CliRunner.Scenario("midsize-baseline.yaml"), "-r", "2", "--json", json);
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.Equal(28, doc.RootElement.GetProperty("scenario").GetProperty("measuredDays").GetDouble());
        var check = doc.RootElement.GetProperty("warmupCheck");
        Assert.False(check.GetProperty("warmupTooShort").GetBoolean());
        Assert.Empty(doc.RootElement.GetProperty("warnings").EnumerateArray());
    }
}
