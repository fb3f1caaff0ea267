namespace PatrolSim.Cli.Tests;

/// <summary>Inputs that used to crash the tool or blame the wrong thing: each exits 2 naming the real problem.</summary>
public sealed class InputCrashTests
{
    private static readonly string Mmc = CliRunner.Scenario("mmc.yaml");

    [Fact]
    public void DeeplyNestedYaml_Exit2_DepthLimit_NotAStackOverflow()
    {
        string file = Path.Combine(CliRunner.TempDir(), "nested.yaml");
        File.WriteAllText(file, new string('[', 40_000));

        var (exit, _, err) = CliRunner.Run("validate", file);

        Assert.Equal(2, exit);
        Assert.Equal($"{file}:1:65: is not valid YAML: lists and mappings are nested more than 64 levels deep; a scenario needs only a few\n1 problem; nothing was simulated.\n", err);
    }

    [Fact]
    public void DeeplyNestedSetValue_Exit2()
    {
        var (exit, _, err) = CliRunner.Run("validate", Mmc, "--set", "name=" + new string('[', 10_000));

        Assert.Equal(2, exit);
        Assert.Contains("nested more than 64 levels deep", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1000000", "120", "120000000")]
    [InlineData("50000", "101", "5050000")]
    public void CallVolumeBeyondMemory_Exit2_BeforeSimulating(string callsPerDay, string days, string calls)
    {
        var (exit, output, err) = CliRunner.Run("run", Mmc, "--set", "demand.callsPerDay=" + callsPerDay, "--days", days, "-r", "1");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"{Mmc}: demand.callsPerDay: gives {calls} calls per replication (callsPerDay × multiplier over horizon.days, hour by hour of the weekly profile); at most 5000000 fit in memory (about 200 bytes each); simulate fewer days or a smaller demand (from --set demand.callsPerDay={callsPerDay})\n1 problem; nothing was simulated.\n", err);
    }

    [Fact]
    public void WindowFlood_Exit2_BeforeSimulating_NamingTheWindow()
    {
        // Issue 24: the classroom town at 4,000 calls a day and a 48-hour window multiplying demand by 1,000 ran
        // 7.8 million calls in 3.2 GB. Expected: 4,000 x 28 days = 112,000, plus 999 x 4,000 x 2 days = 7,992,000.
        string text = File.ReadAllText(CliRunner.Scenario("classroom-small-town.yaml"))
            .Replace("callsPerDay: 48", "callsPerDay: 4000", StringComparison.Ordinal)
            .Replace("  dispatch: { rule: closest }\n", "  dispatch: { rule: closest }\n  changes: [ { at: \"day 3 00:00\", durationHours: 48, set: { demand.multiplier: 1000 } } ]\n", StringComparison.Ordinal);
        string file = Path.Combine(CliRunner.TempDir(), "flood.yaml");
        File.WriteAllText(file, text);
        string[] lines = text.Split('\n');
        int line = Array.FindIndex(lines, l => l.StartsWith("  changes:", StringComparison.Ordinal)) + 1;
        int column = lines[line - 1].IndexOf("1000", StringComparison.Ordinal) + 1;

        var (exit, output, err) = CliRunner.Run("run", file, "-r", "1");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(
            $"{file}:{line}:{column}: policy.changes[0].set.demand.multiplier: is 1000 for 48 hours: with the demand windows a replication expects 8104000 calls (the base calls, plus each window's multiplier − 1 times the base calls of its hours; this window adds 7992000); at most 5000000 fit in memory (about 200 bytes each); lower the window's multiplier or shorten it (durationHours)\n"
            + "1 problem; nothing was simulated.\n",
            err);
    }

    [Fact]
    public void CallsPerDayOf1e308_IsShownReadably_AndRefused()
    {
        var (exit, _, err) = CliRunner.Run("validate", Mmc, "--set", "demand.callsPerDay=1e308");

        Assert.Equal(2, exit);
        Assert.Equal($"{Mmc}: demand.callsPerDay: is 1e+308; it must be greater than 0 and at most 1000000; the mean number of calls for service per day (from --set demand.callsPerDay=1e308)\n1 problem; nothing was simulated.\n", err);
    }

    [Fact]
    public void CallsPerDayAboveTheDocumentedMaximum_Exit2()
    {
        var (exit, _, err) = CliRunner.Run("validate", Mmc, "--set", "demand.callsPerDay=10000000");

        Assert.Equal(2, exit);
        Assert.Contains("demand.callsPerDay: is 10000000; it must be greater than 0 and at most 1000000", err, StringComparison.Ordinal);
    }

    [Fact]
    public void StaffTargetAtAPriorityTheScenarioLacks_Exit2_NamingIt()
    {
        var (exit, _, err) = CliRunner.Run("staff", Mmc, "--target", "responseTime.mean@7 <= 10", "-r", "2", "--days", "3");

        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: --target 'responseTime.mean@7 <= 10': {Mmc} has no calls of priority 7; its priorities are 1\n", err);
    }

    [Fact]
    public void DirectoryAsScenario_SaysItIsADirectory()
    {
        string dir = CliRunner.TempDir();
        var (exit, _, err) = CliRunner.Run("run", dir);

        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: {dir}: is a directory; give the path of a YAML scenario file in it, e.g. scenarios/midsize-baseline.yaml\n", err);
    }

    [Fact]
    public void DaysShorterThanTheWarmUp_BlamesTheFlag()
    {
        var (exit, _, err) = CliRunner.Run("run", Mmc, "--days", "2");

        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: --days 2: must be longer than the scenario's warm-up ({Mmc}:11: horizon.warmupDays is 2 days); give more days, or a shorter warm-up with --set horizon.warmupDays=N\n", err);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("18446744073709551616")]
    public void BadSeed_HumanMessage(string seed)
    {
        var (exit, _, err) = CliRunner.Run("run", Mmc, "--seed", seed);

        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: --seed: '{seed}' must be a whole number from 0 to 18446744073709551615\n", err);
    }

    [Fact]
    public void CalibrateWithNoUsableRows_NoParameterNameLeak()
    {
        string dir = CliRunner.TempDir();
        string cad = Path.Combine(dir, "empty.csv");
        File.WriteAllText(cad, "Incident_Id,Received,Dispatched,Arrived,Cleared,Priority,Call_Type,Units,Beat,X,Y,Self_Initiated\n");

        var (exit, _, err) = CliRunner.Run("calibrate", cad, "--out", Path.Combine(dir, "x.yaml"));

        Assert.Equal(2, exit);
        Assert.EndsWith($"patrolsim: {cad}: no calls to fit: every row was rejected or excluded. See the read summary above (a wrong --map, --timestamp-format or --exclude-priority?)\n", err, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", err, StringComparison.Ordinal);
    }

    [Fact]
    public void CadWithAValidHeaderAndRandomBytes_ReportsTheBadRows_NotAMissingColumn()
    {
        string dir = CliRunner.TempDir();
        string cad = Path.Combine(dir, "bad.csv");
        var bytes = new byte[3000];
        ulong state = 7;
        for (int i = 0; i < bytes.Length; i++)
        {
            // Every byte value, in a fixed pseudo-random order (a 64-bit LCG's top byte).
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            bytes[i] = (byte)(state >> 56);
        }

        File.WriteAllBytes(cad, [.. "Incident_Id,Received,Dispatched,Arrived,Cleared,Priority,Call_Type,Units,Beat,X,Y,Self_Initiated\n"u8, .. bytes]);

        var (exit, output, err) = CliRunner.Run("calibrate", cad, "--out", Path.Combine(dir, "x.yaml"));

        Assert.Equal(2, exit);
        Assert.DoesNotContain("no column found", err, StringComparison.Ordinal);
        Assert.Contains("rows rejected", output + err, StringComparison.Ordinal);
        Assert.Contains("no calls to fit", err, StringComparison.Ordinal);
    }
}
