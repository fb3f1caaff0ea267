using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Diagnostics;
using PatrolSim.Experiments.Sweeps.Designs;
using PatrolSim.Model.Simulation;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Experiments.Sweeps;

/// <summary>How to run a sweep.</summary>
/// <param name="OutDir">Output folder.</param>
/// <param name="Parallelism">Worker threads (results are identical for any value).</param>
/// <param name="Resume">Continue the sweep already in <paramref name="OutDir"/>.</param>
/// <param name="Shard">Which jobs to run.</param>
/// <param name="Tool">"patrolsim VERSION" for the manifest.</param>
/// <param name="ResumeCommand">The command that continues this sweep, for messages (null: a generic one).</param>
/// <param name="Format">results.csv or results.parquet.</param>
public sealed record SweepRunOptions(string OutDir, int Parallelism, bool Resume, Shard Shard, string Tool, string? ResumeCommand = null, ResultsFormat Format = ResultsFormat.Csv);

/// <summary>How a sweep run ended.</summary>
/// <param name="Complete">Whether all the shard's jobs are in results.csv.</param>
/// <param name="ShardJobs">Jobs in this shard.</param>
/// <param name="Skipped">Jobs already in results.csv when resuming.</param>
/// <param name="Ran">Jobs simulated and written by this run.</param>
/// <param name="RepairedBytes">Bytes of a half-written or damaged tail removed from results.csv on resume.</param>
public sealed record SweepRunResult(bool Complete, long ShardJobs, long Skipped, long Ran, long RepairedBytes);

/// <summary>
/// Runs a sweep's jobs on several threads and streams one row per job to results.csv in job order,
/// whatever order jobs finish in (a reorder window of a few jobs per thread keeps memory flat). results.csv
/// is the journal: each row is flushed as written, and <c>--resume</c> keeps its valid prefix, cuts a
/// half-written last line and continues with the next job, so the final files equal an uninterrupted run's.
/// </summary>
public static class SweepRunner
{
    /// <summary>results.csv.</summary>
    public const string ResultsFile = SweepResults.CsvFile;

    /// <summary>summary.csv.</summary>
    public const string SummaryFile = "summary.csv";

    /// <summary>The results.csv header for a plan: job, point, replication, seed, parameters, metrics.</summary>
    public static IReadOnlyList<string> Header(SweepPlan plan) => Columns(plan).Header;

    /// <summary>The result columns of a plan: a parameter is numeric when all its grid values are numbers, or its range is numeric.</summary>
    public static ResultColumns Columns(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var numeric = plan.Design.Kind == DesignKind.Grid
            ? plan.Dimensions.SelectMany(d => d.Keys.Select((key, k) => d.Rows.All(r => double.TryParse(r[k], NumberStyles.Float, CultureInfo.InvariantCulture, out double _)))).ToArray()
            : plan.Ranges.Select(r => r.IsNumeric).ToArray();
        return new ResultColumns(plan.Parameters, numeric, plan.Metrics.Select(m => m.Name).ToArray());
    }

    /// <summary>Runs (or resumes) the shard's jobs. Cancelling stops scheduling; jobs running finish and are written.</summary>
    /// <exception cref="SweepException">The folder holds another sweep, or cannot be resumed.</exception>
    /// <exception cref="InvalidOperationException">A job failed (the inner exception says why); the rows of the jobs before it are in results.csv, so <c>--resume</c> continues from it.</exception>
    public static SweepRunResult Run(SweepPlan plan, SweepRunOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Run(plan, options, progress, cancellationToken, beforeJob: null);

    /// <summary>As <see cref="Run(SweepPlan, SweepRunOptions, IProgress{long}?, CancellationToken)"/>, calling <paramref name="beforeJob"/> (a test hook) with each job number before simulating it.</summary>
    internal static SweepRunResult Run(SweepPlan plan, SweepRunOptions options, IProgress<long>? progress, CancellationToken cancellationToken, Action<long>? beforeJob)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        string dir = options.OutDir;
        bool parquet = options.Format == ResultsFormat.Parquet;
        string results = Path.Combine(dir, SweepResults.FileName(options.Format));
        string manifestPath = Path.Combine(dir, SweepManifest.FileName);
        var manifest = SweepManifest.For(plan, options.Shard, options.Tool, "running") with { Format = options.Format };
        long shardJobs = manifest.ShardJobs;
        var columns = Columns(plan);
        string header = Csv.Line(columns.Header);

        Directory.CreateDirectory(dir);
        using var folderLock = SweepLock.Acquire(dir, options.ResumeCommand ?? $"patrolsim sweep SWEEP.yaml --out {dir} --resume");
        long skipped = 0;
        long repaired = 0;
        if (options.Resume && File.Exists(manifestPath))
        {
            var old = SweepManifest.Read(dir);
            if (!old.SameSweepAs(manifest))
            {
                throw new SweepException($"{dir}: holds a different sweep ({old.SweepFile}, {old.Hash}); the sweep file, its base scenario or their contents changed since it started. Resume with the same files, or use a new --out folder");
            }

            if (old.Shard != options.Shard)
            {
                throw new SweepException(Problem.Of($"{dir}: holds shard {old.Shard}, not {options.Shard}; resume with {Terms.Shard} {old.Shard}"));
            }

            if (old.Format != options.Format)
            {
                throw new SweepException(Problem.Of($"{dir}: holds {SweepResults.FileName(old.Format)}; resume with {Terms.Format} {old.Format.ToString().ToLowerInvariant()}"));
            }

            (skipped, repaired) = !parquet ? Repair(results, header, options.Shard, shardJobs)
                : File.Exists(results) ? (ParquetResults.RowCount(results), 0)
                : ParquetResults.Repair(dir, options.Shard, shardJobs);
        }
        else
        {
            if (File.Exists(manifestPath) || File.Exists(Path.Combine(dir, SweepResults.CsvFile)) || File.Exists(Path.Combine(dir, SweepResults.ParquetFile))
                || Directory.Exists(Path.Combine(dir, ParquetResults.PartsFolder)))
            {
                throw new SweepException(Problem.Of($"{dir}: already holds a sweep; add {Terms.Resume} to continue it, or choose an empty {Terms.Out} folder"));
            }
        }

        AtomicFile.Write(manifestPath, manifest.Write);
        long ran = 0;
        if (parquet)
        {
            if (!File.Exists(results))
            {
                Directory.CreateDirectory(Path.Combine(dir, ParquetResults.PartsFolder));
                progress?.Report(skipped);
                using var sink = new ParquetSink(dir, columns, skipped);
                ran = RunJobs(plan, options, skipped, shardJobs, sink.Write, progress, cancellationToken, beforeJob);
            }
        }
        else
        {
            using var stream = new FileStream(results, skipped > 0 || repaired > 0 ? FileMode.Open : FileMode.Create, FileAccess.Write, FileShare.Read);
            stream.Seek(0, SeekOrigin.End);
            var writer = TextOutput.CreateWriter(stream);
            if (stream.Length == 0)
            {
                writer.Write(header);
                writer.Flush();
            }

            progress?.Report(skipped);
            ran = RunJobs(plan, options, skipped, shardJobs, row =>
            {
                writer.Write(SweepResults.CsvLine(row));
                writer.Flush();
            }, progress, cancellationToken, beforeJob);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        bool complete = skipped + ran == shardJobs;
        if (complete)
        {
            if (parquet && !File.Exists(results))
            {
                ParquetResults.Compact(dir, columns);
            }

            if (options.Shard.IsAll && plan.Design.Kind == DesignKind.Grid)
            {
                SweepSummary.Write(dir, Path.Combine(dir, SummaryFile), plan.Parameters.Count);
            }

            AtomicFile.Write(manifestPath, (manifest with { Status = "complete" }).Write);
        }

        return new SweepRunResult(complete, shardJobs, skipped, ran, repaired);
    }

    /// <summary>
    /// Buffers finished rows and flushes them as one Parquet part when <see cref="ParquetResults.RowGroupRows"/> are
    /// waiting or five seconds have passed since the last part, and on dispose (the end, an interruption or a failure).
    /// </summary>
    private sealed class ParquetSink(string dir, ResultColumns columns, long start) : IDisposable
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
        private readonly ParquetResults.Buffer _buffer = new(columns, ParquetResults.RowGroupRows);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _next = start;

        public void Write(JobRow row)
        {
            _buffer.Add(row);
            if (_buffer.Full || _clock.Elapsed >= Every)
            {
                Flush();
            }
        }

        public void Dispose() => Flush();

        private void Flush()
        {
            _clock.Restart();
            if (_buffer.Count == 0)
            {
                return;
            }

            ParquetResults.WritePart(ParquetResults.PartPath(dir, _next), _buffer);
            _next += _buffer.Count;
            _buffer.Clear();
        }
    }

    private static long RunJobs(SweepPlan plan, SweepRunOptions options, long start, long shardJobs, Action<JobRow> write,
        IProgress<long>? progress, CancellationToken ct, Action<long>? beforeJob)
    {
        long total = shardJobs - start;
        if (total <= 0)
        {
            return 0;
        }

        int workers = (int)Math.Min(options.Parallelism, total);
        var sims = new ConcurrentDictionary<int, Lazy<PatrolSimulation>>();
        return OrderedParallel.Run(total, workers, window: Math.Max(8, workers * 4),
            job: pos =>
            {
                long job = options.Shard.JobAt(start + pos);
                try
                {
                    beforeJob?.Invoke(job);
                    return Row(plan, job, sims);
                }
                catch (Exception e) when (e is not SweepException)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Sweep job {job} failed: {e.Message}"), e);
                }
            },
            write: (pos, row) =>
            {
                write(row);
                progress?.Report(start + pos + 1);
                EvictBefore(sims, (int)(options.Shard.JobAt(start + pos) / plan.Replications));
            },
            ct);
    }

    private static void EvictBefore(ConcurrentDictionary<int, Lazy<PatrolSimulation>> sims, int point)
    {
        foreach (int p in sims.Keys)
        {
            if (p < point)
            {
                sims.TryRemove(p, out _);
            }
        }
    }

    /// <summary>The results of one job.</summary>
    internal static JobRow Row(SweepPlan plan, long job, ConcurrentDictionary<int, Lazy<PatrolSimulation>> sims)
    {
        int point = (int)(job / plan.Replications);
        int rep = (int)(job % plan.Replications);
        var sim = sims.GetOrAdd(point, p => new Lazy<PatrolSimulation>(() => new PatrolSimulation(plan.ScenarioAt(p)))).Value;
        var result = sim.Run(plan.Seed, rep);
        return new JobRow(job, point, rep, result.Seed, plan.PointValues(point), plan.Metrics.Select(m => m.ValueIn(plan.ScenarioAt(point), result)).ToArray());
    }

    /// <summary>
    /// Keeps the valid prefix of results.csv: the header, then rows whose job column follows the shard's job
    /// order and whose field count matches; cuts the rest (a half-written or damaged tail). Returns the rows
    /// kept and the bytes removed.
    /// </summary>
    internal static (long Rows, long RemovedBytes) Repair(string path, string header, Shard shard, long shardJobs)
    {
        if (!File.Exists(path))
        {
            return (0, 0);
        }

        int fields = header.Count(c => c == ',') + 1;
        long keep = 0;
        long rows = 0;
        long length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            length = stream.Length;
            var buffered = new BufferedStream(stream, 1 << 16);
            var line = new List<byte>(1024);
            long offset = 0;
            bool headerSeen = false;
            int b;
            while ((b = buffered.ReadByte()) >= 0)
            {
                offset++;
                line.Add((byte)b);
                if (b != '\n')
                {
                    continue;
                }

                string text = Encoding.UTF8.GetString(line.ToArray());
                line.Clear();
                if (!headerSeen)
                {
                    if (text != header)
                    {
                        break;
                    }

                    headerSeen = true;
                    keep = offset;
                    continue;
                }

                if (rows >= shardJobs || !ValidRow(text, fields, shard.JobAt(rows)))
                {
                    break;
                }

                rows++;
                keep = offset;
            }
        }

        if (keep < length)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
            stream.SetLength(keep);
        }

        return (rows, length - keep);
    }

    private static bool ValidRow(string text, int fields, long expectedJob)
    {
        if (text.Contains('\0', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text.AsSpan(0, text.Length - 1);
        int count = parts.Count(',') + 1;
        int comma = parts.IndexOf(',');
        return count == fields && comma > 0
            && long.TryParse(parts[..comma], NumberStyles.None, CultureInfo.InvariantCulture, out long job) && job == expectedJob;
    }
}
