using PatrolSim.Experiments.Sweeps;
using PatrolSim.Scenarios;

namespace PatrolSim.Experiments.Tests;

public sealed class SweepTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private SweepRunResult Run(string outName, int parallel = 2, Shard? shard = null, bool resume = false, CancellationToken ct = default, IProgress<long>? progress = null) =>
        SweepRunner.Run(SweepPlan.Load(_files.PathOf("sweep.yaml")), new SweepRunOptions(_files.PathOf(outName), parallel, resume, shard ?? Shard.All, "patrolsim test"), progress, ct);

    [Fact]
    public void Plan_CrossesGridKeysThenZipGroups_InFileOrder()
    {
        var plan = SweepPlan.Load(_files.PathOf("sweep.yaml"));

        Assert.Equal(["policy.crew.twoOfficerShare", "policy.backup.rule", "staffing.shifts.day.officers", "staffing.shifts.night.officers"], plan.Parameters);
        Assert.Equal(8, plan.Points.Count);
        Assert.Equal(32, plan.Jobs);
        Assert.Equal(["0", "none", "4", "3"], plan.Points[0]);
        Assert.Equal(["0", "none", "5", "4"], plan.Points[1]);
        Assert.Equal(["1", "risk", "5", "4"], plan.Points[7]);
        Assert.Equal(5, plan.ScenarioAt(7).Staffing.Shifts[0].Officers);
        Assert.Equal(1.0, plan.ScenarioAt(7).Policy.Crew.TwoOfficerShare);
    }

    [Fact]
    public void Results_AreOneRowPerJobInJobOrder_WithCommonSeedsAcrossPoints()
    {
        Run("out");
        var lines = File.ReadAllLines(_files.PathOf("out/results.csv"));

        Assert.Equal("job,point,replication,seed,policy.crew.twoOfficerShare,policy.backup.rule,staffing.shifts.day.officers,staffing.shifts.night.officers,responseTime.mean,responseTime.p90@1,soloExposureIndex,utilization", lines[0]);
        Assert.Equal(33, lines.Length);
        for (int job = 0; job < 32; job++)
        {
            var cells = lines[job + 1].Split(',');
            Assert.Equal(job.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal((job / 4).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[1]);
            Assert.Equal((job % 4).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[2]);

            // Replication r has the same seed at every point: common random numbers.
            Assert.Equal(lines[(job % 4) + 1].Split(',')[3], cells[3]);
        }

        var summary = File.ReadAllLines(_files.PathOf("out/summary.csv"));
        Assert.Equal(9, summary.Length);
        Assert.StartsWith("point,policy.crew.twoOfficerShare,policy.backup.rule,staffing.shifts.day.officers,staffing.shifts.night.officers,replications,responseTime.mean:mean,responseTime.mean:ci95Low,responseTime.mean:ci95High,responseTime.p90@1:mean,", summary[0]);
        Assert.StartsWith("7,1,risk,5,4,4,", summary[8]);

        // Point 7's responseTime.mean summary is the Student-t interval of its four rows in results.csv.
        var values = lines.Skip(29).Select(l => double.Parse(l.Split(',')[8], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var ci = PatrolSim.Engine.Statistics.ConfidenceInterval.StudentT(values);
        var row = summary[8].Split(',');
        Assert.Equal(ci.Mean, double.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ci.Low, double.Parse(row[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ci.High, double.Parse(row[8], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("\"status\": \"complete\"", File.ReadAllText(_files.PathOf("out/sweep.json")));
    }

    [Fact]
    public void Outputs_AreByteIdentical_ForParallel1And4()
    {
        Run("p1", parallel: 1);
        Run("p4", parallel: 4);

        var one = TestFiles.Outputs(_files.PathOf("p1"));
        var four = TestFiles.Outputs(_files.PathOf("p4"));
        Assert.Equal(3, one.Count);
        foreach (var (name, bytes) in one)
        {
            Assert.Equal(bytes, four[name]);
        }
    }

    [Fact]
    public void ThreeShardsMerged_EqualTheUnshardedRun_ByteForByte()
    {
        Run("all", parallel: 3);
        Run("s2", shard: new Shard(2, 3));
        Run("s1", shard: new Shard(1, 3));
        Run("s3", shard: new Shard(3, 3), parallel: 1);
        Assert.False(File.Exists(_files.PathOf("s1/summary.csv")));
        Assert.Equal(12, File.ReadAllLines(_files.PathOf("s1/results.csv")).Length); // header and jobs 0, 3, …, 30

        long jobs = SweepMerger.Merge([_files.PathOf("s3"), _files.PathOf("s1"), _files.PathOf("s2")], _files.PathOf("merged"));

        Assert.Equal(32, jobs);
        var all = TestFiles.Outputs(_files.PathOf("all"));
        var merged = TestFiles.Outputs(_files.PathOf("merged"));
        Assert.Equal(3, merged.Count);
        foreach (var (name, bytes) in all)
        {
            Assert.Equal(bytes, merged[name]);
        }
    }

    [Fact]
    public void Merge_RejectsMissingDuplicateAndIncompleteShards()
    {
        Run("s1", shard: new Shard(1, 3));
        Run("s2", shard: new Shard(2, 3));
        Run("s3", shard: new Shard(3, 3));
        string s1 = _files.PathOf("s1"), s2 = _files.PathOf("s2"), s3 = _files.PathOf("s3");

        var missing = Assert.Throws<SweepException>(() => SweepMerger.Merge([s1, s3], _files.PathOf("m")));
        Assert.Equal("shard 2/3 missing; give all 3 shard folders", missing.Message);

        var twice = Assert.Throws<SweepException>(() => SweepMerger.Merge([s1, s2, s2], _files.PathOf("m")));
        Assert.Equal($"{s2}: shard 2/3 is given twice (also {s2})", twice.Message);

        string manifest = Path.Combine(s3, "sweep.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"complete\"", "\"running\"", StringComparison.Ordinal));
        var running = Assert.Throws<SweepException>(() => SweepMerger.Merge([s1, s2, s3], _files.PathOf("m")));
        Assert.Equal($"{s3}: shard 3/3 is not complete (status 'running'); finish it with 'sweep sweep.yaml out {s3} shard 3/3 resume'", running.Message);

        var notSweep = Assert.Throws<SweepException>(() => SweepMerger.Merge([_files.Dir], _files.PathOf("m")));
        Assert.Equal($"{_files.Dir}: no sweep.json; this is not a sweep output folder (run 'sweep FILE out {_files.Dir}' first)", notSweep.Message);
    }

    [Fact]
    public void Merge_RejectsShardsOfAnotherSweep()
    {
        Run("s1", shard: new Shard(1, 2));
        _files.Write("sweep.yaml", TestFiles.Sweep.Replace("seed: 42", "seed: 43", StringComparison.Ordinal));
        Run("s2", shard: new Shard(2, 2));

        var e = Assert.Throws<SweepException>(() => SweepMerger.Merge([_files.PathOf("s1"), _files.PathOf("s2")], _files.PathOf("m")));
        Assert.StartsWith($"{_files.PathOf("s2")}: is from a different sweep than {_files.PathOf("s1")} (sweep.yaml sha256:", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(-1)]
    public void Resume_AfterAHalfWrittenLastLine_GivesTheFilesOfAnUninterruptedRun(int cutInsideLine)
    {
        Run("full");
        var full = TestFiles.Outputs(_files.PathOf("full"));

        // Simulate a crash: the manifest says running, results.csv stops part way through job 13's line.
        string dir = _files.PathOf("crashed");
        Directory.CreateDirectory(dir);
        var text = System.Text.Encoding.UTF8.GetString(full["results.csv"]);
        int lineStart = Nth(text, '\n', 14) + 1;
        int cut = cutInsideLine < 0 ? lineStart : lineStart + cutInsideLine;
        File.WriteAllText(Path.Combine(dir, "results.csv"), text[..cut]);
        File.WriteAllText(Path.Combine(dir, "sweep.json"), System.Text.Encoding.UTF8.GetString(full["sweep.json"]).Replace("\"complete\"", "\"running\"", StringComparison.Ordinal));

        var result = Run("crashed", parallel: 3, resume: true);

        Assert.True(result.Complete);
        Assert.Equal(13, result.Skipped);
        Assert.Equal(19, result.Ran);
        Assert.Equal(cutInsideLine < 0 ? 0 : cutInsideLine, result.RepairedBytes);
        foreach (var (name, bytes) in full)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, name)));
        }
    }

    [Fact]
    public void Resume_CutsAGarbageTail_AndRowsOutOfJobOrder()
    {
        Run("full");
        var full = TestFiles.Outputs(_files.PathOf("full"));
        string dir = _files.PathOf("damaged");
        Directory.CreateDirectory(dir);
        var text = System.Text.Encoding.UTF8.GetString(full["results.csv"]);
        int end = Nth(text, '\n', 6) + 1;

        // Five good rows, then a duplicated row (a complete line that is not the next job), then zeros.
        string duplicate = text[(Nth(text, '\n', 5) + 1)..end];
        File.WriteAllText(Path.Combine(dir, "results.csv"), text[..end] + duplicate + "\0\0\0\0");
        File.WriteAllBytes(Path.Combine(dir, "sweep.json"), full["sweep.json"]);

        var result = Run("damaged", resume: true);

        Assert.Equal(5, result.Skipped);
        Assert.Equal(duplicate.Length + 4, result.RepairedBytes);
        Assert.Equal(full["results.csv"], File.ReadAllBytes(Path.Combine(dir, "results.csv")));
        Assert.Equal(full["summary.csv"], File.ReadAllBytes(Path.Combine(dir, "summary.csv")));
    }

    [Fact]
    public void Cancel_StopsWithConsistentFiles_AndResumeCompletesThem()
    {
        Run("full");
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfter(cts, 9);

        var first = Run("cut", parallel: 2, ct: cts.Token, progress: progress);

        Assert.False(first.Complete);
        Assert.InRange(first.Ran, 9, 31);
        Assert.Contains("\"status\": \"running\"", File.ReadAllText(_files.PathOf("cut/sweep.json")));
        Assert.False(File.Exists(_files.PathOf("cut/summary.csv")));
        Assert.Equal(first.Ran + 1, File.ReadAllLines(_files.PathOf("cut/results.csv")).Length);

        var second = Run("cut", parallel: 4, resume: true);

        Assert.True(second.Complete);
        Assert.Equal(first.Ran, second.Skipped);
        foreach (var (name, bytes) in TestFiles.Outputs(_files.PathOf("full")))
        {
            Assert.Equal(bytes, File.ReadAllBytes(_files.PathOf("cut/" + name)));
        }
    }

    [Fact]
    public async Task AJobThatThrows_AtTheHeadOfAFullWindow_FailsTheSweepWithIt_AndResumeCompletesIt()
    {
        Run("full");
        var boom = new InvalidOperationException("boom");
        using var lastOfWindowStarted = new ManualResetEventSlim();
        long highestStarted = -1;
        long highestStartedAtThrow = -1;

        // Two threads give a window of 8 jobs: job 0 holds one thread until the other has taken jobs 1..7.
        void BeforeJob(long job)
        {
            InterlockedMax(ref highestStarted, job);
            if (job == 7)
            {
                lastOfWindowStarted.Set();
            }

            if (job == 0)
            {
                lastOfWindowStarted.Wait(HangGuard);
                highestStartedAtThrow = Interlocked.Read(ref highestStarted);
                throw boom;
            }
        }

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => RunGuarded("cut", parallel: 2, BeforeJob));

        Assert.Same(boom, e.InnerException);
        Assert.Equal("Sweep job 0 failed: boom", e.Message);
        Assert.Equal(7, highestStartedAtThrow);
        Assert.Single(File.ReadAllLines(_files.PathOf("cut/results.csv")));
        Assert.Contains("\"status\": \"running\"", File.ReadAllText(_files.PathOf("cut/sweep.json")));
        AssertResumeGivesTheFilesOf("full", "cut", skipped: 0);
    }

    [Theory]
    [InlineData(1, 13)]
    [InlineData(4, 13)]
    [InlineData(4, 31)]
    public async Task AJobThatThrows_FailsTheSweepWithIt_KeepsTheRowsBeforeIt_AndResumeContinues(int parallel, long failing)
    {
        Run("full");
        var boom = new InvalidOperationException("boom");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => RunGuarded("cut", parallel, job =>
        {
            if (job == failing)
            {
                throw boom;
            }
        }));

        Assert.Same(boom, e.InnerException);
        Assert.Equal(failing + 1, File.ReadAllLines(_files.PathOf("cut/results.csv")).Length);
        Assert.False(File.Exists(_files.PathOf("cut/summary.csv")));
        AssertResumeGivesTheFilesOf("full", "cut", skipped: failing);
    }

    [Fact]
    public void Run_RefusesAFolderHoldingASweep_WithoutResume()
    {
        Run("out");
        var e = Assert.Throws<SweepException>(() => Run("out"));
        Assert.Equal($"{_files.PathOf("out")}: already holds a sweep; add resume to continue it, or choose an empty out folder", e.Message);
    }

    [Fact]
    public void Resume_RefusesAChangedSweepFile()
    {
        Run("out", shard: new Shard(1, 2));
        _files.Write("sweep.yaml", TestFiles.Sweep.Replace("replications: 4", "replications: 5", StringComparison.Ordinal));

        var e = Assert.Throws<SweepException>(() => Run("out", shard: new Shard(1, 2), resume: true));
        Assert.StartsWith($"{_files.PathOf("out")}: holds a different sweep (sweep.yaml, sha256:", e.Message);
    }

    [Fact]
    public void Resume_OfACompleteSweep_RunsNothingAndKeepsTheBytes()
    {
        Run("out");
        var before = TestFiles.Outputs(_files.PathOf("out"));

        var again = Run("out", resume: true);

        Assert.Equal(32, again.Skipped);
        Assert.Equal(0, again.Ran);
        foreach (var (name, bytes) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(_files.PathOf("out/" + name)));
        }
    }

    [Theory]
    [InlineData(1, 3, 11)]
    [InlineData(3, 3, 10)]
    [InlineData(35, 40, 0)]
    [InlineData(5, 40, 1)]
    [InlineData(1, 1, 32)]
    public void Shard_TakesEveryNthJob(int k, int n, long expected)
    {
        var shard = new Shard(k, n);
        Assert.Equal(expected, shard.JobsOf(32));
        Assert.Equal(expected, Enumerable.Range(0, 32).Count(j => shard.Contains(j)));
        for (long i = 0; i < expected; i++)
        {
            Assert.True(shard.Contains(shard.JobAt(i)));
        }
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1-3")]
    [InlineData("a/b")]
    public void Shard_RejectsBadText(string text)
    {
        Assert.Null(Shard.TryParse(text, out var error));
        Assert.Equal($"shard '{text}' must be K/N with 1 <= K <= N, e.g. shard 2/8 for the second of eight shards, or auto", error?.ToString());
    }

    /// <summary>Only a guard against a hang: no test asserts on time.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    private Task<SweepRunResult> RunGuarded(string outName, int parallel, Action<long> beforeJob) =>
        Task.Run(() => SweepRunner.Run(SweepPlan.Load(_files.PathOf("sweep.yaml")), new SweepRunOptions(_files.PathOf(outName), parallel, false, Shard.All, "patrolsim test"), null, CancellationToken.None, beforeJob))
            .WaitAsync(HangGuard);

    private void AssertResumeGivesTheFilesOf(string reference, string outName, long skipped)
    {
        var resumed = Run(outName, parallel: 3, resume: true);

        Assert.True(resumed.Complete);
        Assert.Equal(skipped, resumed.Skipped);
        foreach (var (name, bytes) in TestFiles.Outputs(_files.PathOf(reference)))
        {
            Assert.Equal(bytes, File.ReadAllBytes(_files.PathOf(outName + "/" + name)));
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static int Nth(string text, char c, int n)
    {
        int index = -1;
        for (int i = 0; i < n; i++)
        {
            index = text.IndexOf(c, index + 1);
        }

        return index;
    }

    private sealed class CancelAfter(CancellationTokenSource cts, long jobs) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= jobs)
            {
                cts.Cancel();
            }
        }
    }
}
