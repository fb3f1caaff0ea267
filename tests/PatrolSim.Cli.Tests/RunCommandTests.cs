using System.Text.Json;

namespace PatrolSim.Cli.Tests;

public class RunCommandTests
{
    [Fact]
    public void Run_MmcScenario_40Replications_CIsContainErlangC()
    {
        string dir = CliRunner.TempDir();
        string json = Path.Combine(dir, "out.json");
        var (exit, output, err) = CliRunner.Run("run", CliRunner.Scenario("mmc.yaml"), "--replications", "40", "--seed", "1", "--json", json);
        Assert.True(exit == 0, err);
        Assert.Contains("M/M/10 at 80% utilisation", output, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(40, root.GetProperty("replications").GetInt32());
        Assert.Equal(1UL, root.GetProperty("seed").GetUInt64());
        var m = root.GetProperty("metrics");
        double pWait = PatrolSim.Analytic.ErlangFormulas.ErlangC(8, 10);
        double wait = pWait / ((10 * 2.0) - 16) * 60; // minutes: C / (c·mu − lambda), mu = 2/h, lambda = 16/h
        Assert.Equal(0.40918, pWait, 5);
        Assert.Equal(6.138, wait, 3);
        AssertInside(m.GetProperty("probDelayed"), pWait);
        AssertInside(m.GetProperty("queueDelay.mean"), wait);
        AssertInside(root.GetProperty("byPriority").GetProperty("1").GetProperty("queueDelay.mean"), wait);
    }

    private static void AssertInside(JsonElement metric, double value)
    {
        double low = metric.GetProperty("ci95Low").GetDouble(), high = metric.GetProperty("ci95High").GetDouble();
        Assert.True(low <= value && value <= high, $"{value} outside [{low}, {high}]");
    }

    [Fact]
    public void Run_CsvFormatLong_HoldsTheWideCells_OneRowPerReplicationAndMetric_WithUnits()
    {
        string dir = CliRunner.TempDir();
        string wide = Path.Combine(dir, "wide.csv"), tidy = Path.Combine(dir, "long.csv");
        string[] common = ["run", CliRunner.Scenario("midsize-baseline.yaml"), "-r", "2", "--days", "3", "--seed", "5"];
        Assert.Equal(0, CliRunner.Run([.. common, "--csv", wide]).Exit);
        Assert.Equal(0, CliRunner.Run([.. common, "--csv", tidy, "--csv-format", "long"]).Exit);

        // Cells split at commas outside quotes (the unit "per 1,000 calls" is quoted).
        static string[] Cells(string line) =>
            System.Text.RegularExpressions.Regex.Split(line, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)").Select(c => c.Trim('"')).ToArray();
        var w = File.ReadAllLines(wide).Select(Cells).ToArray();
        var l = File.ReadAllLines(tidy).Select(Cells).ToArray();
        Assert.Equal(["replication", "seed", "metric", "unit", "value"], l[0]);
        Assert.Contains("responseTime.mean@1", w[0]); // the one naming scheme: name@P, as in sweep files and results.csv
        var expected = w.Skip(1).SelectMany(row => w[0].Skip(2).Select((metric, k) => (row[0], row[1], metric, row[2 + k]))).ToArray();
        Assert.Equal(expected, l.Skip(1).Select(r => (r[0], r[1], r[2], r[4])));
        Assert.Equal("min", l.Single(r => r[0] == "0" && r[2] == "responseTime.mean@1")[3]);
        Assert.Equal("share", l.Single(r => r[0] == "1" && r[2] == "utilization")[3]);
        Assert.Equal("per 1,000 calls", l.Single(r => r[0] == "1" && r[2] == "soloExposureIndex")[3]);
    }

    [Fact]
    public void Run_SameSeed_SameBytes_AtOneAndManyThreads()
    {
        string dir = CliRunner.TempDir();
        string[] Files(string tag, string parallel)
        {
            var (exit, _, err) = CliRunner.Run("run", CliRunner.Scenario("midsize-baseline.yaml"), "--days", "4", "-r", "6", "--seed", "9",
                "--parallel", parallel, "--json", Path.Combine(dir, tag + ".json"), "--csv", Path.Combine(dir, tag + ".csv"));
            Assert.True(exit == 0, err);
            return [File.ReadAllText(Path.Combine(dir, tag + ".json")), File.ReadAllText(Path.Combine(dir, tag + ".csv"))];
        }

        var one = Files("one", "1");
        var four = Files("four", "4");
        Assert.Equal(one[0], four[0]);
        Assert.Equal(one[1], four[1]);
        Assert.Equal(7, one[1].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Run_Trace_WritesOneRowPerEvent()
    {
        string dir = CliRunner.TempDir();
        string trace = Path.Combine(dir, "trace.csv");
        var (exit, _, err) = CliRunner.Run("run", CliRunner.Scenario("policy-paired-36h.yaml"), "--days", "14", "-r", "2", "--trace", trace);
        Assert.True(exit == 0, err);
        var lines = File.ReadAllLines(trace);
        Assert.Equal("timeMinutes,kind,call,unit,detail,x,y,toX,toY", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("15480,policy-start,,,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("17640,policy-end,,,", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_MalformedScenario_ListsEveryProblem_Exit2_NoStackTrace()
    {
        string dir = CliRunner.TempDir();
        string file = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(file, File.ReadAllText(CliRunner.Scenario("midsize-baseline.yaml"))
            .Replace("rule: risk,", "rule: risky,", StringComparison.Ordinal)
            .Replace("callsPerDay: 288", "callsPerDay: -5", StringComparison.Ordinal)
            .Replace("detour: 1.4", "detuor: 1.4", StringComparison.Ordinal));
        var (exit, output, err) = CliRunner.Run("run", file);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string[] lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            $"{file}:24:16: demand.callsPerDay: is -5; it must be greater than 0 and at most 1000000; the mean number of calls for service per day",
            $"{file}:51:3: travel.detuor: unknown key (did you mean 'detour'?); allowed here: model, detour, turnoutMinutes, noiseCv, speedKmh, distance, accelerationMps2, hourFactors, delayMinutes, atSceneShare, matrix",
            $"{file}:62:19: policy.backup.rule: 'risky' is not allowed; use one of none, risk, all-calls (did you mean 'risk'?)",
            "3 problems; nothing was simulated.",
        ], lines);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "run", "scenarios/none.yaml" }, "patrolsim: scenarios/none.yaml: scenario file not found; give the path of a YAML scenario, e.g. scenarios/midsize-baseline.yaml")]
    [InlineData(new[] { "run", "x.yaml", "--replications", "0" }, "patrolsim: --replications: '0' must be a whole number from 1 to 100000")]
    [InlineData(new[] { "run", "x.yaml", "--days", "-1" }, "patrolsim: --days: '-1' must be a number of days greater than 0 and at most 36525")]
    [InlineData(new[] { "run", "x.yaml", "--bogus" }, "patrolsim: Unrecognized command or argument '--bogus'.")]
    public void Run_BadArguments_Exit2_WithMessage(string[] args, string expected)
    {
        var (exit, _, err) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Equal(expected, err.Split('\n')[0]);
    }

    [Fact]
    public void Validate_GoodAndBadFiles()
    {
        var (exit, output, _) = CliRunner.Run("validate", CliRunner.Scenario("midsize-baseline.yaml"));
        Assert.Equal(0, exit);
        Assert.Contains(": valid: \"Mid-size city, solo cars, backup for risky calls\", 30 days, 15 zones, 15 call types, 3 shifts (68 officer-shifts a day)", output, StringComparison.Ordinal);

        var (badExit, _, err) = CliRunner.Run("validate", CliRunner.Scenario("midsize-baseline.yaml"), "--set", "staffing.shifts.day.officers=-1");
        Assert.Equal(2, badExit);
        Assert.Contains("staffing.shifts[0].officers: is -1; it must be between 0 and 100000 (from --set staffing.shifts.day.officers=-1)", err, StringComparison.Ordinal);
    }
}
