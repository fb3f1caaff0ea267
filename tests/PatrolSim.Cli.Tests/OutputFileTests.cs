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
    public void SymlinkToAMissingFolder_Exit2_BeforeAnySimulation()
    {
        // Before: the simulation ran, then writing through the link failed with exit 1.
        string dir = CliRunner.TempDir();
        string link = Path.Combine(dir, "out.json");
        File.CreateSymbolicLink(link, Path.Combine(dir, "missing", "run.json"));

        var (exit, output, err) = CliRunner.Run([.. Quick, "--json", link]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"patrolsim: --json {link}: is a symbolic link to '{Path.Combine(dir, "missing", "run.json")}', whose folder '{Path.Combine(dir, "missing")}' does not exist; create it or choose another path; nothing was done\n", err);
    }

    [UnixFact]
    public void SymlinkLoop_Exit2_BeforeAnySimulation()
    {
        string dir = CliRunner.TempDir();
        string a = Path.Combine(dir, "a.csv"), b = Path.Combine(dir, "b.csv");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var (exit, output, err) = CliRunner.Run([.. Quick, "--csv", a, "--svg", Path.Combine(dir, "charts")]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"patrolsim: --csv {a}: is a symbolic link that never ends (a loop, or too many links); point it at a file; nothing was done\n", err);
    }

    [Fact]
    public void ChartFolderThatIsAFile_Exit2_BeforeAnySimulation()
    {
        string file = Path.Combine(CliRunner.TempDir(), "charts");
        File.WriteAllText(file, "");

        var (exit, output, err) = CliRunner.Run([.. Quick, "--png", file]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"patrolsim: --png {file}: is a file; give a folder (created if missing); nothing was done\n", err);
    }

    [Fact]
    public void Sweep_WhenWritingFailsBeforeAnyResult_DoesNotPromiseAResume()
    {
        // Before: "results.csv keeps every finished job ... --resume" although nothing was written. Here sweep.json is a
        // folder, so the first write (the manifest) fails, after the folder checks passed.
        string dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "city.yaml"), TinyScenarios.SmallCity);
        File.WriteAllText(Path.Combine(dir, "sweep.yaml"), "base: city.yaml\ngrid:\n  policy.crew.twoOfficerShare: [0, 1]\nreplications: 2\n");
        string outDir = Path.Combine(dir, "out");
        Directory.CreateDirectory(Path.Combine(outDir, "sweep.json"));

        var (exit, _, err) = CliRunner.Run("sweep", Path.Combine(dir, "sweep.yaml"), "--out", outDir);

        Assert.Equal(1, exit);
        Assert.EndsWith($"'{Path.Combine(outDir, "sweep.json")}' is a folder, not a file; no results were written\n", err, StringComparison.Ordinal);
        Assert.DoesNotContain("--resume", err, StringComparison.Ordinal);
    }

    [UnixFact]
    public void FullStandardOutput_Exit1_WithAPlainMessage()
    {
        // Before: "internal error: No space left on device (... please report it)".
        var full = new StreamWriter(new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0)) { AutoFlush = true, NewLine = "\n" };
        var err = new StringWriter { NewLine = "\n" };

        int exit = CliApp.Run(Quick, full, err, interactive: false);
        try
        {
            full.Dispose();
        }
        catch (IOException)
        {
            // The device is still full: closing the writer fails to flush too.
        }

        Assert.Equal(1, exit);
        Assert.EndsWith("\npatrolsim: standard output: cannot write: No space left on device\n", "\n" + err.ToString(), StringComparison.Ordinal); // after progress lines, if the run took long
        Assert.DoesNotContain("internal error", err.ToString(), StringComparison.Ordinal);
    }

    [UnixFact]
    public void FullStandardOutput_OfTheRealProcess_Exit1_WithAPlainMessage()
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"dotnet '{Path.Combine(AppContext.BaseDirectory, "patrolsim.dll")}' run '{CliRunner.Scenario("mmc.yaml")}' --days 3 -r 2 > /dev/full");
        using var process = Process.Start(info)!;
        string err = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode);
        Assert.EndsWith("\npatrolsim: standard output: cannot write: No space left on device\n", "\n" + err, StringComparison.Ordinal); // after progress lines, if the run took long
        Assert.DoesNotContain("internal error", err, StringComparison.Ordinal);
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

    [MountFact("a 16 KB tmpfs")]
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

    internal static int Mount(string command, params string[] args)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode;
    }
}

/// <summary>
/// Outputs into a read-only mount: a folder bind-mounted read-only over itself. Permissions cannot stand in for it: the
/// tests run as root, which writes through a folder without write permission. Needs root on Linux to mount.
/// </summary>
public sealed class ReadOnlyMountTests : IDisposable
{
    private static readonly string[] Quick = ["run", CliRunner.Scenario("mmc.yaml"), "--days", "3", "-r", "2"];

    private readonly string _dir = CliRunner.TempDir();
    private readonly string _readOnly;

    public ReadOnlyMountTests()
    {
        _readOnly = Path.Combine(_dir, "ro");
        Directory.CreateDirectory(_readOnly);
    }

    public void Dispose() => FullDiskTests.Mount("umount", _readOnly);

    private void MountReadOnly()
    {
        Assert.Equal(0, FullDiskTests.Mount("mount", "--bind", _readOnly, _readOnly));
        Assert.Equal(0, FullDiskTests.Mount("mount", "-o", "remount,ro,bind", _readOnly));
    }

    [MountFact("a read-only bind mount")]
    public void JsonThroughASymlinkIntoAReadOnlyMount_Exit2_BeforeAnySimulation()
    {
        MountReadOnly();
        string link = Path.Combine(_dir, "out.json");
        File.CreateSymbolicLink(link, Path.Combine(_readOnly, "run.json"));

        var (exit, output, err) = CliRunner.Run([.. Quick, "--json", link]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"patrolsim: --json {link}: is a symbolic link to '{Path.Combine(_readOnly, "run.json")}', whose folder '{_readOnly}' is not writable (Read-only file system); nothing was done\n", err);
    }

    [MountFact("a read-only bind mount")]
    public void SweepIntoAReadOnlyMount_Exit2_BeforeAnyJob_WithoutAResumeHint()
    {
        MountReadOnly();
        File.WriteAllText(Path.Combine(_dir, "city.yaml"), TinyScenarios.SmallCity);
        File.WriteAllText(Path.Combine(_dir, "sweep.yaml"), "base: city.yaml\ngrid:\n  policy.crew.twoOfficerShare: [0, 1]\nreplications: 2\n");
        string outDir = Path.Combine(_readOnly, "out");

        var (exit, output, err) = CliRunner.Run("sweep", Path.Combine(_dir, "sweep.yaml"), "--out", outDir);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"patrolsim: --out {outDir}: folder '{_readOnly}' is not writable (Read-only file system), so '{outDir}' cannot be created; nothing was done\n", err);
    }
}

/// <summary>Runs only as root on Linux, where the test can mount <c>what</c> (skipped elsewhere, saying why).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute(string what)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = $"needs root on Linux to mount {what}";
        }
    }
}
