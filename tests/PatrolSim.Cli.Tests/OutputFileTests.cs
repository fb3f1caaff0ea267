using PatrolSim.Testing;
using System.Diagnostics;
using PatrolSim.Output;

namespace PatrolSim.Cli.Tests;

/// <summary>Output paths are checked before any work; '-' is standard output; links, FIFOs and devices are never replaced; a full disk is exit 1.</summary>
public sealed class OutputFileTests
{
    private static readonly string[] Quick = ["run", CliRunner.Scenario("mmc.yaml"), "--days", "3", "-r", "2"];

    [Fact]
    public void MissingOutputFolder_Exit2_NamingTheFlagAndPath_BeforeAnySimulation()
    {
        string dir = CliRunner.TempDir();
        string json = Path.Combine(dir, "missing", "out.json");
        var (exit, output, err) = CliRunner.Run([.. Quick, "--json", json]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"patrolsim: --json {json}: folder '{Path.Combine(dir, "missing")}' does not exist; create it or choose another path; nothing was done\n", err);
    }

    [Fact]
    public void OutputThatIsAFolder_Exit2()
    {
        string dir = CliRunner.TempDir();
        var (exit, _, err) = CliRunner.Run([.. Quick, "--csv", dir]);

        Assert.Equal(2, exit);
        Assert.Equal($"patrolsim: --csv {dir}: is a folder; give a file name; nothing was done\n", err);
    }

    [UnixFact]
    public void FullDevice_Exit1_NotReplaced_AndTheOtherOutputsAreWritten()
    {
        string csv = Path.Combine(CliRunner.TempDir(), "ok.csv");
        var (exit, output, err) = CliRunner.Run([.. Quick, "--json", "/dev/full", "--csv", csv]);

        Assert.Equal(1, exit);
        Assert.Contains("responseTime.mean", output, StringComparison.Ordinal);
        Assert.StartsWith("patrolsim: /dev/full: cannot write: No space left on device", err, StringComparison.Ordinal);
        Assert.True(File.Exists(csv));
        Assert.Equal(FileKind.Special, AtomicFile.KindOf("/dev/full"));
    }

    [Fact]
    public void Dash_IsStandardOutput_AndHoldsOnlyThatOutput()
    {
        var (exit, output, _) = CliRunner.Run([.. Quick, "--json", "-"]);

        Assert.Equal(0, exit);
        Assert.StartsWith("{", output, StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "-")));
    }

    [Fact]
    public void TwoOutputsOnStandardOutput_Exit2()
    {
        var (exit, _, err) = CliRunner.Run([.. Quick, "--json", "-", "--csv", "-"]);

        Assert.Equal(2, exit);
        Assert.Equal("patrolsim: --json and --csv: only one output can go to standard output ('-'); nothing was done\n", err);
    }

    [UnixFact]
    public void Symlink_IsWrittenThrough_AndStaysALink()
    {
        string dir = CliRunner.TempDir();
        string target = Path.Combine(dir, "real.csv");
        File.WriteAllText(target, "old");
        string link = Path.Combine(dir, "link.csv");
        File.CreateSymbolicLink(link, target);

        var (exit, _, _) = CliRunner.Run([.. Quick, "--csv", link]);

        Assert.Equal(0, exit);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.StartsWith("replication,", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task Fifo_IsWrittenAsAStream_AndStaysAFifo()
    {
        string fifo = Path.Combine(CliRunner.TempDir(), "pipe.csv");
        using (var mk = Process.Start("mkfifo", [fifo]))
        {
            await mk.WaitForExitAsync();
        }

        var reader = Task.Run(() => File.ReadAllText(fifo));
        var (exit, _, err) = CliRunner.Run([.. Quick, "--csv", fifo]);

        Assert.True(exit == 0, err);
        Assert.StartsWith("replication,", await reader, StringComparison.Ordinal);
        Assert.Equal(FileKind.Special, AtomicFile.KindOf(fifo));
    }
}

/// <summary>A sweep on a full disk: a 16 KB tmpfs (needs root on Linux to mount; skipped elsewhere, saying why).</summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly string _mount = CliRunner.TempDir();

    public void Dispose() => Mount("umount", _mount);

    [FullDiskFact]
    public void SweepOnAFullDisk_Exit1_WithTheResumeCommand()
    {
        Assert.Equal(0, Mount("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", _mount));
        string dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "city.yaml"), TinyScenarios.SmallCity);
        File.WriteAllText(Path.Combine(dir, "sweep.yaml"), "base: city.yaml\ngrid:\n  policy.crew.twoOfficerShare: [0, 0.5, 1]\nreplications: 40\n");
        string outDir = Path.Combine(_mount, "out");

        var (exit, _, err) = CliRunner.Run("sweep", Path.Combine(dir, "sweep.yaml"), "--out", outDir, "-p", "1");

        Assert.Equal(1, exit);
        Assert.StartsWith($"patrolsim: {outDir}: cannot write: No space left on device", err.Split('\n')[^2], StringComparison.Ordinal);
        Assert.EndsWith($"After fixing it, continue with: patrolsim sweep {Path.Combine(dir, "sweep.yaml")} --out {outDir} --resume", err.TrimEnd('\n'), StringComparison.Ordinal);
    }

    private static int Mount(string command, params string[] args)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode;
    }
}

/// <summary>Runs only as root on Linux, where the test can mount a tiny tmpfs.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FullDiskFactAttribute : FactAttribute
{
    public FullDiskFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "needs root on Linux to mount a 16 KB tmpfs";
        }
    }
}
