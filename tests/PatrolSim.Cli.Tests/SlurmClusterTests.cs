using System.Diagnostics;
using PatrolSim.Testing;
using Xunit.Abstractions;

namespace PatrolSim.Cli.Tests;

/// <summary>
/// The cluster path on a real scheduler: a one-node Slurm cluster on this machine (deploy/slurm/local-cluster.sh:
/// munged, slurmctld, slurmd with a configuration it writes), a sweep submitted with deploy/slurm/submit.sh as a
/// 3-task array with --requeue and --shard auto, one task requeued midway (Slurm sends SIGTERM; the task exits 130
/// and its rerun resumes), the merge run with --dependency=afterok, and the merged files compared byte for byte with
/// an unsharded run. Needs root on Linux; installs Debian's slurm-wlm and munge when missing, and is skipped, saying
/// why, where that is impossible.
/// </summary>
public sealed class SlurmClusterTests(ITestOutputHelper output) : IDisposable
{
    private const string Sweep = """
        base: city.yaml
        days: 3650
        grid:
          policy.crew.twoOfficerShare: [0, 1]
          policy.backup.rule: [none, risk]
        replications: 30
        seed: 42
        """;

    private readonly string _dir = CliRunner.TempDir();
    private readonly string _state = Path.Combine(Path.GetTempPath(), "patrolsim-slurm-" + Path.GetRandomFileName());

    public void Dispose()
    {
        // Stops only the daemons local-cluster.sh started (by the pids it recorded).
        Sh($"{Script("local-cluster.sh")} stop", TimeSpan.FromSeconds(30));
    }

    [SlurmFact]
    public void ShardedSweep_OnSlurm_WithARequeuedTask_MergesToTheUnshardedFiles()
    {
        File.WriteAllText(Path.Combine(_dir, "city.yaml"), TinyScenarios.SmallCity);
        File.WriteAllText(Path.Combine(_dir, "sweep.yaml"), Sweep);
        string cli = $"dotnet {typeof(CliApp).Assembly.Location}";

        var start = Sh($"{Script("local-cluster.sh")} start", TimeSpan.FromSeconds(60));
        Assert.True(start.Exit == 0, $"the local cluster did not start: {start.Err}");

        var submit = Sh($"SWEEP_FILE={_dir}/sweep.yaml OUT_DIR={_dir}/out SHARDS=3 PATROLSIM='{cli}' {Script("submit.sh")}", TimeSpan.FromSeconds(30));
        Assert.True(submit.Exit == 0, submit.Err);
        string[] ids = submit.Out.Trim().Split(' ');
        (string array, string merge) = (ids[0], ids[1]);

        // Requeue task 2 once it has written its first row (each task has 40 jobs, so it is still running): Slurm
        // sends SIGTERM, the sweep stops with exit 130, and the task goes back to pending. Slurm itself holds a
        // requeued task back for the credential lifetime (local-cluster.sh sets cred_expire=30 s), because slurmd
        // refuses to launch a job whose credential it revoked until then. The test leaves that ordering to Slurm:
        // forcing StartTime=now inside the window launched the task with a revoked credential and it FAILED.
        string task2 = $"{array}_2";
        string shard2 = Path.Combine(_dir, "out", "shard-2", "results.csv");
        bool wrote = WaitFor(() => File.Exists(shard2) && File.ReadAllLines(shard2).Length >= 2, TimeSpan.FromSeconds(90));
        Assert.True(wrote, wrote ? "" : "task 2 wrote no rows:\n" + Diagnostics(task2));
        string before = JobState(task2);
        Assert.True(before == "RUNNING", before == "RUNNING" ? "" : $"task 2 is {before} before the requeue:\n" + Diagnostics(task2));
        Assert.Equal(0, Sh($"scontrol requeue {task2}", TimeSpan.FromSeconds(30)).Exit);

        // Restarted means: seen out of RUNNING (completing or pending), then RUNNING or COMPLETED again.
        var seen = new List<string> { before };
        bool restarted = WaitFor(() =>
        {
            string state = JobState(task2);
            if (seen[^1] != state)
            {
                seen.Add(state);
            }

            bool left = seen.Exists(s => s is "COMPLETING" or "PENDING");
            return (left && state is "RUNNING" or "COMPLETED") || (state != "COMPLETED" && Ended(state));
        }, TimeSpan.FromSeconds(240));
        string after = seen[^1];
        bool ok = restarted && after is "RUNNING" or "COMPLETED";
        Assert.True(ok, ok ? "" : $"the requeued task did not start again (states seen: {string.Join(" -> ", seen)}):\n" + Diagnostics(task2));

        bool merged = WaitFor(() => Ended(JobState(merge)), TimeSpan.FromSeconds(180));
        Assert.True(merged, merged ? "" : $"merge job still {JobState(merge)}:\n" + Diagnostics(merge));
        string log2 = File.ReadAllText(Path.Combine(_dir, $"patrolsim-sweep-{array}_2.log"));
        output.WriteLine(log2);
        Assert.Equal("COMPLETED", JobState(merge));
        Assert.Contains("interrupted after", log2, StringComparison.Ordinal);
        Assert.Contains("already done", log2, StringComparison.Ordinal);

        var single = CliRunner.Run("sweep", Path.Combine(_dir, "sweep.yaml"), "--out", Path.Combine(_dir, "single"));
        Assert.Equal(0, single.Exit);
        foreach (string file in new[] { "results.csv", "summary.csv", "sweep.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "single", file)), File.ReadAllBytes(Path.Combine(_dir, "out", "all", file)));
        }

        Assert.True(File.Exists(Path.Combine(_dir, "out", "all", "report.html")));
    }

    private static string Script(string name) => Path.Combine(RepoPaths.Root(), "deploy", "slurm", name);

    private static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(500);
        }

        return condition();
    }

    /// <summary>What a failed wait shows: the job as Slurm sees it, the node, the task logs and the daemons' log tails.</summary>
    private string Diagnostics(string job)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(Sh($"scontrol show job {job}; sinfo -N -l; squeue -a -l", TimeSpan.FromSeconds(30)).Out);
        foreach (string log in Directory.EnumerateFiles(_dir, "patrolsim-*.log"))
        {
            text.AppendLine($"== {Path.GetFileName(log)}").AppendLine(File.ReadAllText(log));
        }

        foreach (string log in new[] { "slurmctld.log", "slurmd.log" })
        {
            string path = Path.Combine(_state, log);
            if (File.Exists(path))
            {
                text.AppendLine($"== {log} (last 40 lines)").AppendJoin('\n', File.ReadAllLines(path).TakeLast(40)).AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>Whether a job state is final (the job will not run again unless requeued).</summary>
    private static bool Ended(string state) => state is "COMPLETED" or "FAILED" or "CANCELLED" or "NODE_FAIL" or "TIMEOUT" or "OUT_OF_MEMORY";

    private string JobState(string job)
    {
        var show = Sh($"scontrol show job {job}", TimeSpan.FromSeconds(30));
        int at = show.Out.IndexOf("JobState=", StringComparison.Ordinal);
        return at < 0 ? "unknown" : new string(show.Out[(at + 9)..].TakeWhile(char.IsLetter).ToArray());
    }

    private (int Exit, string Out, string Err) Sh(string command, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
        };
        psi.Environment["STATE_DIR"] = _state;
        psi.Environment["SLURM_CONF"] = Path.Combine(_state, "slurm.conf");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>
/// Runs only as root on Linux with Slurm installed or installable: installs Debian's slurm-wlm and munge with apt
/// when missing (once per test run), and otherwise skips with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(FindReason);

    public SlurmFactAttribute()
    {
        if (Reason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? FindReason()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "the Slurm test needs root on Linux (it starts munged, slurmctld and slurmd)";
        }

        if (File.Exists("/usr/sbin/slurmctld") && File.Exists("/usr/sbin/slurmd") && File.Exists("/usr/sbin/munged"))
        {
            return null;
        }

        if (!File.Exists("/usr/bin/apt-get"))
        {
            return "Slurm is not installed and there is no apt-get to install slurm-wlm and munge";
        }

        var psi = new ProcessStartInfo("bash", ["-c", "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        _ = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEndAsync().Result;
        p.WaitForExit();
        return p.ExitCode == 0 ? null : $"apt-get could not install slurm-wlm and munge (apt unreachable?): {err.Trim().Split('\n')[^1]}";
    }
}
