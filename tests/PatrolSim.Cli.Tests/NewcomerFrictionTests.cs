using System.Diagnostics;
using System.Text;
using PatrolSim.Testing;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// Issue 24's newcomer frictions, each as it was met: the calibration docs' commands on a fresh clone, the follow-up
/// fit-check command, staff's "rides alone" warning, a mistyped option, SIGTERM on run, the package's readme and
/// git-ignored folder, a Latin-1 scenario, a binary file given as a CAD export.
/// </summary>
public sealed class NewcomerFrictionTests : IDisposable
{
    private readonly string _dir = CliRunner.TempDir();

    private static string ExampleCad => Path.Combine(RepoPaths.Root(), "docs", "examples", "small-town-cad.csv");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    /// <summary>The code block after <paramref name="heading"/>'s first paragraph of commands in docs/calibration.md.</summary>
    private static List<string> DocBlock(string heading, int block)
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root(), "docs", "calibration.md"));
        int at = doc.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"docs/calibration.md has no '{heading}'");
        string[] parts = doc[at..].Split("```");
        return [.. parts[(2 * block) + 1].Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public void CalibrationDocs_TryIt_RunsOnAFreshClone_AndPrintsWhatTheDocsShow()
    {
        // Before: the docs' commands read ../shared/data/..., which a clone does not have.
        var commands = DocBlock("## Try it on the example export", 0);
        Assert.Equal(2, commands.Count);
        Assert.All(commands, c => Assert.DoesNotContain("../shared", c, StringComparison.Ordinal));
        string wrote = DocBlock("## Try it on the example export", 1)[^1];

        string[] Args(string line) => [.. line["patrolsim ".Length..].Split(' ').Select(w => w
            .Replace("docs/examples/", Path.Combine(RepoPaths.Root(), "docs", "examples") + "/", StringComparison.Ordinal)
            .Replace("town.yaml", P("town.yaml"), StringComparison.Ordinal))];

        var calibrate = CliRunner.Run(Args(commands[0]));
        Assert.True(calibrate.Exit == 0, calibrate.Err);
        Assert.Equal(wrote.Replace("town.yaml", P("town.yaml"), StringComparison.Ordinal).Replace("docs/examples/", ExampleCad[..^"small-town-cad.csv".Length], StringComparison.Ordinal),
            calibrate.Out.TrimEnd('\n').Split('\n')[^1]);

        var check = CliRunner.Run([.. Args(commands[1]), "-r", "2"]);
        Assert.True(check.Exit == 0, check.Err);
    }

    [Fact]
    public void Calibrate_FollowUpFitCheck_RepeatsTheOptionsTheDataWasReadWith()
    {
        var (exit, output, err) = CliRunner.Run("calibrate", ExampleCad, "--out", P("town.yaml"), "--exclude-priority", "3,1", "--timestamp-format", "yyyy-MM-dd HH:mm:ss.fff");

        Assert.True(exit == 0, err);
        Assert.EndsWith(
            $"Compare it with the data: patrolsim fit-check {P("town.yaml")} {ExampleCad} --exclude-priority 1,3 --timestamp-format 'yyyy-MM-dd HH:mm:ss.fff'\n",
            output, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_OnTheAllPairedPolicy_WarnsThatAnOfficerRidesAlone_AsRunDoes()
    {
        // Scale 1.05 gives 23, 27 and 21 officers (22, 26, 20 × 1.05, rounded): odd on every shift. The target always
        // holds, so the smallest level, 1.05, is chosen.
        string scenario = CliRunner.Scenario("policy-all-paired.yaml");
        var staff = CliRunner.Run("staff", scenario, "--target", "utilization <= 1", "--min", "1.05", "--max", "1.1", "--step", "0.05", "-r", "2", "--days", "3");
        var run = CliRunner.Run("run", scenario, "--set", "staffing.scale=1.05", "-r", "2", "--days", "3");

        Assert.Equal(0, staff.Exit);
        string[] Warnings(string output) => [.. output.Split('\n').Where(l => l.StartsWith("warning:", StringComparison.Ordinal))];
        Assert.Equal(Warnings(run.Out), Warnings(staff.Out));
        Assert.Equal(
        [
            "warning: shift 'day' has 23 officers: with every officer paired, one officer rides alone in a one-officer car.",
            "warning: shift 'evening' has 27 officers: with every officer paired, one officer rides alone in a one-officer car.",
            "warning: shift 'night' has 21 officers: with every officer paired, one officer rides alone in a one-officer car.",
        ], Warnings(staff.Out).Where(l => l.Contains("rides alone", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(new[] { "run", "x.yaml", "--replicatons", "3" }, "patrolsim: Unrecognized command or argument '--replicatons'. Did you mean '--replications'?")]
    [InlineData(new[] { "staff", "x.yaml", "--target", "utilization <= 1", "--vray", "staffing.scale" }, "patrolsim: Unrecognized command or argument '--vray'. Did you mean '--vary'?")]
    [InlineData(new[] { "run", "x.yaml", "--verbsoe" }, "patrolsim: Unrecognized command or argument '--verbsoe'. Did you mean '--verbose'?")]
    [InlineData(new[] { "rnu", "x.yaml" }, "patrolsim: Unrecognized command or argument 'rnu'. Did you mean 'run'?")]
    [InlineData(new[] { "run", "x.yaml", "--zzzzzz" }, "patrolsim: Unrecognized command or argument '--zzzzzz'.")]
    public void MistypedOption_GetsDidYouMean(string[] args, string expected)
    {
        var (exit, _, err) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected + "\n", err, StringComparison.Ordinal);
        Assert.DoesNotContain("'3'. Did you mean", err, StringComparison.Ordinal);
    }

    [UnixFact]
    public void Run_Terminated_ExitsWith130_LikeSweep_SayingNothingWasWritten()
    {
        // Before: killed by the signal, exit 143 and nothing said. The run listens for SIGTERM before it checks its
        // outputs, and that check creates a probe file beside --json: once the probe appears, the signal is handled.
        string json = P("out.json");
        using var probe = new FileSystemWatcher(_dir, ".out.json.probe") { NotifyFilter = NotifyFilters.FileName };
        var checkedOutputs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Created += (_, _) => checkedOutputs.TrySetResult();
        probe.EnableRaisingEvents = true;

        using var process = CliRunner.Start("run", CliRunner.Scenario("mmc.yaml"), "-r", "100000", "-p", "1", "--json", json);
        Task.WaitAny(checkedOutputs.Task, process.WaitForExitAsync());
        if (process.HasExited)
        {
            Assert.Fail("the run ended before it checked its outputs: " + process.StandardError.ReadToEnd());
        }

        CliRunner.Terminate(process);
        string err = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(130, process.ExitCode);
        Assert.EndsWith("patrolsim: interrupted; nothing was written\n", err, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void NupkgFolder_IsIgnoredByGit()
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["-C", RepoPaths.Root(), "check-ignore", "-q", "nupkg/PatrolSim.Cli.0.1.0.nupkg"]))!;
        git.WaitForExit();

        Assert.Equal(0, git.ExitCode);
    }

    [Fact]
    public void ToolPackage_HasAReadme()
    {
        string project = File.ReadAllText(Path.Combine(RepoPaths.Root(), "src", "PatrolSim.Cli", "PatrolSim.Cli.csproj"));

        Assert.Contains("<PackageReadmeFile>README.md</PackageReadmeFile>", project, StringComparison.Ordinal);
        Assert.Contains("<None Include=\"README.md\" Pack=\"true\" PackagePath=\"/\" />", project, StringComparison.Ordinal);
        Assert.StartsWith("# patrolsim\n", File.ReadAllText(Path.Combine(RepoPaths.Root(), "src", "PatrolSim.Cli", "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1Scenario_IsRefused_AtItsLineAndColumn_SayingScenarioFilesAreUtf8()
    {
        // "Petite ville été" saved as Latin-1: é is the single byte 0xE9, at line 1, column 20 (1-based, in characters).
        string text = File.ReadAllText(CliRunner.Scenario("classroom-small-town.yaml"));
        string body = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("name:", StringComparison.Ordinal)));
        string file = P("latin1.yaml");
        File.WriteAllBytes(file, [.. Encoding.Latin1.GetBytes("name: Petite ville été\n"), .. Encoding.UTF8.GetBytes(body)]);

        var (exit, _, err) = CliRunner.Run("validate", file);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"{file}:1:20: byte 0xE9 is not UTF-8: scenario files are UTF-8; re-save the file as UTF-8 (in most editors: Save As, encoding UTF-8), or write the character another way\n"
            + "1 problem; nothing was simulated.\n",
            err);
    }

    [Fact]
    public void Utf8ScenarioWithAByteOrderMark_StillLoads()
    {
        string file = P("bom.yaml");
        File.WriteAllBytes(file, [.. Encoding.UTF8.Preamble, .. File.ReadAllBytes(CliRunner.Scenario("classroom-small-town.yaml"))]);

        var (exit, output, err) = CliRunner.Run("validate", file);

        Assert.True(exit == 0, err);
        Assert.Contains("valid: \"Small town, solo cars, backup for risky calls\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryFileGivenAsACadExport_IsNotReadAsCsv()
    {
        // Before: its bytes were printed back as "columns found".
        string file = P("program");
        File.WriteAllBytes(file, [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, (byte)'\n', 0xC3, 0x28]);

        var (exit, output, err) = CliRunner.Run("calibrate", file, "--out", P("x.yaml"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("patrolsim: program: is not a CSV text file (byte 7 is 0x00: binary data, such as a program or a spreadsheet); give the CAD export as CSV text, a header row then one row per call (docs/calibration.md)\n", err);
    }

    [UnixFact]
    public void BinLs_IsNotACsvTextFile()
    {
        Assert.True(File.Exists("/bin/ls"));
        var (exit, _, err) = CliRunner.Run("calibrate", "/bin/ls", "--out", P("x.yaml"));

        Assert.Equal(2, exit);
        Assert.StartsWith("patrolsim: ls: is not a CSV text file (byte ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("columns found", err, StringComparison.Ordinal);
    }
}
