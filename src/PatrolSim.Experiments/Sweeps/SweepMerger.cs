using System.Globalization;
using System.Text;
using PatrolSim.Experiments.Sweeps.Designs;
using PatrolSim.Output;
using Terms = PatrolSim.Experiments.ExperimentSettings;

namespace PatrolSim.Experiments.Sweeps;

/// <summary>
/// Combines the folders of shards 1/N … N/N of one sweep into the files a single unsharded run writes:
/// results.csv (rows interleaved back into job order), summary.csv and sweep.json (shard 1/1, complete).
/// </summary>
public static class SweepMerger
{
    /// <summary>Merges shard folders into <paramref name="outDir"/>; returns the number of jobs.</summary>
    /// <exception cref="SweepException">The folders are not the complete, non-overlapping shards of one sweep.</exception>
    public static long Merge(IReadOnlyList<string> shardDirs, string outDir)
    {
        ArgumentNullException.ThrowIfNull(shardDirs);
        if (shardDirs.Count == 0)
        {
            throw new SweepException(Problem.Of($"give the shard folders to merge, e.g. {Terms.Merge} out/shard-1 out/shard-2 {Terms.Out} out/all"));
        }

        var manifests = shardDirs.Select(SweepManifest.Read).ToArray();
        var first = manifests[0];
        int n = first.Shard.Count;
        var byIndex = new string?[n + 1];
        for (int i = 0; i < manifests.Length; i++)
        {
            var m = manifests[i];
            string dir = shardDirs[i];
            if (!m.SameSweepAs(first))
            {
                throw new SweepException($"{dir}: is from a different sweep than {shardDirs[0]} ({m.SweepFile} {m.Hash} vs {first.SweepFile} {first.Hash}); merge only shards of one sweep");
            }

            if (m.Shard.Count != n)
            {
                throw new SweepException($"{dir}: is shard {m.Shard} but {shardDirs[0]} is shard {first.Shard}; all shards must share the same N");
            }

            if (!m.IsComplete)
            {
                throw new SweepException(Problem.Of($"{dir}: shard {m.Shard} is not complete (status '{m.Status}'); finish it with '{Terms.Sweep} {m.SweepFile} {Terms.Out} {dir} {Terms.Shard} {m.Shard} {Terms.Resume}'"));
            }

            if (byIndex[m.Shard.Index] is not null)
            {
                throw new SweepException($"{dir}: shard {m.Shard} is given twice (also {byIndex[m.Shard.Index]})");
            }

            byIndex[m.Shard.Index] = dir;
        }

        var missing = Enumerable.Range(1, n).Where(k => byIndex[k] is null).ToArray();
        if (missing.Length > 0)
        {
            throw new SweepException(string.Create(CultureInfo.InvariantCulture,
                $"shard{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(k => $"{k}/{n}"))} missing; give all {n} shard folders"));
        }

        Directory.CreateDirectory(outDir);
        if (first.Format == ResultsFormat.Parquet)
        {
            MergeParquet(byIndex, n, first, outDir);
        }
        else
        {
            MergeCsv(byIndex, n, first, Path.Combine(outDir, SweepRunner.ResultsFile));
        }

        if (first.Design.Kind == DesignKind.Grid)
        {
            SweepSummary.Write(outDir, Path.Combine(outDir, SweepRunner.SummaryFile), first.Parameters.Count);
        }

        AtomicFile.Write(Path.Combine(outDir, SweepManifest.FileName), (first with { Shard = Shard.All, Status = "complete" }).Write);
        return first.Jobs;
    }

    /// <summary>Interleaves the shards' results.parquet rows back into job order, one row group per shard in memory.</summary>
    private static void MergeParquet(string?[] byIndex, int n, SweepManifest first, string outDir)
    {
        var files = Enumerable.Range(1, n).Select(k => Path.Combine(byIndex[k]!, SweepResults.ParquetFile)).ToArray();
        var columns = ParquetResults.Columns(files[0]);
        for (int k = 1; k < n; k++)
        {
            if (!SameColumns(ParquetResults.Columns(files[k]), columns))
            {
                throw new SweepException($"{byIndex[k + 1]}: results.parquet has different columns from {byIndex[1]}");
            }
        }

        var readers = files.Select(f => ParquetResults.Read(f).GetEnumerator()).ToArray();
        try
        {
            IEnumerable<JobRow> Interleaved()
            {
                for (long job = 0; job < first.Jobs; job++)
                {
                    int k = (int)(job % n);
                    if (!readers[k].MoveNext() || readers[k].Current.Job != job)
                    {
                        throw new SweepException(Problem.Of(
                            $"{byIndex[k + 1]}: results.parquet should hold job {job} next but does not; the shard is incomplete or was edited; rerun it with {Terms.Resume}"));
                    }

                    yield return readers[k].Current;
                }

                for (int k = 0; k < n; k++)
                {
                    if (readers[k].MoveNext())
                    {
                        throw new SweepException($"{byIndex[k + 1]}: results.parquet has rows beyond its shard's jobs; it was edited or belongs to another sweep");
                    }
                }
            }

            ParquetResults.Write(Path.Combine(outDir, SweepResults.ParquetFile), columns, Interleaved());
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }

    private static bool SameColumns(ResultColumns a, ResultColumns b) =>
        a.Parameters.SequenceEqual(b.Parameters) && a.NumericParameters.SequenceEqual(b.NumericParameters) && a.Metrics.SequenceEqual(b.Metrics);

    private static void MergeCsv(string?[] byIndex, int n, SweepManifest first, string results)
    {
        var readers = Enumerable.Range(1, n).Select(k => new StreamReader(Path.Combine(byIndex[k]!, SweepRunner.ResultsFile), new UTF8Encoding(false))).ToArray();
        try
        {
            string? header = null;
            for (int k = 0; k < n; k++)
            {
                string h = readers[k].ReadLine() ?? "";
                if (header is not null && h != header)
                {
                    throw new SweepException($"{byIndex[k + 1]}: results.csv has a different header from {byIndex[1]}");
                }

                header = h;
            }

            AtomicFile.WriteText(results, w =>
            {
                w.Write(header);
                w.Write(TextOutput.NewLine);
                for (long job = 0; job < first.Jobs; job++)
                {
                    int k = (int)(job % n);
                    string? line = readers[k].ReadLine();
                    string expected = job.ToString(CultureInfo.InvariantCulture) + ",";
                    if (line is null || !line.StartsWith(expected, StringComparison.Ordinal))
                    {
                        throw new SweepException(Problem.Of(
                            $"{byIndex[k + 1]}: results.csv should hold job {job} next but has {(line is null ? "no more rows" : $"'{line.Split(',')[0]}'")}; the shard is incomplete or was edited; rerun it with {Terms.Resume}"));
                    }

                    w.Write(line);
                    w.Write(TextOutput.NewLine);
                }
            });
            for (int k = 0; k < n; k++)
            {
                if (readers[k].ReadLine() is not null)
                {
                    throw new SweepException($"{byIndex[k + 1]}: results.csv has rows beyond its shard's jobs; it was edited or belongs to another sweep");
                }
            }
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }
}
