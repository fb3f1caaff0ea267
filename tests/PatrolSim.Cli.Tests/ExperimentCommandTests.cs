using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PatrolSim.Cli.Tests;

/// <summary>End-to-end tests of compare, sweep, merge and staff through the real command line.</summary>
public sealed class ExperimentCommandTests : IDisposable
{
    private const string City = TinyScenarios.SmallCity;

    private readonly string _dir;

    public ExperimentCommandTests()
    {
        _dir = Path.Combine(Path.GetTempPath(), "patrolsim-cli-" + Path.GetRandomFileName());
        Directory.CreateDirectory(_dir);
        Write("city.yaml", City);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private string P(string name) => Path.Combine(_dir, name);

    private string Write(string name, string text)
    {
        File.WriteAllText(P(name), text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return P(name);
    }

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        int code = CliApp.Run(args, o, e, interactive: false);
        return (code, o.ToString(), e.ToString());
    }

    private static Dictionary<string, byte[]> Outputs(string dir) =>
        new[] { "results.csv", "summary.csv", "sweep.json" }.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(dir, f)));

    [Fact]
    public void Compare_PrintsPairedDifferencesAndAVerdict_AndWritesJsonAndCsv()
    {
        var (code, output, err) = Cli("compare", P("city.yaml"), "--variant", "paired:policy.crew.twoOfficerShare=1", "-r", "5", "--seed", "3",
            "--json", P("c.json"), "--csv", P("c.csv"));

        Assert.True(code == 0, err);
        output = output.Replace(";\n  ", "; ", StringComparison.Ordinal); // a verdict longer than the console wraps between phrases
        Assert.Contains("Δ paired", output, StringComparison.Ordinal);
        Assert.Matches(@"paired vs base: P1 response [+−]\d+\.\d min \[[+−]?\d+\.\d, [+−]?\d+\.\d\]", output);
        // Pairs (the odd night officer rides alone); with 5 replications and Holm's adjustment over every metric, the drop
        // at high-risk calls may not be significant.
        Assert.Matches(@"; alone at high-risk calls −\d+%( \(n\.s\.\))?; .*; solo patrol hours −\d+%;", output);
        Assert.Contains("* when pHolm < 0.05; pHolm: the paired-t p-value adjusted by Holm's method; over the 74 metrics of --json/--csv, each variant separately; (n.s.) otherwise;", output, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(File.ReadAllBytes(P("c.json")));
        var solo = json.RootElement.GetProperty("metrics").GetProperty("soloExposureIndex");
        Assert.Equal("base", json.RootElement.GetProperty("reference").GetString());
        Assert.True(solo.GetProperty("values").GetProperty("paired").GetProperty("mean").GetDouble() < solo.GetProperty("values").GetProperty("base").GetProperty("mean").GetDouble());
        var diff = solo.GetProperty("pairedDifferences").GetProperty("paired");
        Assert.True(diff.GetProperty("significant").GetBoolean());
        Assert.Equal(2, json.RootElement.GetProperty("schemaVersion").GetInt32());
        double p = diff.GetProperty("p").GetDouble();
        double pHolm = diff.GetProperty("pHolm").GetDouble();
        Assert.InRange(p, 0, 0.05);
        Assert.InRange(pHolm, p, 0.05); // Holm only raises a p-value, and the mark follows it
        Assert.False(json.RootElement.GetProperty("metrics").GetProperty("callsArrived").GetProperty("values").GetProperty("base").TryGetProperty("pooled", out _));
        var p90 = json.RootElement.GetProperty("metrics").GetProperty("responseTime.p90");
        Assert.StartsWith("mean over replications of each replication's 90th percentile", p90.GetProperty("statistic").GetString(), StringComparison.Ordinal);
        Assert.True(p90.GetProperty("values").GetProperty("base").GetProperty("pooled").GetDouble() > 0);
        Assert.Equal(
            solo.GetProperty("values").GetProperty("paired").GetProperty("mean").GetDouble() - solo.GetProperty("values").GetProperty("base").GetProperty("mean").GetDouble(),
            diff.GetProperty("mean").GetDouble(), 9);

        var csv = File.ReadAllLines(P("c.csv"));
        Assert.Equal("metric,unit,variant,mean,ci95Low,ci95High,diffMean,diffCi95Low,diffCi95High,significant,n,diffN,p,pHolm,pooled", csv[0]);
        Assert.StartsWith("responseTime.mean,min,base,", csv[1], StringComparison.Ordinal);
        Assert.EndsWith(",,,,,5,,,,", csv[1], StringComparison.Ordinal);
        var soloRow = csv.Single(l => l.StartsWith("soloExposureIndex,per 1,000 calls,paired,", StringComparison.Ordinal) || l.StartsWith("soloExposureIndex,\"per 1,000 calls\",paired,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(pHolm, double.Parse(soloRow[^2], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(p, double.Parse(soloRow[^3], System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(120)]
    public void Compare_FiveVariants_FitTheConsoleWidth(int width)
    {
        string[] variants = ["paired:policy.crew.twoOfficerShare=1", "half-paired:policy.crew.twoOfficerShare=0.5", "two-cars:policy.backup.rule=all-calls",
            "no-backup:policy.backup.rule=none"];
        var (code, output, err) = CliRunner.RunWithWidth(width, ["compare", P("city.yaml"), .. variants.SelectMany(v => new[] { "--variant", v }), "-r", "3", "--days", "3"]);

        Assert.True(code == 0, err);
        var lines = output.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));

        // Every variant's mean and its difference to the reference are there, each metric's row intact (not wrapped).
        Assert.All(["base", "paired", "half-paired", "two-cars", "no-backup"], v => Assert.Contains(v, output, StringComparison.Ordinal));
        Assert.All(["Δ paired", "Δ half-paired", "Δ two-cars", "Δ no-backup"], v => Assert.Contains(v, output, StringComparison.Ordinal));
        Assert.Equal(5, lines.Count(l => l.StartsWith("│ soloPatrolHoursPerDay ", StringComparison.Ordinal)));
        Assert.Equal(4, lines.Count(l => l.Contains(" vs base: P1 response ", StringComparison.Ordinal)));
    }

    [Fact]
    public void WrapPhrases_BreaksAfterASemicolon_AndIndentsTheRest()
    {
        Assert.Equal(["a vs b: one; two;", "  three"], ConsoleTables.WrapPhrases("a vs b: one; two; three", 18));
        Assert.Equal(["a vs b: one; two; three"], ConsoleTables.WrapPhrases("a vs b: one; two; three", 23));
        Assert.Equal(["a very long phrase;", "  x"], ConsoleTables.WrapPhrases("a very long phrase; x", 5));
    }

    [Fact]
    public void Compare_SameInputs_GiveTheSameJsonBytes_AtAnyParallelism()
    {
        Assert.Equal(0, Cli("compare", P("city.yaml"), "-v", "two:policy.backup.rule=all-calls", "-r", "4", "-p", "1", "--json", P("a.json")).Code);
        Assert.Equal(0, Cli("compare", P("city.yaml"), "-v", "two:policy.backup.rule=all-calls", "-r", "4", "-p", "3", "--json", P("b.json")).Code);
        Assert.Equal(File.ReadAllBytes(P("a.json")), File.ReadAllBytes(P("b.json")));
    }

    [Theory]
    [InlineData("paired", "patrolsim: --variant 'paired' must look like NAME:key=value[,key=value] with a name of letters, digits, '-' or '_', e.g. --variant paired:policy.crew.twoOfficerShare=1")]
    [InlineData("a b:x=1", "patrolsim: --variant 'a b:x=1' must look like NAME:key=value[,key=value] with a name of letters, digits, '-' or '_', e.g. --variant paired:policy.crew.twoOfficerShare=1")]
    [InlineData("base:policy.crew.twoOfficerShare=1", "patrolsim: --variant 'base:policy.crew.twoOfficerShare=1': the name 'base' is used twice; give each variant its own name")]
    public void Compare_BadVariants_GetClearErrors(string variant, string message)
    {
        var (code, _, err) = Cli("compare", P("city.yaml"), "--variant", variant);
        Assert.Equal(2, code);
        Assert.Equal(message + "\n", err.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_ComparisonFile_RunsItsVariants()
    {
        Write("cmp.yaml", """
            base: city.yaml
            replications: 3
            variants:
              - { name: solo }
              - { name: paired, set: { policy.crew.twoOfficerShare: 1 } }
            """);

        var (code, output, err) = Cli("compare", P("cmp.yaml"));

        Assert.True(code == 0, err);
        Assert.Contains("3 replications each", output, StringComparison.Ordinal);
        Assert.Contains("paired vs solo:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_BadTargets_AreAllReported_AndNothingRuns()
    {
        var (code, output, err) = Cli("staff", P("city.yaml"), "--target", "responseTim.p90@1 <= 10", "--target", "withinTarget = 0.9");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(
            "patrolsim: --target 'responseTim.p90@1 <= 10': unknown metric 'responseTim.p90' (did you mean 'responseTime.p90'?); see 'patrolsim run' output or docs/sweeps.md for the names\n" +
            "patrolsim: --target 'withinTarget = 0.9' must look like \"METRIC[@PRIORITY] <= VALUE\" or \">= VALUE\", e.g. --target \"responseTime.p90@1 <= 10\"\n",
            err.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Staff_OtherKeysNeedARange()
    {
        var (code, _, err) = Cli("staff", P("city.yaml"), "--target", "queueDelay.mean <= 1", "--vary", "staffing.shifts.day.officers");
        Assert.Equal(2, code);
        Assert.Equal("patrolsim: --vary staffing.shifts.day.officers: give --min and --max (the range of levels to search), e.g. --min 10 --max 40\n", err.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Staff_PrintsTheChosenLevelAndTheNextOneDown()
    {
        var (code, output, err) = Cli("staff", P("city.yaml"), "--target", "responseTime.mean@1 <= 8", "--min", "0.5", "--max", "2", "--step", "0.25", "-r", "4");

        Assert.True(code == 0, err);
        Assert.Matches(@"Smallest staffing\.scale meeting every target: (0\.75|1|1\.25|1\.5|1\.75|2)", output);
        Assert.Contains("(chosen)", output, StringComparison.Ordinal);
        Assert.Contains("(next down)", output, StringComparison.Ordinal);
        Assert.Matches(@"Confirmation of staffing\.scale = [\d.]+ on 12 fresh replications \(replications 4 to 15 of seed 1; the search used replications below 4\):", output);
        Assert.Matches(@"confirming staffing\.scale = [\d.]+ on 12 fresh replications", err);
    }

    [Fact]
    public void StaffPerShift_PrintsTheRosterAndEachShiftOneFewer()
    {
        var (code, output, err) = Cli("staff", P("city.yaml"), "--per-shift", "--target", "responseTime.mean@1 <= 8", "-r", "4", "--set", "horizon.days=2");

        Assert.True(code == 0, err);
        Assert.Matches(@"│ day +│ 06:00 │ +12 │ +\d+ │ +0 │ +\d+ │ +4 │", output);
        Assert.Matches(@"│ night +│ 18:00 │ +12 │ +\d+ │ +0 │ +\d+ │ +3 │", output);
        Assert.Matches(@"Fewest officers per shift meeting every target: \d+ officer-shifts a day \((\d+) officer-hours\), (\d+\.\d)( ± \d+\.\d)? FTEs to employ; the scenario has 7\.", output);
        // FTEs: the roster's officer-hours a day × 365, plus overtime (at most a few officer-hours a day here), over 1,698 hours each.
        double hours = double.Parse(Regex.Match(output, @"\((\d+) officer-hours\)").Groups[1].Value, CultureInfo.InvariantCulture);
        double fte = double.Parse(Regex.Match(output, @"(\d+\.\d)( ± \d+\.\d)? FTEs to employ").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(fte, (hours * 365 / 1698) - 0.05, ((hours + 6) * 365 / 1698) + 0.05);
        Assert.Contains("refined with 12, the answer confirmed on 12 fresh ones", output, StringComparison.Ordinal);
        Assert.Matches(@"Confirmation of the answer on 12 fresh replications \(replications 12 to 23 of seed \d+; the search used replications below 12\):", output);
        Assert.Matches(@"│ responseTime\.mean@1 <= 8 +│ +[\d.]+ ± [\d.]+ \(bound [\d.]+\) │ (yes|no) +│ +\d+% │", output);
        Assert.Contains("day −1", output, StringComparison.Ordinal);
        Assert.Contains("night −1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void StaffPerShift_WhenNoRosterMeetsTheTargets_ExitsWithOne()
    {
        var (code, output, _) = Cli("staff", P("city.yaml"), "--per-shift", "--target", "utilization >= 0.99", "-r", "2", "--set", "horizon.days=1");

        Assert.Equal(1, code);
        Assert.Contains("No roster up to about 4.8 times the scenario's officers meets every target (7 officer-shifts a day scaled); relax a target or check the scenario's demand.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void StaffPerShift_LevelOptionsAndBadCountsAreAllReported_AndNothingRuns()
    {
        var (code, output, err) = Cli("staff", P("city.yaml"), "--per-shift", "--target", "queueDelay.mean <= 1", "--vary", "staffing.scale", "--min", "1",
            "-r", "5", "--confirm-replications", "4", "--max-evaluations", "0");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(
            "patrolsim: --vary cannot be combined with --per-shift: the search varies each shift's officers itself\n" +
            "patrolsim: --min cannot be combined with --per-shift: the search varies each shift's officers itself\n" +
            "patrolsim: --confirm-replications 4 must be at least --replications 5: the answer is confirmed with more replications, not fewer\n" +
            "patrolsim: --max-evaluations 0 must be at least 1\n",
            err.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private string SweepFile(int replications) => Write("sweep.yaml", $"""
        base: city.yaml
        days: 6
        grid:
          policy.crew.twoOfficerShare: [0, 0.5, 1]
          staffing.scale: [1, 1.5]
        replications: {replications}
        seed: 11
        metrics: [responseTime.mean, responseTime.mean@1, soloExposureIndex, utilization]
        """);

    [Fact]
    public void SweepShardsAndMerge_ThroughTheCli_EqualTheUnshardedRun()
    {
        SweepFile(5);
        Assert.Equal(0, Cli("sweep", P("sweep.yaml"), "--out", P("all"), "-p", "2").Code);
        for (int k = 1; k <= 2; k++)
        {
            var (code, output, _) = Cli("sweep", P("sweep.yaml"), "--out", P($"s{k}"), "--shard", $"{k}/2", "-p", "2");
            Assert.Equal(0, code);
            Assert.Contains("merge the shards for summary.csv", output, StringComparison.Ordinal);
        }

        var merged = Cli("merge", P("s2"), P("s1"), "--out", P("merged"));

        Assert.Equal(0, merged.Code);
        Assert.Equal($"merged 2 shards, 30 jobs -> {P("merged")}: results.csv, summary.csv, sweep.json\n", merged.Out.Replace("\r\n", "\n", StringComparison.Ordinal));
        var all = Outputs(P("all"));
        foreach (var (name, bytes) in Outputs(P("merged")))
        {
            Assert.Equal(all[name], bytes);
        }
    }

    [Fact]
    public void Sweep_BadFile_ReportsEveryProblem_WithExitCode2()
    {
        Write("bad.yaml", "base: city.yaml\ngrid: { staffing.scale: [0, 1] }\nreplications: 1\n");

        var (code, _, err) = Cli("sweep", P("bad.yaml"), "--out", P("o"));

        Assert.Equal(2, code);
        Assert.Equal(
            $"{P("bad.yaml")}:3:15: replications: is 1; it must be between 2 and 100000\n" +
            $"{P("bad.yaml")}: point 0 (staffing.scale=0): city.yaml: staffing.scale: is 0; it must be greater than 0 and at most 100 (from staffing.scale=0)\n" +
            "2 problems; nothing was simulated.\n",
            err.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.False(Directory.Exists(P("o")));
    }

    /// <summary>
    /// Starts a sweep and waits, without a clock, until it has written its "running" manifest (it registers its SIGTERM
    /// handler before that) or has exited. The watcher is armed before the process starts, so the event cannot be missed.
    /// </summary>
    private static Process StartAndWaitUntilRunning(string outDir, params string[] args)
    {
        Directory.CreateDirectory(outDir);
        using var manifest = new FileSystemWatcher(outDir, "sweep.json") { NotifyFilter = NotifyFilters.FileName };
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        manifest.Created += (_, _) => written.TrySetResult();
        manifest.Renamed += (_, _) => written.TrySetResult();
        manifest.EnableRaisingEvents = true;
        var process = CliRunner.Start(args);
        Task.WaitAny(written.Task, process.WaitForExitAsync());
        if (process.HasExited)
        {
            Assert.Fail("the sweep ended before it wrote its manifest: " + process.StandardError.ReadToEnd());
        }

        return process;
    }

    [Fact]
    public void Sweep_KilledPartWay_ThenResumed_EqualsAnUninterruptedRun()
    {
        // What a kill leaves on disk, built exactly: the "running" manifest and results.csv cut in the middle of a row.
        SweepFile(60); // 360 jobs
        Assert.Equal(0, Cli("sweep", P("sweep.yaml"), "--out", P("whole"), "-p", "2").Code);
        var lines = File.ReadAllLines(P("whole/results.csv"));
        string half = lines[21][..(lines[21].Length / 2)];
        Directory.CreateDirectory(P("killed"));
        File.WriteAllText(P("killed/results.csv"), string.Join("\n", lines.Take(21)) + "\n" + half);
        string manifest = File.ReadAllText(P("whole/sweep.json"));
        Assert.Contains("\"status\": \"complete\"", manifest, StringComparison.Ordinal);
        File.WriteAllText(P("killed/sweep.json"), manifest.Replace("\"status\": \"complete\"", "\"status\": \"running\"", StringComparison.Ordinal));

        var (code, output, err) = Cli("sweep", P("sweep.yaml"), "--out", P("killed"), "--resume", "-p", "3");

        Assert.True(code == 0, err);
        Assert.StartsWith("360 jobs done (20 already done, 340 run)", output, StringComparison.Ordinal);
        Assert.Contains($"resume: removed a damaged or half-written tail of {half.Length} bytes from results.csv", err, StringComparison.Ordinal);
        var whole = Outputs(P("whole"));
        foreach (var (name, bytes) in Outputs(P("killed")))
        {
            Assert.Equal(whole[name], bytes);
        }
    }

    [Fact]
    public void Sweep_Terminated_ExitsWith130_WithEveryFinishedJobOnDisk_AndHowToResume()
    {
        // 3,600 jobs: far more than can finish between the manifest appearing and the signal arriving. (That a resumed
        // sweep equals an uninterrupted one is the test above.)
        SweepFile(600);
        string err;
        using (var process = StartAndWaitUntilRunning(P("stopped"), "sweep", P("sweep.yaml"), "--out", P("stopped"), "-p", "1"))
        {
            CliRunner.Terminate(process);

            err = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(130, process.ExitCode);
        }

        var rows = File.ReadAllText(P("stopped/results.csv")).Split('\n');
        Assert.Equal("", rows[^1]); // ends with a whole row
        int done = rows.Length - 2;   // less the header and the empty tail
        Assert.All(rows[1..^1], r => Assert.Equal(rows[0].Count(c => c == ','), r.Count(c => c == ',')));
        Assert.Contains($"patrolsim: interrupted after {done} of 3600 jobs; {Path.Combine(P("stopped"), "results.csv")} holds every finished job. " +
            $"Continue with: patrolsim sweep {P("sweep.yaml")} --out {P("stopped")} --resume", err, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"running\"", File.ReadAllText(P("stopped/sweep.json")), StringComparison.Ordinal);
    }
}
