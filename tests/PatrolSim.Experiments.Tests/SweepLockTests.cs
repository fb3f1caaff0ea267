using PatrolSim.Testing;
using System.Diagnostics;
using PatrolSim.Experiments.Sweeps;

namespace PatrolSim.Experiments.Tests;

/// <summary>One process per sweep folder: a second run refuses at once; a lock left by a dead process never blocks.</summary>
public sealed class SweepLockTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private SweepRunResult Run(string outName, Action<long>? beforeJob = null, bool resume = false) =>
        SweepRunner.Run(SweepPlan.Load(_files.PathOf("sweep.yaml")), new SweepRunOptions(_files.PathOf(outName), 2, resume, Shard.All, "patrolsim test", "patrolsim sweep sweep.yaml --out out --resume"),
            null, CancellationToken.None, beforeJob);

    [Fact]
    public async Task SecondSweepOnTheSameFolder_WhileTheFirstRuns_RefusesAtOnce_AndTheFirstWritesEveryJobOnce()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => Run("out", job =>
        {
            started.Set();
            release.Wait(TimeSpan.FromMinutes(1));
        }));
        Assert.True(started.Wait(TimeSpan.FromMinutes(1)));

        var refused = Assert.Throws<SweepException>(() => Run("out", resume: true));
        release.Set();
        var result = await first;

        Assert.Equal(
            $"{_files.PathOf("out")}: another patrolsim process is running this sweep (pid {Environment.ProcessId} on {Environment.MachineName}); two processes on one folder would write the same jobs twice. Wait for it to finish, or stop it and continue with: patrolsim sweep sweep.yaml --out out --resume",
            refused.Message);
        Assert.True(result.Complete);
        var jobs = File.ReadAllLines(_files.PathOf("out/results.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(Enumerable.Range(0, 32).Select(j => j.ToString(System.Globalization.CultureInfo.InvariantCulture)), jobs);
    }

    [UnixFact]
    public void LockHeldByAnotherProcess_Refuses_AndOnceThatProcessIsKilled_TheSweepRuns()
    {
        string dir = _files.PathOf("out");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, SweepLock.OwnerFileName), "pid 999999 on elsewhere\n");

        // flock(1) takes the same flock(2) lock that FileShare.None takes in .NET on Unix. -o: only flock itself holds the
        // lock (its child shell does not inherit the descriptor), so once flock has exited the lock is free; without it a
        // killed child still holding the descriptor could keep it for a moment after WaitForExit (seen under heavy load).
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-o", "-x", Path.Combine(dir, SweepLock.FileName), "-c", "echo locked; exec sleep 120"])
        {
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("locked", holder.StandardOutput.ReadLine());

        var refused = Assert.Throws<SweepException>(() => Run("out"));
        Assert.Contains("another patrolsim process is running this sweep (pid 999999 on elsewhere)", refused.Message, StringComparison.Ordinal);

        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();

        Assert.True(Run("out").Complete);
        Assert.True(File.Exists(Path.Combine(dir, SweepLock.FileName)));
    }
}

/// <summary><c>--shard auto</c> reads a scheduler's array variables.</summary>
public sealed class ShardFromEnvironmentTests
{
    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID=2,SLURM_ARRAY_TASK_COUNT=3", 2, 3)]
    [InlineData("SLURM_ARRAY_TASK_ID=0,SLURM_ARRAY_TASK_MIN=0,SLURM_ARRAY_TASK_COUNT=3", 1, 3)]
    [InlineData("SLURM_ARRAY_TASK_ID=7,SLURM_ARRAY_TASK_MIN=5,SLURM_ARRAY_TASK_COUNT=4", 3, 4)]
    [InlineData("JOB_COMPLETION_INDEX=0,PATROLSIM_SHARD_COUNT=16", 1, 16)]
    [InlineData("JOB_COMPLETION_INDEX=15,PATROLSIM_SHARD_COUNT=16", 16, 16)]
    public void Shard_FromSchedulerVariables(string variables, int index, int count)
    {
        var env = variables.Split(',').Select(v => v.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(new Shard(index, count), Shard.FromEnvironment(env.GetValueOrDefault, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give shard K/N")]
    [InlineData("JOB_COMPLETION_INDEX=3", "shard auto: JOB_COMPLETION_INDEX/PATROLSIM_SHARD_COUNT gives shard 4 but no shard count; set PATROLSIM_SHARD_COUNT to the Job's completions")]
    [InlineData("SLURM_ARRAY_TASK_ID=4,SLURM_ARRAY_TASK_COUNT=3", "shard auto: SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_MIN/SLURM_ARRAY_TASK_COUNT give shard 4 of 3; it must be 1 <= K <= N <= 100000")]
    public void Shard_FromEnvironment_SaysWhatIsMissing(string variables, string expected)
    {
        var env = variables.Length == 0 ? [] : variables.Split(',').Select(v => v.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Null(Shard.FromEnvironment(env.GetValueOrDefault, out var error));
        Assert.Equal(expected, error?.ToString());
    }
}
